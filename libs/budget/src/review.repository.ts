import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { areaTree, queryOne, queryRows } from '@civitas/database';
import type { CriterionVerdict, ReviewQueueKind, ReviewQueueRow, ReviewRecord } from './reviews.service';

/** A decision to record: a formal or merit review with its verdict per criterion. */
export interface NewReview {
  projectId: string;
  stage: 'formal' | 'merit';
  outcome: 'positive' | 'negative' | 'correction';
  reviewerId: string;
  criteria: CriterionVerdict[];
  justification: string;
}

/** Which projects of the review queue to read: the official's areas, the kinds and the filters. */
export interface ReviewQueueQuery {
  /** The areas the official's grants cover (each with the areas inside it); null for a grant over the whole city. */
  areaIds: Array<string | null> | null;
  kinds: readonly ReviewQueueKind[];
  editionId?: string;
  poolId?: string;
  /** The area and the areas inside it. */
  areaId?: string;
  /** The clock's time: a correction whose deadline has passed goes back to the review kind. */
  now: Date;
}

interface ReviewRow {
  stage: ReviewRecord['stage'];
  outcome: ReviewRecord['outcome'];
  criteria: CriterionVerdict[];
  justification: string;
  created_at: Date;
}

interface QueueRow {
  id: string;
  kind: ReviewQueueKind;
  edition_id: string;
  edition_name: string;
  pool_name: string;
  area_id: string | null;
  area_name: string | null;
  number: number | null;
  title: string;
  status: string;
  total_cost: string;
  deadline: Date | string | null;
}

const reviewOf = (r: ReviewRow): ReviewRecord => ({
  stage: r.stage,
  outcome: r.outcome,
  criteria: r.criteria,
  justification: r.justification,
  at: r.created_at,
});

const queueRowOf = (r: QueueRow): ReviewQueueRow => ({
  id: r.id,
  kind: r.kind,
  editionId: r.edition_id,
  editionName: r.edition_name,
  poolName: r.pool_name,
  areaId: r.area_id ?? null,
  areaName: r.area_name ?? null,
  number: r.number ?? null,
  title: r.title,
  status: r.status,
  totalCost: Number(r.total_cost),
  deadline: r.deadline ? new Date(r.deadline) : null,
});

/** The SQL of each kind: which projects (`now`: the parameter holding the clock's time), and the deadline they are sorted by. */
const KIND_SQL: Record<ReviewQueueKind, { where: (now: () => string) => string; deadline: string }> = {
  review: {
    where: (now) => `(p.status IN ('submitted', 'formal_review', 'merit_review') OR (p.status = 'correction_requested' AND p.correction_deadline < ${now()}))`,
    deadline: `(SELECT ph.ends_at FROM budget_phases ph WHERE ph.edition_id = p.edition_id
                  AND ph.phase = CASE WHEN p.status = 'merit_review' THEN 'merit_review' ELSE 'formal_review' END)`,
  },
  correction: { where: (now) => `(p.status = 'correction_requested' AND p.correction_deadline >= ${now()})`, deadline: `p.correction_deadline` },
  appeal: {
    where: () => `p.status = 'appealed'`,
    deadline: `(SELECT ph.ends_at FROM budget_phases ph WHERE ph.edition_id = p.edition_id AND ph.phase = 'appeals')`,
  },
};

/**
 * The SQL of `budget_reviews` and of the review queue, and the project reads and writes of the review decisions, as
 * named methods with typed rows. Methods that change data take the transaction's EntityManager; reads take one
 * optionally.
 */
@Injectable()
export class ReviewRepository {
  constructor(private readonly ds: DataSource) {}

  /** The project's support (online endorsements + paper signatures) and the support its pool requires. */
  async support(m: EntityManager, projectId: string): Promise<{ have: number; required: number }> {
    const [s] = await queryRows<{ have: number; required: number }>(
      m,
      `SELECT p.endorsements + p.paper_signatures AS have, pool.signatures_required AS required
         FROM budget_projects p JOIN budget_pools pool ON pool.id = p.pool_id WHERE p.id = $1`,
      [projectId],
    );
    return s;
  }

  /** Records a formal or merit review. */
  async insertReview(m: EntityManager, r: NewReview): Promise<void> {
    await m.query(`INSERT INTO budget_reviews (project_id, stage, outcome, reviewer_id, criteria, justification) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`, [
      r.projectId,
      r.stage,
      r.outcome,
      r.reviewerId,
      JSON.stringify(r.criteria),
      r.justification,
    ]);
  }

  /** Records an appeal decision (positive: upheld, negative: dismissed). */
  async insertAppealDecision(m: EntityManager, projectId: string, outcome: 'positive' | 'negative', reviewerId: string, justification: string): Promise<void> {
    await m.query(
      `INSERT INTO budget_reviews (project_id, stage, outcome, reviewer_id, criteria, justification) VALUES ($1, 'appeal', $2, $3, '[]'::jsonb, $4)`,
      [projectId, outcome, reviewerId, justification],
    );
  }

