import type { AuthenticatedUser } from '@civitas/auth';
import { ProjectsService } from '@civitas/budget';
import { zonedDate } from '@civitas/common';
import { SettableClock } from '@civitas/config';
import { Scheduler } from '@civitas/queue';
import { createTestModule, testMode, type TestModule, DAY, HOUR, refusal } from '@civitas/test';
import {
  BallotsService,
  IdentityRetentionService,
  PaperBallotsService,
  ResultsService,
  TallyRunner,
  VotingConfigService,
  VotingModule,
  type BallotInput,
} from '@civitas/voting';
import { aCityWithDistricts, anAccount } from '../../../test/factories/world.factory';
import { aVotingEdition, type VotingEdition } from '../../../test/factories/voting.factory';

const ERASURE = 'erase-voter-identities';

/**
 * The tally, its publication and the erasure of voter identities on the services alone (no HTTP), each decided by the
 * clock: the test moves it instead of rewriting the schedule. Both editions (from the start, t0): voting from t0 + 1
 * day to t0 + 8 days, vote verification until t0 + 15 days. Voters sign in (policy `account`: a ballot counts at once)
 * or vote on paper. The first edition keeps identities until the city's date of t0 + 10 days (inside vote
 * verification), the second until that of t0 + 18 days (after it).
 */
