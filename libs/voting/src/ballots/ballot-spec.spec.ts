import { checkChoice, PoolSpec, specProblems } from './ballot-spec';

const spec = (s: Partial<PoolSpec>): PoolSpec => ({
  voteType: 'approval',
  minLength: 1,
  maxLength: null,
  maxSumCost: null,
  pointsTotal: null,
  maxPointsPerProject: null,
  exactLength: false,
  ...s,
});
const onBallot = new Map([
  ['p1', 100],
  ['p2', 200],
  ['p3', 300],
]);
const fields = (s: PoolSpec, c: { projectIds?: string[]; points?: Array<{ projectId: string; points: number }> }) =>
  checkChoice('choices.0', 'Pula', s, onBallot, { poolId: 'x', ...c }).problems.map((p) => `${p.field}: ${p.text.en}`);

describe('ballot spec', () => {
  it('refuses inconsistent specs, field by field', () => {
    expect(specProblems(spec({}))).toEqual([]);
    expect(specProblems(spec({ voteType: 'cumulative', pointsTotal: 10, maxPointsPerProject: 3 }))).toEqual([]);
    expect(specProblems(spec({ minLength: 3, maxLength: 2 })).map((p) => p.field)).toEqual(['maxLength']);
    expect(specProblems(spec({ voteType: 'cumulative' })).map((p) => p.field)).toEqual(['pointsTotal']);
    expect(specProblems(spec({ voteType: 'ordinal', exactLength: true })).map((p) => p.field)).toEqual(['maxLength']);
    expect(specProblems(spec({ voteType: 'choose-1', maxLength: 2 })).map((p) => p.field)).toContain('maxLength');
    expect(specProblems(spec({ voteType: 'ordinal', maxSumCost: 5 })).map((p) => p.field)).toEqual(['maxSumCost']);
  });

  it('checks a choice and says exactly what is wrong', () => {
    expect(fields(spec({ maxLength: 2 }), { projectIds: ['p1', 'p2', 'p3'] })).toEqual([
      'choices.0.projectIds: Pool "Pula": 3 projects chosen, at most 2 allowed.',
    ]);
    expect(fields(spec({ maxSumCost: 250 }), { projectIds: ['p1', 'p2'] })[0]).toContain('exceeds the limit of 2.50 zł');
    expect(fields(spec({}), { projectIds: ['p9'] })[0]).toMatch(/^choices\.0\.projectIds\.0: .*not on this pool's ballot/);
    expect(fields(spec({ voteType: 'choose-1' }), { projectIds: [] })[0]).toContain('at least 1 required');
    expect(fields(spec({ voteType: 'ordinal', maxLength: 3, exactLength: true }), { projectIds: ['p1', 'p2'] })[0]).toContain('exactly 3');
    const cum = spec({ voteType: 'cumulative', pointsTotal: 5, maxPointsPerProject: 3 });
    expect(
      fields(cum, {
        points: [
          { projectId: 'p1', points: 3 },
          { projectId: 'p2', points: 2 },
        ],
      }),
    ).toEqual([]);
    expect(
      fields(cum, {
        points: [
          { projectId: 'p1', points: 3 },
          { projectId: 'p2', points: 3 },
        ],
      })[0],
    ).toContain('6 points given, 5 to distribute');
    expect(fields(cum, { points: [{ projectId: 'p1', points: 4 }] })[0]).toContain('at most 3 allowed');
  });

  it('stores ranks for ordinal ballots and points for cumulative ones', () => {
    expect(
      checkChoice('c', 'P', spec({ voteType: 'ordinal', maxLength: 3 }), onBallot, { poolId: 'x', projectIds: ['p3', 'p1'] }).rows.map((r) => [
        r.projectId,
        r.position,
      ]),
    ).toEqual([
      ['p3', 1],
      ['p1', 2],
    ]);
  });
});
