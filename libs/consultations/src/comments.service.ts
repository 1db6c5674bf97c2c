import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText, zonedDate } from '@civitas/common';
import { areaTree, appendAudit, isUniqueViolation } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { ConsultationsError, field } from './consultations.errors';
import { ConsultationRow, ConsultationsService } from './consultations.service';
import { DocumentsService } from './documents.service';
import { Clock } from '@civitas/config';

export const CHANNELS = ['online', 'paper', 'email', 'meeting'] as const;
export type CommentChannel = (typeof CHANNELS)[number];
export const ENTERED_CHANNELS = ['paper', 'email', 'meeting'] as const;
export const COMMENT_STATUSES = ['pending', 'visible', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export const HIDE_REASONS = ['offensive', 'off_topic', 'personal_data', 'spam', 'other'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];
/**
 * hide (a visible comment, or reject a pending one), restore a hidden one, approve a pending one, keep a reported
 * visible one (its reports dealt with: it stays visible and leaves the queue until someone reports it again).
 */
export type ModerationAct = 'hide' | 'restore' | 'approve' | 'keep';
/** What the moderation queue holds: reported visible comments, comments awaiting approval; and the hidden ones (a page of its own). */
export const MODERATION_KINDS = ['reported', 'pending', 'hidden'] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];
/** The queue's orders: the longest waiting first (a pending comment since it was made, a reported one since its first report not dealt with), or the most reported first. */
export const MODERATION_SORTS = ['oldest', 'reports'] as const;
export type ModerationSort = (typeof MODERATION_SORTS)[number];

export interface CommentInput {
  sectionId?: string | null;
  body?: string;
  proposedWording?: string | null;
}

export interface EnteredCommentInput extends CommentInput {
  channel?: string;
  receivedOn?: string;
  authorName?: string;
  contactEmail?: string | null;
}

/** A comment as the public sees it: no e-mail addresses, no account ids. */
export interface PublicComment {
  id: string;
  sectionId: string | null;
  sectionKey: string | null;
  /** The document version the comment was made on (null when the consultation had no document). */
  version: number | null;
  authorName: string;
  channel: CommentChannel;
  body: string;
  proposedWording: string | null;
  createdAt: Date;
}

/** A comment as its author sees it right after writing it. */
export interface OwnComment extends PublicComment {
  status: CommentStatus;
}

/** A comment as officials and moderators see it. */
export interface AdminComment extends OwnComment {
  receivedOn: string | null;
  contactEmail: string | null;
  hiddenReason: HideReason | null;
  hiddenNote: string | null;
  reportCount: number;
  /** Reports made since a moderator last dealt with them (kept or restored the comment): what puts it in the queue. */
  openReports: number;
}

/** A comment in the moderation queue: in its context (the consultation, the section and a short quote of it), with the reports not yet dealt with. */
export interface ModerationItem {
  id: string;
  consultationId: string;
  consultationTitle: string;
  sectionId: string | null;
  sectionKey: string | null;
  sectionHeading: string | null;
  /** The beginning of the section's text in the version the comment was made on (plain, about 200 characters). */
  sectionQuote: string | null;
  version: number | null;
  authorName: string;
  /** Whether the author can be told (an account, or an address given with an entered comment). */
  authorHasAccount: boolean;
  channel: CommentChannel;
  body: string;
  proposedWording: string | null;
  status: CommentStatus;
  createdAt: Date;
  hiddenReason: HideReason | null;
  hiddenNote: string | null;
  moderatedAt: Date | null;
  reportCount: number;
  openReports: number;
  /** The reports not yet dealt with, oldest first: the reporters' reasons (never who reported). */
  reports: Array<{ reason: string; createdAt: Date }>;
  /** Since when it waits: made (pending), first report not dealt with (reported), hidden (hidden). */
  waitingSince: Date;
}

