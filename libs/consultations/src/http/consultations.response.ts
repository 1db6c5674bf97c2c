import { ApiProperty } from '@nestjs/swagger';
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../consultation-status';
import { ConsultationAttachmentSummaryResponse } from './attachments.response';
import { ConsultationSectionResponse } from './documents.response';
import { ConsultationMeetingSummaryResponse } from './meetings.response';

/** A consultation in a list. */
export class ConsultationSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() topic: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status: ConsultationStatus;
  @ApiProperty({ enum: ['everyone', 'ngo'], description: 'ngo: only accounts acting for an organisation take part.' }) audience: 'everyone' | 'ngo';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: Date | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The areas it concerns; none: the whole city.' }) areaIds: string[];
}

/** A consultation with its document sections (current version), meetings and attachments. */
export class ConsultationResponse extends ConsultationSummaryResponse {
  @ApiProperty({ description: 'Markdown as written.' }) body: string;
  @ApiProperty({ description: 'The body rendered from Markdown: raw HTML escaped, only safe links.' }) bodyHtml: string;
  @ApiProperty() organiserUnit: string;
  @ApiProperty() contact: string;
  @ApiProperty({ enum: ['pre', 'post'], description: 'pre: comments wait for a moderator; post: shown at once.' }) moderation: 'pre' | 'post';
  @ApiProperty({ enum: ['account', 'email_code'], description: 'How an anonymous participant answers the survey.' })
  surveyAccess: 'account' | 'email_code';
  @ApiProperty({ type: 'integer' }) minNoticeDays: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) announcedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) cancelledReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reportPublishedAt: Date | null;
  @ApiProperty({ type: 'integer', description: 'The current version of the document (0 when it has none yet).' }) documentVersion: number;
  @ApiProperty({ type: () => [ConsultationSectionResponse], description: 'The sections of the current version, in order.' })
  sections: ConsultationSectionResponse[];
  @ApiProperty({ type: () => [ConsultationMeetingSummaryResponse] }) meetings: ConsultationMeetingSummaryResponse[];
  @ApiProperty({ type: () => [ConsultationAttachmentSummaryResponse] }) attachments: ConsultationAttachmentSummaryResponse[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** An account registered as acting for an organisation (NGO). */
export class ConsultationOrganisationResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ pattern: '^[0-9]{10}$', description: 'The KRS number.' }) krs: string;
}
