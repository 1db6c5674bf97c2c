import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { rowsOf } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { BudgetError } from './budget.errors';
import { EditionsService } from './editions.service';
import { PHASES, phaseAt } from './phases';
import { OUT_OF_RUNNING_STATUSES, statusIn, UNDER_REVIEW_STATUSES } from './project-status';
import { CostItemInput, ProjectsService } from './projects.service';
import { Clock } from '@civitas/config';

export interface MergeInput {
  /** The first project continues (the target); the others are merged into it. */
  projectIds: string[];
  title?: string;
  summary?: string;
  description?: string;
  costItems?: CostItemInput[];
  justification: string;
}

export interface Merge {
  id: string;
  editionId: string;
  targetId: string;
  sourceIds: string[];
  title: string | null;
  summary: string | null;
  description: string | null;
  costItems: CostItemInput[] | null;
  justification: string;
  status: 'pending' | 'accepted' | 'refused';
  /** One entry per project: its main author's answer, or null while unanswered. */
  consents: Array<{ projectId: string; consent: boolean | null }>;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface ExclusionGroup {
  id: string;
  poolId: string;
  projectIds: string[];
  reason: string;
  createdAt: Date;
}

interface Locked {
  id: string;
  edition_id: string;
  pool_id: string;
  area_id: string | null;
  status: string;
  title: string;
  edition_name: string;
}

/**
 * Merges and mutually exclusive projects (DESIGN §4.3). An official proposes to merge projects of one pool (e.g.
 * two playgrounds on the same square); the merge happens only when the main author of every project consents, and
 * is dropped at the first refusal. The merged projects' authors, endorsements and paper signatures move to the
 * project that continues. Projects that cannot both be carried out (the same plot) are marked mutually exclusive;
 * the tally then never selects two of a group.
 */
@Injectable()
export class MergesService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Locks the projects (in id order, so that concurrent proposals cannot deadlock) and returns them in `ids` order. */
  private async lockAll(m: EntityManager, editionId: string, ids: string[]): Promise<Locked[]> {
    const rows = (await m.query(
      `SELECT p.id, p.edition_id, p.pool_id, p.area_id, p.status, p.title, e.name AS edition_name
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id
        WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
      [ids],
    )) as Locked[];
    const byId = new Map(rows.filter((r) => r.status !== 'draft' && r.edition_id === editionId).map((r) => [r.id, r]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) {
      throw BudgetError.mergeInvalid({ pl: 'Nie ma takich projektów w tej edycji.', en: 'There are no such projects in this edition.' });
    }
    return ids.map((id) => byId.get(id)!);
  }

  private distinct(ids: string[]): void {
    if (new Set(ids).size !== ids.length) {
      throw BudgetError.mergeInvalid({ pl: 'Każdy projekt można podać tylko raz.', en: 'Each project can be given only once.' });
    }
  }

  private async mergeOf(m: EntityManager, id: string): Promise<Merge> {
    const [r] = (await m.query(`SELECT * FROM budget_merges WHERE id = $1`, [id])) as Array<Record<string, unknown>>;
    if (!r) throw BudgetError.mergeNotFound();
    const consents = (await m.query(`SELECT project_id, consent FROM budget_merge_consents WHERE merge_id = $1`, [id])) as Array<{
      project_id: string;
      consent: boolean;
    }>;
    const all = [r.target_id as string, ...(r.source_ids as string[])];
    return {
      id: r.id as string,
      editionId: r.edition_id as string,
      targetId: r.target_id as string,
      sourceIds: r.source_ids as string[],
      title: (r.title as string | null) ?? null,
      summary: (r.summary as string | null) ?? null,
      description: (r.description as string | null) ?? null,
      costItems: r.items ? (r.items as CostItemInput[]).map((i) => ({ description: i.description, amount: Number(i.amount) })) : null,
      justification: r.justification as string,
      status: r.status as Merge['status'],
      consents: all.map((projectId) => ({ projectId, consent: consents.find((c) => c.project_id === projectId)?.consent ?? null })),
      createdAt: r.created_at as Date,
      decidedAt: (r.decided_at as Date | null) ?? null,
    };
  }

  /** An official (of every project's area) proposes a merge during the formal or merit review. */
  async propose(user: AuthenticatedUser, editionId: string, input: MergeInput): Promise<Merge> {
    this.distinct(input.projectIds);
    const id = await this.ds.transaction(async (m) => {
      await this.editions.get(editionId, { manager: m });
      const projects = await this.lockAll(m, editionId, input.projectIds);
      for (const p of projects) await this.access.assertRole(user, 'official', p.area_id, m);
      if (new Set(projects.map((p) => p.pool_id)).size > 1) {
        throw BudgetError.mergeInvalid({ pl: 'Łączyć można tylko projekty z tej samej puli.', en: 'Only projects of the same pool can be merged.' });
      }
      const closed = projects.find((p) => !statusIn(p.status, UNDER_REVIEW_STATUSES));
      if (closed) throw BudgetError.invalidTransition(closed.status, { pl: 'połączyć z innym', en: 'merged' });
      const phase = phaseAt(await this.editions.phases(m, editionId), this.clock.now());
      if (phase !== 'formal_review' && phase !== 'merit_review') {
        throw BudgetError.wrongPhase({ pl: 'Łączyć projekty', en: 'Merging projects' }, 'merit_review', phase);
      }
      const busy = (await m.query(`SELECT 1 FROM budget_merges WHERE status = 'pending' AND (target_id = ANY($1::uuid[]) OR source_ids && $1::uuid[])`, [
        input.projectIds,
      ])) as unknown[];
      if (busy.length) {
        throw BudgetError.mergeInvalid({
          pl: 'Jeden z projektów czeka już na decyzję w sprawie innego połączenia.',
          en: 'One of the projects already awaits a decision on another merge.',
        });
      }
      const [target, ...sources] = projects;
      const justification = plainText(input.justification);
      const items = input.costItems?.map((i) => ({ description: plainText(i.description), amount: i.amount })) ?? null;
      const [{ id }] = rowsOf<{ id: string }>(
        await m.query(
          `INSERT INTO budget_merges (edition_id, target_id, source_ids, title, summary, description, items, justification, proposed_by)
           VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7::jsonb, $8, $9) RETURNING id`,
          [
            editionId,
            target.id,
            sources.map((s) => s.id),
            typeof input.title === 'string' ? plainText(input.title) : null,
            typeof input.summary === 'string' ? plainText(input.summary) : null,
            typeof input.description === 'string' ? plainText(input.description) : null,
            items ? JSON.stringify(items) : null,
            justification,
            user.id,
          ],
        ),
      );
      for (const p of projects) {
        await this.projects.history(m, p.id, user.id, 'merge_proposed', p.status, p.status, justification, { mergeId: id, projectIds: input.projectIds });
        await this.notifications.publish(m, {
          kind: 'project.request',
          facts: { editionId, editionName: p.edition_name, projectId: p.id, title: p.title, request: 'merge', reason: justification },
          userIds: await this.projects.authorIds(m, p.id),
        });
      }
      return id;
    });
    return this.mergeOf(this.ds.manager, id);
  }

  /** A merge, for the authors of its projects and for the officials of their areas (admins included). */
  async get(user: AuthenticatedUser, mergeId: string): Promise<Merge> {
    const merge = await this.mergeOf(this.ds.manager, mergeId);
    const ids = [merge.targetId, ...merge.sourceIds];
    const author = (await this.ds.query(`SELECT 1 FROM budget_project_authors WHERE project_id = ANY($1::uuid[]) AND user_id = $2`, [
      ids,
      user.id,
    ])) as unknown[];
    if (author.length) return merge;
    const areas = (await this.ds.query(`SELECT area_id FROM budget_projects WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ area_id: string | null }>;
    for (const a of areas) if (await this.access.hasRole(user, 'official', a.area_id)) return merge;
    throw BudgetError.mergeNotFound();
    return merge;
  }

