import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { plainText } from '@civitas/common';
import { isUniqueViolation, rowsOf } from '@civitas/database';
import { BudgetError } from './budget.errors';
import { DEFAULT_RULES, EditionRules } from './edition-rules';
import { Phase, phaseAt, PhaseWindow, phasePlanProblems } from './phases';
import { Clock } from '@civitas/config';

export interface CategoryInput {
  namePl: string;
  nameEn: string;
}

export interface PoolInput {
  name: string;
  areaId?: string | null;
  categoryId?: string | null;
  amount: number;
  minCost?: number | null;
  maxCost?: number | null;
  /** Basis points of the pool's amount (10000 = 100 %). */
  minCostBp?: number | null;
  maxCostBp?: number | null;
  signaturesRequired: number;
}

export interface EditionInput {
  name: string;
  year: number;
  phases: PhaseWindow[];
  rules?: Partial<EditionRules>;
  ballotOrder?: 'alphabetical' | 'lottery';
  categories?: CategoryInput[];
}

export interface Pool extends Required<Omit<PoolInput, 'areaId' | 'categoryId'>> {
  id: string;
  areaId: string | null;
  categoryId: string | null;
  /** The statutory cap on signatures: floor(0.1 % × residents of the pool's area). */
  signatureCap: number;
}

export interface Edition {
  id: string;
  name: string;
  year: number;
  status: 'draft' | 'published';
  rules: EditionRules;
  ballotOrder: 'alphabetical' | 'lottery';
  phases: PhaseWindow[];
  /** The phase under way now (by the schedule). */
  currentPhase: Phase | null;
  categories: Array<{ id: string } & CategoryInput>;
  pools: Pool[];
}

/**
 * The rules actually given: a DTO instance carries its unset optional fields as undefined, and a rule sent as null
 * keeps its value too (every rule has one: a stored null would break the use cases that read it).
 */
