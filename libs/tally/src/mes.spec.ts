import { createHash } from 'node:crypto';
import { buildElection } from './election-builder';
import { tally } from './tally';

const repeat = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);
const reasonOf = (r: ReturnType<typeof tally>, id: string) => r.projects.find((p) => p.id === id)!.reason;

describe('Method of Equal Shares', () => {
  describe('affordability is decided exactly, equality counting as enough', () => {
    // 3 voters, budget 300 → 100 each. A (200) by v1, v2: they have exactly 200. C (90) and B (150) by v3.
    const election = (costA: string) =>
      buildElection({
        budget: '300',
        projects: [
          { id: 'A', cost: costA },
          { id: 'B', cost: '150' },
          { id: 'C', cost: '90' },
        ],
        ballots: [{ projects: ['A'] }, { projects: ['A'] }, { projects: ['B', 'C'] }],
      });

    it('funds a project whose supporters have exactly its cost', () => {
      // ρ(A) = 100/200 = 1/2, ρ(C) = 90/90 = 1: A first, then C (v3 has 100 ≥ 90); B never affordable.
      const r = tally(election('200'), { rule: 'equalshares' });
      expect(r.selected).toEqual(['A', 'C']);
      expect(r.spent).toBe(29000n);
      expect(reasonOf(r, 'A')).toMatchObject({ code: 'selected-mes', params: { round: 1, supporters: 2, maxPayment: '100.00' } });
      expect(reasonOf(r, 'B')).toMatchObject({ code: 'not-affordable', params: { round: 1, money: '100.00', cost: '150.00' } });
      expect(reasonOf(r, 'B').en).toBe('not affordable for its supporters in round 1 of Equal Shares: together they had 100.00 PLN left, it costs 150.00 PLN');
      expect(r.mes!.perVoterBudget).toEqual({ num: 10000n, den: 1n });
    });

    it('does not fund it when it costs one grosz more', () => {
      const r = tally(election('200.01'), { rule: 'equalshares' });
      expect(r.selected).toEqual(['C']);
      expect(reasonOf(r, 'A')).toMatchObject({ code: 'not-affordable', params: { round: 1, money: '200.00' } });
    });
  });

  it('caps a supporter who cannot pay the equal share and splits the rest among the others', () => {
    // 4 voters, budget 400 → 100 each. P (180) by v1..v3 → 60 each, ρ = 1/3. Q (130) by v1, v4: ρ = 65/130 = 1/2
    // in round 1, so P goes first. Round 2: v1 has 40 < q, pays 40; v4 pays 90: 40 + 90 = 130.
    const e = buildElection({
      budget: '400',
      projects: [
        { id: 'P', cost: '180' },
        { id: 'Q', cost: '130' },
      ],
      ballots: [{ projects: ['P', 'Q'] }, { projects: ['P'] }, { projects: ['P'] }, { projects: ['Q'] }],
    });
    const r = tally(e, { rule: 'equalshares' });
    expect(r.selected).toEqual(['P', 'Q']);
    const [p, q] = r.mes!.rounds;
    expect(p.payments).toEqual([{ voters: 3, points: 1, paidEach: { num: 6000n, den: 1n } }]);
    expect(p.rho).toEqual({ num: 1n, den: 3n });
    const pay = q.payments.map((x) => [x.voters, Number(x.paidEach.num) / Number(x.paidEach.den)]).sort((a, b) => a[1] - b[1]);
    expect(pay).toEqual([
      [1, 4000],
      [1, 9000],
    ]);
    expect(q.rho).toEqual({ num: 9n, den: 13n });
    // Voter groups: v2, v3 paid 60 for P; v1 paid 60 + 40; v4 paid 90 for Q.
    const groups = r.mes!.voterGroups.map((g) => ({
      voters: g.voters,
      paid: g.payments.map((x) => `${x.project}:${Number(x.paidEach.num) / Number(x.paidEach.den) / 100}`),
      left: Number(g.left.num) / Number(g.left.den) / 100,
    }));
    expect(groups).toEqual(
      expect.arrayContaining([
        { voters: 2, paid: ['P:60'], left: 40 },
        { voters: 1, paid: ['P:60', 'Q:40'], left: 0 },
        { voters: 1, paid: ['Q:90'], left: 10 },
      ]),
    );
  });

  it('keeps exact fractions when budget / voters is not a whole amount', () => {
    // Budget 100 for 3 voters: 33.33… each. A (66.67) by v1, v2 needs 33.335 each: not affordable (66.66…).
    // A' (66.66) is affordable: 33.33 each.
    const e = buildElection({
      budget: '100',
      projects: [
        { id: 'A', cost: '66.67' },
        { id: 'B', cost: '66.66' },
      ],
      ballots: [{ projects: ['A', 'B'] }, { projects: ['A', 'B'] }, { projects: [] }],
    });
    const r = tally(e, { rule: 'equalshares' });
    expect(r.selected).toEqual(['B']);
    expect(r.mes!.perVoterBudget).toEqual({ num: 10000n, den: 3n });
    expect(reasonOf(r, 'A').code).toBe('not-affordable');
  });

  it('uses points × cost as the utility of points ballots', () => {
    // 2 voters, budget 200 → 100 each. v1 gives X 3 points, v2 gives X 1 point: payments split 3 : 1.
    const e = buildElection({
      budget: '200',
      voteType: 'cumulative',
      projects: [{ id: 'X', cost: '120' }],
      ballots: [
        { projects: ['X'], points: [3] },
        { projects: ['X'], points: [1] },
      ],
    });
    const r = tally(e, { rule: 'equalshares' });
    expect(r.selected).toEqual(['X']);
    const paid = r.mes!.rounds[0].payments.map((p) => [p.points, Number(p.paidEach.num) / Number(p.paidEach.den) / 100]);
    expect(paid.sort()).toEqual([
      [1, 30],
      [3, 90],
    ]);
  });

  describe('ties', () => {
    // A (100) and B (50), each by 2 of 4 voters: ρ = 1/2 for both.
    const tied = (costA: string, costB: string, ballots = [{ projects: ['A'] }, { projects: ['A'] }, { projects: ['B'] }, { projects: ['B'] }]) =>
      buildElection({
        budget: '400',
        projects: [
          { id: 'A', cost: costA },
          { id: 'B', cost: costB },
        ],
        ballots,
      });

    it('equal prices go to the lower cost first', () => {
      const r = tally(tied('100', '50'), { rule: 'equalshares' });
      expect(r.selected).toEqual(['B', 'A']);
      expect(r.tieBreaks[0]).toMatchObject({ stage: 'equal shares round 1', winner: 'B', loser: 'A', criterion: 'cost' });
    });

    it('then to more votes', () => {
      // 6 voters, 100 each. A (200) by v1, v2; B (200) by v3, v4 and v5, who has nothing left after C
      // (100, by v5 alone, ρ = 1/2 … funded in round 1 as the cheapest of three equal prices).
      // Round 2: A and B both have 200 from two paying supporters (ρ = 1/2); B has more votes.
      const e = buildElection({
        budget: '600',
        projects: [
          { id: 'A', cost: '200' },
          { id: 'B', cost: '200' },
          { id: 'C', cost: '50' },
        ],
        ballots: [{ projects: ['A'] }, { projects: ['A'] }, { projects: ['B'] }, { projects: ['B'] }, { projects: ['B', 'C'] }, { projects: ['C'] }],
      });
      const r = tally(e, { rule: 'equalshares' });
      // Round 1: ρ(A) = 100/200, ρ(B) = 66.67/200, ρ(C) = 25/50: B first (lowest), then C and A tie at 1/2 → C cheaper.
      expect(r.selected).toEqual(['B', 'C', 'A']);
      expect(r.tieBreaks[0]).toMatchObject({ winner: 'C', loser: 'A', criterion: 'cost' });
      // With votes first in the chain: A (2 votes) and C (2 votes) still tie on votes, so the lot decides.
      const byVotes = tally(e, { rule: 'equalshares', mesTieBreak: ['votes', 'lot'] });
      expect(byVotes.tieBreaks[0].criterion).toBe('lot');
    });

    it('a full tie goes to the seeded lot, deterministically', () => {
      const e = tied('50', '50');
      const lot = (seed: string, id: string) => createHash('sha256').update(`${seed}\n${id}`).digest('hex');
      for (const seed of ['', 'x', 'y', 'z']) {
        const first = lot(seed, 'A') < lot(seed, 'B') ? 'A' : 'B';
        const r = tally(e, { rule: 'equalshares', seed });
        expect(r.selected[0]).toBe(first);
        expect(r.tieBreaks[0]).toMatchObject({ winner: first, criterion: 'lot' });
      }
    });
  });

  describe('add1 completion', () => {
    // 3 voters, budget 10: floor(10/3) = 3 PLN. v1 {A, C}, v2 {A}, v3 {B}; A 6, B 4, C 3.
    // b=3: A (v1, v2 pay 3) → 6.   b=4: A, then B (v3 pays 4) → 10.   b=5: A, B → 10 (C: v1 has 2 < 3).
    // b=6: A, then C and B tie at ρ = 1 → C (cheaper), B → 13 > 10: stop, keep b=5.
    const e = buildElection({
      budget: '10',
      projects: [
        { id: 'A', cost: '6' },
        { id: 'B', cost: '4' },
        { id: 'C', cost: '3' },
      ],
      ballots: [{ projects: ['A', 'C'] }, { projects: ['A'] }, { projects: ['B'] }],
    });

    it('raises the per-voter budget by 1 PLN while the outcome fits and keeps the last one that fits', () => {
      const r = tally(e, { rule: 'equalshares/add1' });
      expect(r.selected).toEqual(['A', 'B']);
      expect(r.spent).toBe(1000n);
      expect(r.mes!.firstPerVoterBudget).toEqual({ num: 300n, den: 1n });
      expect(r.mes!.perVoterBudget).toEqual({ num: 500n, den: 1n });
      // Stepping: b = 3, 4, 5, 6 and the recorded run of the kept budget.
      const steps = tally(e, { rule: 'equalshares/add1', add1Search: 'steps' });
      expect(steps.mes!.runs).toBe(5);
      expect(steps.selected).toEqual(r.selected);
      expect(steps.mes!.perVoterBudget).toEqual(r.mes!.perVoterBudget);
      expect(r.mes!.runs).toBeLessThanOrEqual(5);
      expect(reasonOf(r, 'C')).toMatchObject({ code: 'not-affordable', params: { round: 2 } });
    });

    it('plain equalshares stops at budget / voters', () => {
      expect(tally(e, { rule: 'equalshares' }).selected).toEqual(['A']);
    });

    it('stops once every supported project is selected', () => {
      const all = buildElection({
        budget: '100',
        projects: [
          { id: 'A', cost: '10' },
          { id: 'Z', cost: '10' },
        ],
        ballots: [{ projects: ['A'] }, { projects: ['A'] }],
      });
      const r = tally(all, { rule: 'equalshares/add1' });
      expect(r.selected).toEqual(['A']);
      expect(r.mes!.runs).toBe(2);
      expect(reasonOf(r, 'Z')).toMatchObject({ code: 'not-affordable', params: { money: '0.00' } });
    });
  });

  describe('comparison step', () => {
    // v1, v2 approve Big (300); v3 approves Small (100). Budget 300.
    // Greedy: Big. MES/add1: b = 100 … 149 give [Small]; b = 150 funds Big and Small (400 > 300): keep [Small].
    const e = buildElection({
      budget: '300',
      projects: [
        { id: 'Big', cost: '300' },
        { id: 'Small', cost: '100' },
      ],
      ballots: [{ projects: ['Big'] }, { projects: ['Big'] }, { projects: ['Small'] }],
    });

    it('uses greedy when more voters strictly prefer it', () => {
      const r = tally(e, { rule: 'equalshares/add1-comparison' });
      expect(r.comparison).toMatchObject({ greedySelected: ['Big'], mesSelected: ['Small'], preferGreedy: 2, preferMes: 1, indifferent: 0, winner: 'greedy' });
      expect(r.selected).toEqual(['Big']);
      expect(reasonOf(r, 'Big').en).toContain('the greedy outcome was used: 2 voters prefer it, 1 prefer Equal Shares');
      expect(tally(e, { rule: 'equalshares/add1' }).selected).toEqual(['Small']);
    });

    it('keeps Equal Shares on a draw', () => {
      // Big (300) by v1..v4, Small (100) by v5..v7, Tiny (1) by v8; 8 voters, budget 300.
      // Greedy: Big (score 4) takes the whole budget. MES/add1: b = 37 … 74 give [Small, Tiny]; at b = 75 Big
      // (ρ = 1/4) comes first and Small follows: 400 > 300. Four voters prefer each outcome.
      const draw = buildElection({
        budget: '300',
        projects: [
          { id: 'Big', cost: '300' },
          { id: 'Small', cost: '100' },
          { id: 'Tiny', cost: '1' },
        ],
        ballots: [...repeat(4, { projects: ['Big'] }), ...repeat(3, { projects: ['Small'] }), { projects: ['Tiny'] }],
      });
      const r = tally(draw, { rule: 'equalshares/add1-comparison' });
      expect(r.comparison).toMatchObject({
        greedySelected: ['Big'],
        mesSelected: ['Small', 'Tiny'],
        preferGreedy: 4,
        preferMes: 4,
        indifferent: 0,
        winner: 'equalshares',
      });
      expect(r.mes!.perVoterBudget).toEqual({ num: 7400n, den: 1n });
      expect(r.selected).toEqual(['Small', 'Tiny']);
    });
  });

  it('the utilitarian completion fills the leftover budget greedily', () => {
    const e = buildElection({
      budget: '300',
      projects: [
        { id: 'Big', cost: '300' },
        { id: 'Small', cost: '100' },
        { id: 'Medium', cost: '150' },
      ],
      ballots: [{ projects: ['Big', 'Medium'] }, { projects: ['Big'] }, { projects: ['Small'] }],
    });
    // MES with 100 each: Small only (Big: 200 < 300, Medium: 100 < 150). Leftover 200: Big does not fit, Medium does.
    const r = tally(e, { rule: 'equalshares', completion: 'utilitarian' });
    expect(r.selected).toEqual(['Small', 'Medium']);
    expect(r.mes!.completion).toEqual(['Medium']);
    expect(reasonOf(r, 'Medium').code).toBe('selected-completion');
    expect(reasonOf(r, 'Big').code).toBe('not-affordable');
  });

  it('the eligibility filter drops projects with too little support for their cost', () => {
    // 10 voters, budget 100, k = 3: X (60) with 1 vote: 1/10 < 60/300 → dropped; Y (30) with 2 votes: 2/10 ≥ 30/300.
    const e = buildElection({
      budget: '100',
      projects: [
        { id: 'X', cost: '60' },
        { id: 'Y', cost: '30' },
      ],
      ballots: [{ projects: ['X', 'Y'] }, { projects: ['Y'] }, ...repeat(8, { projects: [] as string[] })],
    });
    const r = tally(e, { rule: 'equalshares/add1', eligibilityK: 3 });
    expect(r.mes!.ineligible).toEqual(['X']);
    expect(reasonOf(r, 'X').code).toBe('ineligible-support');
    expect(r.selected).toEqual(['Y']);
    // Without the filter, X is funded once the per-voter budget is high enough.
    expect(tally(e, { rule: 'equalshares/add1' }).selected).toContain('X');
  });

  it('exclusions apply in Equal Shares too', () => {
    const e = buildElection({
      budget: '400',
      projects: [
        { id: 'A', cost: '100' },
        { id: 'B', cost: '100' },
      ],
      ballots: repeat(4, { projects: ['A', 'B'] }),
    });
    const r = tally(e, { rule: 'equalshares', exclusions: [['A', 'B']] });
    expect(r.selected).toHaveLength(1);
    expect(reasonOf(r, r.selected[0] === 'A' ? 'B' : 'A')).toMatchObject({ code: 'excluded-by', params: { by: r.selected[0] } });
  });

  it('handles no voters, no projects and free projects', () => {
    expect(tally(buildElection({ budget: '100', projects: [{ id: 'A', cost: '1' }], ballots: [] }), { rule: 'equalshares/add1' }).selected).toEqual([]);
    expect(tally(buildElection({ budget: '100', projects: [], ballots: [{ projects: [] }] }), { rule: 'equalshares/add1' }).selected).toEqual([]);
    const free = tally(
      buildElection({
        budget: '0',
        projects: [
          { id: 'F', cost: '0' },
          { id: 'A', cost: '1' },
        ],
        ballots: [{ projects: ['A'] }],
      }),
      {
        rule: 'equalshares',
      },
    );
    expect(free.selected).toEqual(['F']);
  });
});
