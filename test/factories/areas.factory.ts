import { DataSource } from 'typeorm';
import type { AreaKind } from '@civitas/areas';
import type { TestApp } from '@civitas/test';

/** An area written straight to the database. */
export async function createArea(t: TestApp, a: { name: string; kind: AreaKind; parentId?: string | null; residentCount?: number }): Promise<string> {
  const rows = (await t.app
    .get(DataSource)
    .query(`INSERT INTO areas (name, kind, parent_id, resident_count) VALUES ($1, $2, $3, $4) RETURNING id`, [
      a.name,
      a.kind,
      a.parentId ?? null,
      a.residentCount ?? 0,
    ])) as Array<{ id: string }>;
  return rows[0].id;
}