const given = <T extends object>(o: T | null | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Budget editions: their schedule, rules, categories and pools (admins); reading them (everyone, once published). */
@Injectable()
export class EditionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(input: EditionInput): Promise<Edition> {
    const problems = phasePlanProblems(input.phases);
    if (problems.length) throw BudgetError.invalidPhasePlan(problems);
    const id = await this.unique(() =>
      this.ds.transaction(async (m) => {
        const [{ id }] = (await m.query(`INSERT INTO budget_editions (name, year, rules, ballot_order) VALUES ($1, $2, $3::jsonb, $4) RETURNING id`, [
          plainText(input.name),
          input.year,
          JSON.stringify({ ...DEFAULT_RULES, ...given(input.rules) }),
          input.ballotOrder ?? 'alphabetical',
        ])) as Array<{ id: string }>;
        await this.writePhases(m, id, input.phases);
        for (const c of input.categories ?? []) {
          await m.query(`INSERT INTO budget_categories (edition_id, name_pl, name_en) VALUES ($1, $2, $3)`, [id, plainText(c.namePl), plainText(c.nameEn)]);
        }
        return id;
      }),
    );
    return this.get(id, { includeDraft: true });
  }

  /** Changes name, rules, ballot order or the schedule (moving a phase is how an admin changes it by hand). */
  async update(id: string, change: Partial<Omit<EditionInput, 'categories'>>): Promise<Edition> {
    if (change.phases) {
      const problems = phasePlanProblems(change.phases);
      if (problems.length) throw BudgetError.invalidPhasePlan(problems);
    }
    await this.unique(() =>
      this.ds.transaction(async (m) => {
        const [row] = (await m.query(`SELECT rules FROM budget_editions WHERE id = $1 FOR UPDATE`, [id])) as Array<{ rules: EditionRules }>;
        if (!row) throw BudgetError.editionNotFound();
        await m.query(
          `UPDATE budget_editions SET name = COALESCE($2, name), year = COALESCE($3, year), rules = $4::jsonb,
                  ballot_order = COALESCE($5, ballot_order), updated_at = now() WHERE id = $1`,
          [
            id,
            typeof change.name === 'string' ? plainText(change.name) : null,
            change.year ?? null,
            JSON.stringify({ ...row.rules, ...given(change.rules) }),
            change.ballotOrder ?? null,
          ],
        );
        if (change.phases) {
          await m.query(`DELETE FROM budget_phases WHERE edition_id = $1`, [id]);
          await this.writePhases(m, id, change.phases);
        }
      }),
    );
    return this.get(id, { includeDraft: true });
  }

  async publish(id: string): Promise<Edition> {
    const rows = rowsOf(await this.ds.query(`UPDATE budget_editions SET status = 'published', updated_at = now() WHERE id = $1 RETURNING id`, [id]));
    if (rows.length === 0) throw BudgetError.editionNotFound();
    return this.get(id);
  }

  async addCategory(editionId: string, input: CategoryInput): Promise<Edition> {
    await this.editionRow(editionId);
    await this.ds
      .query(`INSERT INTO budget_categories (edition_id, name_pl, name_en) VALUES ($1, $2, $3)`, [editionId, plainText(input.namePl), plainText(input.nameEn)])
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw BudgetError.nameTaken({ pl: 'Kategoria', en: 'A category' });
        throw err;
      });
    return this.get(editionId, { includeDraft: true });
  }

  /**
   * Adds a pool. Refuses a signature requirement above the statutory cap (art. 5a ust. 7 u.s.g.): floor(0.1 % of
   * the residents of the pool's area; the whole city for a pool without an area), and inconsistent cost limits.
   * Pools cannot change once submission has started in a published edition.
   */
  async addPool(editionId: string, input: PoolInput): Promise<Edition> {
    await this.ds.transaction(async (m) => {
      const edition = await this.editionRow(editionId, m);
      const phases = await this.phases(m, editionId);
      const submission = phases.find((p) => p.phase === 'submission');
      if (edition.status === 'published' && submission && submission.startsAt.getTime() <= this.clock.ms()) throw BudgetError.editionNotEditable();
      if (input.categoryId) {
        const cat = (await m.query(`SELECT 1 FROM budget_categories WHERE id = $1 AND edition_id = $2`, [input.categoryId, editionId])) as unknown[];
        if (!cat.length) throw BudgetError.categoryNotFound();
      }
      const residents = await this.residents(m, input.areaId ?? null);
      const cap = Math.floor(residents / 1000);
      if (input.signaturesRequired > cap) throw BudgetError.signatureCapExceeded(input.signaturesRequired, cap, residents);
      checkCostLimits(input);
      await m
        .query(
          `INSERT INTO budget_pools (edition_id, name, area_id, category_id, amount, min_cost, max_cost, min_cost_bp, max_cost_bp, signatures_required)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            editionId,
            plainText(input.name),
            input.areaId ?? null,
            input.categoryId ?? null,
            input.amount,
            input.minCost ?? null,
            input.maxCost ?? null,
            input.minCostBp ?? null,
            input.maxCostBp ?? null,
            input.signaturesRequired,
          ],
        )
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw BudgetError.nameTaken({ pl: 'Pula', en: 'A pool' });
          throw err;
        });
    });
    return this.get(editionId, { includeDraft: true });
  }

  /** Residents of an area, or of the city (the root areas) when none is given. Unknown area: an error. */
  private async residents(m: EntityManager, areaId: string | null): Promise<number> {
    if (areaId) {
      const [a] = (await m.query(`SELECT resident_count FROM areas WHERE id = $1`, [areaId])) as Array<{ resident_count: number }>;
      if (!a) throw BudgetError.areaNotFound();
      return a.resident_count;
    }
    const [{ n }] = (await m.query(`SELECT COALESCE(sum(resident_count), 0)::int AS n FROM areas WHERE parent_id IS NULL`)) as Array<{ n: number }>;
    return n;
  }

  private async writePhases(m: EntityManager, editionId: string, phases: PhaseWindow[]): Promise<void> {
    for (const p of phases) {
      await m.query(`INSERT INTO budget_phases (edition_id, phase, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [editionId, p.phase, p.startsAt, p.endsAt]);
    }
  }

  async phases(m: EntityManager, editionId: string): Promise<PhaseWindow[]> {
    const rows = (await m.query(`SELECT phase, starts_at, ends_at FROM budget_phases WHERE edition_id = $1 ORDER BY starts_at`, [editionId])) as Array<{
      phase: Phase;
      starts_at: Date;
      ends_at: Date;
    }>;
    return rows.map((r) => ({ phase: r.phase, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) }));
  }

  private async editionRow(id: string, m: EntityManager = this.ds.manager): Promise<{ id: string; status: 'draft' | 'published' }> {
    const [row] = (await m.query(`SELECT id, status FROM budget_editions WHERE id = $1`, [id])) as Array<{ id: string; status: 'draft' | 'published' }>;
    if (!row) throw BudgetError.editionNotFound();
    return row;
  }

  private async unique<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (isUniqueViolation(err)) throw BudgetError.editionNameTaken();
      throw err;
    }
  }

  /** An edition with its phases, categories and pools. Drafts only with `includeDraft` (admins). */
  async get(id: string, opts: { includeDraft?: boolean; manager?: EntityManager } = {}): Promise<Edition> {
    const m = opts.manager ?? this.ds.manager;
    const [row] = (await m.query(`SELECT id, name, year, status, rules, ballot_order FROM budget_editions WHERE id = $1`, [id])) as Array<{
      id: string;
      name: string;
      year: number;
      status: 'draft' | 'published';
      rules: EditionRules;
      ballot_order: 'alphabetical' | 'lottery';
    }>;
    if (!row || (row.status === 'draft' && !opts.includeDraft)) throw BudgetError.editionNotFound();
    const phases = await this.phases(m, id);
    const categories = (await m.query(`SELECT id, name_pl, name_en FROM budget_categories WHERE edition_id = $1 ORDER BY lower(name_pl)`, [id])) as Array<{
      id: string;
      name_pl: string;
      name_en: string;
    }>;
    const pools = (await m.query(
      `SELECT p.*, COALESCE(a.resident_count, (SELECT COALESCE(sum(resident_count), 0) FROM areas WHERE parent_id IS NULL))::int AS residents
         FROM budget_pools p LEFT JOIN areas a ON a.id = p.area_id WHERE p.edition_id = $1 ORDER BY p.area_id NULLS FIRST, lower(p.name)`,
      [id],
    )) as Array<Record<string, unknown>>;
    return {
      id: row.id,
      name: row.name,
      year: row.year,
      status: row.status,
      rules: row.rules,
      ballotOrder: row.ballot_order,
      phases,
      currentPhase: phaseAt(phases, this.clock.now()),
      categories: categories.map((c) => ({ id: c.id, namePl: c.name_pl, nameEn: c.name_en })),
      pools: pools.map((p) => ({
        id: p.id as string,
        name: p.name as string,
        areaId: (p.area_id as string | null) ?? null,
        categoryId: (p.category_id as string | null) ?? null,
        amount: Number(p.amount),
        minCost: num(p.min_cost),
        maxCost: num(p.max_cost),
        minCostBp: num(p.min_cost_bp),
        maxCostBp: num(p.max_cost_bp),
        signaturesRequired: p.signatures_required as number,
        signatureCap: Math.floor((p.residents as number) / 1000),
      })),
    };
  }

  /** Published editions, newest first (admins see drafts too). */
  /**
   * The newest published editions with their schedules, for the home page (two queries, whatever the number of
   * editions).
   */
  async overview(limit = 3): Promise<Array<{ id: string; name: string; year: number; phases: PhaseWindow[]; currentPhase: Phase | null }>> {
    const editions = (await this.ds.query(
      `SELECT id, name, year FROM budget_editions WHERE status = 'published' ORDER BY year DESC, created_at DESC LIMIT $1`,
      [limit],
    )) as Array<{ id: string; name: string; year: number }>;
    if (editions.length === 0) return [];
    const rows = (await this.ds.query(`SELECT edition_id, phase, starts_at, ends_at FROM budget_phases WHERE edition_id = ANY($1::uuid[]) ORDER BY starts_at`, [
      editions.map((e) => e.id),
    ])) as Array<{ edition_id: string; phase: Phase; starts_at: Date; ends_at: Date }>;
    const now = this.clock.now();
    return editions.map((e) => {
      const phases = rows.filter((r) => r.edition_id === e.id).map((r) => ({ phase: r.phase, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) }));
      return { ...e, phases, currentPhase: phaseAt(phases, now) };
    });
  }

  /**
   * When the edition's results were published (the voting's `edition_results`), or null before: the edition's page
   * links to them only then.
   */
  async resultsPublishedAt(editionId: string): Promise<Date | null> {
    const [row] = (await this.ds.query(`SELECT published_at FROM edition_results WHERE edition_id = $1`, [editionId])) as Array<{ published_at: Date }>;
    return row ? new Date(row.published_at) : null;
  }

  async list(opts: { includeDraft?: boolean } = {}): Promise<Array<{ id: string; name: string; year: number; status: string; currentPhase: Phase | null }>> {
    const rows = (await this.ds.query(
      `SELECT id, name, year, status FROM budget_editions WHERE $1::boolean OR status = 'published' ORDER BY year DESC, lower(name)`,
      [opts.includeDraft ?? false],
    )) as Array<{ id: string; name: string; year: number; status: string }>;
    const out = [];
    for (const r of rows) out.push({ ...r, currentPhase: phaseAt(await this.phases(this.ds.manager, r.id), this.clock.now()) });
    return out;
  }
}

