import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { createSubscribers } from '../factories/notifications.factory';
import { actingAs, bearer, createUser, TestUser } from '../factories/users.factory';
import { startTestSmtp, TestSmtp } from '../helpers/smtp';

const PUBLIC_URL = 'https://civitas.test';
const DAY = 86_400_000;
const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR zdjęcie placu', 'utf8')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF zdjęcie ławek', 'utf8')]);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

/** A day counted from today in Warsaw (negative: in the past). */
const day = (offset: number) => zonedDate(new Date(Date.now() + offset * DAY));
const fieldsOf = (res: Response) => [...new Set((res.body as { errors?: Array<{ field: string }> }).errors?.map((e) => e.field))];

/**
 * The implementation of selected projects, on an edition run through the whole budget: projects submitted by their
 * authors, reviewed, put on the ballot, voted on online, tallied and published — so that "selected" is what the
 * published results say.
 */
describe('participatory budget: implementation of selected projects (e2e)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let db: DataSource;
  let city: string;
  let oksywie: string;
  let chylonia: string;
  let admin: TestUser;
  let official: TestUser;
  let officialElsewhere: TestUser;
  let resident: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let editionId: string;
  let draftEdition: string;
  const pools = { a: '', b: '' };
  const categories = { green: '', sport: '' };
  /** park, gym, mural (pool A, Oksywie); benches (pool B, Chylonia). */
  const p: Record<'park' | 'gym' | 'mural' | 'benches', string> = { park: '', gym: '', mural: '', benches: '' };
  let editionSubscriber: string;
  let areaSubscriber: string;

  const as = (u: TestUser) => actingAs(t, u);
  const phase = (ph: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith(ph) })
      .expect(200);
  const post = (u: TestUser | null, projectId: string, body: object) => {
    const req = t.http().post(`/api/v1/projects/${projectId}/implementation`);
    return (u ? req.set(...bearer(u.token)) : req).send(body);
  };
  const upload = (u: TestUser | null, updateId: string, type: string, bytes: Buffer, name = 'plac.png') => {
    const req = t.http().post(`/api/v1/implementation-updates/${updateId}/photos`).query({ name }).set('content-type', type);
    return (u ? req.set(...bearer(u.token)) : req).send(bytes);
  };
  const count = async (table: string) => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;
  const written = async () => ({ updates: await count('budget_implementation_updates'), photos: await count('budget_implementation_photos') });

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL });
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdynia', kind: 'city', residentCount: 240_000 });
    oksywie = await createArea(t, { name: 'Oksywie', kind: 'district', parentId: city, residentCount: 14_000 });
    chylonia = await createArea(t, { name: 'Chylonia', kind: 'district', parentId: city, residentCount: 28_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: oksywie }] });
    officialElsewhere = await createUser(t, { grants: [{ role: 'official', areaId: chylonia }] });
    resident = await createUser(t);
    anna = await createUser(t, { displayName: 'Anna', locale: 'pl' });
    ben = await createUser(t, { displayName: 'Ben', locale: 'en' });

    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({
        name: 'Budżet Obywatelski Gdyni 2027',
        year: 2027,
        phases: scheduleWith('submission'),
        categories: [
          { namePl: 'Zieleń', nameEn: 'Greenery' },
          { namePl: 'Sport', nameEn: 'Sport' },
        ],
      })
      .expect(201);
    editionId = e.body.id;
    categories.green = e.body.categories.find((c: { namePl: string }) => c.namePl === 'Zieleń').id;
    categories.sport = e.body.categories.find((c: { namePl: string }) => c.namePl === 'Sport').id;
    const pool = async (name: string, areaId: string) =>
      (
        await as(admin).post(`/api/v1/admin/editions/${editionId}/pools`).send({ name, areaId, amount: 10_000_000, signaturesRequired: 0 }).expect(201)
      ).body.pools.find((x: { name: string }) => x.name === name).id as string;
    pools.a = await pool('Oksywie', oksywie);
    pools.b = await pool('Chylonia', chylonia);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    draftEdition = (
      await as(admin)
        .post('/api/v1/admin/editions')
        .send({ name: 'Budżet (szkic)', year: 2027, phases: scheduleWith('submission') })
        .expect(201)
    ).body.id;

    const project = async (author: TestUser, poolId: string, areaId: string, categoryId: string, title: string, cost: number) => {
      const res = await as(author)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({
          poolId,
          areaId,
          categoryId,
          title,
          summary: `${title} — krótko.`,
          description: 'Opis.',
          justification: 'Potrzebne mieszkańcom.',
          costItems: [{ description: 'Wykonanie', amount: cost }],
        })
        .expect(201);
      await as(author).post(`/api/v1/projects/${res.body.id}/submit`).expect(200);
      return res.body.id as string;
    };
    p.park = await project(anna, pools.a, oksywie, categories.green, 'Park kieszonkowy', 4_000_000);
    p.gym = await project(ben, pools.a, oksywie, categories.sport, 'Siłownia plenerowa', 3_000_000);
    p.mural = await project(ben, pools.a, oksywie, categories.green, 'Mural na ścianie szkoły', 9_000_000);
    p.benches = await project(anna, pools.b, chylonia, categories.green, 'Ławki przy skwerze', 2_000_000);

    // Reviews: every project admitted by the officials of its area, then the ballot list.
    await phase('formal_review');
    const reviewer = (id: string) => (id === p.benches ? officialElsewhere : official);
    for (const id of Object.values(p)) {
      await as(reviewer(id))
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'Kompletny.' })
        .expect(200);
    }
    await phase('merit_review');
    for (const id of Object.values(p)) {
      await as(reviewer(id))
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'merit', outcome: 'positive', criteria: ALL_MET, justification: 'Wykonalny.' })
        .expect(200);
    }
    await phase('ballot_list');
    await as(admin).post(`/api/v1/admin/editions/${editionId}/ballot`).expect(200);
    await as(admin)
      .put(`/api/v1/admin/editions/${editionId}/voting-policy`)
      .send({ methods: ['account'] })
      .expect(200);
    for (const id of Object.values(pools)) {
      await as(admin).put(`/api/v1/admin/pools/${id}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 2 }).expect(200);
    }

    // Voting: in Oksywie the park gets 3 votes, the gym 2, the mural 1 (it does not fit once the other two are in).
    await phase('voting');
    const vote = async (areaId: string, poolId: string, projectIds: string[]) => {
      const voter = await createUser(t);
      const res = await t
        .http()
        .post(`/api/v1/editions/${editionId}/ballots`)
        .set(...bearer(voter.token))
        .send({ identity: { firstName: 'Jan', lastName: 'Głosujący', areaId }, choices: [{ poolId, projectIds }] })
        .expect(201);
      expect(res.body.status).toBe('valid');
    };
    await vote(oksywie, pools.a, [p.park, p.gym]);
    await vote(oksywie, pools.a, [p.park, p.gym]);
    await vote(oksywie, pools.a, [p.park, p.mural]);
    await vote(chylonia, pools.b, [p.benches]);
    await phase('vote_verification');

    [editionSubscriber] = await createSubscribers(t, 1, { topics: [`edition:${editionId}`], locale: 'en', prefix: 'edycja' });
    [areaSubscriber] = await createSubscribers(t, 1, { topics: [`area:${city}`], locale: 'pl', prefix: 'gdynia' });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('before the results are published: 409 results_not_published, and the edition lists no project', async () => {
    const body = { status: 'implementing', percent: 5, note: 'Start.', happenedOn: day(0) };
    expect((await post(official, p.park, body).expect(409)).body.code).toBe('results_not_published');
    expect((await t.http().get(`/api/v1/projects/${p.park}/implementation`).expect(409)).body.code).toBe('results_not_published');
    const list = await t.http().get(`/api/v1/editions/${editionId}/implementation`).expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0, counts: { planned: 0, implementing: 0, implemented: 0, abandoned: 0 } });

    // The tally and its publication: the projects become selected or not_selected.
    await as(admin).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
    await eventually(
      async () => {
        const res = await as(admin).get(`/api/v1/admin/editions/${editionId}/results`).expect(200);
        if (res.body.run?.status === 'failed') throw new Error(`tally failed: ${JSON.stringify(res.body.run)}`);
        return res.body.run?.status === 'done';
      },
      60_000,
      'the tally',
    );
    await as(admin).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(200);
    const statuses = Object.fromEntries(
      await Promise.all(Object.entries(p).map(async ([k, id]) => [k, (await t.http().get(`/api/v1/projects/${id}`).expect(200)).body.status])),
    );
    expect(statuses).toEqual({ park: 'selected', gym: 'selected', mural: 'not_selected', benches: 'selected' });
    expect(await written()).toEqual({ updates: 0, photos: 0 });
  });

  it('only officials of the project’s area and admins post updates: anonymous 401, residents and authors 403, another area’s official 403', async () => {
    const body = { status: 'implementing', percent: 5, note: 'Start.', happenedOn: day(0) };
    expect((await post(null, p.park, body).expect(401)).body.code).toBe('authentication_required');
    for (const u of [resident, anna, officialElsewhere]) {
      const res = await post(u, p.park, body).expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await post(official, '00000000-0000-4000-8000-000000000000', body).expect(404)).body.code).toBe('project_not_found');
    expect((await post(official, 'not-a-uuid', body).expect(404)).body.code).toBe('project_not_found');
    expect(await written()).toEqual({ updates: 0, photos: 0 });
  });

  it('a project that was not selected has no implementation: 409 not_selected', async () => {
    const res = await post(official, p.mural, { status: 'implementing', percent: 5, note: 'Start.', happenedOn: day(0) }).expect(409);
    expect(res.body.code).toBe('not_selected');
    expect(res.body.detail).toContain('not_selected');
    expect((await t.http().get(`/api/v1/projects/${p.mural}/implementation`).expect(409)).body.code).toBe('not_selected');
    expect(await written()).toEqual({ updates: 0, photos: 0 });
  });

  it('bad input: 422 problem+json naming the field, nothing written', async () => {
    const ok = { status: 'implementing', percent: 20, note: 'Trwają prace ziemne.', happenedOn: day(-3) };
    const cases: Array<[object, string]> = [
      [{ ...ok, percent: 101 }, 'percent'],
      [{ ...ok, percent: -1 }, 'percent'],
      [{ ...ok, percent: 12.5 }, 'percent'],
      [{ ...ok, percent: '20' }, 'percent'],
      [{ ...ok, percent: null }, 'percent'],
      [{ ...ok, status: 'implemented', percent: 90 }, 'percent'],
      [{ ...ok, status: 'done' }, 'status'],
      [{ ...ok, status: 'abandoned' }, 'reason'],
      [{ ...ok, status: 'abandoned', reason: '   ' }, 'reason'],
      [{ ...ok, reason: 'Nie dotyczy.' }, 'reason'],
      [{ ...ok, happenedOn: day(2) }, 'happenedOn'],
      [{ ...ok, happenedOn: '2027-02-30' }, 'happenedOn'],
      [{ ...ok, happenedOn: '12.06.2027' }, 'happenedOn'],
      [{ ...ok, happenedOn: undefined }, 'happenedOn'],
      [{ ...ok, note: '' }, 'note'],
      [{ ...ok, note: '<b></b>' }, 'note'],
      [{ ...ok, note: 'Prace\u0000ziemne' }, 'note'],
      [{ ...ok, note: 'x'.repeat(5001) }, 'note'],
      [{ ...ok, note: undefined }, 'note'],
      [{ ...ok, authorId: resident.id }, 'authorId'],
    ];
    for (const [body, field] of cases) {
      const res = await post(official, p.park, body);
      expect({ field, status: res.status, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
        field,
        status: 422,
        type: 'application/problem+json',
      });
      expect({ field, errors: fieldsOf(res) }).toEqual({ field, errors: expect.arrayContaining([field]) });
    }
    const future = await post(official, p.park, { ...ok, happenedOn: day(2) }).set('accept-language', 'en');
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'happenedOn', code: 'in_future', message: 'The day cannot be in the future.' })]);
    expect(await written()).toEqual({ updates: 0, photos: 0 });
  });

  let progress: string;

  it('officials post progress; the percentage never falls and the days never go back; texts are plain text', async () => {
    const first = await post(official, p.park, { status: 'implementing', percent: 10, note: 'Umowa z wykonawcą podpisana.', happenedOn: day(-30) }).expect(201);
    expect(first.body).toMatchObject({ projectId: p.park, status: 'implementing', percent: 10, happenedOn: day(-30), reason: null, photos: [] });
    const second = await post(admin, p.park, {
      status: 'implementing',
      percent: 60,
      note: '  <b>Nasadzenia</b> zakończone; a < b.  ',
      happenedOn: day(-10),
    }).expect(201);
    expect(second.body).toMatchObject({ status: 'implementing', percent: 60, note: 'Nasadzenia zakończone; a < b.' });
    progress = second.body.id;

    const lower = await post(official, p.park, { status: 'implementing', percent: 50, note: 'Korekta.', happenedOn: day(-5) }).expect(422);
    expect(lower.body.errors).toEqual([expect.objectContaining({ field: 'percent', code: 'percent_decreased' })]);
    const earlier = await post(official, p.park, { status: 'implementing', percent: 70, note: 'Zaległa informacja.', happenedOn: day(-20) }).expect(422);
    expect(earlier.body.errors).toEqual([expect.objectContaining({ field: 'happenedOn', code: 'before_previous_update' })]);
    // Without a percentage, a progress note keeps the previous one.
    const note = await post(official, p.park, { status: 'implementing', note: 'Montaż ławek.', happenedOn: day(-2) }).expect(201);
    expect(note.body.percent).toBe(60);
    expect(await written()).toEqual({ updates: 3, photos: 0 });
  });

  it('photos: PNG or JPEG checked by content, officials of the area only, public download', async () => {
    const before = await written();
    await upload(null, progress, 'image/png', PNG).expect(401);
    expect((await upload(resident, progress, 'image/png', PNG).expect(403)).body.code).toBe('forbidden');
    expect((await upload(officialElsewhere, progress, 'image/png', PNG).expect(403)).body.code).toBe('forbidden');
    // The declared type and the content must agree; other types are not photos.
    expect((await upload(official, progress, 'image/png', JPEG).expect(415)).body.code).toBe('unsupported_file_type');
    expect((await upload(official, progress, 'image/jpeg', PNG).expect(415)).body.code).toBe('unsupported_file_type');
    expect((await upload(official, progress, 'application/pdf', PDF).expect(415)).body.code).toBe('unsupported_file_type');
    expect((await upload(official, progress, 'text/plain', Buffer.from('zdjęcie')).expect(415)).body.code).toBe('unsupported_media_type');
    expect(fieldsOf(await upload(official, progress, 'image/png', PNG, '<b></b>').expect(422))).toEqual(['name']);
    expect((await upload(official, '00000000-0000-4000-8000-000000000000', 'image/png', PNG).expect(404)).body.code).toBe('implementation_update_not_found');
    expect(await written()).toEqual(before);

    const png = await upload(official, progress, 'image/png', PNG, 'C:\\zdjęcia\\<i>nasadzenia</i>.png').expect(201);
    expect(png.body).toMatchObject({ updateId: progress, fileName: 'nasadzenia.png', mediaType: 'image/png', size: PNG.length });
    const jpeg = await upload(admin, progress, 'image/jpeg', JPEG, 'alejka.jpg').expect(201);

    const file = await t
      .http()
      .get(`/api/v1/projects/${p.park}/implementation/photos/${jpeg.body.id}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers.etag).toBe(`"${jpeg.body.sha256}"`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body as Buffer, JPEG)).toBe(0);
    // A photo is found only under its own project.
    expect((await t.http().get(`/api/v1/projects/${p.gym}/implementation/photos/${jpeg.body.id}`).expect(404)).body.code).toBe('photo_not_found');
    expect((await t.http().get(`/api/v1/projects/${p.park}/implementation/photos/not-a-uuid`).expect(404)).body.code).toBe('photo_not_found');
  });

  it('the timeline is public: the state, then every update newest first with its photos', async () => {
    const res = await t.http().get(`/api/v1/projects/${p.park}/implementation`).expect(200);
    expect(res.body).toMatchObject({ projectId: p.park, editionId, title: 'Park kieszonkowy', status: 'implementing', percent: 60, happenedOn: day(-2) });
    expect(res.body.updates.map((u: { happenedOn: string; percent: number }) => [u.happenedOn, u.percent])).toEqual([
      [day(-2), 60],
      [day(-10), 60],
      [day(-30), 10],
    ]);
    expect(res.body.updates[1].photos.map((ph: { fileName: string }) => ph.fileName)).toEqual(['nasadzenia.png', 'alejka.jpg']);
    expect(res.body.updates[1].photos[0]).not.toHaveProperty('content');
    expect(res.body.updates[0].photos).toEqual([]);
    // A selected project with no update yet is planned.
    expect((await t.http().get(`/api/v1/projects/${p.gym}/implementation`).expect(200)).body).toMatchObject({
      status: 'planned',
      percent: 0,
      happenedOn: null,
      updates: [],
    });
    expect((await t.http().get('/api/v1/projects/00000000-0000-4000-8000-000000000000/implementation').expect(404)).body.code).toBe('project_not_found');
  });

  it('implemented (percent 100): the authors and the subscribers of the edition and of the city are mailed; the implementation is final', async () => {
    const done = await post(official, p.park, { status: 'implemented', note: 'Park otwarty dla mieszkańców.', happenedOn: day(0) }).expect(201);
    expect(done.body).toMatchObject({ status: 'implemented', percent: 100 });
    const again = await post(admin, p.park, { status: 'implementing', percent: 100, note: 'Poprawki.', happenedOn: day(0) }).expect(409);
    expect(again.body.code).toBe('invalid_transition');

    const [event] = (await db.query(`SELECT id, facts, topics, user_ids FROM notification_events WHERE kind = 'project.implementation_ended'`)) as Array<{
      id: string;
      facts: Record<string, unknown>;
      topics: string[];
      user_ids: string[];
    }>;
    expect(event.facts).toEqual({
      editionId,
      editionName: 'Budżet Obywatelski Gdyni 2027',
      projectId: p.park,
      title: 'Park kieszonkowy',
      status: 'implemented',
      happenedOn: day(0),
      note: 'Park otwarty dla mieszkańców.',
    });
    expect(event.topics).toEqual(expect.arrayContaining([`edition:${editionId}`, `area:${oksywie}`, `area:${city}`]));
    expect(event.user_ids).toEqual([anna.id]);
    // The job carries the event's id only.
    const [job] = (await db.query(`SELECT payload FROM outbox WHERE job_name = 'fan-out' AND payload->>'eventId' = $1`, [event.id])) as Array<{
      payload: unknown;
    }>;
    expect(job.payload).toEqual({ eventId: event.id });

    const toSubscriber = await smtp.waitForMail(editionSubscriber, { subjectMatch: 'implemented', timeoutMs: 30_000 });
    expect(toSubscriber.subject).toBe('Project “Park kieszonkowy”: implemented');
    expect(toSubscriber.text).toContain(`has been implemented (as of`);
    expect(toSubscriber.text).toContain('Park otwarty dla mieszkańców.');
    expect(toSubscriber.text).toContain(`${PUBLIC_URL}/projects/${p.park}`);
    expect(toSubscriber.text).not.toContain('Thank you for proposing it');
    const toAuthor = await smtp.waitForMail(anna.email, { subjectMatch: 'zrealizowany', timeoutMs: 30_000 });
    expect(toAuthor.subject).toBe('Projekt „Park kieszonkowy”: zrealizowany');
    expect(toAuthor.text).toContain('Dziękujemy za zgłoszenie tego projektu!');
    const toArea = await smtp.waitForMail(areaSubscriber, { subjectMatch: 'zrealizowany', timeoutMs: 30_000 });
    expect(toArea.html).toContain('lang="pl"');
  });

  it('abandoned with a reason (an official of that area): announced the same way, final too', async () => {
    expect((await post(official, p.benches, { status: 'abandoned', reason: 'r', note: 'n', happenedOn: day(0) }).expect(403)).body.code).toBe('forbidden');
    const res = await post(officialElsewhere, p.benches, {
      status: 'abandoned',
      note: 'Realizację wstrzymano.',
      reason: 'Teren przekazano pod przebudowę ulicy.',
      happenedOn: day(-1),
    }).expect(201);
    expect(res.body).toMatchObject({ status: 'abandoned', percent: 0, reason: 'Teren przekazano pod przebudowę ulicy.' });
    const mail = await smtp.waitForMail(editionSubscriber, { subjectMatch: 'abandoned', timeoutMs: 30_000 });
    expect(mail.subject).toBe('Project “Ławki przy skwerze”: implementation abandoned');
    expect(mail.text).toContain('Reason for abandoning it: Teren przekazano pod przebudowę ulicy.');
    const toAuthor = await smtp.waitForMail(anna.email, { subjectMatch: 'zaniechana', timeoutMs: 30_000 });
    expect(toAuthor.text).toContain('Powód zaniechania: Teren przekazano pod przebudowę ulicy.');
    expect((await post(officialElsewhere, p.benches, { status: 'implementing', note: 'n', happenedOn: day(0) }).expect(409)).body.code).toBe(
      'invalid_transition',
    );
    // Ben's projects are planned or not selected: he hears of no implementation (his mails are the earlier statuses).
    const bens = smtp.messages.filter((m) => m.to.includes(ben.email.toLowerCase())).map((m) => m.subject);
    expect(bens.length).toBeGreaterThan(0);
    expect(bens.filter((s) => /implement/.test(s))).toEqual([]);
  });

  it('the edition’s list: the selected projects with their state, filtered by status, pool, area and category, paged', async () => {
    const list = (query: Record<string, string | number> = {}) => t.http().get(`/api/v1/editions/${editionId}/implementation`).query(query).expect(200);
    const titles = (res: Response) => (res.body.items as Array<{ title: string }>).map((i) => i.title);
    const all = await list();
    expect(all.body).toMatchObject({ editionId, total: 3, page: 1, pageSize: 20, counts: { planned: 1, implementing: 0, implemented: 1, abandoned: 1 } });
    expect(
      all.body.items.map((i: { title: string; status: string; percent: number; updates: number; photos: number }) => [
        i.title,
        i.status,
        i.percent,
        i.updates,
        i.photos,
      ]),
    ).toEqual([
      ['Park kieszonkowy', 'implemented', 100, 4, 2],
      ['Siłownia plenerowa', 'planned', 0, 0, 0],
      ['Ławki przy skwerze', 'abandoned', 0, 1, 0],
    ]);
    expect(all.body.items[0]).toMatchObject({
      projectId: p.park,
      poolId: pools.a,
      areaId: oksywie,
      categoryId: categories.green,
      totalCost: 4_000_000,
      happenedOn: day(0),
    });
    expect(titles(await list({ status: 'planned' }))).toEqual(['Siłownia plenerowa']);
    expect(titles(await list({ status: 'implementing' }))).toEqual([]);
    expect(titles(await list({ pool: pools.b }))).toEqual(['Ławki przy skwerze']);
    const inOksywie = await list({ area: oksywie });
    expect(titles(inOksywie)).toEqual(['Park kieszonkowy', 'Siłownia plenerowa']);
    expect(inOksywie.body.counts).toEqual({ planned: 1, implementing: 0, implemented: 1, abandoned: 0 });
    expect(titles(await list({ area: city }))).toHaveLength(3);
    expect(titles(await list({ category: categories.sport }))).toEqual(['Siłownia plenerowa']);
    expect(titles(await list({ category: categories.green, status: 'implemented' }))).toEqual(['Park kieszonkowy']);
    const second = await list({ page: 2, pageSize: 1 });
    expect({ titles: titles(second), total: second.body.total }).toEqual({ titles: ['Siłownia plenerowa'], total: 3 });

    for (const [query, field] of [
      [{ status: 'done' }, 'status'],
      [{ pool: 'pula' }, 'pool'],
      [{ area: 'x' }, 'area'],
      [{ pageSize: 101 }, 'pageSize'],
      [{ page: 0 }, 'page'],
    ] as Array<[Record<string, string | number>, string]>) {
      expect(fieldsOf(await t.http().get(`/api/v1/editions/${editionId}/implementation`).query(query).expect(422))).toEqual([field]);
    }
    expect((await t.http().get(`/api/v1/editions/${draftEdition}/implementation`).expect(404)).body.code).toBe('edition_not_found');
    expect((await t.http().get('/api/v1/editions/not-a-uuid/implementation').expect(404)).body.code).toBe('edition_not_found');
  });

  it('the updates are append-only: the database refuses to change or remove one', async () => {
    await expect(db.query(`UPDATE budget_implementation_updates SET percent = 0 WHERE project_id = $1`, [p.park])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM budget_implementation_updates WHERE project_id = $1`, [p.park])).rejects.toThrow(/append-only/);
    expect((await t.http().get(`/api/v1/projects/${p.park}/implementation`).expect(200)).body.updates).toHaveLength(4);
  });
});
