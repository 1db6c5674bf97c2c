import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { contentMatches, plainText, UPLOAD_MAX_BYTES, type AttachmentMediaType } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { ConsultationsError } from './consultations.errors';
import { ConsultationsService } from './consultations.service';
import { DocumentRepository } from './document.repository';

export const MAX_ATTACHMENTS = 20;

export interface ConsultationAttachment {
  id: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  createdAt: Date;
}

export interface ConsultationFile extends ConsultationAttachment {
  content: Buffer;
}

/**
 * The files of a consultation (the draft document as a PDF, maps, plans): added and removed by the officials running
 * it until it closes, public with the consultation (never while it is a draft). PDF, PNG or JPEG whose content is
 * what its type says, at most 10 MiB each and MAX_ATTACHMENTS per consultation.
 */
@Injectable()
export class ConsultationAttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly consultations: ConsultationsService,
    private readonly documents: DocumentRepository,
  ) {}

  async upload(user: AuthenticatedUser, id: string, file: { fileName: string; mediaType: string; content: Buffer }): Promise<ConsultationAttachment> {
    const name = plainText(file.fileName).slice(0, 200);
    if (!file.content.length || !name) throw ConsultationsError.emptyUpload(!name ? 'name' : 'body');
    if (file.content.length > UPLOAD_MAX_BYTES) throw ConsultationsError.fileTooLarge();
    if (!contentMatches(file.mediaType, file.content)) throw ConsultationsError.unsupportedFileType();
    const mediaType = file.mediaType;
    return this.ds.transaction(async (m) => {
      const c = await this.consultations.manageable(user, id, m, true);
      if (!['draft', 'announced', 'open'].includes(c.status)) throw ConsultationsError.notEditable(c.status, { pl: 'Załączników', en: 'The attachments' });
      const n = await this.documents.countAttachments(m, id);
      if (n >= MAX_ATTACHMENTS) throw ConsultationsError.tooManyAttachments(MAX_ATTACHMENTS);
      const row = await this.documents.insertAttachment(m, { consultationId: id, fileName: name, mediaType, content: file.content, createdBy: user.id });
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.attachment_added',
        subjectType: 'consultation',
        subjectId: id,
        details: { attachmentId: row.id, size: row.size },
      });
      return row;
    });
  }

  /** A file of a consultation; drafts' files only for the officials (`includeDraft`). */
  async download(id: string, attachmentId: string, opts: { includeDraft?: boolean } = {}): Promise<ConsultationFile> {
    await this.consultations.row(this.ds.manager, id, opts);
    const f = await this.documents.findFile(id, attachmentId);
    if (!f) throw ConsultationsError.attachmentNotFound();
    return f;
  }

  async remove(user: AuthenticatedUser, id: string, attachmentId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const c = await this.consultations.manageable(user, id, m, true);
      if (!['draft', 'announced', 'open'].includes(c.status)) throw ConsultationsError.notEditable(c.status, { pl: 'Załączników', en: 'The attachments' });
      if (!(await this.documents.deleteAttachment(m, id, attachmentId))) throw ConsultationsError.attachmentNotFound();
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.attachment_removed',
        subjectType: 'consultation',
        subjectId: id,
        details: { attachmentId },
      });
    });
  }
}
