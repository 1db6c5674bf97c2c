import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { areaTree, queryOne, queryRows, rowsOf } from '@civitas/database';
import type { ConsultationStatus } from './consultation-status';
import type { Consultation, ConsultationRow, ConsultationSummary, ManagedConsultation, ParticipationFacts } from './consultations.service';

/** A consultation as stored, without its document, meetings and attachments (and its body not yet rendered). */
export type ConsultationRecord = Omit<Consultation, 'bodyHtml' | 'sections' | 'meetings' | 'attachments'>;

/** What a consultation is created with: texts already cleaned, defaults already applied. */
export interface NewConsultation {
  title: string | undefined;
  summary: string;
  body: string;
  topic: string;
  organiserUnit: string;
  contact: string;
  audience: 'everyone' | 'ngo';
  moderation: 'pre' | 'post';
  surveyAccess: 'account' | 'email_code';
  minNoticeDays: number;
  opensAt: Date | null;
  closesAt: Date | null;
  createdBy: string;
}

/** A change of a consultation: undefined (or null) fields keep the stored value, except the dates, which are always written. */
export interface ConsultationChange {
  title: string | undefined;
  summary: string | undefined;
  body: string | undefined;
  topic: string | undefined;
  organiserUnit: string | undefined;
  contact: string | undefined;
  audience: 'everyone' | 'ngo' | undefined;
  moderation: 'pre' | 'post' | undefined;
  surveyAccess: 'account' | 'email_code' | undefined;
  minNoticeDays: number | undefined;
  opensAt: Date | null;
  closesAt: Date | null;
}

/** The consultations an official may run: the areas of their grants; null for a grant over the whole city. */
export type ManagerAreas = Array<string | null> | null;

/** Which consultations of the desk to read: a status (every one when null) among those the official may run. */
export interface ManagedQuery {
  status: ConsultationStatus | null;
  areaIds: ManagerAreas;
}

/** A consultation's meeting or consultation point as its page lists it. */
export type ConsultationMeeting = Consultation['meetings'][number];

/** A comment of a user, for the export of their personal data. */
export interface PersonalCommentRow {
  id: string;
  consultationId: string;
  sectionId: string | null;
  authorName: string;
  body: string;
  proposedWording: string | null;
  status: string;
  createdAt: Date;
}

/** A survey response of a user, for the export of their personal data. */
export interface PersonalSurveyRow {
  consultationId: string;
  status: string;
}

/** A meeting registration of a user, for the export of their personal data. */
export interface PersonalRegistrationRow {
  meetingId: string;
  registeredAt: Date;
}

interface RecordRow {
  id: string;
  title: string;
  summary: string;
  body: string;
  topic: string;
  organiser_unit: string;
  contact: string;
  audience: Consultation['audience'];
  moderation: Consultation['moderation'];
  survey_access: Consultation['surveyAccess'];
  status: ConsultationStatus;
  min_notice_days: number;
  opens_at: Date | null;
  closes_at: Date | null;
  announced_at: Date | null;
  cancelled_reason: string | null;
  report_published_at: Date | null;
  created_at: Date;
  area_ids: string[];
  version: number;
}

type ManagedRow = ManagedConsultation;

interface ParticipationRow extends ParticipationFacts {
  id: string;
}

const recordOf = (c: RecordRow): ConsultationRecord => ({
  id: c.id,
  title: c.title,
  summary: c.summary,
  body: c.body,
  topic: c.topic,
  organiserUnit: c.organiser_unit,
  contact: c.contact,
  audience: c.audience,
  moderation: c.moderation,
  surveyAccess: c.survey_access,
  status: c.status,
  minNoticeDays: c.min_notice_days,
  opensAt: c.opens_at,
  closesAt: c.closes_at,
  announcedAt: c.announced_at,
  cancelledReason: c.cancelled_reason,
  reportPublishedAt: c.report_published_at,
  areaIds: c.area_ids,
  documentVersion: Number(c.version),
  createdAt: c.created_at,
});

const managedOf = (r: ManagedRow): ManagedConsultation => ({ ...r, comments: Number(r.comments), unanswered: Number(r.unanswered) });

