import type { AuthenticatedUser } from '@civitas/auth';
import { SettableClock } from '@civitas/config';
import { BudgetModule, ReviewsService, type Criterion, type Edition, type ProjectView } from '@civitas/budget';
import { createTestModule, testMode, type TestModule, DAY, HOUR, refusal } from '@civitas/test';
import { aCityWithDistricts, anAccount, anEditionInPhase, aSubmittedProject } from '../../../test/factories/world.factory';

const CRITERIA: Criterion[] = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'];
const verdicts = (unmet?: string) =>
  CRITERIA.map((criterion) => ({ criterion, met: criterion !== unmet, justification: criterion === unmet ? 'Brak mapy.' : 'Spełnione.' }));

/**
 * The review use cases on the services alone (no HTTP), with the deadlines and phases decided by the clock: the test
 * moves it instead of waiting or rewriting dates in the database. Schedule from the start (t0): submission until
 * t0 + 10 days, then formal review, merit review and appeals, a week each; 3 days for a correction, 7 for an appeal.
 */
describe(`budget reviews: deadlines and phases by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let reviews: ReviewsService;
  let official: AuthenticatedUser;
  let author: AuthenticatedUser;
  let edition: Edition;
  const project: Record<string, ProjectView> = {};

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([BudgetModule], { clock: new SettableClock(new Date()) });
    reviews = t.get(ReviewsService);
    const { district } = await aCityWithDistricts(t, ['Oliwa']);
    official = await anAccount(t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: district.Oliwa }] });
    author = await anAccount(t, { displayName: 'Anna' });
    edition = await anEditionInPhase(t, 'submission', [{ name: 'Oliwa', areaId: district.Oliwa }], { rules: { correctionDays: 3, appealDays: 7 } });
    for (const key of ['corrected', 'lapsed', 'late']) project[key] = await aSubmittedProject(t, author, edition, 0, `Projekt ${key}`);
  }, 120_000);
  afterAll(() => t?.close());

  const formal = (key: string, outcome: 'positive' | 'correction' | 'negative', justification = 'Uzasadnienie.') =>
    reviews.review(official, project[key].id, {
      stage: 'formal',
      outcome,
      criteria: verdicts(outcome === 'positive' ? undefined : 'formal_requirements'),
      justification,
    });

  it('refuses a formal review while submission is still under way', async () => {
    expect(await refusal(formal('corrected', 'correction'))).toBe('wrong_phase');
  });

  it('a correction request gives the authors the edition’s days from the clock; in time, they resubmit', async () => {
    t.clock.advance(10 * DAY + HOUR);
    const asked = await formal('corrected', 'correction');
    expect(asked.status).toBe('correction_requested');
    expect(new Date(asked.correctionDeadline!).getTime()).toBe(t.clock.ms() + 3 * DAY);
    await formal('lapsed', 'correction');
    await formal('late', 'negative');
    t.clock.advance(3 * DAY - HOUR);
    expect((await reviews.resubmit(author, project.corrected.id)).status).toBe('formal_review');
  });

  it('once the correction deadline has passed the authors cannot resubmit, and the official decides without the correction', async () => {
    // Still waiting for the authors: the official cannot decide yet, and the desk's queue shows it among the corrections.
    expect(await refusal(formal('lapsed', 'negative'))).toBe('invalid_transition');
    const queued = async (kind: 'review' | 'correction') => (await reviews.queue(official, { kind, page: 1, pageSize: 50 })).rows.map((r) => r.title);
    expect(await queued('correction')).toEqual(['Projekt lapsed']);
    expect(await queued('review')).not.toContain('Projekt lapsed');
    t.clock.advance(2 * HOUR);
    // The clock, not the database's time, decides that the deadline has passed: the project is back in the review queue.
    expect(await queued('correction')).toEqual([]);
    expect(await queued('review')).toContain('Projekt lapsed');
    expect(await refusal(reviews.resubmit(author, project.lapsed.id))).toBe('deadline_passed');
    expect((await formal('lapsed', 'negative', 'Nie uzupełniono projektu w terminie.')).status).toBe('rejected');
  });

  it('an appeal is taken until the appeal deadline, refused after it, and taken again in the appeals phase', async () => {
    // 'lapsed' was rejected an hour ago (appeal deadline in 7 days); 'late' 3 days ago (in 4 days).
    expect((await reviews.appeal(author, project.lapsed.id, 'Mapa była w załączniku.')).status).toBe('appealed');
    t.clock.advance(4 * DAY + HOUR);
    expect(await refusal(reviews.appeal(author, project.late.id, 'Za późno?'))).toBe('deadline_passed');
    // The appeals phase (from t0 + 24 days) takes appeals whatever their deadline.
    t.clock.advance(7 * DAY);
    expect((await reviews.appeal(author, project.late.id, 'W fazie odwołań.')).status).toBe('appealed');
  });
});
