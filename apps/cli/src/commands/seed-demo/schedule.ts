import { PHASES, type Phase, type PhaseWindow } from '@civitas/budget';

const DAY_MS = 24 * 3600_000;

/**
 * A schedule with `current` under way now (started a day ago, ends in `daysLeft` days), the phases before it in the
 * past and the ones after it in the future, `phaseDays` each. Sending it to the edition is how the demo walks
 * through the phases, as an admin moving a phase by hand would.
 */
export function scheduleWith(current: Phase, now = Date.now(), daysLeft = 14, phaseDays = 14): PhaseWindow[] {
  const i = PHASES.indexOf(current);
  return PHASES.map((phase, j) => {
    const start = j < i ? now - DAY_MS - (i - j) * phaseDays * DAY_MS : j === i ? now - DAY_MS : now + daysLeft * DAY_MS + (j - i - 1) * phaseDays * DAY_MS;
    const end = j === i ? now + daysLeft * DAY_MS : start + phaseDays * DAY_MS;
    return { phase, startsAt: new Date(start), endsAt: new Date(end) };
  });
}
