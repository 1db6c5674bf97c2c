import { formatDate, formatDateTime, formatMoney, isoDate } from './format';
import { plural } from './texts';

const votes = { pl: { one: '{n} głos', few: '{n} głosy', many: '{n} głosów' }, en: { one: '{n} vote', other: '{n} votes' } };

describe('Polish and English formatting', () => {
  it('plurals follow Polish rules (1 głos, 2 głosy, 5 głosów, 22 głosy, 25 głosów, 112 głosów)', () => {
    expect([1, 2, 4, 5, 12, 22, 25, 112, 1004].map((n) => plural('pl', n, votes))).toEqual([
      '1 głos',
      '2 głosy',
      '4 głosy',
      '5 głosów',
      '12 głosów',
      '22 głosy',
      '25 głosów',
      '112 głosów',
      '1004 głosy',
    ]);
    expect([0, 1, 2, 1000].map((n) => plural('en', n, votes))).toEqual(['0 votes', '1 vote', '2 votes', '1,000 votes']);
    expect(plural('pl', 12345, votes)).toBe('12\u00a0345 głosów');
  });

  it('money comes from integer grosze, exactly, whole amounts without decimals', () => {
    expect(formatMoney('pl', 124_000_000)).toBe('1\u00a0240\u00a0000\u00a0zł');
    expect(formatMoney('pl', 1250)).toBe('12,50\u00a0zł');
    expect(formatMoney('en', 124_000_000)).toBe('PLN\u00a01,240,000');
    expect(formatMoney('en', '1')).toBe('PLN\u00a00.01');
    // Beyond 2^53 grosze nothing is rounded.
    expect(formatMoney('pl', 9_007_199_254_740_993n)).toBe('90\u00a0071\u00a0992\u00a0547\u00a0409,93\u00a0zł');
    expect(formatMoney('pl', -50)).toBe('-0,50\u00a0zł');
  });

  it('dates are shown in Warsaw time whatever the server runs in', () => {
    // 23:30 UTC on 31 December is already 1 January in Warsaw (UTC+1).
    const d = new Date('2026-12-31T23:30:00Z');
    expect(formatDate('pl', d)).toBe('1 stycznia 2027');
    expect(formatDate('en', d)).toBe('1 January 2027');
    expect(isoDate(d)).toBe('2027-01-01');
    expect(formatDateTime('pl', new Date('2026-06-15T10:05:00Z'))).toBe('15 czerwca 2026 12:05');
  });
});
