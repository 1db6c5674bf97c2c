import { endStates, reachableFrom } from '@civitas/common';
import {
  assertAuthorAct,
  assertMove,
  BEFORE_DECISION_STATUSES,
  COMMITTED_STATUSES,
  DEADLINE_MOVE,
  EDITABLE_STATUSES,
  INITIATIVE_MOVES,
  INITIATIVE_STATUSES,
  isBeforeDecision,
  isBeingScored,
  isCarriedOut,
  isEditable,
  mayMove,
  submissionMove,
  WITH_AGREEMENT_STATUSES,
} from './initiative-status';
import { InitiativesError } from './initiatives.errors';

/** What `act` throws, or undefined. */
function thrownBy(act: () => void): unknown {
  try {
    act();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('initiative statuses and their moves', () => {
  it('allows exactly the moves of the life of an application', () => {
    const moves = INITIATIVE_STATUSES.flatMap((from) => INITIATIVE_STATUSES.filter((to) => mayMove(from, to)).map((to) => `${from} → ${to}`));
    expect(moves).toEqual([
      'draft → submitted',
      'submitted → registered',
      'registered → formal_check',
      'formal_check → correction_requested',
      'formal_check → evaluation',
      'formal_check → rejected',
      'correction_requested → formal_check',
      'correction_requested → unconsidered',
      'evaluation → approved',
      'evaluation → rejected',
      'approved → agreement_drafted',
      'agreement_drafted → agreement_drafted',
      'agreement_drafted → agreement_signed',
      'agreement_signed → in_progress',
      'agreement_signed → terminated',
      'in_progress → completed',
      'in_progress → terminated',
    ]);
  });

  it('ends unconsidered, rejected, completed or terminated, and every state is reached from a draft', () => {
    const ends = endStates(INITIATIVE_STATUSES, INITIATIVE_MOVES);
    expect(ends).toEqual(['unconsidered', 'rejected', 'completed', 'terminated']);
    expect(reachableFrom(INITIATIVE_STATUSES, INITIATIVE_MOVES, ['draft'])).toEqual(INITIATIVE_STATUSES);
  });

  it('the deadline job and the author’s submission make only moves the table allows', () => {
    expect(mayMove(DEADLINE_MOVE.from, DEADLINE_MOVE.to)).toBe(true);
    expect(EDITABLE_STATUSES.map((s) => `${s} → ${submissionMove(s)}`)).toEqual(['draft → submitted', 'correction_requested → formal_check']);
    for (const s of EDITABLE_STATUSES) expect(mayMove(s, submissionMove(s))).toBe(true);
  });

  it('refuses any other move with one error that names both states, in Polish and English', () => {
    expect(() => assertMove('submitted', 'registered')).not.toThrow();
    expect(() => assertMove('agreement_drafted', 'agreement_drafted')).not.toThrow();
    const e = thrownBy(() => assertMove('approved', 'rejected'));
    expect(e).toBeInstanceOf(InitiativesError);
    const err = e as InitiativesError;
    expect([err.kind, err.code]).toEqual(['conflict', 'invalid_transition']);
    expect(err.text).toEqual({
      pl: 'Wniosku w stanie „approved” nie można przenieść do stanu „rejected”.',
      en: 'An application in state "approved" cannot move to "rejected".',
    });
  });

  it('narrowed to one act, refuses the table’s other moves into the same state with the same error', () => {
    // An official starts the check of a registered application only; the author's correction goes back to it by submitting.
    expect(() => assertMove('registered', 'formal_check', ['registered'])).not.toThrow();
    const e = thrownBy(() => assertMove('correction_requested', 'formal_check', ['registered'])) as InitiativesError;
    expect([e.kind, e.code, e.text.en]).toEqual([
      'conflict',
      'invalid_transition',
      'An application in state "correction_requested" cannot move to "formal_check".',
    ]);
    // The decision rejects after the evaluation only, the formal check before it.
    expect(() => assertMove('evaluation', 'rejected', ['evaluation'])).not.toThrow();
    expect(thrownBy(() => assertMove('formal_check', 'rejected', ['evaluation']))).toBeInstanceOf(InitiativesError);
    // The author submits only while the application is theirs to change.
    expect(thrownBy(() => assertMove('registered', submissionMove('registered'), EDITABLE_STATUSES))).toBeInstanceOf(InitiativesError);
  });

  it('lets the author change the application in a draft or a correction, and report while the task is carried out', () => {
    expect(INITIATIVE_STATUSES.filter(isEditable)).toEqual(['draft', 'correction_requested']);
    expect(INITIATIVE_STATUSES.filter(isCarriedOut)).toEqual(['in_progress']);
    expect(() => assertAuthorAct('correction_requested', 'edit')).not.toThrow();
    expect(() => assertAuthorAct('in_progress', 'final_report')).not.toThrow();
    const e = thrownBy(() => assertAuthorAct('submitted', 'edit')) as InitiativesError;
    expect([e.kind, e.code]).toEqual(['conflict', 'invalid_transition']);
    expect(e.text).toEqual({
      pl: 'Wniosku w stanie „submitted” nie można przenieść do stanu „edit”.',
      en: 'An application in state "submitted" cannot move to "edit".',
    });
    expect((thrownBy(() => assertAuthorAct('completed', 'final_report')) as InitiativesError).text.en).toBe(
      'An application in state "completed" cannot move to "final_report".',
    );
  });

  it('scores while evaluated, decides after, and names the states of a promised share and of an agreement', () => {
    expect(INITIATIVE_STATUSES.filter(isBeingScored)).toEqual(['evaluation']);
    expect(INITIATIVE_STATUSES.filter(isBeforeDecision)).toEqual([...BEFORE_DECISION_STATUSES]);
    expect(BEFORE_DECISION_STATUSES).toEqual(['registered', 'formal_check', 'correction_requested', 'evaluation']);
    expect(COMMITTED_STATUSES).toEqual(['approved', 'agreement_drafted', 'agreement_signed', 'in_progress', 'completed']);
    expect(WITH_AGREEMENT_STATUSES).toEqual(['agreement_drafted', 'agreement_signed', 'in_progress', 'completed', 'terminated']);
  });
});
