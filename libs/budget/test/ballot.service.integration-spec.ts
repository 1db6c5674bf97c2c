import type { AuthenticatedUser } from '@civitas/auth';
import { zonedDate } from '@civitas/common';
import { SettableClock } from '@civitas/config';
import {
  BallotService,
  BudgetModule,
  CostCorrectionsService,
  EditionsService,
  ImplementationService,
  MergesService,
  ProjectsService,
  ReviewsService,
  type BallotList,
  type Criterion,
  type Edition,
  type ProjectView,
} from '@civitas/budget';
import { createTestModule, testMode, type TestModule, DAY, MINUTE, refusal, refusedFields } from '@civitas/test';
import { aCityWithDistricts, anAccount, anEditionInPhase, aSubmittedProject } from '../../../test/factories/world.factory';
import { publishedResults } from '../../../test/factories/budget-world.factory';

const CRITERIA: Criterion[] = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'];
const verdicts = (unmet?: Criterion) =>
  CRITERIA.map((criterion) => ({ criterion, met: criterion !== unmet, justification: criterion === unmet ? 'Za drogo.' : 'Spełnione.' }));

/**
 * From the reviews to the ballot list and the implementation on the services alone (no HTTP), each act allowed by the
 * phase under way at the clock's time, which the test moves; the phase job (BallotService.advance) reads the same
 * clock. Two editions with one schedule from the start (t0): submission until t0 + 10 days, then formal review, merit
 * review, appeals, ballot list, voting, vote verification and results, a week each (appeals end at t0 + 31 days,
 * voting opens at t0 + 38 days, results at t0 + 52 days). In the first every project gets its decisions; in the
 * second two projects are left without a merit decision.
 */
