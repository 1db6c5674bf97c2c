import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { queryOne, queryRows } from '@civitas/database';
import { areasAllWithinSql } from './consultation.repository';
import type {
  AdminComment,
  CommentChannel,
  CommentStatus,
  DocumentComment,
  HideReason,
  ModerationItem,
  ModerationKind,
  ModerationQuery,
  OwnComment,
  PublicComment,
} from './comments.service';

/** A participant's comment made online, texts already clean. */
export interface NewOnlineComment {
  consultationId: string;
  sectionId: string | null;
  version: number | null;
  authorId: string;
  authorName: string;
  body: string;
  proposedWording: string | null;
  status: CommentStatus;
}

/** A comment received on paper, by e-mail or at a meeting, entered by an official; texts already clean. */
export interface NewEnteredComment {
  consultationId: string;
  sectionId: string | null;
  version: number | null;
  authorName: string;
  contactEmail: string | null;
  channel: CommentChannel;
  /** YYYY-MM-DD. */
  receivedOn: string;
  enteredBy: string;
  body: string;
  proposedWording: string | null;
}

/** A comment locked for a moderation act, with what the act decides by. */
export interface LockedComment {
  id: string;
  status: CommentStatus;
  authorId: string | null;
  hiddenReason: HideReason | null;
  /** Reports made since a moderator last dealt with them. */
  openReports: number;
}

/** The moderation fields a moderation act writes. */
export interface ModerationChange {
  status: CommentStatus;
  hiddenReason: HideReason | null;
  hiddenNote: string | null;
  /** Whether the reports made so far are dealt with (keep, restore). */
  settleReports: boolean;
}

/** Who asks for the moderation queue: their role grants decide which consultations they see. */
export type ModeratorGrants = AuthenticatedUser['grants'];

interface LockedCommentRow {
  id: string;
  status: CommentStatus;
  author_id: string | null;
  hidden_reason: HideReason | null;
  open_reports: number;
}

type ModerationItemRow = Omit<ModerationItem, 'reports' | 'sectionQuote'> & {
  sectionText: string | null;
  reports: Array<{ reason: string; createdAt: string }> | string;
};

const SELECT = `SELECT k.id, k.section_id AS "sectionId", s.key AS "sectionKey", k.version, k.author_name AS "authorName", k.channel, k.body,
                       k.proposed_wording AS "proposedWording", k.created_at AS "createdAt"`;

/** Reports of comment `k` not yet dealt with (made after the last keep or restore). */
const OPEN_REPORT = `r.comment_id = k.id AND (k.reports_reviewed_at IS NULL OR r.created_at > k.reports_reviewed_at)`;

/** A moderation item's columns over `consultation_comments k JOIN consultations c` and ITEM_JOINS (section `s`, its text `st`). */
const ITEM_SELECT = `SELECT k.id, k.consultation_id AS "consultationId", c.title AS "consultationTitle", k.section_id AS "sectionId", s.key AS "sectionKey",
       st.heading AS "sectionHeading", left(st.body, 600) AS "sectionText", k.version, k.author_name AS "authorName",
       (k.author_id IS NOT NULL) AS "authorHasAccount", k.channel, k.body, k.proposed_wording AS "proposedWording", k.status,
       k.created_at AS "createdAt", k.hidden_reason AS "hiddenReason", k.hidden_note AS "hiddenNote", k.moderated_at AS "moderatedAt",
       (SELECT count(*)::int FROM consultation_comment_reports r WHERE r.comment_id = k.id) AS "reportCount",
       (SELECT count(*)::int FROM consultation_comment_reports r WHERE ${OPEN_REPORT}) AS "openReports",
       (SELECT coalesce(json_agg(json_build_object('reason', r.reason, 'createdAt', r.created_at) ORDER BY r.created_at), '[]'::json)
          FROM consultation_comment_reports r WHERE ${OPEN_REPORT}) AS reports,
       CASE WHEN k.status = 'hidden' THEN coalesce(k.moderated_at, k.created_at)
            WHEN k.status = 'visible' THEN coalesce((SELECT min(r.created_at) FROM consultation_comment_reports r WHERE ${OPEN_REPORT}), k.created_at)
            ELSE k.created_at END AS "waitingSince"`;
const ITEM_JOINS = `LEFT JOIN consultation_sections s ON s.id = k.section_id
       LEFT JOIN consultation_section_texts st ON st.section_id = k.section_id AND st.version = k.version`;

