import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { CostProposal } from './cost-corrections.service';
import type { CostItemInput } from './projects.service';

/** A cost correction to propose: the corrected items, their total and the project's total before it. */
export interface NewCostProposal {
  projectId: string;
  items: CostItemInput[];
  total: number;
  /** The project's total cost as read from the database (numeric text). */
  previousTotal: string;
  justification: string;
  proposedBy: string;
}

interface CostProposalRow {
  id: string;
  project_id: string;
  items: Array<{ description: string; amount: number }>;
  total: string;
  previous_total: string;
  justification: string;
  proposed_by: string;
  status: CostProposal['status'];
  responded_by: string | null;
  response: string | null;
  created_at: Date;
  responded_at: Date | null;
}

const proposalOf = (r: CostProposalRow): CostProposal => ({
  id: r.id,
  projectId: r.project_id,
  items: r.items.map((i) => ({ description: i.description, amount: Number(i.amount) })),
  total: Number(r.total),
  previousTotal: Number(r.previous_total),
  justification: r.justification,
  status: r.status,
  response: r.response ?? null,
  createdAt: r.created_at,
  respondedAt: r.responded_at ?? null,
});

/**
 * The SQL of `budget_cost_proposals` (an official's corrected cost breakdown and the authors' answer), as named
 * methods with typed rows. Methods used in a transaction take its EntityManager first; reads outside one take it
 * optionally.
 */
@Injectable()
export class CostProposalRepository {
  constructor(private readonly ds: DataSource) {}

  /** The project's total cost (numeric text), as the proposal records it before the correction. */
  async projectTotal(m: EntityManager, projectId: string): Promise<string> {
    const [p] = await queryRows<{ total_cost: string }>(m, `SELECT total_cost FROM budget_projects WHERE id = $1`, [projectId]);
    return p.total_cost;
  }

  /** Records a pending proposal; fails with a unique violation when the project already has one pending. */
  async insert(m: EntityManager, n: NewCostProposal): Promise<CostProposal> {
    const [row] = await queryRows<CostProposalRow>(
      m,
      `INSERT INTO budget_cost_proposals (project_id, items, total, previous_total, justification, proposed_by)
           VALUES ($1, $2::jsonb, $3, $4, $5, $6) RETURNING *`,
      [n.projectId, JSON.stringify(n.items), n.total, n.previousTotal, n.justification, n.proposedBy],
    );
    return proposalOf(row);
  }

  /** The project's pending proposal locked for the rest of the transaction; undefined when there is no such pending one. */
  async lockPending(m: EntityManager, proposalId: string, projectId: string): Promise<CostProposal | undefined> {
    const row = await queryOne<CostProposalRow>(m, `SELECT * FROM budget_cost_proposals WHERE id = $1 AND project_id = $2 AND status = 'pending' FOR UPDATE`, [
      proposalId,
      projectId,
    ]);
    return row && proposalOf(row);
  }

  /** Records the authors' answer to the proposal; returns it answered. */
  async respond(
    m: EntityManager,
    proposalId: string,
    answer: { status: 'accepted' | 'refused'; response: string | null; respondedBy: string },
  ): Promise<CostProposal> {
    const [row] = await queryRows<CostProposalRow>(
      m,
      `UPDATE budget_cost_proposals SET status = $2, response = $3, responded_by = $4, responded_at = now() WHERE id = $1 RETURNING *`,
      [proposalId, answer.status, answer.response, answer.respondedBy],
    );
    return proposalOf(row);
  }

  /** The pending proposals on the projects the person authors, oldest first. */
  async pendingForAuthor(userId: string, m: EntityManager = this.ds.manager): Promise<CostProposal[]> {
    const rows = await queryRows<CostProposalRow>(
      m,
      `SELECT c.* FROM budget_cost_proposals c JOIN budget_project_authors a ON a.project_id = c.project_id AND a.user_id = $1
        WHERE c.status = 'pending' ORDER BY c.created_at`,
      [userId],
    );
    return rows.map(proposalOf);
  }

  /** The project's proposals, newest first. */
  async listForProject(projectId: string, m: EntityManager = this.ds.manager): Promise<CostProposal[]> {
    const rows = await queryRows<CostProposalRow>(m, `SELECT * FROM budget_cost_proposals WHERE project_id = $1 ORDER BY created_at DESC`, [projectId]);
    return rows.map(proposalOf);
  }
}
