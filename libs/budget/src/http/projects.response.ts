import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTACHMENT_MEDIA_TYPES } from '@civitas/common';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../attachments.service';
import { PROJECT_STATUSES } from '../project-status';
import type { CostItemInput, HistoryEntry, ProjectSummary, ProjectView } from '../projects.service';

/** One line of a project's cost estimate. */
export class CostItemResponse implements CostItemInput {
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Grosze.' }) amount: number;
}

/** What a list shows of a project (no descriptions, cost items, authors, support, attachments or history). */
export class ProjectSummaryResponse implements ProjectSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Given at submission: 1, 2, … per edition.' }) number: number | null;
  @ApiProperty({ enum: PROJECT_STATUSES }) status: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ description: 'The sum of the cost items, in grosze.' }) totalCost: number;
  @ApiProperty({ description: 'Online endorsements.' }) endorsements: number;
  @ApiProperty({ description: 'Valid signatures on scanned paper support lists, as counted by an official.' }) paperSignatures: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) correctionDeadline: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appealDeadline: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The project this one was merged into.' }) mergedInto: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Its place on the pool’s ballot list.' }) ballotPosition: number | null;
}

/** Support collected (online endorsements + paper signatures) against the pool's requirement. */
export class ProjectSupportResponse {
  @ApiProperty() online: number;
  @ApiProperty() paper: number;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Signatures the pool requires.' }) required: number;
}

/** A group of projects this one excludes (at most one of each group can be selected). */
export class ProjectExclusiveWithResponse {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The other projects of the group.' }) projectIds: string[];
  @ApiProperty() reason: string;
}

/** An attachment as the project shows it (metadata only). */
export class ProjectAttachmentSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS }) kind: AttachmentKind;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES }) mediaType: string;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class ProjectAuthorResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['main', 'co'] }) role: 'main' | 'co';
}

/** An entry of the public history of a project's decisions. */
export class ProjectHistoryEntryResponse implements HistoryEntry {
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ example: 'submitted' }) action: string;
  @ApiProperty({ enum: PROJECT_STATUSES, nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty({ enum: PROJECT_STATUSES, nullable: true, type: String }) toStatus: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The public justification.' }) reason: string | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The decision’s details (criteria, totals, merges, groups): only where the project is read with them.',
  })
  details?: Record<string, unknown>;
}

/** A project with its cost items, support, exclusion groups, attachments, authors and history. */
export class ProjectResponse extends ProjectSummaryResponse implements ProjectView {
  @ApiProperty() description: string;
  @ApiProperty() justification: string;
  @ApiProperty() beneficiaries: string;
  @ApiProperty({ type: () => [CostItemResponse] }) costItems: CostItemResponse[];
  @ApiProperty({ type: () => ProjectSupportResponse }) support: ProjectSupportResponse;
  @ApiProperty({ type: () => [ProjectExclusiveWithResponse] }) exclusiveWith: ProjectExclusiveWithResponse[];
  @ApiProperty({ type: () => [ProjectAttachmentSummaryResponse], description: 'Those the caller may see (scanned support lists: authors and officials only).' })
  attachments: ProjectAttachmentSummaryResponse[];
  @ApiProperty({ type: () => [ProjectAuthorResponse], description: 'The main author first.' }) authors: ProjectAuthorResponse[];
  @ApiProperty({ type: () => [ProjectHistoryEntryResponse], description: 'Oldest first.' }) history: ProjectHistoryEntryResponse[];
}

/** The answer of endorsing a project or withdrawing the endorsement. */
export class ProjectEndorsementResponse {
  @ApiProperty({ description: 'The project’s online endorsements now.' }) endorsements: number;
  @ApiProperty({ description: 'Whether the caller endorses the project now.' }) endorsed: boolean;
}
