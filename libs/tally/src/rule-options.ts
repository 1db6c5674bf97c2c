/**
 * The options of the outcome rules that an edition stores with its rule (`ruleOptions`) and that the `tally`
 * command takes as flags, with one validation shared by the engine, the command line and the voting policy.
 */
export interface RuleOptions {
  /** Minimum score for a project to be eligible. */
  readonly threshold?: number;
  /** Equal Shares: `utilitarian` fills the leftover budget greedily by score. */
  readonly completion?: 'none' | 'utilitarian';
  /** Equal Shares: drop a project when votes / voters < cost / (k × budget). */
  readonly eligibilityK?: number;
  /**
   * `greedy-no-skip` (Poznań's rule): the first project that does not fit is still funded when the money left
   * covers at least this percentage of its cost; the rest comes from a reserve outside the budget.
   */
  readonly topUpPercent?: number;
}

export const RULE_OPTION_NAMES = ['threshold', 'completion', 'eligibilityK', 'topUpPercent'] as const;

/**
 * One problem with a rule option: the option's name, what is wrong (`value`: wrong kind or out of range; `rule`: an
 * option of another rule; `unknown`: no such option) and the text in English and Polish.
 */
export interface RuleOptionProblem {
  readonly option: string;
  readonly kind: 'value' | 'rule' | 'unknown';
  readonly en: string;
  readonly pl: string;
}

/** Whole hundredths of a percent, or null when the number has more than two decimals. */
export function percentHundredths(percent: number): bigint | null {
  const h = Math.round(percent * 100);
  return Number.isSafeInteger(h) && Math.abs(percent * 100 - h) < 1e-6 ? BigInt(h) : null;
}

/**
 * The problems of a set of rule options for a rule, none when they are valid: unknown options, values of the wrong
 * kind or out of range, and options of another rule (the top-up belongs to `greedy-no-skip`, the completion and the
 * eligibility filter to Equal Shares).
 */
export function ruleOptionProblems(rule: string, options: Readonly<Record<string, unknown>>): RuleOptionProblem[] {
  const problems: RuleOptionProblem[] = [];
  const bad = (option: string, en: string, pl: string, kind: RuleOptionProblem['kind'] = 'value') => problems.push({ option, kind, en, pl });
  const equalShares = rule.startsWith('equalshares');
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    switch (key) {
      case 'threshold':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
          bad(key, `threshold must be a non-negative number, got ${show(value)}`, `próg musi być nieujemną liczbą, podano ${show(value)}`);
        break;
      case 'completion':
        if (value !== 'none' && value !== 'utilitarian')
          bad(
            key,
            `completion must be "utilitarian" or "none", got ${show(value)}`,
            `uzupełnienie musi mieć wartość „utilitarian” albo „none”, podano ${show(value)}`,
          );
        else if (value === 'utilitarian' && !equalShares)
          bad(
            key,
            `the utilitarian completion applies only to Equal Shares rules, not to ${rule}`,
            `uzupełnienie dotyczy tylko metody równych udziałów, nie reguły ${rule}`,
            'rule',
          );
        break;
      case 'eligibilityK':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
          bad(
            key,
            `eligibility k must be a positive whole number, got ${show(value)}`,
            `współczynnik k musi być dodatnią liczbą całkowitą, podano ${show(value)}`,
          );
        else if (!equalShares)
          bad(
            key,
            `the eligibility filter applies only to Equal Shares rules, not to ${rule}`,
            `filtr dopuszczenia dotyczy tylko metody równych udziałów, nie reguły ${rule}`,
            'rule',
          );
        break;
      case 'topUpPercent':
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100 || percentHundredths(value) === null)
          bad(
            key,
            `top-up must be a percentage above 0 and at most 100, with at most 2 decimals, got ${show(value)}`,
            `dopłata musi być procentem większym od 0 i nie większym niż 100, z najwyżej 2 miejscami po przecinku, podano ${show(value)}`,
          );
        else if (rule !== 'greedy-no-skip')
          bad(
            key,
            `the top-up from a reserve applies only to greedy-no-skip, not to ${rule}`,
            `dopłata z rezerwy dotyczy tylko reguły greedy-no-skip, nie reguły ${rule}`,
            'rule',
          );
        break;
      default:
        bad(
          key,
          `unknown rule option "${key}" (known: ${RULE_OPTION_NAMES.join(', ')})`,
          `nieznana opcja reguły „${key}” (dostępne: ${RULE_OPTION_NAMES.join(', ')})`,
          'unknown',
        );
    }
  }
  return problems;
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));