const participationOf = (r: ParticipationRow): ParticipationFacts => ({
  hasDocument: r.hasDocument,
  hasSurvey: r.hasSurvey,
  meetings: Number(r.meetings),
  comments: Number(r.comments),
});

/**
 * `canManage` as SQL over `consultations c`: the consultations an official with grants over these areas may run
 * (every one for a grant over the whole city; otherwise those with areas, each under one of the grants' areas).
 * Adds its parameters to `params`; returns the condition.
 */
function manageableSql(areaIds: ManagerAreas, params: unknown[]): string {
  if (areaIds === null) return 'TRUE';
  if (!areaIds.length) return 'FALSE';
  params.push(areaIds);
  return areasAllWithinSql(`$${params.length}`);
}

/**
 * SQL over `consultations c`: the consultation has areas, and each of them lies within one of the areas of the array
 * parameter `ref` (or is one of them) — the scope of a grant restricted to areas.
 */
export function areasAllWithinSql(ref: string): string {
  return `(EXISTS (SELECT 1 FROM consultation_areas ca WHERE ca.consultation_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM consultation_areas ca WHERE ca.consultation_id = c.id AND ca.area_id NOT IN ${areaTree.within(ref)}))`;
}

/** The desk's condition over `consultations c` and its parameters ($1: the status). */
function managedWhere(q: ManagedQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [q.status];
  const scope = manageableSql(q.areaIds, params);
  return { where: `($1::text IS NULL OR c.status = $1) AND ${scope}`, params };
}

/**
 * The SQL of `consultations`, their areas, the organisations (NGO accounts) and the schedule, with the
 * consultations' topics and a user's consultation personal data, as named methods with typed rows. Methods used in
 * a transaction take its EntityManager first; reads take one optionally.
 */
@Injectable()
export class ConsultationRepository {
  constructor(private readonly ds: DataSource) {}

  /** The consultation's core facts (drafts too); undefined when there is none. */
  findRow(m: EntityManager, id: string): Promise<ConsultationRow | undefined> {
    return this.selectRow(m, id, false);
  }

  /** The consultation's core facts (drafts too), its row locked for the rest of the transaction; undefined when there is none. */
  lockForUpdate(m: EntityManager, id: string): Promise<ConsultationRow | undefined> {
    return this.selectRow(m, id, true);
  }

  private selectRow(m: EntityManager, id: string, lock: boolean): Promise<ConsultationRow | undefined> {
    return queryOne<ConsultationRow>(
      m,
      `SELECT id, title, status, audience, moderation, survey_access, opens_at, closes_at,
              ARRAY(SELECT area_id::text FROM consultation_areas a WHERE a.consultation_id = c.id ORDER BY area_id) AS "areaIds"
         FROM consultations c WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
  }

  /** How many consultations of the desk's query there are. */
  async countManaged(q: ManagedQuery, m: EntityManager = this.ds.manager): Promise<number> {
    const { where, params } = managedWhere(q);
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM consultations c WHERE ${where}`, params);
    return Number(n);
  }

