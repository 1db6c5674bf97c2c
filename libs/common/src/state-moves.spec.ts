import { endStates, reachableFrom } from './state-moves';

const STATES = ['a', 'b', 'c', 'd', 'e'] as const;
const MOVES = { a: ['b'], b: ['c', 'b'], c: [], d: ['e'], e: ['d'] } as const;

describe('status tables', () => {
  it('finds the states reached from a start, loops and all, in the table’s order', () => {
    expect(reachableFrom(STATES, MOVES, ['a'])).toEqual(['a', 'b', 'c']);
    expect(reachableFrom(STATES, MOVES, ['e'])).toEqual(['d', 'e']);
  });

  it('finds the states with no move out', () => {
    expect(endStates(STATES, MOVES)).toEqual(['c']);
  });
});
