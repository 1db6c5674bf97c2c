import { ApiProperty } from '@nestjs/swagger';
import { TIE_CRITERIA, type TieCriterion } from '@civitas/tally';

// The bodies of the tally and results routes as they are sent (the services' views, dates as ISO strings; money in
// grosze as numbers).

export class TallyQueuedResponse {
  @ApiProperty({ format: 'uuid' }) tallyRunId: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class ResultReasonResponse {
  @ApiProperty({ example: 'over_budget' }) code: string;
  @ApiProperty() pl: string;
  @ApiProperty() en: string;
}

/** The top-up from the reserve of the one project funded that way (Poznań's rule). */
export class RowTopUpResponse {
  @ApiProperty({ description: 'Paid from what was left of the budget, grosze.' }) fromBudget: number;
  @ApiProperty({ description: 'Paid from the reserve, grosze.' }) reserve: number;
  @ApiProperty({ type: () => ResultReasonResponse }) reason: ResultReasonResponse;
}

/** One project's result. */
export class ResultRowResponse {
  @ApiProperty({ description: '1, 2, …: the selected projects in order of selection, then the others by score.' }) rank: number;
  @ApiProperty({ description: 'The project code on the ballot.' }) code: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) projectId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() score: number;
  @ApiProperty() votes: number;
  @ApiProperty({ description: 'Grosze.' }) cost: number;
  @ApiProperty() selected: boolean;
  @ApiProperty({ type: () => ResultReasonResponse, nullable: true, description: 'Why it was not selected (null for a selected project).' })
  reason: ResultReasonResponse | null;
  @ApiProperty({ type: () => RowTopUpResponse, nullable: true, description: 'The project funded with a top-up from the reserve; null for every other.' })
  topUp: RowTopUpResponse | null;
}

export class PoolTopUpResponse {
  @ApiProperty({ description: 'The project code.' }) code: string;
  @ApiProperty({ description: 'Grosze.' }) fromBudget: number;
  @ApiProperty({ description: 'Grosze.' }) reserve: number;
}

export class PoolBallotsResponse {
  @ApiProperty() total: number;
  @ApiProperty() valid: number;
  @ApiProperty() invalid: number;
}

/** What every view of a pool's result has. */
export abstract class PoolResultBaseResponse {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Grosze.' }) budget: number;
  @ApiProperty({ description: 'Within the budget, grosze; a top-up from the reserve is apart.' }) spent: number;
  @ApiProperty({ type: () => PoolTopUpResponse, nullable: true, description: 'The project funded with a top-up from the reserve; null when none.' })
  topUp: PoolTopUpResponse | null;
  @ApiProperty({ type: () => PoolBallotsResponse }) ballots: PoolBallotsResponse;
}

/** A pool's published result. */
export class PoolResultResponse extends PoolResultBaseResponse {
  @ApiProperty({ type: () => [ResultRowResponse] }) projects: ResultRowResponse[];
}

export class PublicResultsResponse {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ type: () => [PoolResultResponse] }) pools: PoolResultResponse[];
}

export class TieBreakReasonResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The reason’s parameters (strings and numbers).' })
  params: Record<string, string | number>;
  @ApiProperty() en: string;
  @ApiProperty() pl: string;
}

export class TieBreakResponse {
  @ApiProperty({ description: 'Where the tie was broken: the greedy ordering, or a round of Equal Shares.' }) stage: string;
  @ApiProperty({ description: 'Project code.' }) winner: string;
  @ApiProperty({ description: 'Project code.' }) loser: string;
  @ApiProperty({ enum: TIE_CRITERIA }) criterion: TieCriterion;
  @ApiProperty({ type: () => TieBreakReasonResponse, nullable: true }) reason: TieBreakReasonResponse | null;
}

/** The parameters of a pool's tally that a reviewer checks. */
export abstract class PoolTallyBaseResponse extends PoolResultBaseResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a city-wide pool.' }) areaId: string | null;
  @ApiProperty({ example: 'greedy' }) rule: string;
  @ApiProperty() seed: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Poznań’s rule: the share of a project’s cost the money left must cover for a top-up.' })
  topUpPercent: number | null;
  @ApiProperty() inputsSha256: string;
}

/** A pool's result in full (once published). */
export class AdminPoolResultResponse extends PoolTallyBaseResponse {
  @ApiProperty({ type: () => [ResultRowResponse] }) projects: ResultRowResponse[];
  @ApiProperty({ type: () => [TieBreakResponse] }) tieBreaks: TieBreakResponse[];
}

export class EmbargoedProjectResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) projectId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Grosze.' }) cost: number;
  @ApiProperty() selected: boolean;
}

/** A pool's result under embargo: no votes, scores, ranks, tie-breaks or reasons; projects by code. */
export class EmbargoedPoolResponse extends PoolTallyBaseResponse {
  @ApiProperty({ type: () => [EmbargoedProjectResponse] }) projects: EmbargoedProjectResponse[];
}

export class TallyRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: 'queued' | 'running' | 'done' | 'failed';
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
}

export class PublicationResponse {
  @ApiProperty({ format: 'uuid' }) tallyRunId: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt: Date;
}

export abstract class ResultsReviewBaseResponse {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ type: () => TallyRunResponse, nullable: true, description: 'The latest tally run; null before the first.' }) run: TallyRunResponse | null;
  @ApiProperty({ type: () => PublicationResponse, nullable: true, description: 'Null before publication.' }) published: PublicationResponse | null;
}

/** The review before publication: the pools within the caller's areas, under embargo. */
export class EmbargoedResultsReviewResponse extends ResultsReviewBaseResponse {
  @ApiProperty({ enum: [true] }) embargo: true;
  @ApiProperty({ type: () => [EmbargoedPoolResponse] }) pools: EmbargoedPoolResponse[];
}

/** The review once published: every pool in full. */
export class PublishedResultsReviewResponse extends ResultsReviewBaseResponse {
  @ApiProperty({ enum: [false] }) embargo: false;
  @ApiProperty({ type: () => [AdminPoolResultResponse] }) pools: AdminPoolResultResponse[];
}

export class AuditEntryResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ example: 'voting.policy_set' }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'The previous entry’s hash (null for the first entry of the log).' }) prevHash: string | null;
  @ApiProperty() hash: string;
}

export class AuditResponse {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ description: 'False when any entry of the whole log no longer matches its hash.' }) chainIntact: boolean;
  @ApiProperty({ type: () => [AuditEntryResponse] }) entries: AuditEntryResponse[];
}

export class PublishedResponse {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ format: 'uuid' }) tallyRunId: string;
  @ApiProperty({ description: 'Selected projects.' }) winners: number;
  @ApiProperty({ description: 'Their total cost, grosze.' }) totalCost: number;
}
