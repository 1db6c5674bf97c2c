import { BudgetError } from './budget.errors';
import { checkImplementationUpdate, type ImplementationUpdateInput, type PreviousUpdate } from './implementation.service';

const TODAY = '2027-06-20';
const input = (o: Partial<ImplementationUpdateInput> = {}): ImplementationUpdateInput => ({
  status: 'implementing',
  percent: 40,
  note: 'Trwają prace.',
  happenedOn: '2027-06-10',
  ...o,
});
const previous = (o: Partial<PreviousUpdate> = {}): PreviousUpdate => ({ status: 'implementing', percent: 30, happenedOn: '2027-06-01', ...o });

/** The fields and codes of a refusal (or the error's code when it names no field). */
function refusal(fn: () => unknown): Array<[string, string]> | string {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof BudgetError)) throw err;
    return err.fields ? err.fields.map((f) => [f.field, f.code]) : err.code;
  }
  throw new Error('not refused');
}

describe('checkImplementationUpdate', () => {
  it('takes progress, and cleans the texts', () => {
    expect(checkImplementationUpdate(previous(), input({ note: '  <b>Trwają</b> prace; a < b ' }), TODAY)).toEqual({
      status: 'implementing',
      percent: 40,
      note: 'Trwają prace; a < b',
      reason: null,
      happenedOn: '2027-06-10',
    });
  });

  it('settles a percentage left out: 100 when implemented, else the previous one (0 at first)', () => {
    expect(checkImplementationUpdate(null, input({ percent: undefined }), TODAY).percent).toBe(0);
    expect(checkImplementationUpdate(previous(), input({ percent: undefined }), TODAY).percent).toBe(30);
    expect(checkImplementationUpdate(previous(), input({ status: 'implemented', percent: undefined }), TODAY).percent).toBe(100);
    expect(checkImplementationUpdate(previous(), input({ status: 'abandoned', percent: undefined, reason: 'Brak zgody.' }), TODAY)).toMatchObject({
      percent: 30,
      reason: 'Brak zgody.',
    });
  });

  it('allows any outcome from planned and from implementing; implemented and abandoned are final', () => {
    for (const status of ['implementing', 'implemented', 'abandoned'] as const) {
      const o = input({ status, percent: status === 'implemented' ? 100 : 40, reason: status === 'abandoned' ? 'Powód.' : undefined });
      expect(checkImplementationUpdate(null, o, TODAY).status).toBe(status);
      expect(checkImplementationUpdate(previous(), o, TODAY).status).toBe(status);
    }
    expect(refusal(() => checkImplementationUpdate(previous({ status: 'implemented', percent: 100 }), input({ percent: 100 }), TODAY))).toBe(
      'invalid_transition',
    );
    expect(refusal(() => checkImplementationUpdate(previous({ status: 'abandoned' }), input(), TODAY))).toBe('invalid_transition');
  });

  it('refuses each broken rule on its field', () => {
    const cases: Array<[Partial<ImplementationUpdateInput>, string, string]> = [
      [{ percent: 101 }, 'percent', 'percent_range'],
      [{ percent: 2.5 }, 'percent', 'percent_range'],
      [{ percent: 20 }, 'percent', 'percent_decreased'],
      [{ status: 'implemented', percent: 99 }, 'percent', 'implemented_not_complete'],
      [{ status: 'abandoned' }, 'reason', 'reason_required'],
      [{ status: 'abandoned', reason: '<i></i>' }, 'reason', 'isNotEmpty'],
      [{ reason: 'Niepotrzebny.' }, 'reason', 'reason_not_allowed'],
      [{ note: ' ' }, 'note', 'isNotEmpty'],
      [{ note: 'x'.repeat(5001) }, 'note', 'maxLength'],
      [{ happenedOn: '2027-06-21' }, 'happenedOn', 'in_future'],
      [{ happenedOn: '2027-05-31' }, 'happenedOn', 'before_previous_update'],
      [{ happenedOn: '2027-02-29' }, 'happenedOn', 'invalid_date'],
      [{ happenedOn: '1999-12-31' }, 'happenedOn', 'invalid_date'],
      [{ status: 'paused' as never }, 'status', 'isIn'],
    ];
    for (const [o, field, code] of cases) {
      expect({ o, refused: refusal(() => checkImplementationUpdate(previous(), input(o), TODAY)) }).toEqual({ o, refused: [[field, code]] });
    }
    // Every problem at once.
    expect(refusal(() => checkImplementationUpdate(previous(), input({ percent: 10, note: '', happenedOn: '2030-01-01' }), TODAY))).toEqual([
      ['percent', 'percent_decreased'],
      ['note', 'isNotEmpty'],
      ['happenedOn', 'in_future'],
    ]);
  });
});
