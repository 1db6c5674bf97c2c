import {
  awaitsCode,
  BALLOT_ENTRIES,
  BALLOT_MOVES,
  BALLOT_STATES,
  ballotState,
  isProven,
  mayMoveBallot,
  SHEET_MOVES,
  SHEET_STATUSES,
  sheetClosed,
  type BallotState,
  AWAITING_PROOF,
} from './ballot-status';

describe('ballot states and their moves', () => {
  it('allows exactly the moves of a ballot', () => {
    const moves = BALLOT_STATES.flatMap((from) => BALLOT_STATES.filter((to) => mayMoveBallot(from, to)).map((to) => `${from} → ${to}`));
    expect(moves).toEqual([
      'pending → valid',
      'pending → void:duplicate_unconfirmed',
      'pending → void:duplicate',
      'pending → void:unconfirmed',
      'valid → void:duplicate',
      'void:duplicate_unconfirmed → valid',
      'void:duplicate_unconfirmed → void:duplicate',
    ]);
  });

  it('reaches every state from the states a ballot is stored in, and every void state is final', () => {
    const reached = new Set<BallotState>(BALLOT_ENTRIES);
    for (const from of BALLOT_ENTRIES) for (const to of BALLOT_MOVES[from]) reached.add(to);
    expect([...reached].sort()).toEqual([...BALLOT_STATES].sort());
    expect(BALLOT_STATES.filter((s) => s.startsWith('void:') && BALLOT_MOVES[s].length > 0)).toEqual(['void:duplicate_unconfirmed']);
  });

  it('reads a row: the status, and for a void ballot its reason', () => {
    expect(ballotState('pending', null)).toBe('pending');
    expect(ballotState('valid', null)).toBe('valid');
    expect(ballotState('void', AWAITING_PROOF)).toBe('void:duplicate_unconfirmed');
    expect(ballotState('void', 'duplicate')).toBe('void:duplicate');
    // An unknown state moves nowhere.
    expect(ballotState('void', 'something_else')).toBeUndefined();
    expect(mayMoveBallot(undefined, 'valid')).toBe(false);
  });

  it('waits for a code while pending or awaiting proof; proven when valid or voided as a proven duplicate', () => {
    expect(BALLOT_STATES.filter(awaitsCode)).toEqual(['pending', 'void:duplicate_unconfirmed']);
    expect(BALLOT_STATES.filter(isProven)).toEqual(['valid', 'void:duplicate']);
    // Only a ballot waiting for its code can be confirmed.
    expect(BALLOT_STATES.filter((s) => mayMoveBallot(s, 'valid'))).toEqual(BALLOT_STATES.filter(awaitsCode));
  });
});

describe('paper sheet statuses', () => {
  it('a sheet keyed once is matched, in mismatch or rejected; a mismatch is resolved, stays, or is rejected', () => {
    const moves = SHEET_STATUSES.flatMap((from) => SHEET_MOVES[from].map((to) => `${from} → ${to}`));
    expect(moves).toEqual([
      'keyed_once → matched',
      'keyed_once → mismatch',
      'keyed_once → rejected',
      'mismatch → resolved',
      'mismatch → mismatch',
      'mismatch → rejected',
    ]);
    expect(SHEET_STATUSES.filter(sheetClosed)).toEqual(['matched', 'resolved', 'rejected']);
  });
});
