import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText, zonedDate } from '@civitas/common';
import { appendAudit, isUniqueViolation } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { ConsultationsError, field } from './consultations.errors';
import { ConsultationRow, ConsultationsService } from './consultations.service';
import { DocumentsService } from './documents.service';
import { CommentRepository } from './comment.repository';
import { Clock } from '@civitas/config';

// The moderation item's quote of its section, made by the repository's mapper; still exported from here.
export { sectionQuote } from './comment.repository';

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

const tooLong = (path: string, max: number) => field(path, 'too_long', { pl: `Najwyżej ${max} znaków.`, en: `At most ${max} characters.` });

/** The moves a moderator may make: act → from which statuses, to which. */
const MOVES: Record<ModerationAct, { from: CommentStatus[]; to: CommentStatus; audit: string }> = {
  hide: { from: ['pending', 'visible'], to: 'hidden', audit: 'consultation.comment_hidden' },
  restore: { from: ['hidden'], to: 'visible', audit: 'consultation.comment_restored' },
  approve: { from: ['pending'], to: 'visible', audit: 'consultation.comment_approved' },
  keep: { from: ['visible'], to: 'visible', audit: 'consultation.comment_kept' },
};

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
    private readonly comments: CommentRepository,
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
    if (!(await this.comments.sectionInVersion(m, consultationId, sectionId, current))) throw ConsultationsError.sectionNotCurrent();
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
    const k = await this.comments.findOwn(m, consultationId, commentId);
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
      const displayName = await this.comments.displayName(m, user.id);
      const authorName = (organisation?.name ?? plainText(displayName ?? '')).slice(0, LIMITS.authorName) || '—';
      const commentId = await this.comments.insertOnline(m, {
        consultationId: id,
        sectionId: s.sectionId,
        version: s.version,
        authorId: user.id,
        authorName,
        body: t.body,
        proposedWording: t.proposedWording,
        status: c.moderation === 'pre' ? 'pending' : 'visible',
      });
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
      const commentId = await this.comments.insertEntered(m, {
        consultationId: id,
        sectionId: s.sectionId,
        version: s.version,
        authorName,
        contactEmail: email || null,
        channel: input.channel as CommentChannel,
        receivedOn,
        enteredBy: user.id,
        body: t.body,
        proposedWording: t.proposedWording,
      });
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.comment_entered',
        subjectType: 'consultation',
        subjectId: id,
        details: { commentId, channel: input.channel },
      });
      const [k] = await this.comments.listAdmin(m, id, { commentId });
      return k;
    });
  }

  /** The visible comments, oldest first (optionally on one section). */
  async listPublic(id: string, opts: { sectionId?: string } = {}): Promise<PublicComment[]> {
    const m = this.ds.manager;
    await this.consultations.row(m, id);
    return this.comments.listVisible(id, opts.sectionId ?? null, m);
  }

  /**
   * The comments the document page shows, oldest first: visible and hidden ones (a hidden one without its words), and
   * the viewer's own comments awaiting moderation; with whether the viewer wrote and reported each. No status check:
   * the page has read the consultation already.
   */
  async forDocument(id: string, viewerId: string | null): Promise<DocumentComment[]> {
    return this.comments.listForDocument(id, viewerId);
  }

  /** Every comment with its status, the reason it was hidden and how many reports it has (moderators and officials). */
  async listAdmin(user: AuthenticatedUser, id: string, opts: { status?: CommentStatus } = {}): Promise<AdminComment[]> {
    const m = this.ds.manager;
    const c = await this.consultations.row(m, id, { includeDraft: true });
    if (!(await this.mayModerate(user, c, m))) throw ConsultationsError.notAModerator();
    return this.comments.listAdmin(m, id, opts);
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
    const total = await this.comments.countQueue(user.grants, q);
    const rows = await this.comments.queuePage(user.grants, q);
    return { rows, total };
  }

  /** How many comments wait in this person's moderation queue (reported + pending); null when they moderate nowhere. */
  async moderationCount(user: AuthenticatedUser): Promise<number | null> {
    if (!CommentsService.moderatesAnywhere(user)) return null;
    return this.comments.countWaiting(user.grants);
  }

  /** The consultations this person may moderate that have comments of the kind (the queue's filter), by title. */
  async moderationConsultations(user: AuthenticatedUser, kind?: ModerationKind): Promise<Array<{ id: string; title: string; count: number }>> {
    return this.comments.listQueueConsultations(user.grants, kind);
  }

  /** One comment as the moderation desk shows it (whatever its status): 404 when there is none, 403 when not this person's to moderate. */
  async moderationItem(user: AuthenticatedUser, id: string, commentId: string): Promise<ModerationItem> {
    const m = this.ds.manager;
    const c = await this.consultations.row(m, id, { includeDraft: true });
    if (!(await this.mayModerate(user, c, m))) throw ConsultationsError.notAModerator();
    const k = await this.comments.findModerationItem(id, commentId);
    if (!k) throw ConsultationsError.commentNotFound();
    return k;
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
        await this.comments.insertReport(m, commentId, user.id, why);
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
      const k = await this.comments.lockForModeration(m, id, commentId);
      if (!k) throw ConsultationsError.commentNotFound();
      const move = MOVES[act];
      if (!move.from.includes(k.status)) throw ConsultationsError.moderationNotAllowed(k.status, act);
      if (act === 'keep' && k.openReports === 0) throw ConsultationsError.noOpenReports();
      const reason = act === 'hide' ? (input.reason as HideReason) : null;
      // Keeping and restoring settle the reports made so far; a later report brings the comment back to the queue.
      await this.comments.setModeration(m, commentId, {
        status: move.to,
        hiddenReason: act === 'keep' ? k.hiddenReason : reason,
        hiddenNote: act === 'hide' ? note || null : null,
        settleReports: act === 'keep' || act === 'restore',
      });
      await appendAudit(m, {
        actorId: user.id,
        action: move.audit,
        subjectType: 'consultation',
        subjectId: id,
        details: {
          commentId,
          from: k.status,
          ...(reason ? { reason } : act === 'restore' ? { reason: k.hiddenReason } : act === 'keep' ? { reports: k.openReports } : {}),
        },
      });
      if (k.authorId && act !== 'keep')
        await this.notifications.publish(m, {
          kind: 'comment.moderated',
          facts: {
            consultationId: id,
            consultationTitle: c.title,
            commentId,
            action: act === 'hide' ? 'hidden' : act === 'approve' ? 'approved' : 'restored',
            reason: (reason ?? k.hiddenReason ?? 'other') as string,
            ...(note ? { note } : {}),
          },
          userIds: [k.authorId],
        });
      const [out] = await this.comments.listAdmin(m, id, { commentId });
      return out;
    });
  }
}
