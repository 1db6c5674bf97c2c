import type { AuthenticatedUser } from '@civitas/auth';
import { zonedDate, zonedInstant } from '@civitas/common';
import { SettableClock } from '@civitas/config';
import {
  AgreementService,
  ApplicationsService,
  InitiativesModule,
  ProgrammesService,
  ReviewService,
  type ApplicationInput,
  type FullInitiative,
  type ProgrammeInput,
} from '@civitas/initiatives';
import { createTestModule, testMode, type TestModule, DAY, MINUTE, refusal, refusedFields } from '@civitas/test';
import { application, CRITERIA } from '../../../test/factories/initiatives.factory';
import { aCityWithDistricts, anAccount } from '../../../test/factories/world.factory';

/** The programme's year: fixed, so that the windows and the turn of the year fall where the test puts the clock. */
const YEAR = 2030;
/** A wall-clock time in the city in YEAR (or the year given). */
const inCity = (month: number, day: number, hour: number, minute: number, year = YEAR) => zonedInstant(year, month, day, hour, minute);

/** Intake in two windows (spring and autumn), five days for a correction. */
const PROGRAMME: ProgrammeInput = {
  intake: 'windows',
  windows: [
    { opensOn: `${YEAR}-03-01`, closesOn: `${YEAR}-03-31` },
    { opensOn: `${YEAR}-09-01`, closesOn: `${YEAR}-09-30` },
  ],
  allocation: 10_000_000,
  minApplicants: 3,
  criteria: CRITERIA,
  correctionDays: 5,
  volunteerHourValue: 3_500,
};

/** The calendar day after `day` (YYYY-MM-DD), whatever the length of the day in the city. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * Local initiatives on the services alone (no HTTP), with the intake windows, the correction deadline and the days of
 * the agreement decided by the clock, which the test sets in the city's calendar instead of rewriting dates in the
 * database. The programme of YEAR takes applications in March and in September.
 */
