import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

/** Consultations: created by officials, announced ahead, opened and closed on schedule, listed and read by anyone. */
describe('consultations: lifecycle, schedule, public reading (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let cityOfficial: TestUser;
  let oliwaOfficial: TestUser;
  let wrzeszczOfficial: TestUser;
  let resident: TestUser;
  let city: string;
  let oliwa: string;
  let oliwaGorna: string;
  let wrzeszcz: string;

  const as = (u: TestUser) => actingAs(t, u);
  const count = async (table: string) => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;
  const events = async (kind: string, id: string) =>
    (await db.query(`SELECT topics FROM notification_events WHERE kind = $1 AND facts->>'consultationId' = $2`, [kind, id])) as Array<{ topics: string[] }>;
  /** Moves the consultation's dates into the past, as time passing would (the API rightly refuses such dates). */
  const timePasses = (id: string, opensDaysAgo: number, closesInDays: number) =>
    db.query(`UPDATE consultations SET opens_at = now() - make_interval(days => $2), closes_at = now() + make_interval(days => $3) WHERE id = $1`, [
      id,
      opensDaysAgo,
      closesInDays,
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    oliwa = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    oliwaGorna = await createArea(t, { name: 'Oliwa Górna', kind: 'neighbourhood', parentId: oliwa, residentCount: 5_000 });
    wrzeszcz = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    cityOfficial = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    oliwaOfficial = await createUser(t, { grants: [{ role: 'official', areaId: oliwa }] });
    wrzeszczOfficial = await createUser(t, { grants: [{ role: 'official', areaId: wrzeszcz }] });
    resident = await createUser(t);
  }, 120_000);
  afterAll(() => t?.close());

  const draft = (o: Record<string, unknown> = {}) => ({
    title: 'Plan zagospodarowania Parku Oliwskiego',
    summary: 'Projekt planu dla terenu parku i jego otoczenia.',
    body: '## Cel\n\nUstalenie przeznaczenia terenu.',
    topic: 'planowanie przestrzenne',
    organiserUnit: 'Biuro Rozwoju Gdańska',
    contact: 'konsultacje@gdansk.example',
    areaIds: [oliwa],
    opensAt: inDays(8),
    closesAt: inDays(40),
    ...o,
  });

  it('a draft is the officials’ own: invisible to the public until announced, at least 7 days ahead', async () => {
    const created = await as(oliwaOfficial).post('/api/v1/admin/consultations').send(draft()).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'draft', audience: 'everyone', moderation: 'post', minNoticeDays: 7, areaIds: [oliwa], documentVersion: 0 });
    expect(created.body.bodyHtml).toContain('<h2>Cel</h2>');
    await t.http().get(`/api/v1/consultations/${id}`).expect(404);
    expect((await t.http().get('/api/v1/consultations').expect(200)).body.map((c: { id: string }) => c.id)).not.toContain(id);

    // Too short a notice: opening in 3 days.
    await as(oliwaOfficial)
      .patch(`/api/v1/admin/consultations/${id}`)
      .send({ opensAt: inDays(3) })
      .expect(200);
    const short = await as(oliwaOfficial).post(`/api/v1/admin/consultations/${id}/announce`).expect(422);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['opensAt']);
    expect(short.body.errors[0].message).toContain('7 dni');
    // Another city's notice period: 2 days is enough when the consultation says so.
    await as(oliwaOfficial).patch(`/api/v1/admin/consultations/${id}`).send({ minNoticeDays: 2 }).expect(200);
    const announced = await as(oliwaOfficial).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    expect(announced.body).toMatchObject({ status: 'announced', announcedAt: expect.any(String) });
    // Subscribers of the consultation and of its area — and of the areas containing it — hear of it.
    expect([...(await events('consultation.announced', id))[0].topics].sort()).toEqual([`area:${city}`, `area:${oliwa}`, `consultation:${id}`].sort());
    expect((await t.http().get(`/api/v1/consultations/${id}`).expect(200)).body.title).toBe('Plan zagospodarowania Parku Oliwskiego');
    await as(oliwaOfficial).post(`/api/v1/admin/consultations/${id}/announce`).expect(409);
  });

  it('opens and closes on schedule, telling subscribers once; announced ones keep their opening and can only be extended', async () => {
    const id = (
      await as(cityOfficial)
        .post('/api/v1/admin/consultations')
        .send(draft({ areaIds: [] }))
        .expect(201)
    ).body.id as string;
    await as(cityOfficial).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    // Once announced: the opening date, areas and rules are fixed; the closing date only moves later.
    expect(
      (
        await as(cityOfficial)
          .patch(`/api/v1/admin/consultations/${id}`)
          .send({ opensAt: inDays(9) })
          .expect(409)
      ).body.code,
    ).toBe('consultation_not_editable');
    expect(
      (
        await as(cityOfficial)
          .patch(`/api/v1/admin/consultations/${id}`)
          .send({ closesAt: inDays(30) })
          .expect(422)
      ).body.errors[0].field,
    ).toBe('closesAt');
    await as(cityOfficial)
      .patch(`/api/v1/admin/consultations/${id}`)
      .send({ closesAt: inDays(45), summary: 'Nowe streszczenie' })
      .expect(200);

    const service = t.app.get(ConsultationsService);
    await timePasses(id, 1, 10);
    const opened = await service.advance();
    expect(opened).toContainEqual({ consultationId: id, status: 'open' });
    expect(await service.advance()).not.toContainEqual(expect.objectContaining({ consultationId: id }));
    expect(await events('consultation.opened', id)).toHaveLength(1);
    expect((await t.http().get(`/api/v1/consultations/${id}`).expect(200)).body).toMatchObject({ status: 'open', summary: 'Nowe streszczenie' });
    expect((await t.http().get('/api/v1/consultations?status=open').expect(200)).body.map((c: { id: string }) => c.id)).toContain(id);

    await timePasses(id, 20, -1);
    await Promise.all([service.advance(), service.advance()]);
    expect(await events('consultation.closed', id)).toHaveLength(1);
    expect((await t.http().get(`/api/v1/consultations/${id}`).expect(200)).body.status).toBe('closed');
    // Closed: nothing changes any more, and it cannot be cancelled.
    await as(cityOfficial).patch(`/api/v1/admin/consultations/${id}`).send({ summary: 'x' }).expect(409);
    await as(cityOfficial).post(`/api/v1/admin/consultations/${id}/cancel`).send({ reason: 'Pomyłka' }).expect(409);
    const audit = (await db.query(`SELECT action FROM audit_log WHERE subject_type = 'consultation' AND subject_id = $1 ORDER BY seq`, [id])) as Array<{
      action: string;
    }>;
    expect(audit.map((a) => a.action)).toEqual([
      'consultation.created',
      'consultation.announced',
      'consultation.updated',
      'consultation.opened',
      'consultation.closed',
    ]);
  });

  it('lists by status and area: a district’s consultations, those of its neighbourhoods and the city-wide ones', async () => {
    const make = async (u: TestUser, areaIds: string[], title: string) => {
      const id = (await as(u).post('/api/v1/admin/consultations').send(draft({ areaIds, title })).expect(201)).body.id as string;
      await as(u).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
      return id;
    };
    const inOliwaGorna = await make(oliwaOfficial, [oliwaGorna], 'Skwer w Oliwie Górnej');
    const inWrzeszcz = await make(wrzeszczOfficial, [wrzeszcz], 'Ulica Grunwaldzka');
    const cityWide = await make(cityOfficial, [], 'Program współpracy z organizacjami');
    const ids = async (q: string) => ((await t.http().get(`/api/v1/consultations${q}`).expect(200)).body as Array<{ id: string }>).map((c) => c.id);
    const oliwaList = await ids(`?area=${oliwa}&status=announced`);
    expect(oliwaList).toEqual(expect.arrayContaining([inOliwaGorna, cityWide]));
    expect(oliwaList).not.toContain(inWrzeszcz);
    expect(await ids(`?area=${wrzeszcz}`)).toEqual(expect.arrayContaining([inWrzeszcz, cityWide]));
    expect(await ids(`?area=${wrzeszcz}`)).not.toContain(inOliwaGorna);
    expect((await t.http().get('/api/v1/consultations?status=nonsense').expect(422)).body.errors[0].field).toBe('status');
    await t.http().get('/api/v1/consultations?area=not-a-uuid').expect(422);
  });

  it('is run by the officials of its areas: others are refused, whatever they try', async () => {
    const id = (await as(oliwaOfficial).post('/api/v1/admin/consultations').send(draft()).expect(201)).body.id as string;
    await t.http().post('/api/v1/admin/consultations').send(draft()).expect(401);
    await as(resident).post('/api/v1/admin/consultations').send(draft()).expect(403);
    await as(resident).get(`/api/v1/admin/consultations/${id}`).expect(403);
    // An official of Wrzeszcz cannot create for Oliwa, nor change, announce or cancel Oliwa's consultation.
    expect((await as(wrzeszczOfficial).post('/api/v1/admin/consultations').send(draft()).expect(403)).body.code).toBe('not_an_official_of_area');
    await as(wrzeszczOfficial).patch(`/api/v1/admin/consultations/${id}`).send({ title: 'Przejęte' }).expect(403);
    await as(wrzeszczOfficial).post(`/api/v1/admin/consultations/${id}/announce`).expect(403);
    await as(wrzeszczOfficial).post(`/api/v1/admin/consultations/${id}/cancel`).send({ reason: 'x' }).expect(403);
    // A district official cannot run a city-wide consultation; the city's official and an admin can run Oliwa's.
    await as(oliwaOfficial)
      .post('/api/v1/admin/consultations')
      .send(draft({ areaIds: [] }))
      .expect(403);
    await as(cityOfficial).patch(`/api/v1/admin/consultations/${id}`).send({ topic: 'zieleń' }).expect(200);
    await as(admin).patch(`/api/v1/admin/consultations/${id}`).send({ contact: 'Wydział Środowiska' }).expect(200);
    const cancelled = await as(oliwaOfficial).post(`/api/v1/admin/consultations/${id}/cancel`).send({ reason: 'Plan wycofany przez Radę' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledReason: 'Plan wycofany przez Radę', topic: 'zieleń', contact: 'Wydział Środowiska' });
    await as(admin).get('/api/v1/admin/consultations/00000000-0000-4000-8000-000000000000').expect(404);
    await as(admin).get('/api/v1/admin/consultations/nope').expect(404);
  });

  it('refuses bad input with the field named, changing nothing', async () => {
    const before = await count('consultations');
    const bad: Array<[Record<string, unknown>, string]> = [
      [draft({ title: '' }), 'title'],
      [draft({ title: '<b></b>' }), 'title'],
      [draft({ title: 'x'.repeat(301) }), 'title'],
      [draft({ audience: 'members' }), 'audience'],
      [draft({ moderation: 'none' }), 'moderation'],
      [draft({ minNoticeDays: -1 }), 'minNoticeDays'],
      [draft({ opensAt: 'jutro' }), 'opensAt'],
      [draft({ closesAt: inDays(5) }), 'closesAt'],
      [draft({ areaIds: ['00000000-0000-4000-8000-000000000000'] }), 'areaIds'],
      [draft({ areaIds: 'Oliwa' }), 'areaIds'],
      [draft({ unknown: 1 }), 'unknown'],
    ];
    for (const [body, name] of bad) {
      const r = await as(cityOfficial).post('/api/v1/admin/consultations').send(body);
      expect([r.status, r.body.errors?.map((e: { field: string }) => e.field)]).toEqual([422, expect.arrayContaining([name])]);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await count('consultations')).toBe(before);
    const id = (await as(cityOfficial).post('/api/v1/admin/consultations').send(draft()).expect(201)).body.id as string;
    await as(cityOfficial).post(`/api/v1/admin/consultations/${id}/cancel`).send({ reason: '   ' }).expect(422);
    await as(cityOfficial).post(`/api/v1/admin/consultations/${id}/cancel`).send({}).expect(422);
    expect((await as(cityOfficial).get(`/api/v1/admin/consultations/${id}`).expect(200)).body.status).toBe('draft');
    // Organisations: a KRS number has 10 digits; one account per organisation.
    await as(admin).put(`/api/v1/admin/users/${resident.id}/organisation`).send({ name: 'Fundacja', krs: '123' }).expect(422);
    await as(admin).put(`/api/v1/admin/users/00000000-0000-4000-8000-000000000000/organisation`).send({ name: 'Fundacja', krs: '0000123456' }).expect(404);
    await as(cityOfficial).put(`/api/v1/admin/users/${resident.id}/organisation`).send({ name: 'Fundacja', krs: '0000123456' }).expect(403);
    const ngo = await createUser(t);
    await as(admin).put(`/api/v1/admin/users/${ngo.id}/organisation`).send({ name: 'Fundacja Oliwskie Ogrody', krs: '0000123456' }).expect(200);
    expect((await as(admin).put(`/api/v1/admin/users/${resident.id}/organisation`).send({ name: 'Inna', krs: '0000123456' }).expect(409)).body.code).toBe(
      'krs_taken',
    );
  });

  it('carries files: PDF, PNG or JPEG whose content matches, public with the consultation, until it closes', async () => {
    const id = (await as(oliwaOfficial).post('/api/v1/admin/consultations').send(draft()).expect(201)).body.id as string;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 7)]);
    const up = (name: string, type: string, body: Buffer | string) =>
      as(oliwaOfficial)
        .post(`/api/v1/admin/consultations/${id}/attachments?name=${encodeURIComponent(name)}`)
        .set('content-type', type)
        .send(body);
    const added = await up('C:\\skany\\Projekt planu – część tekstowa.pdf', 'application/pdf', pdf).expect(201);
    expect(added.body).toMatchObject({ fileName: 'Projekt planu – część tekstowa.pdf', mediaType: 'application/pdf', size: pdf.length });
    const files = async () =>
      ((await db.query(`SELECT count(*)::int AS n FROM consultation_attachments WHERE consultation_id = $1`, [id])) as Array<{ n: number }>)[0].n;
    // Wrong content for its type, another type, empty, no name: refused, nothing stored.
    expect((await up('mapa.png', 'image/png', pdf).expect(415)).body.code).toBe('invalid_document');
    await up('notatka.txt', 'text/plain', 'tekst').expect(415);
    await up('pusty.pdf', 'application/pdf', Buffer.alloc(0)).expect(422);
    await as(oliwaOfficial).post(`/api/v1/admin/consultations/${id}/attachments`).set('content-type', 'application/pdf').send(pdf).expect(422);
    await as(wrzeszczOfficial).post(`/api/v1/admin/consultations/${id}/attachments?name=x.pdf`).set('content-type', 'application/pdf').send(pdf).expect(403);
    expect(await files()).toBe(1);

    // A draft's file is the officials'; once announced anyone downloads it, byte for byte, under its Polish name.
    const path = `/api/v1/consultations/${id}/attachments/${added.body.id}`;
    await t.http().get(path).expect(404);
    await as(oliwaOfficial).patch(`/api/v1/admin/consultations/${id}`).send({ minNoticeDays: 0 }).expect(200);
    await as(oliwaOfficial).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    const got = await t
      .http()
      .get(path)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Projekt planu – część tekstowa.pdf')}`);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
    expect((await t.http().get(`/api/v1/consultations/${id}`).expect(200)).body.attachments).toEqual([
      { id: added.body.id, fileName: 'Projekt planu – część tekstowa.pdf', mediaType: 'application/pdf', size: pdf.length },
    ]);
    await t.http().get(`/api/v1/consultations/${id}/attachments/00000000-0000-4000-8000-000000000000`).expect(404);
    // Removed by its officials, until the consultation closes.
    await as(oliwaOfficial).delete(`/api/v1/admin/consultations/${id}/attachments/${added.body.id}`).expect(204);
    await as(oliwaOfficial).delete(`/api/v1/admin/consultations/${id}/attachments/${added.body.id}`).expect(404);
    await t.http().get(path).expect(404);
  });

  it('returns every text inert: tags out of plain text, Markdown without raw HTML or script links', async () => {
    const attack = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await as(cityOfficial)
      .post('/api/v1/admin/consultations')
      .send(
        draft({
          title: `Park ${attack}`,
          summary: `Streszczenie ${attack}`,
          topic: `Temat ${attack}`,
          organiserUnit: `Biuro ${attack}`,
          contact: `Kontakt ${attack}`,
          body: `Treść ${attack}\n\n[kliknij](javascript:alert(3)) <a href="javascript:alert(4)">a</a>`,
        }),
      )
      .expect(201);
    const c = created.body;
    for (const f of ['title', 'summary', 'topic', 'organiserUnit', 'contact']) expect(c[f]).not.toMatch(/<|onerror=/);
    expect(c.title).toBe('Park alert(1)');
    expect(c.bodyHtml).not.toMatch(/<script|<img|<[^>]+\son[a-z]+=|href="javascript:/i);
    expect(c.bodyHtml).toContain('&lt;script&gt;');
  });
});
