import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CostItemDto, PlainText } from './budget.dto';

export class InvitationDto {
  @ApiProperty({ example: 'jan.kowalski@example.org', description: 'The co-author’s address; they accept from an account with it, verified.' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ enum: ['pl', 'en'], description: 'The language of the invitation mail (default: the inviter’s).' })
  @IsOptional()
  @IsIn(['pl', 'en'])
  locale?: 'pl' | 'en';
}

export class CostProposalDto {
  @ApiProperty({ type: [CostItemDto], description: 'The corrected cost breakdown; the total is its sum.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CostItemDto)
  costItems: CostItemDto[];

  @ApiProperty({ maxLength: 10000, example: 'Ceny według cennika Zarządu Zieleni Miejskiej na 2027 r.', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  justification: string;
}

export class AnswerDto {
  @ApiProperty({ description: 'true: accept; false: refuse.' })
  @IsBoolean()
  accept: boolean;

  @ApiPropertyOptional({ maxLength: 5000, description: 'The authors’ comment (e.g. why they refuse); plain text (tags are taken out).' })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(5000)
  response?: string;
}

export class MergeDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The project that continues first, then the ones merged into it.' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  projectIds: string[];

  @ApiPropertyOptional({ description: 'The merged project’s new title (default: the first project’s); plain text (tags are taken out).' })
  @IsOptional()
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Plain text (tags are taken out).' })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(1000)
  summary?: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'Plain text (tags are taken out).' })
  @IsOptional()
  @PlainText()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ type: [CostItemDto], description: 'The merged cost breakdown (default: the first project’s).' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CostItemDto)
  costItems?: CostItemDto[];

  @ApiProperty({ maxLength: 10000, description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  justification: string;
}

export class ConsentDto {
  @ApiProperty({ description: 'true: the main author agrees to the merge for their project; false: refuses (the merge is dropped).' })
  @IsBoolean()
  consent: boolean;
}

export class ExclusionDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Projects of one pool of which at most one can be selected.' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  projectIds: string[];

  @ApiProperty({ maxLength: 2000, example: 'Oba projekty dotyczą tej samej działki przy ul. Opackiej.', description: 'Plain text (tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
