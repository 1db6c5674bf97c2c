import type { AuthenticatedUser } from '@civitas/auth';
import { SettableClock } from '@civitas/config';
import { createTestModule, testMode, type TestModule, DAY, refusal } from '@civitas/test';
import { BallotsService, PaperBallotsService, VotingConfigService, VotingModule, type BallotInput } from '@civitas/voting';
import { aCityWithDistricts, anAccount } from '../../../test/factories/world.factory';
import { approvalSpec, aVotingEdition, confirmedWithCode, mailedCode, type VotingEdition } from '../../../test/factories/voting.factory';

/**
 * Casting ballots on the services alone (no HTTP), with the voting window decided by the clock: the test moves it
 * instead of rewriting the edition's schedule. Schedule from the start (t0): the ballot list until t0 + 2 days, voting
 * until t0 + 9 days, vote verification until t0 + 16 days. Policy: e-mail codes, the first ballot counts.
 */
describe(`voting: ballots only inside the voting window, by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let ballots: BallotsService;
  let paper: PaperBallotsService;
  let voting: VotingConfigService;
  let admin: AuthenticatedUser;
  let operators: AuthenticatedUser[];
  let district: string;
  let v: VotingEdition;
  let t0: number;
  let voter = 0;

  /** A ballot of a new voter of Oliwa for the first project of the pool. */
  const ballot = (o: Partial<BallotInput['identity']> = {}): BallotInput => {
    voter += 1;
    return {
      identity: { firstName: 'Ewa', lastName: `Głosująca-${voter}`, areaId: district, email: `ewa.${voter}@example.pl`, ...o },
      choices: [{ poolId: v.pools[0].id, projectIds: [v.pools[0].projects[0]] }],
    };
  };
  const cast = (input: BallotInput) => ballots.submit(v.edition.id, input, null);
  const keyed = (operator: AuthenticatedUser, sheet: string, input: BallotInput) => paper.key(v.edition.id, operator.id, sheet, input);

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([VotingModule], { clock: new SettableClock(new Date()) });
    t0 = t.clock.ms();
    ballots = t.get(BallotsService);
    paper = t.get(PaperBallotsService);
    voting = t.get(VotingConfigService);
    ({
      district: { Oliwa: district },
    } = await aCityWithDistricts(t, ['Oliwa']));
    admin = await anAccount(t, { displayName: 'Administratorka', grants: [{ role: 'admin', areaId: null }] });
    operators = [
      await anAccount(t, { displayName: 'Operator 1', grants: [{ role: 'official', areaId: null }] }),
      await anAccount(t, { displayName: 'Operator 2', grants: [{ role: 'official', areaId: null }] }),
    ];
    v = await aVotingEdition(t, admin, [{ name: 'Oliwa', areaId: district, costs: [10_000_00, 20_000_00, 30_000_00] }], { daysLeft: 2 });
  }, 120_000);
  afterAll(() => t?.close());

  it('before voting opens the edition shows the window from its schedule, takes no ballot on either channel, and its policy may still change', async () => {
    const view = await voting.view(v.edition.id);
    expect(view).toMatchObject({
      phase: 'ballot_list',
      votingOpensAt: new Date(t0 + 2 * DAY).toISOString(),
      votingClosesAt: new Date(t0 + 9 * DAY).toISOString(),
    });
    expect(await refusal(cast(ballot()))).toBe('not_voting_phase');
    expect(await refusal(keyed(operators[0], 'A-001', ballot()))).toBe('not_voting_phase');
    // A minute before the opening the admin still changes the policy.
    t.clock.advance(2 * DAY - 60_000);
    expect((await voting.setPolicy(admin.id, v.edition.id, { maxAreaPools: 2 })).policy).toMatchObject({ maxAreaPools: 2, methods: ['email_code'] });
  });

  it('from the opening instant: policy and specs are fixed, and a ballot waits for its e-mail code, then counts', async () => {
    t.clock.advance(60_000);
    expect((await voting.view(v.edition.id)).phase).toBe('voting');
    expect(await refusal(voting.setPolicy(admin.id, v.edition.id, { maxAreaPools: 3 }))).toBe('voting_started');
    expect(await refusal(voting.setSpec(admin.id, v.pools[0].id, approvalSpec(3)))).toBe('voting_started');

    const receipt = await cast(ballot());
    expect(receipt).toEqual({
      reference: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      status: 'pending',
      channel: 'online',
      confirmation: 'email_code',
    });
    expect((await ballots.status(receipt.reference)).status).toBe('pending');
    expect(await ballots.turnout(v.edition.id)).toMatchObject({ total: 0, pending: 1 });

    // A wrong code costs an attempt; the mailed one confirms the ballot.
    await mailedCode(t, receipt.reference, '111111');
    expect(await refusal(ballots.confirm(receipt.reference, '222222'))).toBe('wrong_code');
    expect(await ballots.confirm(receipt.reference, '111111')).toMatchObject({ reference: receipt.reference, status: 'valid', confirmedAt: expect.any(Date) });
    expect(await ballots.turnout(v.edition.id)).toMatchObject({ total: 1, pending: 0, byChannel: { online: 1, paper: 0 } });
  });

  it('one person, one vote: a second ballot from the same mailbox is refused while voting is open', async () => {
    const first = ballot();
    await confirmedWithCode(t, (await cast(first)).reference);
    expect(await refusal(cast({ ...first, identity: { ...first.identity, firstName: 'Ewelina' } }))).toBe('already_voted');
  });

  it('once voting has closed no ballot is cast online, while paper sheets are still keyed during vote verification', async () => {
    // The last minute of voting, then the closing instant (the window's end is not part of it).
    t.clock.set(new Date(t0 + 9 * DAY - 60_000));
    const last = await cast(ballot());
    expect(last.status).toBe('pending');
    t.clock.advance(60_000);
    expect((await voting.view(v.edition.id)).phase).toBe('vote_verification');
    expect(await refusal(cast(ballot()))).toBe('not_voting_phase');
    // The ballot cast in the last minute was never confirmed: after the close its code no longer counts it, and no new
    // code is sent — it stays pending, outside the turnout and the tally.
    await mailedCode(t, last.reference, '333333');
    expect(await refusal(ballots.confirm(last.reference, '333333'))).toBe('not_voting_phase');
    expect(await refusal(ballots.resendCode(last.reference))).toBe('not_voting_phase');
    expect((await ballots.status(last.reference)).status).toBe('pending');

    const sheet = ballot({ email: null });
    expect(await keyed(operators[0], 'W-001', sheet)).toMatchObject({ status: 'keyed_once', keyings: 1, ballot: null });
    const matched = await keyed(operators[1], 'W-001', sheet);
    expect(matched).toMatchObject({ status: 'matched', keyings: 2, ballot: { status: 'valid' } });
    expect(await ballots.turnout(v.edition.id)).toMatchObject({ total: 3, byChannel: { online: 2, paper: 1 } });
    expect((await paper.list(v.edition.id)).map((s) => [s.sheet, s.status])).toEqual([['W-001', 'matched']]);
  });

  it('after vote verification paper keying is refused too, and an unfinished sheet stays as it was', async () => {
    const sheet = ballot({ email: null });
    expect((await keyed(operators[0], 'W-002', sheet)).status).toBe('keyed_once');
    t.clock.set(new Date(t0 + 16 * DAY));
    expect((await voting.view(v.edition.id)).phase).toBe('results');
    expect(await refusal(keyed(operators[1], 'W-002', sheet))).toBe('not_voting_phase');
    expect(await refusal(paper.key(v.edition.id, operators[1].id, 'W-003', {}, 'illegible'))).toBe('not_voting_phase');
    expect((await paper.sheet(v.edition.id, 'W-002')).status).toBe('keyed_once');
    expect((await ballots.turnout(v.edition.id)).byChannel).toEqual({ online: 2, paper: 1 });
  });
});
