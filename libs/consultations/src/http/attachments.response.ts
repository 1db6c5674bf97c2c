import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_MEDIA_TYPES } from '@civitas/common';

/** A file of a consultation as the consultation lists it. */
export class ConsultationAttachmentSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The name shown on download.' }) fileName: string;
  @ApiProperty({ enum: ATTACHMENT_MEDIA_TYPES }) mediaType: string;
  @ApiProperty({ type: 'integer', description: 'Bytes.' }) size: number;
}

/** A file just attached to a consultation. */
export class ConsultationAttachmentResponse extends ConsultationAttachmentSummaryResponse {
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}