export interface ModerationQuery {
  /** None: reported and pending together (the queue). */
  kind?: ModerationKind;
  consultationId?: string;
  sort?: ModerationSort;
  page: number;
  pageSize: number;
}

/**
 * A comment as the document page shows it: a visible one with its words, a hidden one with its reason only (as the
 * report shows it), and the viewer's own comments still awaiting moderation; whether the viewer wrote or reported it.
 */
export interface DocumentComment {
  id: string;
  sectionId: string | null;
  sectionKey: string | null;
  version: number | null;
  authorName: string;
  channel: CommentChannel;
  createdAt: Date;
  status: CommentStatus;
  /** Null when hidden. */
  body: string | null;
  proposedWording: string | null;
  hiddenReason: HideReason | null;
  own: boolean;
  reported: boolean;
}

const LIMITS = { body: 10_000, proposedWording: 10_000, authorName: 300, reason: 1000, note: 1000 };
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

const SELECT = `SELECT k.id, k.section_id AS "sectionId", s.key AS "sectionKey", k.version, k.author_name AS "authorName", k.channel, k.body,
                       k.proposed_wording AS "proposedWording", k.created_at AS "createdAt"`;

const tooLong = (path: string, max: number) => field(path, 'too_long', { pl: `Najwyżej ${max} znaków.`, en: `At most ${max} characters.` });

/** The moves a moderator may make: act → from which statuses, to which. */
const MOVES: Record<ModerationAct, { from: CommentStatus[]; to: CommentStatus; audit: string }> = {
  hide: { from: ['pending', 'visible'], to: 'hidden', audit: 'consultation.comment_hidden' },
  restore: { from: ['hidden'], to: 'visible', audit: 'consultation.comment_restored' },
  approve: { from: ['pending'], to: 'visible', audit: 'consultation.comment_approved' },
  keep: { from: ['visible'], to: 'visible', audit: 'consultation.comment_kept' },
};

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

