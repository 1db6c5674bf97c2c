import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import { PROJECT_CODE_SQL } from './project.repository';

/** A pool as the vote and its results name it: its name and area (null: a city-wide pool). */
export interface PoolHead {
  id: string;
  name: string;
  areaId: string | null;
}

/** A pool of an edition with its budget (grosze, as text). */
export interface PoolWithAmount extends PoolHead {
  amount: string;
}

interface PoolHeadRow {
  id: string;
  name: string;
  area_id: string | null;
}

const headOf = (r: PoolHeadRow): PoolHead => ({ id: r.id, name: r.name, areaId: r.area_id ?? null });

/**
 * The SQL of `budget_pools` and of the exclusion groups within a pool, as the vote reads them: the pools of an
 * edition, their budgets and their mutually exclusive projects; and the pool of an imported election. Every method
 * takes the caller's EntityManager, so that the vote's transactions and locks hold across them.
 */
@Injectable()
export class PoolRepository {
  /** The edition's pools, oldest first. */
  async listOfEdition(m: EntityManager, editionId: string): Promise<PoolHead[]> {
    const rows = await queryRows<PoolHeadRow>(m, `SELECT id, name, area_id FROM budget_pools WHERE edition_id = $1 ORDER BY created_at, id`, [editionId]);
    return rows.map(headOf);
  }

  /** The pools among `ids`: city-wide first, then by area and name. */
  async listByIds(m: EntityManager, ids: string[]): Promise<PoolHead[]> {
    const rows = await queryRows<PoolHeadRow>(
      m,
      `SELECT id, name, area_id FROM budget_pools WHERE id = ANY($1::uuid[]) ORDER BY area_id NULLS FIRST, lower(name)`,
      [ids],
    );
    return rows.map(headOf);
  }

  /** The pool with its budget; undefined when the pool is not in the edition. */
  async findInEdition(m: EntityManager, editionId: string, poolId: string): Promise<PoolWithAmount | undefined> {
    const r = await queryOne<PoolHeadRow & { amount: string }>(m, `SELECT id, name, area_id, amount FROM budget_pools WHERE id = $1 AND edition_id = $2`, [
      poolId,
      editionId,
    ]);
    return r && { ...headOf(r), amount: String(r.amount) };
  }

  /** The id of the pool's edition; undefined when there is no such pool. */
  async findEditionId(m: EntityManager, poolId: string): Promise<string | undefined> {
    return (await queryOne<{ edition_id: string }>(m, `SELECT edition_id FROM budget_pools WHERE id = $1`, [poolId]))?.edition_id;
  }

  /** Creates a pool of an imported election with only its name and budget (grosze, as text); its id. */
  async insertImported(m: EntityManager, editionId: string, name: string, amount: string): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(m, `INSERT INTO budget_pools (edition_id, name, amount) VALUES ($1, $2, $3) RETURNING id`, [
      editionId,
      name,
      amount,
    ]);
    return id;
  }

  /**
   * The pool's exclusion groups, each as the sorted tally codes of its projects on the ballot (or with an outcome),
   * in group order.
   */
  async listExclusionCodes(m: EntityManager, poolId: string): Promise<string[][]> {
    const rows = await queryRows<{ id: string; codes: string[] }>(
      m,
      `SELECT g.id, array_agg(${PROJECT_CODE_SQL} ORDER BY ${PROJECT_CODE_SQL}) AS codes
         FROM budget_exclusion_groups g
         JOIN budget_exclusion_members x ON x.group_id = g.id
         JOIN budget_projects p ON p.id = x.project_id AND p.status IN ('on_ballot', 'selected', 'not_selected')
        WHERE g.pool_id = $1 GROUP BY g.id ORDER BY g.id`,
      [poolId],
    );
    return rows.map((g) => g.codes);
  }
}
