import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CityShareDto, InKindDto } from './initiatives.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = 1_000_000_000_00;

export class AgreementDto {
  @ApiProperty({ example: '2027-06-01', description: 'First day of the term.' })
  @Matches(DAY)
  termFrom: string;

  @ApiProperty({ example: '2027-07-31', description: 'Last day of the term (not before the first).' })
  @Matches(DAY)
  termTo: string;

  @ApiPropertyOptional({ example: 'IL/2027/0001/U', nullable: true, description: 'Left out or null: the case number followed by /U.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  number?: string | null;
}

export class SignDto {
  @ApiProperty({ example: '2027-05-20', description: 'The day both sides signed (not in the future).' })
  @Matches(DAY)
  signedOn: string;
}

export class TerminateDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;
}

export class FinalReportDto {
  @ApiProperty({ description: 'How the task was carried out.' })
  @IsString()
  @MaxLength(20_000)
  summary: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(100_000)
  volunteerPeople: number;

  @ApiProperty({ description: 'Hours per person.' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  volunteerHours: number;

  @ApiProperty({ type: [InKindDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InKindDto)
  inKind: InKindDto[];

  @ApiProperty({ description: 'grosze' })
  @IsInt()
  @Min(0)
  @Max(MONEY)
  cash: number;

  @ApiProperty({ type: [CityShareDto], description: 'What the city actually provided.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CityShareDto)
  cityShare: CityShareDto[];
}