describe(`local initiatives: intake windows, correction deadline, agreement by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let applications: ApplicationsService;
  let review: ReviewService;
  let agreements: AgreementService;
  let official: AuthenticatedUser;
  let evaluator: AuthenticatedUser;
  let decider: AuthenticatedUser;
  let anna: AuthenticatedUser;
  let oliwa: string;
  const app = {} as Record<'first' | 'second' | 'third', FullInitiative>;

  const status = async (id: string) => (await applications.full(id)).status;
  /** What the applicants were told of the application on its moving to `to` (each notification's facts). */
  const told = async (id: string, to: string) =>
    (
      (await t.db.query(
        `SELECT facts FROM notification_events WHERE kind = 'initiative.status_changed' AND facts->>'initiativeId' = $1 AND facts->>'status' = $2`,
        [id, to],
      )) as Array<{ facts: Record<string, string> }>
    ).map((e) => e.facts);

  beforeAll(async () => {
    // The last minute of February in the city: only the test moves the clock.
    t = await createTestModule([InitiativesModule], { clock: new SettableClock(inCity(2, 28, 23, 59)) });
    applications = t.get(ApplicationsService);
    review = t.get(ReviewService);
    agreements = t.get(AgreementService);
    ({
      district: { Oliwa: oliwa },
    } = await aCityWithDistricts(t, ['Oliwa']));
    const admin = await anAccount(t, { displayName: 'Administratorka', grants: [{ role: 'admin', areaId: null }] });
    official = await anAccount(t, { displayName: 'Urzędnik Oliwy', grants: [{ role: 'official', areaId: oliwa }] });
    evaluator = await anAccount(t, { displayName: 'Oceniająca', grants: [{ role: 'official', areaId: oliwa }] });
    decider = await anAccount(t, { displayName: 'Decydujący', grants: [{ role: 'official', areaId: oliwa }] });
    anna = await anAccount(t, { displayName: 'Anna Nowak' });
    await t.get(ProgrammesService).put(admin, YEAR, PROGRAMME);
    for (const [key, title] of [
      ['first', 'Ławki i mural przy szkole'],
      ['second', 'Ogród przy bibliotece'],
      ['third', 'Plac zabaw na skwerze'],
    ] as const) {
      const input = application({
        year: YEAR,
        title,
        areaId: oliwa,
        schedule: [{ from: `${YEAR}-06-01`, to: `${YEAR}-06-30`, activity: 'Prace mieszkańców' }],
      }) as ApplicationInput;
      app[key] = await applications.create(anna, input);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('takes applications only inside the programme’s windows, by the city’s calendar', async () => {
    expect(await refusal(applications.submit(anna, app.first.id))).toBe('intake_closed');
    expect(await status(app.first.id)).toBe('draft');
    // Midnight in the city opens the window (still 28 February in UTC).
    t.clock.advance(MINUTE);
    const first = await applications.submit(anna, app.first.id);
    expect(first.status).toBe('submitted');
    expect(first.submittedAt!.getTime()).toBe(t.clock.ms());

    // The window's last minute, then the first minute after it.
    t.clock.set(inCity(3, 31, 23, 59));
    expect((await applications.submit(anna, app.second.id)).status).toBe('submitted');
    t.clock.advance(MINUTE);
    expect(await refusal(applications.submit(anna, app.third.id))).toBe('intake_closed');
    // The autumn window.
    t.clock.set(inCity(9, 1, 8, 0));
    expect((await applications.submit(anna, app.third.id)).status).toBe('submitted');
    expect((await applications.publicRegister({ year: YEAR, status: 'submitted' })).map((r) => r.id).sort()).toEqual(
      [app.first.id, app.second.id, app.third.id].sort(),
    );
  });

  it('a correction request gives the programme’s days from the clock; corrected in time it goes back, past the deadline the job leaves it unconsidered', async () => {
    for (const id of [app.first.id, app.second.id]) {
      await applications.register(official, id);
      await review.startFormalCheck(official, id);
    }
    const asked = await review.requestCorrection(official, app.first.id, { note: 'Dołączcie listę poparcia.' });
    expect(asked).toMatchObject({ status: 'correction_requested', correctionNote: 'Dołączcie listę poparcia.' });
    const deadline = t.clock.ms() + 5 * DAY;
    expect(asked.correctionDeadline!.getTime()).toBe(deadline);
    expect(await told(app.first.id, 'correction_requested')).toEqual([expect.objectContaining({ deadline: new Date(deadline).toISOString() })]);
    await review.requestCorrection(official, app.second.id, { note: 'Uzupełnijcie harmonogram.' });

    // A minute before the deadline: nothing lapses yet, and the authors may still correct and send.
    t.clock.set(new Date(deadline - MINUTE));
    expect(await review.advance()).toEqual([]);
    await applications.update(anna, app.first.id, { description: 'Mural, ławki i lista poparcia mieszkańców.' });
    expect(await applications.submit(anna, app.first.id)).toMatchObject({ status: 'formal_check', correctionDeadline: null });

    // A minute after it: the correction is refused, and the job leaves the application unconsidered, once.
    t.clock.set(new Date(deadline + MINUTE));
    expect(await refusal(applications.update(anna, app.second.id, { title: 'Ogród (poprawiony)' }))).toBe('deadline_passed');
    expect(await refusal(applications.submit(anna, app.second.id))).toBe('deadline_passed');
    expect(await review.advance()).toEqual([app.second.id]);
    expect(await review.advance()).toEqual([]);
    expect(await status(app.second.id)).toBe('unconsidered');
    expect(await told(app.second.id, 'unconsidered')).toHaveLength(1);
    expect(await status(app.first.id)).toBe('formal_check');
    expect(await refusal(review.passFormalCheck(official, app.second.id))).toBe('invalid_transition');
  });

  it('approved, its agreement is signed on a day not after the clock’s today, and the final report is dated by the clock', async () => {
    await review.passFormalCheck(official, app.first.id);
    await review.score(evaluator, app.first.id, { scores: { volunteer: 8, purpose: 6, cost: 5 } });
    const approved = await review.decide(decider, app.first.id, {
      approve: true,
      purposefulness: 'Skwer służy całemu osiedlu.',
      reason: 'Wysoka ocena i znaczny wkład pracy mieszkańców.',
    });
    expect(approved.status).toBe('approved');
    await agreements.draft(official, app.first.id, { termFrom: `${YEAR}-10-01`, termTo: `${YEAR}-10-31` });

    const today = zonedDate(t.clock.now());
    expect(await refusedFields(agreements.sign(official, app.first.id, nextDay(today)))).toEqual({
      code: 'invalid_agreement',
      fields: ['signedOn:invalid_agreement'],
    });
    const signed = await agreements.sign(official, app.first.id, today);
    expect(signed.status).toBe('agreement_signed');
    expect(zonedDate(signed.agreement.signedAt!)).toBe(today);

    await agreements.start(official, app.first.id);
    expect(await refusal(agreements.complete(official, app.first.id))).toBe('final_report_missing');
    t.clock.set(inCity(11, 5, 12, 0));
    const reported = await agreements.fileReport(anna, app.first.id, {
      summary: 'Mural namalowany, ławki stoją.',
      volunteerPeople: 10,
      volunteerHours: 8,
      inKind: [],
      cash: 0,
      cityShare: [{ kind: 'materials', description: 'Farby elewacyjne', value: 600_000 }],
    });
    expect(reported.finalReport).toMatchObject({ filedAt: t.clock.now().toISOString(), volunteerValue: 10 * 8 * 3_500 });
    expect((await agreements.complete(official, app.first.id)).status).toBe('completed');
    expect((await applications.publicRegister({ year: YEAR, status: 'completed' })).map((r) => r.id)).toEqual([app.first.id]);
  });

  it('a new application belongs to the programme of the clock’s year in the city', async () => {
    t.clock.set(inCity(12, 31, 23, 59));
    // Complete, with no year given.
    const december = await applications.create(anna, application({ year: undefined, title: 'Choinka na skwerze', areaId: oliwa }) as ApplicationInput);
    expect(december).toMatchObject({ year: YEAR, status: 'draft' });
    // Midnight in the city (still 31 December in UTC): the next year, which has no programme yet.
    t.clock.advance(MINUTE);
    expect(await refusal(applications.create(anna, { applicantType: 'residents', title: 'Kulig', areaId: oliwa }))).toBe('programme_not_found');
    expect(await refusal(applications.submit(anna, december.id))).toBe('intake_closed');
  });
});
