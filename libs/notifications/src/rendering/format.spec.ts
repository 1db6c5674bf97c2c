import { formatDateTime, formatDay, formatMoney } from './format';
import { INITIATIVE_STATUS_LABELS, label, MODERATION_REASON_LABELS, PROJECT_STATUS_LABELS } from './labels';

describe('formatDateTime', () => {
  it('shows the time in Europe/Warsaw, in winter and in summer', () => {
    expect(formatDateTime('2026-12-01T09:00:00Z', 'pl')).toBe('1 grudnia 2026, 10:00');
    expect(formatDateTime('2026-12-01T09:00:00Z', 'en')).toBe('1 December 2026, 10:00');
    expect(formatDateTime('2026-06-30T21:59:00Z', 'pl')).toBe('30 czerwca 2026, 23:59');
    expect(formatDateTime('2026-03-31T22:00:00Z', 'en')).toBe('1 April 2026, 00:00');
  });

  it('rejects what is not a date', () => {
    expect(() => formatDateTime('tomorrow', 'pl')).toThrow(/ISO/);
  });
});

describe('formatDay', () => {
  it('formats a calendar day without shifting it', () => {
    expect(formatDay('2026-12-01', 'pl')).toBe('1 grudnia 2026');
    expect(formatDay('2026-01-31', 'en')).toBe('31 January 2026');
    expect(() => formatDay('2026-1-31', 'en')).toThrow();
  });
});

describe('formatMoney', () => {
  it('formats grosze in Polish and English', () => {
    expect(formatMoney('123456', 'pl')).toBe('1 234,56 zł');
    expect(formatMoney('123456', 'en')).toBe('PLN 1,234.56');
    expect(formatMoney(5, 'pl')).toBe('0,05 zł');
    expect(formatMoney('100000000', 'en')).toBe('PLN 1,000,000.00');
    expect(formatMoney('-1999', 'pl')).toBe('-19,99 zł');
  });

  it('is exact beyond the range of floating-point numbers', () => {
    expect(formatMoney('90071992547409931', 'pl')).toBe('900 719 925 474 099,31 zł');
  });

  it('rejects what is not an integer', () => {
    expect(() => formatMoney('12.50', 'pl')).toThrow();
    expect(() => formatMoney('', 'en')).toThrow();
  });
});

describe('labels', () => {
  it('has every status and reason in both languages', () => {
    const projectStatuses = [
      'submitted',
      'correction_requested',
      'formal_review',
      'merit_review',
      'admitted',
      'rejected',
      'appealed',
      'appeal_upheld',
      'appeal_dismissed',
      'on_ballot',
      'withdrawn',
      'merged',
      'selected',
      'not_selected',
    ];
    const initiativeStatuses = [
      'submitted',
      'registered',
      'correction_requested',
      'unconsidered',
      'formal_check',
      'evaluation',
      'approved',
      'rejected',
      'agreement_drafted',
      'agreement_signed',
      'in_progress',
      'completed',
      'terminated',
    ];
    const reasons = ['offensive', 'off_topic', 'personal_data', 'spam', 'other'];
    for (const [labels, values] of [
      [PROJECT_STATUS_LABELS, projectStatuses],
      [INITIATIVE_STATUS_LABELS, initiativeStatuses],
      [MODERATION_REASON_LABELS, reasons],
    ] as const) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) {
        expect(label(labels, v, 'pl')).not.toBe(label(labels, v, 'en'));
      }
    }
    expect(label(PROJECT_STATUS_LABELS, 'rejected', 'pl')).toBe('odrzucony');
    expect(label(INITIATIVE_STATUS_LABELS, 'approved', 'en')).toBe('approved');
  });

  it('falls back to the raw value', () => {
    expect(label(PROJECT_STATUS_LABELS, 'archived', 'pl')).toBe('archived');
    expect(label(PROJECT_STATUS_LABELS, 'toString', 'en')).toBe('toString');
  });
});
