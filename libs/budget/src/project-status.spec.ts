import { endStates, reachableFrom } from '@civitas/common';
import { BudgetError } from './budget.errors';
import {
  assertMove,
  assertStatusIn,
  EDITABLE_STATUSES,
  mayMove,
  OUT_OF_RUNNING_STATUSES,
  PROJECT_MOVES,
  PROJECT_STATUSES,
  REVIEWED_FROM,
  statusIn,
  SUPPORT_COUNTED_STATUSES,
  UNDER_REVIEW_STATUSES,
} from './project-status';

function thrownBy(f: () => void): BudgetError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BudgetError);
    return e as BudgetError;
  }
  throw new Error('nothing was thrown');
}

describe('project statuses and their moves', () => {
  it('allows exactly the moves of the life of a project', () => {
    const moves = PROJECT_STATUSES.flatMap((from) => PROJECT_STATUSES.filter((to) => mayMove(from, to)).map((to) => `${from} → ${to}`));
    expect(moves).toEqual([
      'draft → submitted',
      'submitted → correction_requested',
      'submitted → merit_review',
      'submitted → rejected',
      'submitted → merged',
      'formal_review → correction_requested',
      'formal_review → merit_review',
      'formal_review → rejected',
      'formal_review → merged',
      'correction_requested → formal_review',
      'correction_requested → correction_requested',
      'correction_requested → merit_review',
      'correction_requested → rejected',
      'correction_requested → merged',
      'merit_review → admitted',
      'merit_review → rejected',
      'merit_review → merged',
      'admitted → on_ballot',
      'rejected → appealed',
      'appealed → appeal_upheld',
      'appealed → appeal_dismissed',
      'appeal_upheld → admitted',
      'on_ballot → selected',
      'on_ballot → not_selected',
    ]);
  });

  it('ends selected, not selected, merged or with a dismissed appeal, and every state is reached from a draft', () => {
    expect(endStates(PROJECT_STATUSES, PROJECT_MOVES)).toEqual(['appeal_dismissed', 'merged', 'selected', 'not_selected']);
    expect(reachableFrom(PROJECT_STATUSES, PROJECT_MOVES, ['draft'])).toEqual(PROJECT_STATUSES);
  });

  it('reviews decide only from the statuses the table lets them leave', () => {
    for (const from of REVIEWED_FROM.formal) {
      for (const to of ['merit_review', 'correction_requested', 'rejected'] as const) expect(mayMove(from, to)).toBe(true);
    }
    for (const to of ['admitted', 'rejected'] as const) expect(mayMove('merit_review', to)).toBe(true);
  });

  it('the sets of statuses in which an act is allowed', () => {
    expect(PROJECT_STATUSES.filter((s) => statusIn(s, EDITABLE_STATUSES))).toEqual(['draft', 'correction_requested']);
    expect(PROJECT_STATUSES.filter((s) => statusIn(s, UNDER_REVIEW_STATUSES))).toEqual(['submitted', 'formal_review', 'correction_requested', 'merit_review']);
    expect(PROJECT_STATUSES.filter((s) => statusIn(s, SUPPORT_COUNTED_STATUSES))).toEqual(['submitted', 'formal_review', 'correction_requested']);
    expect(PROJECT_STATUSES.filter((s) => statusIn(s, OUT_OF_RUNNING_STATUSES))).toEqual(['rejected', 'appeal_dismissed', 'merged']);
    // Everything under review can still be merged; nothing out of the running can.
    for (const s of UNDER_REVIEW_STATUSES) expect(mayMove(s, 'merged')).toBe(true);
    for (const s of OUT_OF_RUNNING_STATUSES) expect(mayMove(s, 'merged')).toBe(false);
  });

  it('refuses any other move, and an act outside its statuses, with one error naming the status and the act', () => {
    expect(() => assertMove('rejected', 'appealed', { pl: 'zaskarżyć', en: 'appealed' })).not.toThrow();
    const e = thrownBy(() => assertMove('admitted', 'appealed', { pl: 'zaskarżyć', en: 'appealed' }));
    expect([e.kind, e.code]).toEqual(['conflict', 'invalid_transition']);
    expect(e.text).toEqual({ pl: 'Projektu o statusie „admitted” nie można zaskarżyć.', en: 'A project with status "admitted" cannot be appealed.' });
    // A status the table does not know (a row written by hand) is refused the same way.
    expect(thrownBy(() => assertMove('withdrawn', 'submitted', { pl: 'zgłosić', en: 'submitted' })).code).toBe('invalid_transition');
    expect(() => assertStatusIn('draft', EDITABLE_STATUSES, { pl: 'zmieniać', en: 'changed' })).not.toThrow();
    expect(thrownBy(() => assertStatusIn('submitted', EDITABLE_STATUSES, { pl: 'zmieniać', en: 'changed' })).text).toEqual({
      pl: 'Projektu o statusie „submitted” nie można zmieniać.',
      en: 'A project with status "submitted" cannot be changed.',
    });
  });
});
