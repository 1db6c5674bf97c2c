import { PHASES, type Phase } from '@civitas/budget';

const DAY = 24 * 3600_000;

/**
 * A schedule with `current` under way at `now` (started a day before, ends `daysLeft` days after), the phases before
 * it in the past and the ones after it in the future, a week each.
 */
export function scheduleWith(current: Phase, daysLeft = 10, now = Date.now()): Array<{ phase: Phase; startsAt: string; endsAt: string }> {
  const i = PHASES.indexOf(current);
  return PHASES.map((phase, j) => {
    const start = j < i ? now - DAY - (i - j) * 7 * DAY : j === i ? now - DAY : now + daysLeft * DAY + (j - i - 1) * 7 * DAY;
    return { phase, startsAt: new Date(start).toISOString(), endsAt: new Date(j === i ? now + daysLeft * DAY : start + 7 * DAY).toISOString() };
  });
}