/**
 * Comments on a consultation (online by participants, or entered by an official from paper, e-mail or a meeting),
 * reports by users and moderation. Comments are never deleted: a hidden comment keeps its text and reason for the
 * report ("hidden (reason)").
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly consultations: ConsultationsService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  /** Body and proposed wording cleaned (tags out) and checked. */
  private texts(input: CommentInput, problems: FieldText[]): { body: string; proposedWording: string | null } {
    const body = plainText(String(input.body ?? ''));
    if (!body) problems.push(field('body', 'required', { pl: 'Wpisz treść uwagi.', en: 'Write the comment.' }));
    else if (body.length > LIMITS.body) problems.push(tooLong('body', LIMITS.body));
    const wording = input.proposedWording === undefined || input.proposedWording === null ? '' : plainText(String(input.proposedWording));
    if (wording.length > LIMITS.proposedWording) problems.push(tooLong('proposedWording', LIMITS.proposedWording));
    return { body, proposedWording: wording || null };
  }

  /** The section, if it belongs to the consultation and is in the document's current version (422 otherwise). */
  private async section(
    m: EntityManager,
    consultationId: string,
    sectionId: string | null | undefined,
  ): Promise<{ sectionId: string | null; version: number | null }> {
    const current = await this.documents.currentVersion(m, consultationId);
    const version = current || null;
    if (!sectionId) return { sectionId: null, version };
    const found = (await m.query(`SELECT 1 FROM consultation_section_texts WHERE section_id = $1 AND consultation_id = $2 AND version = $3`, [
      sectionId,
      consultationId,
      current,
    ])) as unknown[];
    if (!found.length) throw ConsultationsError.sectionNotCurrent();
    return { sectionId, version };
  }

  /** Moderators (of every area the consultation concerns; unrestricted when city-wide) and officials who run it. */
  async mayModerate(user: AuthenticatedUser, c: ConsultationRow, m: EntityManager): Promise<boolean> {
    if (await this.consultations.canManage(user, c, m)) return true;
    if (c.areaIds.length === 0) return this.access.hasRole(user, 'moderator', null, m);
    for (const a of c.areaIds) if (!(await this.access.hasRole(user, 'moderator', a, m))) return false;
    return true;
  }

  private async one(m: EntityManager, consultationId: string, commentId: string): Promise<OwnComment> {
    const [k] = (await m.query(
      `${SELECT}, k.status FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id WHERE k.id = $1 AND k.consultation_id = $2`,
      [commentId, consultationId],
    )) as OwnComment[];
    if (!k) throw ConsultationsError.commentNotFound();
    return k;
  }

  /**
   * A participant's comment (the consultation open; NGO-only ones from organisation accounts). Made on the current
   * document version; shown at once under post-moderation, after a moderator's approval under pre-moderation.
   */
  async create(user: AuthenticatedUser, id: string, input: CommentInput): Promise<OwnComment> {
    const problems: FieldText[] = [];
    const t = this.texts(input, problems);
    if (problems.length) throw ConsultationsError.invalidComment(problems);
    return this.ds.transaction(async (m) => {
      const c = await this.consultations.row(m, id);
      const { organisation } = await this.consultations.assertParticipant(c, user, m);
      const s = await this.section(m, id, input.sectionId);
      const [{ display_name: displayName }] = (await m.query(`SELECT display_name FROM users WHERE id = $1`, [user.id])) as Array<{ display_name: string }>;
      const authorName = (organisation?.name ?? plainText(displayName ?? '')).slice(0, LIMITS.authorName) || '—';
      const [{ id: commentId }] = (await m.query(
        `INSERT INTO consultation_comments (consultation_id, section_id, version, author_id, author_name, channel, body, proposed_wording, status)
         VALUES ($1, $2, $3, $4, $5, 'online', $6, $7, $8) RETURNING id`,
        [id, s.sectionId, s.version, user.id, authorName, t.body, t.proposedWording, c.moderation === 'pre' ? 'pending' : 'visible'],
      )) as Array<{ id: string }>;
      return this.one(m, id, commentId);
    });
  }

  /**
   * A comment received on paper, by e-mail or at a meeting, entered by an official who runs the consultation: while
   * it is open, and after it closed for a date not after the closing day. Visible at once. Without an author's name
   * (an anonymous letter) it is shown as "—".
   */
  async enter(user: AuthenticatedUser, id: string, input: EnteredCommentInput): Promise<AdminComment> {
    const problems: FieldText[] = [];
    const t = this.texts(input, problems);
    if (!(ENTERED_CHANNELS as readonly string[]).includes(String(input.channel)))
      problems.push(field('channel', 'invalid', { pl: 'Kanał: paper, email albo meeting.', en: 'The channel: paper, email or meeting.' }));
    // No name given (an anonymous letter): shown as "—"; a name that holds no text once tags are removed is an error.
    const named = input.authorName !== undefined && input.authorName !== null && input.authorName !== '';
    const authorName = named ? plainText(String(input.authorName)) : '—';
    if (!authorName) problems.push(field('authorName', 'required', { pl: 'Podaj autora uwagi.', en: 'Give the author of the comment.' }));
    else if (authorName.length > LIMITS.authorName) problems.push(tooLong('authorName', LIMITS.authorName));
    const email = input.contactEmail ? plainText(String(input.contactEmail)).toLowerCase() : '';
    if (email && (!EMAIL.test(email) || email.length > 254))
      problems.push(field('contactEmail', 'invalid', { pl: 'Podaj poprawny adres e-mail.', en: 'Give a valid e-mail address.' }));
    const receivedOn = String(input.receivedOn ?? '');
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(receivedOn) ? new Date(`${receivedOn}T00:00:00Z`) : null;
    const today = zonedDate(this.clock.now());
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== receivedOn)
      problems.push(field('receivedOn', 'invalid_date', { pl: 'Podaj datę w formacie RRRR-MM-DD.', en: 'Give the date as YYYY-MM-DD.' }));
    else if (receivedOn > today)
      problems.push(field('receivedOn', 'in_future', { pl: 'Data wpływu nie może być z przyszłości.', en: 'The date received cannot be in the future.' }));
    if (problems.length) throw ConsultationsError.invalidComment(problems);
    return this.ds.transaction(async (m) => {
      const c = await this.consultations.manageable(user, id, m);
      if (c.status === 'closed') {
        if (c.closes_at && receivedOn > zonedDate(c.closes_at))
          throw ConsultationsError.invalidComment([
            field('receivedOn', 'after_closing', {
              pl: `Po zakończeniu konsultacji wpisuje się tylko uwagi, które wpłynęły do dnia ich zakończenia (${zonedDate(c.closes_at)}).`,
              en: `After the consultation closed, only comments received by its closing day (${zonedDate(c.closes_at)}) are entered.`,
            }),
          ]);
      } else if (c.status !== 'open') throw ConsultationsError.notOpen();
      const s = await this.section(m, id, input.sectionId);
      const [{ id: commentId }] = (await m.query(
        `INSERT INTO consultation_comments (consultation_id, section_id, version, author_name, contact_email, channel, received_on, entered_by, body, proposed_wording, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'visible') RETURNING id`,
        [id, s.sectionId, s.version, authorName, email || null, input.channel, receivedOn, user.id, t.body, t.proposedWording],
      )) as Array<{ id: string }>;
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.comment_entered',
        subjectType: 'consultation',
        subjectId: id,
        details: { commentId, channel: input.channel },
      });
      const [k] = await this.adminRows(m, id, { commentId });
      return k;
    });
  }

  /** The visible comments, oldest first (optionally on one section). */
  async listPublic(id: string, opts: { sectionId?: string } = {}): Promise<PublicComment[]> {
    const m = this.ds.manager;
    await this.consultations.row(m, id);
    return (await m.query(
      `${SELECT} FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id
        WHERE k.consultation_id = $1 AND k.status = 'visible' AND ($2::uuid IS NULL OR k.section_id = $2)
        ORDER BY k.created_at, k.id`,
      [id, opts.sectionId ?? null],
    )) as PublicComment[];
  }

  /**
   * The comments the document page shows, oldest first: visible and hidden ones (a hidden one without its words), and
   * the viewer's own comments awaiting moderation; with whether the viewer wrote and reported each. No status check:
   * the page has read the consultation already.
   */
  async forDocument(id: string, viewerId: string | null): Promise<DocumentComment[]> {
    const rows = (await this.ds.query(
      `SELECT k.id, k.section_id AS "sectionId", s.key AS "sectionKey", k.version, k.author_name AS "authorName", k.channel, k.created_at AS "createdAt", k.status,
              CASE WHEN k.status = 'hidden' THEN NULL ELSE k.body END AS body,
              CASE WHEN k.status = 'hidden' THEN NULL ELSE k.proposed_wording END AS "proposedWording",
              k.hidden_reason AS "hiddenReason",
              coalesce(k.author_id = $2::uuid, false) AS own,
              ($2::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM consultation_comment_reports r WHERE r.comment_id = k.id AND r.reporter_id = $2::uuid)) AS reported
         FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id
        WHERE k.consultation_id = $1 AND (k.status <> 'pending' OR k.author_id = $2::uuid)
        ORDER BY k.created_at, k.id`,
      [id, viewerId],
    )) as DocumentComment[];
    return rows;
  }

  private async adminRows(m: EntityManager, id: string, opts: { status?: CommentStatus; commentId?: string }): Promise<AdminComment[]> {
    const rows = (await m.query(
      `${SELECT}, k.status, to_char(k.received_on, 'YYYY-MM-DD') AS "receivedOn", k.contact_email AS "contactEmail",
              k.hidden_reason AS "hiddenReason", k.hidden_note AS "hiddenNote",
              (SELECT count(*)::int FROM consultation_comment_reports r WHERE r.comment_id = k.id) AS "reportCount",
              (SELECT count(*)::int FROM consultation_comment_reports r WHERE ${OPEN_REPORT}) AS "openReports"
         FROM consultation_comments k LEFT JOIN consultation_sections s ON s.id = k.section_id
        WHERE k.consultation_id = $1 AND ($2::text IS NULL OR k.status = $2) AND ($3::uuid IS NULL OR k.id = $3)
        ORDER BY k.created_at, k.id`,
      [id, opts.status ?? null, opts.commentId ?? null],
    )) as AdminComment[];
    return rows.map((r) => ({ ...r, reportCount: Number(r.reportCount), openReports: Number(r.openReports) }));
  }

  /** Every comment with its status, the reason it was hidden and how many reports it has (moderators and officials). */
  async listAdmin(user: AuthenticatedUser, id: string, opts: { status?: CommentStatus } = {}): Promise<AdminComment[]> {
    const m = this.ds.manager;
    const c = await this.consultations.row(m, id, { includeDraft: true });
    if (!(await this.mayModerate(user, c, m))) throw ConsultationsError.notAModerator();
    return this.adminRows(m, id, opts);
  }

  /**
   * `mayModerate` as SQL over `consultations c`: for officials (who run it) and for moderators, every consultation
   * when a grant of the role (or admin) is unrestricted; otherwise those with areas, each under one of that role's
   * granted areas. Adds its parameters to `params`; returns the condition.
   */
  private moderationScope(user: AuthenticatedUser, params: unknown[]): string {
    const parts: string[] = [];
    for (const role of ['official', 'moderator'] as const) {
      const grants = user.grants.filter((g) => g.role === role || g.role === 'admin');
      if (!grants.length) continue;
      if (grants.some((g) => g.areaId === null)) return 'TRUE';
      params.push(grants.map((g) => g.areaId));
      parts.push(`(EXISTS (SELECT 1 FROM consultation_areas ca WHERE ca.consultation_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM consultation_areas ca WHERE ca.consultation_id = c.id AND ca.area_id NOT IN ${areaTree.within(`$${params.length}`)}))`);
    }
    if (!parts.length) return 'FALSE';
    return `(${parts.join(' OR ')})`;
  }

  /** Which comments a kind of the queue holds (none: reported and pending). */
  private static kindWhere(kind: ModerationKind | undefined): string {
    const reported = `(k.status = 'visible' AND EXISTS (SELECT 1 FROM consultation_comment_reports r WHERE ${OPEN_REPORT}))`;
    const pending = `k.status = 'pending'`;
    if (kind === 'reported') return reported;
    if (kind === 'pending') return pending;
    if (kind === 'hidden') return `k.status = 'hidden'`;
    return `(${pending} OR ${reported})`;
  }

  /** Whether the account moderates anywhere (a moderator or an official, or an admin). */
  static moderatesAnywhere(user: AuthenticatedUser): boolean {
    return user.grants.some((g) => g.role === 'moderator' || g.role === 'official' || g.role === 'admin');
  }

  /**
   * The moderation queue across every consultation this person may moderate (`mayModerate`): reported comments
   * (visible, with reports not yet dealt with) and comments awaiting approval — or one kind, or the hidden ones —
   * optionally of one consultation; the longest waiting first or the most reported first; one page at a time.
   */
  async moderationQueue(user: AuthenticatedUser, q: ModerationQuery): Promise<{ rows: ModerationItem[]; total: number }> {
    const params: unknown[] = [q.consultationId ?? null];
    const scope = this.moderationScope(user, params);
    const where = `${CommentsService.kindWhere(q.kind)} AND ($1::uuid IS NULL OR k.consultation_id = $1) AND ${scope}`;
    const from = `FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id`;
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n ${from} WHERE ${where}`, params)) as Array<{ n: number }>;
    const order =
      q.kind === 'hidden'
        ? `k.moderated_at DESC NULLS LAST, k.created_at DESC, k.id`
        : q.sort === 'reports'
          ? `"openReports" DESC, "waitingSince", k.id`
          : `"waitingSince", k.id`;
    const rows = await this.items(
      `${ITEM_SELECT} ${from} ${ITEM_JOINS} WHERE ${where}
        ORDER BY ${order} LIMIT ${Number(q.pageSize)} OFFSET ${(Number(q.page) - 1) * Number(q.pageSize)}`,
      params,
    );
    return { rows, total: Number(n) };
  }

  /** How many comments wait in this person's moderation queue (reported + pending); null when they moderate nowhere. */
  async moderationCount(user: AuthenticatedUser): Promise<number | null> {
    if (!CommentsService.moderatesAnywhere(user)) return null;
    const params: unknown[] = [];
    const scope = this.moderationScope(user, params);
    const [{ n }] = (await this.ds.query(
      `SELECT count(*)::int AS n FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id
        WHERE ${CommentsService.kindWhere(undefined)} AND ${scope}`,
      params,
    )) as Array<{ n: number }>;
    return Number(n);
  }

  /** The consultations this person may moderate that have comments of the kind (the queue's filter), by title. */
  async moderationConsultations(user: AuthenticatedUser, kind?: ModerationKind): Promise<Array<{ id: string; title: string; count: number }>> {
    const params: unknown[] = [];
    const scope = this.moderationScope(user, params);
    const rows = (await this.ds.query(
      `SELECT c.id, c.title, count(*)::int AS count FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id
        WHERE ${CommentsService.kindWhere(kind)} AND ${scope}
        GROUP BY c.id, c.title ORDER BY c.title, c.id`,
      params,
    )) as Array<{ id: string; title: string; count: number }>;
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** One comment as the moderation desk shows it (whatever its status): 404 when there is none, 403 when not this person's to moderate. */
  async moderationItem(user: AuthenticatedUser, id: string, commentId: string): Promise<ModerationItem> {
    const m = this.ds.manager;
    const c = await this.consultations.row(m, id, { includeDraft: true });
    if (!(await this.mayModerate(user, c, m))) throw ConsultationsError.notAModerator();
    const [k] = await this.items(
      `${ITEM_SELECT} FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id ${ITEM_JOINS} WHERE k.id = $1 AND k.consultation_id = $2`,
      [commentId, id],
    );
    if (!k) throw ConsultationsError.commentNotFound();
    return k;
  }

  private async items(sql: string, params: unknown[]): Promise<ModerationItem[]> {
    const rows = (await this.ds.query(sql, params)) as Array<
      Omit<ModerationItem, 'reports' | 'sectionQuote'> & { sectionText: string | null; reports: Array<{ reason: string; createdAt: string }> | string }
    >;
    return rows.map(({ sectionText, reports, ...r }) => {
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
    });
  }

  /** Any signed-in user reports a visible comment, once (409 on a second report). */
  async report(user: AuthenticatedUser, id: string, commentId: string, reason?: string): Promise<{ commentId: string; reported: true }> {
    const why = plainText(String(reason ?? ''));
    if (why.length > LIMITS.reason) throw ConsultationsError.invalidComment([tooLong('reason', LIMITS.reason)]);
    try {
      await this.ds.transaction(async (m) => {
        await this.consultations.row(m, id);
        const k = await this.one(m, id, commentId);
        if (k.status !== 'visible') throw ConsultationsError.commentNotFound();
        await m.query(`INSERT INTO consultation_comment_reports (comment_id, reporter_id, reason) VALUES ($1, $2, $3)`, [commentId, user.id, why]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw ConsultationsError.alreadyReported();
      throw err;
    }
    return { commentId, reported: true };
  }

  /**
   * A moderation act: hide (a visible comment, or reject a pending one) with a reason (a note required for `other`),
   * restore a hidden one, approve a pending one, keep a reported visible one (its reports dealt with; only while it
   * has reports not yet dealt with). Audited without the comment's text; the author, if an account, is told when a
   * comment is hidden, restored or approved (keeping it changes nothing for them). Other moves are a 409.
   */
  async moderate(
    user: AuthenticatedUser,
    id: string,
    commentId: string,
    act: ModerationAct,
    input: { reason?: string; note?: string } = {},
  ): Promise<AdminComment> {
    const note = plainText(String(input.note ?? ''));
    const problems: FieldText[] = [];
    if (act === 'hide') {
      if (!(HIDE_REASONS as readonly string[]).includes(String(input.reason)))
        problems.push(field('reason', 'invalid', { pl: `Powód: ${HIDE_REASONS.join(', ')}.`, en: `The reason: ${HIDE_REASONS.join(', ')}.` }));
      else if (input.reason === 'other' && !note)
        problems.push(field('note', 'required', { pl: 'Przy powodzie „inny” opisz go w notatce.', en: 'With the reason "other", describe it in the note.' }));
    }
    if (note.length > LIMITS.note) problems.push(tooLong('note', LIMITS.note));
    if (problems.length) throw ConsultationsError.invalidComment(problems);
    return this.ds.transaction(async (m) => {
      const c = await this.consultations.row(m, id, { includeDraft: true });
      if (!(await this.mayModerate(user, c, m))) throw ConsultationsError.notAModerator();
      const [k] = (await m.query(
        `SELECT k.id, k.status, k.author_id, k.hidden_reason, (SELECT count(*)::int FROM consultation_comment_reports r WHERE ${OPEN_REPORT}) AS open_reports
           FROM consultation_comments k WHERE k.id = $1 AND k.consultation_id = $2 FOR UPDATE`,
        [commentId, id],
      )) as Array<{ id: string; status: CommentStatus; author_id: string | null; hidden_reason: HideReason | null; open_reports: number }>;
      if (!k) throw ConsultationsError.commentNotFound();
      const move = MOVES[act];
      if (!move.from.includes(k.status)) throw ConsultationsError.moderationNotAllowed(k.status, act);
      if (act === 'keep' && Number(k.open_reports) === 0) throw ConsultationsError.noOpenReports();
      const reason = act === 'hide' ? (input.reason as HideReason) : null;
      // Keeping and restoring settle the reports made so far; a later report brings the comment back to the queue.
      await m.query(
        `UPDATE consultation_comments SET status = $2, hidden_reason = $3, hidden_note = $4, moderated_at = now(),
                reports_reviewed_at = CASE WHEN $5 THEN now() ELSE reports_reviewed_at END
          WHERE id = $1`,
        [commentId, move.to, act === 'keep' ? k.hidden_reason : reason, act === 'hide' ? note || null : null, act === 'keep' || act === 'restore'],
      );
      await appendAudit(m, {
        actorId: user.id,
        action: move.audit,
        subjectType: 'consultation',
        subjectId: id,
        details: {
          commentId,
          from: k.status,
          ...(reason ? { reason } : act === 'restore' ? { reason: k.hidden_reason } : act === 'keep' ? { reports: Number(k.open_reports) } : {}),
        },
      });
      if (k.author_id && act !== 'keep')
        await this.notifications.publish(m, {
          kind: 'comment.moderated',
          facts: {
            consultationId: id,
            consultationTitle: c.title,
            commentId,
            action: act === 'hide' ? 'hidden' : act === 'approve' ? 'approved' : 'restored',
            reason: (reason ?? k.hidden_reason ?? 'other') as string,
            ...(note ? { note } : {}),
          },
          userIds: [k.author_id],
        });
      const [out] = await this.adminRows(m, id, { commentId });
      return out;
    });
  }
}
