import { PHASES, type Phase } from '@civitas/budget';

const DAY = 24 * 3600_000;

/**
 * A schedule with `current` under way now (started a day ago, ends in `daysLeft` days), the phases before it in
 * the past and the ones after it in the future, a week each.
 */
export function scheduleWith(current: Phase, daysLeft = 10): Array<{ phase: Phase; startsAt: string; endsAt: string }> {
  const i = PHASES.indexOf(current);
  const now = Date.now();
  return PHASES.map((phase, j) => {
    const start = j < i ? now - DAY - (i - j) * 7 * DAY : j === i ? now - DAY : now + daysLeft * DAY + (j - i - 1) * 7 * DAY;
    return { phase, startsAt: new Date(start).toISOString(), endsAt: new Date(j === i ? now + daysLeft * DAY : start + 7 * DAY).toISOString() };
  });
}
