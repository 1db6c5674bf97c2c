import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import type { ConsultationAttachment, ConsultationFile } from './attachments.service';
import type { Consultation } from './consultations.service';
import type { DocumentSection, DocumentVersion } from './documents.service';

/** A section's text in one version of the document, as written (its body not yet rendered). */
export type SectionText = Omit<DocumentSection, 'bodyHtml'>;

/** A consultation's attachment as its page lists it. */
export type AttachmentListing = Consultation['attachments'][number];

/** A file to attach to a consultation (name already cleaned, content already checked). */
export interface NewAttachment {
  consultationId: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
  createdBy: string;
}

/**
 * The SQL of a consultation's document (its sections, their texts and the versions) and of its attachments, as
 * named methods with typed rows. Methods used in a transaction take its EntityManager first; reads take one
 * optionally.
 */
@Injectable()
export class DocumentRepository {
  constructor(private readonly ds: DataSource) {}

  /** The number of the document's current version (0 when there is none). */
  async currentVersion(m: EntityManager, consultationId: string): Promise<number> {
    const [{ v }] = await queryRows<{ v: number }>(
      m,
      `SELECT coalesce(max(version), 0)::int AS v FROM consultation_document_versions WHERE consultation_id = $1`,
      [consultationId],
    );
    return Number(v);
  }

  /** Records a new version of the document with its note. */
  async insertVersion(m: EntityManager, consultationId: string, version: number, note: string, createdBy: string): Promise<void> {
    await m.query(`INSERT INTO consultation_document_versions (consultation_id, version, note, created_by) VALUES ($1, $2, $3, $4)`, [
      consultationId,
      version,
      note,
      createdBy,
    ]);
  }

  /** The ids of the consultation's sections by their key in lower case. */
  async sectionIdsByKey(m: EntityManager, consultationId: string): Promise<Map<string, string>> {
    const rows = await queryRows<{ id: string; k: string }>(m, `SELECT id, lower(key) AS k FROM consultation_sections WHERE consultation_id = $1`, [
      consultationId,
    ]);
    return new Map(rows.map((s) => [s.k, s.id]));
  }

  /** Inserts a new section of the consultation under its key; returns its id. */
  async insertSection(m: EntityManager, consultationId: string, key: string): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(m, `INSERT INTO consultation_sections (consultation_id, key) VALUES ($1, $2) RETURNING id`, [
      consultationId,
      key,
    ]);
    return id;
  }

  /** Records a section's text in a version of the document, at its position. */
  async insertSectionText(
    m: EntityManager,
    t: { sectionId: string; consultationId: string; version: number; position: number; heading: string; body: string },
  ): Promise<void> {
    await m.query(`INSERT INTO consultation_section_texts (section_id, consultation_id, version, position, heading, body) VALUES ($1, $2, $3, $4, $5, $6)`, [
      t.sectionId,
      t.consultationId,
      t.version,
      t.position,
      t.heading,
      t.body,
    ]);
  }

  /** The document's versions, oldest first. */
  listVersions(consultationId: string, m: EntityManager = this.ds.manager): Promise<DocumentVersion[]> {
    return queryRows<DocumentVersion>(
      m,
      `SELECT version, note, created_at AS "createdAt" FROM consultation_document_versions WHERE consultation_id = $1 ORDER BY version`,
      [consultationId],
    );
  }

  /** The sections of one version of the document, in order. */
  listSections(consultationId: string, version: number, m: EntityManager = this.ds.manager): Promise<SectionText[]> {
    return queryRows<SectionText>(
      m,
      `SELECT s.id, s.key, t.position, t.heading, t.body FROM consultation_section_texts t JOIN consultation_sections s ON s.id = t.section_id
        WHERE t.consultation_id = $1 AND t.version = $2 ORDER BY t.position`,
      [consultationId, version],
    );
  }

  /** The consultation's attachments (without their content), oldest first. */
  listAttachments(consultationId: string, m: EntityManager = this.ds.manager): Promise<AttachmentListing[]> {
    return queryRows<AttachmentListing>(
      m,
      `SELECT id, file_name AS "fileName", media_type AS "mediaType", size FROM consultation_attachments WHERE consultation_id = $1 ORDER BY created_at, id`,
      [consultationId],
    );
  }

  /** How many files the consultation has. */
  async countAttachments(m: EntityManager, consultationId: string): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM consultation_attachments WHERE consultation_id = $1`, [consultationId]);
    return n;
  }

  /** Stores a file of the consultation; returns it without its content. */
  async insertAttachment(m: EntityManager, a: NewAttachment): Promise<ConsultationAttachment> {
    const [row] = await queryRows<ConsultationAttachment>(
      m,
      `INSERT INTO consultation_attachments (consultation_id, file_name, media_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, file_name AS "fileName", media_type AS "mediaType", size, created_at AS "createdAt"`,
      [a.consultationId, a.fileName, a.mediaType, a.content.length, a.content, a.createdBy],
    );
    return row;
  }

  /** A file of the consultation with its content; undefined when the consultation has no such file. */
  findFile(consultationId: string, attachmentId: string, m: EntityManager = this.ds.manager): Promise<ConsultationFile | undefined> {
    return queryOne<ConsultationFile>(
      m,
      `SELECT id, file_name AS "fileName", media_type AS "mediaType", size, created_at AS "createdAt", content
         FROM consultation_attachments WHERE id = $1 AND consultation_id = $2`,
      [attachmentId, consultationId],
    );
  }

  /** Removes a file of the consultation; false when it has no such file. */
  async deleteAttachment(m: EntityManager, consultationId: string, attachmentId: string): Promise<boolean> {
    const gone = rowsOf(
      await m.query(`DELETE FROM consultation_attachments WHERE id = $1 AND consultation_id = $2 RETURNING id`, [attachmentId, consultationId]),
    );
    return gone.length > 0;
  }
}
