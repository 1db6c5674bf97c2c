import type { EntityManager } from 'typeorm';
import { queryRows } from './sql-rows';

/** How deep the area tree may go (city → district → estate → …); the walks below stop there, whatever the data. */
export const MAX_AREA_DEPTH = 32;

/**
 * The area tree in SQL, in one place: every query that needs the areas inside or above some areas embeds one of
 * these subqueries. `ids` is an SQL expression of type uuid[] — a parameter reference such as `$3` or
 * `ARRAY[$2::uuid]`; an area id that does not exist (or NULL) contributes nothing.
 */
export const areaTree = {
  /** `(SELECT id …)`: the areas `ids` and every area inside them. */
  within(ids: string): string {
    return `(WITH RECURSIVE within_tree (id, depth) AS (
        SELECT id, 0 FROM areas WHERE id = ANY(${ids}::uuid[])
        UNION ALL SELECT a.id, w.depth + 1 FROM areas a JOIN within_tree w ON a.parent_id = w.id WHERE w.depth < ${MAX_AREA_DEPTH})
      SELECT id FROM within_tree)`;
  },

  /** `(SELECT id …)`: the areas `ids` and every area above them. */
  above(ids: string): string {
    return `(WITH RECURSIVE above_tree (id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM areas WHERE id = ANY(${ids}::uuid[])
        UNION ALL SELECT a.id, a.parent_id, u.depth + 1 FROM areas a JOIN above_tree u ON a.id = u.parent_id WHERE u.depth < ${MAX_AREA_DEPTH})
      SELECT DISTINCT id FROM above_tree)`;
  },

  /** The area's id followed by the ids of its ancestors, nearest first (empty when there is no such area). */
  async lineage(m: EntityManager, areaId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `WITH RECURSIVE lineage (id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM areas WHERE id = $1
         UNION ALL SELECT a.id, a.parent_id, l.depth + 1 FROM areas a JOIN lineage l ON a.id = l.parent_id WHERE l.depth < $2)
       SELECT id FROM lineage ORDER BY depth`,
      [areaId, MAX_AREA_DEPTH],
    );
    return rows.map((r) => r.id);
  },
};
