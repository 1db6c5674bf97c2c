/** A status table: for each state, the states it may move to (see the domain libs' *-status.ts). */
export type StateMoves<S extends string> = Readonly<Record<S, readonly S[]>>;

/** The states reached from `start` by the table's moves, `start` included, in the order of `states`. */
export function reachableFrom<S extends string>(states: readonly S[], moves: StateMoves<S>, start: readonly S[]): S[] {
  const reached = new Set<S>(start);
  const queue = [...start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const to of moves[next]) {
      if (reached.has(to)) continue;
      reached.add(to);
      queue.push(to);
    }
  }
  return states.filter((s) => reached.has(s));
}

/** The states with no move out, in the order of `states`. */
export function endStates<S extends string>(states: readonly S[], moves: StateMoves<S>): S[] {
  return states.filter((s) => moves[s].length === 0);
}
