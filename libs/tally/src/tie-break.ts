import { createHash } from 'node:crypto';
import { Profile } from './profile';
import { Reason, reason } from './reasons';

/**
 * Tie-break criteria, each with a fixed direction: `score` higher first, `votes` (number of supporters) higher
 * first, `cost` lower first, `lot` by the seeded lot. A chain is applied in order; the lot always ends it, so
 * the order is total.
 */
export const TIE_CRITERIA = ['score', 'votes', 'cost', 'lot'] as const;
export type TieCriterion = (typeof TIE_CRITERIA)[number];

export const DEFAULT_GREEDY_CHAIN: readonly TieCriterion[] = ['score', 'cost', 'votes', 'lot'];
export const DEFAULT_MES_CHAIN: readonly TieCriterion[] = ['cost', 'votes', 'lot'];

const CRITERION_PL: Record<TieCriterion, string> = {
  score: 'wyższy wynik',
  votes: 'więcej głosujących',
  cost: 'niższy koszt',
  lot: 'losowanie z ziarnem',
};
const CRITERION_EN: Record<TieCriterion, string> = {
  score: 'higher score',
  votes: 'more voters',
  cost: 'lower cost',
  lot: 'seeded lot',
};

/** Where a tie was broken: greedy ordering, or a round of Equal Shares. */
export interface TieBreakRecord {
  readonly stage: string;
  readonly winner: string;
  readonly loser: string;
  readonly criterion: TieCriterion;
  readonly reason: Reason;
}

/**
 * The seeded lot: every project gets the key SHA-256(seed + "\n" + project id); the lower key wins. The seed is
 * published before voting, so anyone can recompute the lot.
 */
export function lotKeys(profile: Profile, seed: string): string[] {
  return profile.projects.map((p) => createHash('sha256').update(`${seed}\n${p.id}`).digest('hex'));
}

export function normaliseChain(chain: readonly TieCriterion[] | undefined, fallback: readonly TieCriterion[]): TieCriterion[] {
  const c = [...(chain ?? fallback)];
  for (const x of c) if (!(TIE_CRITERIA as readonly string[]).includes(x)) throw new Error(`unknown tie-break criterion "${x}"`);
  const unique = c.filter((x, i) => c.indexOf(x) === i);
  if (!unique.includes('lot')) unique.push('lot');
  return unique.slice(0, unique.indexOf('lot') + 1);
}

export class TieBreaker {
  constructor(
    private readonly profile: Profile,
    private readonly lot: readonly string[],
    readonly chain: readonly TieCriterion[],
  ) {}

  /** Negative when project a comes first. Returns the deciding criterion index too. */
  compare(a: number, b: number): { cmp: number; at: number } {
    const p = this.profile;
    for (let k = 0; k < this.chain.length; k++) {
      let cmp = 0;
      switch (this.chain[k]) {
        case 'score':
          cmp = p.score[b] - p.score[a];
          break;
        case 'votes':
          cmp = p.votes[b] - p.votes[a];
          break;
        case 'cost':
          cmp = p.costs[a] < p.costs[b] ? -1 : p.costs[a] > p.costs[b] ? 1 : 0;
          break;
        case 'lot':
          cmp = this.lot[a] < this.lot[b] ? -1 : this.lot[a] > this.lot[b] ? 1 : a - b;
          break;
      }
      if (cmp !== 0) return { cmp, at: k };
    }
    return { cmp: a - b, at: this.chain.length - 1 };
  }

  record(stage: string, winner: number, loser: number, at: number): TieBreakRecord {
    const criterion = this.chain[at];
    const w = this.profile.projects[winner].id;
    const l = this.profile.projects[loser].id;
    return {
      stage,
      winner: w,
      loser: l,
      criterion,
      reason: reason('tie-break', { winner: w, loser: l, criterion: CRITERION_EN[criterion], criterionPl: CRITERION_PL[criterion] }),
    };
  }
}
