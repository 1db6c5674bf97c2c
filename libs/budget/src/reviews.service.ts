import { Injectable } from '@nestjs/common';
import { areaTree } from '@civitas/database';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { BudgetError } from './budget.errors';
import type { Criterion, EditionRules } from './edition-rules';
import { EditionsService } from './editions.service';
import { Phase, phaseAt } from './phases';
import { assertMove, assertStatusIn, type ProjectStatus, REVIEWED_FROM } from './project-status';
import { ProjectsService, ProjectView } from './projects.service';
import { Clock } from '@civitas/config';

export interface CriterionVerdict {
  criterion: Criterion;
  met: boolean;
  justification: string;
}

export interface ReviewInput {
  stage: 'formal' | 'merit';
  outcome: 'positive' | 'negative' | 'correction';
  criteria: CriterionVerdict[];
  /** The decision's public justification, sent to the authors. */
  justification: string;
}

/** A recorded decision (formal, merit or appeal) as its authors read it. */
export interface ReviewRecord {
  stage: 'formal' | 'merit' | 'appeal';
  outcome: 'positive' | 'negative' | 'correction';
  criteria: CriterionVerdict[];
  justification: string;
  at: Date;
}

interface Locked {
  id: string;
  edition_id: string;
  area_id: string | null;
  status: string;
  rules: EditionRules;
  correction_deadline: Date | null;
  appeal_deadline: Date | null;
}

const DAY_MS = 24 * 3600_000;

/** What an official's review queue holds: projects to review, corrections waiting on their authors, appeals to decide. */
export const REVIEW_QUEUE_KINDS = ['review', 'correction', 'appeal'] as const;
export type ReviewQueueKind = (typeof REVIEW_QUEUE_KINDS)[number];

export interface ReviewQueueFilter {
  /** One kind, or every kind when absent. */
  kind?: ReviewQueueKind;
  editionId?: string;
  poolId?: string;
  /** The area and the areas inside it. */
  areaId?: string;
  page: number;
  pageSize: number;
}

/** One row of the review queue, with the deadline it is sorted by. */
export interface ReviewQueueRow {
  id: string;
  kind: ReviewQueueKind;
  editionId: string;
  editionName: string;
  poolName: string;
  areaId: string | null;
  areaName: string | null;
  number: number | null;
  title: string;
  status: string;
  totalCost: number;
  /**
   * Review: the end of the review phase it is due in; correction: the authors' correction deadline; appeal: the end
   * of the appeals phase.
   */
  deadline: Date | null;
}

/** The SQL of each kind: which projects, and the deadline they are sorted by. */
const KIND_SQL: Record<ReviewQueueKind, { where: string; deadline: string }> = {
  review: {
    where: `(p.status IN ('submitted', 'formal_review', 'merit_review') OR (p.status = 'correction_requested' AND p.correction_deadline < now()))`,
    deadline: `(SELECT ph.ends_at FROM budget_phases ph WHERE ph.edition_id = p.edition_id
                  AND ph.phase = CASE WHEN p.status = 'merit_review' THEN 'merit_review' ELSE 'formal_review' END)`,
  },
  correction: { where: `(p.status = 'correction_requested' AND p.correction_deadline >= now())`, deadline: `p.correction_deadline` },
  appeal: {
    where: `p.status = 'appealed'`,
    deadline: `(SELECT ph.ends_at FROM budget_phases ph WHERE ph.edition_id = p.edition_id AND ph.phase = 'appeals')`,
  },
};

