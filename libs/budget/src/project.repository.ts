import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { areaTree, queryOne, queryRows, rowsOf } from '@civitas/database';
import type { EditionRules } from './edition-rules';
import type { CostItemInput, HistoryEntry, ProjectFilter, ProjectInput, ProjectSummary, ProjectView } from './projects.service';

/**
 * The code a project goes by in the tally and its results: its public code (an imported Pabulib project's id), else
 * `P<number>` (a project submitted on the platform), else `P<id>`. Every query that maps between projects and the
 * tally's codes uses this one expression (`p` is the alias of budget_projects).
 */
export const PROJECT_CODE_SQL = `COALESCE(p.code, 'P' || COALESCE(p.number::text, p.id::text))`;

/** A project of an edition with the code it goes by in the tally. */
export interface ProjectCode {
  id: string;
  code: string;
  title: string;
}

/** A project of a pool's ballot (on it, or with its outcome), with its tally code and cost (grosze, as text). */
export interface BallotProjectCode extends ProjectCode {
  totalCost: string;
}

/** A project on the ballot, with its pool and cost (grosze). */
export interface OnBallotProject {
  id: string;
  poolId: string;
  totalCost: number;
}

/** A project of an imported election (a Pabulib file's), recorded on the ballot; its cost in grosze, as text. */
export interface ImportedProject extends ProjectCode {
  number: number;
  cost: string;
}

/** A project locked for the rest of a transaction, with what the acts on it decide by. */
export interface LockedProject {
  id: string;
  editionId: string;
  editionName: string;
  editionStatus: 'draft' | 'published';
  rules: EditionRules;
  poolId: string;
  areaId: string | null;
  status: string;
  title: string;
  createdBy: string;
  correctionDeadline: Date | null;
  appealDeadline: Date | null;
}

interface LockedProjectRow {
  id: string;
  edition_id: string;
  edition_name: string;
  edition_status: 'draft' | 'published';
  rules: EditionRules;
  pool_id: string;
  area_id: string | null;
  status: string;
  title: string;
  created_by: string;
  correction_deadline: Date | null;
  appeal_deadline: Date | null;
}

const lockedOf = (r: LockedProjectRow): LockedProject => ({
  id: r.id,
  editionId: r.edition_id,
  editionName: r.edition_name,
  editionStatus: r.edition_status,
  rules: r.rules,
  poolId: r.pool_id,
  areaId: r.area_id,
  status: r.status,
  title: r.title,
  createdBy: r.created_by,
  correctionDeadline: r.correction_deadline,
  appealDeadline: r.appeal_deadline,
});

/** A project with its texts, as stored (no cost items, authors or history). */
export type ProjectRecord = ProjectSummary & Pick<ProjectView, 'description' | 'justification' | 'beneficiaries'>;

/** A new draft's fields (each of the input's given: empty texts, nulls), texts already plain. */
export type NewProject = Required<Omit<ProjectInput, 'costItems'>> & { editionId: string; createdBy: string };

/** A change of a project's fields: the given ones are set (texts already plain), undefined ones are left as they are. */
export type ProjectFieldsChange = Partial<Omit<ProjectInput, 'costItems'>>;

/** An entry to append to a project's history: who (null: the system) did what, between which statuses, why. */
export interface NewHistoryEntry {
  projectId: string;
  actorId: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  /** `{}` when not given. */
  details?: object;
}

/** What a submission is checked against: the project's fields and total, its edition's rules, its pool's limits. */
export interface SubmissionFacts {
  rules: EditionRules;
  summary: string;
  description: string;
  justification: string;
  beneficiaries: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  categoryId: string | null;
  areaId: string | null;
  totalCost: number;
  pool: { amount: number; minCost: number | null; maxCost: number | null; minCostBp: number | null; maxCostBp: number | null; areaId: string | null };
}

/** What a status notice tells: the project, its edition and its authors. */
export interface ProjectNotice {
  id: string;
  title: string;
  areaId: string | null;
  editionId: string;
  editionName: string;
  authorIds: string[];
}

/** What an endorsement is checked against: the project's status and its edition's rules. */
export interface EndorsedProject {
  id: string;
  editionId: string;
  status: string;
  rules: EditionRules;
}

/** A text as an SQL string literal. */
const sqlText = (t: string) => `'${t.replace(/'/g, "''")}'`;

