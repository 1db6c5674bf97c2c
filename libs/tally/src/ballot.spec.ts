import { BallotSpec, validateBallot } from './ballot';
import { Ballot } from './election';

const costs = new Map<string, bigint>([
  ['a', 10000n],
  ['b', 20000n],
  ['c', 30000n],
  ['d', 5000n],
  ['e', 5000n],
  ['f', 5000n],
]);
const ballot = (projects: string[], points?: number[]): Ballot => ({ voterId: 'v', projects, points, values: [] });

describe('validateBallot', () => {
  const cases: Array<[string, BallotSpec, Ballot, string | null, string | null]> = [
    ['a valid approval ballot', { voteType: 'approval', maxLength: 5 }, ballot(['a', 'b']), null, null],
    [
      'too many projects',
      { voteType: 'approval', maxLength: 5 },
      ballot(['a', 'b', 'c', 'd', 'e', 'f']),
      'ballot-too-many-projects',
      'ballot has 6 projects, at most 5 allowed',
    ],
    ['too few projects', { voteType: 'ordinal', minLength: 3 }, ballot(['a']), 'ballot-too-few-projects', 'ballot has 1 project, at least 3 required'],
    ['choose-1 with two projects', { voteType: 'choose-1' }, ballot(['a', 'b']), 'ballot-too-many-projects', 'ballot has 2 projects, at most 1 allowed'],
    ['choose-1 with none', { voteType: 'choose-1' }, ballot([]), 'ballot-too-few-projects', 'ballot has 0 projects, at least 1 required'],
    ['a repeated project', { voteType: 'approval' }, ballot(['a', 'b', 'a']), 'ballot-duplicate-project', 'ballot names project a more than once'],
    ['an unknown project', { voteType: 'approval' }, ballot(['zz']), 'ballot-unknown-project', 'ballot names unknown project zz'],
    [
      'too many points in total',
      { voteType: 'cumulative', maxSumPoints: 10 },
      ballot(['a', 'b'], [6, 5]),
      'ballot-too-many-points',
      'ballot gives 11 points in total, at most 10 allowed',
    ],
    [
      'too few points in total',
      { voteType: 'cumulative', minSumPoints: 3 },
      ballot(['a'], [2]),
      'ballot-too-few-points',
      'ballot gives 2 points in total, at least 3 required',
    ],
    [
      'too many points for one project',
      { voteType: 'cumulative', maxPoints: 3 },
      ballot(['a', 'b'], [4, 1]),
      'ballot-too-many-points-for-project',
      'ballot gives project a 4 points, at most 3 allowed',
    ],
    ['zero points', { voteType: 'cumulative' }, ballot(['a', 'b'], [1, 0]), 'ballot-zero-points', 'ballot lists project b with 0 points'],
    ['missing points', { voteType: 'cumulative' }, ballot(['a']), 'ballot-points-missing', 'ballot has 1 project but no matching points'],
    [
      'too costly',
      { voteType: 'approval', maxSumCost: 40000n },
      ballot(['b', 'c']),
      'ballot-too-costly',
      'projects on the ballot cost 500.00 PLN in total, at most 400.00 PLN allowed',
    ],
    ['exactly at the cost limit', { voteType: 'approval', maxSumCost: 50000n }, ballot(['b', 'c']), null, null],
  ];

  it.each(cases)('%s', (_name, spec, b, code, en) => {
    const r = validateBallot(b, spec, costs);
    expect(r?.code ?? null).toBe(code);
    expect(r?.en ?? null).toBe(en);
    if (r) expect(r.pl.length).toBeGreaterThan(0);
  });

  it('gives the Polish reason too', () => {
    const r = validateBallot(ballot(['a', 'b', 'c', 'd', 'e', 'f']), { voteType: 'approval', maxLength: 5 }, costs);
    expect(r?.pl).toBe('głos zawiera 6 projektów, dozwolone najwyżej 5');
  });
});
