import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { TallyResultJson } from '@civitas/tally';
import type { PoolProject, PoolSpecRow, VotingPolicyRow } from './pool-election';
import type { AuditView, TallyRunView } from './results.service';

/**
 * The code a project goes by in the tally and its results: its public code (an imported Pabulib project's id), else
 * `P<number>` (a project submitted on the platform), else `P<id>`. Every query that maps between projects and the
 * tally's codes uses this one expression (`p` is the alias of budget_projects).
 */
export const PROJECT_CODE_SQL = `COALESCE(p.code, 'P' || COALESCE(p.number::text, p.id::text))`;

/** A pool's stored result of a run, with the pool's name and area. */
export interface StoredPoolResult {
  poolId: string;
  inputsSha256: string;
  result: TallyResultJson;
  name: string;
  areaId: string | null;
}

/** A project of an edition by its tally code. */
export interface ProjectCode {
  id: string;
  code: string;
  title: string;
}

/** An edition with a vote, as the officials' desk lists it. */
export interface DeskEdition {
  id: string;
  name: string;
  votingEndsAt: Date | null;
  resultsEndsAt: Date | null;
  run: TallyRunView['status'] | null;
  publishedAt: Date | null;
}

/** A published edition's name and its publication (null tally run when not published). */
export interface PublishedEdition {
  name: string;
  tallyRunId: string | null;
  publishedAt: Date | null;
}

/** A pool of a published run, for its Pabulib export: names, year and its stored result (null when none). */
export interface ExportedPool {
  name: string;
  editionName: string;
  year: number;
  result: TallyResultJson | null;
}

/** The choice of a ballot, as the tally reads it. */
export interface BallotChoiceRow {
  ballot_id: string;
  pool_id: string;
  project_id: string;
  position: number;
  points: number;
}

/** A pool's stored result to write: its inputs' hash and the result as JSON text. */
export interface NewPoolResult {
  poolId: string;
  sha: string;
  json: string;
}

/** An imported project (a Pabulib file's), on the ballot. */
export interface ImportedProject {
  id: string;
  number: number;
  title: string;
  cost: string;
  code: string;
}

/** An imported ballot: its id, voter key and reference. */
export interface ImportedBallot {
  id: string;
  voterKey: string;
  reference: string;
}

/** One choice of an imported ballot. */
export interface ImportedChoice {
  ballotId: string;
  projectId: string;
  position: number;
  points: number;
}

/** The ballot spec of an imported pool, as stored. */
export interface ImportedPoolSpec {
  voteType: string;
  minLength: number;
  maxLength: number | null;
  maxSumCost: string | null;
  pointsTotal: number | null;
  maxPointsPerProject: number | null;
  exactLength: boolean;
}

interface StoredPoolResultRow {
  pool_id: string;
  inputs_sha256: string;
  result: TallyResultJson;
  name: string;
  area_id: string | null;
}

interface DeskEditionRow {
  id: string;
  name: string;
  voting_ends_at: Date | null;
  results_ends_at: Date | null;
  run: TallyRunView['status'] | null;
  published_at: Date | null;
}

interface AuditRow extends Omit<AuditView, 'seq'> {
  seq: string;
}

interface ExportedPoolRow {
  name: string;
  edition_name: string;
  year: number;
  result: TallyResultJson | null;
}

const storedPoolResultOf = (r: StoredPoolResultRow): StoredPoolResult => ({
  poolId: r.pool_id,
  inputsSha256: r.inputs_sha256,
  result: r.result,
  name: r.name,
  areaId: r.area_id,
});

const deskEditionOf = (r: DeskEditionRow): DeskEdition => ({
  id: r.id,
  name: r.name,
  votingEndsAt: r.voting_ends_at ? new Date(r.voting_ends_at) : null,
  resultsEndsAt: r.results_ends_at ? new Date(r.results_ends_at) : null,
  run: r.run,
  publishedAt: r.published_at ? new Date(r.published_at) : null,
});

