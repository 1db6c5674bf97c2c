import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import type { EditionRules } from './edition-rules';
import type { CategoryInput, Pool, PoolInput } from './editions.service';
import type { Phase, PhaseWindow } from './phases';

type EditionStatus = 'draft' | 'published';
type BallotOrder = 'alphabetical' | 'lottery';

/** An edition's own row, without its phases, categories and pools. */
export interface EditionHead {
  id: string;
  name: string;
  year: number;
  status: EditionStatus;
  rules: EditionRules;
  ballotOrder: BallotOrder;
}

/** What an edition is created with (texts already cleaned, rules complete). */
export interface NewEdition {
  name: string;
  year: number;
  rules: EditionRules;
  ballotOrder: BallotOrder;
}

/** A change of an edition: null keeps the stored value; the rules are always written whole. */
export interface EditionChange {
  name: string | null;
  year: number | null;
  rules: EditionRules;
  ballotOrder: BallotOrder | null;
}

/** An edition as other parts of the platform name it: its name, year and status. */
export interface EditionLabel {
  id: string;
  name: string;
  year: number;
  status: EditionStatus;
}

/** A published edition with the ends of its voting and results phases (null: the edition has no such phase). */
export interface EditionSchedule {
  id: string;
  name: string;
  votingEndsAt: Date | null;
  resultsEndsAt: Date | null;
}

/** A project of a user, for the export of their personal data. */
export interface PersonalProjectRow {
  id: string;
  title: string;
  status: string;
  authorRole: string;
  createdAt: Date;
  submittedAt: Date | null;
}

/** An endorsement by a user, for the export of their personal data. */
export interface PersonalEndorsementRow {
  projectId: string;
  title: string;
  createdAt: Date;
}

interface EditionRow {
  id: string;
  name: string;
  year: number;
  status: EditionStatus;
  rules: EditionRules;
  ballot_order: BallotOrder;
}

interface PhaseRow {
  phase: Phase;
  starts_at: Date;
  ends_at: Date;
}

interface CategoryRow {
  id: string;
  name_pl: string;
  name_en: string;
}

interface PoolRow {
  id: string;
  name: string;
  area_id: string | null;
  category_id: string | null;
  amount: string;
  min_cost: string | null;
  max_cost: string | null;
  min_cost_bp: number | null;
  max_cost_bp: number | null;
  signatures_required: number;
  residents: number;
}

interface EditionScheduleRow {
  id: string;
  name: string;
  voting_ends_at: Date | null;
  results_ends_at: Date | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const headOf = (r: EditionRow): EditionHead => ({
  id: r.id,
  name: r.name,
  year: r.year,
  status: r.status,
  rules: r.rules,
  ballotOrder: r.ballot_order,
});

const scheduleOf = (r: EditionScheduleRow): EditionSchedule => ({
  id: r.id,
  name: r.name,
  votingEndsAt: r.voting_ends_at ? new Date(r.voting_ends_at) : null,
  resultsEndsAt: r.results_ends_at ? new Date(r.results_ends_at) : null,
});

const phaseOf = (r: PhaseRow): PhaseWindow => ({ phase: r.phase, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at) });

const categoryOf = (c: CategoryRow): { id: string } & CategoryInput => ({ id: c.id, namePl: c.name_pl, nameEn: c.name_en });

const poolOf = (p: PoolRow): Pool => ({
  id: p.id,
  name: p.name,
  areaId: p.area_id ?? null,
  categoryId: p.category_id ?? null,
  amount: Number(p.amount),
  minCost: num(p.min_cost),
  maxCost: num(p.max_cost),
  minCostBp: num(p.min_cost_bp),
  maxCostBp: num(p.max_cost_bp),
  signaturesRequired: p.signatures_required,
  // The statutory cap: floor(0.1 % × residents of the pool's area).
  signatureCap: Math.floor(p.residents / 1000),
});

/**
 * The SQL of `budget_editions` and what belongs to an edition (its phases, categories and pools), with the
 * edition's topics and a user's budget personal data. Methods used in a transaction take its EntityManager first;
 * the others read through the DataSource.
 */
