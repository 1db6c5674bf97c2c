import { ApiProperty } from '@nestjs/swagger';
import { PHASES, type Phase } from '@civitas/budget';
import { VOTE_TYPES, type VoteType } from '../ballots/ballot-spec';
import { METHODS, type Method } from '../ballots/voting-config.service';

/** A pool's ballot spec: what a valid choice in that pool looks like. */
export class PoolSpecResponse {
  @ApiProperty({ enum: VOTE_TYPES }) voteType: VoteType;
  @ApiProperty() minLength: number;
  @ApiProperty({ type: Number, nullable: true }) maxLength: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'approval: the ceiling on the total cost of the chosen projects (grosze).' })
  maxSumCost: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'cumulative: the points to distribute.' }) pointsTotal: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'cumulative: the maximum per project.' }) maxPointsPerProject: number | null;
  @ApiProperty({ description: 'ordinal: exactly maxLength ranked (true) or at most maxLength (false).' }) exactLength: boolean;
}

export class PoolOnBallotResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a city-wide pool.' }) areaId: string | null;
  @ApiProperty({ type: () => PoolSpecResponse, nullable: true, description: 'Null: no spec yet, the pool is not on the ballot.' })
  spec: PoolSpecResponse | null;
}

export class VotingPolicyResponse {
  @ApiProperty({ enum: METHODS, isArray: true }) methods: Method[];
  @ApiProperty({ type: Number, nullable: true }) minAge: number | null;
  @ApiProperty({ type: Number, nullable: true }) guardianBelowAge: number | null;
  @ApiProperty({ enum: ['first_counts', 'void_all'] }) duplicatePolicy: 'first_counts' | 'void_all';
  @ApiProperty({ description: 'How many areas’ pools a ballot may choose in (city-wide pools aside).' }) maxAreaPools: number;
  @ApiProperty({ example: 'greedy' }) rule: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The tally rule’s options.' }) ruleOptions: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date', nullable: true }) retainIdentitiesUntil: string | null;
}

/** An edition's voting: the policy, the seed of the lot (fixed before voting), each pool's ballot spec, the phase. */
export class VotingViewResponse {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ enum: PHASES, nullable: true, description: 'The phase now; null between or outside the windows.' }) phase: Phase | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) votingOpensAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) votingClosesAt: string | null;
  @ApiProperty({ type: () => VotingPolicyResponse, nullable: true, description: 'Null until set.' }) policy: VotingPolicyResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'The seed of the lot that breaks ties, drawn when the policy is first set.' })
  tieSeed: string | null;
  @ApiProperty({ type: () => [PoolOnBallotResponse] }) pools: PoolOnBallotResponse[];
}
