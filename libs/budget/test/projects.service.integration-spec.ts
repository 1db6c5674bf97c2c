import type { AuthenticatedUser } from '@civitas/auth';
import { SettableClock } from '@civitas/config';
import { BudgetModule, EditionsService, ProjectsService, ReviewsService, type Criterion, type Edition, type ProjectView } from '@civitas/budget';
import { createTestModule, testMode, type TestModule, DAY, MINUTE, refusal } from '@civitas/test';
import { aCityWithDistricts, aDraft, anAccount, aSubmittedProject } from '../../../test/factories/world.factory';
import { anAnnouncedEdition } from '../../../test/factories/budget-world.factory';

const CRITERIA: Criterion[] = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'];
const verdicts = (unmet?: Criterion) =>
  CRITERIA.map((criterion) => ({ criterion, met: criterion !== unmet, justification: criterion === unmet ? 'Brak mapy.' : 'Spełnione.' }));

/**
 * Projects on the services alone (no HTTP): writing, submitting and changing them and collecting their online support,
 * each allowed by the phase under way at the clock's time, which the test moves. From the start (t0): the edition is
 * announced, its submission opens at t0 + 2 days and ends at t0 + 12 days; the formal review follows until t0 + 19
 * days, then the merit review.
 */
describe(`budget projects: submission, changes and support by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let projects: ProjectsService;
  let editions: EditionsService;
  let reviews: ReviewsService;
  let official: AuthenticatedUser;
  let anna: AuthenticatedUser;
  let ben: AuthenticatedUser;
  let cecylia: AuthenticatedUser;
  let dawid: AuthenticatedUser;
  let edition: Edition;
  /** Anna's benches: a draft written before submission opens, submitted once it has. */
  let benches: ProjectView;
  /** Ben's outdoor gym, submitted on the first day. */
  let gym: ProjectView;
  /** Anna's second draft, never submitted. */
  let greenery: ProjectView;

  const page = { page: 1, pageSize: 50 };
  const phaseNow = async () => (await editions.get(edition.id)).currentPhase;
  const publicTitles = async () => (await projects.list(edition.id, page)).items.map((p) => p.title);

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([BudgetModule], { clock: new SettableClock(new Date()) });
    projects = t.get(ProjectsService);
    editions = t.get(EditionsService);
    reviews = t.get(ReviewsService);
    const { district } = await aCityWithDistricts(t, ['Oliwa']);
    official = await anAccount(t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: district.Oliwa }] });
    anna = await anAccount(t, { displayName: 'Anna' });
    ben = await anAccount(t, { displayName: 'Ben' });
    cecylia = await anAccount(t, { displayName: 'Cecylia' });
    dawid = await anAccount(t, { displayName: 'Dawid' });
    edition = await anAnnouncedEdition(t, [{ name: 'Oliwa', areaId: district.Oliwa }], { opensInDays: 2, submissionDays: 10 });
  }, 120_000);
  afterAll(() => t?.close());

  it('before submission opens, a draft can be written but not submitted; no phase is under way', async () => {
    expect(await phaseNow()).toBeNull();
    benches = await aDraft(t, anna, edition, 'Ławki przy Opackiej');
    expect(benches).toMatchObject({ status: 'draft', number: null, submittedAt: null });
    expect(await refusal(projects.submit(anna, benches.id))).toBe('wrong_phase');
    expect(await publicTitles()).toEqual([]);
  });

  it('submission opens at its scheduled time: the draft is submitted, numbered and public, and residents endorse it', async () => {
    t.clock.advance(2 * DAY - MINUTE);
    expect(await refusal(projects.submit(anna, benches.id))).toBe('wrong_phase');
    t.clock.advance(MINUTE);
    expect(await phaseNow()).toBe('submission');
    expect(await projects.submit(anna, benches.id)).toMatchObject({ status: 'submitted', number: 1 });
    gym = await aSubmittedProject(t, ben, edition, 0, 'Siłownia plenerowa');
    expect(gym).toMatchObject({ status: 'submitted', number: 2 });
    expect(await publicTitles()).toEqual(['Ławki przy Opackiej', 'Siłownia plenerowa']);
    expect(await projects.endorse(ben, benches.id)).toEqual({ endorsements: 1, endorsed: true });
    expect(await projects.endorse(cecylia, benches.id)).toEqual({ endorsements: 2, endorsed: true });
  });

  it('until its last minute drafts are written; once submission has ended, none is written or submitted and a submitted project stays as it is', async () => {
    t.clock.advance(10 * DAY - MINUTE);
    greenery = await aDraft(t, anna, edition, 'Zieleń przy szkole');
    expect(greenery.status).toBe('draft');
    t.clock.advance(MINUTE);
    expect(await phaseNow()).toBe('formal_review');
    expect(await refusal(aDraft(t, anna, edition, 'Spóźniony projekt'))).toBe('wrong_phase');
    expect(await refusal(projects.submit(anna, greenery.id))).toBe('wrong_phase');
    expect(await refusal(projects.update(anna, benches.id, { title: 'Ławki i kosze przy Opackiej' }))).toBe('invalid_transition');
    // The unsubmitted draft stays private: the public list is the submitted projects alone.
    expect(await publicTitles()).toEqual(['Ławki przy Opackiej', 'Siłownia plenerowa']);
    expect((await projects.mine(anna)).map((p) => [p.title, p.status])).toEqual([
      ['Zieleń przy szkole', 'draft'],
      ['Ławki przy Opackiej', 'submitted'],
    ]);
  });

  it('in the formal review the authors change a project sent back for correction, and support is still collected until the project passes', async () => {
    const asked = await reviews.review(official, benches.id, {
      stage: 'formal',
      outcome: 'correction',
      criteria: verdicts('formal_requirements'),
      justification: 'Dołącz mapę.',
    });
    expect(asked.status).toBe('correction_requested');
    const corrected = await projects.update(anna, benches.id, { summary: 'Dziesięć ławek przy Opackiej, z mapą.' });
    expect(corrected).toMatchObject({ status: 'correction_requested', summary: 'Dziesięć ławek przy Opackiej, z mapą.' });
    expect(corrected.history.at(-1)).toMatchObject({ action: 'corrected', fromStatus: 'correction_requested', toStatus: 'correction_requested' });
    // Withdrawn and given again while it is being corrected.
    expect(await projects.unendorse(cecylia, benches.id)).toEqual({ endorsements: 1, endorsed: false });
    expect(await projects.endorse(cecylia, benches.id)).toEqual({ endorsements: 2, endorsed: true });
    // A project that has passed the formal review takes no more support.
    expect((await reviews.review(official, gym.id, { stage: 'formal', outcome: 'positive', criteria: verdicts(), justification: 'Kompletny.' })).status).toBe(
      'merit_review',
    );
    expect(await refusal(projects.endorse(anna, gym.id))).toBe('endorsements_closed');
  });

  it('from the merit review phase on, support is neither given nor withdrawn, and what was collected stays', async () => {
    t.clock.advance(7 * DAY);
    expect(await phaseNow()).toBe('merit_review');
    expect(await refusal(projects.endorse(dawid, benches.id))).toBe('wrong_phase');
    expect(await refusal(projects.unendorse(cecylia, benches.id))).toBe('wrong_phase');
    const p = await projects.get(undefined, benches.id);
    expect(p.endorsements).toBe(2);
    expect(p.support).toEqual({ online: 2, paper: 0, total: 2, required: 0 });
    expect(await projects.hasEndorsed(cecylia, benches.id)).toBe(true);
    expect(await projects.hasEndorsed(dawid, benches.id)).toBe(false);
  });
});
