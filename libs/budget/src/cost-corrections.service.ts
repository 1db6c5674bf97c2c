import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { isUniqueViolation, rowsOf } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { BudgetError } from './budget.errors';
import { EditionsService } from './editions.service';
import { phaseAt } from './phases';
import { assertStatusIn, UNDER_REVIEW_STATUSES } from './project-status';
import { CostItemInput, ProjectsService } from './projects.service';
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

function proposalOf(r: Record<string, unknown>): CostProposal {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    items: (r.items as Array<{ description: string; amount: number }>).map((i) => ({ description: i.description, amount: Number(i.amount) })),
    total: Number(r.total),
    previousTotal: Number(r.previous_total),
    justification: r.justification as string,
    status: r.status as CostProposal['status'],
    response: (r.response as string | null) ?? null,
    createdAt: r.created_at as Date,
    respondedAt: (r.responded_at as Date | null) ?? null,
  };
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
  ) {}

  private async lock(m: EntityManager, projectId: string) {
    const [p] = (await m.query(
      `SELECT p.id, p.status, p.area_id, p.title, p.total_cost, p.edition_id, e.name AS edition_name
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1 FOR UPDATE OF p`,
      [projectId],
    )) as Array<{ id: string; status: string; area_id: string | null; title: string; total_cost: string; edition_id: string; edition_name: string }>;
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    return p;
  }

  /** An official of the project's area proposes a corrected cost breakdown (formal or merit review phase). */
  async propose(user: AuthenticatedUser, projectId: string, input: { costItems: CostItemInput[]; justification: string }): Promise<CostProposal> {
    return this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      await this.access.assertRole(user, 'official', p.area_id, m);
      assertStatusIn(p.status, UNDER_REVIEW_STATUSES, { pl: 'objąć korektą kosztu', en: 'given a cost correction' });
      const phase = phaseAt(await this.editions.phases(m, p.edition_id), this.clock.now());
      if (phase !== 'formal_review' && phase !== 'merit_review') {
        throw BudgetError.wrongPhase({ pl: 'Proponować korektę kosztu', en: 'Proposing a cost correction' }, 'merit_review', phase);
      }
      const items = input.costItems.map((i) => ({ description: plainText(i.description), amount: i.amount }));
      const total = items.reduce((s, i) => s + i.amount, 0);
      const justification = plainText(input.justification);
      const inserted = await m
        .query(
          `INSERT INTO budget_cost_proposals (project_id, items, total, previous_total, justification, proposed_by)
           VALUES ($1, $2::jsonb, $3, $4, $5, $6) RETURNING *`,
          [projectId, JSON.stringify(items), total, p.total_cost, justification, user.id],
        )
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw BudgetError.proposalPending();
          throw err;
        });
      const [row] = rowsOf<Record<string, unknown>>(inserted);
      await this.projects.history(m, projectId, user.id, 'cost_correction_proposed', p.status, p.status, justification, {
        total,
        previousTotal: Number(p.total_cost),
      });
      await this.notifications.publish(m, {
        kind: 'project.request',
        facts: {
          editionId: p.edition_id,
          editionName: p.edition_name,
          projectId,
          title: p.title,
          request: 'cost_correction',
          reason: justification,
          total: String(total),
        },
        userIds: await this.projects.authorIds(m, projectId),
      });
      return proposalOf(row);
    });
  }

  /** An author accepts (the cost items are replaced) or refuses the pending proposal. */
  async respond(user: AuthenticatedUser, projectId: string, proposalId: string, input: { accept: boolean; response?: string }): Promise<CostProposal> {
    return this.ds.transaction(async (m) => {
      const p = await this.lock(m, projectId);
      if (!(await this.projects.authorIds(m, projectId)).includes(user.id)) throw BudgetError.notAnAuthor();
      const [row] = (await m.query(`SELECT * FROM budget_cost_proposals WHERE id = $1 AND project_id = $2 AND status = 'pending' FOR UPDATE`, [
        proposalId,
        projectId,
      ])) as Array<Record<string, unknown>>;
      if (!row) throw BudgetError.proposalNotFound();
      const proposal = proposalOf(row);
      const response = (typeof input.response === 'string' && plainText(input.response)) || null;
      if (input.accept) {
        assertStatusIn(p.status, UNDER_REVIEW_STATUSES, { pl: 'objąć korektą kosztu', en: 'given a cost correction' });
        await this.projects.writeCostItems(m, projectId, proposal.items);
      }
      const [updated] = rowsOf<Record<string, unknown>>(
        await m.query(`UPDATE budget_cost_proposals SET status = $2, response = $3, responded_by = $4, responded_at = now() WHERE id = $1 RETURNING *`, [
          proposalId,
          input.accept ? 'accepted' : 'refused',
          response,
          user.id,
        ]),
      );
      await this.projects.history(m, projectId, user.id, input.accept ? 'cost_corrected' : 'cost_correction_refused', p.status, p.status, response, {
        total: proposal.total,
        previousTotal: Number(p.total_cost),
      });
      return proposalOf(updated);
    });
  }

  /** The corrections waiting for an answer on the projects the resident authors (the "my projects" page). */
  async pendingFor(user: AuthenticatedUser): Promise<CostProposal[]> {
    const rows = (await this.ds.query(
      `SELECT c.* FROM budget_cost_proposals c JOIN budget_project_authors a ON a.project_id = c.project_id AND a.user_id = $1
        WHERE c.status = 'pending' ORDER BY c.created_at`,
      [user.id],
    )) as Array<Record<string, unknown>>;
    return rows.map(proposalOf);
  }

  /** A project's cost corrections, newest first (public with the project). */
  async list(user: AuthenticatedUser | undefined, projectId: string): Promise<CostProposal[]> {
    await this.projects.get(user, projectId);
    const rows = (await this.ds.query(`SELECT * FROM budget_cost_proposals WHERE project_id = $1 ORDER BY created_at DESC`, [projectId])) as Array<
      Record<string, unknown>
    >;
    return rows.map(proposalOf);
  }
}
