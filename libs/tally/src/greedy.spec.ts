import { createHash } from 'node:crypto';
import { buildElection } from './election-builder';
import { TallyError, tally } from './tally';

const repeat = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

describe('greedy rules', () => {
  // Scores: A 5, B 4, C 3, D 2, E 1. Costs: A 60, B 50, C 30, D 10, E 5. Budget 100.
  const election = buildElection({
    budget: '100',
    projects: [
      { id: 'A', cost: '60' },
      { id: 'B', cost: '50' },
      { id: 'C', cost: '30' },
      { id: 'D', cost: '10' },
      { id: 'E', cost: '5' },
    ],
    ballots: [
      ...repeat(1, { projects: ['A', 'B', 'C', 'D', 'E'] }),
      ...repeat(1, { projects: ['A', 'B', 'C', 'D'] }),
      ...repeat(1, { projects: ['A', 'B', 'C'] }),
      ...repeat(1, { projects: ['A', 'B'] }),
      ...repeat(1, { projects: ['A'] }),
    ],
  });

  it('greedy takes what fits and skips what does not', () => {
    // A (60) → 40 left; B (50) does not fit; C (30) → 10 left; D (10) → 0 left; E does not fit.
    const r = tally(election, { rule: 'greedy' });
    expect(r.selected).toEqual(['A', 'C', 'D']);
    expect(r.spent).toBe(10000n);
    const reasons = Object.fromEntries(r.projects.map((p) => [p.id, p.reason]));
    expect(reasons.B.code).toBe('did-not-fit');
    expect(reasons.B.en).toBe('did not fit: costs 50.00 PLN, only 40.00 PLN left');
    expect(reasons.E.en).toBe('did not fit: costs 5.00 PLN, only 0.00 PLN left');
    expect(reasons.A.code).toBe('selected');
    expect(r.projects.find((p) => p.id === 'C')?.position).toBe(2);
  });

  it('greedy-threshold only considers projects with score at or above the threshold', () => {
    const r = tally(election, { rule: 'greedy-threshold', threshold: 3 });
    expect(r.selected).toEqual(['A', 'C']);
    const d = r.projects.find((p) => p.id === 'D')!;
    expect(d.reason.code).toBe('below-threshold');
    expect(d.reason.en).toBe('score 2 is below the threshold 3');
  });

  it('greedy-threshold reads the threshold from META', () => {
    const withMeta = buildElection({
      ...election,
      budget: '100',
      meta: { min_project_score_threshold: 4 },
      ballots: election.ballots,
      projects: election.projects,
    });
    expect(tally(withMeta, { rule: 'greedy-threshold' }).selected).toEqual(['A']);
  });

  it('greedy-no-skip stops at the first project that does not fit', () => {
    const r = tally(election, { rule: 'greedy-no-skip' });
    expect(r.selected).toEqual(['A']);
    const byId = Object.fromEntries(r.projects.map((p) => [p.id, p.reason.code]));
    expect(byId).toEqual({ A: 'selected', B: 'stopped-here', C: 'stopped-before', D: 'stopped-before', E: 'stopped-before' });
  });

  it('greedy-no-skip skips projects below the threshold without stopping', () => {
    const e2 = buildElection({
      budget: '100',
      projects: [
        { id: 'A', cost: '60' },
        { id: 'B', cost: '70' },
        { id: 'C', cost: '40' },
      ],
      ballots: [...repeat(3, { projects: ['A', 'B', 'C'] }), ...repeat(2, { projects: ['A', 'C'] }), { projects: ['B'] }],
    });
    // Scores A 5, B 4, C 5. B (70, would not fit after C) is below the threshold: it neither stops the
    // selection nor is selected. Order: C (score 5, cheaper), A (score 5), B.
    const r = tally(e2, { rule: 'greedy-no-skip', threshold: 5 });
    expect(r.selected).toEqual(['C', 'A']);
    expect(r.projects.find((p) => p.id === 'B')!.reason.code).toBe('below-threshold');
  });

  describe('greedy-no-skip with a top-up from a reserve (Poznań)', () => {
    // Order A (60), B (50), C (30), D (10), E (5); budget 100. After A, 40 left: B does not fit; 40 / 50 = 80 %.
    it('funds the project where selection stops when the money left covers at least P % of its cost', () => {
      const r = tally(election, { rule: 'greedy-no-skip', topUpPercent: 80 });
      expect(r.selected).toEqual(['A', 'B']);
      expect(r.spent).toBe(10000n);
      expect(r.spent).toBeLessThanOrEqual(r.budget);
      expect(r.topUp).toEqual({ project: 'B', fromBudget: 4000n, reserve: 1000n });
      expect(r.topUpPercent).toBe(80);
      const b = r.projects.find((p) => p.id === 'B')!;
      expect(b).toMatchObject({ selected: true, position: 2 });
      expect(b.reason.code).toBe('selected-top-up');
      expect(b.reason.en).toBe(
        'selected as number 2 with a top-up from the reserve: it did not fit (costs 50.00 PLN), but the 40.00 PLN left cover 80.00 % of its cost (at least 80 % required); 10.00 PLN comes from the reserve and selection ends here',
      );
      expect(b.reason.pl).toBe(
        'wybrany jako 2. z dopłatą z rezerwy: nie zmieścił się (kosztuje 50.00 zł), ale pozostało 40.00 zł, czyli 80.00 % jego kosztu (wymagane co najmniej 80 %); 10.00 zł pochodzi z rezerwy, a wybór kończy się na nim',
      );
      // Nothing after it is considered, even what would still fit in a greedy pass.
      const c = r.projects.find((p) => p.id === 'C')!;
      expect(c.reason.code).toBe('stopped-after-top-up');
      expect(c.reason.en).toBe('not considered: selection ended with project B, funded with a top-up from the reserve');
      expect(c.reason.pl).toBe('nie rozpatrywany: wybór zakończył się na projekcie B, sfinansowanym z dopłatą z rezerwy');
    });

    it('stops without funding it when the money left covers less (79.99 % is not 80 %)', () => {
      const r = tally(election, { rule: 'greedy-no-skip', topUpPercent: 80.01 });
      expect(r.selected).toEqual(['A']);
      expect(r.topUp).toBeUndefined();
      expect(r.spent).toBe(6000n);
      const b = r.projects.find((p) => p.id === 'B')!;
      expect(b.reason.code).toBe('stopped-here-no-top-up');
      expect(b.reason.en).toBe(
        'did not fit (costs 50.00 PLN, 40.00 PLN left, 80.00 % of its cost, less than the 80.01 % needed for a top-up from the reserve), so selection stopped here',
      );
      expect(b.reason.pl).toBe(
        'nie zmieścił się (kosztuje 50.00 zł, pozostało 40.00 zł, czyli 80.00 % jego kosztu, mniej niż 80.01 % wymagane do dopłaty z rezerwy), więc wybór zakończył się na nim',
      );
      expect(r.projects.find((p) => p.id === 'C')!.reason.code).toBe('stopped-before');
    });

    it('decides exactly on amounts in grosze: 79.99 % does not show as 80 %', () => {
      const e = buildElection({
        budget: '100.00',
        projects: [
          { id: 'A', cost: '0.01' },
          { id: 'B', cost: '124.99' },
        ],
        ballots: [{ projects: ['A', 'B'] }, { projects: ['A'] }],
      });
      // 99.99 / 124.99 = 79.998… %: below 80, shown rounded down.
      const r = tally(e, { rule: 'greedy-no-skip', topUpPercent: 80 });
      expect(r.selected).toEqual(['A']);
      expect(r.projects[1].reason.params.covered).toBe('79.99');
      expect(tally(e, { rule: 'greedy-no-skip', topUpPercent: 79.99 }).topUp).toEqual({ project: 'B', fromBudget: 9999n, reserve: 2500n });
    });

    it('a top-up of 100 % funds only a project that fits, so it is plain no-skip', () => {
      const plain = tally(election, { rule: 'greedy-no-skip' });
      const full = tally(election, { rule: 'greedy-no-skip', topUpPercent: 100 });
      expect(full.selected).toEqual(plain.selected);
      expect(full.topUp).toBeUndefined();
    });

    it('skips projects below the threshold and excluded ones before deciding where to stop', () => {
      // With A and B in one group, B is excluded and does not stop the selection; C (30) and D (10) fit in the 40
      // left; E (5) stops it: 0 PLN left is 0 % of its cost.
      const r = tally(election, { rule: 'greedy-no-skip', topUpPercent: 50, exclusions: [['A', 'B']] });
      expect(r.selected).toEqual(['A', 'C', 'D']);
      expect(r.topUp).toBeUndefined();
      expect(r.projects.find((p) => p.id === 'B')!.reason.code).toBe('excluded-by');
      expect(r.projects.find((p) => p.id === 'E')!.reason.code).toBe('stopped-here-no-top-up');
    });

    it('is part of the input hash', () => {
      expect(tally(election, { rule: 'greedy-no-skip', topUpPercent: 80 }).inputSha256).not.toBe(tally(election, { rule: 'greedy-no-skip' }).inputSha256);
    });

    it.each([
      [0, /top-up must be a percentage above 0 and at most 100/],
      [-5, /top-up must be a percentage above 0 and at most 100/],
      [100.5, /top-up must be a percentage above 0 and at most 100/],
      [80.001, /with at most 2 decimals, got 80.001/],
      [Number.NaN, /top-up must be a percentage/],
    ])('refuses a top-up of %s', (p, message) => {
      expect(() => tally(election, { rule: 'greedy-no-skip', topUpPercent: p })).toThrow(message);
    });

    it('refuses a top-up with any other rule, in English and Polish', () => {
      let error: unknown;
      try {
        tally(election, { rule: 'greedy', topUpPercent: 80 });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TallyError);
      expect((error as TallyError).message).toBe('the top-up from a reserve applies only to greedy-no-skip, not to greedy');
      expect((error as TallyError).pl).toBe('dopłata z rezerwy dotyczy tylko reguły greedy-no-skip, nie reguły greedy');
      expect((error as TallyError).kind).toBe('options');
    });
  });

  it('a file whose rule is greedy-custom is told which rules and options run it', () => {
    const custom = buildElection({ budget: '100', rule: 'greedy-custom', projects: election.projects, ballots: election.ballots });
    expect(() => tally(custom)).toThrow(
      /^rule "greedy-custom" is Pabulib's name for a city's own greedy procedure.*greedy-no-skip with a top-up from a reserve \(Poznań: --rule greedy-no-skip --top-up 80\)/,
    );
    expect(tally(custom, { rule: 'greedy-no-skip', topUpPercent: 80 }).selected).toEqual(['A', 'B']);
  });

  it('skips a project once another of its exclusion group is selected', () => {
    const r = tally(election, { rule: 'greedy', exclusions: [['A', 'C']] });
    // A selected → C excluded; B does not fit (40 left); D → 30 left; E → 25 left.
    expect(r.selected).toEqual(['A', 'D', 'E']);
    const c = r.projects.find((p) => p.id === 'C')!;
    expect(c.reason.code).toBe('excluded-by');
    expect(c.reason.params.by).toBe('A');
    expect(c.reason.pl).toContain('wykluczony');
  });

  it('greedy-exclusive without exclusions is plain greedy', () => {
    expect(tally(election, { rule: 'greedy-exclusive' }).selected).toEqual(tally(election, { rule: 'greedy' }).selected);
  });

  describe('ties', () => {
    // X and Y: same score 2; X costs 70, Y 60; budget 100 fits only one.
    const tie = (costX: string, costY: string) =>
      buildElection({
        budget: '100',
        voteType: 'cumulative',
        projects: [
          { id: 'X', cost: costX },
          { id: 'Y', cost: costY },
        ],
        ballots: [
          { projects: ['X', 'Y'], points: [1, 1] },
          { projects: ['X'], points: [1] },
          { projects: ['Y'], points: [1] },
        ],
      });

    it('by default equal scores go to the lower cost', () => {
      const r = tally(tie('70', '60'), { rule: 'greedy' });
      expect(r.selected).toEqual(['Y']);
      expect(r.tieBreaks).toHaveLength(1);
      expect(r.tieBreaks[0]).toMatchObject({ winner: 'Y', loser: 'X', criterion: 'cost' });
      expect(r.tieBreaks[0].reason.en).toBe('tie between Y and X decided by lower cost');
    });

    it('then to more voters', () => {
      // Same score 4 and cost: X has 4 voters of 1 point, Y 2 voters of 2 points.
      const e = buildElection({
        budget: '100',
        voteType: 'cumulative',
        projects: [
          { id: 'X', cost: '60' },
          { id: 'Y', cost: '60' },
        ],
        ballots: [...repeat(4, { projects: ['X'], points: [1] }), ...repeat(2, { projects: ['Y'], points: [2] })],
      });
      const r = tally(e, { rule: 'greedy' });
      expect(r.selected).toEqual(['X']);
      expect(r.tieBreaks[0]).toMatchObject({ winner: 'X', criterion: 'votes' });
      // A chain that puts votes last still reaches them once cost is equal.
      expect(tally(e, { rule: 'greedy', greedyTieBreak: ['score', 'votes', 'lot'] }).selected).toEqual(['X']);
    });

    it('a configurable chain can prefer more voters before lower cost', () => {
      const scoring = buildElection({
        budget: '100',
        voteType: 'scoring',
        projects: [
          { id: 'X', cost: '70' },
          { id: 'Y', cost: '60' },
        ],
        ballots: [
          { projects: ['X', 'Y'], points: [1, 2] },
          { projects: ['X'], points: [1] },
        ],
      });
      // Scores X 2 (2 voters), Y 2 (1 voter); Y cheaper.
      expect(tally(scoring, { rule: 'greedy' }).selected).toEqual(['Y']);
      const r = tally(scoring, { rule: 'greedy', greedyTieBreak: ['score', 'votes', 'cost', 'lot'] });
      expect(r.selected).toEqual(['X']);
      expect(r.tieBreaks[0]).toMatchObject({ winner: 'X', criterion: 'votes' });
    });

    it('a full tie goes to the seeded lot, the same way every time', () => {
      const e = tie('60', '60');
      const lot = (seed: string, id: string) => createHash('sha256').update(`${seed}\n${id}`).digest('hex');
      for (const seed of ['', 'a', 'b', 'c', '2026-06-01']) {
        const expected = lot(seed, 'X') < lot(seed, 'Y') ? 'X' : 'Y';
        const r = tally(e, { rule: 'greedy', seed });
        expect(r.selected).toEqual([expected]);
        expect(r.tieBreaks[0]).toMatchObject({ winner: expected, criterion: 'lot' });
        expect(tally(e, { rule: 'greedy', seed }).inputSha256).toBe(r.inputSha256);
      }
      const winners = new Set(['', 'a', 'b', 'c', 'd', 'e', 'f'].map((seed) => tally(e, { rule: 'greedy', seed }).selected[0]));
      expect(winners).toEqual(new Set(['X', 'Y']));
    });
  });

  describe('scores by ballot type', () => {
    it('ordinal ballots score L for the first place down to 1', () => {
      const e = buildElection({
        budget: '100',
        voteType: 'ordinal',
        projects: ['P', 'Q', 'R'].map((id) => ({ id, cost: '40' })),
        ballots: [{ projects: ['P', 'Q', 'R'] }, { projects: ['R', 'Q'] }, { projects: ['R'] }],
      });
      const r = tally(e, { rule: 'greedy' });
      expect(Object.fromEntries(r.projects.map((p) => [p.id, p.score]))).toEqual({ P: 3, Q: 3, R: 4 });
      expect(Object.fromEntries(r.projects.map((p) => [p.id, p.votes]))).toEqual({ P: 1, Q: 2, R: 3 });
      // R first; P and Q tie on score and cost, Q has more voters.
      expect(r.selected).toEqual(['R', 'Q']);
    });

    it('cumulative ballots score their points', () => {
      const e = buildElection({
        budget: '50',
        voteType: 'cumulative',
        projects: ['P', 'Q'].map((id) => ({ id, cost: '50' })),
        ballots: [
          { projects: ['P', 'Q'], points: [1, 4] },
          { projects: ['P'], points: [2] },
        ],
      });
      expect(tally(e, { rule: 'greedy' }).selected).toEqual(['Q']);
    });
  });

  describe('invalid ballots', () => {
    it('are not counted and are listed with their reason', () => {
      const e = buildElection({
        budget: '100',
        projects: ['P', 'Q', 'R'].map((id) => ({ id, cost: '60' })),
        meta: { max_length: 2 },
        ballots: [{ voterId: 'x', projects: ['P', 'Q', 'R'] }, { projects: ['Q'] }, { projects: ['P', 'Q'] }],
      });
      const r = tally(e, { rule: 'greedy' });
      expect(r.ballots).toMatchObject({ total: 3, valid: 2 });
      expect(r.ballots.invalid[0].voterId).toBe('x');
      expect(r.ballots.invalid[0].reason.en).toBe('ballot has 3 projects, at most 2 allowed');
      expect(r.selected).toEqual(['Q']);
    });
  });

  describe('degenerate elections', () => {
    it('no ballots: every project has score 0; greedy still funds what fits, in the tie order', () => {
      const e = buildElection({
        budget: '100',
        projects: [
          { id: 'P', cost: '70' },
          { id: 'Q', cost: '50' },
        ],
        ballots: [],
      });
      const r = tally(e, { rule: 'greedy' });
      expect(r.selected).toEqual(['Q']);
      expect(r.ballots.valid).toBe(0);
    });

    it('no projects', () => {
      const r = tally(buildElection({ budget: '100', projects: [], ballots: [{ projects: [] }] }), { rule: 'greedy' });
      expect(r.selected).toEqual([]);
      expect(r.spent).toBe(0n);
    });

    it('a zero budget funds only free projects', () => {
      const e = buildElection({
        budget: '0',
        projects: [
          { id: 'P', cost: '10' },
          { id: 'F', cost: '0' },
        ],
        ballots: [{ projects: ['P', 'F'] }],
      });
      expect(tally(e, { rule: 'greedy' }).selected).toEqual(['F']);
    });

    it('a project costing exactly the remaining budget fits', () => {
      const e = buildElection({
        budget: '100.01',
        projects: [
          { id: 'P', cost: '60.01' },
          { id: 'Q', cost: '40' },
        ],
        ballots: [{ projects: ['P', 'Q'] }, { projects: ['P'] }],
      });
      const r = tally(e, { rule: 'greedy' });
      expect(r.selected).toEqual(['P', 'Q']);
      expect(r.spent).toBe(10001n);
    });

    it('unknown rules and missing rules are errors', () => {
      const e = buildElection({ budget: '1', projects: [], ballots: [] });
      expect(() => tally(e)).toThrow('no rule given and the file has no META rule');
      expect(() => tally(e, { rule: 'borda' as never })).toThrow(/unknown rule "borda"/);
    });
  });

  it('the input hash changes with the ballots, the rule and the seed, not with ballot order or voter ids', () => {
    const base = tally(election, { rule: 'greedy' }).inputSha256;
    const shuffled = buildElection({
      budget: '100',
      projects: election.projects.map((p) => ({ id: p.id, cost: p.cost })),
      ballots: [...election.ballots].reverse().map((b, i) => ({ voterId: `z${i}`, projects: [...b.projects].reverse() })),
    });
    expect(tally(shuffled, { rule: 'greedy' }).inputSha256).toBe(base);
    expect(tally(election, { rule: 'greedy', seed: 'x' }).inputSha256).not.toBe(base);
    expect(tally(election, { rule: 'greedy-no-skip' }).inputSha256).not.toBe(base);
    const fewer = buildElection({ budget: '100', projects: election.projects.map((p) => ({ id: p.id, cost: p.cost })), ballots: election.ballots.slice(1) });
    expect(tally(fewer, { rule: 'greedy' }).inputSha256).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
