import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { AccessService } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { areaTree, rowsOf } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { BudgetError } from './budget.errors';
import type { EditionRules, ProjectField } from './edition-rules';
import { costRange, type Edition, EditionsService } from './editions.service';
import { Phase, phaseAt } from './phases';
import { assertMove, assertStatusIn, EDITABLE_STATUSES } from './project-status';
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

/** The columns summaryOf reads (a list needs no descriptions, cost items or search vectors). */
const SUMMARY_COLUMNS = [
  'id',
  'edition_id',
  'pool_id',
  'category_id',
  'area_id',
  'number',
  'status',
  'title',
  'summary',
  'address',
  'latitude',
  'longitude',
  'total_cost',
  'endorsements',
  'paper_signatures',
  'submitted_at',
  'correction_deadline',
  'appeal_deadline',
  'merged_into',
  'ballot_position',
]
  .map((c) => `p.${c}`)
  .join(', ');

function summaryOf(p: Record<string, unknown>): ProjectSummary {
  return {
    id: p.id as string,
    editionId: p.edition_id as string,
    poolId: p.pool_id as string,
    categoryId: (p.category_id as string | null) ?? null,
    areaId: (p.area_id as string | null) ?? null,
    number: (p.number as number | null) ?? null,
    status: p.status as string,
    title: p.title as string,
    summary: p.summary as string,
    address: p.address as string,
    latitude: (p.latitude as number | null) ?? null,
    longitude: (p.longitude as number | null) ?? null,
    totalCost: Number(p.total_cost),
    endorsements: p.endorsements as number,
    paperSignatures: p.paper_signatures as number,
    submittedAt: (p.submitted_at as Date | null) ?? null,
    correctionDeadline: (p.correction_deadline as Date | null) ?? null,
    appealDeadline: (p.appeal_deadline as Date | null) ?? null,
    mergedInto: (p.merged_into as string | null) ?? null,
    ballotPosition: (p.ballot_position as number | null) ?? null,
  };
}

interface ProjectRow {
  id: string;
  edition_id: string;
  pool_id: string;
  status: string;
  created_by: string;
}