/** Absolute and relative cost limits must be consistent: min ≤ max and both within the pool's amount. */
export function checkCostLimits(p: Pick<PoolInput, 'amount' | 'minCost' | 'maxCost' | 'minCostBp' | 'maxCostBp'>): void {
  const { min, max } = costRange(p);
  if (min !== null && max !== null && min > max) {
    throw BudgetError.invalidCostLimits({ pl: 'Minimalny koszt projektu przekracza maksymalny.', en: 'The minimum project cost exceeds the maximum.' });
  }
  if ((p.minCost ?? 0) > p.amount || (p.maxCost ?? 0) > p.amount) {
    throw BudgetError.invalidCostLimits({ pl: 'Limit kosztu projektu przekracza kwotę puli.', en: "A project cost limit exceeds the pool's amount." });
  }
}

/** The effective per-project cost range of a pool: the stricter of the absolute and relative limits. */
export function costRange(p: Pick<PoolInput, 'amount' | 'minCost' | 'maxCost' | 'minCostBp' | 'maxCostBp'>): { min: number | null; max: number | null } {
  const rel = (bp: number | null | undefined, up: boolean) =>
    bp === null || bp === undefined ? null : up ? Math.ceil((p.amount * bp) / 10_000) : Math.floor((p.amount * bp) / 10_000);
  const pick = (a: number | null, b: number | null, f: (x: number, y: number) => number) => (a === null ? b : b === null ? a : f(a, b));
  return {
    min: pick(p.minCost ?? null, rel(p.minCostBp, true), Math.max),
    max: pick(p.maxCost ?? null, rel(p.maxCostBp, false), Math.min),
  };
}
