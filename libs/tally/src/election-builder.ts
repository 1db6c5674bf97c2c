import { Election, VoteType } from './election';
import { parseMoney } from './money';

export interface ElectionInput {
  /** PLN as a decimal string (`"1000.50"`) or grosze as a bigint. */
  readonly budget: string | bigint;
  readonly voteType?: VoteType;
  readonly rule?: string;
  readonly projects: ReadonlyArray<{ readonly id: string; readonly cost: string | bigint; readonly name?: string }>;
  readonly ballots: ReadonlyArray<{ readonly voterId?: string; readonly projects: readonly string[]; readonly points?: readonly number[] }>;
  /** Further META entries (ballot limits such as `max_length`, `min_project_score_threshold`, …). */
  readonly meta?: Readonly<Record<string, string | number>>;
}

function money(v: string | bigint, what: string): bigint {
  if (typeof v === 'bigint') return v;
  const g = parseMoney(v);
  if (g === null || g < 0n) throw new Error(`${what} is not a non-negative amount with at most 2 decimals: "${v}"`);
  return g;
}

/**
 * Builds an election from in-memory data (ballots from the database, or a hand-made example), in the same
 * form as a parsed `.pb` file, so it can be tallied or written out with {@link writePabulib}.
 */
export function buildElection(input: ElectionInput): Election {
  const voteType = input.voteType ?? 'approval';
  const budget = money(input.budget, 'budget');
  const meta: Array<[string, string]> = [
    ['budget', budget % 100n === 0n ? String(budget / 100n) : `${budget / 100n}.${String(budget % 100n).padStart(2, '0')}`],
    ['vote_type', voteType],
  ];
  if (input.rule) meta.push(['rule', input.rule]);
  for (const [k, v] of Object.entries(input.meta ?? {})) meta.push([k, String(v)]);
  const withPoints = input.ballots.some((b) => b.points);
  return {
    meta,
    budget,
    voteType,
    projectColumns: ['project_id', 'cost', 'name'],
    projects: input.projects.map((p) => ({
      id: p.id,
      cost: money(p.cost, `cost of project ${p.id}`),
      name: p.name,
      fields: { project_id: p.id, name: p.name ?? '' },
    })),
    voteColumns: withPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
    ballots: input.ballots.map((b, i) => ({
      voterId: b.voterId ?? String(i + 1),
      projects: [...b.projects],
      points: b.points ? [...b.points] : undefined,
      values: [],
    })),
  };
}
