import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText, renderMarkdown } from '@civitas/common';
import { appendAudit, isUniqueViolation } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import type { ScheduleDefinition } from '@civitas/queue';
import { ConsultationsError, field } from './consultations.errors';
import { assertMove, isRunning, SCHEDULED_MOVES, type ConsultationStatus } from './consultation-status';
import { Clock } from '@civitas/config';
import { ConsultationRepository, type ManagerAreas } from './consultation.repository';
import { DocumentRepository } from './document.repository';

export interface ConsultationInput {
  title?: string;
  summary?: string;
  body?: string;
  topic?: string;
  organiserUnit?: string;
  contact?: string;
  areaIds?: string[];
  audience?: 'everyone' | 'ngo';
  moderation?: 'pre' | 'post';
  surveyAccess?: 'account' | 'email_code';
  minNoticeDays?: number;
  opensAt?: string | null;
  closesAt?: string | null;
}

/** What the consultations' forms need to know about one (see `row`). */
export interface ConsultationRow {
  id: string;
  title: string;
  status: ConsultationStatus;
  audience: 'everyone' | 'ngo';
  moderation: 'pre' | 'post';
  survey_access: 'account' | 'email_code';
  opens_at: Date | null;
  closes_at: Date | null;
  areaIds: string[];
}

export interface ConsultationSummary {
  id: string;
  title: string;
  summary: string;
  topic: string;
  status: ConsultationStatus;
  audience: 'everyone' | 'ngo';
  opensAt: Date | null;
  closesAt: Date | null;
  areaIds: string[];
}

export interface Consultation extends ConsultationSummary {
  body: string;
  /** The body rendered from Markdown: raw HTML escaped, only safe links. */
  bodyHtml: string;
  organiserUnit: string;
  contact: string;
  moderation: 'pre' | 'post';
  surveyAccess: 'account' | 'email_code';
  minNoticeDays: number;
  announcedAt: Date | null;
  cancelledReason: string | null;
  reportPublishedAt: Date | null;
  /** The document's current version (0 when it has none yet) and its sections in order. */
  documentVersion: number;
  sections: Array<{ id: string; key: string; position: number; heading: string; body: string; bodyHtml: string }>;
  meetings: Array<{
    id: string;
    kind: 'meeting' | 'point';
    title: string;
    place: string;
    onlineUrl: string | null;
    startsAt: Date;
    endsAt: Date;
    capacity: number | null;
    registered: number;
  }>;
  attachments: Array<{ id: string; fileName: string; mediaType: string; size: number }>;
  createdAt: Date;
}

/** A consultation in the officials' list (the desk): its dates, and its comments with how many still lack a response. */
export interface ManagedConsultation {
  id: string;
  title: string;
  status: ConsultationStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  areaIds: string[];
  /** Every comment (visible, pending, hidden). */
  comments: number;
  /** Comments not hidden and without a response (what stops the report's publication). */
  unanswered: number;
}

/** What the list shows of each consultation's forms of participation (see `participationFacts`). */
export interface ParticipationFacts {
  hasDocument: boolean;
  hasSurvey: boolean;
  meetings: number;
  comments: number;
}

const DAY_MS = 86_400_000;
const MINUTE = 60_000;

/** The plain-text fields and their length limits (Markdown `body` apart). */
const TEXT_LIMITS: Record<string, number> = { title: 300, summary: 2000, topic: 200, organiserUnit: 300, contact: 500 };

/**
 * Consultations (DESIGN §4.2): created and edited by officials of the areas concerned (any official when it concerns
 * the whole city), announced at least `minNoticeDays` before they open, opened and closed on schedule by the
 * `advance-consultations` job, each change announced once to the subscribers of the consultation and of its areas.
 */