describe(`voting: tally, publication and erasure of identities by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let ballots: BallotsService;
  let paper: PaperBallotsService;
  let results: ResultsService;
  let retention: IdentityRetentionService;
  let scheduler: Scheduler;
  let official: AuthenticatedUser;
  let operators: AuthenticatedUser[];
  let district: string;
  let t0: number;
  /** The first edition: three projects of 20,000, 15,000 and 10,000 PLN competing for 30,000 PLN. */
  let main: VotingEdition;
  /** The second edition, keeping identities past vote verification. */
  let late: VotingEdition;
  const references: string[] = [];

  const identity = (lastName: string) => ({ firstName: 'Jan', lastName, areaId: district, address: `ul. Polanki ${lastName.length}` });
  const choice = (v: VotingEdition, ...projects: number[]): BallotInput['choices'] => [
    { poolId: v.pools[0].id, projectIds: projects.map((i) => v.pools[0].projects[i]) },
  ];
  /** A signed-in voter's ballot. */
  const online = async (v: VotingEdition, lastName: string, ...projects: number[]) => {
    const voter = await anAccount(t, { displayName: lastName });
    const receipt = await ballots.submit(v.edition.id, { identity: identity(lastName), choices: choice(v, ...projects) }, voter.id);
    references.push(receipt.reference);
    return receipt;
  };
  /** A paper sheet keyed by both operators. */
  const onPaper = async (v: VotingEdition, sheet: string, lastName: string, ...projects: number[]) => {
    const input = { identity: identity(lastName), choices: choice(v, ...projects) };
    await paper.key(v.edition.id, operators[0].id, sheet, input);
    return paper.key(v.edition.id, operators[1].id, sheet, input);
  };

  /** The hourly erasure as the scheduler starts it at the clock's time: the job's id and what it erased. */
  async function scheduledErasure(): Promise<Awaited<ReturnType<IdentityRetentionService['run']>>> {
    expect(await scheduler.tickOnce()).toContain(ERASURE);
    // Not due again within the same hour.
    expect(await scheduler.tickOnce()).not.toContain(ERASURE);
    const [job] = (await t.db.query(`SELECT id FROM outbox WHERE job_name = $1 ORDER BY payload->>'scheduledFor' DESC LIMIT 1`, [ERASURE])) as Array<{
      id: string;
    }>;
    return retention.run({ id: job.id, name: ERASURE });
  }

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([VotingModule], { clock: new SettableClock(new Date()) });
    t0 = t.clock.ms();
    ballots = t.get(BallotsService);
    paper = t.get(PaperBallotsService);
    results = t.get(ResultsService);
    retention = t.get(IdentityRetentionService);
    scheduler = t.get(Scheduler);
    ({
      district: { Oliwa: district },
    } = await aCityWithDistricts(t, ['Oliwa']));
    const admin = await anAccount(t, { displayName: 'Administratorka', grants: [{ role: 'admin', areaId: null }] });
    official = await anAccount(t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    operators = [
      await anAccount(t, { displayName: 'Operator 1', grants: [{ role: 'official', areaId: null }] }),
      await anAccount(t, { displayName: 'Operator 2', grants: [{ role: 'official', areaId: null }] }),
    ];
    const policy = (days: number) => ({ methods: ['account' as const], retainIdentitiesUntil: zonedDate(new Date(t0 + days * DAY)) });
    main = await aVotingEdition(t, admin, [{ name: 'Oliwa', areaId: district, amount: 30_000_00, costs: [20_000_00, 15_000_00, 10_000_00] }], {
      name: 'BO Oliwa',
      policy: policy(10),
    });
    late = await aVotingEdition(t, admin, [{ name: 'Oliwa', areaId: district, costs: [10_000_00] }], { name: 'BO Oliwa później', policy: policy(18) });
    // The schedules start at the clock's time: the first hourly erasure is due on the next hour.
    await scheduler.tickOnce();
  }, 120_000);
  afterAll(() => t?.close());

  it('while voting is open the ballots count, the tally is refused and the results are under embargo', async () => {
    t.clock.advance(DAY);
    expect(await online(main, 'Nowak', 0, 1)).toMatchObject({ status: 'valid', confirmation: null });
    await online(main, 'Kowalski', 0, 2);
    await online(main, 'Wiśniewska', 1);
    expect(await onPaper(main, 'P-001', 'Papierowa', 0)).toMatchObject({ status: 'matched', ballot: { status: 'valid' } });
    await online(late, 'Późna', 0);

    expect(await ballots.turnout(main.edition.id)).toMatchObject({ total: 4, byChannel: { online: 3, paper: 1 } });
    expect(await refusal(results.requestTally(official, main.edition.id))).toBe('voting_not_closed');
    // A minute before the close, still refused.
    t.clock.set(new Date(t0 + 8 * DAY - 60_000));
    expect(await refusal(results.requestTally(official, main.edition.id))).toBe('voting_not_closed');
    expect(await refusal(results.publicResults(main.edition.id))).toBe('results_not_published');
  });

  it('from the close of voting a tally is queued, one at a time; its run selects within the budget, still under embargo', async () => {
    t.clock.advance(60_000);
    expect((await t.get(VotingConfigService).view(main.edition.id)).phase).toBe('vote_verification');
    const queued = await results.requestTally(official, main.edition.id);
    expect(queued).toEqual({ tallyRunId: expect.any(String), status: 'queued' });
    expect(await refusal(results.requestTally(official, main.edition.id))).toBe('tally_in_progress');
    expect(await refusal(results.publish(official, main.edition.id))).toBe('tally_in_progress');

    // The `tally-edition` job the request enqueued.
    await t.get(TallyRunner).run(queued.tallyRunId);
    const review = await results.reviewResults(official, main.edition.id);
    expect(review).toMatchObject({ embargo: true, published: null, run: { id: queued.tallyRunId, status: 'done' } });
    expect(review.pools).toHaveLength(1);
    // 20,000 (3 votes) and 10,000 (1 vote) fit into 30,000; 15,000 (2 votes) does not after the first.
    expect(review.pools[0]).toMatchObject({ budget: 30_000_00, spent: 30_000_00, ballots: { total: 4, valid: 4, invalid: 0 } });
    expect(review.pools[0].projects.map((p) => [p.projectId, p.selected])).toEqual(
      expect.arrayContaining([
        [main.pools[0].projects[0], true],
        [main.pools[0].projects[1], false],
        [main.pools[0].projects[2], true],
      ]),
    );
    expect(await refusal(results.publicResults(main.edition.id))).toBe('results_not_published');
  });

  it('publication makes the ranked results public and moves the projects; it happens once, and no tally follows it', async () => {
    expect(await results.publish(official, main.edition.id)).toMatchObject({ editionId: main.edition.id, winners: 2, totalCost: 30_000_00 });
    const [pool] = (await results.publicResults(main.edition.id)).pools;
    expect(pool.projects.map((p) => ({ rank: p.rank, projectId: p.projectId, votes: p.votes, selected: p.selected }))).toEqual([
      { rank: 1, projectId: main.pools[0].projects[0], votes: 3, selected: true },
      { rank: 2, projectId: main.pools[0].projects[2], votes: 1, selected: true },
      { rank: 3, projectId: main.pools[0].projects[1], votes: 2, selected: false },
    ]);
    expect(pool.projects[2].reason).toMatchObject({ code: expect.any(String), pl: expect.any(String), en: expect.any(String) });
    const projects = t.get(ProjectsService);
    expect(await Promise.all(main.pools[0].projects.map(async (id) => (await projects.get(undefined, id)).status))).toEqual([
      'selected',
      'not_selected',
      'selected',
    ]);
    expect(await refusal(results.publish(official, main.edition.id))).toBe('results_already_published');
    expect(await refusal(results.requestTally(official, main.edition.id))).toBe('results_already_published');
  });

  it('identities are kept while vote verification runs, even past the retention date', async () => {
    // The first edition's date (t0 + 10 days) has passed; vote verification ends at t0 + 15 days.
    t.clock.set(new Date(t0 + 12 * DAY));
    expect(await scheduledErasure()).toEqual([]);
    const sheet = await paper.sheet(main.edition.id, 'P-001');
    expect(sheet.entries.map((e) => e.content?.identity)).toEqual([
      expect.objectContaining({ lastName: 'papierowa' }),
      expect.objectContaining({ lastName: 'papierowa' }),
    ]);
  });

  it('once vote verification is over, the identities of the edition past its date are erased; ballots, turnout and results stay', async () => {
    const turnout = await ballots.turnout(main.edition.id);
    const statuses = await Promise.all(references.map((r) => ballots.status(r)));
    t.clock.set(new Date(t0 + 15 * DAY + HOUR));
    // The second edition's date (t0 + 18 days) is still ahead: it keeps its voter's identity.
    expect(await scheduledErasure()).toEqual([{ editionId: main.edition.id, identities: 4, paperEntries: 2 }]);

    const sheet = await paper.sheet(main.edition.id, 'P-001');
    expect(sheet.entries.map((e) => e.content?.identity)).toEqual([null, null]);
    expect(sheet.entries.map((e) => e.content?.choices)).toEqual([expect.any(Array), expect.any(Array)]);
    expect(await ballots.turnout(main.edition.id)).toEqual(turnout);
    expect(await Promise.all(references.map((r) => ballots.status(r)))).toEqual(statuses);
    expect((await results.publicResults(main.edition.id)).pools[0].projects.map((p) => p.votes)).toEqual([3, 1, 2]);
    const audit = await results.audit(main.edition.id);
    expect(audit.chainIntact).toBe(true);
    expect(audit.entries.filter((e) => e.action === 'voting.identities_erased').map((e) => e.details)).toEqual([{ identities: 4, paperEntries: 2 }]);
  });

  it('the edition whose date comes after vote verification is erased once that date has passed; a repeated job erases nothing', async () => {
    t.clock.set(new Date(t0 + 19 * DAY));
    expect(await scheduledErasure()).toEqual([{ editionId: late.edition.id, identities: 1, paperEntries: 0 }]);
    // The same job delivered again runs once; the next hour's run finds nothing left.
    const [job] = (await t.db.query(`SELECT id FROM outbox WHERE job_name = $1 ORDER BY payload->>'scheduledFor' DESC LIMIT 1`, [ERASURE])) as Array<{
      id: string;
    }>;
    expect(await retention.run({ id: job.id, name: ERASURE })).toEqual([]);
    t.clock.advance(HOUR);
    expect(await scheduledErasure()).toEqual([]);
    expect((await results.audit(late.edition.id)).entries.filter((e) => e.action === 'voting.identities_erased')).toHaveLength(1);
  });
});
