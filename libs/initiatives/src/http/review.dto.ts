import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

const TEXT_MAX = 5000;

export class CorrectionDto {
  @ApiProperty({ description: 'What to correct (plain text).', example: 'Dołączcie zgodę właściciela terenu.', maxLength: TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  note: string;
}

export class FormalFailDto {
  @ApiProperty({ description: 'Why the application fails the formal check (plain text).', maxLength: TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason: string;
}

export class ScoresDto {
  @ApiProperty({
    description: 'Points per criterion key of the programme: every criterion, whole numbers 0..maxPoints.',
    example: { volunteer: 8, purpose: 7, cost: 4 },
  })
  @IsObject()
  scores: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The evaluator’s remarks (plain text).', maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  remarks?: string;
}

export class ScoresQuery {
  @ApiPropertyOptional({ description: 'The deciding official sees every score at once (recorded; they cannot score this application afterwards).' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  forDecision?: boolean;
}

export class DecisionDto {
  @ApiProperty({ description: 'true: approved; false: rejected.' })
  @IsBoolean()
  approve: boolean;

  @ApiProperty({ description: 'The purposefulness of the task for the local community (plain text).', maxLength: TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  purposefulness: string;

  @ApiProperty({ description: 'The justification of the decision (plain text).', maxLength: TEXT_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason: string;
}
