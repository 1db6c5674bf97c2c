import { createHash } from 'node:crypto';
import type { PublishedPoolView } from '../results/results.service';
import type { EngineReason } from './results-reasons';

/** A project's line in the results: its place, figures, outcome and why. */
export interface ResultLine {
  rank: number;
  code: string;
  projectId: string | null;
  title: string;
  /** Grosze. */
  cost: number;
  votes: number;
  score: number;
  selected: boolean;
  /** Funded partly from the reserve (Poznań's rule): grosze from the pool and from the reserve. */
  topUp: { fromBudget: number; reserve: number } | null;
  reason: EngineReason | null;
}

export interface TieLine {
  /** Where the tie was broken: the order by result, or a round of Equal Shares; `text` when the engine names another. */
  stage: { kind: 'greedy' } | { kind: 'mes'; round: number } | { kind: 'other'; text: string };
  winner: { code: string; title: string };
  loser: { code: string; title: string };
  criterion: string;
  /** For a tie decided by the lot: each project's key, SHA-256(seed + "\n" + code), the lower winning. */
  lotKeys: { winner: string; loser: string } | null;
}

export interface ResultsPool {
  poolId: string;
  name: string;
  /** Grosze. */
  budget: number;
  spent: number;
  left: number;
  topUp: { code: string; title: string; fromBudget: number; reserve: number } | null;
  ballots: { total: number; valid: number; invalid: number };
  rule: string;
  /** Points (cumulative, ordinal ballots) rather than votes. */
  points: boolean;
  voteType: string;
  seed: string;
  threshold: number | null;
  topUpPercent: number | null;
  inputsSha256: string;
  /** Groups of mutually exclusive projects, by title. */
  exclusions: string[][];
  selected: ResultLine[];
  notSelected: ResultLine[];
  ties: TieLine[];
  /** Equal Shares: each voter's share (grosze, rounded for reading), and which steps ran. */
  mes: { share: number; add1: boolean; completion: boolean } | null;
  comparison: { preferGreedy: number; preferMes: number; winner: 'greedy' | 'equalshares' } | null;
  titles: Map<string, string>;
}

/** PLN as the engine writes it ("100.0000") in grosze, rounded half up. */
function grosze(pln: string): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(pln);
  if (!m) return 0;
  const frac = (m[2] ?? '').padEnd(3, '0');
  return Number(m[1]) * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
}

/** The key of a project in the seeded lot (libs/tally: SHA-256 of the seed, a line break and the project's id). */
export function lotKey(seed: string, code: string): string {
  return createHash('sha256').update(`${seed}\n${code}`).digest('hex');
}

/** A published pool as the results page tells it. */
export function resultsPool(pool: PublishedPoolView): ResultsPool {
  const r = pool.result;
  const titles = new Map(pool.projects.map((p) => [p.code, p.title]));
  const reasons = new Map(r.projects.map((p) => [p.id, p.reason]));
  const lines: ResultLine[] = pool.projects.map((p) => ({
    rank: p.rank,
    code: p.code,
    projectId: p.projectId,
    title: p.title,
    cost: p.cost,
    votes: p.votes,
    score: p.score,
    selected: p.selected,
    topUp: p.topUp ? { fromBudget: p.topUp.fromBudget, reserve: p.topUp.reserve } : null,
    reason: reasons.get(p.code) ?? null,
  }));
  const named = (code: string) => ({ code, title: titles.get(code) ?? code });
  const ties: TieLine[] = r.tieBreaks.map((tb) => {
    const round = /^equal shares round (\d+)$/.exec(tb.stage);
    return {
      stage: tb.stage === 'greedy order' ? { kind: 'greedy' } : round ? { kind: 'mes', round: Number(round[1]) } : { kind: 'other', text: tb.stage },
      winner: named(tb.winner),
      loser: named(tb.loser),
      criterion: tb.criterion,
      lotKeys: tb.criterion === 'lot' ? { winner: lotKey(r.seed, tb.winner), loser: lotKey(r.seed, tb.loser) } : null,
    };
  });
  const comparison = r.comparison as { preferGreedy: number; preferMes: number; winner: 'greedy' | 'equalshares' } | null;
  return {
    poolId: pool.poolId,
    name: pool.name,
    budget: pool.budget,
    spent: pool.spent,
    left: pool.budget - pool.spent,
    topUp: pool.topUp ? { ...pool.topUp, title: titles.get(pool.topUp.code) ?? pool.topUp.code } : null,
    ballots: pool.ballots,
    rule: pool.rule,
    points: r.voteType === 'cumulative' || r.voteType === 'ordinal' || r.voteType === 'scoring',
    voteType: r.voteType,
    seed: pool.seed,
    threshold: r.threshold ?? null,
    topUpPercent: pool.topUpPercent,
    inputsSha256: pool.inputsSha256,
    exclusions: (r.exclusions ?? []).map((g) => g.map((c) => titles.get(c) ?? c)),
    selected: lines.filter((l) => l.selected),
    notSelected: lines.filter((l) => !l.selected),
    ties,
    mes: r.mes
      ? {
          share: grosze(r.mes.perVoterBudget.pln),
          add1: pool.rule.includes('add1'),
          completion: r.mes.completion.length > 0 || r.projects.some((p) => p.reason?.code === 'selected-completion'),
        }
      : null,
    comparison: comparison ? { preferGreedy: comparison.preferGreedy, preferMes: comparison.preferMes, winner: comparison.winner } : null,
    titles,
  };
}
