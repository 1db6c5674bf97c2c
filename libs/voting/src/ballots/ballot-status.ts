/**
 * A ballot's state: its `status` column, and for a void ballot its `void_reason`. The states and every move between
 * them in one table; the services decide with these predicates, and the SQL that moves ballots does only these moves.
 */
/**
 * The void reason of an online ballot cast under void_all by a voter key that already had a ballot: outside the live
 * set and never counted, it waits for its code like a pending ballot and is shown as one (status route, turnout);
 * its confirmation proves a second ballot of the same voter (BallotsService.store, confirm).
 */
export const AWAITING_PROOF = 'duplicate_unconfirmed';

export const BALLOT_STATES = [
  'pending',
  'valid',
  // AWAITING_PROOF
  'void:duplicate_unconfirmed',
  'void:duplicate',
  'void:unconfirmed',
  'void:invalid_content',
  'void:unsigned',
  'void:illegible',
] as const;
export type BallotState = (typeof BALLOT_STATES)[number];

/**
 * The states a ballot is stored in: pending its code, valid at once (paper, or a method without a code), void as a
 * duplicate or awaiting proof (void_all), or void as an invalid paper sheet.
 */
export const BALLOT_ENTRIES: readonly BallotState[] = [
  'pending',
  'valid',
  'void:duplicate_unconfirmed',
  'void:duplicate',
  'void:invalid_content',
  'void:unsigned',
  'void:illegible',
];

/**
 * Every move: a pending ballot is confirmed with its code, released when its code was never entered in time, steps
 * aside for a proven ballot of the same voter (and awaits proof), or is voided with it as a duplicate; a valid ballot
 * is voided as a duplicate; a ballot awaiting proof is confirmed, or becomes a duplicate when its code proves one.
 */
export const BALLOT_MOVES: Readonly<Record<BallotState, readonly BallotState[]>> = {
  pending: ['valid', 'void:duplicate_unconfirmed', 'void:duplicate', 'void:unconfirmed'],
  valid: ['void:duplicate'],
  'void:duplicate_unconfirmed': ['valid', 'void:duplicate'],
  'void:duplicate': [],
  'void:unconfirmed': [],
  'void:invalid_content': [],
  'void:unsigned': [],
  'void:illegible': [],
};

/** The state of a ballot row. */
export function ballotState(status: string, voidReason: string | null): BallotState | undefined {
  const state = status === 'void' ? `void:${voidReason}` : status;
  return (BALLOT_STATES as readonly string[]).includes(state) ? (state as BallotState) : undefined;
}

export function mayMoveBallot(from: BallotState | undefined, to: BallotState): boolean {
  return from !== undefined && BALLOT_MOVES[from].includes(to);
}

/** Waiting for the code mailed to its caster: pending, or awaiting proof (its caster cannot tell the two apart). */
export function awaitsCode(state: BallotState | undefined): boolean {
  return state === 'pending' || state === 'void:duplicate_unconfirmed';
}

/** Proven: confirmed, keyed on paper or valid at once — or voided with the duplicate it was proven with. */
export function isProven(state: BallotState | undefined): boolean {
  return state === 'valid' || state === 'void:duplicate';
}

/** A paper sheet's states: keyed once, then matched or in mismatch by the second keying; a mismatch is resolved. */
export const SHEET_STATUSES = ['keyed_once', 'matched', 'mismatch', 'resolved', 'rejected'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

/**
 * Every move of a sheet: the second keying agrees (matched) or not (mismatch); a further keying that agrees with one
 * before settles a mismatch (resolved), one that agrees with none leaves it in mismatch; a sheet whose agreed ballot
 * cannot be stored (the voter has voted) is rejected.
 */
export const SHEET_MOVES: Readonly<Record<SheetStatus, readonly SheetStatus[]>> = {
  keyed_once: ['matched', 'mismatch', 'rejected'],
  mismatch: ['resolved', 'mismatch', 'rejected'],
  matched: [],
  resolved: [],
  rejected: [],
};

/** Settled: no keying is taken any more. */
export function sheetClosed(status: SheetStatus): boolean {
  return SHEET_MOVES[status].length === 0;
}
