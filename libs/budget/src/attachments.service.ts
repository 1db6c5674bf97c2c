import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { contentMatches, DomainError, UPLOAD_MAX_BYTES, type AttachmentMediaType } from '@civitas/common';
import { rowsOf } from '@civitas/database';
import { BudgetError } from './budget.errors';
import { assertStatusIn, EDITABLE_STATUSES, type ProjectStatus, SUPPORT_COUNTED_STATUSES } from './project-status';
import { ProjectsService } from './projects.service';

export const ATTACHMENT_KINDS = ['document', 'support_list'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Attachments per project, documents and support lists together. */
export const MAX_ATTACHMENTS = 10;

/** The statuses in which the authors may add or remove an attachment of each kind. */
const CHANGEABLE_IN: Record<AttachmentKind, readonly ProjectStatus[]> = {
  document: EDITABLE_STATUSES,
  support_list: ['draft', ...SUPPORT_COUNTED_STATUSES],
};

/** The first bytes every file of a media type starts with. */

export interface AttachmentUpload {
  kind: AttachmentKind;
  fileName: string;
  /** The declared Content-Type, without parameters. */
  mediaType: string;
  content: Buffer;
}

/** What the API shows of an attachment (never its content). */
export interface AttachmentView {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface AttachmentFile extends AttachmentView {
  content: Buffer;
}

export interface SupportListView {
  id: string;
  attachmentId: string;
  signatures: number;
  enteredAt: Date;
}

export interface SupportTotals {
  onlineEndorsements: number;
  paperSignatures: number;
  total: number;
}

interface ProjectRow {
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

const METADATA = `id, kind, file_name, media_type, size, sha256, created_at`;

function viewOf(r: AttachmentRow): AttachmentView {
  return { id: r.id, kind: r.kind, fileName: r.file_name, mediaType: r.media_type, size: r.size, sha256: r.sha256, createdAt: r.created_at };
}

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
 * Attachments of projects (DESIGN §4.2): documents, public with the project once it is submitted, and scanned paper
 * support lists, which hold residents' personal data and are only ever seen by the authors and the officials of the
 * project's area. An official counts the valid signatures on a list; the count adds to the project's paper
 * signatures and goes to its history. The files live in the database (bytea), at most 10 per project.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
  ) {}

  /** An author adds a file; its content must be what the declared media type says. */
  async upload(user: AuthenticatedUser, projectId: string, file: AttachmentUpload): Promise<AttachmentView> {
    if (!file.content.length) {
      throw new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, [
        { field: 'body', code: 'isNotEmpty', text: { pl: 'Plik nie może być pusty.', en: 'The file must not be empty.' } },
      ]);
    }
    // The body parser refuses larger bodies already; this holds for any other caller.
    if (file.content.length > UPLOAD_MAX_BYTES) throw BudgetError.fileTooLarge(UPLOAD_MAX_BYTES);
    if (!contentMatches(file.mediaType, file.content)) throw BudgetError.unsupportedFileType();
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    return this.ds.transaction(async (m) => {
      const p = await this.lockForAuthor(m, user, projectId);
      this.assertChangeable(p, file.kind, { pl: `uzupełnić o załącznik rodzaju „${file.kind}”`, en: `given an attachment of kind "${file.kind}"` });
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM budget_attachments WHERE project_id = $1`, [projectId])) as Array<{ n: number }>;
      if (n >= MAX_ATTACHMENTS) throw BudgetError.tooManyAttachments(MAX_ATTACHMENTS);
      const [row] = (await m
        .query(
          `INSERT INTO budget_attachments (project_id, kind, file_name, media_type, size, sha256, content, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${METADATA}`,
          [projectId, file.kind, file.fileName, file.mediaType, file.content.length, sha256, file.content, user.id],
        )
        .catch(withoutParameters)) as AttachmentRow[];
      return viewOf(row);
    });
  }

  /** The attachments the caller may see: documents of a submitted project to anyone, the rest to authors and officials. */
  async list(user: AuthenticatedUser | undefined, projectId: string): Promise<AttachmentView[]> {
    const { privileged } = await this.visibility(user, projectId);
    const rows = (await this.ds.query(
      `SELECT ${METADATA} FROM budget_attachments WHERE project_id = $1 AND ($2::boolean OR kind = 'document') ORDER BY created_at, id`,
      [projectId, privileged],
    )) as AttachmentRow[];
    return rows.map(viewOf);
  }

  /** One file with its content, under the same rules as the list; what the caller may not see does not exist. */
  async download(user: AuthenticatedUser | undefined, projectId: string, attachmentId: string): Promise<AttachmentFile> {
    const { privileged } = await this.visibility(user, projectId);
    const [row] = (await this.ds.query(`SELECT ${METADATA}, content FROM budget_attachments WHERE id = $1 AND project_id = $2`, [
      attachmentId,
      projectId,
    ])) as Array<AttachmentRow & { content: Uint8Array }>;
    if (!row || (row.kind !== 'document' && !privileged)) throw BudgetError.attachmentNotFound();
    // pg returns a Buffer, the embedded database a Uint8Array: the same bytes either way.
    const content = Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength);
    return { ...viewOf(row), content };
  }

  /** An author removes a file, in the statuses in which it could be added; a counted support list stays. */
  async remove(user: AuthenticatedUser, projectId: string, attachmentId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockForAuthor(m, user, projectId);
      const [a] = (await m.query(`SELECT id, kind FROM budget_attachments WHERE id = $1 AND project_id = $2`, [attachmentId, projectId])) as Array<{
        id: string;
        kind: AttachmentKind;
      }>;
      if (!a) throw BudgetError.attachmentNotFound();
      this.assertChangeable(p, a.kind, { pl: `pozbawić załącznika rodzaju „${a.kind}”`, en: `stripped of an attachment of kind "${a.kind}"` });
      const counted = (await m.query(`SELECT 1 FROM budget_support_lists WHERE attachment_id = $1`, [attachmentId])) as unknown[];
      if (counted.length) throw BudgetError.attachmentInUse();
      await m.query(`DELETE FROM budget_attachments WHERE id = $1`, [attachmentId]);
    });
  }

  /**
   * An official of the project's area enters the valid signatures of a scanned support list, once per list, while
   * the project's support is checked (submitted, formal review, correction requested).
   */
  async enterSupportList(user: AuthenticatedUser, projectId: string, input: { attachmentId: string; signatures: number }): Promise<SupportTotals> {
    return this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      if (!p) throw BudgetError.projectNotFound();
      await this.access.assertRole(user, 'official', p.area_id, m);
      assertStatusIn(p.status, SUPPORT_COUNTED_STATUSES, {
        pl: 'uzupełnić o podpisy z papierowej listy poparcia',
        en: 'given the signatures of a paper support list',
      });
      const [a] = (await m.query(
        `SELECT a.kind, EXISTS (SELECT 1 FROM budget_support_lists s WHERE s.attachment_id = a.id) AS counted
           FROM budget_attachments a WHERE a.id = $1 AND a.project_id = $2`,
        [input.attachmentId, projectId],
      )) as Array<{ kind: AttachmentKind; counted: boolean }>;
      if (!a) throw BudgetError.attachmentNotFound('attachmentId');
      if (a.kind !== 'support_list' || a.counted) throw BudgetError.notASupportList();
      await m.query(`INSERT INTO budget_support_lists (project_id, attachment_id, signatures, entered_by) VALUES ($1, $2, $3, $4)`, [
        projectId,
        input.attachmentId,
        input.signatures,
        user.id,
      ]);
      const [totals] = rowsOf<{ endorsements: number; paper_signatures: number }>(
        await m.query(`UPDATE budget_projects SET paper_signatures = paper_signatures + $2 WHERE id = $1 RETURNING endorsements, paper_signatures`, [
          projectId,
          input.signatures,
        ]),
      );
      await this.projects.history(m, projectId, user.id, 'support_list_counted', p.status, p.status, null, {
        signatures: input.signatures,
        attachmentId: input.attachmentId,
      });
      return { onlineEndorsements: totals.endorsements, paperSignatures: totals.paper_signatures, total: totals.endorsements + totals.paper_signatures };
    });
  }

  /** The counted support lists of a project (authors and officials of its area). */
  async supportLists(user: AuthenticatedUser, projectId: string): Promise<SupportListView[]> {
    const { privileged } = await this.visibility(user, projectId);
    if (!privileged) throw BudgetError.notAnAuthor();
    const rows = (await this.ds.query(
      `SELECT id, attachment_id, signatures, created_at FROM budget_support_lists WHERE project_id = $1 ORDER BY created_at, id`,
      [projectId],
    )) as Array<{ id: string; attachment_id: string; signatures: number; created_at: Date }>;
    return rows.map((r) => ({ id: r.id, attachmentId: r.attachment_id, signatures: r.signatures, enteredAt: r.created_at }));
  }

  private async lock(m: EntityManager, projectId: string): Promise<ProjectRow | undefined> {
    const [p] = (await m.query(`SELECT id, status, area_id FROM budget_projects WHERE id = $1 FOR UPDATE`, [projectId])) as ProjectRow[];
    return p;
  }

  /** Locks the project for one of its authors: another resident's draft does not exist for them, a public project is not theirs. */
  private async lockForAuthor(m: EntityManager, user: AuthenticatedUser, projectId: string): Promise<ProjectRow> {
    const p = await this.lock(m, projectId);
    if (!p) throw BudgetError.projectNotFound();
    if (!(await this.isAuthor(m, projectId, user.id))) {
      if (p.status === 'draft') throw BudgetError.projectNotFound();
      throw BudgetError.notAnAuthor();
    }
    return p;
  }

  private assertChangeable(p: ProjectRow, kind: AttachmentKind, action: { pl: string; en: string }): void {
    assertStatusIn(p.status, CHANGEABLE_IN[kind], action);
  }

  private async isAuthor(m: EntityManager, projectId: string, userId: string): Promise<boolean> {
    return ((await m.query(`SELECT 1 FROM budget_project_authors WHERE project_id = $1 AND user_id = $2`, [projectId, userId])) as unknown[]).length > 0;
  }

  /**
   * Whether the caller sees everything of the project (its authors and the officials of its area) or only what is
   * public; a draft does not exist for anyone else.
   */
  private async visibility(user: AuthenticatedUser | undefined, projectId: string): Promise<{ privileged: boolean }> {
    const m = this.ds.manager;
    const [p] = (await m.query(`SELECT id, status, area_id FROM budget_projects WHERE id = $1`, [projectId])) as ProjectRow[];
    if (!p) throw BudgetError.projectNotFound();
    const privileged = !!user && ((await this.isAuthor(m, projectId, user.id)) || (await this.access.hasRole(user, 'official', p.area_id, m)));
    if (p.status === 'draft' && !privileged) throw BudgetError.projectNotFound();
    return { privileged };
  }
}