/** The columns of a project's stored row that a summary or a record reads. */
interface ProjectRow {
  id: string;
  edition_id: string;
  pool_id: string;
  category_id: string | null;
  area_id: string | null;
  number: number | null;
  status: string;
  title: string;
  summary: string;
  description: string;
  justification: string;
  beneficiaries: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  total_cost: string;
  endorsements: number;
  paper_signatures: number;
  submitted_at: Date | null;
  correction_deadline: Date | null;
  appeal_deadline: Date | null;
  merged_into: string | null;
  ballot_position: number | null;
}

type SummaryRow = Omit<ProjectRow, 'description' | 'justification' | 'beneficiaries'>;

/** The columns summaryOf reads (a list needs no descriptions, cost items or search vectors). */
const SUMMARY_COLUMNS = [
  'id',
  'edition_id',
  'pool_id',
  'category_id',
  'area_id',
  'number',
  'status',
  'title',
  'summary',
  'address',
  'latitude',
  'longitude',
  'total_cost',
  'endorsements',
  'paper_signatures',
  'submitted_at',
  'correction_deadline',
  'appeal_deadline',
  'merged_into',
  'ballot_position',
]
  .map((c) => `p.${c}`)
  .join(', ');

function summaryOf(p: SummaryRow): ProjectSummary {
  return {
    id: p.id,
    editionId: p.edition_id,
    poolId: p.pool_id,
    categoryId: p.category_id ?? null,
    areaId: p.area_id ?? null,
    number: p.number ?? null,
    status: p.status,
    title: p.title,
    summary: p.summary,
    address: p.address,
    latitude: p.latitude ?? null,
    longitude: p.longitude ?? null,
    totalCost: Number(p.total_cost),
    endorsements: p.endorsements,
    paperSignatures: p.paper_signatures,
    submittedAt: p.submitted_at ?? null,
    correctionDeadline: p.correction_deadline ?? null,
    appealDeadline: p.appeal_deadline ?? null,
    mergedInto: p.merged_into ?? null,
    ballotPosition: p.ballot_position ?? null,
  };
}

/** The columns of the editable fields, in the order an update sets them. */
const FIELD_COLUMNS: Record<keyof ProjectFieldsChange, string> = {
  poolId: 'pool_id',
  categoryId: 'category_id',
  areaId: 'area_id',
  title: 'title',
  summary: 'summary',
  description: 'description',
  justification: 'justification',
  beneficiaries: 'beneficiaries',
  address: 'address',
  latitude: 'latitude',
  longitude: 'longitude',
};

interface SubmissionRow {
  rules: EditionRules;
  summary: string;
  description: string;
  justification: string;
  beneficiaries: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  category_id: string | null;
  area_id: string | null;
  total_cost: string;
  amount: string;
  min_cost: string | null;
  max_cost: string | null;
  min_cost_bp: number | null;
  max_cost_bp: number | null;
  pool_area_id: string | null;
}

interface NoticeRow {
  id: string;
  title: string;
  area_id: string | null;
  edition_id: string;
  edition_name: string;
  authors: string[];
}

interface HistoryRow {
  at: Date;
  action: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

interface AttachmentRow {
  id: string;
  kind: 'document' | 'support_list';
  file_name: string;
  media_type: string;
  size: number;
  created_at: Date;
}

/**
 * The SQL of `budget_projects` and the tables that belong to a project (its cost items, authors, history,
 * endorsements), as named methods with typed rows. Methods that change data take the transaction's EntityManager;
 * reads take one optionally (the embedded database lends its one session to one transaction at a time).
 */
@Injectable()
export class ProjectRepository {
  constructor(private readonly ds: DataSource) {}

  /** The project row locked for the rest of the transaction (concurrent acts on it wait), with its edition; undefined when there is none. */
  async lockForUpdate(m: EntityManager, id: string): Promise<LockedProject | undefined> {
    const r = await queryOne<LockedProjectRow>(
      m,
      `SELECT p.id, p.edition_id, e.name AS edition_name, e.status AS edition_status, e.rules, p.pool_id, p.area_id, p.status, p.title,
              p.created_by, p.correction_deadline, p.appeal_deadline
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1 FOR UPDATE OF p`,
      [id],
    );
    return r && lockedOf(r);
  }

  /** Whether the pool belongs to the edition. */
  async poolInEdition(m: EntityManager, poolId: string, editionId: string): Promise<boolean> {
    return (await queryRows(m, `SELECT 1 FROM budget_pools WHERE id = $1 AND edition_id = $2`, [poolId, editionId])).length > 0;
  }