/** Projects: drafts private to their authors, submission in its phase, public reading, online endorsements. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  private async phaseOf(m: EntityManager, editionId: string, at = this.clock.now()): Promise<{ current: Phase | null; submissionEnds: Date | null }> {
    const phases = await this.editions.phases(m, editionId);
    return { current: phaseAt(phases, at), submissionEnds: phases.find((p) => p.phase === 'submission')?.endsAt ?? null };
  }

  private async checkReferences(m: EntityManager, editionId: string, input: Partial<ProjectInput>): Promise<void> {
    if (input.poolId !== undefined) {
      const rows = (await m.query(`SELECT 1 FROM budget_pools WHERE id = $1 AND edition_id = $2`, [input.poolId, editionId])) as unknown[];
      if (!rows.length) throw BudgetError.poolNotFound();
    }
    if (input.categoryId) {
      const rows = (await m.query(`SELECT 1 FROM budget_categories WHERE id = $1 AND edition_id = $2`, [input.categoryId, editionId])) as unknown[];
      if (!rows.length) throw BudgetError.categoryNotFound();
    }
    if (input.areaId) {
      const rows = (await m.query(`SELECT 1 FROM areas WHERE id = $1`, [input.areaId])) as unknown[];
      if (!rows.length) throw BudgetError.areaNotFound();
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
      const [{ id }] = (await m.query(
        `INSERT INTO budget_projects (edition_id, pool_id, category_id, area_id, title, summary, description, justification, beneficiaries,
                                      address, latitude, longitude, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          editionId,
          input.poolId,
          input.categoryId ?? null,
          input.areaId ?? null,
          plainText(input.title),
          plainText(input.summary ?? ''),
          plainText(input.description ?? ''),
          plainText(input.justification ?? ''),
          plainText(input.beneficiaries ?? ''),
          plainText(input.address ?? ''),
          input.latitude ?? null,
          input.longitude ?? null,
          user.id,
        ],
      )) as Array<{ id: string }>;
      await m.query(`INSERT INTO budget_project_authors (project_id, user_id, role) VALUES ($1, $2, 'main')`, [id, user.id]);
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
      await this.checkReferences(m, p.edition_id, change);
      const fields: Array<[string, unknown]> = [];
      const map: Record<string, string> = {
        poolId: 'pool_id',
        categoryId: 'category_id',
        areaId: 'area_id',
        title: 'title',
        summary: 'summary',
        description: 'description',
        justification: 'justification',
        beneficiaries: 'beneficiaries',
        address: 'address',
        latitude: 'latitude',
        longitude: 'longitude',
      };
      for (const [key, column] of Object.entries(map)) {
        const value = (change as Record<string, unknown>)[key];
        // Texts are plain text (ids and coordinates are not strings of that kind, and go as they are).
        if (value !== undefined) fields.push([column, typeof value === 'string' && !column.endsWith('_id') ? plainText(value) : value]);
      }
      if (fields.length) {
        await m.query(`UPDATE budget_projects SET ${fields.map(([c], i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
          projectId,
          ...fields.map(([, v]) => v),
        ]);
      }
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
      const { current } = await this.phaseOf(m, p.edition_id);
      if (current !== 'submission') throw BudgetError.wrongPhase({ pl: 'Zgłaszać projekty', en: 'Submitting projects' }, 'submission', current);
      await this.checkComplete(m, projectId);
      const [{ project_counter }] = rowsOf<{ project_counter: number }>(
        await m.query(`UPDATE budget_editions SET project_counter = project_counter + 1 WHERE id = $1 RETURNING project_counter`, [p.edition_id]),
      );
      await m.query(`UPDATE budget_projects SET status = 'submitted', number = $2, submitted_at = now(), updated_at = now() WHERE id = $1`, [
        projectId,
        project_counter,
      ]);
      await this.history(m, projectId, user.id, 'submitted', 'draft', 'submitted', null);
      await this.notify(m, projectId, 'submitted');
    });
    return this.get(user, projectId);
  }

  private async checkComplete(m: EntityManager, projectId: string): Promise<void> {
    const [row] = (await m.query(
      `SELECT p.*, e.rules, pool.amount, pool.min_cost, pool.max_cost, pool.min_cost_bp, pool.max_cost_bp, pool.area_id AS pool_area_id
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id JOIN budget_pools pool ON pool.id = p.pool_id
        WHERE p.id = $1`,
      [projectId],
    )) as Array<Record<string, unknown> & { rules: EditionRules }>;
    const filled: Record<ProjectField, boolean> = {
      summary: !!String(row.summary).trim(),
      description: !!String(row.description).trim(),
      justification: !!String(row.justification).trim(),
      beneficiaries: !!String(row.beneficiaries).trim(),
      address: !!String(row.address).trim(),
      coordinates: row.latitude !== null && row.longitude !== null,
      category: row.category_id !== null,
      area: row.area_id !== null,
    };
    const missing: string[] = row.rules.requiredFields.filter((f) => !filled[f]).map((f) => (f === 'category' ? 'categoryId' : f === 'area' ? 'areaId' : f));
    const total = Number(row.total_cost);
    if (total === 0) missing.push('costItems');
    if (missing.length) throw BudgetError.incomplete(missing);
    const { min, max } = costRange({
      amount: Number(row.amount),
      minCost: row.min_cost === null ? null : Number(row.min_cost),
      maxCost: row.max_cost === null ? null : Number(row.max_cost),
      minCostBp: row.min_cost_bp as number | null,
      maxCostBp: row.max_cost_bp as number | null,
    });
    const ceiling = max === null ? Number(row.amount) : Math.min(max, Number(row.amount));
    if ((min !== null && total < min) || total > ceiling) throw BudgetError.costOutOfRange(total, min, ceiling);
    if (row.pool_area_id) {
      if (!row.area_id) throw BudgetError.incomplete(['areaId']);
      const lineage = await this.access.lineage(row.area_id as string, m);
      if (!lineage.includes(row.pool_area_id as string)) throw BudgetError.areaOutsidePool();
    }
  }

  /** Replaces a project's cost items and recomputes its total. */
  async writeCostItems(m: EntityManager, projectId: string, items: CostItemInput[]): Promise<void> {
    await m.query(`DELETE FROM budget_cost_items WHERE project_id = $1`, [projectId]);
    for (const [i, item] of items.entries()) {
      await m.query(`INSERT INTO budget_cost_items (project_id, position, description, amount) VALUES ($1, $2, $3, $4)`, [
        projectId,
        i + 1,
        plainText(item.description),
        item.amount,
      ]);
    }
    await m.query(`UPDATE budget_projects SET total_cost = (SELECT COALESCE(sum(amount), 0) FROM budget_cost_items WHERE project_id = $1) WHERE id = $1`, [
      projectId,
    ]);
  }

  private async lockForAuthor(m: EntityManager, user: AuthenticatedUser, projectId: string): Promise<ProjectRow> {
    const [p] = (await m.query(`SELECT id, edition_id, pool_id, status, created_by FROM budget_projects WHERE id = $1 FOR UPDATE`, [
      projectId,
    ])) as ProjectRow[];
    if (!p) throw BudgetError.projectNotFound();
    const author = (await m.query(`SELECT 1 FROM budget_project_authors WHERE project_id = $1 AND user_id = $2`, [projectId, user.id])) as unknown[];
    if (!author.length) {
      // Another resident's draft does not exist for them; a public project exists but is not theirs to change.
      if (p.status === 'draft') throw BudgetError.projectNotFound();
      throw BudgetError.notAnAuthor();
    }
    return p;
  }

  async authorIds(m: EntityManager, projectId: string): Promise<string[]> {
    return ((await m.query(`SELECT user_id FROM budget_project_authors WHERE project_id = $1`, [projectId])) as Array<{ user_id: string }>).map(
      (r) => r.user_id,
    );
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
    await m.query(
      `INSERT INTO budget_project_history (project_id, actor_id, action, from_status, to_status, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [projectId, actorId, action, from, to, reason, JSON.stringify(details)],
    );
  }

  /** Tells the authors (and, for public statuses, the edition's and area's subscribers) about a new status. */
  async notify(m: EntityManager, projectId: string, status: string, reason?: string, deadline?: Date | null): Promise<void> {
    const [p] = (await m.query(
      `SELECT p.id, p.title, p.area_id, e.id AS edition_id, e.name AS edition_name,
              ARRAY(SELECT user_id FROM budget_project_authors a WHERE a.project_id = p.id) AS authors
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1`,
      [projectId],
    )) as Array<{ id: string; title: string; area_id: string | null; edition_id: string; edition_name: string; authors: string[] }>;
    // Subscribers hear of admissions and results; the ballot list as a whole is one announcement, not one per project.
    const announce = ['admitted', 'selected', 'not_selected'].includes(status);
    await this.notifications.publish(m, {
      kind: 'project.status_changed',
      facts: {
        editionId: p.edition_id,
        editionName: p.edition_name,
        projectId: p.id,
        title: p.title,
        status,
        ...(reason ? { reason } : {}),
        ...(deadline ? { deadline: deadline.toISOString() } : {}),
      },
      userIds: p.authors,
      ...(announce ? { topics: [`edition:${p.edition_id}`], areaIds: p.area_id ? [p.area_id] : [] } : {}),
    });
  }

  /**
   * A project: drafts only to their authors and to officials. `details`: each history entry with its details (the
   * verdict per criterion, the totals of a cost correction, the projects of a merge or a group) — the project's page.
   */
  async get(user: AuthenticatedUser | undefined, projectId: string, opts: { details?: boolean } = {}): Promise<ProjectView> {
    const [p] = (await this.ds.query(`SELECT * FROM budget_projects WHERE id = $1`, [projectId])) as Array<Record<string, unknown>>;
    if (!p) throw BudgetError.projectNotFound();
    const authors = (await this.ds.query(
      `SELECT a.user_id, u.display_name, a.role FROM budget_project_authors a JOIN users u ON u.id = a.user_id WHERE a.project_id = $1 ORDER BY a.role DESC, a.created_at`,
      [projectId],
    )) as Array<{ user_id: string; display_name: string; role: 'main' | 'co' }>;
    const isAuthor = !!user && authors.some((a) => a.user_id === user.id);
    const isOfficial = !!user && !isAuthor && (await this.access.hasRole(user, 'official', (p.area_id as string | null) ?? null));
    if (p.status === 'draft' && !isAuthor && !isOfficial) {
      const invited = user
        ? ((await this.ds.query(`SELECT 1 FROM budget_author_invitations WHERE project_id = $1 AND email = lower($2) AND status = 'pending'`, [
            projectId,
            user.email,
          ])) as unknown[])
        : [];
      if (!invited.length) throw BudgetError.projectNotFound();
    }
    const items = (await this.ds.query(`SELECT description, amount FROM budget_cost_items WHERE project_id = $1 ORDER BY position`, [projectId])) as Array<{
      description: string;
      amount: string;
    }>;
    const history = (await this.ds.query(
      `SELECT at, action, from_status, to_status, reason, details FROM budget_project_history WHERE project_id = $1 ORDER BY id`,
      [projectId],
    )) as Array<{
      at: Date;
      action: string;
      from_status: string | null;
      to_status: string | null;
      reason: string | null;
      details: Record<string, unknown> | null;
    }>;
    const [{ required }] = (await this.ds.query(`SELECT signatures_required AS required FROM budget_pools WHERE id = $1`, [p.pool_id])) as Array<{
      required: number;
    }>;
    const groups = (await this.ds.query(
      `SELECT g.id, g.reason, ARRAY(SELECT x2.project_id FROM budget_exclusion_members x2 WHERE x2.group_id = g.id AND x2.project_id <> $1) AS others
         FROM budget_exclusion_groups g JOIN budget_exclusion_members x ON x.group_id = g.id WHERE x.project_id = $1 ORDER BY g.created_at`,
      [projectId],
    )) as Array<{ id: string; reason: string; others: string[] }>;
    const files = (await this.ds.query(
      `SELECT id, kind, file_name, media_type, size, created_at FROM budget_attachments
        WHERE project_id = $1 AND (kind = 'document' OR $2::boolean) ORDER BY created_at`,
      [projectId, isAuthor || isOfficial],
    )) as Array<{ id: string; kind: 'document' | 'support_list'; file_name: string; media_type: string; size: number; created_at: Date }>;
    const online = p.endorsements as number;
    const paper = p.paper_signatures as number;
    return {
      ...summaryOf(p),
      description: p.description as string,
      justification: p.justification as string,
      beneficiaries: p.beneficiaries as string,
      costItems: items.map((i) => ({ description: i.description, amount: Number(i.amount) })),
      support: { online, paper, total: online + paper, required },
      exclusiveWith: groups.map((g) => ({ groupId: g.id, projectIds: g.others, reason: g.reason })),
      attachments: files.map((f) => ({ id: f.id, kind: f.kind, fileName: f.file_name, mediaType: f.media_type, size: f.size, createdAt: f.created_at })),
      authors: authors.map((a) => ({ userId: a.user_id, displayName: a.display_name, role: a.role })),
      history: history.map((h) => ({
        at: h.at,
        action: h.action,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        reason: h.reason,
        ...(opts.details ? { details: h.details ?? {} } : {}),
      })),
    };
  }

  /**
   * The projects a resident authors or co-authors (drafts included), most recently changed first, with their role
   * and the edition's name: the "my projects" page.
   */
  async mine(user: AuthenticatedUser): Promise<Array<ProjectSummary & { role: 'main' | 'co'; editionName: string }>> {
    const rows = (await this.ds.query(
      `SELECT p.*, a.role AS author_role, e.name AS edition_name
         FROM budget_project_authors a JOIN budget_projects p ON p.id = a.project_id JOIN budget_editions e ON e.id = p.edition_id
        WHERE a.user_id = $1 ORDER BY p.updated_at DESC, p.created_at DESC, p.id`,
      [user.id],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ ...summaryOf(r), role: r.author_role as 'main' | 'co', editionName: r.edition_name as string }));
  }

  /** Public projects of a published edition (never drafts), filtered and paged. */
  /** Public projects of an edition (its id, or the edition a page has already read: not read again). */
  async list(edition: string | Edition, f: ProjectFilter): Promise<{ items: ProjectSummary[]; total: number }> {
    const editionId = typeof edition === 'string' ? (await this.editions.get(edition)).id : edition.id;
    const where = [`p.edition_id = $1`, `p.status <> 'draft'`];
    const params: unknown[] = [editionId];
    if (f.poolId) where.push(`p.pool_id = $${params.push(f.poolId)}`);
    if (f.categoryId) where.push(`p.category_id = $${params.push(f.categoryId)}`);
    if (f.status) where.push(`p.status = $${params.push(f.status)}`);
    if (f.areaId) {
      where.push(`p.area_id IN ${areaTree.within(`ARRAY[$${params.push(f.areaId)}::uuid]`)}`);
    }
    if (f.q) where.push(`(p.search @@ plainto_tsquery('simple', $${params.push(f.q)}) OR p.title ILIKE '%' || $${params.length} || '%')`);
    const clause = where.join(' AND ');
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM budget_projects p WHERE ${clause}`, params)) as Array<{ total: number }>;
    const sort = f.sort ?? 'number';
    const order = {
      number: `p.number NULLS LAST, p.id`,
      // The same seed gives the same order (paging stays stable); another seed shuffles anew.
      random: `md5($${params.length + 3} || ':' || p.id::text), p.id`,
      newest: `p.submitted_at DESC NULLS LAST, p.number DESC NULLS LAST, p.id`,
      cost_asc: `p.total_cost, p.number NULLS LAST, p.id`,
      cost_desc: `p.total_cost DESC, p.number NULLS LAST, p.id`,
    }[sort];
    const rows = (await this.ds.query(
      `SELECT ${SUMMARY_COLUMNS} FROM budget_projects p WHERE ${clause} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize, ...(sort === 'random' ? [f.seed ?? ''] : [])],
    )) as Array<Record<string, unknown>>;
    return {
      total,
      items: rows.map(summaryOf),
    };
  }

  /** Whether the resident has endorsed the project online (the "you support this project" of its page). */
  async hasEndorsed(user: AuthenticatedUser, projectId: string): Promise<boolean> {
    const rows = (await this.ds.query(`SELECT 1 FROM budget_endorsements WHERE project_id = $1 AND user_id = $2`, [projectId, user.id])) as unknown[];
    return rows.length > 0;
  }

  /** Number and title of public projects (never drafts) by id: the other projects a page names (merges, groups). */
  async publicTitles(ids: string[]): Promise<Map<string, { number: number | null; title: string }>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.ds.query(`SELECT id, number, title FROM budget_projects WHERE id = ANY($1::uuid[]) AND status <> 'draft'`, [ids])) as Array<{
      id: string;
      number: number | null;
      title: string;
    }>;
    return new Map(rows.map((r) => [r.id, { number: r.number ?? null, title: r.title }]));
  }

  /**
   * An online endorsement by a signed-in resident (not an author), while the project collects support (submitted,
   * in the submission or formal review phase). Repeating it, even 30 times at once, counts once.
   */
  async endorse(user: AuthenticatedUser, projectId: string): Promise<{ endorsements: number; endorsed: true }> {
    return this.ds.transaction(async (m) => {
      await this.assertCollecting(m, user, projectId);
      const inserted = (await m.query(`INSERT INTO budget_endorsements (project_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING project_id`, [
        projectId,
        user.id,
      ])) as unknown[];
      const [{ endorsements }] = rowsOf<{ endorsements: number }>(
        await m.query(`UPDATE budget_projects SET endorsements = endorsements + $2 WHERE id = $1 RETURNING endorsements`, [projectId, inserted.length]),
      );
      return { endorsements, endorsed: true as const };
    });
  }

  private async assertCollecting(m: EntityManager, user: AuthenticatedUser, projectId: string): Promise<void> {
    const [p] = (await m.query(
      `SELECT p.id, p.edition_id, p.status, e.rules FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1`,
      [projectId],
    )) as Array<{ id: string; edition_id: string; status: string; rules: EditionRules }>;
    if (!p || p.status === 'draft') throw BudgetError.projectNotFound();
    const author = (await m.query(`SELECT 1 FROM budget_project_authors WHERE project_id = $1 AND user_id = $2`, [projectId, user.id])) as unknown[];
    if (author.length) throw BudgetError.ownProject();
    if (!p.rules.onlineEndorsements || !['submitted', 'formal_review', 'correction_requested'].includes(p.status)) throw BudgetError.endorsementsClosed();
    const { current } = await this.phaseOf(m, p.edition_id);
    if (current !== 'submission' && current !== 'formal_review') {
      throw BudgetError.wrongPhase({ pl: 'Popierać projekty', en: 'Endorsing projects' }, 'submission', current);
    }
  }

  /** Withdraws one's endorsement while support is collected. */
  async unendorse(user: AuthenticatedUser, projectId: string): Promise<{ endorsements: number; endorsed: false }> {
    return this.ds.transaction(async (m) => {
      await this.assertCollecting(m, user, projectId);
      const deleted = rowsOf(
        await m.query(`DELETE FROM budget_endorsements WHERE project_id = $1 AND user_id = $2 RETURNING project_id`, [projectId, user.id]),
      );
      const [{ endorsements }] = rowsOf<{ endorsements: number }>(
        await m.query(`UPDATE budget_projects SET endorsements = endorsements - $2 WHERE id = $1 RETURNING endorsements`, [projectId, deleted.length]),
      );
      return { endorsements, endorsed: false as const };
    });
  }
}
