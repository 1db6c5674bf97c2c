import { DataSource, EntityManager } from 'typeorm';
import { PoolRepository, ProjectRepository } from '@civitas/budget';
import { BallotSpec, buildElection, Election, isRuleName, RuleName, RuleOptions, TallyError, TallyOptions, VoteType } from '@civitas/tally';
import { ResultsRepository } from './results.repository';

/** How many ballots are read per query while loading a pool. */
const BATCH = 20_000;

export interface PoolSpecRow {
  vote_type: VoteType;
  min_length: number;
  max_length: number | null;
  max_sum_cost: string | null;
  points_total: number | null;
  max_points_per_project: number | null;
  exact_length: boolean;
}

export interface VotingPolicyRow {
  rule: string;
  rule_options: RuleOptions | null;
  tie_seed: string;
}

export interface PoolProject {
  id: string;
  code: string;
  title: string;
  cost: bigint;
}

/** Where a pool's election is read from: the vote's own rows, and the budget's pools and projects. */
export interface PoolElectionSources {
  results: ResultsRepository;
  pools: PoolRepository;
  projects: ProjectRepository;
}

/** The sources of a pool's election over a DataSource (for callers outside Nest, such as specs). */
export function poolElectionSources(ds: DataSource): PoolElectionSources {
  return { results: new ResultsRepository(ds), pools: new PoolRepository(), projects: new ProjectRepository(ds) };
}

export interface PoolElection {
  election: Election;
  projects: PoolProject[];
  options: TallyOptions & { rule: RuleName };
}

/** The ballot spec of a pool, as the tally engine reads it. */
export function specOf(row: PoolSpecRow): BallotSpec {
  const maxLength = row.max_length ?? (row.vote_type === 'choose-1' ? 1 : undefined);
  return {
    voteType: row.vote_type,
    minLength: row.exact_length && maxLength !== undefined ? maxLength : row.min_length,
    maxLength,
    maxSumCost: row.max_sum_cost === null ? undefined : BigInt(row.max_sum_cost),
    maxSumPoints: row.points_total ?? undefined,
    maxPoints: row.max_points_per_project ?? undefined,
  };
}

/** The same spec as META entries of a `.pb` file (what `tally FILE` reads back). */
function specMeta(spec: BallotSpec): Record<string, string | number> {
  const meta: Record<string, string | number> = {};
  if (spec.minLength !== undefined) meta.min_length = spec.minLength;
  if (spec.maxLength !== undefined) meta.max_length = spec.maxLength;
  if (spec.maxSumCost !== undefined) meta.max_sum_cost = (Number(spec.maxSumCost) / 100).toFixed(2);
  if (spec.maxSumPoints !== undefined) meta.max_sum_points = spec.maxSumPoints;
  if (spec.maxPoints !== undefined) meta.max_points = spec.maxPoints;
  return meta;
}

/**
 * Loads one pool as an election for the tally engine: its projects on the ballot (the public code as id), the valid
 * ballots in batches (voters numbered 1, 2, … in ballot id order: no voter data leaves the database), the rule, seed,
 * exclusions and ballot spec of the edition. The same stored data always gives the same election. Reads through the
 * repositories' methods on `m` (callers outside Nest, such as specs, may leave `sources` out).
 */
export async function loadPoolElection(
  m: EntityManager,
  editionId: string,
  poolId: string,
  sources: PoolElectionSources = poolElectionSources(m.connection),
): Promise<PoolElection> {
  const reads = sources.results;
  const pool = await sources.pools.findInEdition(m, editionId, poolId);
  if (!pool) throw new TallyError(`pool ${poolId} is not in edition ${editionId}`);
  const policy = await reads.findVotingPolicy(m, editionId);
  if (!policy) throw new TallyError('the edition has no voting policy');
  if (!isRuleName(policy.rule)) throw new TallyError(`unknown rule "${policy.rule}"`);
  const specRow = await reads.findPoolSpec(m, poolId);
  if (!specRow) throw new TallyError(`pool ${poolId} has no ballot spec`);
  const spec = specOf(specRow);

  const projects: PoolProject[] = (await sources.projects.listBallotProjects(m, poolId)).map((p) => ({
    id: p.id,
    code: p.code,
    title: p.title,
    cost: BigInt(p.totalCost),
  }));
  const codeOf = new Map(projects.map((p) => [p.id, p.code]));

  const withPoints = spec.voteType === 'cumulative';
  const ballots: Array<{ voterId: string; projects: string[]; points?: number[] }> = [];
  // Two plain index lookups per batch (ballots by primary key, their choices by the choices' primary key), so the
  // plan does not depend on fresh statistics after a bulk load.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await reads.listValidBallotIds(m, editionId, after, BATCH);
    if (ids.length === 0) break;
    const choices = await reads.listChoices(m, ids);
    const byBallot = new Map<string, Array<{ project: string; position: number; points: number }>>();
    for (const c of choices) {
      if (c.pool_id !== poolId) continue;
      let list = byBallot.get(c.ballot_id);
      if (!list) byBallot.set(c.ballot_id, (list = []));
      list.push({ project: c.project_id, position: Number(c.position), points: Number(c.points) });
    }
    for (const id of ids) {
      const list = byBallot.get(id);
      if (!list) continue;
      list.sort((a, b) => a.position - b.position || (a.project < b.project ? -1 : a.project > b.project ? 1 : 0));
      const codes = list.map((c) => codeOf.get(c.project) ?? `?${c.project}`);
      ballots.push({ voterId: String(ballots.length + 1), projects: codes, ...(withPoints ? { points: list.map((c) => c.points) } : {}) });
    }
    if (ids.length < BATCH) break;
    after = ids[ids.length - 1];
  }

  const exclusions = (await sources.pools.listExclusionCodes(m, poolId)).filter((c) => c.length >= 2);

  const ruleOptions = policy.rule_options ?? {};
  const meta: Record<string, string | number> = { ...specMeta(spec) };
  if (ruleOptions.threshold !== undefined) meta.min_project_score_threshold = ruleOptions.threshold;
  const election = buildElection({
    budget: BigInt(pool.amount),
    voteType: spec.voteType,
    rule: policy.rule,
    projects: projects.map((p) => ({ id: p.code, cost: p.cost, name: p.title })),
    ballots,
    meta,
  });
  return {
    election,
    projects,
    options: {
      rule: policy.rule,
      seed: policy.tie_seed,
      threshold: ruleOptions.threshold,
      completion: ruleOptions.completion,
      eligibilityK: ruleOptions.eligibilityK,
      topUpPercent: ruleOptions.topUpPercent,
      exclusions,
      spec,
    },
  };
}
