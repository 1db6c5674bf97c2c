import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsLatitude, IsLongitude, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { OptionalNotNull } from './consultations.dto';

/**
 * A meeting or consultation point. Creating one requires title, startsAt, endsAt and a place or an online address;
 * a change sends only what changes (null clears place, onlineUrl or capacity).
 */
export class MeetingDto {
  @ApiPropertyOptional({
    enum: ['meeting', 'point'],
    default: 'meeting',
    description: 'meeting: at a time; point: a place where comments are collected over a period.',
  })
  @IsOptional()
  @IsIn(['meeting', 'point'])
  kind?: 'meeting' | 'point';

  @ApiPropertyOptional({ maxLength: 300, description: 'Plain text (tags are removed); not null.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  title?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Plain text (tags are removed).' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  place?: string | null;

  @ApiPropertyOptional({ description: 'The address of the online meeting: https only.', maxLength: 2000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'Not before the consultation opens.' })
  @IsOptional()
  @IsDateString()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'After startsAt; not after the consultation closes.' })
  @IsOptional()
  @IsDateString()
  endsAt?: string;

  @ApiPropertyOptional({ description: 'Places; null or absent: no limit.', minimum: 1, maximum: 100_000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'Where it is on a map (WGS 84), with longitude; null clears both.', minimum: -90, maximum: 90 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber()
  @IsLatitude()
  latitude?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'Where it is on a map (WGS 84), with latitude; null clears both.', minimum: -180, maximum: 180 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber()
  @IsLongitude()
  longitude?: number | null;
}
