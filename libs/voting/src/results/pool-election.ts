import { EntityManager } from 'typeorm';
import { BallotSpec, buildElection, Election, isRuleName, RuleName, RuleOptions, TallyError, TallyOptions, VoteType } from '@civitas/tally';

/** How many ballots are read per query while loading a pool. */
const BATCH = 20_000;

/**
 * The code a project goes by in the tally and its results: its public code (an imported Pabulib project's id), else
 * `P<number>` (a project submitted on the platform), else `P<id>`. Every query that maps between projects and the
 * tally's codes uses this one expression (`p` is the alias of budget_projects).
 */
export const PROJECT_CODE_SQL = `COALESCE(p.code, 'P' || COALESCE(p.number::text, p.id::text))`;

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
 * exclusions and ballot spec of the edition. The same stored data always gives the same election.
 */
export async function loadPoolElection(m: EntityManager, editionId: string, poolId: string): Promise<PoolElection> {
  const [pool] = (await m.query(`SELECT id, amount FROM budget_pools WHERE id = $1 AND edition_id = $2`, [poolId, editionId])) as Array<{
    id: string;
    amount: string;
  }>;
  if (!pool) throw new TallyError(`pool ${poolId} is not in edition ${editionId}`);
  const [policy] = (await m.query(`SELECT rule, rule_options, tie_seed FROM voting_policies WHERE edition_id = $1`, [editionId])) as VotingPolicyRow[];
  if (!policy) throw new TallyError('the edition has no voting policy');
  if (!isRuleName(policy.rule)) throw new TallyError(`unknown rule "${policy.rule}"`);
  const [specRow] = (await m.query(`SELECT * FROM voting_pool_specs WHERE pool_id = $1`, [poolId])) as PoolSpecRow[];
  if (!specRow) throw new TallyError(`pool ${poolId} has no ballot spec`);
  const spec = specOf(specRow);

  const projectRows = (await m.query(
    `SELECT p.id, ${PROJECT_CODE_SQL} AS code, p.title, p.total_cost
       FROM budget_projects p
      WHERE p.pool_id = $1 AND p.status IN ('on_ballot', 'selected', 'not_selected')
      ORDER BY p.ballot_position NULLS LAST, 2, p.id`,
    [poolId],
  )) as Array<{ id: string; code: string; title: string; total_cost: string }>;
  const projects: PoolProject[] = projectRows.map((p) => ({ id: p.id, code: p.code, title: p.title, cost: BigInt(p.total_cost) }));
  const codeOf = new Map(projects.map((p) => [p.id, p.code]));

  const withPoints = spec.voteType === 'cumulative';
  const ballots: Array<{ voterId: string; projects: string[]; points?: number[] }> = [];
  // Two plain index lookups per batch (ballots by primary key, their choices by the choices' primary key), so the
  // plan does not depend on fresh statistics after a bulk load.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = (
      (await m.query(`SELECT id FROM ballots WHERE edition_id = $1 AND status = 'valid' AND id > $2 ORDER BY id LIMIT ${BATCH}`, [editionId, after])) as Array<{
        id: string;
      }>
    ).map((r) => r.id);
    if (ids.length === 0) break;
    const choices = (await m.query(`SELECT ballot_id, pool_id, project_id, position, points FROM ballot_choices WHERE ballot_id = ANY($1::uuid[])`, [
      ids,
    ])) as Array<{ ballot_id: string; pool_id: string; project_id: string; position: number; points: number }>;
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

  const groups = (await m.query(
    `SELECT g.id, array_agg(${PROJECT_CODE_SQL} ORDER BY ${PROJECT_CODE_SQL}) AS codes
       FROM budget_exclusion_groups g
       JOIN budget_exclusion_members x ON x.group_id = g.id
       JOIN budget_projects p ON p.id = x.project_id AND p.status IN ('on_ballot', 'selected', 'not_selected')
      WHERE g.pool_id = $1 GROUP BY g.id ORDER BY g.id`,
    [poolId],
  )) as Array<{ id: string; codes: string[] }>;
  const exclusions = groups.map((g) => g.codes).filter((c) => c.length >= 2);

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
