import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { QUESTION_KINDS, type QuestionKind } from '../survey.service';

export class SurveyQuestionDto {
  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind: QuestionKind;

  @ApiProperty({ description: 'Plain text (tags are taken out), 1–1000 characters.' })
  @IsString()
  @MaxLength(5000)
  prompt: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'single/multiple: 2–20 distinct options, in order (answers refer to them by index from 0).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  options?: string[];

  @ApiPropertyOptional({ description: 'scale: the lowest value.' })
  @IsOptional()
  @IsInt()
  scaleMin?: number;

  @ApiPropertyOptional({ description: 'scale: the highest value (above scaleMin, by at most 100).' })
  @IsOptional()
  @IsInt()
  scaleMax?: number;
}

export class SurveyDto {
  @ApiProperty({ type: [SurveyQuestionDto], description: 'Replaces every question; positions follow the order (at most 100).' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionDto)
  questions: SurveyQuestionDto[];
}

export class SurveyAnswerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiPropertyOptional({ description: 'single: the index of the option chosen.' })
  @IsOptional()
  @IsInt()
  choice?: number;

  @ApiPropertyOptional({ type: [Number], description: 'multiple: the indexes of the options chosen, each once.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  choices?: number[];

  @ApiPropertyOptional({ description: 'scale: a value from scaleMin to scaleMax.' })
  @IsOptional()
  @IsInt()
  value?: number;

  @ApiPropertyOptional({ description: 'text: at most 5000 characters (plain text, tags taken out).' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  text?: string;
}

export class SurveyResponseDto {
  @ApiProperty({ type: [SurveyAnswerDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SurveyAnswerDto)
  answers: SurveyAnswerDto[];

  @ApiPropertyOptional({ description: 'Anonymous participants (access email_code): the address the confirmation code is mailed to.' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class SurveyConfirmDto {
  @ApiProperty({ description: 'The 6-digit code from the mail.' })
  @Matches(/^\s*\d{6}\s*$/)
  code: string;
}
