import { ApiProperty } from '@nestjs/swagger';

/** A section of a consultation's document in one version. */
export class ConsultationSectionResponse {
  @ApiProperty({ format: 'uuid', description: 'The same across versions (comments point at it).' }) id: string;
  @ApiProperty({ example: '§ 1' }) key: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() heading: string;
  @ApiProperty({ description: 'Markdown as written.' }) body: string;
  @ApiProperty({ description: 'The body rendered from Markdown: raw HTML escaped, only safe links.' }) bodyHtml: string;
}

export class ConsultationDocumentVersionResponse {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ description: 'What changed in this version.' }) note: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class ConsultationDocumentResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: 'integer', description: 'The version shown (0 when the consultation has no document yet).' }) version: number;
  @ApiProperty({ type: 'integer', description: 'The newest version.' }) currentVersion: number;
  @ApiProperty({ type: () => [ConsultationSectionResponse] }) sections: ConsultationSectionResponse[];
  @ApiProperty({ type: () => [ConsultationDocumentVersionResponse], description: 'Every version, oldest first.' })
  versions: ConsultationDocumentVersionResponse[];
}
