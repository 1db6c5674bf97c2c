import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { TallyResultJson } from '@civitas/tally';
import type { PoolSpecRow, VotingPolicyRow } from './pool-election';
import type { AuditView, TallyRunView } from './results.service';

/** A pool's stored result of a run. */
export interface StoredPoolResult {
  poolId: string;
  inputsSha256: string;
  result: TallyResultJson;
}

/** An edition with a voting policy, as the officials' desk lists it: its latest run's status and its publication. */
export interface VotingEditionState {
  editionId: string;
  run: TallyRunView['status'] | null;
  publishedAt: Date | null;
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
}

interface VotingEditionRow {
  edition_id: string;
  run: TallyRunView['status'] | null;
  published_at: Date | null;
}

interface AuditRow extends Omit<AuditView, 'seq'> {
  seq: string;
}

const storedPoolResultOf = (r: StoredPoolResultRow): StoredPoolResult => ({
  poolId: r.pool_id,
  inputsSha256: r.inputs_sha256,
  result: r.result,
});

const votingEditionOf = (r: VotingEditionRow): VotingEditionState => ({
  editionId: r.edition_id,
  run: r.run,
  publishedAt: r.published_at ? new Date(r.published_at) : null,
});

const auditOf = (r: AuditRow): AuditView => ({ ...r, seq: Number(r.seq) });

/**
 * The SQL of the stored results (`pool_results`, `edition_results`), their publication and audit trail, the reads
 * of the vote that load a pool as an election for the tally, and the vote's writes of the Pabulib import, as named
 * methods with typed rows. The editions, pools and projects these use cases need are the budget's, read and written
 * through its repositories. Methods that change data take the transaction's EntityManager; reads take one
 * optionally.
 */
@Injectable()
export class ResultsRepository {
  constructor(private readonly ds: DataSource) {}

  // --- Editions ---

  /** Whether the edition has a voting policy. */
  async hasVotingPolicy(m: EntityManager, editionId: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM voting_policies WHERE edition_id = $1`, [editionId])).length > 0;
  }

  /** Every edition with a voting policy, with its latest tally run's status and the publication of its results. */
  async listVotingEditions(m: EntityManager = this.ds.manager): Promise<VotingEditionState[]> {
    const rows = await queryRows<VotingEditionRow>(
      m,
      `SELECT v.edition_id,
              (SELECT status FROM tally_runs t WHERE t.edition_id = v.edition_id ORDER BY created_at DESC, id DESC LIMIT 1) AS run,
              r.published_at
         FROM voting_policies v LEFT JOIN edition_results r ON r.edition_id = v.edition_id`,
    );
    return rows.map(votingEditionOf);
  }

  // --- Stored results and their publication ---

  /** The pools' stored results of a run (in no particular order). */
  async listPoolResults(m: EntityManager, tallyRunId: string): Promise<StoredPoolResult[]> {
    const rows = await queryRows<StoredPoolResultRow>(m, `SELECT pool_id, inputs_sha256, result FROM pool_results WHERE tally_run_id = $1`, [tallyRunId]);
    return rows.map(storedPoolResultOf);
  }

  /** The stored result of the pool in a run; null when there is none. */
  async findPoolResult(m: EntityManager, tallyRunId: string, poolId: string): Promise<TallyResultJson | null> {
    const r = await queryOne<{ result: TallyResultJson }>(m, `SELECT result FROM pool_results WHERE tally_run_id = $1 AND pool_id = $2`, [tallyRunId, poolId]);
    return r?.result ?? null;
  }

  /** The stored result of each pool of a run, by pool. */
  async listResultsByPool(tallyRunId: string, m: EntityManager = this.ds.manager): Promise<Map<string, TallyResultJson>> {
    const rows = await queryRows<{ pool_id: string; result: TallyResultJson }>(m, `SELECT pool_id, result FROM pool_results WHERE tally_run_id = $1`, [
      tallyRunId,
    ]);
    return new Map(rows.map((r) => [r.pool_id, r.result]));
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

  /** Those of the pools that have a stored result of a finished run. */
  async listPoolsWithDoneResult(m: EntityManager, poolIds: string[]): Promise<string[]> {
    const rows = await queryRows<{ pool_id: string }>(
      m,
      `SELECT DISTINCT r.pool_id FROM pool_results r JOIN tally_runs t ON t.id = r.tally_run_id WHERE r.pool_id = ANY($1::uuid[]) AND t.status = 'done'`,
      [poolIds],
    );
    return rows.map((r) => r.pool_id);
  }

  /** Records the publication of a run's results; returns when (the transaction's time). */
  async insertPublication(m: EntityManager, editionId: string, tallyRunId: string, publishedBy: string): Promise<Date> {
    const [{ published_at }] = await queryRows<{ published_at: Date }>(
      m,
      `INSERT INTO edition_results (edition_id, tally_run_id, published_by) VALUES ($1, $2, $3) RETURNING published_at`,
      [editionId, tallyRunId, publishedBy],
    );
    return new Date(published_at);
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

  /** The edition's voting policy (rule, options, tie seed); undefined when it has none. */
  findVotingPolicy(m: EntityManager, editionId: string): Promise<VotingPolicyRow | undefined> {
    return queryOne<VotingPolicyRow>(m, `SELECT rule, rule_options, tie_seed FROM voting_policies WHERE edition_id = $1`, [editionId]);
  }

  /** The pool's ballot spec; undefined when it has none. */
  findPoolSpec(m: EntityManager, poolId: string): Promise<PoolSpecRow | undefined> {
    return queryOne<PoolSpecRow>(m, `SELECT * FROM voting_pool_specs WHERE pool_id = $1`, [poolId]);
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

  // --- The Pabulib import's writes ---

  /** Whether a file of this hash was imported already (its hash is the imported edition's tie seed). */
  async isImported(m: EntityManager, sha: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM voting_policies WHERE tie_seed = $1`, [`import:${sha}`])).length > 0;
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

  /** Refreshes the planner's statistics of the ballot tables a bulk import fills. */
  async analyzeImportedTables(m: EntityManager = this.ds.manager): Promise<void> {
    for (const table of ['ballots', 'ballot_choices']) await m.query(`ANALYZE ${table}`);
  }
}
