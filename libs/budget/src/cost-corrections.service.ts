import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { isUniqueViolation } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { BudgetError } from './budget.errors';
import { EditionsService } from './editions.service';
import { phaseAt } from './phases';
import { assertStatusIn, UNDER_REVIEW_STATUSES } from './project-status';
import { CostItemInput, ProjectsService } from './projects.service';
import { CostProposalRepository } from './cost-proposal.repository';
import { type LockedProject, ProjectRepository } from './project.repository';
import { Clock } from '@civitas/config';

export interface CostProposal {
  id: string;
  projectId: string;
  items: CostItemInput[];
  total: number;
  previousTotal: number;
  justification: string;
  status: 'pending' | 'accepted' | 'refused';
  response: string | null;
  createdAt: Date;
  respondedAt: Date | null;
}

/**
 * Cost corrections: during the reviews an official proposes a corrected cost breakdown (e.g. the city's unit prices);
 * the authors accept it — the project's cost items are replaced — or refuse it, and the official then decides on the
 * cost criterion. One proposal at a time; every step goes to the project's history.
 */
@Injectable()
export class CostCorrectionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly projectsRepo: ProjectRepository,
    private readonly proposalsRepo: CostProposalRepository,
  ) {}

  /** Locks the project, with its total cost before any correction (numeric text). */
  private async lock(m: EntityManager, projectId: string): Promise<LockedProject & { totalCost: string }> {
    const p = await this.projectsRepo.lockForUpdate(m, projectId);
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    return { ...p, totalCost: await this.proposalsRepo.projectTotal(m, projectId) };
  }

  /** An official of the project's area proposes a corrected cost breakdown (formal or merit review phase). */
  async propose(user: AuthenticatedUser, projectId: string, input: { costItems: CostItemInput[]; justification: string }): Promise<CostProposal> {
    return this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      await this.access.assertRole(user, 'official', p.areaId, m);
      assertStatusIn(p.status, UNDER_REVIEW_STATUSES, { pl: 'objąć korektą kosztu', en: 'given a cost correction' });
      const phase = phaseAt(await this.editions.phases(m, p.editionId), this.clock.now());
      if (phase !== 'formal_review' && phase !== 'merit_review') {
        throw BudgetError.wrongPhase({ pl: 'Proponować korektę kosztu', en: 'Proposing a cost correction' }, 'merit_review', phase);
      }
      const items = input.costItems.map((i) => ({ description: plainText(i.description), amount: i.amount }));
      const total = items.reduce((s, i) => s + i.amount, 0);
      const justification = plainText(input.justification);
      const proposal = await this.proposalsRepo
        .insert(m, { projectId, items, total, previousTotal: p.totalCost, justification, proposedBy: user.id })
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw BudgetError.proposalPending();
          throw err;
        });
      await this.projects.history(m, projectId, user.id, 'cost_correction_proposed', p.status, p.status, justification, {
        total,
        previousTotal: Number(p.totalCost),
      });
      await this.notifications.publish(m, {
        kind: 'project.request',
        facts: {
          editionId: p.editionId,
          editionName: p.editionName,
          projectId,
          title: p.title,
          request: 'cost_correction',
          reason: justification,
          total: String(total),
        },
        userIds: await this.projects.authorIds(m, projectId),
      });
      return proposal;
    });
  }

  /** An author accepts (the cost items are replaced) or refuses the pending proposal. */
  async respond(user: AuthenticatedUser, projectId: string, proposalId: string, input: { accept: boolean; response?: string }): Promise<CostProposal> {
    return this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      if (!(await this.projects.authorIds(m, projectId)).includes(user.id)) throw BudgetError.notAnAuthor();
      const proposal = await this.proposalsRepo.lockPending(m, proposalId, projectId);
      if (!proposal) throw BudgetError.proposalNotFound();
      const response = (typeof input.response === 'string' && plainText(input.response)) || null;
      if (input.accept) {
        assertStatusIn(p.status, UNDER_REVIEW_STATUSES, { pl: 'objąć korektą kosztu', en: 'given a cost correction' });
        await this.projects.writeCostItems(m, projectId, proposal.items);
      }
      const updated = await this.proposalsRepo.respond(m, proposalId, { status: input.accept ? 'accepted' : 'refused', response, respondedBy: user.id });
      await this.projects.history(m, projectId, user.id, input.accept ? 'cost_corrected' : 'cost_correction_refused', p.status, p.status, response, {
        total: proposal.total,
        previousTotal: Number(p.totalCost),
      });
      return updated;
    });
  }

  /** The corrections waiting for an answer on the projects the resident authors (the "my projects" page). */
  async pendingFor(user: AuthenticatedUser): Promise<CostProposal[]> {
    return this.proposalsRepo.pendingForAuthor(user.id);
  }

  /** A project's cost corrections, newest first (public with the project). */
  async list(user: AuthenticatedUser | undefined, projectId: string): Promise<CostProposal[]> {
    await this.projects.get(user, projectId);
    return this.proposalsRepo.listForProject(projectId);
  }
}
