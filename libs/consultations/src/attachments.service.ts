import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { contentMatches, DomainError, plainText, UPLOAD_MAX_BYTES, type AttachmentMediaType } from '@civitas/common';
import { appendAudit, rowsOf } from '@civitas/database';
import { ConsultationsError, ConsultationsErrorCode } from './consultations.errors';
import { ConsultationsService } from './consultations.service';

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

const notFound = () =>
  ConsultationsError.make('not_found', ConsultationsErrorCode.AttachmentNotFound, { pl: 'Nie ma takiego załącznika.', en: 'There is no such attachment.' });

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
  ) {}

  async upload(user: AuthenticatedUser, id: string, file: { fileName: string; mediaType: string; content: Buffer }): Promise<ConsultationAttachment> {
    const name = plainText(file.fileName).slice(0, 200);
    if (!file.content.length || !name) {
      throw new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, [
        !name
          ? { field: 'name', code: 'isNotEmpty', text: { pl: 'Podaj nazwę pliku.', en: 'Give the file name.' } }
          : { field: 'body', code: 'isNotEmpty', text: { pl: 'Plik nie może być pusty.', en: 'The file must not be empty.' } },
      ]);
    }
    if (file.content.length > UPLOAD_MAX_BYTES)
      throw ConsultationsError.make('too_large', ConsultationsErrorCode.InvalidDocument, {
        pl: 'Plik może mieć najwyżej 10 MiB.',
        en: 'A file may have at most 10 MiB.',
      });
    if (!contentMatches(file.mediaType, file.content))
      throw ConsultationsError.make('unsupported_media_type', ConsultationsErrorCode.InvalidDocument, {
        pl: 'Przyjmujemy pliki PDF, PNG i JPEG, których zawartość odpowiada podanemu typowi.',
        en: 'We take PDF, PNG and JPEG files whose content matches the declared type.',
      });
    const mediaType = file.mediaType;
    return this.ds.transaction(async (m) => {
      const c = await this.consultations.manageable(user, id, m, true);
      if (!['draft', 'announced', 'open'].includes(c.status)) throw ConsultationsError.notEditable(c.status, { pl: 'Załączników', en: 'The attachments' });
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM consultation_attachments WHERE consultation_id = $1`, [id])) as Array<{ n: number }>;
      if (n >= MAX_ATTACHMENTS)
        throw ConsultationsError.make('conflict', ConsultationsErrorCode.InvalidDocument, {
          pl: `Konsultacje mogą mieć najwyżej ${MAX_ATTACHMENTS} załączników.`,
          en: `A consultation may have at most ${MAX_ATTACHMENTS} attachments.`,
        });
      const [row] = (await m.query(
        `INSERT INTO consultation_attachments (consultation_id, file_name, media_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, file_name AS "fileName", media_type AS "mediaType", size, created_at AS "createdAt"`,
        [id, name, mediaType, file.content.length, file.content, user.id],
      )) as ConsultationAttachment[];
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
    const [f] = (await this.ds.query(
      `SELECT id, file_name AS "fileName", media_type AS "mediaType", size, created_at AS "createdAt", content
         FROM consultation_attachments WHERE id = $1 AND consultation_id = $2`,
      [attachmentId, id],
    )) as ConsultationFile[];
    if (!f) throw notFound();
    return f;
  }

  async remove(user: AuthenticatedUser, id: string, attachmentId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const c = await this.consultations.manageable(user, id, m, true);
      if (!['draft', 'announced', 'open'].includes(c.status)) throw ConsultationsError.notEditable(c.status, { pl: 'Załączników', en: 'The attachments' });
      const gone = rowsOf(await m.query(`DELETE FROM consultation_attachments WHERE id = $1 AND consultation_id = $2 RETURNING id`, [attachmentId, id]));
      if (!gone.length) throw notFound();
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
