import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxDate,
  Matches,
  MaxLength,
  Min,
  MinDate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { plainText } from '@civitas/common';
import { CRITERIA, type Criterion, OPTIONAL_FIELDS, type ProjectField } from '../../edition-rules';
import { type Phase, PHASES } from '../../phases';
import { PROJECT_SORTS, type ProjectSort } from '../../projects.service';

const MONEY_MAX = Number.MAX_SAFE_INTEGER;

/**
 * A plain-text field as it is stored (tags taken out, NFC, trimmed: see plainText), so that the rules after it check
 * what would be stored: a name of spaces or of tags alone is empty. Other types are left to the type rule.
 */
export const PlainText = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? plainText(value) : value));

/** May be left out, but is never null: the field always has a value (null is refused by the type rule). */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined);

/** An instant of a phase: an ISO 8601 string (not a number of milliseconds), within the years an edition can have. */
const PhaseInstant = (): PropertyDecorator => (target: object, key: string | symbol) => {
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : value))(target, key);
  IsDate()(target, key);
  MinDate(new Date('1999-01-01T00:00:00Z'))(target, key);
  MaxDate(new Date('2102-01-01T00:00:00Z'))(target, key);
};

export class PhaseDto {
  @ApiProperty({ enum: PHASES })
  @IsIn(PHASES)
  phase: Phase;

  @ApiProperty({ example: '2027-02-01T00:00:00+01:00' })
  @PhaseInstant()
  startsAt: Date;

  @ApiProperty({ example: '2027-03-01T00:00:00+01:00' })
  @PhaseInstant()
  endsAt: Date;
}

