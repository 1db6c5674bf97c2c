import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_MEDIA_TYPES, type AttachmentMediaType } from '@civitas/common';
import { ATTACHMENT_KINDS, type AttachmentKind, type AttachmentView, type SupportListView, type SupportTotals } from '../attachments.service';

/** An attachment's metadata (never its content). */
export class ProjectAttachmentResponse implements AttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS, description: 'document: public with the project; support_list: authors and officials only.' })
  kind: AttachmentKind;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES }) mediaType: AttachmentMediaType;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the content (hex); the download’s ETag.' }) sha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** A project's support: online endorsements, paper signatures and their total. */
export class ProjectSupportTotalsResponse implements SupportTotals {
  @ApiProperty() onlineEndorsements: number;
  @ApiProperty() paperSignatures: number;
  @ApiProperty() total: number;
}

/** A counted paper support list. */
export class ProjectSupportListResponse implements SupportListView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The scanned list.' }) attachmentId: string;
  @ApiProperty({ description: 'The valid signatures, as counted by an official.' }) signatures: number;
  @ApiProperty({ type: String, format: 'date-time' }) enteredAt: Date;
}