@Injectable()
export class ConsultationsService {
  private readonly logger = new Logger('ConsultationsService');

  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly repo: ConsultationRepository,
    private readonly documents: DocumentRepository,
  ) {}

  /** The consultation's core facts; drafts only with `includeDraft`. 404 otherwise. */
  async row(m: EntityManager, id: string, opts: { includeDraft?: boolean; lock?: boolean } = {}): Promise<ConsultationRow> {
    const c = opts.lock ? await this.repo.lockForUpdate(m, id) : await this.repo.findRow(m, id);
    if (!c || (c.status === 'draft' && !opts.includeDraft)) throw ConsultationsError.notFound();
    return c;
  }

  /** An official may run a consultation when a grant covers every area it concerns (an unrestricted grant when none). */
  async canManage(user: AuthenticatedUser, c: Pick<ConsultationRow, 'areaIds'>, m?: EntityManager): Promise<boolean> {
    if (c.areaIds.length === 0) return this.access.hasRole(user, 'official', null, m);
    for (const a of c.areaIds) if (!(await this.access.hasRole(user, 'official', a, m))) return false;
    return true;
  }

  /** The consultation, if the official may run it: 404 when there is none, 403 when it is another area's. */
  async manageable(user: AuthenticatedUser, id: string, m: EntityManager = this.ds.manager, lock = false): Promise<ConsultationRow> {
    const c = await this.row(m, id, { includeDraft: true, lock });
    if (!(await this.canManage(user, c, m))) throw ConsultationsError.notAnOfficial();
    return c;
  }

  /** The areas of the official's grants (what `canManage` checks against); null for a grant over the whole city. */
  private managerAreas(user: AuthenticatedUser): ManagerAreas {
    const grants = user.grants.filter((g) => g.role === 'official' || g.role === 'admin');
    if (grants.some((g) => g.areaId === null)) return null;
    return grants.map((g) => g.areaId);
  }

  /**
   * The consultations an official may run (drafts included), for the desk: by status, newest first or by closing
   * date (soonest first; for closed ones the longest waiting first), one page at a time.
   */
  async listManaged(
    user: AuthenticatedUser,
    opts: { status?: ConsultationStatus; sort?: 'newest' | 'closes'; page: number; pageSize: number },
  ): Promise<{ rows: ManagedConsultation[]; total: number }> {
    const q = { status: opts.status ?? null, areaIds: this.managerAreas(user) };
    const total = await this.repo.countManaged(q);
    const rows = await this.repo.listManaged(q, opts.sort, opts.page, opts.pageSize);
    return { rows, total };
  }

  /** Comments without a response in the closed consultations this official may run (the desk's count). */
  async unansweredFor(user: AuthenticatedUser): Promise<{ comments: number; consultations: number }> {
    return this.repo.countUnanswered(this.managerAreas(user));
  }

  /** Whether the account acts for an organisation (NGO) registered by an admin. */
  async isOrganisation(userId: string, m: EntityManager = this.ds.manager): Promise<{ name: string; krs: string } | null> {
    return (await this.repo.findOrganisation(m, userId)) ?? null;
  }

  /**
   * Who may take part (comment, answer the survey, register for a meeting): the consultation is open, and for an
   * NGO-only consultation the account is an organisation's. Returns the name to show (the organisation's, if any).
   */
  async assertParticipant(
    c: ConsultationRow,
    user: AuthenticatedUser | null,
    m: EntityManager = this.ds.manager,
  ): Promise<{ organisation: { name: string; krs: string } | null }> {
    if (c.status !== 'open') throw ConsultationsError.notOpen();
    const organisation = user ? await this.isOrganisation(user.id, m) : null;
    if (c.audience === 'ngo' && !organisation) throw ConsultationsError.ngoOnly();
    return { organisation };
  }

  async list(opts: { status?: ConsultationStatus; areaId?: string; includeDraft?: boolean } = {}): Promise<ConsultationSummary[]> {
    return this.repo.list(opts.status ?? null, opts.areaId ?? null, opts.includeDraft ?? false);
  }

  /**
   * For the list page: of each consultation, whether it has a document and a survey, its meetings and its visible
   * comments (one query for the page's consultations).
   */
  async participationFacts(ids: string[]): Promise<Map<string, ParticipationFacts>> {
    if (!ids.length) return new Map();
    return this.repo.participationFacts(ids);
  }

  /** The topics of the consultations the public sees (for the list's filter), in alphabetical order. */
  async topics(): Promise<string[]> {
    return this.repo.listTopics();
  }

  async get(id: string, opts: { includeDraft?: boolean } = {}): Promise<Consultation> {
    const m = this.ds.manager;
    await this.row(m, id, opts);
    const c = await this.repo.findRecord(id, m);
    const sections = await this.documents.listSections(id, c.documentVersion, m);
    const meetings = await this.repo.listMeetings(id, m);
    const attachments = await this.documents.listAttachments(id, m);
    return {
      id: c.id,
      title: c.title,
      summary: c.summary,
      body: c.body,
      bodyHtml: renderMarkdown(c.body),
      topic: c.topic,
      organiserUnit: c.organiserUnit,
      contact: c.contact,
      audience: c.audience,
      moderation: c.moderation,
      surveyAccess: c.surveyAccess,
      status: c.status,
      minNoticeDays: c.minNoticeDays,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      announcedAt: c.announcedAt,
      cancelledReason: c.cancelledReason,
      reportPublishedAt: c.reportPublishedAt,
      areaIds: c.areaIds,
      documentVersion: c.documentVersion,
      sections: sections.map((s) => ({ ...s, bodyHtml: renderMarkdown(s.body) })),
      meetings,
      attachments,
      createdAt: c.createdAt,
    };
  }

  /** Plain-text fields cleaned (tags out) and checked; all problems at once. */
  private texts(input: ConsultationInput, problems: FieldText[]): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const [name, max] of Object.entries(TEXT_LIMITS)) {
      const raw = (input as Record<string, unknown>)[name];
      if (raw === undefined) continue;
      const v = plainText(String(raw));
      if (name === 'title' && !v) problems.push(field(name, 'required', { pl: 'Podaj tytuł konsultacji.', en: 'Give the consultation a title.' }));
      if (v.length > max) problems.push(field(name, 'too_long', { pl: `Najwyżej ${max} znaków.`, en: `At most ${max} characters.` }));
      out[name] = v;
    }
    if (input.body !== undefined) out.body = input.body.normalize('NFC');
    return out;
  }

  private async checkAreas(m: EntityManager, areaIds: string[]): Promise<void> {
    if (!areaIds.length) return;
    const found = await this.repo.existingAreaIds(m, areaIds);
    if (found.length !== new Set(areaIds).size) throw ConsultationsError.areaNotFound();
  }

  private dates(input: ConsultationInput, problems: FieldText[]): { opensAt?: Date | null; closesAt?: Date | null } {
    const parse = (name: 'opensAt' | 'closesAt') => {
      const v = input[name];
      if (v === undefined || v === null) return v;
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) {
        problems.push(field(name, 'invalid_date', { pl: 'Podaj datę i godzinę w formacie ISO 8601.', en: 'Give a date and time in ISO 8601.' }));
        return undefined;
      }
      return d;
    };
    return { opensAt: parse('opensAt'), closesAt: parse('closesAt') };
  }

  async create(user: AuthenticatedUser, input: ConsultationInput): Promise<Consultation> {
    const problems: FieldText[] = [];
    const t = this.texts(input, problems);
    if (input.title === undefined) problems.push(field('title', 'required', { pl: 'Podaj tytuł konsultacji.', en: 'Give the consultation a title.' }));
    const d = this.dates(input, problems);
    if (d.opensAt && d.closesAt && d.closesAt <= d.opensAt)
      problems.push(
        field('closesAt', 'before_opening', { pl: 'Koniec konsultacji musi przypadać po ich rozpoczęciu.', en: 'The consultation must close after it opens.' }),
      );
    if (problems.length) throw ConsultationsError.invalidSchedule(problems);
    const areaIds = [...new Set(input.areaIds ?? [])];
    const id = await this.ds.transaction(async (m) => {
      await this.checkAreas(m, areaIds);
      if (!(await this.canManage(user, { areaIds }, m))) throw ConsultationsError.notAnOfficial();
      const id = await this.repo.insert(m, {
        title: t.title!,
        summary: t.summary ?? '',
        body: t.body ?? '',
        topic: t.topic ?? '',
        organiserUnit: t.organiserUnit ?? '',
        contact: t.contact ?? '',
        audience: input.audience ?? 'everyone',
        moderation: input.moderation ?? 'post',
        surveyAccess: input.surveyAccess ?? 'account',
        minNoticeDays: input.minNoticeDays ?? 7,
        opensAt: d.opensAt ?? null,
        closesAt: d.closesAt ?? null,
        createdBy: user.id,
      });
      await this.repo.insertAreas(m, id, areaIds);
      await appendAudit(m, { actorId: user.id, action: 'consultation.created', subjectType: 'consultation', subjectId: id });
      return id;
    });
    return this.get(id, { includeDraft: true });
  }

  /**
   * Changes a consultation. A draft: anything. Announced or open: the texts, and the closing date only later (never
   * shortening what residents were told). Closed, with its report, or cancelled: nothing.
   */
  async update(user: AuthenticatedUser, id: string, input: ConsultationInput): Promise<Consultation> {
    const problems: FieldText[] = [];
    const t = this.texts(input, problems);
    const d = this.dates(input, problems);
    if (problems.length) throw ConsultationsError.invalidSchedule(problems);
    await this.ds.transaction(async (m) => {
      const c = await this.manageable(user, id, m, true);
      const running = isRunning(c.status);
      if (c.status !== 'draft' && !running) throw ConsultationsError.notEditable(c.status, { pl: 'Konsultacji', en: 'The consultation' });
      if (running) {
        const fixed = (['areaIds', 'audience', 'moderation', 'surveyAccess', 'minNoticeDays', 'opensAt'] as const).filter((k) => input[k] !== undefined);
        if (fixed.length) throw ConsultationsError.notEditable(c.status, { pl: `Pól ${fixed.join(', ')}`, en: `The fields ${fixed.join(', ')}` });
        if (d.closesAt === null || (d.closesAt && c.closes_at && d.closesAt < c.closes_at))
          throw ConsultationsError.invalidSchedule([
            field('closesAt', 'shortened', {
              pl: 'Ogłoszonych konsultacji nie można skrócić, tylko przedłużyć.',
              en: 'An announced consultation can be extended, never shortened.',
            }),
          ]);
      }
      const opensAt = d.opensAt === undefined ? c.opens_at : d.opensAt;
      const closesAt = d.closesAt === undefined ? c.closes_at : d.closesAt;
      if (opensAt && closesAt && closesAt <= opensAt)
        throw ConsultationsError.invalidSchedule([
          field('closesAt', 'before_opening', {
            pl: 'Koniec konsultacji musi przypadać po ich rozpoczęciu.',
            en: 'The consultation must close after it opens.',
          }),
        ]);
      if (input.areaIds !== undefined) {
        const areaIds = [...new Set(input.areaIds)];
        await this.checkAreas(m, areaIds);
        if (!(await this.canManage(user, { areaIds }, m))) throw ConsultationsError.notAnOfficial();
        await this.repo.replaceAreas(m, id, areaIds);
      }
      await this.repo.update(m, id, {
        title: t.title,
        summary: t.summary,
        body: t.body,
        topic: t.topic,
        organiserUnit: t.organiserUnit,
        contact: t.contact,
        audience: input.audience,
        moderation: input.moderation,
        surveyAccess: input.surveyAccess,
        minNoticeDays: input.minNoticeDays,
        opensAt,
        closesAt,
      });
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.updated',
        subjectType: 'consultation',
        subjectId: id,
        details: { fields: Object.keys(input).sort() },
      });
    });
    return this.get(id, { includeDraft: true });
  }

  /** draft → announced: dates set, opening at least `minNoticeDays` ahead; subscribers of it and its areas are told. */
  async announce(user: AuthenticatedUser, id: string, now = this.clock.now()): Promise<Consultation> {
    await this.ds.transaction(async (m) => {
      const c = await this.manageable(user, id, m, true);
      assertMove(c.status, 'announced');
      const notice = await this.repo.minNoticeDays(m, id);
      const problems: FieldText[] = [];
      if (!c.opens_at) problems.push(field('opensAt', 'required', { pl: 'Podaj datę rozpoczęcia.', en: 'Give the opening date.' }));
      if (!c.closes_at) problems.push(field('closesAt', 'required', { pl: 'Podaj datę zakończenia.', en: 'Give the closing date.' }));
      if (c.opens_at && c.opens_at.getTime() < now.getTime() + notice * DAY_MS)
        problems.push(
          field('opensAt', 'notice_too_short', {
            pl: `Konsultacje ogłasza się co najmniej ${notice} dni przed ich rozpoczęciem.`,
            en: `A consultation is announced at least ${notice} days before it opens.`,
          }),
        );
      if (problems.length) throw ConsultationsError.invalidSchedule(problems);
      await this.repo.markAnnounced(m, id, now);
      await this.notifications.publish(m, {
        kind: 'consultation.announced',
        facts: { consultationId: id, title: c.title, opensAt: c.opens_at!.toISOString(), closesAt: c.closes_at!.toISOString() },
        ...this.recipients(c),
      });
      await appendAudit(m, { actorId: user.id, action: 'consultation.announced', subjectType: 'consultation', subjectId: id });
    });
    return this.get(id);
  }

  /** draft, announced or open → cancelled, with the reason (shown to the public). */
  async cancel(user: AuthenticatedUser, id: string, reason: string): Promise<Consultation> {
    const why = plainText(reason);
    if (!why) throw ConsultationsError.invalidSchedule([field('reason', 'required', { pl: 'Podaj powód odwołania.', en: 'Give the reason for cancelling.' })]);
    await this.ds.transaction(async (m) => {
      const c = await this.manageable(user, id, m, true);
      assertMove(c.status, 'cancelled');
      await this.repo.markCancelled(m, id, why.slice(0, 2000));
      await appendAudit(m, { actorId: user.id, action: 'consultation.cancelled', subjectType: 'consultation', subjectId: id, details: { from: c.status } });
    });
    return this.get(id, { includeDraft: true });
  }

  /** Who hears of a consultation's news: subscribers of `consultation:<id>` and of its areas (and the areas above them). */
  recipients(c: Pick<ConsultationRow, 'id' | 'areaIds'>): { topics: string[]; areaIds: string[] } {
    return { topics: [`consultation:${c.id}`], areaIds: c.areaIds };
  }

  schedule(): ScheduleDefinition<'advance-consultations'> {
    return {
      name: 'advance-consultations',
      job: 'advance-consultations',
      next: (after) => new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE),
      payload: (scheduledFor) => ({ scheduledFor: scheduledFor.toISOString() }),
    };
  }

  /**
   * The schedule job: opens announced consultations whose time has come and closes open ones whose time is up. Each
   * change is a conditional UPDATE, so its notification goes out once however many runs overlap.
   */
  async advance(now = this.clock.now()): Promise<Array<{ consultationId: string; status: 'open' | 'closed' }>> {
    const done: Array<{ consultationId: string; status: 'open' | 'closed' }> = [];
    for (const { from, to, at } of SCHEDULED_MOVES) {
      const due = await this.repo.listDue(from, at, now);
      for (const id of due) {
        await this.ds.transaction(async (m) => {
          const moved = await this.repo.moveIfIn(m, id, from, to);
          if (!moved) return;
          const c = await this.row(m, id);
          if (to === 'open')
            await this.notifications.publish(m, {
              kind: 'consultation.opened',
              facts: { consultationId: id, title: c.title, closesAt: moved.closesAt.toISOString() },
              ...this.recipients(c),
            });
          else await this.notifications.publish(m, { kind: 'consultation.closed', facts: { consultationId: id, title: c.title }, ...this.recipients(c) });
          await appendAudit(m, { actorId: null, action: `consultation.${to === 'open' ? 'opened' : 'closed'}`, subjectType: 'consultation', subjectId: id });
          done.push({ consultationId: id, status: to });
        });
      }
    }
    if (done.length) this.logger.log({ changes: done }, 'Consultations moved on schedule');
    return done;
  }

  /** An admin registers an account as acting for an organisation (NGO) with its KRS number; again to change it. */
  async registerOrganisation(admin: AuthenticatedUser, userId: string, name: string, krs: string): Promise<{ userId: string; name: string; krs: string }> {
    const clean = plainText(name);
    if (!clean) throw ConsultationsError.invalidSchedule([field('name', 'required', { pl: 'Podaj nazwę organizacji.', en: 'Give the organisation name.' })]);
    try {
      return await this.ds.transaction(async (m) => {
        if (!(await this.repo.userExists(m, userId))) throw ConsultationsError.userNotFound();
        await this.repo.upsertOrganisation(m, { userId, name: clean.slice(0, 300), krs, registeredBy: admin.id });
        await appendAudit(m, { actorId: admin.id, action: 'organisation.registered', subjectType: 'user', subjectId: userId, details: { krs } });
        return { userId, name: clean.slice(0, 300), krs };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw ConsultationsError.organisationTaken();
      throw err;
    }
  }
}
