import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AttachmentMediaType } from '@civitas/common';
import { areaTree, queryOne, queryRows } from '@civitas/database';
import type {
  Applicant,
  ApplicationInput,
  FullInitiative,
  InitiativeAttachmentKind,
  InitiativeHistoryEntry,
  InitiativeQueueKind,
  InitiativeQueueRow,
  InitiativeRow,
  PublicInitiative,
} from './applications.service';
import type { InitiativeStatus } from './initiative-status';
import { TASK_AREAS, type TaskArea } from './task-areas';

/** A new draft's first fields (texts already clean); the rest is written by `updateFields`. */
export interface NewApplication {
  programmeId: string;
  applicantType: ApplicationInput['applicantType'];
  contactName: string;
  contactEmail: string;
  taskArea: TaskArea;
  title: string | undefined;
  createdBy: string;
}

/** A file to attach to an application (its name already clean, its content checked). */
export interface NewAttachment {
  initiativeId: string;
  kind: InitiativeAttachmentKind;
  fileName: string;
  mediaType: AttachmentMediaType;
  content: Buffer;
  createdBy: string;
}

/** An attachment with its content, for download. */
export interface AttachmentFile {
  fileName: string;
  mediaType: string;
  size: number;
  content: Buffer;
}

/** Which applications of the desk's queue to read: the official's areas, the kinds and the filters. */
export interface InitiativeQueueQuery {
  /** The areas the official's grants cover (each with the areas inside it); null for a grant over the whole city. */
  areaIds: Array<string | null> | null;
  /** The official: the applications to score are those they have not scored yet. */
  officialId: string;
  kinds: readonly InitiativeQueueKind[];
  year?: number;
  /** The area and the areas inside it. */
  areaId?: string;
}

/** An application of a user, for the export of their personal data. */
export interface PersonalInitiativeRow {
  id: string;
  caseNumber: string | null;
  title: string;
  status: InitiativeStatus;
  applicantType: 'residents' | 'ngo';
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  createdAt: Date;
}

/** The row of FULL_SELECT: the application's columns, its programme's year and hourly value, its number of applicants and its agreement's term. */
interface FullRow {
  id: string;
  year: number;
  case_number: string | null;
  status: InitiativeStatus;
  applicant_type: 'residents' | 'ngo';
  ngo_name: string | null;
  ngo_krs: string | null;
  applicants_count: number;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  contact_public: boolean;
  task_area: TaskArea;
  title: string;
  description: string;
  location: string;
  area_id: string | null;
  land_owner: FullInitiative['landOwner'];
  schedule: PublicInitiative['schedule'];
  total_cost: string;
  volunteer_people: number;
  volunteer_hours: number;
  volunteer_hour_value: string;
  in_kind: Array<{ item: string; value: number }> | null;
  cash: string;
  city_share: PublicInitiative['cityShare'];
  city_share_total: string;
  beneficiaries: string;
  beneficiaries_count: number;
  score: string | null;
  purposefulness: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  submitted_at: Date | null;
  registered_at: Date | null;
  correction_deadline: Date | null;
  correction_note: string | null;
  agreement_number: string | null;
  term_from: string | null;
  term_to: string | null;
  signed_at: Date | null;
  final_report: Record<string, unknown> | null;
  terminated_reason: string | null;
  created_by: string;
}

interface QueueRow {
  id: string;
  kind: InitiativeQueueKind;
  case_number: string | null;
  title: string;
  status: InitiativeStatus;
  year: number;
  area_name: string | null;
  city_share_total: string;
  deadline: Date | string | null;
  since: Date | string | null;
}

interface HistoryRow {
  action: string;
  at: Date;
  display_name: string | null;
}

/** The columns an act on an application decides by, with its programme's year. */
const ROW_SELECT = `SELECT i.id, i.status, i.programme_id, p.year, i.area_id, i.created_by, i.title, i.case_number, i.contact_email, i.city_share_total, i.correction_deadline
         FROM initiatives i JOIN initiative_programmes p ON p.id = i.programme_id WHERE i.id = $1`;

/** An application's row with its programme's year and hourly value, the number of applicants and the agreement's term as days. */
const FULL_SELECT = `SELECT i.*, p.year, p.volunteer_hour_value, (SELECT count(*)::int FROM initiative_applicants a WHERE a.initiative_id = i.id) AS applicants_count,
         to_char(i.agreement_term_from, 'YYYY-MM-DD') AS term_from, to_char(i.agreement_term_to, 'YYYY-MM-DD') AS term_to
    FROM initiatives i JOIN initiative_programmes p ON p.id = i.programme_id`;

