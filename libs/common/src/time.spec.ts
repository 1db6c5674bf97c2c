import { nextDailyAt, zonedDate, zonedInstant } from './time';

describe('city time', () => {
  it('gives the date in Warsaw, not in UTC', () => {
    expect(zonedDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(zonedDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(zonedDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('converts a Warsaw wall-clock time to an instant in winter and in summer', () => {
    expect(zonedInstant(2026, 12, 1, 7, 0).toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(zonedInstant(2026, 6, 1, 7, 0).toISOString()).toBe('2026-06-01T05:00:00.000Z');
  });

  it('finds the next daily run, across midnight and a daylight saving change', () => {
    expect(nextDailyAt(new Date('2026-11-22T05:00:00Z'), 7).toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(nextDailyAt(new Date('2026-11-22T06:00:00Z'), 7).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    // Clocks go back on 25 October 2026: 07:00 on the 25th is 06:00 UTC, on the 24th 05:00 UTC.
    expect(nextDailyAt(new Date('2026-10-24T05:00:00Z'), 7).toISOString()).toBe('2026-10-25T06:00:00.000Z');
  });
});
