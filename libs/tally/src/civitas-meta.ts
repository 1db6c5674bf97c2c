import { Election, metaValue } from './election';
import { DEFAULT_GREEDY_CHAIN, DEFAULT_MES_CHAIN, TIE_CRITERIA, TieCriterion, normaliseChain } from './tie-break';

/**
 * Extra META keys with which Civitas writes everything a recount needs to reproduce a result exactly, ties
 * included (Pabulib tolerates extra keys). Each applies as the default of its tally option when the option is not
 * given.
 *
 * | key | option | value |
 * |---|---|---|
 * | `civitas_tie_seed` | `seed` | the seed of the lot, as published |
 * | `civitas_greedy_tie_break` | `greedyTieBreak` | comma list of `score`, `votes`, `cost`, `lot` |
 * | `civitas_mes_tie_break` | `mesTieBreak` | the same |
 * | `civitas_exclusion_group_1`, `_2`, … | `exclusions` | comma list of project ids, one key per group |
 * | `civitas_threshold` | `threshold` | a number |
 * | `civitas_completion` | `completion` | `none` or `utilitarian` |
 * | `civitas_eligibility_k` | `eligibilityK` | a whole number |
 * | `civitas_top_up_percent` | `topUpPercent` | a percentage |
 */
export const CIVITAS_META = {
  seed: 'civitas_tie_seed',
  greedyTieBreak: 'civitas_greedy_tie_break',
  mesTieBreak: 'civitas_mes_tie_break',
  exclusionGroup: 'civitas_exclusion_group_',
  threshold: 'civitas_threshold',
  completion: 'civitas_completion',
  eligibilityK: 'civitas_eligibility_k',
  topUpPercent: 'civitas_top_up_percent',
} as const;

export interface CivitasOptions {
  readonly seed?: string;
  readonly greedyTieBreak?: readonly TieCriterion[];
  readonly mesTieBreak?: readonly TieCriterion[];
  readonly exclusions?: ReadonlyArray<readonly string[]>;
  readonly threshold?: number;
  readonly completion?: 'none' | 'utilitarian';
  readonly eligibilityK?: number;
  readonly topUpPercent?: number;
}

/** A META value Civitas wrote that does not read back; the message names the key. */
export class CivitasMetaError extends Error {
  constructor(
    readonly key: string,
    readonly en: string,
    readonly pl: string,
  ) {
    super(en);
    this.name = 'CivitasMetaError';
  }
}

/**
 * The META entries that make a recount of a tally with these options exact. The tie-break chains are written in
 * full (the defaults when not given; the Equal Shares chain for Equal Shares rules only); empty and absent options
 * are left out.
 */
export function civitasMetaEntries(options: CivitasOptions & { readonly rule: string }): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (options.seed) out.push([CIVITAS_META.seed, options.seed]);
  out.push([CIVITAS_META.greedyTieBreak, normaliseChain(options.greedyTieBreak, DEFAULT_GREEDY_CHAIN).join(',')]);
  if (options.rule.startsWith('equalshares')) {
    out.push([CIVITAS_META.mesTieBreak, normaliseChain(options.mesTieBreak, DEFAULT_MES_CHAIN).join(',')]);
  }
  (options.exclusions ?? []).forEach((g, i) => out.push([`${CIVITAS_META.exclusionGroup}${i + 1}`, g.join(',')]));
  if (options.threshold !== undefined) out.push([CIVITAS_META.threshold, String(options.threshold)]);
  if (options.completion !== undefined && options.completion !== 'none') out.push([CIVITAS_META.completion, options.completion]);
  if (options.eligibilityK !== undefined) out.push([CIVITAS_META.eligibilityK, String(options.eligibilityK)]);
  if (options.topUpPercent !== undefined) out.push([CIVITAS_META.topUpPercent, String(options.topUpPercent)]);
  return out;
}

/** Reads the options Civitas wrote into META (see {@link CIVITAS_META}); a file without them gives `{}`. */
export function civitasOptionsOf(election: Pick<Election, 'meta'>): CivitasOptions {
  const out: { -readonly [K in keyof CivitasOptions]: CivitasOptions[K] } = {};
  const get = (key: string) => metaValue(election, key)?.trim();
  const number = (key: string): number | undefined => {
    const v = get(key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new CivitasMetaError(key, `META ${key} is not a number: "${v}"`, `META ${key} nie jest liczbą: „${v}”`);
    return n;
  };
  const chain = (key: string): TieCriterion[] | undefined => {
    const v = get(key);
    if (v === undefined) return undefined;
    const c = v.split(',').map((x) => x.trim());
    const bad = c.find((x) => !(TIE_CRITERIA as readonly string[]).includes(x));
    if (bad !== undefined) {
      throw new CivitasMetaError(
        key,
        `META ${key} names unknown tie-break criterion "${bad}" (known: ${TIE_CRITERIA.join(', ')})`,
        `META ${key} wskazuje nieznane kryterium rozstrzygania remisów „${bad}” (dostępne: ${TIE_CRITERIA.join(', ')})`,
      );
    }
    return c as TieCriterion[];
  };
  // The seed is taken as written: leading or trailing spaces are part of it.
  const seed = metaValue(election, CIVITAS_META.seed);
  if (seed !== undefined) out.seed = seed;
  out.greedyTieBreak = chain(CIVITAS_META.greedyTieBreak);
  out.mesTieBreak = chain(CIVITAS_META.mesTieBreak);
  const groups = election.meta
    .map(([k, v]) => [k, v, k.startsWith(CIVITAS_META.exclusionGroup) ? Number(k.slice(CIVITAS_META.exclusionGroup.length)) : NaN] as const)
    .filter(([, , n]) => Number.isSafeInteger(n) && n > 0)
    .sort((a, b) => a[2] - b[2])
    .map(([k, v]) => {
      const ids = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (ids.length < 2) {
        throw new CivitasMetaError(
          k,
          `META ${k} needs at least two project ids separated by commas, found "${v}"`,
          `META ${k} wymaga co najmniej dwóch identyfikatorów projektów rozdzielonych przecinkami, jest „${v}”`,
        );
      }
      return ids;
    });
  if (groups.length) out.exclusions = groups;
  out.threshold = number(CIVITAS_META.threshold);
  const completion = get(CIVITAS_META.completion);
  if (completion !== undefined) {
    if (completion !== 'none' && completion !== 'utilitarian') {
      throw new CivitasMetaError(
        CIVITAS_META.completion,
        `META ${CIVITAS_META.completion} must be "none" or "utilitarian", found "${completion}"`,
        `META ${CIVITAS_META.completion} musi mieć wartość „none” albo „utilitarian”, jest „${completion}”`,
      );
    }
    out.completion = completion;
  }
  out.eligibilityK = number(CIVITAS_META.eligibilityK);
  out.topUpPercent = number(CIVITAS_META.topUpPercent);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as CivitasOptions;
}
