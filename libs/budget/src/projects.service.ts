import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { AccessService } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { NotificationsService } from '@civitas/notifications';
import { AuthorRepository } from './author.repository';
import { BudgetError } from './budget.errors';
import type { ProjectField } from './edition-rules';
import { costRange, type Edition, EditionsService } from './editions.service';
import { Phase, phaseAt } from './phases';
import { assertMove, assertStatusIn, EDITABLE_STATUSES } from './project-status';
import { type LockedProject, type ProjectFieldsChange, ProjectRepository } from './project.repository';
import { Clock } from '@civitas/config';

export interface CostItemInput {
  description: string;
  amount: number;
}

export interface ProjectInput {
  poolId: string;
  categoryId?: string | null;
  areaId?: string | null;
  title: string;
  summary?: string;
  description?: string;
  justification?: string;
  beneficiaries?: string;
  address?: string;
  latitude?: number | null;
  longitude?: number | null;
  costItems: CostItemInput[];
}

export interface ProjectView {
  id: string;
  editionId: string;
  poolId: string;
  categoryId: string | null;
  areaId: string | null;
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
  totalCost: number;
  costItems: CostItemInput[];
  endorsements: number;
  /** Valid signatures on scanned paper support lists, as counted by an official. */
  paperSignatures: number;
  submittedAt: Date | null;
  correctionDeadline: Date | null;
  appealDeadline: Date | null;
  /** The project this one was merged into. */
  mergedInto: string | null;
  /** Its place on the pool's ballot list. */
  ballotPosition: number | null;
  /** Support collected (online endorsements + paper signatures) against the pool's requirement. */
  support: { online: number; paper: number; total: number; required: number };
  /** Groups of projects this one excludes (at most one of each group can be selected). */
  exclusiveWith: Array<{ groupId: string; projectIds: string[]; reason: string }>;
  /** Attachments the caller may see (scanned support lists: authors and officials only). */
  attachments: Array<{ id: string; kind: 'document' | 'support_list'; fileName: string; mediaType: string; size: number; createdAt: Date }>;
  authors: Array<{ userId: string; displayName: string; role: 'main' | 'co' }>;
  history: HistoryEntry[];
}

/**
 * Orders of a project list: by number (the default), random (shuffled by a seed — the same seed, the same order, so
 * paging is stable and nobody is favoured), newest submitted first, cost ascending or descending.
 */
