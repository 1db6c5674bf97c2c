import { Text } from '@civitas/common';
import { BudgetError } from './budget.errors';

/**
 * A project's states, in the order it passes through them. `appeal_upheld` is a step of the history only: the
 * project moves on to `admitted` in the same act.
 */
export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'formal_review',
  'correction_requested',
  'merit_review',
  'admitted',
  'rejected',
  'appealed',
  'appeal_upheld',
  'appeal_dismissed',
  'merged',
  'on_ballot',
  'selected',
  'not_selected',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * Every move a project can make, in one table. The authors submit a draft and resubmit a correction; an official's
 * formal review admits it to the merit review, asks for a correction (again, once a correction deadline has passed
 * unanswered) or rejects it; the merit review admits or rejects it; the authors appeal a rejection and an official
 * upholds (then admits) or dismisses the appeal; a project under review may be merged into another; drawing up the
 * ballot puts the admitted ones on it; the tally selects them or not.
 */
export const PROJECT_MOVES: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  draft: ['submitted'],
  submitted: ['merit_review', 'correction_requested', 'rejected', 'merged'],
  formal_review: ['merit_review', 'correction_requested', 'rejected', 'merged'],
  correction_requested: ['formal_review', 'merit_review', 'correction_requested', 'rejected', 'merged'],
  merit_review: ['admitted', 'rejected', 'merged'],
  admitted: ['on_ballot'],
  rejected: ['appealed'],
  appealed: ['appeal_upheld', 'appeal_dismissed'],
  appeal_upheld: ['admitted'],
  appeal_dismissed: [],
  merged: [],
  on_ballot: ['selected', 'not_selected'],
  selected: [],
  not_selected: [],
};

/** The statuses a review of each stage decides from (a correction request only once its deadline has passed). */
export const REVIEWED_FROM: Readonly<Record<'formal' | 'merit', readonly ProjectStatus[]>> = {
  formal: ['submitted', 'formal_review', 'correction_requested'],
  merit: ['merit_review'],
};

/** The authors may change the project, its authors and its documents. */
export const EDITABLE_STATUSES: readonly ProjectStatus[] = ['draft', 'correction_requested'];
/** Under review: the cost may be corrected and projects merged. */
export const UNDER_REVIEW_STATUSES: readonly ProjectStatus[] = ['submitted', 'formal_review', 'correction_requested', 'merit_review'];
/** Paper support lists may be added and their signatures counted (until the formal decision). */
export const SUPPORT_COUNTED_STATUSES: readonly ProjectStatus[] = ['submitted', 'formal_review', 'correction_requested'];
/** Out of the running (unless an appeal succeeds): no new co-authors, no group of mutually exclusive projects. */
export const OUT_OF_RUNNING_STATUSES: readonly ProjectStatus[] = ['merged', 'rejected', 'appeal_dismissed'];

/** Whether a status (as read from the database) is one of `among`. */
export function statusIn(status: string, among: readonly ProjectStatus[]): boolean {
  return (among as readonly string[]).includes(status);
}

export function mayMove(from: string, to: ProjectStatus): boolean {
  return (PROJECT_MOVES as Readonly<Record<string, readonly ProjectStatus[]>>)[from]?.includes(to) ?? false;
}

/** Refuses a move the table does not allow: 409 `invalid_transition`, naming the status and the act (`action`). */
export function assertMove(from: string, to: ProjectStatus, action: Text): void {
  if (!mayMove(from, to)) throw BudgetError.invalidTransition(from, action);
}

/** Refuses an act allowed only in some statuses: 409 `invalid_transition`, naming the status and the act. */
export function assertStatusIn(status: string, among: readonly ProjectStatus[], action: Text): void {
  if (!statusIn(status, among)) throw BudgetError.invalidTransition(status, action);
}