export class RulesDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 3, description: 'Authors per project, the main author included.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  maxAuthors?: number;

  @ApiPropertyOptional({ enum: OPTIONAL_FIELDS, isArray: true, description: 'Fields required before submission (title and cost always are).' })
  @IsOptional()
  @IsArray()
  @IsIn(OPTIONAL_FIELDS, { each: true })
  requiredFields?: ProjectField[];

  @ApiPropertyOptional({ enum: CRITERIA, isArray: true, description: 'Review criteria that apply.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CRITERIA, { each: true })
  criteria?: Criterion[];

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  correctionDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  appealDays?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  onlineEndorsements?: boolean;
}

export class CategoryDto {
  @ApiProperty({ example: 'Zieleń', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  namePl: string;

  @ApiProperty({ example: 'Greenery', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  nameEn: string;
}

export class CreateEditionDto {
  @ApiProperty({ example: 'Budżet Obywatelski 2027', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ type: [PhaseDto], description: 'Every phase once, in order, without overlaps.' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PhaseDto)
  phases: PhaseDto[];

  @ApiPropertyOptional({ type: RulesDto, description: 'A rule left out, or null, keeps its value (its default in a new edition).' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RulesDto)
  rules?: RulesDto;

  @ApiPropertyOptional({ enum: ['alphabetical', 'lottery'], default: 'alphabetical' })
  @IsOptional()
  @IsIn(['alphabetical', 'lottery'])
  ballotOrder?: 'alphabetical' | 'lottery';

  @ApiPropertyOptional({ type: [CategoryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CategoryDto)
  categories?: CategoryDto[];
}

export class UpdateEditionDto {
  @ApiPropertyOptional({ description: 'Plain text (tags are taken out).' })
  @IsOptional()
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ type: [PhaseDto], description: 'The whole schedule (moving a phase by hand).' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PhaseDto)
  phases?: PhaseDto[];

  @ApiPropertyOptional({ type: RulesDto, description: 'A rule left out, or null, keeps its value (its default in a new edition).' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RulesDto)
  rules?: RulesDto;

  @ApiPropertyOptional({ enum: ['alphabetical', 'lottery'] })
  @IsOptional()
  @IsIn(['alphabetical', 'lottery'])
  ballotOrder?: 'alphabetical' | 'lottery';
}

export class PoolDto {
  @ApiProperty({ example: 'Śródmieście', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The area of a district pool; none = city-wide.' })
  @IsOptional()
  @IsUUID('all')
  areaId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A cost category pool (e.g. green projects).' })
  @IsOptional()
  @IsUUID('all')
  categoryId?: string;

  @ApiProperty({ description: 'Grosze.', example: 500000000 })
  @IsInt()
  @Min(1)
  @Max(MONEY_MAX)
  amount: number;

  @ApiPropertyOptional({ description: 'Minimum project cost, grosze.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MONEY_MAX)
  minCost?: number;

  @ApiPropertyOptional({ description: 'Maximum project cost, grosze.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MONEY_MAX)
  maxCost?: number;

  @ApiPropertyOptional({ description: 'Minimum project cost, basis points of the pool (100 = 1 %).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  minCostBp?: number;

  @ApiPropertyOptional({ description: 'Maximum project cost, basis points of the pool (10000 = 100 %).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  maxCostBp?: number;

  @ApiProperty({ description: 'Support signatures required; at most floor(0.1 % × residents of the area).', example: 20 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  signaturesRequired: number;
}

export class CostItemDto {
  @ApiProperty({ example: 'Ławki (10 szt.)', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  description: string;

  @ApiProperty({ description: 'Grosze.', example: 1500000 })
  @IsInt()
  @Min(1)
  @Max(MONEY_MAX)
  amount: number;
}

class ProjectFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Where the project is (the pool’s area or inside it).' })
  @IsOptional()
  @IsUUID('all')
  areaId?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Plain text (tags are taken out); not null.' })
  @OptionalNotNull()
  @PlainText()
  @IsString()
  @MaxLength(1000)
  summary?: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'Plain text (tags are taken out); not null.' })
  @OptionalNotNull()
  @PlainText()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Plain text (tags are taken out); not null.' })
  @OptionalNotNull()
  @PlainText()
  @IsString()
  @MaxLength(10000)
  justification?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Plain text (tags are taken out); not null.' })
  @OptionalNotNull()
  @PlainText()
  @IsString()
  @MaxLength(5000)
  beneficiaries?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Plain text (tags are taken out); not null.' })
  @OptionalNotNull()
  @PlainText()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null: no coordinates.' })
  @IsOptional()
  @IsNumber()
  @IsLatitude()
  latitude?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'null: no coordinates.' })
  @IsOptional()
  @IsNumber()
  @IsLongitude()
  longitude?: number | null;
}

export class CreateProjectDto extends ProjectFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  poolId: string;

  @ApiProperty({ example: 'Ławki w parku Oliwskim', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [CostItemDto], description: 'The total cost is their sum.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CostItemDto)
  costItems: CostItemDto[];
}

export class UpdateProjectDto extends ProjectFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsUUID('all')
  poolId?: string;

  @ApiPropertyOptional({ description: 'Plain text (tags are taken out); not null.' })
  @OptionalNotNull()
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: [CostItemDto], description: 'The whole breakdown; not null.' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CostItemDto)
  costItems?: CostItemDto[];
}

export class ListProjectsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') pool?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Projects in this area or inside it.' }) @IsOptional() @IsUUID('all') area?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) status?: string;
  @ApiPropertyOptional({ description: 'Words of the title or summary.' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({
    enum: PROJECT_SORTS,
    default: 'number',
    description: 'number; random (shuffled by `seed`: the same seed, the same order); newest (submitted); cost_asc; cost_desc.',
  })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort?: ProjectSort;
  @ApiPropertyOptional({ description: 'The shuffle of sort=random (letters and digits); a new one is drawn and returned when not given.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,32}$/)
  seed?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page?: number;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class CriterionVerdictDto {
  @ApiProperty({ enum: CRITERIA })
  @IsIn(CRITERIA)
  criterion: Criterion;

  @ApiProperty()
  @IsBoolean()
  met: boolean;

  @ApiProperty({ maxLength: 5000, description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  justification: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['formal', 'merit'] })
  @IsIn(['formal', 'merit'])
  stage: 'formal' | 'merit';

  @ApiProperty({ enum: ['positive', 'negative', 'correction'], description: 'correction: formal review only; the authors get a deadline.' })
  @IsIn(['positive', 'negative', 'correction'])
  outcome: 'positive' | 'negative' | 'correction';

  @ApiProperty({ type: [CriterionVerdictDto], description: 'One verdict per criterion of the edition.' })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionVerdictDto)
  criteria: CriterionVerdictDto[];

  @ApiProperty({ maxLength: 10000, description: 'The public justification sent to the authors (plain text: tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  justification: string;
}

export class AppealDto {
  @ApiProperty({ maxLength: 10000, description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  justification: string;
}

export class AppealDecisionDto extends AppealDto {
  @ApiProperty({ description: 'true: upheld (the project is admitted); false: dismissed.' })
  @IsBoolean()
  upheld: boolean;
}