const auditOf = (r: AuditRow): AuditView => ({ ...r, seq: Number(r.seq) });

/** A text as an SQL string literal. */
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The SQL of the stored results (`pool_results`, `edition_results`), their publication and audit trail, the reads
 * that load a pool as an election for the tally, and the writes of the Pabulib import, as named methods with typed
 * rows. The `budget_*`, ballot and voter statements of these use cases live here too for now. Methods that change
 * data take the transaction's EntityManager; reads take one optionally.
 */
@Injectable()
export class ResultsRepository {
  constructor(private readonly ds: DataSource) {}

  // --- Editions ---

  /** Locks the edition and reads its id and name; undefined when there is no such edition. */
  lockEdition(m: EntityManager, editionId: string): Promise<{ id: string; name: string } | undefined> {
    return queryOne<{ id: string; name: string }>(m, `SELECT id, name FROM budget_editions WHERE id = $1 FOR UPDATE`, [editionId]);
  }

  /** The edition's id and name, unlocked; undefined when there is no such edition. */
  findEdition(editionId: string, m: EntityManager = this.ds.manager): Promise<{ id: string; name: string } | undefined> {
    return queryOne<{ id: string; name: string }>(m, `SELECT id, name FROM budget_editions WHERE id = $1`, [editionId]);
  }

