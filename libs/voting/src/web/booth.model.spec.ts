import { type BoothArea, type BoothPool, checkPoolForm, eligiblePools, lineageOf, readPoolForm, toIdentity, toPoolChoice } from './booth.model';

const areas: BoothArea[] = [
  { id: 'city', name: 'Gdańsk', parentId: null },
  { id: 'oliwa', name: 'Oliwa', parentId: 'city' },
  { id: 'oliwa-g', name: 'Oliwa Górna', parentId: 'oliwa' },
  { id: 'wrzeszcz', name: 'Wrzeszcz', parentId: 'city' },
];
const projects = [
  { id: 'p1', number: 1, title: 'Ławki', cost: 400_000_00 },
  { id: 'p2', number: 2, title: 'Drzewa', cost: 300_000_00 },
  { id: 'p3', number: 3, title: 'Boisko', cost: 200_000_00 },
];
const spec = { minLength: 1, maxLength: 2, maxSumCost: null, pointsTotal: null, maxPointsPerProject: null, exactLength: false };
const pool = (id: string, areaId: string | null, s: Partial<BoothPool['spec']> & Pick<BoothPool['spec'], 'voteType'>): BoothPool => ({
  id,
  name: id,
  areaId,
  spec: { ...spec, ...s },
  projects,
});
const gap = { pl: 'luka', en: 'gap' };
const bad = (max: number) => ({ pl: `0..${max}`, en: `0..${max}` });

describe('booth model', () => {
  it('a voter may vote in city-wide pools and those of the declared area and the areas above it', () => {
    expect(lineageOf(areas, 'oliwa-g')).toEqual(['oliwa-g', 'oliwa', 'city']);
    const pools = [
      pool('none', null, { voteType: 'approval' }),
      pool('root', 'city', { voteType: 'approval' }),
      pool('o', 'oliwa', { voteType: 'approval' }),
      pool('w', 'wrzeszcz', { voteType: 'approval' }),
    ];
    expect(eligiblePools(pools, areas, 'oliwa-g').map((p) => p.id)).toEqual(['none', 'root', 'o']);
    expect(eligiblePools(pools, areas, 'wrzeszcz').map((p) => p.id)).toEqual(['none', 'root', 'w']);
  });

  it('reads each vote type from its form and puts the API’s problems on the field that caused them', () => {
    const approval = pool('a', null, { voteType: 'approval', maxSumCost: 600_000_00 });
    const read = readPoolForm(approval, { projectIds: ['p1', 'p2'] }, bad);
    expect(read.choice).toEqual({ projectIds: ['p1', 'p2'] });
    expect(checkPoolForm(approval, read.choice, gap).map((p) => p.field)).toEqual(['projectIds']);
    expect(checkPoolForm(approval, readPoolForm(approval, { projectIds: 'p3' }, bad).choice, gap)).toEqual([]);

    const ordinal = pool('o', null, { voteType: 'ordinal', maxLength: 3, exactLength: true, minLength: 0 });
    const twice = readPoolForm(ordinal, { 'rank.1': 'p1', 'rank.2': 'p1', 'rank.3': 'p2' }, bad).choice;
    expect(checkPoolForm(ordinal, twice, gap).map((p) => p.field)).toEqual(['rank.2']);
    const holed = readPoolForm(ordinal, { 'rank.1': '', 'rank.2': 'p1' }, bad).choice;
    expect(checkPoolForm(ordinal, holed, gap)).toEqual([{ field: 'rank.1', text: gap }]);
    expect(toPoolChoice(ordinal, { projectIds: ['p3', 'p1', ''] })).toEqual({ poolId: 'o', projectIds: ['p3', 'p1'] });

    const cumulative = pool('c', null, { voteType: 'cumulative', pointsTotal: 5, maxPointsPerProject: 3, maxLength: null });
    const typed = readPoolForm(cumulative, { 'points.p1': '4', 'points.p2': 'x', 'points.p3': '' }, bad);
    expect(typed.errors).toEqual([{ field: 'points.p2', text: bad(3) }]);
    expect(typed.choice).toEqual({ points: { p1: 4 } });
    expect(checkPoolForm(cumulative, typed.choice, gap).map((p) => p.field)).toEqual(['points.p1']);
    expect(toPoolChoice(cumulative, { points: { p1: 3, p2: 2 } })).toEqual({
      poolId: 'c',
      points: [
        { projectId: 'p1', points: 3 },
        { projectId: 'p2', points: 2 },
      ],
    });
  });

  it('turns the form’s identity into the API’s (empty fields absent, the guardian only when given)', () => {
    expect(toIdentity({ firstName: 'Ala', lastName: 'Kot', areaId: 'oliwa', birthYear: '2012', guardianName: 'Ewa Kot', guardianDeclaration: true })).toEqual({
      firstName: 'Ala',
      lastName: 'Kot',
      areaId: 'oliwa',
      address: null,
      email: null,
      pesel: null,
      birthYear: 2012,
      guardian: { name: 'Ewa Kot', declaration: true },
    });
    expect(toIdentity({ firstName: 'Ala', lastName: 'Kot', areaId: 'oliwa' }).guardian).toBeNull();
  });
});
