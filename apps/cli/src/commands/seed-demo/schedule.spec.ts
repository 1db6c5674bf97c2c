import { PHASES, phaseAt, phasePlanProblems } from '@civitas/budget';
import { VOTERS, voterEmail } from './demo-past-edition';
import { pastSchedule, scheduleWith } from './schedule';

const DAY_MS = 24 * 3600_000;
const NOW = Date.UTC(2026, 11, 6, 12);

describe('the demo schedules', () => {
  it('scheduleWith: the given phase under way, the plan valid', () => {
    const plan = scheduleWith('voting', NOW);
    expect(phasePlanProblems(plan)).toEqual([]);
    expect(phaseAt(plan, new Date(NOW))).toBe('voting');
  });

  it('pastSchedule: every phase once, in order, back to back, the implementation last and over the day before', () => {
    const plan = pastSchedule(NOW);
    expect(phasePlanProblems(plan)).toEqual([]);
    expect(plan.map((w) => w.phase)).toEqual([...PHASES]);
    for (let i = 1; i < plan.length; i++) expect(plan[i].startsAt).toEqual(plan[i - 1].endsAt);
    expect(plan.at(-1)).toMatchObject({ phase: 'implementation', endsAt: new Date(NOW - DAY_MS) });
    expect(phaseAt(plan, new Date(NOW))).toBeNull();
    // Long enough for the implementation reports, dated up to 210 days after it began.
    const implementation = plan.at(-1)!;
    expect(implementation.endsAt.getTime() - implementation.startsAt.getTime()).toBeGreaterThan(210 * DAY_MS);
  });
});

describe('the past edition voters', () => {
  it('have addresses without diacritics at the demo domain, one mailbox each', () => {
    expect(voterEmail({ firstName: 'Łukasz', lastName: 'Stępień' })).toBe('lukasz.stepien@demo.example.org');
    expect(voterEmail({ firstName: 'Zofia', lastName: 'Lis' })).toBe('zofia.lis@demo.example.org');
    const online = VOTERS.filter((v) => v.channel === 'online' && !v.resident).map(voterEmail);
    expect(new Set(online).size).toBe(online.length);
    for (const address of online) expect(address).toMatch(/^[a-z]+\.[a-z]+@demo\.example\.org$/);
  });

  it('are distinct people who each choose in at least one pool', () => {
    const names = VOTERS.map((v) => `${v.firstName} ${v.lastName}`);
    expect(new Set(names).size).toBe(names.length);
    for (const v of VOTERS) expect(v.city.length + v.district.length).toBeGreaterThan(0);
  });
});
