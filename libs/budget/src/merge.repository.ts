import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { ExclusionGroup, Merge } from './merges.service';
import type { CostItemInput } from './projects.service';

/** A project of a merge, locked for the rest of the transaction, with what the merge decides by. */
export interface MergeProject {
  id: string;
  editionId: string;
  poolId: string;
  areaId: string | null;
  status: string;
  title: string;
  editionName: string;
}

/** A merge to propose: the project that continues, the ones merged into it and the merged project's new content. */
export interface NewMerge {
  editionId: string;
  targetId: string;
  sourceIds: string[];
  title: string | null;
  summary: string | null;
  description: string | null;
  items: CostItemInput[] | null;
  justification: string;
  proposedBy: string;
}

/** A merge proposal locked for the rest of the transaction, as stored (its new content and cost items unchanged). */
export interface LockedMerge extends Omit<NewMerge, 'proposedBy'> {
  id: string;
  status: string;
}

/** A project that may join a group of mutually exclusive projects, locked for the rest of the transaction. */
export type ExclusionCandidate = Pick<MergeProject, 'id' | 'poolId' | 'areaId' | 'status'>;

interface MergeProjectRow {
  id: string;
  edition_id: string;
  pool_id: string;
  area_id: string | null;
  status: string;
  title: string;
  edition_name: string;
}

interface MergeRow {
  id: string;
  edition_id: string;
  target_id: string;
  source_ids: string[];
  title: string | null;
  summary: string | null;
  description: string | null;
  items: CostItemInput[] | null;
  justification: string;
  proposed_by: string;
  status: Merge['status'];
  created_at: Date;
  decided_at: Date | null;
}

interface ConsentRow {
  project_id: string;
  consent: boolean;
}

interface ExclusionGroupRow {
  id: string;
  pool_id: string;
  reason: string;
  created_at: Date;
  project_ids: string[];
}

const mergeProjectOf = (r: MergeProjectRow): MergeProject => ({
  id: r.id,
  editionId: r.edition_id,
  poolId: r.pool_id,
  areaId: r.area_id,
  status: r.status,
  title: r.title,
  editionName: r.edition_name,
});

const lockedMergeOf = (r: MergeRow): LockedMerge => ({
  id: r.id,
  editionId: r.edition_id,
  targetId: r.target_id,
  sourceIds: r.source_ids,
  title: r.title,
  summary: r.summary,
  description: r.description,
  items: r.items,
  justification: r.justification,
  status: r.status,
});

const mergeOf = (r: MergeRow, consents: ConsentRow[]): Merge => ({
  id: r.id,
  editionId: r.edition_id,
  targetId: r.target_id,
  sourceIds: r.source_ids,
  title: r.title ?? null,
  summary: r.summary ?? null,
  description: r.description ?? null,
  costItems: r.items ? r.items.map((i) => ({ description: i.description, amount: Number(i.amount) })) : null,
  justification: r.justification,
  status: r.status,
  consents: [r.target_id, ...r.source_ids].map((projectId) => ({
    projectId,
    consent: consents.find((c) => c.project_id === projectId)?.consent ?? null,
  })),
  createdAt: r.created_at,
  decidedAt: r.decided_at ?? null,
});

const exclusionGroupOf = (r: ExclusionGroupRow): ExclusionGroup => ({
  id: r.id,
  poolId: r.pool_id,
  projectIds: r.project_ids,
  reason: r.reason,
  createdAt: r.created_at,
});

/**
 * The SQL of `budget_merges` (with their consents) and of the groups of mutually exclusive projects, and the project
 * writes that carry out a merge, as named methods with typed rows. Methods used in a transaction take its
 * EntityManager first; reads outside one take it optionally.
 */
@Injectable()
export class MergeRepository {
  constructor(private readonly ds: DataSource) {}

  /** The projects locked in id order (concurrent proposals cannot deadlock), with their editions; unknown ids are left out. */
  async lockProjects(m: EntityManager, ids: string[]): Promise<MergeProject[]> {
    const rows = await queryRows<MergeProjectRow>(
      m,
      `SELECT p.id, p.edition_id, p.pool_id, p.area_id, p.status, p.title, e.name AS edition_name
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id
        WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
      [ids],
    );
    return rows.map(mergeProjectOf);
  }

  /** The merge with every project's consent; undefined when there is none. */
  async findView(id: string, m: EntityManager = this.ds.manager): Promise<Merge | undefined> {
    const r = await queryOne<MergeRow>(m, `SELECT * FROM budget_merges WHERE id = $1`, [id]);
    if (!r) return undefined;
    const consents = await queryRows<ConsentRow>(m, `SELECT project_id, consent FROM budget_merge_consents WHERE merge_id = $1`, [id]);
    return mergeOf(r, consents);
  }

  /** Whether one of the projects already awaits a decision on a pending merge. */
  async hasPending(m: EntityManager, projectIds: string[]): Promise<boolean> {
    const busy = await queryRows<unknown>(
      m,
      `SELECT 1 FROM budget_merges WHERE status = 'pending' AND (target_id = ANY($1::uuid[]) OR source_ids && $1::uuid[])`,
      [projectIds],
    );
    return busy.length > 0;
  }

  /** Records a merge proposal; returns its id. */
  async insert(m: EntityManager, n: NewMerge): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO budget_merges (edition_id, target_id, source_ids, title, summary, description, items, justification, proposed_by)
           VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7::jsonb, $8, $9) RETURNING id`,
      [n.editionId, n.targetId, n.sourceIds, n.title, n.summary, n.description, n.items ? JSON.stringify(n.items) : null, n.justification, n.proposedBy],
    );
    return id;
  }