export const PROJECT_SORTS = ['number', 'random', 'newest', 'cost_asc', 'cost_desc'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectFilter {
  poolId?: string;
  areaId?: string;
  categoryId?: string;
  status?: string;
  q?: string;
  /** `number` when not given. */
  sort?: ProjectSort;
  /** The shuffle of `random` (required for it). */
  seed?: string;
  page: number;
  pageSize: number;
}

/** A history entry as the project's page tells it: with the decision's details (criteria, totals, merges, groups). */
export interface HistoryEntry {
  at: Date;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  details?: Record<string, unknown>;
}

/** What a list shows of a project. */
export type ProjectSummary = Omit<
  ProjectView,
  'history' | 'costItems' | 'authors' | 'description' | 'justification' | 'beneficiaries' | 'support' | 'exclusiveWith' | 'attachments'
>;

/** Projects: drafts private to their authors, submission in its phase, public reading, online endorsements. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly projectsRepo: ProjectRepository,
    private readonly authorsRepo: AuthorRepository,
  ) {}

  private async phaseOf(m: EntityManager, editionId: string, at = this.clock.now()): Promise<{ current: Phase | null; submissionEnds: Date | null }> {
    const phases = await this.editions.phases(m, editionId);
    return { current: phaseAt(phases, at), submissionEnds: phases.find((p) => p.phase === 'submission')?.endsAt ?? null };
  }

  private async checkReferences(m: EntityManager, editionId: string, input: Partial<ProjectInput>): Promise<void> {
    if (input.poolId !== undefined) {
      if (!(await this.projectsRepo.poolInEdition(m, input.poolId, editionId))) throw BudgetError.poolNotFound();
    }
    if (input.categoryId) {
      if (!(await this.projectsRepo.categoryInEdition(m, input.categoryId, editionId))) throw BudgetError.categoryNotFound();
    }
    if (input.areaId) {
      if (!(await this.projectsRepo.areaExists(m, input.areaId))) throw BudgetError.areaNotFound();
    }
  }

  /** A new draft, while submission has not ended; the resident becomes its main author. */
  async createDraft(user: AuthenticatedUser, editionId: string, input: ProjectInput): Promise<ProjectView> {
    const id = await this.ds.transaction(async (m) => {
      const edition = await this.editions.get(editionId, { manager: m });
      const { current, submissionEnds } = await this.phaseOf(m, editionId);
      if (!submissionEnds || submissionEnds.getTime() <= this.clock.ms()) {
        throw BudgetError.wrongPhase({ pl: 'Tworzyć projekty', en: 'Creating projects' }, 'submission', current);
      }
      await this.checkReferences(m, edition.id, input);
      const id = await this.projectsRepo.insertDraft(m, {
        editionId,
        poolId: input.poolId,
        categoryId: input.categoryId ?? null,
        areaId: input.areaId ?? null,
        title: plainText(input.title),
        summary: plainText(input.summary ?? ''),
        description: plainText(input.description ?? ''),
        justification: plainText(input.justification ?? ''),
        beneficiaries: plainText(input.beneficiaries ?? ''),
        address: plainText(input.address ?? ''),
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        createdBy: user.id,
      });
      await this.authorsRepo.insertMain(m, id, user.id);
      await this.writeCostItems(m, id, input.costItems);
      await this.history(m, id, user.id, 'created', null, 'draft', null);
      return id;
    });
    return this.get(user, id);
  }

  /** Changes a draft (or a project sent back for correction) — its authors only. */
  async update(user: AuthenticatedUser, projectId: string, change: Partial<ProjectInput>): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockForAuthor(m, user, projectId);
      assertStatusIn(p.status, EDITABLE_STATUSES, { pl: 'zmieniać', en: 'changed' });
      await this.checkReferences(m, p.editionId, change);
      // Texts are plain text (ids and coordinates are not strings of that kind, and go as they are).
      const fields: Record<string, unknown> = { ...change };
      for (const [key, value] of Object.entries(change)) {
        if (typeof value === 'string' && !key.endsWith('Id')) fields[key] = plainText(value);
      }
      await this.projectsRepo.updateFields(m, projectId, fields as ProjectFieldsChange);
      if (change.costItems) await this.writeCostItems(m, projectId, change.costItems);
      if (p.status === 'correction_requested') await this.history(m, projectId, user.id, 'corrected', p.status, p.status, null);
    });
    return this.get(user, projectId);
  }

  /** Submits a draft: only in the submission phase, complete, within the pool's cost limits and area. */
  async submit(user: AuthenticatedUser, projectId: string): Promise<ProjectView> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockForAuthor(m, user, projectId);
      assertMove(p.status, 'submitted', { pl: 'zgłosić', en: 'submitted' });
      const { current } = await this.phaseOf(m, p.editionId);
      if (current !== 'submission') throw BudgetError.wrongPhase({ pl: 'Zgłaszać projekty', en: 'Submitting projects' }, 'submission', current);
      await this.checkComplete(m, projectId);
      const number = await this.projectsRepo.nextNumber(m, p.editionId);
      await this.projectsRepo.markSubmitted(m, projectId, number);
      await this.history(m, projectId, user.id, 'submitted', 'draft', 'submitted', null);
      await this.notify(m, projectId, 'submitted');
    });
    return this.get(user, projectId);
  }

  private async checkComplete(m: EntityManager, projectId: string): Promise<void> {
    const row = await this.projectsRepo.submissionFacts(m, projectId);
    const filled: Record<ProjectField, boolean> = {
      summary: !!row.summary.trim(),
      description: !!row.description.trim(),
      justification: !!row.justification.trim(),
      beneficiaries: !!row.beneficiaries.trim(),
      address: !!row.address.trim(),
      coordinates: row.latitude !== null && row.longitude !== null,
      category: row.categoryId !== null,
      area: row.areaId !== null,
    };
    const missing: string[] = row.rules.requiredFields.filter((f) => !filled[f]).map((f) => (f === 'category' ? 'categoryId' : f === 'area' ? 'areaId' : f));
    const total = row.totalCost;
    if (total === 0) missing.push('costItems');
    if (missing.length) throw BudgetError.incomplete(missing);
    const { min, max } = costRange(row.pool);
    const ceiling = max === null ? row.pool.amount : Math.min(max, row.pool.amount);
    if ((min !== null && total < min) || total > ceiling) throw BudgetError.costOutOfRange(total, min, ceiling);
    if (row.pool.areaId) {
      if (!row.areaId) throw BudgetError.incomplete(['areaId']);
      const lineage = await this.access.lineage(row.areaId, m);
      if (!lineage.includes(row.pool.areaId)) throw BudgetError.areaOutsidePool();
    }
  }

  /** Replaces a project's cost items and recomputes its total. */
  async writeCostItems(m: EntityManager, projectId: string, items: CostItemInput[]): Promise<void> {
    await this.projectsRepo.replaceCostItems(
      m,
      projectId,
      items.map((item) => ({ description: plainText(item.description), amount: item.amount })),
    );
  }

  private async lockForAuthor(m: EntityManager, user: AuthenticatedUser, projectId: string): Promise<LockedProject> {
    const p = await this.projectsRepo.lockForUpdate(m, projectId);
    if (!p) throw BudgetError.projectNotFound();
    if (!(await this.authorsRepo.isAuthor(m, projectId, user.id))) {
      // Another resident's draft does not exist for them; a public project exists but is not theirs to change.
      if (p.status === 'draft') throw BudgetError.projectNotFound();
      throw BudgetError.notAnAuthor();
    }
    return p;
  }

  async authorIds(m: EntityManager, projectId: string): Promise<string[]> {
    return this.authorsRepo.userIdsOf(m, projectId);
  }

  async history(
    m: EntityManager,
    projectId: string,
    actorId: string | null,
    action: string,
    from: string | null,
    to: string | null,
    reason: string | null,
    details: object = {},
  ): Promise<void> {
    await this.projectsRepo.insertHistory(m, { projectId, actorId, action, fromStatus: from, toStatus: to, reason, details });
  }

  /** Tells the authors (and, for public statuses, the edition's and area's subscribers) about a new status. */
  async notify(m: EntityManager, projectId: string, status: string, reason?: string, deadline?: Date | null): Promise<void> {
    const p = await this.projectsRepo.notice(m, projectId);
    // Subscribers hear of admissions and results; the ballot list as a whole is one announcement, not one per project.
    const announce = ['admitted', 'selected', 'not_selected'].includes(status);
    await this.notifications.publish(m, {
      kind: 'project.status_changed',
      facts: {
        editionId: p.editionId,
        editionName: p.editionName,
        projectId: p.id,
        title: p.title,
        status,
        ...(reason ? { reason } : {}),
        ...(deadline ? { deadline: deadline.toISOString() } : {}),
      },
      userIds: p.authorIds,
      ...(announce ? { topics: [`edition:${p.editionId}`], areaIds: p.areaId ? [p.areaId] : [] } : {}),
    });
  }

  /**
   * A project: drafts only to their authors and to officials. `details`: each history entry with its details (the
   * verdict per criterion, the totals of a cost correction, the projects of a merge or a group) — the project's page.
   */
  async get(user: AuthenticatedUser | undefined, projectId: string, opts: { details?: boolean } = {}): Promise<ProjectView> {
    const p = await this.projectsRepo.findById(projectId);
    if (!p) throw BudgetError.projectNotFound();
    const authors = await this.authorsRepo.listForProject(projectId);
    const isAuthor = !!user && authors.some((a) => a.userId === user.id);
    const isOfficial = !!user && !isAuthor && (await this.access.hasRole(user, 'official', p.areaId ?? null));
    if (p.status === 'draft' && !isAuthor && !isOfficial) {
      const invited = user ? await this.authorsRepo.hasPendingInvitation(projectId, user.email) : false;
      if (!invited) throw BudgetError.projectNotFound();
    }
    const costItems = await this.projectsRepo.costItems(projectId);
    const history = await this.projectsRepo.history(projectId);
    const required = await this.projectsRepo.signaturesRequired(p.poolId);
    const exclusiveWith = await this.projectsRepo.exclusiveWith(projectId);
    const attachments = await this.projectsRepo.attachments(projectId, isAuthor || isOfficial);
    const { description, justification, beneficiaries, ...summary } = p;
    const online = p.endorsements;
    const paper = p.paperSignatures;
    return {
      ...summary,
      description,
      justification,
      beneficiaries,
      costItems,
      support: { online, paper, total: online + paper, required },
      exclusiveWith,
      attachments,
      authors,
      history: history.map(({ details, ...h }) => ({ ...h, ...(opts.details ? { details } : {}) })),
    };
  }

  /**
   * The projects a resident authors or co-authors (drafts included), most recently changed first, with their role
   * and the edition's name: the "my projects" page.
   */
  async mine(user: AuthenticatedUser): Promise<Array<ProjectSummary & { role: 'main' | 'co'; editionName: string }>> {
    return this.projectsRepo.listByAuthor(user.id);
  }

  /** Public projects of a published edition (never drafts), filtered and paged. */
  /** Public projects of an edition (its id, or the edition a page has already read: not read again). */
  async list(edition: string | Edition, f: ProjectFilter): Promise<{ items: ProjectSummary[]; total: number }> {
    const editionId = typeof edition === 'string' ? (await this.editions.get(edition)).id : edition.id;
    return this.projectsRepo.listPublic(editionId, f);
  }

  /** Whether the resident has endorsed the project online (the "you support this project" of its page). */
  async hasEndorsed(user: AuthenticatedUser, projectId: string): Promise<boolean> {
    return this.projectsRepo.hasEndorsed(projectId, user.id);
  }

  /** Number and title of public projects (never drafts) by id: the other projects a page names (merges, groups). */
  async publicTitles(ids: string[]): Promise<Map<string, { number: number | null; title: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.projectsRepo.publicTitles(ids);
    return new Map(rows.map((r) => [r.id, { number: r.number ?? null, title: r.title }]));
  }

  /**
   * An online endorsement by a signed-in resident (not an author), while the project collects support (submitted,
   * in the submission or formal review phase). Repeating it, even 30 times at once, counts once.
   */
  async endorse(user: AuthenticatedUser, projectId: string): Promise<{ endorsements: number; endorsed: true }> {
    return this.ds.transaction(async (m) => {
      await this.assertCollecting(m, user, projectId);
      const inserted = await this.projectsRepo.insertEndorsement(m, projectId, user.id);
      const endorsements = await this.projectsRepo.addEndorsements(m, projectId, inserted ? 1 : 0);
      return { endorsements, endorsed: true as const };
    });
  }

  private async assertCollecting(m: EntityManager, user: AuthenticatedUser, projectId: string): Promise<void> {
    const p = await this.projectsRepo.findForEndorsement(m, projectId);
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    if (await this.authorsRepo.isAuthor(m, projectId, user.id)) throw BudgetError.ownProject();
    if (!p.rules.onlineEndorsements || !['submitted', 'formal_review', 'correction_requested'].includes(p.status)) throw BudgetError.endorsementsClosed();
    const { current } = await this.phaseOf(m, p.editionId);
    if (current !== 'submission' && current !== 'formal_review') {
      throw BudgetError.wrongPhase({ pl: 'Popierać projekty', en: 'Endorsing projects' }, 'submission', current);
    }
  }

  /** Withdraws one's endorsement while support is collected. */
  async unendorse(user: AuthenticatedUser, projectId: string): Promise<{ endorsements: number; endorsed: false }> {
    return this.ds.transaction(async (m) => {
      await this.assertCollecting(m, user, projectId);
      const deleted = await this.projectsRepo.deleteEndorsement(m, projectId, user.id);
      const endorsements = await this.projectsRepo.subtractEndorsements(m, projectId, deleted ? 1 : 0);
      return { endorsements, endorsed: false as const };
    });
  }
}
