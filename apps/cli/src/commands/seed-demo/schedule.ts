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

/** How many days each phase of the past edition lasted: a year's calendar, most of it the implementation. */
const PAST_PHASE_DAYS: Record<Phase, number> = {
  submission: 31,
  formal_review: 30,
  merit_review: 31,
  appeals: 14,
  ballot_list: 14,
  voting: 14,
  vote_verification: 7,
  results: 7,
  implementation: 300,
};

/**
 * The schedule of an edition that is over: the phases back to back, the last (implementation) ending `endedDaysAgo`
 * days before `now`. The past edition is walked through its phases with `scheduleWith` and given this one at the end.
 */
export function pastSchedule(now = Date.now(), endedDaysAgo = 1): PhaseWindow[] {
  const total = PHASES.reduce((days, phase) => days + PAST_PHASE_DAYS[phase], 0);
  let start = now - (endedDaysAgo + total) * DAY_MS;
  return PHASES.map((phase) => {
    const startsAt = new Date(start);
    start += PAST_PHASE_DAYS[phase] * DAY_MS;
    return { phase, startsAt, endsAt: new Date(start) };
  });
}