/**
 * Reviews and appeals (DESIGN §4.3): formal review (⇄ correction requested) → merit review → admitted | rejected →
 * appealed → appeal upheld (→ admitted) | appeal dismissed. Each decision records a verdict and a justification
 * per criterion, goes to the append-only history and is mailed to the authors with its reason.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  private async lock(m: EntityManager, projectId: string): Promise<Locked> {
    const [p] = (await m.query(
      `SELECT p.id, p.edition_id, p.area_id, p.status, p.correction_deadline, p.appeal_deadline, e.rules
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1 FOR UPDATE OF p`,
      [projectId],
    )) as Locked[];
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    return p;
  }

  private async phase(m: EntityManager, editionId: string): Promise<Phase | null> {
    return phaseAt(await this.editions.phases(m, editionId), this.clock.now());
  }

  private async isAuthor(m: EntityManager, projectId: string, userId: string): Promise<boolean> {
    return ((await m.query(`SELECT 1 FROM budget_project_authors WHERE project_id = $1 AND user_id = $2`, [projectId, userId])) as unknown[]).length > 0;
  }

  private checkCriteria(rules: EditionRules, criteria: CriterionVerdict[], outcome: ReviewInput['outcome']): void {
    const given = criteria.map((c) => c.criterion);
    if (given.length !== rules.criteria.length || !rules.criteria.every((c) => given.includes(c))) throw BudgetError.criteriaMismatch(rules.criteria);
    const allMet = criteria.every((c) => c.met);
    if ((outcome === 'positive') !== allMet) throw BudgetError.inconsistentReview();
  }

  /** An official's review (limited to the project's area when the role is). */
  async review(user: AuthenticatedUser, projectId: string, input: ReviewInput): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      await this.access.assertRole(user, 'official', p.area_id, m);
      const phase = await this.phase(m, p.edition_id);
      const expected: Phase = input.stage === 'formal' ? 'formal_review' : 'merit_review';
      // A project whose correction deadline passed unanswered gets its formal decision without the correction.
      const lapsed = p.status === 'correction_requested' && p.correction_deadline !== null && new Date(p.correction_deadline).getTime() < this.clock.ms();
      const to: ProjectStatus =
        input.outcome === 'correction'
          ? 'correction_requested'
          : input.outcome === 'negative'
            ? 'rejected'
            : input.stage === 'formal'
              ? 'merit_review'
              : 'admitted';
      const act = { pl: 'ocenić w tym trybie', en: `reviewed (${input.stage}, ${input.outcome})` };
      // A merit review does not ask for corrections; a correction request is decided only once its deadline has passed.
      if (input.stage === 'merit' && input.outcome === 'correction') throw BudgetError.invalidTransition(p.status, act);
      if (p.status === 'correction_requested' && !lapsed) throw BudgetError.invalidTransition(p.status, act);
      assertStatusIn(p.status, REVIEWED_FROM[input.stage], act);
      assertMove(p.status, to, act);
      if (phase !== expected) {
        throw BudgetError.wrongPhase({ pl: 'Oceniać projekty w tym trybie', en: `A ${input.stage} review` }, expected, phase);
      }
      this.checkCriteria(p.rules, input.criteria, input.outcome);
      if (input.stage === 'formal' && input.outcome === 'positive') await this.checkSupport(m, projectId);
      const justification = plainText(input.justification);
      const criteria = input.criteria.map((c) => ({ criterion: c.criterion, met: c.met, justification: plainText(c.justification) }));
      await m.query(`INSERT INTO budget_reviews (project_id, stage, outcome, reviewer_id, criteria, justification) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`, [
        projectId,
        input.stage,
        input.outcome,
        user.id,
        JSON.stringify(criteria),
        justification,
      ]);
      let deadline: Date | null = null;
      if (input.outcome === 'correction') {
        deadline = new Date(this.clock.ms() + p.rules.correctionDays * DAY_MS);
        await m.query(`UPDATE budget_projects SET correction_deadline = $2 WHERE id = $1`, [projectId, deadline]);
      } else if (input.outcome === 'negative') {
        deadline = new Date(this.clock.ms() + p.rules.appealDays * DAY_MS);
        await m.query(`UPDATE budget_projects SET appeal_deadline = $2 WHERE id = $1`, [projectId, deadline]);
      }
      await this.move(m, user.id, p, to, `${input.stage}_review`, justification, { stage: input.stage, criteria }, deadline);
    });
    return this.projects.get(user, projectId);
  }

  /** A project passes the formal review only with the support its pool requires (online + paper signatures). */
  private async checkSupport(m: EntityManager, projectId: string): Promise<void> {
    const [s] = (await m.query(
      `SELECT p.endorsements + p.paper_signatures AS have, pool.signatures_required AS required
         FROM budget_projects p JOIN budget_pools pool ON pool.id = p.pool_id WHERE p.id = $1`,
      [projectId],
    )) as Array<{ have: number; required: number }>;
    if (s.have < s.required) throw BudgetError.supportInsufficient(s.have, s.required);
  }

  /**
   * The latest decision on a project, with its verdict on each criterion: what its authors read when asked to correct
   * it or when it is rejected. Its authors only.
   */
  async latest(user: AuthenticatedUser, projectId: string): Promise<ReviewRecord | null> {
    const m = this.ds.manager;
    const [p] = (await m.query(`SELECT status FROM budget_projects WHERE id = $1`, [projectId])) as Array<{ status: string }>;
    if (!p) throw BudgetError.projectNotFound();
    if (!(await this.isAuthor(m, projectId, user.id))) throw p.status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
    const [r] = (await m.query(
      `SELECT stage, outcome, criteria, justification, created_at FROM budget_reviews WHERE project_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [projectId],
    )) as Array<{ stage: ReviewRecord['stage']; outcome: ReviewRecord['outcome']; criteria: CriterionVerdict[]; justification: string; created_at: Date }>;
    return r ? { stage: r.stage, outcome: r.outcome, criteria: r.criteria, justification: r.justification, at: r.created_at } : null;
  }

  /**
   * The official's review queue across editions: the projects of their areas (a grant over an area covers the areas
   * inside it; a project of the whole city needs a grant over the whole city, as for the review itself) that wait for
   * a review, for their authors' correction or for an appeal decision; filtered, nearest deadline first, paged.
   */
  async queue(user: AuthenticatedUser, f: ReviewQueueFilter): Promise<{ rows: ReviewQueueRow[]; total: number }> {
    await this.access.assertRole(user, 'official');
    const { sql, params } = this.queueSql(user, f);
    const total = Number(((await this.ds.query(`SELECT count(*)::int AS n FROM (${sql}) q`, params)) as Array<{ n: number }>)[0].n);
    const rows = (await this.ds.query(
      `SELECT q.* FROM (${sql}) q ORDER BY q.deadline ASC NULLS LAST, q.edition_name, q.number NULLS LAST, q.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    )) as Array<Record<string, unknown>>;
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id as string,
        kind: r.kind as ReviewQueueKind,
        editionId: r.edition_id as string,
        editionName: r.edition_name as string,
        poolName: r.pool_name as string,
        areaId: (r.area_id as string | null) ?? null,
        areaName: (r.area_name as string | null) ?? null,
        number: (r.number as number | null) ?? null,
        title: r.title as string,
        status: r.status as string,
        totalCost: Number(r.total_cost),
        deadline: r.deadline ? new Date(r.deadline as string) : null,
      })),
    };
  }

  /** What waits in one kind of the queue for the official: how many, and the nearest deadline (the desk's start page). */
  async queueCount(user: AuthenticatedUser, kind: ReviewQueueKind): Promise<{ count: number; nextDeadline: Date | null }> {
    const { sql, params } = this.queueSql(user, { kind });
    const [r] = (await this.ds.query(`SELECT count(*)::int AS n, min(q.deadline) AS next FROM (${sql}) q`, params)) as Array<{ n: number; next: Date | null }>;
    return { count: Number(r.n), nextDeadline: r.next ? new Date(r.next) : null };
  }

  private queueSql(user: AuthenticatedUser, f: Omit<ReviewQueueFilter, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const add = (v: unknown) => `$${params.push(v)}`;
    const grants = user.grants.filter((g) => g.role === 'official' || g.role === 'admin');
    const where: string[] = [`p.status <> 'draft'`];
    if (!grants.some((g) => g.areaId === null)) {
      // Only the areas the grants cover (each with the areas inside it); none when the person has no such grant.
      where.push(`p.area_id IN ${areaTree.within(add(grants.map((g) => g.areaId)))}`);
    }
    if (f.editionId) where.push(`p.edition_id = ${add(f.editionId)}`);
    if (f.poolId) where.push(`p.pool_id = ${add(f.poolId)}`);
    if (f.areaId) {
      where.push(`p.area_id IN ${areaTree.within(`ARRAY[${add(f.areaId)}::uuid]`)}`);
    }
    const kinds = f.kind ? [f.kind] : REVIEW_QUEUE_KINDS;
    const parts = kinds.map(
      (k) => `SELECT p.id, '${k}' AS kind, p.edition_id, e.name AS edition_name, pool.name AS pool_name, p.area_id, a.name AS area_name,
                     p.number, p.title, p.status, p.total_cost, ${KIND_SQL[k].deadline} AS deadline
                FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id JOIN budget_pools pool ON pool.id = p.pool_id
                LEFT JOIN areas a ON a.id = p.area_id
               WHERE ${[...where, KIND_SQL[k].where].join(' AND ')}`,
    );
    return { sql: parts.join(' UNION ALL '), params };
  }

  /**
   * A project as the official reviewing it reads it (with the details of its history): officials of its area only —
   * anyone else gets the API's 403, a draft or an unknown project the 404.
   */
  async forReview(user: AuthenticatedUser, projectId: string): Promise<ProjectView> {
    const [p] = (await this.ds.query(`SELECT status, area_id FROM budget_projects WHERE id = $1`, [projectId])) as Array<{
      status: string;
      area_id: string | null;
    }>;
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    await this.access.assertRole(user, 'official', p.area_id);
    return this.projects.get(user, projectId, { details: true });
  }

  /** The authors send a corrected project back to formal review, before the correction deadline. */
  async resubmit(user: AuthenticatedUser, projectId: string): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      if (!(await this.isAuthor(m, projectId, user.id))) throw BudgetError.notAnAuthor();
      assertMove(p.status, 'formal_review', { pl: 'ponownie złożyć', en: 'resubmitted' });
      if (p.correction_deadline && new Date(p.correction_deadline).getTime() < this.clock.ms()) {
        throw BudgetError.deadlinePassed({ pl: 'poprawki', en: 'corrections' });
      }
      await this.move(m, user.id, p, 'formal_review', 'resubmitted', null, {}, null, false);
    });
    return this.projects.get(user, projectId);
  }

  /** The authors appeal a rejection: in the appeals phase, or before the appeal deadline set with the rejection. */
  async appeal(user: AuthenticatedUser, projectId: string, justification: string): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      if (!(await this.isAuthor(m, projectId, user.id))) throw BudgetError.notAnAuthor();
      assertMove(p.status, 'appealed', { pl: 'zaskarżyć', en: 'appealed' });
      const phase = await this.phase(m, p.edition_id);
      const inTime = p.appeal_deadline !== null && new Date(p.appeal_deadline).getTime() >= this.clock.ms();
      if (phase !== 'appeals' && !inTime) throw BudgetError.deadlinePassed({ pl: 'odwołanie', en: 'an appeal' });
      await this.move(m, user.id, p, 'appealed', 'appealed', plainText(justification), {}, null, false);
    });
    return this.projects.get(user, projectId);
  }

  /** An official decides an appeal: upheld → admitted, or dismissed. */
  async decideAppeal(user: AuthenticatedUser, projectId: string, input: { upheld: boolean; justification: string }): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      await this.access.assertRole(user, 'official', p.area_id, m);
      assertMove(p.status, input.upheld ? 'appeal_upheld' : 'appeal_dismissed', { pl: 'rozstrzygnąć odwołania', en: 'given an appeal decision' });
      const reason = plainText(input.justification);
      await m.query(
        `INSERT INTO budget_reviews (project_id, stage, outcome, reviewer_id, criteria, justification) VALUES ($1, 'appeal', $2, $3, '[]'::jsonb, $4)`,
        [projectId, input.upheld ? 'positive' : 'negative', user.id, reason],
      );
      if (input.upheld) {
        await this.projects.history(m, projectId, user.id, 'appeal_upheld', 'appealed', 'appeal_upheld', reason);
        await this.move(m, user.id, { ...p, status: 'appeal_upheld' }, 'admitted', 'admitted_on_appeal', reason, {}, null);
      } else {
        await this.move(m, user.id, p, 'appeal_dismissed', 'appeal_dismissed', reason, {}, null);
      }
    });
    return this.projects.get(user, projectId);
  }

  private async move(
    m: EntityManager,
    actorId: string,
    p: Locked,
    to: ProjectStatus,
    action: string,
    reason: string | null,
    details: object,
    deadline: Date | null,
    notify = true,
  ): Promise<void> {
    await m.query(`UPDATE budget_projects SET status = $2, updated_at = now() WHERE id = $1`, [p.id, to]);
    await this.projects.history(m, p.id, actorId, action, p.status, to, reason, details);
    if (notify) await this.projects.notify(m, p.id, to, reason ?? undefined, deadline);
  }
}
