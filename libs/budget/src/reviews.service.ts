import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { BudgetError } from './budget.errors';
import type { Criterion, EditionRules } from './edition-rules';
import { EditionsService } from './editions.service';
import { Phase, phaseAt } from './phases';
import { assertMove, assertStatusIn, type ProjectStatus, REVIEWED_FROM } from './project-status';
import { ProjectsService, ProjectView } from './projects.service';
import { AuthorRepository } from './author.repository';
import { type LockedProject, ProjectRepository } from './project.repository';
import { type ReviewQueueQuery, ReviewRepository } from './review.repository';
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
    private readonly projectsRepo: ProjectRepository,
    private readonly reviewsRepo: ReviewRepository,
    private readonly authorsRepo: AuthorRepository,
  ) {}

  private async lock(m: EntityManager, projectId: string): Promise<LockedProject> {
    const p = await this.projectsRepo.lockForUpdate(m, projectId);
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    return p;
  }

  private async phase(m: EntityManager, editionId: string): Promise<Phase | null> {
    return phaseAt(await this.editions.phases(m, editionId), this.clock.now());
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
      await this.access.assertRole(user, 'official', p.areaId, m);
      const phase = await this.phase(m, p.editionId);
      const expected: Phase = input.stage === 'formal' ? 'formal_review' : 'merit_review';
      // A project whose correction deadline passed unanswered gets its formal decision without the correction.
      const lapsed = p.status === 'correction_requested' && p.correctionDeadline !== null && new Date(p.correctionDeadline).getTime() < this.clock.ms();
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
      await this.reviewsRepo.insertReview(m, { projectId, stage: input.stage, outcome: input.outcome, reviewerId: user.id, criteria, justification });
      let deadline: Date | null = null;
      if (input.outcome === 'correction') {
        deadline = new Date(this.clock.ms() + p.rules.correctionDays * DAY_MS);
        await this.reviewsRepo.setCorrectionDeadline(m, projectId, deadline);
      } else if (input.outcome === 'negative') {
        deadline = new Date(this.clock.ms() + p.rules.appealDays * DAY_MS);
        await this.reviewsRepo.setAppealDeadline(m, projectId, deadline);
      }
      await this.move(m, user.id, p, to, `${input.stage}_review`, justification, { stage: input.stage, criteria }, deadline);
    });
    return this.projects.get(user, projectId);
  }

  /** A project passes the formal review only with the support its pool requires (online + paper signatures). */
  private async checkSupport(m: EntityManager, projectId: string): Promise<void> {
    const s = await this.reviewsRepo.support(m, projectId);
    if (s.have < s.required) throw BudgetError.supportInsufficient(s.have, s.required);
  }

  /**
   * The latest decision on a project, with its verdict on each criterion: what its authors read when asked to correct
   * it or when it is rejected. Its authors only.
   */
  async latest(user: AuthenticatedUser, projectId: string): Promise<ReviewRecord | null> {
    const m = this.ds.manager;
    const status = await this.reviewsRepo.statusOf(projectId, m);
    if (status === undefined) throw BudgetError.projectNotFound();
    if (!(await this.authorsRepo.isAuthor(m, projectId, user.id))) throw status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
    return (await this.reviewsRepo.latest(projectId, m)) ?? null;
  }

  /**
   * The official's review queue across editions: the projects of their areas (a grant over an area covers the areas
   * inside it; a project of the whole city needs a grant over the whole city, as for the review itself) that wait for
   * a review, for their authors' correction or for an appeal decision; filtered, nearest deadline first, paged.
   */
  async queue(user: AuthenticatedUser, f: ReviewQueueFilter): Promise<{ rows: ReviewQueueRow[]; total: number }> {
    await this.access.assertRole(user, 'official');
    const q = this.queueQuery(user, f);
    const total = await this.reviewsRepo.countQueue(q);
    const rows = await this.reviewsRepo.queuePage(q, f.pageSize, (f.page - 1) * f.pageSize);
    return { total, rows };
  }

  /** What waits in one kind of the queue for the official: how many, and the nearest deadline (the desk's start page). */
  async queueCount(user: AuthenticatedUser, kind: ReviewQueueKind): Promise<{ count: number; nextDeadline: Date | null }> {
    return this.reviewsRepo.queueSummary(this.queueQuery(user, { kind }));
  }

  /** The queue's projects the official may see: the areas of their official (or admin) grants, every area with one over the whole city. */
  private queueQuery(user: AuthenticatedUser, f: Omit<ReviewQueueFilter, 'page' | 'pageSize'>): ReviewQueueQuery {
    const grants = user.grants.filter((g) => g.role === 'official' || g.role === 'admin');
    return {
      areaIds: grants.some((g) => g.areaId === null) ? null : grants.map((g) => g.areaId),
      kinds: f.kind ? [f.kind] : REVIEW_QUEUE_KINDS,
      editionId: f.editionId,
      poolId: f.poolId,
      areaId: f.areaId,
      now: this.clock.now(),
    };
  }

  /**
   * A project as the official reviewing it reads it (with the details of its history): officials of its area only —
   * anyone else gets the API's 403, a draft or an unknown project the 404.
   */
  async forReview(user: AuthenticatedUser, projectId: string): Promise<ProjectView> {
    const p = await this.reviewsRepo.statusAndArea(projectId);
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    await this.access.assertRole(user, 'official', p.areaId);
    return this.projects.get(user, projectId, { details: true });
  }

  /** The authors send a corrected project back to formal review, before the correction deadline. */
  async resubmit(user: AuthenticatedUser, projectId: string): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      if (!(await this.authorsRepo.isAuthor(m, projectId, user.id))) throw BudgetError.notAnAuthor();
      assertMove(p.status, 'formal_review', { pl: 'ponownie złożyć', en: 'resubmitted' });
      if (p.correctionDeadline && new Date(p.correctionDeadline).getTime() < this.clock.ms()) {
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
      if (!(await this.authorsRepo.isAuthor(m, projectId, user.id))) throw BudgetError.notAnAuthor();
      assertMove(p.status, 'appealed', { pl: 'zaskarżyć', en: 'appealed' });
      const phase = await this.phase(m, p.editionId);
      const inTime = p.appealDeadline !== null && new Date(p.appealDeadline).getTime() >= this.clock.ms();
      if (phase !== 'appeals' && !inTime) throw BudgetError.deadlinePassed({ pl: 'odwołanie', en: 'an appeal' });
      await this.move(m, user.id, p, 'appealed', 'appealed', plainText(justification), {}, null, false);
    });
    return this.projects.get(user, projectId);
  }

  /** An official decides an appeal: upheld → admitted, or dismissed. */
  async decideAppeal(user: AuthenticatedUser, projectId: string, input: { upheld: boolean; justification: string }): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      await this.access.assertRole(user, 'official', p.areaId, m);
      assertMove(p.status, input.upheld ? 'appeal_upheld' : 'appeal_dismissed', { pl: 'rozstrzygnąć odwołania', en: 'given an appeal decision' });
      const reason = plainText(input.justification);
      await this.reviewsRepo.insertAppealDecision(m, projectId, input.upheld ? 'positive' : 'negative', user.id, reason);
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
    p: LockedProject,
    to: ProjectStatus,
    action: string,
    reason: string | null,
    details: object,
    deadline: Date | null,
    notify = true,
  ): Promise<void> {
    await this.reviewsRepo.setStatus(m, p.id, to);
    await this.projects.history(m, p.id, actorId, action, p.status, to, reason, details);
    if (notify) await this.projects.notify(m, p.id, to, reason ?? undefined, deadline);
  }
}