  /** The areas of the projects (null: the whole city), one per project found. */
  async areasOf(projectIds: string[], m: EntityManager = this.ds.manager): Promise<Array<string | null>> {
    const rows = await queryRows<{ area_id: string | null }>(m, `SELECT area_id FROM budget_projects WHERE id = ANY($1::uuid[])`, [projectIds]);
    return rows.map((r) => r.area_id);
  }

  /** The ids of the pending merges that concern a project the person authors, oldest first. */
  async pendingIdsFor(userId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ id: string; created_at: Date }>(
      m,
      `SELECT DISTINCT m.id, m.created_at FROM budget_merges m
         JOIN budget_project_authors a ON a.user_id = $1 AND (a.project_id = m.target_id OR a.project_id = ANY(m.source_ids))
        WHERE m.status = 'pending' ORDER BY m.created_at, m.id`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** The merge locked for the rest of the transaction; undefined when there is none. */
  async lockForUpdate(m: EntityManager, id: string): Promise<LockedMerge | undefined> {
    const r = await queryOne<MergeRow>(m, `SELECT * FROM budget_merges WHERE id = $1 FOR UPDATE`, [id]);
    return r && lockedMergeOf(r);
  }

  /** The projects among these whose main author the person is. */
  async mainAuthored(m: EntityManager, projectIds: string[], userId: string): Promise<string[]> {
    const rows = await queryRows<{ project_id: string }>(
      m,
      `SELECT project_id FROM budget_project_authors WHERE project_id = ANY($1::uuid[]) AND user_id = $2 AND role = 'main'`,
      [projectIds, userId],
    );
    return rows.map((r) => r.project_id);
  }

  /** Records (or replaces) the main author's answer for one project of the merge. */
  async upsertConsent(m: EntityManager, mergeId: string, projectId: string, userId: string, consent: boolean): Promise<void> {
    await m.query(
      `INSERT INTO budget_merge_consents (merge_id, project_id, user_id, consent) VALUES ($1, $2, $3, $4)
           ON CONFLICT (merge_id, project_id) DO UPDATE SET consent = EXCLUDED.consent, user_id = EXCLUDED.user_id, at = now()`,
      [mergeId, projectId, userId, consent],
    );
  }

  /** Drops the merge (a refusal). */
  async markRefused(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE budget_merges SET status = 'refused', decided_at = now() WHERE id = $1`, [id]);
  }

  /** How many projects of the merge have their consent. */
  async countConsents(m: EntityManager, id: string): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM budget_merge_consents WHERE merge_id = $1 AND consent`, [id]);
    return n;
  }

  /** The project that continues takes the merge's new content (when given) and the merged projects' paper signatures. */
  async absorbIntoTarget(
    m: EntityManager,
    targetId: string,
    content: { title: string | null; summary: string | null; description: string | null },
    sourceIds: string[],
  ): Promise<void> {
    await m.query(
      `UPDATE budget_projects SET title = COALESCE($2, title), summary = COALESCE($3, summary), description = COALESCE($4, description),
              paper_signatures = paper_signatures + (SELECT COALESCE(sum(paper_signatures), 0) FROM budget_projects WHERE id = ANY($5::uuid[])),
              updated_at = now()
        WHERE id = $1`,
      [targetId, content.title, content.summary, content.description, sourceIds],
    );
  }

  /** The merged projects' authors become co-authors of the project that continues (those already there stay as they are). */
  async copyAuthorsAsCo(m: EntityManager, targetId: string, sourceIds: string[]): Promise<void> {
    await m.query(
      `INSERT INTO budget_project_authors (project_id, user_id, role)
       SELECT $1, user_id, 'co' FROM budget_project_authors WHERE project_id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`,
      [targetId, sourceIds],
    );
  }