  /** Whether the category belongs to the edition. */
  async categoryInEdition(m: EntityManager, categoryId: string, editionId: string): Promise<boolean> {
    return (await queryRows(m, `SELECT 1 FROM budget_categories WHERE id = $1 AND edition_id = $2`, [categoryId, editionId])).length > 0;
  }

  /** Whether the area exists. */
  async areaExists(m: EntityManager, areaId: string): Promise<boolean> {
    return (await queryRows(m, `SELECT 1 FROM areas WHERE id = $1`, [areaId])).length > 0;
  }

  /** Inserts a draft; returns its id. */
  async insertDraft(m: EntityManager, p: NewProject): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO budget_projects (edition_id, pool_id, category_id, area_id, title, summary, description, justification, beneficiaries,
                                    address, latitude, longitude, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        p.editionId,
        p.poolId,
        p.categoryId,
        p.areaId,
        p.title,
        p.summary,
        p.description,
        p.justification,
        p.beneficiaries,
        p.address,
        p.latitude,
        p.longitude,
        p.createdBy,
      ],
    );
    return id;
  }

  /** Sets the given fields of a project and its change time (nothing when no field is given). */
  async updateFields(m: EntityManager, id: string, change: ProjectFieldsChange): Promise<void> {
    const fields = (Object.entries(FIELD_COLUMNS) as Array<[keyof ProjectFieldsChange, string]>)
      .filter(([key]) => change[key] !== undefined)
      .map(([key, column]): [string, unknown] => [column, change[key]]);
    if (!fields.length) return;
    await m.query(`UPDATE budget_projects SET ${fields.map(([c], i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...fields.map(([, v]) => v),
    ]);
  }

  /** Takes the edition's next project number (numbers are given at submission: 1, 2, …). */
  async nextNumber(m: EntityManager, editionId: string): Promise<number> {
    const [{ project_counter }] = rowsOf<{ project_counter: number }>(
      await m.query(`UPDATE budget_editions SET project_counter = project_counter + 1 WHERE id = $1 RETURNING project_counter`, [editionId]),
    );
    return project_counter;
  }

  /** Marks the project submitted under its number. */
  async markSubmitted(m: EntityManager, id: string, number: number): Promise<void> {
    await m.query(`UPDATE budget_projects SET status = 'submitted', number = $2, submitted_at = now(), updated_at = now() WHERE id = $1`, [id, number]);
  }

  /** What the submission of an existing project is checked against. */
  async submissionFacts(m: EntityManager, id: string): Promise<SubmissionFacts> {
    const [r] = await queryRows<SubmissionRow>(
      m,
      `SELECT p.*, e.rules, pool.amount, pool.min_cost, pool.max_cost, pool.min_cost_bp, pool.max_cost_bp, pool.area_id AS pool_area_id
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id JOIN budget_pools pool ON pool.id = p.pool_id
        WHERE p.id = $1`,
      [id],
    );
    return {
      rules: r.rules,
      summary: r.summary,
      description: r.description,
      justification: r.justification,
      beneficiaries: r.beneficiaries,
      address: r.address,
      latitude: r.latitude,
      longitude: r.longitude,
      categoryId: r.category_id,
      areaId: r.area_id,
      totalCost: Number(r.total_cost),
      pool: {
        amount: Number(r.amount),
        minCost: r.min_cost === null ? null : Number(r.min_cost),
        maxCost: r.max_cost === null ? null : Number(r.max_cost),
        minCostBp: r.min_cost_bp,
        maxCostBp: r.max_cost_bp,
        areaId: r.pool_area_id,
      },
    };
  }

  /** Replaces the project's cost items (descriptions already plain) and recomputes its total. */
  async replaceCostItems(m: EntityManager, projectId: string, items: CostItemInput[]): Promise<void> {
    await m.query(`DELETE FROM budget_cost_items WHERE project_id = $1`, [projectId]);
    for (const [i, item] of items.entries()) {
      await m.query(`INSERT INTO budget_cost_items (project_id, position, description, amount) VALUES ($1, $2, $3, $4)`, [
        projectId,
        i + 1,
        item.description,
        item.amount,
      ]);
    }
    await m.query(`UPDATE budget_projects SET total_cost = (SELECT COALESCE(sum(amount), 0) FROM budget_cost_items WHERE project_id = $1) WHERE id = $1`, [
      projectId,
    ]);
  }

  /** Appends an entry to the project's history. */
  async insertHistory(m: EntityManager, e: NewHistoryEntry): Promise<void> {
    await m.query(
      `INSERT INTO budget_project_history (project_id, actor_id, action, from_status, to_status, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [e.projectId, e.actorId, e.action, e.fromStatus, e.toStatus, e.reason, JSON.stringify(e.details ?? {})],
    );
  }

  /** What a status notice of an existing project tells. */
  async notice(m: EntityManager, id: string): Promise<ProjectNotice> {
    const [r] = await queryRows<NoticeRow>(
      m,
      `SELECT p.id, p.title, p.area_id, e.id AS edition_id, e.name AS edition_name,
              ARRAY(SELECT user_id FROM budget_project_authors a WHERE a.project_id = p.id) AS authors
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1`,
      [id],
    );
    return { id: r.id, title: r.title, areaId: r.area_id, editionId: r.edition_id, editionName: r.edition_name, authorIds: r.authors };
  }

  /** The project with its texts; undefined when there is none. */
  async findById(id: string, m: EntityManager = this.ds.manager): Promise<ProjectRecord | undefined> {
    const r = await queryOne<ProjectRow>(m, `SELECT * FROM budget_projects WHERE id = $1`, [id]);
    return r && { ...summaryOf(r), description: r.description, justification: r.justification, beneficiaries: r.beneficiaries };
  }

  /** The project's cost items, in order. */
  async costItems(projectId: string, m: EntityManager = this.ds.manager): Promise<CostItemInput[]> {
    const rows = await queryRows<{ description: string; amount: string }>(
      m,
      `SELECT description, amount FROM budget_cost_items WHERE project_id = $1 ORDER BY position`,
      [projectId],
    );
    return rows.map((i) => ({ description: i.description, amount: Number(i.amount) }));
  }

  /** The project's history, oldest first, each entry with its details (`{}` when it has none). */
  async history(projectId: string, m: EntityManager = this.ds.manager): Promise<Array<HistoryEntry & { details: Record<string, unknown> }>> {
    const rows = await queryRows<HistoryRow>(
      m,
      `SELECT at, action, from_status, to_status, reason, details FROM budget_project_history WHERE project_id = $1 ORDER BY id`,
      [projectId],
    );
    return rows.map((h) => ({ at: h.at, action: h.action, fromStatus: h.from_status, toStatus: h.to_status, reason: h.reason, details: h.details ?? {} }));
  }

  /** The number of signatures (online and paper) a project of the pool needs. */
  async signaturesRequired(poolId: string, m: EntityManager = this.ds.manager): Promise<number> {
    const [{ required }] = await queryRows<{ required: number }>(m, `SELECT signatures_required AS required FROM budget_pools WHERE id = $1`, [poolId]);
    return required;
  }

  /** The exclusion groups the project is in, each with its other projects. */
  async exclusiveWith(projectId: string, m: EntityManager = this.ds.manager): Promise<ProjectView['exclusiveWith']> {
    const rows = await queryRows<{ id: string; reason: string; others: string[] }>(
      m,
      `SELECT g.id, g.reason, ARRAY(SELECT x2.project_id FROM budget_exclusion_members x2 WHERE x2.group_id = g.id AND x2.project_id <> $1) AS others
         FROM budget_exclusion_groups g JOIN budget_exclusion_members x ON x.group_id = g.id WHERE x.project_id = $1 ORDER BY g.created_at`,
      [projectId],
    );
    return rows.map((g) => ({ groupId: g.id, projectIds: g.others, reason: g.reason }));
  }

  /** The project's attachments, oldest first: its documents, and its scanned support lists when `supportLists`. */
  async attachments(projectId: string, supportLists: boolean, m: EntityManager = this.ds.manager): Promise<ProjectView['attachments']> {
    const rows = await queryRows<AttachmentRow>(
      m,
      `SELECT id, kind, file_name, media_type, size, created_at FROM budget_attachments
        WHERE project_id = $1 AND (kind = 'document' OR $2::boolean) ORDER BY created_at`,
      [projectId, supportLists],
    );
    return rows.map((f) => ({ id: f.id, kind: f.kind, fileName: f.file_name, mediaType: f.media_type, size: f.size, createdAt: f.created_at }));
  }

  /** The projects the user authors or co-authors (drafts included), most recently changed first, with their role and edition's name. */
  async listByAuthor(userId: string, m: EntityManager = this.ds.manager): Promise<Array<ProjectSummary & { role: 'main' | 'co'; editionName: string }>> {
    const rows = await queryRows<ProjectRow & { author_role: 'main' | 'co'; edition_name: string }>(
      m,
      `SELECT p.*, a.role AS author_role, e.name AS edition_name
         FROM budget_project_authors a JOIN budget_projects p ON p.id = a.project_id JOIN budget_editions e ON e.id = p.edition_id
        WHERE a.user_id = $1 ORDER BY p.updated_at DESC, p.created_at DESC, p.id`,
      [userId],
    );
    return rows.map((r) => ({ ...summaryOf(r), role: r.author_role, editionName: r.edition_name }));
  }

  /** The edition's public projects (never drafts) that match the filter, one page of them in its order, with their total. */
  async listPublic(editionId: string, f: ProjectFilter, m: EntityManager = this.ds.manager): Promise<{ items: ProjectSummary[]; total: number }> {
    const where = [`p.edition_id = $1`, `p.status <> 'draft'`];
    const params: unknown[] = [editionId];
    if (f.poolId) where.push(`p.pool_id = $${params.push(f.poolId)}`);
    if (f.categoryId) where.push(`p.category_id = $${params.push(f.categoryId)}`);
    if (f.status) where.push(`p.status = $${params.push(f.status)}`);
    if (f.areaId) {
      where.push(`p.area_id IN ${areaTree.within(`ARRAY[$${params.push(f.areaId)}::uuid]`)}`);
    }
    if (f.q) where.push(`(p.search @@ plainto_tsquery('simple', $${params.push(f.q)}) OR p.title ILIKE '%' || $${params.length} || '%')`);
    const clause = where.join(' AND ');
    const [{ total }] = await queryRows<{ total: number }>(m, `SELECT count(*)::int AS total FROM budget_projects p WHERE ${clause}`, params);
    const sort = f.sort ?? 'number';
    const order = {
      number: `p.number NULLS LAST, p.id`,
      // The same seed gives the same order (paging stays stable); another seed shuffles anew.
      random: `md5($${params.length + 3} || ':' || p.id::text), p.id`,
      newest: `p.submitted_at DESC NULLS LAST, p.number DESC NULLS LAST, p.id`,
      cost_asc: `p.total_cost, p.number NULLS LAST, p.id`,
      cost_desc: `p.total_cost DESC, p.number NULLS LAST, p.id`,
    }[sort];
    const rows = await queryRows<SummaryRow>(
      m,
      `SELECT ${SUMMARY_COLUMNS} FROM budget_projects p WHERE ${clause} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize, ...(sort === 'random' ? [f.seed ?? ''] : [])],
    );
    return {
      total,
      items: rows.map(summaryOf),
    };
  }

  /** Number and title of the public projects (never drafts) among `ids`. */
  async publicTitles(ids: string[], m: EntityManager = this.ds.manager): Promise<Array<{ id: string; number: number | null; title: string }>> {
    return queryRows<{ id: string; number: number | null; title: string }>(
      m,
      `SELECT id, number, title FROM budget_projects WHERE id = ANY($1::uuid[]) AND status <> 'draft'`,
      [ids],
    );
  }

  /** The project an endorsement is checked against; undefined when there is none. */
  async findForEndorsement(m: EntityManager, id: string): Promise<EndorsedProject | undefined> {
    const r = await queryOne<{ id: string; edition_id: string; status: string; rules: EditionRules }>(
      m,
      `SELECT p.id, p.edition_id, p.status, e.rules FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1`,
      [id],
    );
    return r && { id: r.id, editionId: r.edition_id, status: r.status, rules: r.rules };
  }

  /** Whether the user has endorsed the project online. */
  async hasEndorsed(projectId: string, userId: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    return (await queryRows(m, `SELECT 1 FROM budget_endorsements WHERE project_id = $1 AND user_id = $2`, [projectId, userId])).length > 0;
  }

  /** Records the user's endorsement; false when it was there already. */
  async insertEndorsement(m: EntityManager, projectId: string, userId: string): Promise<boolean> {
    const inserted = await queryRows(m, `INSERT INTO budget_endorsements (project_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING project_id`, [
      projectId,
      userId,
    ]);
    return inserted.length > 0;
  }

  /** Removes the user's endorsement; false when there was none. */
  async deleteEndorsement(m: EntityManager, projectId: string, userId: string): Promise<boolean> {
    const deleted = rowsOf(await m.query(`DELETE FROM budget_endorsements WHERE project_id = $1 AND user_id = $2 RETURNING project_id`, [projectId, userId]));
    return deleted.length > 0;
  }

  /** Adds `n` to the project's count of online endorsements; returns the new count. */
  async addEndorsements(m: EntityManager, projectId: string, n: number): Promise<number> {
    const [{ endorsements }] = rowsOf<{ endorsements: number }>(
      await m.query(`UPDATE budget_projects SET endorsements = endorsements + $2 WHERE id = $1 RETURNING endorsements`, [projectId, n]),
    );
    return endorsements;
  }

  /** Takes `n` from the project's count of online endorsements; returns the new count. */
  async subtractEndorsements(m: EntityManager, projectId: string, n: number): Promise<number> {
    const [{ endorsements }] = rowsOf<{ endorsements: number }>(
      await m.query(`UPDATE budget_projects SET endorsements = endorsements - $2 WHERE id = $1 RETURNING endorsements`, [projectId, n]),
    );
    return endorsements;
  }

  // --- The vote and its results ---

  /** The edition's projects with their tally codes. */
  listProjectCodes(m: EntityManager, editionId: string): Promise<ProjectCode[]> {
    return queryRows<ProjectCode>(m, `SELECT p.id, ${PROJECT_CODE_SQL} AS code, p.title FROM budget_projects p WHERE p.edition_id = $1`, [editionId]);
  }

  /** The pool's projects on the ballot (or with an outcome), in ballot order, with their tally codes. */
  async listBallotProjects(m: EntityManager, poolId: string): Promise<BallotProjectCode[]> {
    const rows = await queryRows<{ id: string; code: string; title: string; total_cost: string }>(
      m,
      `SELECT p.id, ${PROJECT_CODE_SQL} AS code, p.title, p.total_cost
         FROM budget_projects p
        WHERE p.pool_id = $1 AND p.status IN ('on_ballot', 'selected', 'not_selected')
        ORDER BY p.ballot_position NULLS LAST, 2, p.id`,
      [poolId],
    );
    return rows.map((p) => ({ id: p.id, code: p.code, title: p.title, totalCost: String(p.total_cost) }));
  }

  /** The edition's projects on the ballot, each with its pool and cost. */
  async listOnBallot(editionId: string, m: EntityManager = this.ds.manager): Promise<OnBallotProject[]> {
    const rows = await queryRows<{ id: string; pool_id: string; total_cost: string }>(
      m,
      `SELECT p.id, p.pool_id, p.total_cost FROM budget_projects p WHERE p.edition_id = $1 AND p.status = 'on_ballot'`,
      [editionId],
    );
    return rows.map((r) => ({ id: r.id, poolId: r.pool_id, totalCost: Number(r.total_cost) }));
  }

  /**
   * Moves a project still on the ballot to its outcome (selected or not_selected) once the results are published;
   * any other status is left. Whether the project moved.
   */
  async setOutcomeStatus(m: EntityManager, id: string, status: 'selected' | 'not_selected'): Promise<boolean> {
    const moved = rowsOf(
      await m.query(`UPDATE budget_projects SET status = $2, updated_at = now() WHERE id = $1 AND status = 'on_ballot' RETURNING id`, [id, status]),
    );
    return moved.length > 0;
  }

  /** Records the projects of an imported election on the ballot of the pool, in one multi-row INSERT. */
  async insertImported(m: EntityManager, editionId: string, poolId: string, userId: string, projects: ImportedProject[]): Promise<void> {
    const values = projects.map(
      (p) =>
        `('${p.id}', '${editionId}', '${poolId}', ${p.number}, 'on_ballot', ${sqlText(p.title)}, ${p.cost}, '${userId}', ${sqlText(p.code)}, ${p.number}, now())`,
    );
    await m.query(
      `INSERT INTO budget_projects (id, edition_id, pool_id, number, status, title, total_cost, created_by, code, ballot_position, submitted_at) VALUES ${values.join(',')}`,
    );
  }

  /** Refreshes the planner's statistics of the projects (after a bulk import). */
  async refreshStatistics(m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(`ANALYZE budget_projects`);
  }
}