  /** Sets the date by which the authors may correct the project. */
  async setCorrectionDeadline(m: EntityManager, projectId: string, deadline: Date): Promise<void> {
    await m.query(`UPDATE budget_projects SET correction_deadline = $2 WHERE id = $1`, [projectId, deadline]);
  }

  /** Sets the date by which the authors may appeal the rejection. */
  async setAppealDeadline(m: EntityManager, projectId: string, deadline: Date): Promise<void> {
    await m.query(`UPDATE budget_projects SET appeal_deadline = $2 WHERE id = $1`, [projectId, deadline]);
  }

  /** Moves the project to a status. */
  async setStatus(m: EntityManager, projectId: string, status: string): Promise<void> {
    await m.query(`UPDATE budget_projects SET status = $2, updated_at = now() WHERE id = $1`, [projectId, status]);
  }

  /** The project's status; undefined when there is no such project. */
  async statusOf(projectId: string, m: EntityManager = this.ds.manager): Promise<string | undefined> {
    return (await queryOne<{ status: string }>(m, `SELECT status FROM budget_projects WHERE id = $1`, [projectId]))?.status;
  }

  /** The project's status and area (who may review it); undefined when there is no such project. */
  async statusAndArea(projectId: string, m: EntityManager = this.ds.manager): Promise<{ status: string; areaId: string | null } | undefined> {
    const r = await queryOne<{ status: string; area_id: string | null }>(m, `SELECT status, area_id FROM budget_projects WHERE id = $1`, [projectId]);
    return r && { status: r.status, areaId: r.area_id };
  }

  /** The latest decision on the project; undefined when there is none. */
  async latest(projectId: string, m: EntityManager = this.ds.manager): Promise<ReviewRecord | undefined> {
    const r = await queryOne<ReviewRow>(
      m,
      `SELECT stage, outcome, criteria, justification, created_at FROM budget_reviews WHERE project_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [projectId],
    );
    return r && reviewOf(r);
  }

  /** How many projects the review queue holds. */
  async countQueue(q: ReviewQueueQuery, m: EntityManager = this.ds.manager): Promise<number> {
    const { sql, params } = this.queueSql(q);
    return Number((await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM (${sql}) q`, params))[0].n);
  }

  /** One page of the review queue, nearest deadline first. */
  async queuePage(q: ReviewQueueQuery, limit: number, offset: number, m: EntityManager = this.ds.manager): Promise<ReviewQueueRow[]> {
    const { sql, params } = this.queueSql(q);
    const rows = await queryRows<QueueRow>(
      m,
      `SELECT q.* FROM (${sql}) q ORDER BY q.deadline ASC NULLS LAST, q.edition_name, q.number NULLS LAST, q.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return rows.map(queueRowOf);
  }

  /** How many projects the review queue holds, and the nearest deadline among them. */
  async queueSummary(q: ReviewQueueQuery, m: EntityManager = this.ds.manager): Promise<{ count: number; nextDeadline: Date | null }> {
    const { sql, params } = this.queueSql(q);
    const [r] = await queryRows<{ n: number; next: Date | null }>(m, `SELECT count(*)::int AS n, min(q.deadline) AS next FROM (${sql}) q`, params);
    return { count: Number(r.n), nextDeadline: r.next ? new Date(r.next) : null };
  }

  /** The queue's projects as one statement (a UNION ALL of the kinds) with its parameters. */
  private queueSql(q: ReviewQueueQuery): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const add = (v: unknown) => `$${params.push(v)}`;
    let nowParam: string | undefined;
    const now = () => (nowParam ??= `${add(q.now)}::timestamptz`);
    const where: string[] = [`p.status <> 'draft'`];
    if (q.areaIds !== null) {
      // Only the areas the grants cover (each with the areas inside it); none when the person has no such grant.
      where.push(`p.area_id IN ${areaTree.within(add(q.areaIds))}`);
    }
    if (q.editionId) where.push(`p.edition_id = ${add(q.editionId)}`);
    if (q.poolId) where.push(`p.pool_id = ${add(q.poolId)}`);
    if (q.areaId) {
      where.push(`p.area_id IN ${areaTree.within(`ARRAY[${add(q.areaId)}::uuid]`)}`);
    }
    const parts = q.kinds.map(
      (k) => `SELECT p.id, '${k}' AS kind, p.edition_id, e.name AS edition_name, pool.name AS pool_name, p.area_id, a.name AS area_name,
                     p.number, p.title, p.status, p.total_cost, ${KIND_SQL[k].deadline} AS deadline
                FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id JOIN budget_pools pool ON pool.id = p.pool_id
                LEFT JOIN areas a ON a.id = p.area_id
               WHERE ${[...where, KIND_SQL[k].where(now)].join(' AND ')}`,
    );
    return { sql: parts.join(' UNION ALL '), params };
  }
}
