import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_KINDS, type QuestionKind } from '../survey.service';

export class ConsultationSurveyQuestionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty() prompt: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: [String], description: 'single/multiple: the options, in order (answered by index); empty otherwise.' }) options: string[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'scale only.' }) scaleMin: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'scale only.' }) scaleMax: number | null;
}

export class ConsultationSurveyOptionCountResponse {
  @ApiProperty({ type: 'integer' }) index: number;
  @ApiProperty() option: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class ConsultationSurveyValueCountResponse {
  @ApiProperty({ type: 'integer' }) value: number;
  @ApiProperty({ type: 'integer' }) count: number;
}

/** The results of one question; which of options, values and mean, texts it has depends on its kind. */
export class ConsultationSurveyQuestionResultResponse {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: 'integer', description: 'Confirmed responses that answered this question.' }) answered: number;
  @ApiPropertyOptional({ type: () => [ConsultationSurveyOptionCountResponse], description: 'single/multiple: every option in order with its count.' })
  options?: ConsultationSurveyOptionCountResponse[];
  @ApiPropertyOptional({ type: () => [ConsultationSurveyValueCountResponse], description: 'scale: every value from scaleMin to scaleMax with its count.' })
  values?: ConsultationSurveyValueCountResponse[];
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'scale: the mean, to 2 decimals (null without answers).' })
  mean?: number | null;
  @ApiPropertyOptional({ type: [String], description: 'text: the answers, without respondents.' }) texts?: string[];
}

export class ConsultationSurveyResultsResponse {
  @ApiProperty({ type: 'integer', description: 'Confirmed responses (pending ones never count).' }) respondents: number;
  @ApiProperty({ type: () => [ConsultationSurveyQuestionResultResponse] }) questions: ConsultationSurveyQuestionResultResponse[];
}

export class ConsultationSurveyResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ enum: ['account', 'email_code'], description: 'account: signed-in participants only; email_code: also anonymous ones, with a mailed code.' })
  access: 'account' | 'email_code';
  @ApiProperty({ type: () => [ConsultationSurveyQuestionResponse] }) questions: ConsultationSurveyQuestionResponse[];
  @ApiProperty({
    type: () => ConsultationSurveyResultsResponse,
    nullable: true,
    description: 'null until the consultation is closed or its report published.',
  })
  results: ConsultationSurveyResultsResponse | null;
}

/** A survey response as its participant is told of it. */
export class ConsultationSurveyReceiptResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending', 'confirmed'] }) status: 'pending' | 'confirmed';
  @ApiProperty({ type: String, enum: ['email_code'], nullable: true, description: 'email_code: confirm with the mailed code; null: nothing to do.' })
  confirmation: 'email_code' | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
}
