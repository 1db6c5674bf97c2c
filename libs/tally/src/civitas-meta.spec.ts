import { Election } from './election';
import { buildElection } from './election-builder';
import { civitasMetaEntries, civitasOptionsOf } from './civitas-meta';
import { parsePabulib } from './pabulib.reader';
import { writePabulib } from './pabulib.writer';
import { RuleName, TallyError, TallyOptions, tally } from './tally';

/** The election written with the META entries of these options, as `results.pb` is, and read back. */
const writeAndRead = (e: Election, options: TallyOptions & { rule: RuleName }) =>
  parsePabulib(writePabulib({ ...e, meta: [...e.meta, ...civitasMetaEntries(options)] }));

describe('Civitas META keys: a recount of a written result is exact', () => {
  // X and Y: same score, cost and voters, so only the seeded lot separates them; the budget (100) takes Z and
  // one of them. Z and W are mutually exclusive: without the group W (10) would still fit.
  const election = buildElection({
    budget: '100',
    rule: 'greedy',
    projects: [
      { id: 'X', cost: '60' },
      { id: 'Y', cost: '60' },
      { id: 'Z', cost: '10' },
      { id: 'W', cost: '10' },
    ],
    ballots: [{ projects: ['X', 'Y', 'Z'] }, { projects: ['X', 'Y', 'Z'] }, { projects: ['Z', 'W'] }],
  });
  const options = { rule: 'greedy' as const, seed: '2025-05-01', exclusions: [['Z', 'W']] };

  it('writes the seed, the tie-break chain and each exclusion group as META keys', () => {
    const text = writePabulib({ ...election, meta: [...election.meta, ...civitasMetaEntries(options)] });
    expect(text).toContain('\ncivitas_tie_seed;2025-05-01\n');
    expect(text).toContain('\ncivitas_greedy_tie_break;score,cost,votes,lot\n');
    expect(text).toContain('\ncivitas_exclusion_group_1;Z,W\n');
    expect(text).not.toContain('civitas_mes_tie_break');
  });

  it('a tie decided by the seed and an exclusion group: the recount without options gives the same outcome and input hash', () => {
    const original = tally(election, options);
    expect(original.selected).toEqual(['Z', 'X']);
    expect(original.tieBreaks).toMatchObject([{ winner: 'X', loser: 'Y', criterion: 'lot' }]);
    expect(original.projects.find((p) => p.id === 'W')!.reason.code).toBe('excluded-by');

    const recount = tally(writeAndRead(election, options));
    expect(recount.seed).toBe('2025-05-01');
    expect(recount.exclusions).toEqual([['Z', 'W']]);
    expect(recount.selected).toEqual(original.selected);
    expect(recount.projects.map((p) => p.reason)).toEqual(original.projects.map((p) => p.reason));
    expect(recount.tieBreaks).toEqual(original.tieBreaks);
    expect(recount.inputSha256).toBe(original.inputSha256);

    // What the keys change: a file without them breaks the tie the other way and funds W.
    expect(tally(election, { rule: 'greedy' }).selected).toEqual(['Z', 'Y', 'W']);
  });

  it('options given to the recount win over the META keys', () => {
    const read = writeAndRead(election, options);
    expect(tally(read, { seed: '' }).selected).toEqual(['Z', 'Y']);
    expect(tally(read, { exclusions: [] }).selected).toEqual(['Z', 'X', 'W']);
  });

  it('carries a custom tie-break chain, the Equal Shares chain and the threshold', () => {
    // X and Y both have 3 points; X costs more but has more voters.
    const e = buildElection({
      budget: '100',
      rule: 'greedy',
      voteType: 'cumulative',
      projects: [
        { id: 'X', cost: '60' },
        { id: 'Y', cost: '50' },
        { id: 'V', cost: '10' },
      ],
      ballots: [
        { projects: ['X', 'V'], points: [1, 1] },
        { projects: ['X'], points: [1] },
        { projects: ['X'], points: [1] },
        { projects: ['Y'], points: [3] },
      ],
    });
    const custom = { rule: 'greedy' as const, greedyTieBreak: ['score', 'votes', 'lot'] as const, threshold: 2 };
    const original = tally(e, { ...custom, greedyTieBreak: [...custom.greedyTieBreak] });
    expect(original.selected).toEqual(['X']);
    expect(original.projects.find((p) => p.id === 'V')!.reason.code).toBe('below-threshold');
    const read = writeAndRead(e, { ...custom, greedyTieBreak: [...custom.greedyTieBreak] });
    expect(civitasOptionsOf(read)).toEqual({ greedyTieBreak: ['score', 'votes', 'lot'], threshold: 2 });
    const recount = tally(read);
    expect(recount.selected).toEqual(['X']);
    expect(recount.inputSha256).toBe(original.inputSha256);
    // The default chain (lower cost before more voters) would take Y.
    expect(tally(e, { threshold: 2 }).selected).toEqual(['Y']);

    const mes = writeAndRead(e, { rule: 'equalshares', mesTieBreak: ['votes', 'cost', 'lot'], completion: 'utilitarian', eligibilityK: 3 });
    expect(civitasOptionsOf(mes)).toEqual({
      greedyTieBreak: ['score', 'cost', 'votes', 'lot'],
      mesTieBreak: ['votes', 'cost', 'lot'],
      completion: 'utilitarian',
      eligibilityK: 3,
    });
  });

  it('carries the top-up; recounting with another rule leaves it out', () => {
    const e = buildElection({
      budget: '100',
      rule: 'greedy-no-skip',
      projects: [
        { id: 'A', cost: '60' },
        { id: 'B', cost: '50' },
        { id: 'C', cost: '30' },
      ],
      ballots: [{ projects: ['A', 'B', 'C'] }, { projects: ['A', 'B'] }, { projects: ['A'] }],
    });
    const read = writeAndRead(e, { rule: 'greedy-no-skip', topUpPercent: 80 });
    const recount = tally(read);
    expect(recount.selected).toEqual(['A', 'B']);
    expect(recount.topUp).toEqual({ project: 'B', fromBudget: 4000n, reserve: 1000n });
    expect(recount.inputSha256).toBe(tally(e, { rule: 'greedy-no-skip', topUpPercent: 80 }).inputSha256);
    expect(tally(read, { rule: 'greedy' }).selected).toEqual(['A', 'C']);
  });

  it.each([
    ['civitas_top_up_percent', 'lots', /^META civitas_top_up_percent is not a number: "lots"$/],
    ['civitas_top_up_percent', '150', /^META civitas_top_up_percent: top-up must be a percentage above 0 and at most 100/],
    ['civitas_greedy_tie_break', 'score,age', /^META civitas_greedy_tie_break names unknown tie-break criterion "age"/],
    ['civitas_exclusion_group_1', 'A', /^META civitas_exclusion_group_1 needs at least two project ids/],
    ['civitas_completion', 'greedy', /^META civitas_completion must be "none" or "utilitarian", found "greedy"$/],
  ])('a file with %s = %s is refused, naming the key', (key, value, message) => {
    const e = buildElection({ budget: '100', rule: 'greedy-no-skip', projects: [{ id: 'A', cost: '60' }], ballots: [{ projects: ['A'] }] });
    const bad = { ...e, meta: [...e.meta, [key, value] as const] };
    let error: unknown;
    try {
      tally(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TallyError);
    expect((error as TallyError).message).toMatch(message);
    expect((error as TallyError).pl).toContain(`META ${key}`);
    expect((error as TallyError).kind).toBe('input');
  });
});