  /** The merges awaiting consent that concern a project the resident authors (the "my projects" page). */
  async pendingFor(user: AuthenticatedUser): Promise<Merge[]> {
    const rows = (await this.ds.query(
      `SELECT DISTINCT m.id, m.created_at FROM budget_merges m
         JOIN budget_project_authors a ON a.user_id = $1 AND (a.project_id = m.target_id OR a.project_id = ANY(m.source_ids))
        WHERE m.status = 'pending' ORDER BY m.created_at, m.id`,
      [user.id],
    )) as Array<{ id: string }>;
    const out: Merge[] = [];
    for (const r of rows) out.push(await this.mergeOf(this.ds.manager, r.id));
    return out;
  }

  /**
   * The main author of a project in the merge gives or refuses consent for it. A refusal drops the merge; the last
   * consent carries it out.
   */
  async consent(user: AuthenticatedUser, mergeId: string, consent: boolean): Promise<Merge> {
    await this.ds.transaction(async (m) => {
      const [merge] = (await m.query(`SELECT * FROM budget_merges WHERE id = $1 FOR UPDATE`, [mergeId])) as Array<Record<string, unknown>>;
      if (!merge) throw BudgetError.mergeNotFound();
      const ids = [merge.target_id as string, ...(merge.source_ids as string[])];
      const mine = (
        (await m.query(`SELECT project_id FROM budget_project_authors WHERE project_id = ANY($1::uuid[]) AND user_id = $2 AND role = 'main'`, [
          ids,
          user.id,
        ])) as Array<{ project_id: string }>
      ).map((r) => r.project_id);
      if (!mine.length) {
        const any = (await m.query(`SELECT 1 FROM budget_project_authors WHERE project_id = ANY($1::uuid[]) AND user_id = $2`, [ids, user.id])) as unknown[];
        if (!any.length) throw BudgetError.mergeNotFound();
        throw BudgetError.notAnAuthor();
      }
      if (merge.status !== 'pending') throw BudgetError.invalidTransition(merge.status as string, { pl: 'zmienić (połączenie)', en: 'changed (a merge)' });
      for (const projectId of mine) {
        await m.query(
          `INSERT INTO budget_merge_consents (merge_id, project_id, user_id, consent) VALUES ($1, $2, $3, $4)
           ON CONFLICT (merge_id, project_id) DO UPDATE SET consent = EXCLUDED.consent, user_id = EXCLUDED.user_id, at = now()`,
          [mergeId, projectId, user.id, consent],
        );
        await this.projects.history(m, projectId, user.id, consent ? 'merge_consented' : 'merge_refused', null, null, null, { mergeId });
      }
      if (!consent) {
        await m.query(`UPDATE budget_merges SET status = 'refused', decided_at = now() WHERE id = $1`, [mergeId]);
        return;
      }
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM budget_merge_consents WHERE merge_id = $1 AND consent`, [mergeId])) as Array<{
        n: number;
      }>;
      if (n === ids.length) await this.apply(m, user, merge);
    });
    return this.mergeOf(this.ds.manager, mergeId);
  }

  private async apply(m: EntityManager, user: AuthenticatedUser, merge: Record<string, unknown>): Promise<void> {
    const targetId = merge.target_id as string;
    const sourceIds = merge.source_ids as string[];
    const projects = await this.lockAll(m, merge.edition_id as string, [targetId, ...sourceIds]);
    const closed = projects.find((p) => !statusIn(p.status, UNDER_REVIEW_STATUSES));
    if (closed) throw BudgetError.invalidTransition(closed.status, { pl: 'połączyć z innym', en: 'merged' });
    const justification = merge.justification as string;
    await m.query(
      `UPDATE budget_projects SET title = COALESCE($2, title), summary = COALESCE($3, summary), description = COALESCE($4, description),
              paper_signatures = paper_signatures + (SELECT COALESCE(sum(paper_signatures), 0) FROM budget_projects WHERE id = ANY($5::uuid[])),
              updated_at = now()
        WHERE id = $1`,
      [targetId, merge.title, merge.summary, merge.description, sourceIds],
    );
    if (merge.items) await this.projects.writeCostItems(m, targetId, merge.items as CostItemInput[]);
    await m.query(
      `INSERT INTO budget_project_authors (project_id, user_id, role)
       SELECT $1, user_id, 'co' FROM budget_project_authors WHERE project_id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`,
      [targetId, sourceIds],
    );
    // Endorsements move with their projects, once per person, never an author's own.
    await m.query(
      `INSERT INTO budget_endorsements (project_id, user_id)
       SELECT DISTINCT $1::uuid, e.user_id FROM budget_endorsements e
        WHERE e.project_id = ANY($2::uuid[]) AND NOT EXISTS (SELECT 1 FROM budget_project_authors a WHERE a.project_id = $1 AND a.user_id = e.user_id)
       ON CONFLICT DO NOTHING`,
      [targetId, sourceIds],
    );
    await m.query(`DELETE FROM budget_endorsements e USING budget_project_authors a WHERE e.project_id = $1 AND a.project_id = $1 AND a.user_id = e.user_id`, [
      targetId,
    ]);
    await m.query(`UPDATE budget_projects SET endorsements = (SELECT count(*)::int FROM budget_endorsements WHERE project_id = $1) WHERE id = $1`, [targetId]);
    await m.query(`UPDATE budget_merges SET status = 'accepted', decided_at = now() WHERE id = $1`, [merge.id]);
    await this.projects.history(m, targetId, user.id, 'merge_accepted', null, null, justification, { mergeId: merge.id, merged: sourceIds });
    for (const s of projects.slice(1)) {
      await m.query(`UPDATE budget_projects SET status = 'merged', merged_into = $2, updated_at = now() WHERE id = $1`, [s.id, targetId]);
      await this.projects.history(m, s.id, user.id, 'merged', s.status, 'merged', justification, { mergeId: merge.id, into: targetId });
      await this.projects.notify(m, s.id, 'merged', justification);
    }
  }

  /** An official marks projects of one pool as mutually exclusive (before voting starts). */
  async exclude(user: AuthenticatedUser, editionId: string, input: { projectIds: string[]; reason: string }): Promise<ExclusionGroup> {
    if (new Set(input.projectIds).size !== input.projectIds.length) {
      throw BudgetError.exclusionInvalid({ pl: 'Każdy projekt można podać tylko raz.', en: 'Each project can be given only once.' });
    }
    const id = await this.ds.transaction(async (m) => {
      await this.editions.get(editionId, { manager: m });
      const rows = (await m.query(`SELECT id, pool_id, area_id, status FROM budget_projects WHERE id = ANY($1::uuid[]) AND edition_id = $2 FOR UPDATE`, [
        input.projectIds,
        editionId,
      ])) as Array<{ id: string; pool_id: string; area_id: string | null; status: string }>;
      const usable = rows.filter((r) => r.status !== 'draft' && !statusIn(r.status, OUT_OF_RUNNING_STATUSES));
      if (usable.length !== input.projectIds.length) {
        throw BudgetError.exclusionInvalid({
          pl: 'Wykluczać się mogą tylko zgłoszone, nieodrzucone projekty tej edycji.',
          en: 'Only submitted projects of this edition that were not rejected can exclude each other.',
        });
      }
      if (new Set(rows.map((r) => r.pool_id)).size > 1) {
        throw BudgetError.exclusionInvalid({
          pl: 'Wykluczać się mogą tylko projekty z tej samej puli.',
          en: 'Only projects of the same pool can exclude each other.',
        });
      }
      for (const r of rows) await this.access.assertRole(user, 'official', r.area_id, m);
      await this.beforeVoting(m, editionId);
      const reason = plainText(input.reason);
      const [{ id }] = rowsOf<{ id: string }>(
        await m.query(`INSERT INTO budget_exclusion_groups (edition_id, pool_id, reason, created_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
          editionId,
          rows[0].pool_id,
          reason,
          user.id,
        ]),
      );
      for (const r of rows) {
        await m.query(`INSERT INTO budget_exclusion_members (group_id, project_id) VALUES ($1, $2)`, [id, r.id]);
        await this.projects.history(m, r.id, user.id, 'marked_exclusive', null, null, reason, { groupId: id, projectIds: input.projectIds });
      }
      return id;
    });
    return (await this.exclusions(editionId)).find((g) => g.id === id)!;
  }

  /** Removes a group of mutually exclusive projects (before voting starts). */
  async removeExclusion(user: AuthenticatedUser, groupId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const [g] = (await m.query(`SELECT id, edition_id FROM budget_exclusion_groups WHERE id = $1 FOR UPDATE`, [groupId])) as Array<{
        id: string;
        edition_id: string;
      }>;
      if (!g) throw BudgetError.exclusionNotFound();
      const members = (await m.query(
        `SELECT p.id, p.area_id FROM budget_exclusion_members x JOIN budget_projects p ON p.id = x.project_id WHERE x.group_id = $1`,
        [groupId],
      )) as Array<{ id: string; area_id: string | null }>;
      for (const p of members) await this.access.assertRole(user, 'official', p.area_id, m);
      await this.beforeVoting(m, g.edition_id);
      await m.query(`DELETE FROM budget_exclusion_groups WHERE id = $1`, [groupId]);
      for (const p of members) await this.projects.history(m, p.id, user.id, 'exclusion_removed', null, null, null, { groupId });
    });
  }

  private async beforeVoting(m: EntityManager, editionId: string): Promise<void> {
    const phase = phaseAt(await this.editions.phases(m, editionId), this.clock.now());
    if (phase && PHASES.indexOf(phase) >= PHASES.indexOf('voting')) {
      throw BudgetError.wrongPhase({ pl: 'Oznaczać projekty wykluczające się', en: 'Marking mutually exclusive projects' }, 'ballot_list', phase);
    }
  }

  /** The groups of mutually exclusive projects of an edition (public). */
  async exclusions(editionId: string): Promise<ExclusionGroup[]> {
    await this.editions.get(editionId);
    const rows = (await this.ds.query(
      `SELECT g.id, g.pool_id, g.reason, g.created_at, array_agg(x.project_id ORDER BY p.number) AS project_ids
         FROM budget_exclusion_groups g JOIN budget_exclusion_members x ON x.group_id = g.id JOIN budget_projects p ON p.id = x.project_id
        WHERE g.edition_id = $1 GROUP BY g.id ORDER BY g.created_at`,
      [editionId],
    )) as Array<{ id: string; pool_id: string; reason: string; created_at: Date; project_ids: string[] }>;
    return rows.map((r) => ({ id: r.id, poolId: r.pool_id, projectIds: r.project_ids, reason: r.reason, createdAt: r.created_at }));
  }
}
