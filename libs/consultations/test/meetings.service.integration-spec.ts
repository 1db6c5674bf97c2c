import type { AuthenticatedUser } from '@civitas/auth';
import { SettableClock } from '@civitas/config';
import { ConsultationsModule, ConsultationsService, MeetingsService, type Consultation, type Meeting, type MeetingInput } from '@civitas/consultations';
import { createTestModule, testMode, type TestModule, DAY, HOUR, MINUTE, refusal, refusedFields } from '@civitas/test';
import { aConsultation } from '../../../test/factories/consultations.factory';
import { aCityWithDistricts, anAccount } from '../../../test/factories/world.factory';

/** An instant as an iCalendar UTC date-time (20300101T170000Z). */
const icsUtc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Meetings of a consultation and registration for them on the services alone (no HTTP), with the windows decided by
 * the clock, which the test moves. From the start (t0): the consultation, announced at once, opens at t0 + 8 days
 * and closes 22 days later; its meetings take place in between.
 */
describe(`consultations: meetings and their registration by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let consultations: ConsultationsService;
  let meetings: MeetingsService;
  let official: AuthenticatedUser;
  let resident: AuthenticatedUser;
  let neighbour: AuthenticatedUser;
  let latecomer: AuthenticatedUser;
  let consultation: Consultation;
  let opensAt: number;
  let walk: Meeting;
  let point: Meeting;

  /** `days` and `hours` after the consultation opens. */
  const at = (days: number, hours = 0) => opensAt + days * DAY + hours * HOUR;
  const meeting = (over: MeetingInput = {}): MeetingInput => ({
    kind: 'meeting',
    title: 'Spacer badawczy po parku',
    place: 'Wejście do parku od ul. Kościerskiej',
    startsAt: new Date(at(1, 17)).toISOString(),
    endsAt: new Date(at(1, 19)).toISOString(),
    ...over,
  });

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([ConsultationsModule], { clock: new SettableClock(new Date()) });
    consultations = t.get(ConsultationsService);
    meetings = t.get(MeetingsService);
    const { district } = await aCityWithDistricts(t, ['Krzyki']);
    official = await anAccount(t, { displayName: 'Urzędnik Krzyków', grants: [{ role: 'official', areaId: district.Krzyki }] });
    resident = await anAccount(t, { displayName: 'Mieszkanka' });
    neighbour = await anAccount(t, { displayName: 'Sąsiad' });
    latecomer = await anAccount(t, { displayName: 'Spóźniony' });
    consultation = await aConsultation(t, official, { title: 'Park Południowy: nowe alejki', areaIds: [district.Krzyki] });
    opensAt = consultation.opensAt!.getTime();
  }, 120_000);
  afterAll(() => t?.close());

  it('a meeting takes place while the consultation runs: one before its opening or after its closing is refused, every problem named', async () => {
    expect(
      await refusedFields(
        meetings.create(official, consultation.id, meeting({ startsAt: new Date(at(-1)).toISOString(), endsAt: new Date(at(23)).toISOString() })),
      ),
    ).toEqual({ code: 'invalid_schedule', fields: ['startsAt:before_opening', 'endsAt:after_closing'] });
    walk = await meetings.create(official, consultation.id, meeting({ capacity: 2 }));
    expect(walk).toMatchObject({ registered: 0, capacity: 2, spotsLeft: 2, startsAt: new Date(at(1, 17)) });
    point = await meetings.create(
      official,
      consultation.id,
      meeting({ kind: 'point', title: 'Punkt konsultacyjny', startsAt: new Date(at(20, 10)).toISOString(), endsAt: new Date(at(20, 14)).toISOString() }),
    );
    expect((await meetings.list(consultation.id)).map((m) => m.id)).toEqual([walk.id, point.id]);
  });

  it('registration opens with the announcement, before the consultation does: once per account, within the capacity', async () => {
    expect((await consultations.get(consultation.id)).status).toBe('announced');
    expect(await meetings.register(resident, consultation.id, walk.id)).toEqual({ meetingId: walk.id, registered: 1, spotsLeft: 1 });
    expect(await refusal(meetings.register(resident, consultation.id, walk.id))).toBe('already_registered');
    expect(await meetings.register(neighbour, consultation.id, walk.id)).toEqual({ meetingId: walk.id, registered: 2, spotsLeft: 0 });
    expect(await refusal(meetings.register(latecomer, consultation.id, walk.id))).toBe('meeting_full');
    // Withdrawing frees the place.
    await meetings.withdraw(neighbour, consultation.id, walk.id);
    expect(await meetings.get(consultation.id, walk.id)).toMatchObject({ registered: 1, spotsLeft: 1 });
  });

  it('registration and withdrawal close when the clock reaches the meeting’s start; the calendar file is stamped with the clock', async () => {
    // The consultation has opened; a minute before the walk starts there is still time.
    t.clock.set(new Date(at(1, 17) - MINUTE));
    expect(await consultations.advance()).toEqual([{ consultationId: consultation.id, status: 'open' }]);
    expect(await meetings.register(latecomer, consultation.id, walk.id)).toEqual({ meetingId: walk.id, registered: 2, spotsLeft: 0 });
    await meetings.withdraw(latecomer, consultation.id, walk.id);
    expect(icsLine((await meetings.ics(consultation.id, walk.id)).text, 'DTSTAMP')).toBe(icsUtc(t.clock.ms()));

    t.clock.advance(MINUTE);
    expect(await refusal(meetings.register(neighbour, consultation.id, walk.id))).toBe('meeting_over');
    expect(await refusal(meetings.withdraw(resident, consultation.id, walk.id))).toBe('meeting_over');
    const { registrations } = await meetings.registrants(official, consultation.id, walk.id);
    expect(registrations.map((r) => r.userId)).toEqual([resident.id]);
    // The later meeting still takes registrations.
    expect(await meetings.register(neighbour, consultation.id, point.id)).toEqual({ meetingId: point.id, registered: 1, spotsLeft: null });
  });

  it('once the consultation closes, no meeting takes registrations and the meetings no longer change', async () => {
    t.clock.set(consultation.closesAt!);
    expect(await consultations.advance()).toEqual([{ consultationId: consultation.id, status: 'closed' }]);
    expect(await refusal(meetings.register(latecomer, consultation.id, point.id))).toBe('consultation_not_open');
    expect(await refusal(meetings.update(official, consultation.id, point.id, { title: 'Punkt (przeniesiony)' }))).toBe('consultation_not_editable');
    expect(await refusal(meetings.create(official, consultation.id, meeting()))).toBe('consultation_not_editable');
    expect((await meetings.list(consultation.id)).map((m) => [m.id, m.registered])).toEqual([
      [walk.id, 1],
      [point.id, 1],
    ]);
  });
});

/** A property's value in an iCalendar text (its lines unfolded). */
function icsLine(text: string, name: string): string | undefined {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  return lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
}