  /** The merged projects' endorsements move to the project that continues, once per person, never an author's own. */
  async moveEndorsements(m: EntityManager, targetId: string, sourceIds: string[]): Promise<void> {
    await m.query(
      `INSERT INTO budget_endorsements (project_id, user_id)
       SELECT DISTINCT $1::uuid, e.user_id FROM budget_endorsements e
        WHERE e.project_id = ANY($2::uuid[]) AND NOT EXISTS (SELECT 1 FROM budget_project_authors a WHERE a.project_id = $1 AND a.user_id = e.user_id)
       ON CONFLICT DO NOTHING`,
      [targetId, sourceIds],
    );
  }

  /** Removes the endorsements of the project's own authors (the merged projects' authors became its co-authors). */
  async deleteAuthorsEndorsements(m: EntityManager, projectId: string): Promise<void> {
    await m.query(`DELETE FROM budget_endorsements e USING budget_project_authors a WHERE e.project_id = $1 AND a.project_id = $1 AND a.user_id = e.user_id`, [
      projectId,
    ]);
  }

  /** Sets the project's endorsement count to its endorsements. */
  async recountEndorsements(m: EntityManager, projectId: string): Promise<void> {
    await m.query(`UPDATE budget_projects SET endorsements = (SELECT count(*)::int FROM budget_endorsements WHERE project_id = $1) WHERE id = $1`, [projectId]);
  }

  /** Marks the merge carried out. */
  async markAccepted(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE budget_merges SET status = 'accepted', decided_at = now() WHERE id = $1`, [id]);
  }

  /** Marks a project merged into the one that continues. */
  async markMerged(m: EntityManager, projectId: string, targetId: string): Promise<void> {
    await m.query(`UPDATE budget_projects SET status = 'merged', merged_into = $2, updated_at = now() WHERE id = $1`, [projectId, targetId]);
  }

  /** The edition's projects among these, locked for the rest of the transaction; unknown ids and other editions' projects are left out. */
  async lockExclusionCandidates(m: EntityManager, projectIds: string[], editionId: string): Promise<ExclusionCandidate[]> {
    const rows = await queryRows<{ id: string; pool_id: string; area_id: string | null; status: string }>(
      m,
      `SELECT id, pool_id, area_id, status FROM budget_projects WHERE id = ANY($1::uuid[]) AND edition_id = $2 FOR UPDATE`,
      [projectIds, editionId],
    );
    return rows.map((r) => ({ id: r.id, poolId: r.pool_id, areaId: r.area_id, status: r.status }));
  }

  /** Records a group of mutually exclusive projects (without its members); returns its id. */
  async insertExclusionGroup(m: EntityManager, g: { editionId: string; poolId: string; reason: string; createdBy: string }): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO budget_exclusion_groups (edition_id, pool_id, reason, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [g.editionId, g.poolId, g.reason, g.createdBy],
    );
    return id;
  }

  /** Adds a project to a group of mutually exclusive projects. */
  async addExclusionMember(m: EntityManager, groupId: string, projectId: string): Promise<void> {
    await m.query(`INSERT INTO budget_exclusion_members (group_id, project_id) VALUES ($1, $2)`, [groupId, projectId]);
  }

  /** The group of mutually exclusive projects locked for the rest of the transaction; undefined when there is none. */
  async lockExclusionGroup(m: EntityManager, id: string): Promise<{ id: string; editionId: string } | undefined> {
    const g = await queryOne<{ id: string; edition_id: string }>(m, `SELECT id, edition_id FROM budget_exclusion_groups WHERE id = $1 FOR UPDATE`, [id]);
    return g && { id: g.id, editionId: g.edition_id };
  }

  /** The group's projects with their areas. */
  async exclusionMembers(m: EntityManager, groupId: string): Promise<Array<{ id: string; areaId: string | null }>> {
    const rows = await queryRows<{ id: string; area_id: string | null }>(
      m,
      `SELECT p.id, p.area_id FROM budget_exclusion_members x JOIN budget_projects p ON p.id = x.project_id WHERE x.group_id = $1`,
      [groupId],
    );
    return rows.map((r) => ({ id: r.id, areaId: r.area_id }));
  }

  /** Deletes the group of mutually exclusive projects (its members with it). */
  async deleteExclusionGroup(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM budget_exclusion_groups WHERE id = $1`, [id]);
  }

  /** The edition's groups of mutually exclusive projects, oldest first, each with its projects by number. */
  async listExclusions(editionId: string, m: EntityManager = this.ds.manager): Promise<ExclusionGroup[]> {
    const rows = await queryRows<ExclusionGroupRow>(
      m,
      `SELECT g.id, g.pool_id, g.reason, g.created_at, array_agg(x.project_id ORDER BY p.number) AS project_ids
         FROM budget_exclusion_groups g JOIN budget_exclusion_members x ON x.group_id = g.id JOIN budget_projects p ON p.id = x.project_id
        WHERE g.edition_id = $1 GROUP BY g.id ORDER BY g.created_at`,
      [editionId],
    );
    return rows.map(exclusionGroupOf);
  }
}
