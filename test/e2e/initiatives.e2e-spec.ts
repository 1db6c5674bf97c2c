import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const PDF = Buffer.from('%PDF-1.4\n% wniosek\n');

/** Local initiatives: the programme, drafts, submission, registration, the public register. */
describe('local initiatives: programme, application, registration, public register (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let piotr: TestUser;
  let area: string;

  const as = (u: TestUser) => actingAs(t, u);
  const count = async (table: string) => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    area = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: area }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    piotr = await createUser(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('the programme follows the council’s resolution: volunteer work must be a criterion', async () => {
    const base = { intake: 'continuous', allocation: 10_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 };
    const none = await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ ...base, criteria: CRITERIA.slice(1) })
      .expect(422);
    expect(none.body.errors[0]).toMatchObject({ field: 'criteria' });
    expect(none.body.errors[0].message).toContain('art. 19e');
    const windowsMissing = await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ ...base, intake: 'windows' })
      .expect(422);
    expect(windowsMissing.body.errors[0].field).toBe('windows');
    await as(official).put(`/api/v1/admin/initiative-programmes/${YEAR}`).send(base).expect(403);
    expect(await count('initiative_programmes')).toBe(0);
    const p = await as(admin).put(`/api/v1/admin/initiative-programmes/${YEAR}`).send(base).expect(200);
    expect(p.body).toMatchObject({ year: YEAR, allocation: 10_000_000, remaining: 10_000_000, minApplicants: 3 });
    expect((await t.http().get(`/api/v1/initiative-programmes/${YEAR}`).expect(200)).body.criteria).toHaveLength(3);
    await t.http().get('/api/v1/initiative-programmes/1999').expect(404);
  });

  it('a draft is saved as far as it goes, finished later, submitted complete and registered with a case number', async () => {
    const draft = await as(anna)
      .post('/api/v1/initiatives')
      .send({ year: YEAR, applicantType: 'residents', title: 'Ławki i mural przy szkole', areaId: area })
      .expect(201);
    const id = draft.body.id as string;
    expect(draft.body).toMatchObject({ status: 'draft', caseNumber: null });
    // Nobody else sees a draft.
    await t.http().get(`/api/v1/initiatives/${id}`).expect(404);
    await as(piotr).get(`/api/v1/initiatives/${id}`).expect(404);
    await as(piotr).patch(`/api/v1/initiatives/${id}`).send({ title: 'Przejęty' }).expect(404);
    expect((await t.http().get('/api/v1/initiatives').expect(200)).body).toEqual([]);

    // Incomplete: every missing piece named at once, nothing changes.
    const incomplete = await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(422);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['description', 'location', 'contactName', 'schedule', 'totalCost', 'applicants', 'cityShare', 'volunteerHours']),
    );
    expect((await as(anna).get(`/api/v1/initiatives/${id}`).expect(200)).body.status).toBe('draft');

    // Finished: the land belongs to someone else, so the owner's consent is needed.
    await as(anna)
      .patch(`/api/v1/initiatives/${id}`)
      .send(application({ landOwner: 'other', areaId: area }))
      .expect(200);
    expect((await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(422)).body.errors.map((e: { field: string }) => e.field)).toEqual(['attachments']);
    await as(anna).post(`/api/v1/initiatives/${id}/attachments?kind=owner_consent&name=zgoda.pdf`).set('content-type', 'application/pdf').send(PDF).expect(201);
    const submitted = await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      cityShareTotal: 1_500_000,
      contribution: {
        volunteerPeople: 10,
        volunteerHours: 8,
        volunteerValue: 10 * 8 * 3_500,
        inKindValue: 30_000,
        cash: 50_000,
        total: 280_000 + 30_000 + 50_000,
      },
    });
    await as(anna).patch(`/api/v1/initiatives/${id}`).send({ title: 'Po złożeniu' }).expect(409);

    // Registered by an official of the area: the case number and the acknowledgement to the applicants.
    await as(anna).post(`/api/v1/admin/initiatives/${id}/register`).expect(403);
    await as(otherOfficial).post(`/api/v1/admin/initiatives/${id}/register`).expect(403);
    const registered = await as(official).post(`/api/v1/admin/initiatives/${id}/register`).expect(200);
    expect(registered.body).toMatchObject({ status: 'registered', caseNumber: `IL/${YEAR}/0001` });
    await as(official).post(`/api/v1/admin/initiatives/${id}/register`).expect(409);
    const [ack] = (await db.query(
      `SELECT facts, user_ids, emails FROM notification_events WHERE kind = 'initiative.status_changed' AND facts->>'initiativeId' = $1`,
      [id],
    )) as Array<{
      facts: Record<string, string>;
      user_ids: string[];
      emails: Array<{ email: string }>;
    }>;
    expect(ack.facts).toMatchObject({ status: 'registered', caseNumber: `IL/${YEAR}/0001` });
    expect(ack.user_ids).toEqual([anna.id]);
    expect(ack.emails.map((e) => e.email)).toEqual(['anna.nowak@example.pl']);
  });

  it('the public register shows the task and the money, never the applicants’ personal data', async () => {
    const mk = async (contactPublic: boolean) => {
      const id = (
        await as(piotr)
          .post('/api/v1/initiatives')
          .send(application({ contactPublic, areaId: area, contactName: 'Piotr Wiśniewski', contactEmail: 'piotr@example.pl' }))
          .expect(201)
      ).body.id;
      await as(piotr).post(`/api/v1/initiatives/${id}/submit`).expect(200);
      return id as string;
    };
    const hidden = await mk(false);
    const named = await mk(true);
    const list = (await t.http().get(`/api/v1/initiatives?year=${YEAR}&area=${area}`).expect(200)).body as Array<Record<string, unknown>>;
    expect(list.map((i) => i.id)).toEqual(expect.arrayContaining([hidden, named]));
    const text = JSON.stringify(list);
    for (const secret of ['Klonowa', 'Kamińska', 'piotr@example.pl', 'anna.nowak@example.pl', '600 100 200']) expect(text).not.toContain(secret);
    expect(list.find((i) => i.id === hidden)).toMatchObject({ contactName: null, applicantsCount: 3, title: 'Ławki i mural przy szkole' });
    expect(list.find((i) => i.id === named)).toMatchObject({ contactName: 'Piotr Wiśniewski' });
    expect((await t.http().get(`/api/v1/initiatives/${hidden}`).expect(200)).body).not.toHaveProperty('applicants');
    // The applicant and the area's official see it in full; attachments are theirs only.
    expect((await as(piotr).get(`/api/v1/initiatives/${hidden}`).expect(200)).body.applicants).toHaveLength(3);
    expect((await as(official).get(`/api/v1/initiatives/${hidden}`).expect(200)).body.contactEmail).toBe('piotr@example.pl');
    expect((await as(otherOfficial).get(`/api/v1/initiatives/${hidden}`).expect(200)).body).not.toHaveProperty('contactEmail');
    expect((await as(piotr).get('/api/v1/me/initiatives').expect(200)).body).toHaveLength(2);
    expect((await t.http().get(`/api/v1/initiatives?status=draft`).expect(200)).body).toEqual([]);
    await t.http().get('/api/v1/initiatives?status=lost').expect(422);
  });

  it('refuses bad input with the field named and nothing stored; intake only while open', async () => {
    const before = await count('initiatives');
    const bad: Array<[Record<string, unknown>, string]> = [
      [application({ taskArea: 'lottery' }), 'taskArea'],
      [application({ applicantType: 'company' }), 'applicantType'],
      [application({ ngoKrs: '12' }), 'ngoKrs'],
      [application({ contactEmail: 'nie-adres' }), 'contactEmail'],
      [application({ totalCost: -1 }), 'totalCost'],
      [application({ cityShare: [{ kind: 'cash', description: 'Pieniądze', value: 100 }] }), 'cityShare.0.kind'],
      [application({ schedule: [{ from: 'jutro', to: `${YEAR}-06-01`, activity: 'x' }] }), 'schedule.0.from'],
      [application({ areaId: '00000000-0000-4000-8000-000000000000' }), 'areaId'],
      [application({ title: '<b></b>' }), 'title'],
    ];
    for (const [body, name] of bad) {
      const r = await as(anna).post('/api/v1/initiatives').send(body);
      expect([r.status, r.body.errors?.map((e: { field: string }) => e.field)]).toEqual([422, expect.arrayContaining([name])]);
    }
    await t.http().post('/api/v1/initiatives').send(application()).expect(401);
    expect(await count('initiatives')).toBe(before);

    // An NGO acts for the residents with their authorisation.
    const ngo = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ applicantType: 'ngo', ngoName: 'Stowarzyszenie Lipowa', ngoKrs: '0000111222' }))
        .expect(201)
    ).body.id;
    expect((await as(anna).post(`/api/v1/initiatives/${ngo}/submit`).expect(422)).body.errors.map((e: { field: string }) => e.field)).toEqual(['attachments']);
    await as(anna)
      .post(`/api/v1/initiatives/${ngo}/attachments?kind=authorisation&name=upowaznienie.png`)
      .set('content-type', 'image/png')
      .send(PDF)
      .expect(415);
    await as(anna).post(`/api/v1/initiatives/${ngo}/attachments?kind=passport&name=x.pdf`).set('content-type', 'application/pdf').send(PDF).expect(422);

    // Intake in windows: outside them nothing is submitted (a window of this year that is not open today).
    const closedWindow =
      zonedDate(new Date()) === `${YEAR}-01-01`
        ? { opensOn: `${YEAR}-01-02`, closesOn: `${YEAR}-01-03` }
        : { opensOn: `${YEAR}-01-01`, closesOn: `${YEAR}-01-01` };
    await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({
        intake: 'windows',
        windows: [closedWindow],
        allocation: 10_000_000,
        minApplicants: 3,
        criteria: CRITERIA,
        volunteerHourValue: 3_500,
      })
      .expect(200);
    const late = (await as(anna).post('/api/v1/initiatives').send(application()).expect(201)).body.id;
    expect((await as(anna).post(`/api/v1/initiatives/${late}/submit`).expect(409)).body.code).toBe('intake_closed');
    await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: 10_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
      .expect(200);
    await as(anna).post(`/api/v1/initiatives/${late}/submit`).expect(200);
  });
});
