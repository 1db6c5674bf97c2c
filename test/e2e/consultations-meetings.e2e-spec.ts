import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

/** Content lines of an iCalendar file, unfolded (RFC 5545 §3.1). */
const unfold = (text: string): string[] =>
  text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
const fieldsOf = (body: { errors?: Array<{ field: string }> }) => [...new Set((body.errors ?? []).map((e) => e.field))].sort();

describe('consultations: meetings, registrations and iCalendar files (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let official: TestUser;
  let officialElsewhere: TestUser;
  let admin: TestUser;
  let resident: TestUser;
  let d1: string;
  let consultation: string;
  let opensAt: Date;
  let closesAt: Date;

  const as = (u: TestUser) => actingAs(t, u);
  const at = (days: number, hours = 0) => new Date(opensAt.getTime() + days * DAY + hours * 3_600_000).toISOString();
  const meetingBody = (over: Record<string, unknown> = {}) => ({
    kind: 'meeting',
    title: 'Spotkanie w sprawie parkingu',
    place: 'Urząd Miejski, sala 3',
    startsAt: at(1, 17),
    endsAt: at(1, 19),
    ...over,
  });
  const meetingCount = async (c = consultation): Promise<number> =>
    ((await db.query(`SELECT count(*)::int AS n FROM consultation_meetings WHERE consultation_id = $1`, [c])) as Array<{ n: number }>)[0].n;
  const createMeeting = async (over: Record<string, unknown> = {}, c = consultation): Promise<string> =>
    (await as(official).post(`/api/v1/admin/consultations/${c}/meetings`).send(meetingBody(over)).expect(201)).body.id as string;

  async function newConsultation(title: string, extra: Record<string, unknown> = {}, announce = true): Promise<string> {
    const res = await as(official)
      .post('/api/v1/admin/consultations')
      .send({ title, areaIds: [d1], opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), ...extra })
      .expect(201);
    if (announce) await as(official).post(`/api/v1/admin/consultations/${res.body.id}/announce`).expect(200);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Wrocław', kind: 'city', residentCount: 100_000 });
    d1 = await createArea(t, { name: 'Krzyki', kind: 'district', parentId: city, residentCount: 20_000 });
    const d2 = await createArea(t, { name: 'Psie Pole', kind: 'district', parentId: city, residentCount: 20_000 });
    official = await createUser(t, { displayName: 'Urzędniczka Krzyków', grants: [{ role: 'official', areaId: d1 }] });
    officialElsewhere = await createUser(t, { grants: [{ role: 'official', areaId: d2 }] });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    resident = await createUser(t, { displayName: 'Mieszkanka' });
    opensAt = new Date(Math.ceil((Date.now() + 8 * DAY) / 60_000) * 60_000);
    closesAt = new Date(Date.now() + 40 * DAY);
    consultation = await newConsultation('Parking przy ul. Powstańców Śląskich');
  });
  afterAll(() => t?.close());

  describe('managing meetings', () => {
    it('lets the officials of the area add a meeting; anonymous 401, a resident and another area’s official 403', async () => {
      const path = `/api/v1/admin/consultations/${consultation}/meetings`;
      const before = await meetingCount();
      await t.http().post(path).send(meetingBody()).expect(401);
      await as(resident).post(path).send(meetingBody()).expect(403);
      const other = await as(officialElsewhere).post(path).send(meetingBody()).expect(403);
      expect(other.body.code).toBe('not_an_official_of_area');
      expect(await meetingCount()).toBe(before);

      const res = await as(official)
        .post(path)
        .send(meetingBody({ capacity: 30, onlineUrl: 'https://meet.example.pl/parking' }))
        .expect(201);
      expect(res.body).toMatchObject({
        kind: 'meeting',
        title: 'Spotkanie w sprawie parkingu',
        capacity: 30,
        registered: 0,
        spotsLeft: 30,
        onlineUrl: 'https://meet.example.pl/parking',
      });
      expect(await meetingCount()).toBe(before + 1);

      const id = res.body.id as string;
      await t.http().patch(`${path}/${id}`).send({ title: 'x' }).expect(401);
      await as(resident).patch(`${path}/${id}`).send({ title: 'x' }).expect(403);
      await as(officialElsewhere).patch(`${path}/${id}`).send({ title: 'x' }).expect(403);
      await t.http().delete(`${path}/${id}`).expect(401);
      await as(resident).delete(`${path}/${id}`).expect(403);
      await as(officialElsewhere).delete(`${path}/${id}`).expect(403);
      await t.http().get(`${path}/${id}/registrations`).expect(401);
      await as(resident).get(`${path}/${id}/registrations`).expect(403);
      await as(officialElsewhere).get(`${path}/${id}/registrations`).expect(403);
      const after = await as(official).get(`/api/v1/consultations/${consultation}/meetings/${id}`).expect(200);
      expect(after.body.title).toBe('Spotkanie w sprawie parkingu');
    });

    it('keeps where a place is on a map: both coordinates or neither, in range; null clears them', async () => {
      const path = `/api/v1/admin/consultations/${consultation}/meetings`;
      const id = await createMeeting({ kind: 'point', latitude: 51.08, longitude: 17.02 });
      expect((await t.http().get(`/api/v1/consultations/${consultation}/meetings/${id}`).expect(200)).body).toMatchObject({
        latitude: 51.08,
        longitude: 17.02,
      });
      const before = await meetingCount();
      const half = await as(official)
        .post(path)
        .send(meetingBody({ latitude: 51.1 }))
        .expect(422);
      expect(fieldsOf(half.body)).toEqual(['longitude']);
      const out = await as(official)
        .post(path)
        .send(meetingBody({ latitude: 91, longitude: '17' }))
        .expect(422);
      expect(fieldsOf(out.body)).toEqual(['latitude', 'longitude']);
      expect(await meetingCount()).toBe(before);
      const moved = await as(official).patch(`${path}/${id}`).send({ latitude: 51.1, longitude: 17.03 }).expect(200);
      expect(moved.body).toMatchObject({ latitude: 51.1, longitude: 17.03 });
      const cleared = await as(official).patch(`${path}/${id}`).send({ latitude: null }).expect(200);
      expect(cleared.body).toMatchObject({ latitude: null, longitude: null });
    });

    it('refuses an invalid meeting with every problem named at once, and stores nothing', async () => {
      const before = await meetingCount();
      const res = await as(official)
        .post(`/api/v1/admin/consultations/${consultation}/meetings`)
        .send({
          title: '<b></b>',
          onlineUrl: 'javascript:alert(1)',
          startsAt: new Date(opensAt.getTime() - DAY).toISOString(),
          endsAt: new Date(opensAt.getTime() - 2 * DAY).toISOString(),
        })
        .expect(422);
      expect(fieldsOf(res.body)).toEqual(['endsAt', 'onlineUrl', 'startsAt', 'title']);
      const startErr = (res.body.errors as Array<{ field: string; code: string; message: string }>).find((e) => e.field === 'startsAt');
      expect(startErr).toMatchObject({ code: 'before_opening' });
      expect(startErr!.message).toMatch(/konsultacj/i);

      const late = await as(official)
        .post(`/api/v1/admin/consultations/${consultation}/meetings`)
        .send(meetingBody({ place: '', startsAt: closesAt.toISOString(), endsAt: new Date(closesAt.getTime() + 3_600_000).toISOString(), capacity: 0 }))
        .expect(422);
      expect(fieldsOf(late.body)).toEqual(['capacity']);
      const late2 = await as(official)
        .post(`/api/v1/admin/consultations/${consultation}/meetings`)
        .send(meetingBody({ place: '', startsAt: closesAt.toISOString(), endsAt: new Date(closesAt.getTime() + 3_600_000).toISOString() }))
        .expect(422);
      expect(fieldsOf(late2.body)).toEqual(['endsAt', 'place']);
      const http = await as(official)
        .post(`/api/v1/admin/consultations/${consultation}/meetings`)
        .send(meetingBody({ onlineUrl: 'http://meet.example.pl/x' }))
        .expect(422);
      expect(fieldsOf(http.body)).toEqual(['onlineUrl']);
      await as(official)
        .post(`/api/v1/admin/consultations/${consultation}/meetings`)
        .send(meetingBody({ unknown: 1 }))
        .expect(422);
      expect(await meetingCount()).toBe(before);
    });

    it('changes a meeting only when valid; the capacity never below the registrations taken', async () => {
      const id = await createMeeting({ capacity: 3 });
      const path = `/api/v1/admin/consultations/${consultation}/meetings/${id}`;
      const bad = await as(official)
        .patch(path)
        .send({ title: '   ', endsAt: at(1, 16) })
        .expect(422);
      expect(fieldsOf(bad.body)).toEqual(['endsAt', 'title']);
      const a = await createUser(t);
      const b = await createUser(t);
      await as(a).post(`/api/v1/consultations/${consultation}/meetings/${id}/registrations`).expect(201);
      await as(b).post(`/api/v1/consultations/${consultation}/meetings/${id}/registrations`).expect(201);
      const below = await as(official).patch(path).send({ capacity: 1 }).expect(422);
      expect(below.body.errors[0]).toMatchObject({ field: 'capacity', code: 'below_registered' });
      const unchanged = await t.http().get(`/api/v1/consultations/${consultation}/meetings/${id}`).expect(200);
      expect(unchanged.body).toMatchObject({ title: 'Spotkanie w sprawie parkingu', capacity: 3, registered: 2, endsAt: at(1, 19) });

      const ok = await as(official)
        .patch(path)
        .send({ title: 'Spotkanie (nowy termin)', startsAt: at(2, 10), endsAt: at(2, 12), capacity: 2 })
        .expect(200);
      expect(ok.body).toMatchObject({ title: 'Spotkanie (nowy termin)', startsAt: at(2, 10), capacity: 2, registered: 2, spotsLeft: 0 });
      const cleared = await as(official).patch(path).send({ capacity: null }).expect(200);
      expect(cleared.body).toMatchObject({ capacity: null, spotsLeft: null });

      const names = await as(official).get(`${path}/registrations`).expect(200);
      expect(names.body.registrations.map((r: { userId: string }) => r.userId).sort()).toEqual([a.id, b.id].sort());
      expect(names.body.registrations[0]).toHaveProperty('displayName');
    });

    it('removes a meeting together with its registrations', async () => {
      const id = await createMeeting();
      await as(resident).post(`/api/v1/consultations/${consultation}/meetings/${id}/registrations`).expect(201);
      await as(official).delete(`/api/v1/admin/consultations/${consultation}/meetings/${id}`).expect(204);
      await t.http().get(`/api/v1/consultations/${consultation}/meetings/${id}`).expect(404);
      const left = (await db.query(`SELECT count(*)::int AS n FROM meeting_registrations WHERE meeting_id = $1`, [id])) as Array<{ n: number }>;
      expect(left[0].n).toBe(0);
      await as(official).delete(`/api/v1/admin/consultations/${consultation}/meetings/${id}`).expect(404);
    });

    it('takes tags out of the title and place', async () => {
      const res = await as(official)
        .post(`/api/v1/admin/consultations/${consultation}/meetings`)
        .send(meetingBody({ title: '<script>alert(1)</script>Spacer <b>badawczy</b>', place: '<img src=x onerror=alert(1)>Park Południowy' }))
        .expect(201);
      expect(res.body.title).toBe('alert(1)Spacer badawczy');
      expect(res.body.place).toBe('Park Południowy');
      const list = await t.http().get(`/api/v1/consultations/${consultation}/meetings`).expect(200);
      expect(JSON.stringify(list.body)).not.toMatch(/<script|<img|<b>/);
    });

    it('hides a draft’s meetings from the public', async () => {
      const draft = await newConsultation('Szkic konsultacji', {}, false);
      const id = await createMeeting({}, draft);
      await t.http().get(`/api/v1/consultations/${draft}/meetings`).expect(404);
      await t.http().get(`/api/v1/consultations/${draft}/meetings/${id}.ics`).expect(404);
      await as(resident).post(`/api/v1/consultations/${draft}/meetings/${id}/registrations`).expect(404);
      const listed = await as(official).get(`/api/v1/admin/consultations/${draft}/meetings`).expect(200);
      expect(listed.body.map((m: { id: string }) => m.id)).toEqual([id]);
    });
  });

  describe('the iCalendar file', () => {
    it('is one VEVENT with UTC times, escaped text and lines folded at 75 octets', async () => {
      const title = 'Spotkanie; Śródmieście, „Zażółć\\gęślą jaźń”\nDruga linia — Żółta Łąka, Źródlana; ćma ńoł';
      const id = await createMeeting({
        title,
        place: 'Urząd, sala 3; parter',
        onlineUrl: 'https://meet.example.pl/spotkanie',
        startsAt: at(3, 16),
        endsAt: at(3, 18),
      });
      const res = await t.http().get(`/api/v1/consultations/${consultation}/meetings/${id}.ics`).buffer(true).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="meeting-${id}.ics"`);
      const text = res.text;
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const raw of text.split('\r\n')) {
        expect(Buffer.byteLength(raw, 'utf8')).toBeLessThanOrEqual(75);
        expect(raw).not.toContain('\ufffd');
      }
      expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);

      const lines = unfold(text);
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines).toContain('VERSION:2.0');
      expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
      expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
      const prop = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
      expect(prop('UID')).toBe(`${id}@civitas`);
      expect(prop('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
      const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      expect(prop('DTSTART')).toBe(utc(at(3, 16)));
      expect(prop('DTEND')).toBe(utc(at(3, 18)));
      expect(prop('SUMMARY')).toBe('Spotkanie\\; Śródmieście\\, „Zażółć\\\\gęślą jaźń”\\nDruga linia — Żółta Łąka\\, Źródlana\\; ćma ńoł');
      expect(prop('LOCATION')).toBe('Urząd\\, sala 3\\; parter\\, https://meet.example.pl/spotkanie');
      expect(prop('URL')).toBe('https://meet.example.pl/spotkanie');
      expect(prop('DESCRIPTION')).toBe('Parking przy ul. Powstańców Śląskich');

      const again = await t.http().get(`/api/v1/consultations/${consultation}/meetings/${id}.ics`).buffer(true).expect(200);
      expect(unfold(again.text).find((l) => l.startsWith('UID:'))).toBe(`UID:${id}@civitas`);
      await t.http().get(`/api/v1/consultations/${consultation}/meetings/${NO_SUCH}.ics`).expect(404);
    });
  });

  describe('registration', () => {
    it('takes exactly the capacity under 15 parallel registrations', async () => {
      const id = await createMeeting({ capacity: 5 });
      const people = await Promise.all(Array.from({ length: 15 }, (_, i) => createUser(t, { displayName: `Osoba ${i}` })));
      const results = await Promise.all(people.map((p) => as(p).post(`/api/v1/consultations/${consultation}/meetings/${id}/registrations`)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 409)).toHaveLength(10);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'meeting_full')).toBe(true);
      const stored = (await db.query(`SELECT count(*)::int AS n FROM meeting_registrations WHERE meeting_id = $1`, [id])) as Array<{ n: number }>;
      expect(stored[0].n).toBe(5);
      const list = await t.http().get(`/api/v1/consultations/${consultation}/meetings`).expect(200);
      expect(list.body.find((m: { id: string }) => m.id === id)).toMatchObject({ capacity: 5, registered: 5, spotsLeft: 0 });

      // Withdrawing frees a place for someone else.
      const inside = people[results.findIndex((r) => r.status === 201)];
      const outside = people[results.findIndex((r) => r.status === 409)];
      await as(inside).delete(`/api/v1/consultations/${consultation}/meetings/${id}/registrations/me`).expect(204);
      const freed = await t.http().get(`/api/v1/consultations/${consultation}/meetings/${id}`).expect(200);
      expect(freed.body).toMatchObject({ registered: 4, spotsLeft: 1 });
      const taken = await as(outside).post(`/api/v1/consultations/${consultation}/meetings/${id}/registrations`).expect(201);
      expect(taken.body).toMatchObject({ meetingId: id, registered: 5, spotsLeft: 0 });
      const full = await as(inside).post(`/api/v1/consultations/${consultation}/meetings/${id}/registrations`).expect(409);
      expect(full.body.code).toBe('meeting_full');
    });

    it('registers an account once; anonymous 401; not after the meeting has started', async () => {
      const id = await createMeeting();
      const path = `/api/v1/consultations/${consultation}/meetings/${id}/registrations`;
      await t.http().post(path).expect(401);
      await t.http().delete(`${path}/me`).expect(401);
      await as(resident).post(path).expect(201);
      const twice = await as(resident).post(path).expect(409);
      expect(twice.body.code).toBe('already_registered');
      await as(resident).post(`/api/v1/consultations/${consultation}/meetings/${NO_SUCH}/registrations`).expect(404);

      await db.query(`UPDATE consultation_meetings SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`, [id]);
      const late = await as(await createUser(t))
        .post(path)
        .expect(409);
      expect(late.body.code).toBe('meeting_over');
      expect((await as(resident).delete(`${path}/me`).expect(409)).body.code).toBe('meeting_over');
    });

    it('in an NGO-only consultation, registers only organisations', async () => {
      const ngoConsultation = await newConsultation('Program współpracy z organizacjami', { audience: 'ngo' });
      const id = await createMeeting({}, ngoConsultation);
      const path = `/api/v1/consultations/${ngoConsultation}/meetings/${id}/registrations`;
      const refused = await as(resident).post(path).expect(403);
      expect(refused.body.code).toBe('ngo_only');
      const ngo = await createUser(t, { displayName: 'Prezeska fundacji' });
      await as(admin).put(`/api/v1/admin/users/${ngo.id}/organisation`).send({ name: 'Fundacja Zielone Krzyki', krs: '0000123456' }).expect(200);
      await as(ngo).post(path).expect(201);
      const names = await as(official).get(`/api/v1/admin/consultations/${ngoConsultation}/meetings/${id}/registrations`).expect(200);
      expect(names.body.registrations).toEqual([
        expect.objectContaining({ userId: ngo.id, displayName: 'Prezeska fundacji', organisation: 'Fundacja Zielone Krzyki' }),
      ]);
    });

    it('refuses registration once the consultation is cancelled', async () => {
      const c = await newConsultation('Konsultacje do odwołania');
      const id = await createMeeting({}, c);
      await as(official).post(`/api/v1/admin/consultations/${c}/cancel`).send({ reason: 'Zmiana planów.' }).expect(200);
      const res = await as(resident).post(`/api/v1/consultations/${c}/meetings/${id}/registrations`).expect(409);
      expect(res.body.code).toBe('consultation_not_open');
      const edit = await as(official).patch(`/api/v1/admin/consultations/${c}/meetings/${id}`).send({ title: 'Nowa nazwa' }).expect(409);
      expect(edit.body.code).toBe('consultation_not_editable');
    });
  });
});