  /** Whether the edition exists. */
  async editionExists(editionId: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT id FROM budget_editions WHERE id = $1`, [editionId])).length > 0;
  }

  /** Whether the edition has a voting policy. */
  async hasVotingPolicy(m: EntityManager, editionId: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM voting_policies WHERE edition_id = $1`, [editionId])).length > 0;
  }

  /**
   * The editions with a vote, for the officials' desk: the voting and results windows, the latest run's status and
   * the publication date; the nearest end of results first.
   */
  async listDeskEditions(m: EntityManager = this.ds.manager): Promise<DeskEdition[]> {
    const rows = await queryRows<DeskEditionRow>(
      m,
      `SELECT e.id, e.name,
              (SELECT ends_at FROM budget_phases p WHERE p.edition_id = e.id AND p.phase = 'voting') AS voting_ends_at,
              (SELECT ends_at FROM budget_phases p WHERE p.edition_id = e.id AND p.phase = 'results') AS results_ends_at,
              (SELECT status FROM tally_runs t WHERE t.edition_id = e.id ORDER BY created_at DESC, id DESC LIMIT 1) AS run,
              r.published_at
         FROM budget_editions e JOIN voting_policies v ON v.edition_id = e.id LEFT JOIN edition_results r ON r.edition_id = e.id
        WHERE e.status = 'published'
        ORDER BY results_ends_at NULLS LAST, lower(e.name)`,
    );
    return rows.map(deskEditionOf);
  }

  // --- Stored results and their publication ---

  /** The pools' stored results of a run, with each pool's name and area (city-wide first, then by area and name). */
  async listPoolResults(m: EntityManager, tallyRunId: string): Promise<StoredPoolResult[]> {
    const rows = await queryRows<StoredPoolResultRow>(
      m,
      `SELECT r.pool_id, r.inputs_sha256, r.result, p.name, p.area_id FROM pool_results r JOIN budget_pools p ON p.id = r.pool_id
        WHERE r.tally_run_id = $1 ORDER BY p.area_id NULLS FIRST, lower(p.name)`,
      [tallyRunId],
    );
    return rows.map(storedPoolResultOf);
  }

  /** The stored result of each pool of a run, by pool. */
  async listResultsByPool(tallyRunId: string, m: EntityManager = this.ds.manager): Promise<Map<string, TallyResultJson>> {
    const rows = await queryRows<{ pool_id: string; result: TallyResultJson }>(m, `SELECT pool_id, result FROM pool_results WHERE tally_run_id = $1`, [
      tallyRunId,
    ]);
    return new Map(rows.map((r) => [r.pool_id, r.result]));
  }

  /** The edition's projects with their tally codes. */
  listProjectCodes(m: EntityManager, editionId: string): Promise<ProjectCode[]> {
    return queryRows<ProjectCode>(m, `SELECT p.id, ${PROJECT_CODE_SQL} AS code, p.title FROM budget_projects p WHERE p.edition_id = $1`, [editionId]);
  }

  /** Removes a run's stored results (a run computed again replaces them). */
  async deletePoolResults(m: EntityManager, tallyRunId: string): Promise<void> {
    await m.query(`DELETE FROM pool_results WHERE tally_run_id = $1`, [tallyRunId]);
  }

  /** Stores a pool's result of a run. */
  async insertPoolResult(m: EntityManager, tallyRunId: string, r: NewPoolResult): Promise<void> {
    await m.query(`INSERT INTO pool_results (tally_run_id, pool_id, inputs_sha256, result) VALUES ($1, $2, $3, $4::jsonb)`, [
      tallyRunId,
      r.poolId,
      r.sha,
      r.json,
    ]);
  }

  /** Whether the edition's results are published. */
  async isPublished(m: EntityManager, editionId: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM edition_results WHERE edition_id = $1`, [editionId])).length > 0;
  }

  /** The edition's publication: the published run and when; undefined before publication. */
  async findPublication(editionId: string, m: EntityManager = this.ds.manager): Promise<{ tallyRunId: string; publishedAt: Date } | undefined> {
    const r = await queryOne<{ tally_run_id: string; published_at: Date }>(m, `SELECT tally_run_id, published_at FROM edition_results WHERE edition_id = $1`, [
      editionId,
    ]);
    return r && { tallyRunId: r.tally_run_id, publishedAt: r.published_at };
  }

  /** The published run of a published edition (null before publication); undefined when there is no such published edition. */
  async findPublishedRun(editionId: string, m: EntityManager = this.ds.manager): Promise<{ tallyRunId: string | null } | undefined> {
    const r = await queryOne<{ id: string; tally_run_id: string | null }>(
      m,
      `SELECT e.id, r.tally_run_id FROM budget_editions e LEFT JOIN edition_results r ON r.edition_id = e.id WHERE e.id = $1 AND e.status = 'published'`,
      [editionId],
    );
    return r && { tallyRunId: r.tally_run_id };
  }

  /** A published edition's name and publication; undefined when there is no such published edition. */
  async findPublishedEdition(editionId: string, m: EntityManager = this.ds.manager): Promise<PublishedEdition | undefined> {
    const r = await queryOne<{ name: string; tally_run_id: string | null; published_at: Date | null }>(
      m,
      `SELECT e.name, r.tally_run_id, r.published_at FROM budget_editions e LEFT JOIN edition_results r ON r.edition_id = e.id
        WHERE e.id = $1 AND e.status = 'published'`,
      [editionId],
    );
    return r && { name: r.name, tallyRunId: r.tally_run_id, publishedAt: r.published_at };
  }

  /** The areas of the edition's pools with a result of a finished run (null: a city-wide pool). */
  async listTalliedPoolAreas(editionId: string, m: EntityManager = this.ds.manager): Promise<Array<string | null>> {
    const rows = await queryRows<{ area_id: string | null }>(
      m,
      `SELECT DISTINCT p.area_id FROM budget_pools p
        WHERE p.edition_id = $1
          AND EXISTS (SELECT 1 FROM pool_results r JOIN tally_runs t ON t.id = r.tally_run_id WHERE r.pool_id = p.id AND t.status = 'done')`,
      [editionId],
    );
    return rows.map((r) => r.area_id);
  }

  /** Records the publication of a run's results. */
  async insertPublication(m: EntityManager, editionId: string, tallyRunId: string, publishedBy: string): Promise<void> {
    await m.query(`INSERT INTO edition_results (edition_id, tally_run_id, published_by) VALUES ($1, $2, $3)`, [editionId, tallyRunId, publishedBy]);
  }

  /** Moves a project still on the ballot to its outcome (selected or not_selected); any other status is left. */
  async setOutcomeStatus(m: EntityManager, projectId: string, status: 'selected' | 'not_selected'): Promise<void> {
    await m.query(`UPDATE budget_projects SET status = $2, updated_at = now() WHERE id = $1 AND status = 'on_ballot' RETURNING id`, [projectId, status]);
  }

  /** The voters who asked to be told of the results: one address each (its first locale), never erased. */
  listResultSubscribers(m: EntityManager, editionId: string): Promise<Array<{ email: string; locale: 'pl' | 'en' }>> {
    return queryRows<{ email: string; locale: 'pl' | 'en' }>(
      m,
      `SELECT DISTINCT ON (lower(email)) lower(email) AS email, locale FROM voter_identities
          WHERE edition_id = $1 AND wants_results AND email IS NOT NULL AND erased_at IS NULL ORDER BY lower(email), created_at`,
      [editionId],
    );
  }

  /** A pool of the edition with its stored result of the run, for its Pabulib export; undefined when no such pool. */
  async findPoolForExport(editionId: string, poolId: string, tallyRunId: string, m: EntityManager = this.ds.manager): Promise<ExportedPool | undefined> {
    const r = await queryOne<ExportedPoolRow>(
      m,
      `SELECT p.name, e.name AS edition_name, e.year, r.result FROM budget_pools p JOIN budget_editions e ON e.id = p.edition_id
         LEFT JOIN pool_results r ON r.pool_id = p.id AND r.tally_run_id = $3
        WHERE p.id = $1 AND p.edition_id = $2`,
      [poolId, editionId, tallyRunId],
    );
    return r && { name: r.name, editionName: r.edition_name, year: r.year, result: r.result };
  }

  // --- Audit ---

  /** The edition's entries of the audit log, in order. */
  async listEditionAudit(editionId: string, m: EntityManager = this.ds.manager): Promise<AuditView[]> {
    const rows = await queryRows<AuditRow>(
      m,
      `SELECT seq::text AS seq, at, actor_id AS "actorId", action, details, prev_hash AS "prevHash", hash
         FROM audit_log a WHERE subject_type = 'edition' AND subject_id = $1 ORDER BY a.seq`,
      [editionId],
    );
    return rows.map(auditOf);
  }

  /** How many entries of the whole audit log fail their hash chain (0: the chain verifies). */
  async countBrokenAuditLinks(m: EntityManager = this.ds.manager): Promise<number> {
    // Recomputed over the whole log: each entry's hash from its fields and the previous entry's hash.
    const [{ broken }] = await queryRows<{ broken: number }>(
      m,
      `SELECT count(*)::int AS broken FROM (
         SELECT hash, prev_hash, audit_entry_hash(prev_hash, a) AS recomputed, lag(hash) OVER (ORDER BY seq) AS previous FROM audit_log a
       ) x WHERE hash <> recomputed OR prev_hash IS DISTINCT FROM previous`,
    );
    return broken;
  }

  // --- A pool as an election (the tally's reads) ---

  /** The ids of the edition's pools, oldest first. */
  async listPoolIds(editionId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM budget_pools WHERE edition_id = $1 ORDER BY created_at, id`, [editionId]);
    return rows.map((r) => r.id);
  }

  /** The pool's budget (grosze, as text); undefined when the pool is not in the edition. */
  async findPoolAmount(m: EntityManager, editionId: string, poolId: string): Promise<string | undefined> {
    const r = await queryOne<{ id: string; amount: string }>(m, `SELECT id, amount FROM budget_pools WHERE id = $1 AND edition_id = $2`, [poolId, editionId]);
    return r?.amount;
  }

  /** The edition's voting policy (rule, options, tie seed); undefined when it has none. */
  findVotingPolicy(m: EntityManager, editionId: string): Promise<VotingPolicyRow | undefined> {
    return queryOne<VotingPolicyRow>(m, `SELECT rule, rule_options, tie_seed FROM voting_policies WHERE edition_id = $1`, [editionId]);
  }

  /** The pool's ballot spec; undefined when it has none. */
  findPoolSpec(m: EntityManager, poolId: string): Promise<PoolSpecRow | undefined> {
    return queryOne<PoolSpecRow>(m, `SELECT * FROM voting_pool_specs WHERE pool_id = $1`, [poolId]);
  }

  /** The pool's projects on the ballot (or with an outcome), in ballot order, with their tally codes. */
  async listBallotProjects(m: EntityManager, poolId: string): Promise<PoolProject[]> {
    const rows = await queryRows<{ id: string; code: string; title: string; total_cost: string }>(
      m,
      `SELECT p.id, ${PROJECT_CODE_SQL} AS code, p.title, p.total_cost
       FROM budget_projects p
      WHERE p.pool_id = $1 AND p.status IN ('on_ballot', 'selected', 'not_selected')
      ORDER BY p.ballot_position NULLS LAST, 2, p.id`,
      [poolId],
    );
    return rows.map((p) => ({ id: p.id, code: p.code, title: p.title, cost: BigInt(p.total_cost) }));
  }

  /** The ids of the edition's next `limit` valid ballots after `after`, in id order. */
  async listValidBallotIds(m: EntityManager, editionId: string, after: string, limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `SELECT id FROM ballots WHERE edition_id = $1 AND status = 'valid' AND id > $2 ORDER BY id LIMIT ${limit}`,
      [editionId, after],
    );
    return rows.map((r) => r.id);
  }

  /** The choices of the ballots, in every pool. */
  listChoices(m: EntityManager, ballotIds: string[]): Promise<BallotChoiceRow[]> {
    return queryRows<BallotChoiceRow>(m, `SELECT ballot_id, pool_id, project_id, position, points FROM ballot_choices WHERE ballot_id = ANY($1::uuid[])`, [
      ballotIds,
    ]);
  }

  /** The pool's exclusion groups, each as the sorted tally codes of its projects on the ballot, in group order. */
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

  // --- The Pabulib import's writes ---

  /** Whether a file of this hash was imported already (its hash is the imported edition's tie seed). */
  async isImported(m: EntityManager, sha: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM voting_policies WHERE tie_seed = $1`, [`import:${sha}`])).length > 0;
  }

  /** Whether an edition has this name (case-insensitive). */
  async editionNameTaken(m: EntityManager, name: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM budget_editions WHERE lower(name) = lower($1)`, [name])).length > 0;
  }

  /** Creates the imported edition, published and in its vote-verification phase; its id. */
  async insertImportedEdition(m: EntityManager, name: string, year: number, rules: unknown): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO budget_editions (name, year, status, rules, current_phase) VALUES ($1, $2, 'published', $3::jsonb, 'vote_verification') RETURNING id`,
      [name, year, JSON.stringify(rules)],
    );
    return id;
  }

  /** Records the edition's phases, one statement each, in order. */
  async insertPhases(m: EntityManager, editionId: string, phases: Array<{ phase: string; startsAt: Date; endsAt: Date }>): Promise<void> {
    for (const p of phases) {
      await m.query(`INSERT INTO budget_phases (edition_id, phase, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [editionId, p.phase, p.startsAt, p.endsAt]);
    }
  }

  /** Creates a pool of the edition with its budget (grosze, as text); its id. */
  async insertPool(m: EntityManager, editionId: string, name: string, amount: string): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(m, `INSERT INTO budget_pools (edition_id, name, amount) VALUES ($1, $2, $3) RETURNING id`, [
      editionId,
      name,
      amount,
    ]);
    return id;
  }

  /** Records the edition's voting policy (one area pool per voter). */
  async insertVotingPolicy(m: EntityManager, editionId: string, rule: string, ruleOptions: object, tieSeed: string): Promise<void> {
    await m.query(`INSERT INTO voting_policies (edition_id, rule, rule_options, tie_seed, max_area_pools) VALUES ($1, $2, $3::jsonb, $4, 1)`, [
      editionId,
      rule,
      JSON.stringify(ruleOptions),
      tieSeed,
    ]);
  }

  /** Records the pool's ballot spec. */
  async insertPoolSpec(m: EntityManager, poolId: string, s: ImportedPoolSpec): Promise<void> {
    await m.query(
      `INSERT INTO voting_pool_specs (pool_id, vote_type, min_length, max_length, max_sum_cost, points_total, max_points_per_project, exact_length)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [poolId, s.voteType, s.minLength, s.maxLength, s.maxSumCost, s.pointsTotal, s.maxPointsPerProject, s.exactLength],
    );
  }

  /** Finds or creates the (disabled) account imported projects are recorded as created by; its id. */
  async importAccountId(m: EntityManager, email: string): Promise<string> {
    await m.query(
      `INSERT INTO users (email, display_name, password_hash, disabled_at) VALUES ($1, 'Import Pabulib', '!', now()) ON CONFLICT (email) DO NOTHING`,
      [email],
    );
    const [{ id }] = await queryRows<{ id: string }>(m, `SELECT id FROM users WHERE email = $1`, [email]);
    return id;
  }

  /** Records imported projects on the ballot of the pool, in one multi-row INSERT. */
  async insertImportedProjects(m: EntityManager, editionId: string, poolId: string, userId: string, projects: ImportedProject[]): Promise<void> {
    const values = projects.map(
      (p) =>
        `('${p.id}', '${editionId}', '${poolId}', ${p.number}, 'on_ballot', ${sqlText(p.title)}, ${p.cost}, '${userId}', ${sqlText(p.code)}, ${p.number}, now())`,
    );
    await m.query(
      `INSERT INTO budget_projects (id, edition_id, pool_id, number, status, title, total_cost, created_by, code, ballot_position, submitted_at) VALUES ${values.join(',')}`,
    );
  }

  /** Sets how many projects the edition has numbered. */
  async setProjectCounter(m: EntityManager, editionId: string, count: number): Promise<void> {
    await m.query(`UPDATE budget_editions SET project_counter = $2 WHERE id = $1`, [editionId, count]);
  }

  /** Records the pool's ballot list (alphabetical order). */
  async insertBallotList(m: EntityManager, editionId: string, poolId: string, projectIds: string[]): Promise<void> {
    await m.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, project_ids) VALUES ($1, $2, 'alphabetical', $3::uuid[])`, [
      editionId,
      poolId,
      projectIds,
    ]);
  }

  /** Records imported ballots as valid, confirmed paper ballots, in one multi-row INSERT. */
  async insertImportedBallots(m: EntityManager, editionId: string, ballots: ImportedBallot[]): Promise<void> {
    const values = ballots.map((b) => `('${b.id}', '${editionId}', '${b.voterKey}', 'paper', 'valid', '${b.reference}', now())`);
    await m.query(`INSERT INTO ballots (id, edition_id, voter_key, channel, status, reference, confirmed_at) VALUES ${values.join(',')}`);
  }

  /** Records the choices of imported ballots in the pool, in one multi-row INSERT. */
  async insertImportedChoices(m: EntityManager, poolId: string, choices: ImportedChoice[]): Promise<void> {
    const values = choices.map((c) => `('${c.ballotId}', '${poolId}', '${c.projectId}', ${c.position}, ${c.points})`);
    await m.query(`INSERT INTO ballot_choices (ballot_id, pool_id, project_id, position, points) VALUES ${values.join(',')}`);
  }

  /** Refreshes the planner's statistics of the tables a bulk import fills. */
  async analyzeImportedTables(m: EntityManager = this.ds.manager): Promise<void> {
    for (const table of ['ballots', 'ballot_choices', 'budget_projects']) await m.query(`ANALYZE ${table}`);
  }
}
