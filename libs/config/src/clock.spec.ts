import { SettableClock, SystemClock } from './clock';

describe('clocks', () => {
  it('the system clock reads the time of the process', () => {
    const before = Date.now();
    const read = new SystemClock().now().getTime();
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });

  it('a settable clock follows the system time moved on by every advance', () => {
    const clock = new SettableClock();
    clock.advance(7 * 24 * 3600_000);
    const ahead = clock.ms() - Date.now();
    expect(ahead).toBeGreaterThan(7 * 24 * 3600_000 - 1000);
    expect(ahead).toBeLessThanOrEqual(7 * 24 * 3600_000);
  });

  it('once set, it stands still until set or advanced again', () => {
    const clock = new SettableClock('2027-03-01T10:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-03-01T10:00:00.000Z');
    clock.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2027-03-01T11:30:00.000Z');
    clock.set('2027-03-08T00:00:00+01:00');
    expect(clock.now().toISOString()).toBe('2027-03-07T23:00:00.000Z');
  });
});