const WARSAW_DAY = (col: string) => `(${col}::timestamp AT TIME ZONE 'Europe/Warsaw')`;

/** Each kind of the queue: which applications, their deadline, since when they wait. `$me` is the official's id. */
const QUEUE_SQL: Record<InitiativeQueueKind, { where: string; deadline: string; since: string }> = {
  register: { where: `i.status = 'submitted'`, deadline: 'NULL::timestamptz', since: 'i.submitted_at' },
  check: { where: `i.status IN ('registered', 'formal_check')`, deadline: 'NULL::timestamptz', since: 'coalesce(i.registered_at, i.submitted_at)' },
  score: {
    where: `i.status = 'evaluation' AND NOT EXISTS (SELECT 1 FROM initiative_evaluations e WHERE e.initiative_id = i.id AND e.evaluator_id = $me)
            AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'initiatives.scores_disclosed' AND l.subject_type = 'initiative'
                              AND l.subject_id = i.id::text AND l.actor_id = $me)`,
    deadline: 'NULL::timestamptz',
    since: 'i.updated_at',
  },
  decide: {
    where: `i.status = 'evaluation' AND EXISTS (SELECT 1 FROM initiative_evaluations e WHERE e.initiative_id = i.id)`,
    deadline: 'NULL::timestamptz',
    since: 'i.updated_at',
  },
  agreement: { where: `i.status IN ('approved', 'agreement_drafted')`, deadline: WARSAW_DAY('i.agreement_term_from'), since: 'i.decided_at' },
  start: { where: `i.status = 'agreement_signed'`, deadline: WARSAW_DAY('i.agreement_term_from'), since: 'i.signed_at' },
  report: { where: `i.status = 'in_progress' AND i.final_report IS NOT NULL`, deadline: WARSAW_DAY('i.agreement_term_to'), since: 'i.updated_at' },
};

const sum = (xs: Array<{ value: number }>) => xs.reduce((s, x) => s + x.value, 0);

/** An application from its row (FULL_SELECT), its applicants and its attachments. */
function fullOf(r: FullRow, applicants: Applicant[], attachments: FullInitiative['attachments']): FullInitiative {
  const id = r.id;
  const inKind = r.in_kind ?? [];
  const volunteerValue = r.volunteer_people * r.volunteer_hours * Number(r.volunteer_hour_value);
  const cash = Number(r.cash);
  const decided = r.decided_at;
  return {
    id,
    year: r.year,
    caseNumber: r.case_number,
    status: r.status,
    applicantType: r.applicant_type,
    ngoName: r.ngo_name,
    ngoKrs: r.ngo_krs,
    applicants,
    applicantsCount: r.applicants_count,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    contactPublic: r.contact_public,
    taskArea: r.task_area,
    taskAreaLabel: TASK_AREAS[r.task_area] ?? { pl: String(r.task_area), en: String(r.task_area) },
    title: r.title,
    description: r.description,
    location: r.location,
    areaId: r.area_id,
    landOwner: r.land_owner,
    schedule: r.schedule,
    totalCost: Number(r.total_cost),
    contribution: {
      volunteerPeople: r.volunteer_people,
      volunteerHours: r.volunteer_hours,
      volunteerValue,
      inKind,
      inKindValue: sum(inKind),
      cash,
      total: volunteerValue + sum(inKind) + cash,
    },
    cityShare: r.city_share,
    cityShareTotal: Number(r.city_share_total),
    beneficiaries: r.beneficiaries,
    beneficiariesCount: r.beneficiaries_count,
    // The mean of the evaluators' results is told to no one before the decision (scoring is independent).
    score: r.score === null || !decided ? null : Number(r.score),
    decision: decided ? { purposefulness: r.purposefulness, reason: r.decision_reason, decidedAt: decided } : null,
    submittedAt: r.submitted_at,
    registeredAt: r.registered_at,
    correctionDeadline: r.correction_deadline,
    correctionNote: r.correction_note,
    attachments,
    agreement: {
      number: r.agreement_number,
      termFrom: r.term_from,
      termTo: r.term_to,
      signedAt: r.signed_at,
    },
    finalReport: r.final_report,
    terminatedReason: r.terminated_reason,
    createdBy: r.created_by,
  };
}

const queueRowOf = (r: QueueRow): InitiativeQueueRow => ({
  id: r.id,
  kind: r.kind,
  caseNumber: r.case_number ?? null,
  title: r.title,
  status: r.status,
  year: Number(r.year),
  areaName: r.area_name ?? null,
  cityShareTotal: Number(r.city_share_total),
  deadline: r.deadline ? new Date(r.deadline) : null,
  since: r.since ? new Date(r.since) : null,
});