@Injectable()
export class EditionRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts a draft edition; returns its id. */
  async insert(m: EntityManager, e: NewEdition): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO budget_editions (name, year, rules, ballot_order) VALUES ($1, $2, $3::jsonb, $4) RETURNING id`,
      [e.name, e.year, JSON.stringify(e.rules), e.ballotOrder],
    );
    return id;
  }

  /**
   * Inserts the edition of an imported election (a Pabulib file): published at once and in its vote-verification
   * phase, its ballots being imported with it; returns its id.
   */
  async insertImported(m: EntityManager, name: string, year: number, rules: EditionRules): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO budget_editions (name, year, status, rules, current_phase) VALUES ($1, $2, 'published', $3::jsonb, 'vote_verification') RETURNING id`,
      [name, year, JSON.stringify(rules)],
    );
    return id;
  }

  /** Whether an edition has this name (names are unique whatever their case). */
  async nameTaken(m: EntityManager, name: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM budget_editions WHERE lower(name) = lower($1)`, [name])).length > 0;
  }

  /** Sets how many projects the edition has numbered (the next submitted project takes the number after it). */
  async setProjectCounter(m: EntityManager, id: string, count: number): Promise<void> {
    await m.query(`UPDATE budget_editions SET project_counter = $2 WHERE id = $1`, [id, count]);
  }

  /** The edition's rules, its row locked for the rest of the transaction; undefined when there is none. */
  lockForUpdate(m: EntityManager, id: string): Promise<{ rules: EditionRules } | undefined> {
    return queryOne<{ rules: EditionRules }>(m, `SELECT rules FROM budget_editions WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The published edition's ballot order, its row locked for the rest of the transaction; undefined when there is none. */
  async lockPublished(m: EntityManager, id: string): Promise<{ id: string; ballotOrder: BallotOrder } | undefined> {
    const r = await queryOne<{ id: string; ballot_order: BallotOrder }>(
      m,
      `SELECT id, ballot_order FROM budget_editions WHERE id = $1 AND status = 'published' FOR UPDATE`,
      [id],
    );
    return r && { id: r.id, ballotOrder: r.ballot_order };
  }

  /** Writes the edition's name, year, rules and ballot order. */
  async update(m: EntityManager, id: string, c: EditionChange): Promise<void> {
    await m.query(
      `UPDATE budget_editions SET name = COALESCE($2, name), year = COALESCE($3, year), rules = $4::jsonb,
              ballot_order = COALESCE($5, ballot_order), updated_at = now() WHERE id = $1`,
      [id, c.name, c.year, JSON.stringify(c.rules), c.ballotOrder],
    );
  }

  /** Publishes the edition; false when there is none. */
  async publish(id: string): Promise<boolean> {
    const rows = rowsOf(await this.ds.manager.query(`UPDATE budget_editions SET status = 'published', updated_at = now() WHERE id = $1 RETURNING id`, [id]));
    return rows.length > 0;
  }

  /** Records the phase under way unless it already is; returns the edition's name when it moved, else undefined. */
  async setCurrentPhase(m: EntityManager, id: string, phase: Phase | null): Promise<string | undefined> {
    const moved = rowsOf<{ name: string }>(
      await m.query(`UPDATE budget_editions SET current_phase = $2 WHERE id = $1 AND current_phase IS DISTINCT FROM $2 RETURNING name`, [id, phase]),
    );
    return moved[0]?.name;
  }

  /** The edition's name, year and status, its row locked for the rest of the transaction; undefined when there is none. */
  lockLabel(m: EntityManager, id: string): Promise<EditionLabel | undefined> {
    return queryOne<EditionLabel>(m, `SELECT id, name, year, status FROM budget_editions WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The edition's name, year and status (drafts too); undefined when there is none. */
  findLabel(m: EntityManager, id: string): Promise<EditionLabel | undefined> {
    return queryOne<EditionLabel>(m, `SELECT id, name, year, status FROM budget_editions WHERE id = $1`, [id]);
  }

  /** The edition's id and status; undefined when there is none. */
  findStatus(m: EntityManager, id: string): Promise<{ id: string; status: EditionStatus } | undefined> {
    return queryOne<{ id: string; status: EditionStatus }>(m, `SELECT id, status FROM budget_editions WHERE id = $1`, [id]);
  }

  /** The edition's own row (drafts too); undefined when there is none. */
  async findHead(m: EntityManager, id: string): Promise<EditionHead | undefined> {
    const r = await queryOne<EditionRow>(m, `SELECT id, name, year, status, rules, ballot_order FROM budget_editions WHERE id = $1`, [id]);
    return r && headOf(r);
  }

  /** Editions, newest year first, drafts only with `includeDraft`. */
  list(includeDraft: boolean): Promise<Array<{ id: string; name: string; year: number; status: string }>> {
    return queryRows<{ id: string; name: string; year: number; status: string }>(
      this.ds.manager,
      `SELECT id, name, year, status FROM budget_editions WHERE $1::boolean OR status = 'published' ORDER BY year DESC, lower(name)`,
      [includeDraft],
    );
  }

  /** The newest published editions, at most `limit`. */
  listNewestPublished(limit: number): Promise<Array<{ id: string; name: string; year: number }>> {
    return queryRows<{ id: string; name: string; year: number }>(
      this.ds.manager,
      `SELECT id, name, year FROM budget_editions WHERE status = 'published' ORDER BY year DESC, created_at DESC LIMIT $1`,
      [limit],
    );
  }

  /** The names of the published editions among `ids` (the edition topics' names). */
  listPublishedNames(m: EntityManager, ids: string[]): Promise<Array<{ id: string; name: string }>> {
    return queryRows<{ id: string; name: string }>(m, `SELECT id, name FROM budget_editions WHERE id = ANY($1::uuid[]) AND status = 'published'`, [ids]);
  }

  /** The ids of the five newest published editions (the edition topics offered to subscribers). */
  async listOfferedIds(m: EntityManager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM budget_editions WHERE status = 'published' ORDER BY year DESC LIMIT 5`);
    return rows.map((r) => r.id);
  }

  /**
   * The published editions among `ids` with the ends of their voting and results phases: the nearest end of results
   * first (editions without a results phase last), then by name.
   */
  async listPublishedSchedules(m: EntityManager, ids: string[]): Promise<EditionSchedule[]> {
    const rows = await queryRows<EditionScheduleRow>(
      m,
      `SELECT e.id, e.name,
              (SELECT ends_at FROM budget_phases p WHERE p.edition_id = e.id AND p.phase = 'voting') AS voting_ends_at,
              (SELECT ends_at FROM budget_phases p WHERE p.edition_id = e.id AND p.phase = 'results') AS results_ends_at
         FROM budget_editions e
        WHERE e.id = ANY($1::uuid[]) AND e.status = 'published'
        ORDER BY results_ends_at NULLS LAST, lower(e.name)`,
      [ids],
    );
    return rows.map(scheduleOf);
  }

  /** Records when the edition's results were published (in the transaction that publishes them). */
  async markResultsPublished(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE budget_editions SET results_published_at = $2 WHERE id = $1`, [id, at]);
  }

  /** When the edition's results were published, or null before (and for an unknown edition). */
  async resultsPublishedAt(editionId: string): Promise<Date | null> {
    const r = await queryOne<{ results_published_at: Date | null }>(this.ds.manager, `SELECT results_published_at FROM budget_editions WHERE id = $1`, [
      editionId,
    ]);
    return r?.results_published_at ? new Date(r.results_published_at) : null;
  }

  /** Inserts the phases' windows of the edition, one by one in the given order. */
  async insertPhases(m: EntityManager, editionId: string, phases: PhaseWindow[]): Promise<void> {
    for (const p of phases) {
      await m.query(`INSERT INTO budget_phases (edition_id, phase, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [editionId, p.phase, p.startsAt, p.endsAt]);
    }
  }

  /** Deletes the edition's phases. */
  async deletePhases(m: EntityManager, editionId: string): Promise<void> {
    await m.query(`DELETE FROM budget_phases WHERE edition_id = $1`, [editionId]);
  }

  /** The edition's phase windows, in time order. */
  async listPhases(m: EntityManager, editionId: string): Promise<PhaseWindow[]> {
    const rows = await queryRows<PhaseRow>(m, `SELECT phase, starts_at, ends_at FROM budget_phases WHERE edition_id = $1 ORDER BY starts_at`, [editionId]);
    return rows.map(phaseOf);
  }

  /** The phase windows of several editions, in time order, each with its edition's id. */
  async listPhasesOf(editionIds: string[], m: EntityManager = this.ds.manager): Promise<Array<{ editionId: string } & PhaseWindow>> {
    const rows = await queryRows<{ edition_id: string } & PhaseRow>(
      m,
      `SELECT edition_id, phase, starts_at, ends_at FROM budget_phases WHERE edition_id = ANY($1::uuid[]) ORDER BY starts_at`,
      [editionIds],
    );
    return rows.map((r) => ({ editionId: r.edition_id, ...phaseOf(r) }));
  }

  /** Inserts a category of the edition (names already cleaned); a taken name fails with a unique violation. */
  async insertCategory(m: EntityManager, editionId: string, c: CategoryInput): Promise<void> {
    await m.query(`INSERT INTO budget_categories (edition_id, name_pl, name_en) VALUES ($1, $2, $3)`, [editionId, c.namePl, c.nameEn]);
  }

  /** Whether the category exists in the edition. */
  async categoryExists(m: EntityManager, categoryId: string, editionId: string): Promise<boolean> {
    const rows = await queryRows<unknown>(m, `SELECT 1 FROM budget_categories WHERE id = $1 AND edition_id = $2`, [categoryId, editionId]);
    return rows.length > 0;
  }

  /** The edition's categories, by Polish name. */
  async listCategories(m: EntityManager, editionId: string): Promise<Array<{ id: string } & CategoryInput>> {
    const rows = await queryRows<CategoryRow>(m, `SELECT id, name_pl, name_en FROM budget_categories WHERE edition_id = $1 ORDER BY lower(name_pl)`, [
      editionId,
    ]);
    return rows.map(categoryOf);
  }

  /** Inserts a pool of the edition (name already cleaned); a taken name fails with a unique violation. */
  async insertPool(m: EntityManager, editionId: string, p: PoolInput): Promise<void> {
    await m.query(
      `INSERT INTO budget_pools (edition_id, name, area_id, category_id, amount, min_cost, max_cost, min_cost_bp, max_cost_bp, signatures_required)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        editionId,
        p.name,
        p.areaId ?? null,
        p.categoryId ?? null,
        p.amount,
        p.minCost ?? null,
        p.maxCost ?? null,
        p.minCostBp ?? null,
        p.maxCostBp ?? null,
        p.signaturesRequired,
      ],
    );
  }

  /** The edition's pools (city-wide first, then by area and name), each with its signature cap. */
  async listPools(m: EntityManager, editionId: string): Promise<Pool[]> {
    const rows = await queryRows<PoolRow>(
      m,
      `SELECT p.*, COALESCE(a.resident_count, (SELECT COALESCE(sum(resident_count), 0) FROM areas WHERE parent_id IS NULL))::int AS residents
         FROM budget_pools p LEFT JOIN areas a ON a.id = p.area_id WHERE p.edition_id = $1 ORDER BY p.area_id NULLS FIRST, lower(p.name)`,
      [editionId],
    );
    return rows.map(poolOf);
  }

  /** The ids of the edition's pools, in id order. */
  async listPoolIds(m: EntityManager, editionId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM budget_pools WHERE edition_id = $1 ORDER BY id`, [editionId]);
    return rows.map((r) => r.id);
  }

  /** Residents of the area; undefined when there is no such area. */
  async areaResidents(m: EntityManager, areaId: string): Promise<number | undefined> {
    const r = await queryOne<{ resident_count: number }>(m, `SELECT resident_count FROM areas WHERE id = $1`, [areaId]);
    return r?.resident_count;
  }

  /** Residents of the city (the sum of the root areas). */
  async cityResidents(m: EntityManager): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT COALESCE(sum(resident_count), 0)::int AS n FROM areas WHERE parent_id IS NULL`);
    return n;
  }

  /** The projects the user is an author of, oldest first (their personal data). */
  listProjectsOfUser(m: EntityManager, userId: string): Promise<PersonalProjectRow[]> {
    return queryRows<PersonalProjectRow>(
      m,
      `SELECT p.id, p.title, p.status, a.role AS "authorRole", p.created_at AS "createdAt", p.submitted_at AS "submittedAt"
             FROM budget_project_authors a JOIN budget_projects p ON p.id = a.project_id WHERE a.user_id = $1 ORDER BY p.created_at`,
      [userId],
    );
  }

  /** The projects the user endorsed, oldest endorsement first (their personal data). */
  listEndorsementsOfUser(m: EntityManager, userId: string): Promise<PersonalEndorsementRow[]> {
    return queryRows<PersonalEndorsementRow>(
      m,
      `SELECT e.project_id AS "projectId", p.title, e.created_at AS "createdAt" FROM budget_endorsements e JOIN budget_projects p ON p.id = e.project_id
            WHERE e.user_id = $1 ORDER BY e.created_at`,
      [userId],
    );
  }
}
