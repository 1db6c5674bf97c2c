import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { baseName } from '@civitas/common';
import { ATTACHMENT_KINDS, type InitiativeAttachmentKind } from '../applications.service';
import { INITIATIVE_STATUSES, type InitiativeStatus } from '../initiative-status';
import { TASK_AREA_KEYS, type TaskArea } from '../task-areas';

const MONEY = 1_000_000_000_00; // 1 bn zł in grosze: far above any local initiative

export class CriterionDto {
  @ApiProperty({ example: 'volunteer' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/i)
  key: string;

  @ApiProperty({ example: 'Wkład pracy społecznej' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  namePl: string;

  @ApiProperty({ example: 'Volunteer work' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn: string;

  @ApiProperty({ description: 'Weight in the weighted average.' })
  @IsNumber()
  @Min(0.01)
  @Max(1000)
  weight: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(100)
  maxPoints: number;

  @ApiProperty({ description: "The criterion of residents' volunteer work (exactly one, art. 19e)." })
  @IsBoolean()
  volunteerWork: boolean;
}

export class WindowDto {
  @ApiProperty({ example: '2027-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  opensOn: string;

  @ApiProperty({ example: '2027-03-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  closesOn: string;
}

export class ProgrammeDto {
  @ApiProperty({ enum: ['continuous', 'windows'] })
  @IsIn(['continuous', 'windows'])
  intake: 'continuous' | 'windows';

  @ApiPropertyOptional({ type: [WindowDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => WindowDto)
  windows?: WindowDto[];

  @ApiProperty({ description: 'The year’s allocation in grosze.' })
  @IsInt()
  @Min(1)
  @Max(MONEY)
  allocation: number;

  @ApiProperty({ description: 'The minimum number of resident applicants.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  minApplicants: number;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  correctionDays?: number;

  @ApiProperty({ description: 'Value of one hour of volunteer work in grosze (the council’s resolution).' })
  @IsInt()
  @Min(1)
  @Max(100_000_00)
  volunteerHourValue: number;
}

export class ApplicantDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  address: string;
}

export class ScheduleItemDto {
  @ApiProperty({ example: '2027-05-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from: string;

  @ApiProperty({ example: '2027-05-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  activity: string;
}

export class InKindDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  item: string;

  @ApiProperty({ description: 'grosze' })
  @IsInt()
  @Min(0)
  @Max(MONEY)
  value: number;
}

export class CityShareDto {
  @ApiProperty({ enum: ['services', 'materials', 'equipment'] })
  @IsIn(['services', 'materials', 'equipment'])
  kind: 'services' | 'materials' | 'equipment';

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description: string;

  @ApiProperty({ description: 'grosze' })
  @IsInt()
  @Min(0)
  @Max(MONEY)
  value: number;
}

/** An application, all fields optional: a draft is saved as far as it goes and finished later. */
export class ApplicationDto {
  @ApiPropertyOptional({ description: 'The programme year (default: this year).' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: ['residents', 'ngo'] })
  @IsOptional()
  @IsIn(['residents', 'ngo'])
  applicantType?: 'residents' | 'ngo';

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(300)
  ngoName?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[0-9]{10}$/)
  ngoKrs?: string | null;

  @ApiPropertyOptional({ type: [ApplicantDto], description: 'The residents applying (a group), or for whom the organisation acts.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ApplicantDto)
  applicants?: ApplicantDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(40)
  contactPhone?: string | null;

  @ApiPropertyOptional({ description: 'The contact person agrees to be named in the public register.' })
  @IsOptional()
  @IsBoolean()
  contactPublic?: boolean;

  @ApiPropertyOptional({ enum: TASK_AREA_KEYS })
  @IsOptional()
  @IsIn(TASK_AREA_KEYS)
  taskArea?: TaskArea;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  location?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  areaId?: string | null;

  @ApiPropertyOptional({ enum: ['city', 'other', 'none'], description: 'Who owns the land (other: attach the owner’s consent).' })
  @IsOptional()
  @IsIn(['city', 'other', 'none'])
  landOwner?: 'city' | 'other' | 'none';

  @ApiPropertyOptional({ type: [ScheduleItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ScheduleItemDto)
  schedule?: ScheduleItemDto[];

  @ApiPropertyOptional({ description: 'grosze' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY)
  totalCost?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  volunteerPeople?: number;

  @ApiPropertyOptional({ description: 'Hours per person.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  volunteerHours?: number;

  @ApiPropertyOptional({ type: [InKindDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InKindDto)
  inKind?: InKindDto[];

  @ApiPropertyOptional({ description: 'grosze' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY)
  cash?: number;

  @ApiPropertyOptional({ type: [CityShareDto], description: 'What the city is asked for: services, materials, equipment (the city pays applicants no money).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CityShareDto)
  cityShare?: CityShareDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  beneficiaries?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  beneficiariesCount?: number;
}

export class RegisterQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES })
  @IsOptional()
  @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  area?: string;
}

export class AttachmentQuery {
  @ApiProperty({ example: 'zgoda-wlasciciela.pdf', maxLength: 200 })
  @Transform(({ value }) => baseName(value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ATTACHMENT_KINDS })
  @IsIn(ATTACHMENT_KINDS)
  kind: InitiativeAttachmentKind;
}
