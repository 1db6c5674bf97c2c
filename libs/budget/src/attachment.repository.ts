import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AttachmentMediaType } from '@civitas/common';
import { queryOne, queryRows } from '@civitas/database';
import type { AttachmentFile, AttachmentKind, AttachmentView, SupportListView, SupportTotals } from './attachments.service';

/** What decides who sees a project's attachments: its status and area. */
export interface ProjectScope {
  id: string;
  status: string;
  areaId: string | null;
}

/** A new attachment, its checksum computed. */
export interface NewAttachment {
  projectId: string;
  kind: AttachmentKind;
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
}

/** A new counted support list. */
export interface NewSupportList {
  projectId: string;
  attachmentId: string;
  signatures: number;
  enteredBy: string;
}

interface ProjectScopeRow {
  id: string;
  status: string;
  area_id: string | null;
}

interface AttachmentRow {
  id: string;
  kind: AttachmentKind;
  file_name: string;
  media_type: AttachmentMediaType;
  size: number;
  sha256: string;
  created_at: Date;
}

interface AttachmentFileRow extends AttachmentRow {
  content: Uint8Array;
}

interface SupportListRow {
  id: string;
  attachment_id: string;
  signatures: number;
  created_at: Date;
}

const METADATA = `id, kind, file_name, media_type, size, sha256, created_at`;

const viewOf = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  kind: r.kind,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  createdAt: r.created_at,
});

// pg returns a Buffer, the embedded database a Uint8Array: the same bytes either way.
const bufferOf = (c: Uint8Array): Buffer => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));

const supportListOf = (r: SupportListRow): SupportListView => ({ id: r.id, attachmentId: r.attachment_id, signatures: r.signatures, enteredAt: r.created_at });

/**
 * A failed query carries its parameters, and PostgreSQL's detail may quote the failing row (here the file's name
 * and content); an unexpected error is logged whole, so both go before the error travels on.
 */
function withoutParameters(err: unknown): never {
  for (const e of [err, (err as { driverError?: unknown } | null)?.driverError]) {
    if (!e || typeof e !== 'object') continue;
    // TypeORM: parameters; the embedded database's error: params; PostgreSQL: detail.
    for (const key of ['parameters', 'params', 'detail']) if (key in e) (e as Record<string, unknown>)[key] = undefined;
  }
  throw err;
}

