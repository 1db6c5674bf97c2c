import { ruleOptionProblems } from './rule-options';

describe('rule options', () => {
  it('accepts the options of each rule', () => {
    expect(ruleOptionProblems('greedy-no-skip', { threshold: 50, topUpPercent: 80 })).toEqual([]);
    expect(ruleOptionProblems('greedy-no-skip', { topUpPercent: 100 })).toEqual([]);
    expect(ruleOptionProblems('greedy-no-skip', { topUpPercent: 0.01 })).toEqual([]);
    expect(ruleOptionProblems('equalshares/add1', { completion: 'utilitarian', eligibilityK: 3, threshold: 0 })).toEqual([]);
    expect(ruleOptionProblems('greedy', { completion: 'none' })).toEqual([]);
  });

  it('names each problem with its option, in English and Polish', () => {
    expect(ruleOptionProblems('greedy', { topUpPercent: 80, eligibilityK: 3, completion: 'utilitarian', quota: 1 })).toEqual([
      {
        option: 'topUpPercent',
        kind: 'rule',
        en: 'the top-up from a reserve applies only to greedy-no-skip, not to greedy',
        pl: 'dopłata z rezerwy dotyczy tylko reguły greedy-no-skip, nie reguły greedy',
      },
      {
        option: 'eligibilityK',
        kind: 'rule',
        en: 'the eligibility filter applies only to Equal Shares rules, not to greedy',
        pl: 'filtr dopuszczenia dotyczy tylko metody równych udziałów, nie reguły greedy',
      },
      {
        option: 'completion',
        kind: 'rule',
        en: 'the utilitarian completion applies only to Equal Shares rules, not to greedy',
        pl: 'uzupełnienie dotyczy tylko metody równych udziałów, nie reguły greedy',
      },
      {
        option: 'quota',
        kind: 'unknown',
        en: 'unknown rule option "quota" (known: threshold, completion, eligibilityK, topUpPercent)',
        pl: 'nieznana opcja reguły „quota” (dostępne: threshold, completion, eligibilityK, topUpPercent)',
      },
    ]);
  });

  it.each([
    [{ topUpPercent: '80' }, 'topUpPercent', 'top-up must be a percentage above 0 and at most 100, with at most 2 decimals, got "80"'],
    [{ topUpPercent: 0 }, 'topUpPercent', 'top-up must be a percentage above 0 and at most 100, with at most 2 decimals, got 0'],
    [{ topUpPercent: 100.01 }, 'topUpPercent', 'top-up must be a percentage above 0 and at most 100, with at most 2 decimals, got 100.01'],
    [{ topUpPercent: 80.005 }, 'topUpPercent', 'top-up must be a percentage above 0 and at most 100, with at most 2 decimals, got 80.005'],
    [{ threshold: -1 }, 'threshold', 'threshold must be a non-negative number, got -1'],
    [{ threshold: 'high' }, 'threshold', 'threshold must be a non-negative number, got "high"'],
    [{ completion: 'greedy' }, 'completion', 'completion must be "utilitarian" or "none", got "greedy"'],
    [{ eligibilityK: 2.5 }, 'eligibilityK', 'eligibility k must be a positive whole number, got 2.5'],
  ])('refuses %j', (options, option, en) => {
    const problems = ruleOptionProblems('eligibilityK' in options ? 'equalshares' : 'greedy-no-skip', options);
    expect(problems).toEqual([expect.objectContaining({ option, kind: 'value', en })]);
    expect(problems[0].pl.length).toBeGreaterThan(10);
  });
});
