import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { AREA_KINDS, type AreaKind } from '../area-hierarchy';

const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const MAX_RESIDENTS = 2_147_483_647;

export class CreateAreaDto {
  @ApiProperty({ example: 'Krowodrza', minLength: 1, maxLength: 200 })
  @trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: AREA_KINDS })
  @IsIn(AREA_KINDS)
  kind: AreaKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Required for a district (a city) and a neighbourhood (a district or city).' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_RESIDENTS)
  residentCount?: number;
}

export class UpdateAreaDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Not null: an area always has a name.' })
  @ValidateIf((_: object, value: unknown) => value !== undefined)
  @trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: AREA_KINDS })
  @IsOptional()
  @IsIn(AREA_KINDS)
  kind?: AreaKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null: no parent (a city).' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_RESIDENTS)
  residentCount?: number;
}

export class ListAreasQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct children of this area.' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;
}
