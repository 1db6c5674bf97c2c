import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../consultation-status';

/** May be left out (a change keeps the value), but is never null: the texts always have one ('' when empty). */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined);

export class ConsultationDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiPropertyOptional({ description: 'Markdown (raw HTML is shown as text; only http(s), mailto and relative links).', maxLength: 100_000 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ description: 'The unit of the city office that runs it.', maxLength: 300 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(300)
  organiserUnit?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(500)
  contact?: string;

  @ApiPropertyOptional({ type: [String], description: 'The areas concerned; none = the whole city.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  areaIds?: string[];

  @ApiPropertyOptional({ enum: ['everyone', 'ngo'], default: 'everyone' })
  @IsOptional()
  @IsIn(['everyone', 'ngo'])
  audience?: 'everyone' | 'ngo';

  @ApiPropertyOptional({ enum: ['pre', 'post'], default: 'post', description: 'pre: comments wait for a moderator; post: shown at once.' })
  @IsOptional()
  @IsIn(['pre', 'post'])
  moderation?: 'pre' | 'post';

  @ApiPropertyOptional({ enum: ['account', 'email_code'], default: 'account', description: 'How the survey is answered: signed in, or with an e-mail code.' })
  @IsOptional()
  @IsIn(['account', 'email_code'])
  surveyAccess?: 'account' | 'email_code';

  @ApiPropertyOptional({ default: 7, description: 'Announced at least this many days before opening.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  minNoticeDays?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString()
  opensAt?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString()
  closesAt?: string | null;
}

export class CancelDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  reason: string;
}

export class ListConsultationsQuery {
  @ApiPropertyOptional({ enum: CONSULTATION_STATUSES })
  @IsOptional()
  @IsIn(CONSULTATION_STATUSES)
  status?: ConsultationStatus;

  @ApiPropertyOptional({ description: 'Consultations concerning this area (its sub-areas and the areas above it too; city-wide ones always).' })
  @IsOptional()
  @IsUUID()
  area?: string;
}

export class OrganisationDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @MaxLength(300)
  name: string;

  @ApiProperty({ description: 'The 10-digit number in the National Court Register (KRS).' })
  @Matches(/^[0-9]{10}$/)
  krs: string;
}
