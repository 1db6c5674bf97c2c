import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';

type BallotOrder = 'alphabetical' | 'lottery';

/** A published edition as the phase job sees it. */
export interface PhaseJobEdition {
  id: string;
  currentPhase: string | null;
  /** Its ballot lists have been drawn up. */
  hasBallot: boolean;
}

/** One pool's ballot list as stored: the project ids in ballot order. */
export interface StoredBallotList {
  poolId: string;
  poolName: string;
  ordering: BallotOrder;
  seed: string | null;
  createdAt: Date;
  projectIds: string[];
}

/** A project as a ballot list shows it. */
export interface BallotProject {
  id: string;
  number: number;
  title: string;
  totalCost: number;
  areaId: string | null;
}

/** A new ballot list of a pool. */
export interface NewBallotList {
  editionId: string;
  poolId: string;
  ordering: BallotOrder;
  seed: string | null;
  projectIds: string[];
}

interface PhaseJobEditionRow {
  id: string;
  current_phase: string | null;
  has_ballot: boolean;
}

interface BallotListRow {
  pool_id: string;
  pool_name: string;
  ordering: BallotOrder;
  seed: string | null;
  created_at: Date;
  project_ids: string[];
}

interface BallotProjectRow {
  id: string;
  number: number;
  title: string;
  total_cost: string;
  area_id: string | null;
}

const listOf = (r: BallotListRow): StoredBallotList => ({
  poolId: r.pool_id,
  poolName: r.pool_name,
  ordering: r.ordering,
  seed: r.seed,
  createdAt: r.created_at,
  projectIds: r.project_ids,
});

const projectOf = (p: BallotProjectRow): BallotProject => ({
  id: p.id,
  number: p.number,
  title: p.title,
  totalCost: Number(p.total_cost),
  areaId: p.area_id,
});

/**
 * The SQL of `budget_ballot_lists` and of the project rows the drawing of a list reads and moves. Methods used in a
 * transaction take its EntityManager first; the others read through the DataSource.
 */
@Injectable()
export class BallotRepository {
  constructor(private readonly ds: DataSource) {}

  /** The published editions with their recorded phase and whether their ballot lists are drawn up (the phase job's round). */
  async listPhaseJobEditions(): Promise<PhaseJobEdition[]> {
    const rows = await queryRows<PhaseJobEditionRow>(
      this.ds.manager,
      `SELECT e.id, e.current_phase, EXISTS (SELECT 1 FROM budget_ballot_lists b WHERE b.edition_id = e.id) AS has_ballot
         FROM budget_editions e WHERE e.status = 'published'`,
    );
    return rows.map((r) => ({ id: r.id, currentPhase: r.current_phase, hasBallot: r.has_ballot }));
  }

  /** Whether the edition's ballot lists have been drawn up. */
  async existsForEdition(m: EntityManager, editionId: string): Promise<boolean> {
    return (await queryOne<unknown>(m, `SELECT 1 FROM budget_ballot_lists WHERE edition_id = $1`, [editionId])) !== undefined;
  }

  /** How many projects of the edition still wait for a decision: in one of `statuses`, or rejected with an appeal still possible at `now`. */
  async countUndecided(m: EntityManager, editionId: string, statuses: string[], now: Date): Promise<number> {
    const [{ undecided }] = await queryRows<{ undecided: number }>(
      m,
      `SELECT count(*)::int AS undecided FROM budget_projects
          WHERE edition_id = $1 AND (status = ANY($2::text[]) OR (status = 'rejected' AND appeal_deadline > $3))`,
      [editionId, statuses, now],
    );
    return undecided;
  }

  /** The admitted projects of the pool, their rows locked for the rest of the transaction. */
  lockAdmittedOfPool(m: EntityManager, poolId: string): Promise<Array<{ id: string; number: number; title: string }>> {
    return queryRows<{ id: string; number: number; title: string }>(
      m,
      `SELECT id, number, title FROM budget_projects WHERE pool_id = $1 AND status = 'admitted' FOR UPDATE`,
      [poolId],
    );
  }

  /** Puts the project on the ballot at `position` (1-based). */
  async placeOnBallot(m: EntityManager, projectId: string, position: number): Promise<void> {
    await m.query(`UPDATE budget_projects SET status = 'on_ballot', ballot_position = $2, updated_at = now() WHERE id = $1`, [projectId, position]);
  }

  /** Inserts a pool's ballot list. */
  async insert(m: EntityManager, l: NewBallotList): Promise<void> {
    await m.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, seed, project_ids) VALUES ($1, $2, $3, $4, $5::uuid[])`, [
      l.editionId,
      l.poolId,
      l.ordering,
      l.seed,
      l.projectIds,
    ]);
  }

  /** The edition's ballot lists, one per pool (city-wide first, then by area and name). */
  async listForEdition(m: EntityManager, editionId: string): Promise<StoredBallotList[]> {
    const rows = await queryRows<BallotListRow>(
      m,
      `SELECT b.pool_id, pool.name AS pool_name, b.ordering, b.seed, b.created_at, b.project_ids
         FROM budget_ballot_lists b JOIN budget_pools pool ON pool.id = b.pool_id
        WHERE b.edition_id = $1 ORDER BY pool.area_id NULLS FIRST, lower(pool.name)`,
      [editionId],
    );
    return rows.map(listOf);
  }

  /** The projects with these ids as a ballot list shows them (in no particular order). */
  async findProjects(m: EntityManager, ids: string[]): Promise<BallotProject[]> {
    const rows = await queryRows<BallotProjectRow>(m, `SELECT id, number, title, total_cost, area_id FROM budget_projects WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(projectOf);
  }
}