/**
 * The SQL of `initiatives` and what belongs to an application (its applicants, attachments and history in the
 * audit log), with the desk's queue, as named methods with typed rows. Methods that change data take the
 * transaction's EntityManager; reads take one optionally.
 */
@Injectable()
export class ApplicationRepository {
  constructor(private readonly ds: DataSource) {}

  /** The application's row with its programme's year; undefined when there is none. */
  find(id: string, m: EntityManager = this.ds.manager): Promise<InitiativeRow | undefined> {
    return queryOne<InitiativeRow>(m, ROW_SELECT, [id]);
  }

  /** The application's row with its programme's year, locked for the rest of the transaction; undefined when there is none. */
  lockForUpdate(m: EntityManager, id: string): Promise<InitiativeRow | undefined> {
    return queryOne<InitiativeRow>(m, `${ROW_SELECT} FOR UPDATE OF i`, [id]);
  }

  /** The application's case number (null before registration). */
  async caseNumber(m: EntityManager, id: string): Promise<string | null> {
    const [{ case_number }] = await queryRows<{ case_number: string | null }>(m, `SELECT case_number FROM initiatives WHERE id = $1`, [id]);
    return case_number;
  }

  /** Inserts a draft; returns its id. */
  async insertDraft(m: EntityManager, a: NewApplication): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO initiatives (programme_id, applicant_type, contact_name, contact_email, task_area, title, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [a.programmeId, a.applicantType, a.contactName, a.contactEmail, a.taskArea, a.title, a.createdBy],
    );
    return id;
  }

  /** Sets the given fields of an application (undefined ones are left as they are; null clears a nullable one) and its change time. */
  async updateFields(m: EntityManager, id: string, a: ApplicationInput): Promise<void> {
    await m.query(
      `UPDATE initiatives SET
         applicant_type = coalesce($2, applicant_type), ngo_name = CASE WHEN $3::boolean THEN $4 ELSE ngo_name END, ngo_krs = CASE WHEN $5::boolean THEN $6 ELSE ngo_krs END,
         contact_name = coalesce($7, contact_name), contact_email = coalesce($8, contact_email), contact_phone = CASE WHEN $9::boolean THEN $10 ELSE contact_phone END,
         contact_public = coalesce($11, contact_public), task_area = coalesce($12, task_area), title = coalesce($13, title), description = coalesce($14, description),
         location = coalesce($15, location), area_id = CASE WHEN $16::boolean THEN $17::uuid ELSE area_id END, land_owner = coalesce($18, land_owner),
         schedule = coalesce($19::jsonb, schedule), total_cost = coalesce($20, total_cost), volunteer_people = coalesce($21, volunteer_people),
         volunteer_hours = coalesce($22, volunteer_hours), in_kind = coalesce($23::jsonb, in_kind), cash = coalesce($24, cash),
         city_share = coalesce($25::jsonb, city_share), beneficiaries = coalesce($26, beneficiaries), beneficiaries_count = coalesce($27, beneficiaries_count),
         updated_at = now()
       WHERE id = $1`,
      [
        id,
        a.applicantType ?? null,
        a.ngoName !== undefined,
        a.ngoName ?? null,
        a.ngoKrs !== undefined,
        a.ngoKrs ?? null,
        a.contactName ?? null,
        a.contactEmail ?? null,
        a.contactPhone !== undefined,
        a.contactPhone ?? null,
        a.contactPublic ?? null,
        a.taskArea ?? null,
        a.title ?? null,
        a.description ?? null,
        a.location ?? null,
        a.areaId !== undefined,
        a.areaId ?? null,
        a.landOwner ?? null,
        a.schedule ? JSON.stringify(a.schedule) : null,
        a.totalCost ?? null,
        a.volunteerPeople ?? null,
        a.volunteerHours ?? null,
        a.inKind ? JSON.stringify(a.inKind) : null,
        a.cash ?? null,
        a.cityShare ? JSON.stringify(a.cityShare) : null,
        a.beneficiaries ?? null,
        a.beneficiariesCount ?? null,
      ],
    );
  }

  /** Recomputes the total of what the application asks of the city from its items. */
  async updateCityShareTotal(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE initiatives SET city_share_total = (SELECT coalesce(sum((x->>'value')::bigint), 0) FROM jsonb_array_elements(city_share) x) WHERE id = $1`,
      [id],
    );
  }

  /** Replaces the application's applicants, numbered in the given order. */
  async replaceApplicants(m: EntityManager, id: string, applicants: Applicant[]): Promise<void> {
    await m.query(`DELETE FROM initiative_applicants WHERE initiative_id = $1`, [id]);
    for (const [i, p] of applicants.entries())
      await m.query(`INSERT INTO initiative_applicants (initiative_id, position, first_name, last_name, address) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        i + 1,
        p.firstName,
        p.lastName,
        p.address,
      ]);
  }

  /** Sends a corrected application back to the formal check (its correction deadline cleared). */
  async markCorrected(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'formal_check', correction_deadline = NULL, updated_at = now() WHERE id = $1`, [id]);
  }

  /** Marks the application submitted at `at`. */
  async markSubmitted(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'submitted', submitted_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  }

  /** Marks the application registered under its case number. */
  async markRegistered(m: EntityManager, id: string, caseNumber: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'registered', case_number = $2, registered_at = now(), updated_at = now() WHERE id = $1`, [id, caseNumber]);
  }

  /** The application in full, with its applicants and attachments; undefined when there is none. */
  async findFull(id: string, m: EntityManager = this.ds.manager): Promise<FullInitiative | undefined> {
    const r = await queryOne<FullRow>(m, `${FULL_SELECT} WHERE i.id = $1`, [id]);
    if (!r) return undefined;
    const applicants = await queryRows<Applicant>(
      m,
      `SELECT first_name AS "firstName", last_name AS "lastName", address FROM initiative_applicants WHERE initiative_id = $1 ORDER BY position`,
      [id],
    );
    const attachments = await queryRows<FullInitiative['attachments'][number]>(
      m,
      `SELECT id, kind, file_name AS "fileName", media_type AS "mediaType", size FROM initiative_attachments WHERE initiative_id = $1 ORDER BY created_at, id`,
      [id],
    );
    return fullOf(r, applicants, attachments);
  }

  /** The applications that are not drafts, by year, status and area, latest submitted first (at most 500), without their applicants and attachments (not read). */
  async listPublic(opts: { year?: number; status?: InitiativeStatus; areaId?: string }, m: EntityManager = this.ds.manager): Promise<FullInitiative[]> {
    const rows = await queryRows<FullRow>(
      m,
      `${FULL_SELECT}
        WHERE i.status <> 'draft' AND ($1::int IS NULL OR p.year = $1) AND ($2::text IS NULL OR i.status = $2) AND ($3::uuid IS NULL OR i.area_id = $3)
        ORDER BY i.submitted_at DESC NULLS LAST, i.id LIMIT 500`,
      [opts.year ?? null, opts.status ?? null, opts.areaId ?? null],
    );
    return rows.map((r) => fullOf(r, [], []));
  }

  /** The ids of the user's applications, drafts included, newest first. */
  async listIdsByCreator(userId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM initiatives WHERE created_by = $1 ORDER BY created_at DESC`, [userId]);
    return rows.map((r) => r.id);
  }

  /** The applications that are not drafts, by year and status, first submitted first, each with its area. */
  listSubmitted(opts: { year?: number; status?: InitiativeStatus }, m: EntityManager = this.ds.manager): Promise<Array<Pick<InitiativeRow, 'id' | 'area_id'>>> {
    return queryRows<Pick<InitiativeRow, 'id' | 'area_id'>>(
      m,
      `SELECT i.id, i.area_id FROM initiatives i JOIN initiative_programmes p ON p.id = i.programme_id
        WHERE i.status <> 'draft' AND ($1::int IS NULL OR p.year = $1) AND ($2::text IS NULL OR i.status = $2) ORDER BY i.submitted_at, i.id`,
      [opts.year ?? null, opts.status ?? null],
    );
  }

  /** How many applications the desk's queue holds. */
  async countQueue(q: InitiativeQueueQuery, m: EntityManager = this.ds.manager): Promise<number> {
    const { sql, params } = this.queueSql(q);
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM (${sql}) q`, params);
    return Number(n);
  }

  /** One page of the desk's queue: nearest deadline first, then the longest waiting. */
  async queuePage(q: InitiativeQueueQuery, limit: number, offset: number, m: EntityManager = this.ds.manager): Promise<InitiativeQueueRow[]> {
    const { sql, params } = this.queueSql(q);
    const rows = await queryRows<QueueRow>(
      m,
      `SELECT q.* FROM (${sql}) q ORDER BY q.deadline ASC NULLS LAST, q.since ASC NULLS LAST, q.case_number NULLS LAST, q.id, q.kind
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return rows.map(queueRowOf);
  }

  /** How many applications the desk's queue holds, and the nearest deadline among them. */
  async queueSummary(q: InitiativeQueueQuery, m: EntityManager = this.ds.manager): Promise<{ count: number; nextDeadline: Date | null }> {
    const { sql, params } = this.queueSql(q);
    const [r] = await queryRows<{ n: number; next: Date | null }>(m, `SELECT count(*)::int AS n, min(q.deadline) AS next FROM (${sql}) q`, params);
    return { count: Number(r.n), nextDeadline: r.next ? new Date(r.next) : null };
  }

  /** The queue's applications as one statement (a UNION ALL of the kinds) with its parameters. */
  private queueSql(q: InitiativeQueueQuery): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const add = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [`i.status <> 'draft'`];
    if (q.areaIds !== null) {
      // Only the areas the grants cover (each with the areas inside it); none when the person has no such grant.
      where.push(`i.area_id IN ${areaTree.within(add(q.areaIds))}`);
    }
    if (q.year !== undefined) where.push(`p.year = ${add(q.year)}`);
    if (q.areaId) {
      where.push(`i.area_id IN ${areaTree.within(`ARRAY[${add(q.areaId)}::uuid]`)}`);
    }
    const kindsSql = q.kinds.map((k) => {
      const s = QUEUE_SQL[k];
      const own = s.where.includes('$me') ? s.where.replaceAll('$me', add(q.officialId)) : s.where;
      return `SELECT i.id, '${k}' AS kind, i.case_number, i.title, i.status, p.year, a.name AS area_name, i.city_share_total,
                     ${s.deadline} AS deadline, ${s.since} AS since
                FROM initiatives i JOIN initiative_programmes p ON p.id = i.programme_id LEFT JOIN areas a ON a.id = i.area_id
               WHERE ${[...where, own].join(' AND ')}`;
    });
    return { sql: kindsSql.join(' UNION ALL '), params };
  }

  /** The application's history: each act in the audit log, oldest first, when and by whom (no details). */
  async listHistory(id: string, m: EntityManager = this.ds.manager): Promise<InitiativeHistoryEntry[]> {
    const rows = await queryRows<HistoryRow>(
      m,
      `SELECT l.action, l.at, u.display_name FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
        WHERE l.subject_type = 'initiative' AND l.subject_id = $1 ORDER BY l.seq`,
      [id],
    );
    return rows.map((h) => ({ action: h.action, at: new Date(h.at), actorName: h.display_name }));
  }

  /** The kinds of the application's attachments, each once. */
  async attachmentKinds(m: EntityManager, id: string): Promise<InitiativeAttachmentKind[]> {
    const rows = await queryRows<{ kind: InitiativeAttachmentKind }>(m, `SELECT DISTINCT kind FROM initiative_attachments WHERE initiative_id = $1`, [id]);
    return rows.map((k) => k.kind);
  }

  /** How many attachments the application has. */
  async countAttachments(m: EntityManager, id: string): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM initiative_attachments WHERE initiative_id = $1`, [id]);
    return n;
  }

  /** Stores an attachment; returns it as the application lists it. */
  async insertAttachment(m: EntityManager, a: NewAttachment): Promise<FullInitiative['attachments'][number]> {
    const [row] = await queryRows<FullInitiative['attachments'][number]>(
      m,
      `INSERT INTO initiative_attachments (initiative_id, kind, file_name, media_type, size, content, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, kind, file_name AS "fileName", media_type AS "mediaType", size`,
      [a.initiativeId, a.kind, a.fileName, a.mediaType, a.content.length, a.content, a.createdBy],
    );
    return row;
  }

  /** The application's attachment with its content; undefined when the application has no such attachment. */
  findAttachment(initiativeId: string, attachmentId: string, m: EntityManager = this.ds.manager): Promise<AttachmentFile | undefined> {
    return queryOne<AttachmentFile>(
      m,
      `SELECT file_name AS "fileName", media_type AS "mediaType", size, content FROM initiative_attachments WHERE id = $1 AND initiative_id = $2`,
      [attachmentId, initiativeId],
    );
  }

  /** The applications the user created, oldest first (their personal data). */
  listOfUser(m: EntityManager, userId: string): Promise<PersonalInitiativeRow[]> {
    return queryRows<PersonalInitiativeRow>(
      m,
      `SELECT id, case_number AS "caseNumber", title, status, applicant_type AS "applicantType", contact_name AS "contactName",
                  contact_email AS "contactEmail", contact_phone AS "contactPhone", created_at AS "createdAt"
             FROM initiatives WHERE created_by = $1 ORDER BY created_at`,
      [userId],
    );
  }
}