/** The beginning of a section's Markdown as plain words, about `max` characters, cut at a word. */
export function sectionQuote(markdown: string | null, max = 200): string | null {
  if (!markdown) return null;
  const plain = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain || null;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}…`;
}

const lockedOf = (r: LockedCommentRow): LockedComment => ({
  id: r.id,
  status: r.status,
  authorId: r.author_id,
  hiddenReason: r.hidden_reason,
  openReports: Number(r.open_reports),
});

const adminOf = (r: AdminComment): AdminComment => ({ ...r, reportCount: Number(r.reportCount), openReports: Number(r.openReports) });

function itemOf({ sectionText, reports, ...r }: ModerationItemRow): ModerationItem {
  const list = (typeof reports === 'string' ? JSON.parse(reports) : reports) as Array<{ reason: string; createdAt: string }>;
  return {
    ...r,
    sectionQuote: sectionQuote(sectionText),
    reportCount: Number(r.reportCount),
    openReports: Number(r.openReports),
    reports: list.map((x) => ({ reason: x.reason, createdAt: new Date(x.createdAt) })),
    waitingSince: new Date(r.waitingSince),
    createdAt: new Date(r.createdAt),
    moderatedAt: r.moderatedAt ? new Date(r.moderatedAt) : null,
  };
}

/**
 * `mayModerate` as SQL over `consultations c`: for officials (who run it) and for moderators, every consultation
 * when a grant of the role (or admin) is unrestricted; otherwise those with areas, each under one of that role's
 * granted areas. Adds its parameters to `params`; returns the condition.
 */
function moderationScope(grants: ModeratorGrants, params: unknown[]): string {
  const parts: string[] = [];
  for (const role of ['official', 'moderator'] as const) {
    const held = grants.filter((g) => g.role === role || g.role === 'admin');
    if (!held.length) continue;
    if (held.some((g) => g.areaId === null)) return 'TRUE';
    params.push(held.map((g) => g.areaId));
    parts.push(areasAllWithinSql(`$${params.length}`));
  }
  if (!parts.length) return 'FALSE';
  return `(${parts.join(' OR ')})`;
}

/** Which comments a kind of the queue holds (none: reported and pending). */
function kindWhere(kind: ModerationKind | undefined): string {
  const reported = `(k.status = 'visible' AND EXISTS (SELECT 1 FROM consultation_comment_reports r WHERE ${OPEN_REPORT}))`;
  const pending = `k.status = 'pending'`;
  if (kind === 'reported') return reported;
  if (kind === 'pending') return pending;
  if (kind === 'hidden') return `k.status = 'hidden'`;
  return `(${pending} OR ${reported})`;
}

/** The moderation queue's condition and its parameters: the kind, optionally one consultation, the moderator's scope. */
function queueWhere(grants: ModeratorGrants, q: Pick<ModerationQuery, 'kind' | 'consultationId'>): { where: string; params: unknown[] } {
  const params: unknown[] = [q.consultationId ?? null];
  const scope = moderationScope(grants, params);
  return { where: `${kindWhere(q.kind)} AND ($1::uuid IS NULL OR k.consultation_id = $1) AND ${scope}`, params };
}

const QUEUE_FROM = `FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id`;

/**
 * The SQL of `consultation_comments` and their reports and moderation (the queue across consultations included),
 * as named methods with typed rows. Methods used in a transaction take its EntityManager first; the others read
 * through the DataSource unless given one.
 */
@Injectable()
export class CommentRepository {
  constructor(private readonly ds: DataSource) {}

  /** Whether the section is in the given version of the consultation's document. */
  async sectionInVersion(m: EntityManager, consultationId: string, sectionId: string, version: number): Promise<boolean> {
    const found = await queryRows<unknown>(m, `SELECT 1 FROM consultation_section_texts WHERE section_id = $1 AND consultation_id = $2 AND version = $3`, [
      sectionId,
      consultationId,
      version,
    ]);
    return found.length > 0;
  }

  /** The comment of the consultation with its status, as its author sees it; undefined when there is none. */
  findOwn(m: EntityManager, consultationId: string, commentId: string): Promise<OwnComment | undefined> {
    return queryOne<OwnComment>(
      m,
      `${SELECT}, k.status FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id WHERE k.id = $1 AND k.consultation_id = $2`,
      [commentId, consultationId],
    );
  }

  /** The display name of an existing account (what an online comment is signed with). */
  async displayName(m: EntityManager, userId: string): Promise<string> {
    const [{ display_name: displayName }] = await queryRows<{ display_name: string }>(m, `SELECT display_name FROM users WHERE id = $1`, [userId]);
    return displayName;
  }

  /** Inserts a participant's online comment; returns its id. */
  async insertOnline(m: EntityManager, k: NewOnlineComment): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO consultation_comments (consultation_id, section_id, version, author_id, author_name, channel, body, proposed_wording, status)
         VALUES ($1, $2, $3, $4, $5, 'online', $6, $7, $8) RETURNING id`,
      [k.consultationId, k.sectionId, k.version, k.authorId, k.authorName, k.body, k.proposedWording, k.status],
    );
    return id;
  }

  /** Inserts an entered comment, visible at once; returns its id. */
  async insertEntered(m: EntityManager, k: NewEnteredComment): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO consultation_comments (consultation_id, section_id, version, author_name, contact_email, channel, received_on, entered_by, body, proposed_wording, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'visible') RETURNING id`,
      [k.consultationId, k.sectionId, k.version, k.authorName, k.contactEmail, k.channel, k.receivedOn, k.enteredBy, k.body, k.proposedWording],
    );
    return id;
  }

  /** The consultation's visible comments, oldest first (optionally on one section). */
  listVisible(consultationId: string, sectionId: string | null, m: EntityManager = this.ds.manager): Promise<PublicComment[]> {
    return queryRows<PublicComment>(
      m,
      `${SELECT} FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id
        WHERE k.consultation_id = $1 AND k.status = 'visible' AND ($2::uuid IS NULL OR k.section_id = $2)
        ORDER BY k.created_at, k.id`,
      [consultationId, sectionId],
    );
  }

  /** The comments the document page shows to the viewer (null: signed out), oldest first, with whether they wrote and reported each. */
  listForDocument(consultationId: string, viewerId: string | null, m: EntityManager = this.ds.manager): Promise<DocumentComment[]> {
    return queryRows<DocumentComment>(
      m,
      `SELECT k.id, k.section_id AS "sectionId", s.key AS "sectionKey", k.version, k.author_name AS "authorName", k.channel, k.created_at AS "createdAt", k.status,
              CASE WHEN k.status = 'hidden' THEN NULL ELSE k.body END AS body,
              CASE WHEN k.status = 'hidden' THEN NULL ELSE k.proposed_wording END AS "proposedWording",
              k.hidden_reason AS "hiddenReason",
              coalesce(k.author_id = $2::uuid, false) AS own,
              ($2::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM consultation_comment_reports r WHERE r.comment_id = k.id AND r.reporter_id = $2::uuid)) AS reported
         FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id
        WHERE k.consultation_id = $1 AND (k.status <> 'pending' OR k.author_id = $2::uuid)
        ORDER BY k.created_at, k.id`,
      [consultationId, viewerId],
    );
  }

  /** The consultation's comments as moderators see them, oldest first: all, or those of one status, or one comment. */
  async listAdmin(m: EntityManager, consultationId: string, opts: { status?: CommentStatus; commentId?: string }): Promise<AdminComment[]> {
    const rows = await queryRows<AdminComment>(
      m,
      `${SELECT}, k.status, to_char(k.received_on, 'YYYY-MM-DD') AS "receivedOn", k.contact_email AS "contactEmail",
              k.hidden_reason AS "hiddenReason", k.hidden_note AS "hiddenNote",
              (SELECT count(*)::int FROM consultation_comment_reports r WHERE r.comment_id = k.id) AS "reportCount",
              (SELECT count(*)::int FROM consultation_comment_reports r WHERE ${OPEN_REPORT}) AS "openReports"
         FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id
        WHERE k.consultation_id = $1 AND ($2::text IS NULL OR k.status = $2) AND ($3::uuid IS NULL OR k.id = $3)
        ORDER BY k.created_at, k.id`,
      [consultationId, opts.status ?? null, opts.commentId ?? null],
    );
    return rows.map(adminOf);
  }

  /** How many comments of the queue's kind (optionally of one consultation) the moderator may moderate. */
  async countQueue(grants: ModeratorGrants, q: Pick<ModerationQuery, 'kind' | 'consultationId'>, m: EntityManager = this.ds.manager): Promise<number> {
    const { where, params } = queueWhere(grants, q);
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n ${QUEUE_FROM} WHERE ${where}`, params);
    return Number(n);
  }

  /** One page of the moderation queue, in its context, the longest waiting (or the most reported, or the last hidden) first. */
  async queuePage(grants: ModeratorGrants, q: ModerationQuery, m: EntityManager = this.ds.manager): Promise<ModerationItem[]> {
    const { where, params } = queueWhere(grants, q);
    const order =
      q.kind === 'hidden'
        ? `k.moderated_at DESC NULLS LAST, k.created_at DESC, k.id`
        : q.sort === 'reports'
          ? `"openReports" DESC, "waitingSince", k.id`
          : `"waitingSince", k.id`;
    const rows = await queryRows<ModerationItemRow>(
      m,
      `${ITEM_SELECT} ${QUEUE_FROM} ${ITEM_JOINS} WHERE ${where}
        ORDER BY ${order} LIMIT ${Number(q.pageSize)} OFFSET ${(Number(q.page) - 1) * Number(q.pageSize)}`,
      params,
    );
    return rows.map(itemOf);
  }

  /** How many comments wait for the moderator (reported and pending), across the consultations they may moderate. */
  async countWaiting(grants: ModeratorGrants, m: EntityManager = this.ds.manager): Promise<number> {
    const params: unknown[] = [];
    const scope = moderationScope(grants, params);
    const [{ n }] = await queryRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id
        WHERE ${kindWhere(undefined)} AND ${scope}`,
      params,
    );
    return Number(n);
  }

  /** The consultations the moderator may moderate that have comments of the kind, by title, with how many. */
  async listQueueConsultations(
    grants: ModeratorGrants,
    kind: ModerationKind | undefined,
    m: EntityManager = this.ds.manager,
  ): Promise<Array<{ id: string; title: string; count: number }>> {
    const params: unknown[] = [];
    const scope = moderationScope(grants, params);
    const rows = await queryRows<{ id: string; title: string; count: number }>(
      m,
      `SELECT c.id, c.title, count(*)::int AS count FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id
        WHERE ${kindWhere(kind)} AND ${scope}
        GROUP BY c.id, c.title ORDER BY c.title, c.id`,
      params,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** One comment of the consultation as the moderation desk shows it (whatever its status); undefined when there is none. */
  async findModerationItem(consultationId: string, commentId: string, m: EntityManager = this.ds.manager): Promise<ModerationItem | undefined> {
    const rows = await queryRows<ModerationItemRow>(
      m,
      `${ITEM_SELECT} FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id ${ITEM_JOINS} WHERE k.id = $1 AND k.consultation_id = $2`,
      [commentId, consultationId],
    );
    return rows.map(itemOf)[0];
  }

  /** Records a user's report of a comment; a second report by the same user fails with a unique violation. */
  async insertReport(m: EntityManager, commentId: string, reporterId: string, reason: string): Promise<void> {
    await m.query(`INSERT INTO consultation_comment_reports (comment_id, reporter_id, reason) VALUES ($1, $2, $3)`, [commentId, reporterId, reason]);
  }

  /** The comment of the consultation locked for the rest of the transaction, with its open reports; undefined when there is none. */
  async lockForModeration(m: EntityManager, consultationId: string, commentId: string): Promise<LockedComment | undefined> {
    const r = await queryOne<LockedCommentRow>(
      m,
      `SELECT k.id, k.status, k.author_id, k.hidden_reason, (SELECT count(*)::int FROM consultation_comment_reports r WHERE ${OPEN_REPORT}) AS open_reports
           FROM consultation_comments k WHERE k.id = $1 AND k.consultation_id = $2 FOR UPDATE`,
      [commentId, consultationId],
    );
    return r && lockedOf(r);
  }

  /** Writes a moderation act's outcome on the comment, stamped now. */
  async setModeration(m: EntityManager, commentId: string, c: ModerationChange): Promise<void> {
    await m.query(
      `UPDATE consultation_comments SET status = $2, hidden_reason = $3, hidden_note = $4, moderated_at = now(),
                reports_reviewed_at = CASE WHEN $5 THEN now() ELSE reports_reviewed_at END
          WHERE id = $1`,
      [commentId, c.status, c.hiddenReason, c.hiddenNote, c.settleReports],
    );
  }
}
