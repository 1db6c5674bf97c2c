import { endStates, reachableFrom } from '@civitas/common';
import { assertMove, CONSULTATION_MOVES, CONSULTATION_STATUSES, isRunning, mayMove, SCHEDULED_MOVES } from './consultation-status';
import { ConsultationsError } from './consultations.errors';

describe('consultation statuses and their moves', () => {
  it('allows exactly the moves of the life of a consultation', () => {
    const moves = CONSULTATION_STATUSES.flatMap((from) => CONSULTATION_STATUSES.filter((to) => mayMove(from, to)).map((to) => `${from} → ${to}`));
    expect(moves).toEqual([
      'draft → announced',
      'draft → cancelled',
      'announced → open',
      'announced → cancelled',
      'open → closed',
      'open → cancelled',
      'closed → report_published',
    ]);
  });

  it('ends in a published report or a cancellation, and every state is reached from a draft', () => {
    const ends = endStates(CONSULTATION_STATUSES, CONSULTATION_MOVES);
    expect(ends).toEqual(['report_published', 'cancelled']);
    expect(reachableFrom(CONSULTATION_STATUSES, CONSULTATION_MOVES, ['draft'])).toEqual(CONSULTATION_STATUSES);
  });

  it('the schedule makes only moves the table allows', () => {
    for (const m of SCHEDULED_MOVES) expect(mayMove(m.from, m.to)).toBe(true);
  });

  it('refuses any other move with one error that names both states, in Polish and English', () => {
    expect(() => assertMove('draft', 'announced')).not.toThrow();
    let thrown: unknown;
    try {
      assertMove('closed', 'cancelled');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConsultationsError);
    const e = thrown as ConsultationsError;
    expect([e.kind, e.code]).toEqual(['conflict', 'invalid_transition']);
    expect(e.text).toEqual({
      pl: 'Konsultacji w stanie „closed” nie można przenieść do stanu „cancelled”.',
      en: 'A consultation in state "closed" cannot move to "cancelled".',
    });
  });

  it('is running while announced or open', () => {
    expect(CONSULTATION_STATUSES.filter(isRunning)).toEqual(['announced', 'open']);
  });
});