describe(`budget: merges, cost corrections, the ballot list and the implementation by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let projects: ProjectsService;
  let editions: EditionsService;
  let reviews: ReviewsService;
  let costs: CostCorrectionsService;
  let merges: MergesService;
  let ballot: BallotService;
  let implementation: ImplementationService;
  let official: AuthenticatedUser;
  let anna: AuthenticatedUser;
  let ben: AuthenticatedUser;
  let edition: Edition;
  let undecided: Edition;
  /** Projects of the first edition: playground and swings (merged), benches and arbour (cost corrections), fountain (rejected). */
  const p = {} as Record<'playground' | 'swings' | 'benches' | 'arbour' | 'fountain', ProjectView>;
  /** Projects of the second edition, left in merit review. */
  const q = {} as Record<'skatepark' | 'ramp', ProjectView>;
  let drawn: BallotList[];

  const correction = (amount: number) => ({
    costItems: [
      { description: 'Ławki (cennik miasta)', amount },
      { description: 'Montaż', amount: 300_000 },
    ],
    justification: 'Ceny według cennika miasta.',
  });
  const review = (project: ProjectView, stage: 'formal' | 'merit', outcome: 'positive' | 'negative') =>
    reviews.review(official, project.id, {
      stage,
      outcome,
      criteria: verdicts(outcome === 'positive' ? undefined : 'cost'),
      justification: outcome === 'positive' ? 'Spełnia kryteria.' : 'Koszt przekracza możliwości.',
    });
  /** What one run of the phase job did, per edition. */
  const phaseJob = async () => Object.fromEntries((await ballot.advance()).map((r) => [r.editionId, { phase: r.phase, ballot: r.ballot }]));
  const status = async (project: ProjectView) => (await projects.get(undefined, project.id)).status;

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([BudgetModule], { clock: new SettableClock(new Date()) });
    projects = t.get(ProjectsService);
    editions = t.get(EditionsService);
    reviews = t.get(ReviewsService);
    costs = t.get(CostCorrectionsService);
    merges = t.get(MergesService);
    ballot = t.get(BallotService);
    implementation = t.get(ImplementationService);
    const { district } = await aCityWithDistricts(t, ['Oliwa']);
    official = await anAccount(t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: district.Oliwa }] });
    anna = await anAccount(t, { displayName: 'Anna' });
    ben = await anAccount(t, { displayName: 'Ben' });
    const pools = [{ name: 'Oliwa', areaId: district.Oliwa }];
    edition = await anEditionInPhase(t, 'submission', pools, { daysLeft: 10, name: 'BO Oliwa 2027' });
    undecided = await anEditionInPhase(t, 'submission', pools, { daysLeft: 10, name: 'BO Oliwa 2027 (bez decyzji)' });
    p.playground = await aSubmittedProject(t, anna, edition, 0, 'Plac zabaw przy Opackiej');
    p.swings = await aSubmittedProject(t, ben, edition, 0, 'Huśtawki przy Opackiej');
    p.benches = await aSubmittedProject(t, anna, edition, 0, 'Ławki przy stawie');
    p.arbour = await aSubmittedProject(t, ben, edition, 0, 'Altana');
    p.fountain = await aSubmittedProject(t, anna, edition, 0, 'Fontanna');
    q.skatepark = await aSubmittedProject(t, anna, undecided, 0, 'Skatepark');
    q.ramp = await aSubmittedProject(t, ben, undecided, 0, 'Rampa rowerowa');
  }, 120_000);
  afterAll(() => t?.close());

  it('in the submission phase an official proposes neither a cost correction nor a merge', async () => {
    expect(await refusal(costs.propose(official, p.benches.id, correction(4_200_000)))).toBe('wrong_phase');
    expect(await refusal(merges.propose(official, edition.id, { projectIds: [p.playground.id, p.swings.id], justification: 'Ten sam plac.' }))).toBe(
      'wrong_phase',
    );
  });

  it('in the formal review an official proposes a cost correction; the author accepts it and the project’s cost items are replaced', async () => {
    t.clock.advance(10 * DAY);
    const proposal = await costs.propose(official, p.benches.id, correction(4_200_000));
    expect(proposal).toMatchObject({ status: 'pending', total: 4_500_000, previousTotal: 5_000_000 });
    expect((await costs.respond(anna, p.benches.id, proposal.id, { accept: true })).status).toBe('accepted');
    const benches = await projects.get(undefined, p.benches.id);
    expect(benches.totalCost).toBe(4_500_000);
    expect(benches.costItems).toEqual(correction(4_200_000).costItems);
  });

  it('in the formal review an official proposes a merge; with the consent of both main authors the swings join the playground', async () => {
    const proposed = await merges.propose(official, edition.id, {
      projectIds: [p.playground.id, p.swings.id],
      title: 'Plac zabaw z huśtawkami przy Opackiej',
      justification: 'Oba projekty dotyczą tego samego placu.',
    });
    expect(proposed.consents).toEqual([
      { projectId: p.playground.id, consent: null },
      { projectId: p.swings.id, consent: null },
    ]);
    expect((await merges.consent(anna, proposed.id, true)).status).toBe('pending');
    expect((await merges.consent(ben, proposed.id, true)).status).toBe('accepted');
    expect(await projects.get(undefined, p.swings.id)).toMatchObject({ status: 'merged', mergedInto: p.playground.id });
    const playground = await projects.get(undefined, p.playground.id);
    expect(playground.title).toBe('Plac zabaw z huśtawkami przy Opackiej');
    expect(playground.authors.map((a) => a.displayName)).toEqual(['Anna', 'Ben']);
    for (const project of [p.playground, p.benches, p.arbour, p.fountain, q.skatepark, q.ramp]) {
      expect((await review(project, 'formal', 'positive')).status).toBe('merit_review');
    }
  });

  it('in the merit review a cost correction is still proposed, and refused by the author: the cost stays', async () => {
    t.clock.advance(7 * DAY);
    const proposal = await costs.propose(official, p.arbour.id, correction(4_000_000));
    expect(proposal).toMatchObject({ status: 'pending', total: 4_300_000, previousTotal: 5_000_000 });
    expect((await costs.respond(ben, p.arbour.id, proposal.id, { accept: false, response: 'Altana z drewna jest droższa.' })).status).toBe('refused');
    expect((await projects.get(undefined, p.arbour.id)).totalCost).toBe(5_000_000);
    for (const project of [p.playground, p.benches, p.arbour]) expect((await review(project, 'merit', 'positive')).status).toBe('admitted');
    const rejected = await review(p.fountain, 'merit', 'negative');
    expect(rejected.status).toBe('rejected');
    expect(new Date(rejected.appealDeadline!).getTime()).toBe(t.clock.ms() + 7 * DAY);
  });

  it('once the appeals phase begins, no merit review, cost correction or merge is taken; the ballot list is not drawn yet', async () => {
    t.clock.advance(7 * DAY);
    expect(await refusal(review(q.skatepark, 'merit', 'positive'))).toBe('wrong_phase');
    expect(await refusal(costs.propose(official, q.skatepark.id, correction(4_200_000)))).toBe('wrong_phase');
    expect(await refusal(merges.propose(official, undecided.id, { projectIds: [q.skatepark.id, q.ramp.id], justification: 'Ten sam teren.' }))).toBe(
      'wrong_phase',
    );
    expect((await reviews.appeal(anna, p.fountain.id, 'Koszt jest realny.')).status).toBe('appealed');
    expect(await phaseJob()).toEqual({
      [edition.id]: { phase: 'appeals', ballot: 'not_yet' },
      [undecided.id]: { phase: 'appeals', ballot: 'not_yet' },
    });
    expect(await refusal(ballot.draw(edition.id))).toBe('ballot_not_ready');
    expect(await refusal(ballot.lists(edition.id))).toBe('ballot_not_ready');
  });

  it('the phase job draws the ballot list once appeals have ended and every project has its decision, and only once', async () => {
    t.clock.advance(7 * DAY - MINUTE);
    expect((await phaseJob())[edition.id]).toEqual({ phase: 'appeals', ballot: 'not_yet' });
    t.clock.advance(MINUTE);
    // The appeal is undecided; in the second edition two projects never got their merit decision.
    expect(await phaseJob()).toEqual({
      [edition.id]: { phase: 'ballot_list', ballot: 'waiting' },
      [undecided.id]: { phase: 'ballot_list', ballot: 'waiting' },
    });
    expect(await refusal(ballot.lists(edition.id))).toBe('ballot_not_ready');
    expect((await reviews.decideAppeal(official, p.fountain.id, { upheld: false, justification: 'Brak podstaw.' })).status).toBe('appeal_dismissed');
    expect(await phaseJob()).toEqual({
      [edition.id]: { phase: 'ballot_list', ballot: 'drawn' },
      [undecided.id]: { phase: 'ballot_list', ballot: 'waiting' },
    });
    drawn = await ballot.lists(edition.id);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ poolName: 'Oliwa', ordering: 'alphabetical', seed: null });
    expect(drawn[0].projects.map((x) => [x.position, x.title])).toEqual([
      [1, 'Altana'],
      [2, 'Ławki przy stawie'],
      [3, 'Plac zabaw z huśtawkami przy Opackiej'],
    ]);
    expect(await projects.get(undefined, p.playground.id)).toMatchObject({ status: 'on_ballot', ballotPosition: 3 });
    expect(await status(p.fountain)).toBe('appeal_dismissed');
    // The next runs leave the list as it is.
    expect((await phaseJob())[edition.id]).toEqual({ phase: 'ballot_list', ballot: 'done' });
    expect(await ballot.lists(edition.id)).toEqual(drawn);
  });

  it('projects are marked mutually exclusive until voting opens; the phase job announces the vote once', async () => {
    const group = await merges.exclude(official, edition.id, { projectIds: [p.benches.id, p.arbour.id], reason: 'Ta sama działka przy stawie.' });
    expect((await projects.get(undefined, p.benches.id)).exclusiveWith).toEqual([
      { groupId: group.id, projectIds: [p.arbour.id], reason: 'Ta sama działka przy stawie.' },
    ]);
    t.clock.advance(7 * DAY);
    expect((await editions.get(edition.id)).currentPhase).toBe('voting');
    expect(await refusal(merges.removeExclusion(official, group.id))).toBe('wrong_phase');
    expect(await refusal(merges.exclude(official, edition.id, { projectIds: [p.benches.id, p.playground.id], reason: 'Jeden plac.' }))).toBe('wrong_phase');
    expect((await merges.exclusions(edition.id)).map((g) => g.id)).toEqual([group.id]);
    expect((await phaseJob())[edition.id]).toEqual({ phase: 'voting', ballot: 'done' });
    await phaseJob();
    const announced = (await t.db.query(`SELECT facts FROM notification_events WHERE kind = 'voting.opened' AND facts->>'editionId' = $1`, [
      edition.id,
    ])) as Array<{ facts: Record<string, string> }>;
    const voting = edition.phases.find((w) => w.phase === 'voting')!;
    expect(announced.map((e) => e.facts)).toEqual([{ editionId: edition.id, editionName: 'BO Oliwa 2027', closesAt: voting.endsAt.toISOString() }]);
  });

  it('the implementation is reported once the results are out, for a selected project, on days up to the clock’s today', async () => {
    const update = (happenedOn: string) => ({ status: 'implementing' as const, percent: 10, note: 'Plac przekazano wykonawcy.', happenedOn });
    const today = () => zonedDate(t.clock.now());
    expect(await refusal(implementation.postUpdate(official, p.playground.id, update(today())))).toBe('results_not_published');
    t.clock.advance(14 * DAY);
    expect((await editions.get(edition.id)).currentPhase).toBe('results');
    await publishedResults(t, edition.id, { selected: [p.playground.id, p.benches.id], notSelected: [p.arbour.id] });
    expect(await refusal(implementation.postUpdate(official, p.arbour.id, update(today())))).toBe('not_selected');
    const tomorrow = zonedDate(new Date(t.clock.ms() + DAY));
    expect(await refusedFields(implementation.postUpdate(official, p.playground.id, update(tomorrow)))).toEqual({
      code: 'invalid_implementation_update',
      fields: ['happenedOn:in_future'],
    });
    t.clock.advance(DAY);
    expect(await implementation.postUpdate(official, p.playground.id, update(tomorrow))).toMatchObject({
      status: 'implementing',
      percent: 10,
      happenedOn: tomorrow,
    });
    expect(await implementation.timeline(p.playground.id)).toMatchObject({ status: 'implementing', percent: 10, happenedOn: tomorrow });
    expect((await implementation.timeline(p.benches.id)).status).toBe('planned');
  });
});
