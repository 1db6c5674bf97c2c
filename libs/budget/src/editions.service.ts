import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { plainText } from '@civitas/common';
import { isUniqueViolation } from '@civitas/database';
import { BudgetError } from './budget.errors';
import { DEFAULT_RULES, EditionRules } from './edition-rules';
import { EditionRepository } from './edition.repository';
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

/** Budget editions: their schedule, rules, categories and pools (admins); reading them (everyone, once published). */
@Injectable()
export class EditionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly editionsRepo: EditionRepository,
    private readonly clock: Clock,
  ) {}

  async create(input: EditionInput): Promise<Edition> {
    const problems = phasePlanProblems(input.phases);
    if (problems.length) throw BudgetError.invalidPhasePlan(problems);
    const id = await this.unique(() =>
      this.ds.transaction(async (m) => {
        const id = await this.editionsRepo.insert(m, {
          name: plainText(input.name),
          year: input.year,
          rules: { ...DEFAULT_RULES, ...given(input.rules) },
          ballotOrder: input.ballotOrder ?? 'alphabetical',
        });
        await this.editionsRepo.insertPhases(m, id, input.phases);
        for (const c of input.categories ?? []) {
          await this.editionsRepo.insertCategory(m, id, { namePl: plainText(c.namePl), nameEn: plainText(c.nameEn) });
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
        const row = await this.editionsRepo.lockForUpdate(m, id);
        if (!row) throw BudgetError.editionNotFound();
        await this.editionsRepo.update(m, id, {
          name: typeof change.name === 'string' ? plainText(change.name) : null,
          year: change.year ?? null,
          rules: { ...row.rules, ...given(change.rules) },
          ballotOrder: change.ballotOrder ?? null,
        });
        if (change.phases) {
          await this.editionsRepo.deletePhases(m, id);
          await this.editionsRepo.insertPhases(m, id, change.phases);
        }
      }),
    );
    return this.get(id, { includeDraft: true });
  }

  async publish(id: string): Promise<Edition> {
    if (!(await this.editionsRepo.publish(id))) throw BudgetError.editionNotFound();
    return this.get(id);
  }

  async addCategory(editionId: string, input: CategoryInput): Promise<Edition> {
    await this.editionRow(editionId);
    await this.editionsRepo
      .insertCategory(this.ds.manager, editionId, { namePl: plainText(input.namePl), nameEn: plainText(input.nameEn) })
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
        if (!(await this.editionsRepo.categoryExists(m, input.categoryId, editionId))) throw BudgetError.categoryNotFound();
      }
      const residents = await this.residents(m, input.areaId ?? null);
      const cap = Math.floor(residents / 1000);
      if (input.signaturesRequired > cap) throw BudgetError.signatureCapExceeded(input.signaturesRequired, cap, residents);
      checkCostLimits(input);
      await this.editionsRepo.insertPool(m, editionId, { ...input, name: plainText(input.name) }).catch((err: unknown) => {
        if (isUniqueViolation(err)) throw BudgetError.nameTaken({ pl: 'Pula', en: 'A pool' });
        throw err;
      });
    });
    return this.get(editionId, { includeDraft: true });
  }

  /** Residents of an area, or of the city (the root areas) when none is given. Unknown area: an error. */
  private async residents(m: EntityManager, areaId: string | null): Promise<number> {
    if (areaId) {
      const residents = await this.editionsRepo.areaResidents(m, areaId);
      if (residents === undefined) throw BudgetError.areaNotFound();
      return residents;
    }
    return this.editionsRepo.cityResidents(m);
  }

  /** The edition's phase windows, in time order. */
  async phases(m: EntityManager, editionId: string): Promise<PhaseWindow[]> {
    return this.editionsRepo.listPhases(m, editionId);
  }

  private async editionRow(id: string, m: EntityManager = this.ds.manager): Promise<{ id: string; status: 'draft' | 'published' }> {
    const row = await this.editionsRepo.findStatus(m, id);
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
    const head = await this.editionsRepo.findHead(m, id);
    if (!head || (head.status === 'draft' && !opts.includeDraft)) throw BudgetError.editionNotFound();
    const phases = await this.phases(m, id);
    const categories = await this.editionsRepo.listCategories(m, id);
    const pools = await this.editionsRepo.listPools(m, id);
    return { ...head, phases, currentPhase: phaseAt(phases, this.clock.now()), categories, pools };
  }

  /** Published editions, newest first (admins see drafts too). */
  /**
   * The newest published editions with their schedules, for the home page (two queries, whatever the number of
   * editions).
   */
  async overview(limit = 3): Promise<Array<{ id: string; name: string; year: number; phases: PhaseWindow[]; currentPhase: Phase | null }>> {
    const editions = await this.editionsRepo.listNewestPublished(limit);
    if (editions.length === 0) return [];
    const windows = await this.editionsRepo.listPhasesOf(editions.map((e) => e.id));
    const now = this.clock.now();
    return editions.map((e) => {
      const phases = windows.filter((w) => w.editionId === e.id).map((w) => ({ phase: w.phase, startsAt: w.startsAt, endsAt: w.endsAt }));
      return { ...e, phases, currentPhase: phaseAt(phases, now) };
    });
  }

  /**
   * When the edition's results were published (recorded by the vote's publication), or null before: the edition's
   * page links to them only then.
   */
  async resultsPublishedAt(editionId: string): Promise<Date | null> {
    return this.editionsRepo.resultsPublishedAt(editionId);
  }

  async list(opts: { includeDraft?: boolean } = {}): Promise<Array<{ id: string; name: string; year: number; status: string; currentPhase: Phase | null }>> {
    const rows = await this.editionsRepo.list(opts.includeDraft ?? false);
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
