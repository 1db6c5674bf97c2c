import { ApiProperty } from '@nestjs/swagger';
import type { Invitation } from '../authors.service';
import type { CostProposal } from '../cost-corrections.service';
import type { ExclusionGroup, Merge } from '../merges.service';
import { CostItemResponse } from './projects.response';

/** An invitation of a co-author, by e-mail address. */
export class InvitationResponse implements Invitation {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ description: 'The invited address (normalised).' }) email: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'revoked'] }) status: Invitation['status'];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: Date | null;
}

/** An invitation waiting for the signed-in user's address, with the project's title and edition. */
export class MyInvitationResponse extends InvitationResponse {
  @ApiProperty({ description: 'The project’s title.' }) title: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
}

/** The answer of declining an invitation. */
export class DeclinedResponse {
  @ApiProperty({ type: Boolean, enum: [true] }) declined: true;
}

/** A cost correction proposed by an official, and the authors' answer. */
export class CostProposalResponse implements CostProposal {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: () => [CostItemResponse], description: 'The corrected cost breakdown.' }) items: CostItemResponse[];
  @ApiProperty({ type: 'integer', description: 'The corrected total, in grosze.' }) total: number;
  @ApiProperty({ type: 'integer', description: 'The project’s total when the correction was proposed, in grosze.' }) previousTotal: number;
  @ApiProperty() justification: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'refused'] }) status: CostProposal['status'];
  @ApiProperty({ type: String, nullable: true, description: 'The authors’ comment on their answer.' }) response: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt: Date | null;
}

/** A project's main author's answer to a merge. */
export class MergeConsentResponse {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null while unanswered.' }) consent: boolean | null;
}

/** A merge proposal: the first project continues (the target), the others are merged into it. */
export class MergeResponse implements Merge {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ format: 'uuid', description: 'The project that continues.' }) targetId: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The projects merged into the target.' }) sourceIds: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The merged project’s new title (null: the target’s stays).' }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: () => [CostItemResponse], nullable: true, description: 'The merged project’s cost items (null: the target’s stay).' })
  costItems: CostItemResponse[] | null;
  @ApiProperty() justification: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'refused'] }) status: Merge['status'];
  @ApiProperty({ type: () => [MergeConsentResponse], description: 'One entry per project, the target first.' }) consents: MergeConsentResponse[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: Date | null;
}

/** A group of mutually exclusive projects of one pool (at most one of them can be selected). */
export class ExclusionGroupResponse implements ExclusionGroup {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'By project number.' }) projectIds: string[];
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}
