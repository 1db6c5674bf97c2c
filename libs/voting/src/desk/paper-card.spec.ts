import { cardAsks, cardField, type PaperCard, readSheet } from './paper-card';

const AREA = '00000000-0000-4000-8000-00000000000a';
const P = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const card: PaperCard = {
  policy: {
    methods: ['email_code'],
    minAge: null,
    guardianBelowAge: null,
    duplicatePolicy: 'first_counts',
    maxAreaPools: 1,
    rule: 'greedy',
    ruleOptions: {},
    retainIdentitiesUntil: null,
  },
  areas: [{ id: AREA, name: 'Oliwa' }],
  asks: cardAsks({
    methods: ['email_code'],
    minAge: null,
    guardianBelowAge: null,
    duplicatePolicy: 'first_counts',
    maxAreaPools: 1,
    rule: 'greedy',
    ruleOptions: {},
    retainIdentitiesUntil: null,
  }),
  pools: [
    {
      index: 1,
      id: 'a0000000-0000-4000-8000-000000000001',
      name: 'Ogólnomiejska',
      spec: { voteType: 'approval', minLength: 1, maxLength: 3, maxSumCost: null, pointsTotal: null, maxPointsPerProject: null, exactLength: false },
      projects: [1, 2, 3].map((n) => ({ id: P(n), position: n, title: `Projekt ${n}`, cost: 100 })),
    },
    {
      index: 2,
      id: 'a0000000-0000-4000-8000-000000000002',
      name: 'Ranking',
      spec: { voteType: 'ordinal', minLength: 1, maxLength: 2, maxSumCost: null, pointsTotal: null, maxPointsPerProject: null, exactLength: false },
      projects: [4, 5].map((n, i) => ({ id: P(n), position: i + 1, title: `Projekt ${n}`, cost: 100 })),
    },
  ],
};

describe('the paper card form', () => {
  it('asks for the fields the policy needs', () => {
    expect(card.asks).toEqual({ email: true, pesel: false, birthYear: false, guardian: false });
    expect(cardAsks({ ...card.policy, methods: ['pesel'], minAge: 16, guardianBelowAge: 18 })).toEqual({
      email: false,
      pesel: true,
      birthYear: false,
      guardian: true,
    });
  });

  it('reads typed numbers and ticked boxes as one, and places in rank order', async () => {
    const parsed = await readSheet(
      card,
      {
        sheet: ' 12 ',
        invalid: 'valid',
        firstName: 'Ewa',
        lastName: 'Lis',
        areaId: AREA,
        email: '',
        'pool1-numbers': '3, 1',
        pool1: '1',
        'pool2-1': '2',
        'pool2-2': '1',
      },
      'pl',
    );
    expect(parsed).toEqual({
      ok: true,
      sheet: '12',
      invalid: undefined,
      poolOf: [1, 2],
      input: {
        identity: { firstName: 'Ewa', lastName: 'Lis', areaId: AREA },
        choices: [
          { poolId: card.pools[0].id, projectIds: [P(1), P(3)] },
          { poolId: card.pools[1].id, projectIds: [P(5), P(4)] },
        ],
      },
    });
  });

  it('says what the form alone knows on the pool, and the DTO’s words on the fields', async () => {
    const parsed = await readSheet(card, { sheet: '', firstName: '', lastName: 'Lis', areaId: '', 'pool1-numbers': '7', 'pool2-1': '1', 'pool2-2': '1' }, 'pl');
    if (parsed.ok) throw new Error('expected problems');
    expect(parsed.errors.list.map((e) => e.field)).toEqual(['sheet', 'firstName', 'areaId', 'pool1', 'pool2']);
    expect(parsed.errors.for('pool1')).toBe('Na karcie nie ma projektu o numerze 7 (są od 1 do 3).');
    expect(parsed.errors.for('pool2')).toBe('Dwa projekty mają to samo miejsce 1.');
    expect(parsed.errors.for('firstName')).toContain('„Imię”');
  });

  it('an unsigned sheet reads nothing but the area it names', async () => {
    const parsed = await readSheet(card, { sheet: '9', invalid: 'unsigned', firstName: 'x', areaId: AREA, 'pool1-numbers': 'zz' }, 'en');
    expect(parsed).toMatchObject({ ok: true, invalid: 'unsigned', input: { identity: { areaId: AREA } } });
  });

  it('names the card’s field of each problem the API names by its path', () => {
    expect(cardField('identity.guardian.declaration', [])).toBe('guardianDeclaration');
    expect(cardField('identity.guardian', [])).toBe('guardianName');
    expect(cardField('identity.pesel', [])).toBe('pesel');
    expect(cardField('choices.1.projectIds', [1, 2])).toBe('pool2');
    expect(cardField('choices', [1])).toBeNull();
  });
});
