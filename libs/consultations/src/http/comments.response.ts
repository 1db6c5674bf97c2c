import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, COMMENT_STATUSES, HIDE_REASONS, type CommentChannel, type CommentStatus, type HideReason } from '../comments.service';

/** A comment as the public sees it: no e-mail addresses, no account ids. */
export class ConsultationCommentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: on the consultation as a whole.' }) sectionId: string | null;
  @ApiProperty({ type: String, nullable: true }) sectionKey: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The document version it was made on (null: the consultation had no document).' })
  version: number | null;
  @ApiProperty() authorName: string;
  @ApiProperty({ enum: CHANNELS }) channel: CommentChannel;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) proposedWording: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** A comment as its author sees it right after writing it. */
export class ConsultationOwnCommentResponse extends ConsultationCommentResponse {
  @ApiProperty({ enum: COMMENT_STATUSES, description: 'pending under pre-moderation.' }) status: CommentStatus;
}

/** A comment as officials and moderators see it. */
export class ConsultationAdminCommentResponse extends ConsultationOwnCommentResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When an entered comment was received (YYYY-MM-DD).' })
  receivedOn: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Given with an entered comment.' }) contactEmail: string | null;
  @ApiProperty({ type: String, enum: HIDE_REASONS, nullable: true }) hiddenReason: HideReason | null;
  @ApiProperty({ type: String, nullable: true }) hiddenNote: string | null;
  @ApiProperty({ type: 'integer' }) reportCount: number;
  @ApiProperty({ type: 'integer', description: 'Reports made since a moderator last dealt with them.' }) openReports: number;
}

export class ConsultationCommentReportedResponse {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ type: Boolean, enum: [true] }) reported: true;
}

/** A report of a comment not yet dealt with: the reason only, never who reported. */
export class ConsultationModerationReportResponse {
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** A comment in the moderation queue, in its context, with the reports not yet dealt with. */
export class ConsultationModerationItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty() consultationTitle: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sectionId: string | null;
  @ApiProperty({ type: String, nullable: true }) sectionKey: string | null;
  @ApiProperty({ type: String, nullable: true }) sectionHeading: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The beginning of the section (plain text, about 200 characters).' })
  sectionQuote: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) version: number | null;
  @ApiProperty() authorName: string;
  @ApiProperty({ description: 'Whether the author has an account (can be told).' }) authorHasAccount: boolean;
  @ApiProperty({ enum: CHANNELS }) channel: CommentChannel;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) proposedWording: string | null;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, enum: HIDE_REASONS, nullable: true }) hiddenReason: HideReason | null;
  @ApiProperty({ type: String, nullable: true }) hiddenNote: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) moderatedAt: Date | null;
  @ApiProperty({ type: 'integer' }) reportCount: number;
  @ApiProperty({ type: 'integer' }) openReports: number;
  @ApiProperty({ type: () => [ConsultationModerationReportResponse], description: 'Oldest first.' }) reports: ConsultationModerationReportResponse[];
  @ApiProperty({ type: String, format: 'date-time', description: 'Made (pending), first report not dealt with (reported), hidden (hidden).' })
  waitingSince: Date;
}

export class ConsultationModerationQueueResponse {
  @ApiProperty({ type: () => [ConsultationModerationItemResponse] }) rows: ConsultationModerationItemResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