  /**
   * One page of the desk's query, newest first or by closing date (soonest first, then newest), each with its comments
   * and how many of them lack a response.
   */
  async listManaged(
    q: ManagedQuery,
    sort: 'newest' | 'closes' | undefined,
    page: number,
    pageSize: number,
    m: EntityManager = this.ds.manager,
  ): Promise<ManagedConsultation[]> {
    const { where, params } = managedWhere(q);
    const order = sort === 'closes' ? 'c.closes_at ASC NULLS LAST, c.created_at DESC, c.id' : 'c.created_at DESC, c.id';
    const rows = await queryRows<ManagedRow>(
      m,
      `SELECT c.id, c.title, c.status, c.opens_at AS "opensAt", c.closes_at AS "closesAt",
              ARRAY(SELECT area_id::text FROM consultation_areas a WHERE a.consultation_id = c.id ORDER BY area_id) AS "areaIds",
              (SELECT count(*)::int FROM consultation_comments k WHERE k.consultation_id = c.id) AS comments,
              (SELECT count(*)::int FROM consultation_comments k WHERE k.consultation_id = c.id AND k.status <> 'hidden'
                  AND NOT EXISTS (SELECT 1 FROM consultation_comment_responses r WHERE r.comment_id = k.id)) AS unanswered
         FROM consultations c WHERE ${where}
        ORDER BY ${order} LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      params,
    );
    return rows.map(managedOf);
  }

  /** Comments without a response (not hidden) in the closed consultations of these areas, and how many consultations they are in. */
  async countUnanswered(areaIds: ManagerAreas, m: EntityManager = this.ds.manager): Promise<{ comments: number; consultations: number }> {
    const params: unknown[] = [];
    const scope = manageableSql(areaIds, params);
    const [r] = await queryRows<{ comments: number; consultations: number }>(
      m,
      `SELECT count(*)::int AS comments, count(DISTINCT c.id)::int AS consultations
         FROM consultations c JOIN consultation_comments k ON k.consultation_id = c.id
        WHERE c.status = 'closed' AND k.status <> 'hidden'
          AND NOT EXISTS (SELECT 1 FROM consultation_comment_responses r WHERE r.comment_id = k.id) AND ${scope}`,
      params,
    );
    return { comments: Number(r.comments), consultations: Number(r.consultations) };
  }

  /** The organisation (NGO) the account acts for; undefined when it acts for none. */
  findOrganisation(m: EntityManager, userId: string): Promise<{ name: string; krs: string } | undefined> {
    return queryOne<{ name: string; krs: string }>(m, `SELECT name, krs FROM organisations WHERE user_id = $1`, [userId]);
  }

  /** Whether an organisation with this KRS number is registered. */
  async krsRegistered(krs: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    return (await queryOne<unknown>(m, `SELECT 1 FROM organisations WHERE krs = $1`, [krs])) !== undefined;
  }

  /**
   * Consultations by status (any when null), drafts only with `includeDraft`, of an area (those concerning the whole
   * city, an area above it or inside it; any when null); newest opening first, at most 500.
   */
  list(status: ConsultationStatus | null, areaId: string | null, includeDraft: boolean, m: EntityManager = this.ds.manager): Promise<ConsultationSummary[]> {
    return queryRows<ConsultationSummary>(
      m,
      `SELECT c.id, c.title, c.summary, c.topic, c.status, c.audience, c.opens_at AS "opensAt", c.closes_at AS "closesAt",
              ARRAY(SELECT area_id::text FROM consultation_areas a WHERE a.consultation_id = c.id ORDER BY area_id) AS "areaIds"
         FROM consultations c
        WHERE ($1::text IS NULL OR c.status = $1) AND ($3 OR c.status <> 'draft')
          AND ($2::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM consultation_areas a WHERE a.consultation_id = c.id)
               OR EXISTS (SELECT 1 FROM consultation_areas a WHERE a.consultation_id = c.id
                          AND (a.area_id IN ${areaTree.above('ARRAY[$2::uuid]')} OR a.area_id IN ${areaTree.within('ARRAY[$2::uuid]')})))
        ORDER BY c.opens_at DESC NULLS LAST, c.created_at DESC
        LIMIT 500`,
      [status, areaId, includeDraft],
    );
  }

  /** Of each of the consultations: whether it has a document and a survey, its meetings and its visible comments. */
  async participationFacts(ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, ParticipationFacts>> {
    const rows = await queryRows<ParticipationRow>(
      m,
      `SELECT c.id,
              EXISTS (SELECT 1 FROM consultation_document_versions v WHERE v.consultation_id = c.id) AS "hasDocument",
              EXISTS (SELECT 1 FROM survey_questions q WHERE q.consultation_id = c.id) AS "hasSurvey",
              (SELECT count(*)::int FROM consultation_meetings mt WHERE mt.consultation_id = c.id) AS meetings,
              (SELECT count(*)::int FROM consultation_comments k WHERE k.consultation_id = c.id AND k.status = 'visible') AS comments
         FROM consultations c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, participationOf(r)]));
  }

  /** The topics of the consultations the public sees (never drafts), in alphabetical order, without the empty one. */
  async listTopics(m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ topic: string }>(m, `SELECT DISTINCT topic FROM consultations WHERE status <> 'draft' AND topic <> '' ORDER BY topic`);
    return rows.map((r) => r.topic);
  }

  /** The consultation with its areas and its document's current version (0 when none); the caller knows it exists. */
  async findRecord(id: string, m: EntityManager = this.ds.manager): Promise<ConsultationRecord> {
    const [c] = await queryRows<RecordRow>(
      m,
      `SELECT id, title, summary, body, topic, organiser_unit, contact, audience, moderation, survey_access, status, min_notice_days,
              opens_at, closes_at, announced_at, cancelled_reason, report_published_at, created_at,
              ARRAY(SELECT area_id::text FROM consultation_areas a WHERE a.consultation_id = c.id ORDER BY area_id) AS area_ids,
              coalesce((SELECT max(version) FROM consultation_document_versions v WHERE v.consultation_id = c.id), 0) AS version
         FROM consultations c WHERE id = $1`,
      [id],
    );
    return recordOf(c);
  }

  /** The consultation's meetings and consultation points, by start, each with its number of registrations. */
  listMeetings(consultationId: string, m: EntityManager = this.ds.manager): Promise<ConsultationMeeting[]> {
    return queryRows<ConsultationMeeting>(
      m,
      `SELECT id, kind, title, place, online_url AS "onlineUrl", starts_at AS "startsAt", ends_at AS "endsAt", capacity,
              (SELECT count(*)::int FROM meeting_registrations r WHERE r.meeting_id = mt.id) AS registered
         FROM consultation_meetings mt WHERE consultation_id = $1 ORDER BY starts_at, id`,
      [consultationId],
    );
  }

  /** Those of the areas that exist. */
  async existingAreaIds(m: EntityManager, areaIds: string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM areas WHERE id = ANY($1::uuid[])`, [areaIds]);
    return rows.map((r) => r.id);
  }

  /** Inserts a draft consultation; returns its id. */
  async insert(m: EntityManager, c: NewConsultation): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO consultations (title, summary, body, topic, organiser_unit, contact, audience, moderation, survey_access, min_notice_days, opens_at, closes_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        c.title,
        c.summary,
        c.body,
        c.topic,
        c.organiserUnit,
        c.contact,
        c.audience,
        c.moderation,
        c.surveyAccess,
        c.minNoticeDays,
        c.opensAt,
        c.closesAt,
        c.createdBy,
      ],
    );
    return id;
  }

  /** Adds the areas to the consultation, one by one in the given order. */
  async insertAreas(m: EntityManager, consultationId: string, areaIds: string[]): Promise<void> {
    for (const a of areaIds) await m.query(`INSERT INTO consultation_areas (consultation_id, area_id) VALUES ($1, $2)`, [consultationId, a]);
  }

  /** Replaces the consultation's areas. */
  async replaceAreas(m: EntityManager, consultationId: string, areaIds: string[]): Promise<void> {
    await m.query(`DELETE FROM consultation_areas WHERE consultation_id = $1`, [consultationId]);
    await this.insertAreas(m, consultationId, areaIds);
  }

  /** Writes the given fields and both dates of the consultation. */
  async update(m: EntityManager, id: string, c: ConsultationChange): Promise<void> {
    await m.query(
      `UPDATE consultations SET title = coalesce($2, title), summary = coalesce($3, summary), body = coalesce($4, body), topic = coalesce($5, topic),
                organiser_unit = coalesce($6, organiser_unit), contact = coalesce($7, contact), audience = coalesce($8, audience),
                moderation = coalesce($9, moderation), survey_access = coalesce($10, survey_access), min_notice_days = coalesce($11, min_notice_days),
                opens_at = $12, closes_at = $13, updated_at = now()
          WHERE id = $1`,
      [id, c.title, c.summary, c.body, c.topic, c.organiserUnit, c.contact, c.audience, c.moderation, c.surveyAccess, c.minNoticeDays, c.opensAt, c.closesAt],
    );
  }

  /** The days of notice the consultation must be announced with. */
  async minNoticeDays(m: EntityManager, id: string): Promise<number> {
    const [{ min_notice_days }] = await queryRows<{ min_notice_days: number }>(m, `SELECT min_notice_days FROM consultations WHERE id = $1`, [id]);
    return min_notice_days;
  }

  /** Marks the consultation announced at `at`. */
  async markAnnounced(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE consultations SET status = 'announced', announced_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  }

  /** Marks the consultation cancelled with the reason. */
  async markCancelled(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(`UPDATE consultations SET status = 'cancelled', cancelled_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  /** The ids of the consultations in `status` whose time in column `at` has come by `now`, earliest first. */
  async listDue(status: ConsultationStatus, at: 'opens_at' | 'closes_at', now: Date, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM consultations WHERE status = $1 AND ${at} <= $2 ORDER BY ${at}`, [status, now]);
    return rows.map((r) => r.id);
  }

  /** Moves the consultation from one status to another if it is still in the first; its title and closing date when it moved, else undefined. */
  async moveIfIn(
    m: EntityManager,
    id: string,
    from: ConsultationStatus,
    to: ConsultationStatus,
  ): Promise<{ id: string; title: string; closesAt: Date } | undefined> {
    const [r] = rowsOf<{ id: string; title: string; closes_at: Date }>(
      await m.query(`UPDATE consultations SET status = $2, updated_at = now() WHERE id = $1 AND status = $3 RETURNING id, title, closes_at`, [id, to, from]),
    );
    return r && { id: r.id, title: r.title, closesAt: r.closes_at };
  }

  /** Whether the user account exists. */
  async userExists(m: EntityManager, userId: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM users WHERE id = $1`, [userId])).length > 0;
  }

  /** Registers the account as acting for the organisation, or changes its registration; a taken KRS fails with a unique violation. */
  async upsertOrganisation(m: EntityManager, o: { userId: string; name: string; krs: string; registeredBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO organisations (user_id, name, krs, registered_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, krs = EXCLUDED.krs, registered_by = EXCLUDED.registered_by`,
      [o.userId, o.name, o.krs, o.registeredBy],
    );
  }

  /** The user's comments, oldest first (their personal data). */
  listCommentsOfUser(m: EntityManager, userId: string): Promise<PersonalCommentRow[]> {
    return queryRows<PersonalCommentRow>(
      m,
      `SELECT id, consultation_id AS "consultationId", section_id AS "sectionId", author_name AS "authorName", body, proposed_wording AS "proposedWording",
                  status, created_at AS "createdAt"
             FROM consultation_comments WHERE author_id = $1 ORDER BY created_at`,
      [userId],
    );
  }

  /** The user's survey responses (their personal data). */
  listSurveyResponsesOfUser(m: EntityManager, userId: string): Promise<PersonalSurveyRow[]> {
    return queryRows<PersonalSurveyRow>(m, `SELECT consultation_id AS "consultationId", status FROM survey_responses WHERE user_id = $1`, [userId]);
  }

  /** The user's meeting registrations (their personal data). */
  listRegistrationsOfUser(m: EntityManager, userId: string): Promise<PersonalRegistrationRow[]> {
    return queryRows<PersonalRegistrationRow>(
      m,
      `SELECT meeting_id AS "meetingId", created_at AS "registeredAt" FROM meeting_registrations WHERE user_id = $1`,
      [userId],
    );
  }

  /** The titles of the public consultations (never drafts) among `ids` (the consultation topics' names). */
  listPublicTitles(m: EntityManager, ids: string[]): Promise<Array<{ id: string; title: string }>> {
    return queryRows<{ id: string; title: string }>(m, `SELECT id, title FROM consultations WHERE id = ANY($1::uuid[]) AND status <> 'draft'`, [ids]);
  }

  /** The ids of the ten announced or open consultations opening last (the consultation topics offered to subscribers). */
  async listOfferedIds(m: EntityManager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM consultations WHERE status IN ('announced', 'open') ORDER BY opens_at DESC LIMIT 10`);
    return rows.map((r) => r.id);
  }
}
