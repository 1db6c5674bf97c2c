import { checkPlacement, childrenBlockingKind, compareAreas, PlacementProblem, wouldCycle } from './area-hierarchy';

describe('area hierarchy', () => {
  it('puts a city at the top, with no parent', () => {
    expect(checkPlacement('city', null)).toBeNull();
    expect(checkPlacement('city', 'city')).toBe(PlacementProblem.CityHasParent);
    expect(checkPlacement('city', 'district')).toBe(PlacementProblem.CityHasParent);
  });

  it('puts a district under a city only', () => {
    expect(checkPlacement('district', 'city')).toBeNull();
    expect(checkPlacement('district', null)).toBe(PlacementProblem.ParentRequired);
    expect(checkPlacement('district', 'district')).toBe(PlacementProblem.ParentKindNotAllowed);
    expect(checkPlacement('district', 'neighbourhood')).toBe(PlacementProblem.ParentKindNotAllowed);
  });

  it('puts a neighbourhood under a district or directly under a city', () => {
    expect(checkPlacement('neighbourhood', 'district')).toBeNull();
    expect(checkPlacement('neighbourhood', 'city')).toBeNull();
    expect(checkPlacement('neighbourhood', null)).toBe(PlacementProblem.ParentRequired);
    expect(checkPlacement('neighbourhood', 'neighbourhood')).toBe(PlacementProblem.ParentKindNotAllowed);
  });

  it('refuses a change of kind that its children could not follow', () => {
    expect(childrenBlockingKind('district', ['neighbourhood', 'neighbourhood'])).toEqual([]);
    expect(childrenBlockingKind('district', ['district', 'neighbourhood'])).toEqual(['district']);
    expect(childrenBlockingKind('neighbourhood', ['neighbourhood'])).toEqual(['neighbourhood']);
    expect(childrenBlockingKind('city', ['district', 'neighbourhood'])).toEqual([]);
  });

  it('detects a cycle when the new parent is the area itself or one of its descendants', () => {
    // Kraków (c) > Krowodrza (d) > Bronowice (n): moving Kraków under Bronowice.
    expect(wouldCycle('c', ['n', 'd', 'c'])).toBe(true);
    expect(wouldCycle('c', ['c'])).toBe(true);
    expect(wouldCycle('n', ['d2', 'c'])).toBe(false);
  });

  it('orders by kind, then by name as Polish sorts it', () => {
    const areas = [
      { id: '1', kind: 'neighbourhood' as const, name: 'Łagiewniki' },
      { id: '2', kind: 'district' as const, name: 'Śródmieście' },
      { id: '3', kind: 'neighbourhood' as const, name: 'Zabłocie' },
      { id: '4', kind: 'neighbourhood' as const, name: 'Lasówka' },
      { id: '5', kind: 'city' as const, name: 'Kraków' },
      { id: '6', kind: 'district' as const, name: 'Stare Miasto' },
      { id: '7', kind: 'district' as const, name: 'Dzielnica 10' },
      { id: '8', kind: 'district' as const, name: 'Dzielnica 9' },
    ];
    expect(areas.sort(compareAreas).map((a) => a.name)).toEqual([
      'Kraków',
      'Dzielnica 9',
      'Dzielnica 10',
      'Stare Miasto',
      'Śródmieście',
      'Lasówka',
      'Łagiewniki',
      'Zabłocie',
    ]);
  });
});