/**
 * The SQL of `budget_attachments` and `budget_support_lists` (and what their use cases read and change of the
 * project), as named methods with typed rows. Methods that change data take the transaction's EntityManager; reads
 * take one optionally (the embedded database lends its one session to one transaction at a time).
 */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly ds: DataSource) {}

  /** The project's status and area, unlocked; undefined when there is none. */
  async findProjectScope(projectId: string, m: EntityManager = this.ds.manager): Promise<ProjectScope | undefined> {
    const r = await queryOne<ProjectScopeRow>(m, `SELECT id, status, area_id FROM budget_projects WHERE id = $1`, [projectId]);
    return r && { id: r.id, status: r.status, areaId: r.area_id };
  }

  /** How many attachments the project has, documents and support lists together. */
  async countForProject(m: EntityManager, projectId: string): Promise<number> {
    const r = await queryOne<{ n: number }>(m, `SELECT count(*)::int AS n FROM budget_attachments WHERE project_id = $1`, [projectId]);
    return r!.n;
  }

  /** Stores a new attachment; its metadata. A failed insert's error loses its parameters (the file). */
  async insert(m: EntityManager, a: NewAttachment): Promise<AttachmentView> {
    const r = await queryOne<AttachmentRow>(
      m,
      `INSERT INTO budget_attachments (project_id, kind, file_name, media_type, size, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${METADATA}`,
      [a.projectId, a.kind, a.fileName, a.mediaType, a.content.length, a.sha256, a.content, a.uploadedBy],
    ).catch(withoutParameters);
    return viewOf(r!);
  }

  /** The project's attachments, oldest first: every kind when `everyKind`, else its documents only. */
  async listForProject(projectId: string, everyKind: boolean, m: EntityManager = this.ds.manager): Promise<AttachmentView[]> {
    const rows = await queryRows<AttachmentRow>(
      m,
      `SELECT ${METADATA} FROM budget_attachments WHERE project_id = $1 AND ($2::boolean OR kind = 'document') ORDER BY created_at, id`,
      [projectId, everyKind],
    );
    return rows.map(viewOf);
  }

  /** An attachment of the project with its content; undefined when there is none. */
  async findFile(projectId: string, attachmentId: string, m: EntityManager = this.ds.manager): Promise<AttachmentFile | undefined> {
    const r = await queryOne<AttachmentFileRow>(m, `SELECT ${METADATA}, content FROM budget_attachments WHERE id = $1 AND project_id = $2`, [
      attachmentId,
      projectId,
    ]);
    return r && { ...viewOf(r), content: bufferOf(r.content) };
  }

  /** An attachment of the project, its id and kind; undefined when there is none. */
  async findKind(m: EntityManager, projectId: string, attachmentId: string): Promise<{ id: string; kind: AttachmentKind } | undefined> {
    return queryOne<{ id: string; kind: AttachmentKind }>(m, `SELECT id, kind FROM budget_attachments WHERE id = $1 AND project_id = $2`, [
      attachmentId,
      projectId,
    ]);
  }

  /** Whether the attachment's signatures have been counted (a support list was entered from it). */
  async isCounted(m: EntityManager, attachmentId: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM budget_support_lists WHERE attachment_id = $1`, [attachmentId])).length > 0;
  }

  /** Deletes the attachment. */
  async delete(m: EntityManager, attachmentId: string): Promise<void> {
    await m.query(`DELETE FROM budget_attachments WHERE id = $1`, [attachmentId]);
  }

  /** An attachment of the project, its kind and whether its signatures have been counted; undefined when there is none. */
  async findForCounting(m: EntityManager, projectId: string, attachmentId: string): Promise<{ kind: AttachmentKind; counted: boolean } | undefined> {
    return queryOne<{ kind: AttachmentKind; counted: boolean }>(
      m,
      `SELECT a.kind, EXISTS (SELECT 1 FROM budget_support_lists s WHERE s.attachment_id = a.id) AS counted
           FROM budget_attachments a WHERE a.id = $1 AND a.project_id = $2`,
      [attachmentId, projectId],
    );
  }

  /** Records the valid signatures counted on a support list. */
  async insertSupportList(m: EntityManager, s: NewSupportList): Promise<void> {
    await m.query(`INSERT INTO budget_support_lists (project_id, attachment_id, signatures, entered_by) VALUES ($1, $2, $3, $4)`, [
      s.projectId,
      s.attachmentId,
      s.signatures,
      s.enteredBy,
    ]);
  }

  /** Adds signatures to the project's paper signatures; its support totals after. */
  async addPaperSignatures(m: EntityManager, projectId: string, signatures: number): Promise<SupportTotals> {
    const r = await queryOne<{ endorsements: number; paper_signatures: number }>(
      m,
      `UPDATE budget_projects SET paper_signatures = paper_signatures + $2 WHERE id = $1 RETURNING endorsements, paper_signatures`,
      [projectId, signatures],
    );
    return { onlineEndorsements: r!.endorsements, paperSignatures: r!.paper_signatures, total: r!.endorsements + r!.paper_signatures };
  }

  /** The project's counted support lists, oldest first. */
  async listSupportLists(projectId: string, m: EntityManager = this.ds.manager): Promise<SupportListView[]> {
    const rows = await queryRows<SupportListRow>(
      m,
      `SELECT id, attachment_id, signatures, created_at FROM budget_support_lists WHERE project_id = $1 ORDER BY created_at, id`,
      [projectId],
    );
    return rows.map(supportListOf);
  }
}
