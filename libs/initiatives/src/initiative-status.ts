import { InitiativesError } from './initiatives.errors';

/**
 * An application's states, in the order it passes through them (the `initiatives.status` CHECK constraint of the
 * migration `Initiatives`). `unconsidered` and `rejected` end it before an agreement, `terminated` after one.
 */
export const INITIATIVE_STATUSES = [
  'draft',
  'submitted',
  'registered',
  'formal_check',
  'correction_requested',
  'unconsidered',
  'evaluation',
  'approved',
  'rejected',
  'agreement_drafted',
  'agreement_signed',
  'in_progress',
  'completed',
  'terminated',
] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/**
 * Every move an application can make, in one table (DESIGN §4.5). The author submits a draft; an official registers
 * it and starts the formal check, which asks for a correction (the author's corrected application goes back to the
 * check; a missed deadline leaves it unconsidered: DEADLINE_MOVE), passes it to the evaluation or rejects it; the
 * decision approves or rejects it; an official draws up the agreement (and draws it up again while it is not signed),
 * records its signature, starts the task, and completes it once the final report is filed — or terminates the
 * agreement once signed.
 */
export const INITIATIVE_MOVES: Readonly<Record<InitiativeStatus, readonly InitiativeStatus[]>> = {
  draft: ['submitted'],
  submitted: ['registered'],
  registered: ['formal_check'],
  formal_check: ['correction_requested', 'evaluation', 'rejected'],
  correction_requested: ['formal_check', 'unconsidered'],
  unconsidered: [],
  evaluation: ['approved', 'rejected'],
  approved: ['agreement_drafted'],
  rejected: [],
  agreement_drafted: ['agreement_drafted', 'agreement_signed'],
  agreement_signed: ['in_progress', 'terminated'],
  in_progress: ['completed', 'terminated'],
  completed: [],
  terminated: [],
};

/** The move the deadline job makes by itself: a correction not sent by `correction_deadline` leaves the application unconsidered. */
export const DEADLINE_MOVE = { from: 'correction_requested', to: 'unconsidered', at: 'correction_deadline' } as const satisfies {
  from: InitiativeStatus;
  to: InitiativeStatus;
  at: string;
};

/** The author may change the application and its documents, and submit it (a draft, or a correction). */
export const EDITABLE_STATUSES: readonly InitiativeStatus[] = ['draft', 'correction_requested'];
/** The task is carried out: the author adds photos of it and files the final report. */
export const CARRIED_OUT_STATUSES: readonly InitiativeStatus[] = ['in_progress'];
/** Before the decision: the evaluators' scores are not shown together (nor their mean). */
export const BEFORE_DECISION_STATUSES: readonly InitiativeStatus[] = ['registered', 'formal_check', 'correction_requested', 'evaluation'];
/** The application's city share is promised out of the year's allocation. */
export const COMMITTED_STATUSES: readonly InitiativeStatus[] = ['approved', 'agreement_drafted', 'agreement_signed', 'in_progress', 'completed'];
/** An agreement exists and can be read. */
export const WITH_AGREEMENT_STATUSES: readonly InitiativeStatus[] = ['agreement_drafted', 'agreement_signed', 'in_progress', 'completed', 'terminated'];

/** What the author does to the application without moving it, and in which states (the error names the act). */
const AUTHOR_ACTS = { edit: EDITABLE_STATUSES, final_report: CARRIED_OUT_STATUSES } as const;

export function isEditable(status: InitiativeStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function isCarriedOut(status: InitiativeStatus): boolean {
  return CARRIED_OUT_STATUSES.includes(status);
}

/** Evaluators score the application (and see only their own scores until the decision). */
export function isBeingScored(status: InitiativeStatus): boolean {
  return status === 'evaluation';
}

export function isBeforeDecision(status: InitiativeStatus): boolean {
  return BEFORE_DECISION_STATUSES.includes(status);
}

export function mayMove(from: InitiativeStatus, to: InitiativeStatus): boolean {
  return INITIATIVE_MOVES[from].includes(to);
}

/**
 * Refuses a move the table does not allow: 409 `invalid_transition`, naming both states. `onlyFrom` narrows the
 * table's moves into `to` to those of one act, where two acts reach the same state: the author's corrected
 * application goes back to the formal check, an official starts the check of a registered one; the formal check
 * rejects an application, and so does the decision after the evaluation.
 */
export function assertMove(from: InitiativeStatus, to: InitiativeStatus, onlyFrom?: readonly InitiativeStatus[]): void {
  if (!mayMove(from, to) || (onlyFrom !== undefined && !onlyFrom.includes(from))) throw InitiativesError.invalidTransition(from, to);
}

/** Where the author's submission moves the application: a draft is submitted, a correction goes back to the formal check. */
export function submissionMove(from: InitiativeStatus): InitiativeStatus {
  return from === 'draft' ? 'submitted' : 'formal_check';
}

/** Refuses what the author does without moving the application (`edit`, `final_report`) in another state: 409 `invalid_transition`, naming the state and the act. */
export function assertAuthorAct(status: InitiativeStatus, act: keyof typeof AUTHOR_ACTS): void {
  if (!AUTHOR_ACTS[act].includes(status)) throw InitiativesError.invalidTransition(status, act);
}
