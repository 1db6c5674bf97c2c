import { formatMoney } from './money';
import { Conflicts, RuleOutcome } from './outcome';
import { Profile } from './profile';
import { Reason, reason } from './reasons';
import { percentHundredths } from './rule-options';
import { TieBreakRecord, TieBreaker } from './tie-break';

export interface GreedyOptions {
  /** Projects with score below this are not eligible. */
  readonly threshold?: number;
  /** Stop at the first eligible project that does not fit (`greedy-no-skip`). */
  readonly noSkip?: boolean;
  readonly conflicts?: Conflicts;
  /** Projects to leave out entirely (already decided), by index. */
  readonly skip?: ReadonlySet<number>;
  /**
   * With `noSkip`: the project where selection stops is still taken when the money left covers at least this
   * percentage of its cost; the reserve pays the rest, and selection ends with it.
   */
  readonly topUpPercent?: number;
}

/** `part / whole` as a percentage with two decimals, rounded down (so it never shows a share it does not reach). */
function percentOf(part: bigint, whole: bigint): string {
  if (whole === 0n) return '100.00';
  const h = (part * 10000n) / whole;
  return `${h / 100n}.${(h % 100n).toString().padStart(2, '0')}`;
}

/** Orders all projects for greedy selection and records the ties the chain had to break. */
export function greedyOrder(profile: Profile, ties: TieBreaker, stage = 'greedy order'): { order: number[]; tieBreaks: TieBreakRecord[] } {
  const order = profile.projects.map((_, j) => j);
  order.sort((a, b) => ties.compare(a, b).cmp);
  const tieBreaks: TieBreakRecord[] = [];
  for (let k = 1; k < order.length; k++) {
    const { at } = ties.compare(order[k - 1], order[k]);
    if (at > 0) tieBreaks.push(ties.record(stage, order[k - 1], order[k], at));
  }
  return { order, tieBreaks };
}

/**
 * Greedy selection within `budget` (grosze) in the given order: take each eligible project that still fits;
 * skip one that does not (or stop there with `noSkip`).
 */
export function runGreedy(
  profile: Profile,
  order: readonly number[],
  budget: bigint,
  options: GreedyOptions = {},
  initial: { selected?: readonly number[]; reasons?: Reason[] } = {},
): Omit<RuleOutcome, 'tieBreaks'> {
  const topUp = options.topUpPercent === undefined ? null : percentHundredths(options.topUpPercent);
  let toppedUp: RuleOutcome['topUp'];
  const m = profile.projects.length;
  const reasons: Reason[] = initial.reasons ? [...initial.reasons] : new Array<Reason>(m);
  const selected: number[] = [...(initial.selected ?? [])];
  const excludedBy = new Array<number>(m).fill(-1);
  let remaining = budget;
  for (const j of selected) {
    remaining -= profile.costs[j];
    for (const x of options.conflicts?.[j] ?? []) if (excludedBy[x] < 0) excludedBy[x] = j;
  }
  let stoppedAt = -1;
  const already = new Set(selected);
  for (const j of order) {
    if (options.skip?.has(j) || already.has(j)) continue;
    const cost = profile.costs[j];
    if (options.threshold !== undefined && profile.score[j] < options.threshold) {
      reasons[j] = reason('below-threshold', { score: profile.score[j], threshold: options.threshold });
    } else if (excludedBy[j] >= 0) {
      reasons[j] = reason('excluded-by', { by: profile.projects[excludedBy[j]].id });
    } else if (stoppedAt >= 0) {
      reasons[j] =
        toppedUp !== undefined
          ? reason('stopped-after-top-up', { at: profile.projects[stoppedAt].id })
          : reason('stopped-before', { at: profile.projects[stoppedAt].id });
    } else if (cost <= remaining) {
      remaining -= cost;
      selected.push(j);
      reasons[j] = reason('selected', { position: selected.length, remaining: formatMoney(remaining) });
      for (const x of options.conflicts?.[j] ?? []) if (excludedBy[x] < 0) excludedBy[x] = j;
    } else if (options.noSkip) {
      stoppedAt = j;
      const money = { cost: formatMoney(cost), remaining: formatMoney(remaining), covered: percentOf(remaining, cost) };
      if (topUp === null) {
        reasons[j] = reason('stopped-here', { cost: money.cost, remaining: money.remaining });
      } else if (remaining * 10000n >= topUp * cost) {
        // remaining / cost ≥ P / 100, exactly: P is held in hundredths of a percent.
        const reserve = cost - remaining;
        toppedUp = { project: j, fromBudget: remaining, reserve };
        selected.push(j);
        reasons[j] = reason('selected-top-up', { position: selected.length, ...money, required: options.topUpPercent!, reserve: formatMoney(reserve) });
        remaining = 0n;
      } else {
        reasons[j] = reason('stopped-here-no-top-up', { ...money, required: options.topUpPercent! });
      }
    } else {
      reasons[j] = reason('did-not-fit', { cost: formatMoney(cost), remaining: formatMoney(remaining) });
    }
  }
  return { selected, spent: budget - remaining, reasons, ...(toppedUp ? { topUp: toppedUp } : {}) };
}
