import { ApiProperty } from '@nestjs/swagger';
import { INITIATIVE_STATUSES, type InitiativeStatus } from '../initiative-status';
import { CriterionResponse } from './initiatives.response';

/** One evaluator's submitted scores. */
export class EvaluationResponse {
  @ApiProperty({ format: 'uuid' }) evaluatorId: string;
  @ApiProperty({ description: 'The evaluator’s display name (empty when unknown).' }) evaluatorName: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Points per criterion key.',
    example: { volunteer: 8, need: 5 },
  })
  scores: Record<string, number>;
  @ApiProperty() remarks: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt: Date;
  @ApiProperty({ description: 'This evaluator’s weighted result, 0–100 (3 decimals).' }) result: number;
}

/** The scores of an application as the official may see them. */
export class ScoresResponse {
  @ApiProperty({ format: 'uuid' }) initiativeId: string;
  @ApiProperty({ enum: INITIATIVE_STATUSES }) status: InitiativeStatus;
  @ApiProperty({ type: () => [CriterionResponse] }) criteria: CriterionResponse[];
  @ApiProperty({ description: 'How many evaluations have been submitted.' }) submitted: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The mean of the evaluators' results; null before the first evaluation, and while scoring for an evaluator who sees only their own.",
  })
  score: number | null;
  @ApiProperty({ type: () => [EvaluationResponse], description: 'Every evaluation, or only the caller’s own while the application is scored.' })
  evaluations: EvaluationResponse[];
}
