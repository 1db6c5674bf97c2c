import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

describe('participatory budget: editions, pools, projects (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let city: string;
  let district: string;
  let otherDistrict: string;
  let neighbourhood: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna' });
    ben = await createUser(t, { displayName: 'Ben' });
    city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 250_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 15_000 });
    otherDistrict = await createArea(t, { name: 'Zaspa', kind: 'district', parentId: city, residentCount: 30_000 });
    neighbourhood = await createArea(t, { name: 'Oliwa Dolna', kind: 'neighbourhood', parentId: district, residentCount: 4_000 });
  });
  afterAll(() => t?.close());

  const as = (u: TestUser) => actingAs(t, u);

  /** A published edition in the given phase with a city-wide pool and a district pool. */
  async function edition(name: string, phase: Parameters<typeof scheduleWith>[0] = 'submission') {
    const created = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name, year: 2027, phases: scheduleWith(phase), categories: [{ namePl: 'Zieleń', nameEn: 'Greenery' }] })
      .expect(201);
    const id = created.body.id as string;
    await as(admin)
      .post(`/api/v1/admin/editions/${id}/pools`)
      .send({ name: 'Ogólnomiejska', amount: 500_000_000, maxCostBp: 2000, signaturesRequired: 100 })
      .expect(201);
    const withPools = await as(admin)
      .post(`/api/v1/admin/editions/${id}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, minCost: 1_000_000, maxCost: 50_000_000, signaturesRequired: 15 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${id}/publish`).expect(200);
    const pools = withPools.body.pools as Array<{ id: string; name: string }>;
    return {
      id,
      cityPool: pools.find((p) => p.name === 'Ogólnomiejska')!.id,
      districtPool: pools.find((p) => p.name === 'Oliwa')!.id,
      category: withPools.body.categories[0].id as string,
    };
  }

  const complete = (poolId: string, over: object = {}) => ({
    poolId,
    title: 'Ławki w Parku Oliwskim',
    summary: 'Dziesięć ławek wzdłuż alejki.',
    description: 'Ławki z oparciem, co 50 metrów.',
    justification: 'Starsi mieszkańcy nie mają gdzie odpocząć.',
    areaId: neighbourhood,
    costItems: [
      { description: 'Ławki (10 szt.)', amount: 3_000_000 },
      { description: 'Montaż', amount: 500_000 },
    ],
    ...over,
  });

  it('refuses a pool that requires more signatures than 0.1 % of its area’s residents, and inconsistent cost limits', async () => {
    const { body } = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'Edycja limitów', year: 2027, phases: scheduleWith('submission') })
      .expect(201);
    const over = await as(admin)
      .post(`/api/v1/admin/editions/${body.id}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 16 })
      .set('accept-language', 'pl')
      .expect(422);
    expect(over.body.code).toBe('signature_cap_exceeded');
    expect(over.body.detail ?? over.body.title).toMatch(/0,1%.*15/);
    expect(over.body.errors[0].field).toBe('signaturesRequired');
    const ok = await as(admin)
      .post(`/api/v1/admin/editions/${body.id}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 15 })
      .expect(201);
    expect(ok.body.pools[0]).toMatchObject({ signaturesRequired: 15, signatureCap: 15, amount: 100_000_000 });
    const bad = await as(admin)
      .post(`/api/v1/admin/editions/${body.id}/pools`)
      .send({ name: 'Zaspa', areaId: otherDistrict, amount: 100_000_000, minCost: 60_000_000, maxCost: 50_000_000, signaturesRequired: 0 })
      .expect(422);
    expect(bad.body.code).toBe('invalid_cost_limits');
    const schedule = scheduleWith('submission');
    [schedule[0], schedule[1]] = [schedule[1], schedule[0]];
    const swapped = await as(admin)
      .patch(`/api/v1/admin/editions/${body.id}`)
      .send({ phases: schedule.slice(1) })
      .expect(422);
    expect(swapped.body.code).toBe('invalid_phase_plan');
    const after = await as(admin).get(`/api/v1/admin/editions/${body.id}`).expect(200);
    expect(after.body.pools).toHaveLength(1);
    expect(after.body.phases).toHaveLength(9);
  });

  it('keeps drafts private, submits a complete project in the submission phase and publishes it', async () => {
    const e = await edition('BO 2027 — cykl projektu');
    // Drafts are not public: the edition is visible, the draft is not.
    await t.http().get(`/api/v1/editions/${e.id}`).expect(200);
    const draft = await as(anna)
      .post(`/api/v1/editions/${e.id}/projects`)
      .send(complete(e.districtPool, { summary: '' }))
      .expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', totalCost: 3_500_000, number: null, authors: [{ displayName: 'Anna', role: 'main' }] });
    const id = draft.body.id as string;
    await t.http().get(`/api/v1/projects/${id}`).expect(404);
    await as(ben).get(`/api/v1/projects/${id}`).expect(404);
    await as(ben).patch(`/api/v1/projects/${id}`).send({ title: 'Przejęty' }).expect(404);
    await as(ben).post(`/api/v1/projects/${id}/submit`).expect(404);
    expect((await t.http().get(`/api/v1/editions/${e.id}/projects`).expect(200)).body.total).toBe(0);

    // Incomplete: the required summary is missing.
    const incomplete = await as(anna).post(`/api/v1/projects/${id}/submit`).expect(422);
    expect(incomplete.body).toMatchObject({ code: 'incomplete_project', errors: [expect.objectContaining({ field: 'summary' })] });
    await as(anna).patch(`/api/v1/projects/${id}`).send({ summary: 'Dziesięć ławek.' }).expect(200);
    const submitted = await as(anna).post(`/api/v1/projects/${id}/submit`).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', number: 1 });
    expect(submitted.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'submitted']);
    // Public now; a second submit is an illegal transition.
    const pub = await t.http().get(`/api/v1/projects/${id}`).expect(200);
    expect(pub.body.costItems).toHaveLength(2);
    expect((await as(anna).post(`/api/v1/projects/${id}/submit`).expect(409)).body.code).toBe('invalid_transition');
    await as(anna).patch(`/api/v1/projects/${id}`).send({ title: 'Zmiana po zgłoszeniu' }).expect(409);
    // The author is told (through the notifications outbox).
    const events = (await db.query(`SELECT kind, facts->>'status' AS status FROM notification_events WHERE facts->>'projectId' = $1`, [id])) as Array<
      Record<string, string>
    >;
    expect(events).toEqual([{ kind: 'project.status_changed', status: 'submitted' }]);

    const list = await t.http().get(`/api/v1/editions/${e.id}/projects`).query({ area: district, q: 'Ławki' }).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [expect.objectContaining({ id, title: 'Ławki w Parku Oliwskim', totalCost: 3_500_000 })] });
    expect((await t.http().get(`/api/v1/editions/${e.id}/projects`).query({ area: otherDistrict }).expect(200)).body.total).toBe(0);
    expect((await t.http().get(`/api/v1/editions/${e.id}/projects`).query({ pool: e.cityPool }).expect(200)).body.total).toBe(0);
  });

  it('checks cost limits and the pool’s area at submission', async () => {
    const e = await edition('BO 2027 — limity');
    const tooCheap = await as(anna)
      .post(`/api/v1/editions/${e.id}/projects`)
      .send(complete(e.districtPool, { costItems: [{ description: 'Tabliczka', amount: 50_000 }] }))
      .expect(201);
    const low = await as(anna).post(`/api/v1/projects/${tooCheap.body.id}/submit`).expect(422);
    expect(low.body.code).toBe('cost_out_of_range');
    // 20 % of 5 mln zł = 1 mln zł (100,000,000 grosze) for the city-wide pool.
    const tooDear = await as(anna)
      .post(`/api/v1/editions/${e.id}/projects`)
      .send(complete(e.cityPool, { costItems: [{ description: 'Most', amount: 100_000_001 }] }))
      .expect(201);
    expect((await as(anna).post(`/api/v1/projects/${tooDear.body.id}/submit`).expect(422)).body.code).toBe('cost_out_of_range');
    const elsewhere = await as(anna)
      .post(`/api/v1/editions/${e.id}/projects`)
      .send(complete(e.districtPool, { areaId: otherDistrict }))
      .expect(201);
    expect((await as(anna).post(`/api/v1/projects/${elsewhere.body.id}/submit`).expect(422)).body.code).toBe('area_outside_pool');
    const statuses = (await db.query(`SELECT DISTINCT status FROM budget_projects WHERE edition_id = $1`, [e.id])) as Array<{ status: string }>;
    expect(statuses).toEqual([{ status: 'draft' }]);
  });

  it('allows actions only in their phase', async () => {
    const e = await edition('BO 2027 — po terminie', 'formal_review');
    const late = await as(anna).post(`/api/v1/editions/${e.id}/projects`).send(complete(e.districtPool)).set('accept-language', 'en').expect(409);
    expect(late.body.code).toBe('wrong_phase');
    expect(late.body.title + (late.body.detail ?? '')).toMatch(/submission/);
    // A draft made in time cannot be submitted after the submission phase.
    const e2 = await edition('BO 2027 — draft przed końcem');
    const draft = await as(anna).post(`/api/v1/editions/${e2.id}/projects`).send(complete(e2.districtPool)).expect(201);
    await as(admin)
      .patch(`/api/v1/admin/editions/${e2.id}`)
      .send({ phases: scheduleWith('formal_review') })
      .expect(200);
    expect((await as(anna).post(`/api/v1/projects/${draft.body.id}/submit`).expect(409)).body.code).toBe('wrong_phase');
  });

  it('counts 30 parallel endorsements of one project by one resident once; authors cannot endorse their own', async () => {
    const e = await edition('BO 2027 — poparcie');
    const p = await as(anna).post(`/api/v1/editions/${e.id}/projects`).send(complete(e.districtPool)).expect(201);
    await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
    const answers = await Promise.all(Array.from({ length: 30 }, () => as(ben).post(`/api/v1/projects/${p.body.id}/endorsement`)));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM budget_endorsements WHERE project_id = $1`, [p.body.id])) as Array<{ n: number }>;
    expect(n).toBe(1);
    expect((await t.http().get(`/api/v1/projects/${p.body.id}`).expect(200)).body.endorsements).toBe(1);
    expect((await as(anna).post(`/api/v1/projects/${p.body.id}/endorsement`).expect(409)).body.code).toBe('own_project_endorsement');
    expect((await as(ben).delete(`/api/v1/projects/${p.body.id}/endorsement`).expect(200)).body).toEqual({ endorsements: 0, endorsed: false });
    await t.http().post(`/api/v1/projects/${p.body.id}/endorsement`).expect(401);
  });

  it('rejects bad input on every write route with problem+json and changes nothing', async () => {
    const e = await edition('BO 2027 — złe dane');
    const before = ((await db.query(`SELECT count(*)::int AS n FROM budget_projects`)) as Array<{ n: number }>)[0].n;
    const cases: Array<[ReturnType<typeof as>['post'] | ReturnType<typeof as>['patch'], string, object, string]> = [
      [as(anna).post, `/api/v1/editions/${e.id}/projects`, complete(e.districtPool, { costItems: [{ description: 'x', amount: -5 }] }), 'costItems.0.amount'],
      [as(anna).post, `/api/v1/editions/${e.id}/projects`, complete(e.districtPool, { title: '' }), 'title'],
      [as(anna).post, `/api/v1/editions/${e.id}/projects`, complete('not-a-uuid'), 'poolId'],
      [as(anna).post, `/api/v1/editions/${e.id}/projects`, { ...complete(e.districtPool), owner: 'x' }, 'owner'],
      [as(anna).post, `/api/v1/editions/${e.id}/projects`, complete(e.districtPool, { latitude: 123 }), 'latitude'],
      [as(admin).post, '/api/v1/admin/editions', { name: 'X', year: 1999, phases: [] }, 'year'],
      [as(admin).post, `/api/v1/admin/editions/${e.id}/pools`, { name: 'Y', amount: 0, signaturesRequired: 0 }, 'amount'],
      [as(admin).post, `/api/v1/admin/editions/${e.id}/pools`, { name: 'Y', amount: 10, signaturesRequired: 0, maxCostBp: 20000 }, 'maxCostBp'],
    ];
    for (const [send, path, body, field] of cases) {
      const res = await send.call(null, path).send(body).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
    }
    const unknownPool = await as(anna).post(`/api/v1/editions/${e.id}/projects`).send(complete('00000000-0000-4000-8000-000000000000')).expect(422);
    expect(unknownPool.body.code).toBe('pool_not_found');
    await as(anna).get('/api/v1/projects/not-a-uuid').expect(404);
    await t.http().get('/api/v1/editions/00000000-0000-4000-8000-000000000000').expect(404);
    expect(((await db.query(`SELECT count(*)::int AS n FROM budget_projects`)) as Array<{ n: number }>)[0].n).toBe(before);
  });

  it('stores names and texts as plain text: tags are taken out, a name of tags or spaces alone is refused on its field', async () => {
    const tagged = '<b>Park</b> <script>x</script> Oliwski';
    const created = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: `${tagged} 2027`, year: 2027, phases: scheduleWith('submission'), categories: [{ namePl: '<i>Zieleń</i>', nameEn: '<i>Greenery</i>' }] })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Park x Oliwski 2027', categories: [{ namePl: 'Zieleń', nameEn: 'Greenery' }] });
    const id = created.body.id as string;
    const pooled = await as(admin)
      .post(`/api/v1/admin/editions/${id}/pools`)
      .send({ name: '<u>Ogólnomiejska</u>', amount: 500_000_000, signaturesRequired: 10 })
      .expect(201);
    expect(pooled.body.pools[0].name).toBe('Ogólnomiejska');
    const renamed = await as(admin).patch(`/api/v1/admin/editions/${id}`).send({ name: '<em>Park</em> 2027' }).expect(200);
    expect(renamed.body.name).toBe('Park 2027');
    await as(admin).post(`/api/v1/admin/editions/${id}/publish`).expect(200);

    const draft = await as(anna)
      .post(`/api/v1/editions/${id}/projects`)
      .send({
        poolId: pooled.body.pools[0].id,
        title: tagged,
        summary: '<p>Ławki <img src=x onerror=alert(1)>przy alejce</p>',
        description: 'Dwie strefy: a < b, a > 3 <a href="javascript:x">link</a>',
        justification: '<script>alert(1)</script>Brak ławek',
        beneficiaries: '<i>Spacerowicze</i>',
        address: '<b>ul.</b> Opacka 1',
        costItems: [{ description: '<b>Ławki</b> (10 szt.)', amount: 1_000_000 }],
      })
      .expect(201);
    const read = (await as(anna).get(`/api/v1/projects/${draft.body.id}`).expect(200)).body;
    expect(read).toMatchObject({
      title: 'Park x Oliwski',
      summary: 'Ławki przy alejce',
      description: 'Dwie strefy: a < b, a > 3 link',
      justification: 'alert(1)Brak ławek',
      beneficiaries: 'Spacerowicze',
      address: 'ul. Opacka 1',
      costItems: [{ description: 'Ławki (10 szt.)', amount: 1_000_000 }],
    });
    const changed = await as(anna)
      .patch(`/api/v1/projects/${draft.body.id}`)
      .send({ title: '<h1>Ławki</h1>', costItems: [{ description: '<i>Montaż</i>', amount: 500_000 }] })
      .expect(200);
    expect(changed.body).toMatchObject({ title: 'Ławki', costItems: [{ description: 'Montaż', amount: 500_000 }] });

    // Nothing left once the tags and spaces are out: a 422 on the field, not the database's check.
    const fieldsOf = async (res: Promise<{ body: { errors: Array<{ field: string }> } }>) => (await res).body.errors.map((e) => e.field);
    expect(await fieldsOf(as(anna).patch(`/api/v1/projects/${draft.body.id}`).send({ title: ' <b></b> ' }).expect(422))).toEqual(['title']);
    expect(
      await fieldsOf(
        as(anna)
          .patch(`/api/v1/projects/${draft.body.id}`)
          .send({ costItems: [{ description: '\u00a0\t ', amount: 1 }] })
          .expect(422),
      ),
    ).toEqual(['costItems.0.description']);
    expect(await fieldsOf(as(admin).post(`/api/v1/admin/editions/${id}/categories`).send({ namePl: '   ', nameEn: 'Sport' }).expect(422))).toEqual(['namePl']);
    expect(await fieldsOf(as(admin).patch(`/api/v1/admin/editions/${id}`).send({ name: '<br>' }).expect(422))).toEqual(['name']);
    expect((await as(anna).get(`/api/v1/projects/${draft.body.id}`).expect(200)).body.title).toBe('Ławki');
  });

  it('lets only admins configure editions; drafts of editions stay hidden', async () => {
    const body = { name: 'Nie wolno', year: 2027, phases: scheduleWith('submission') };
    await t.http().post('/api/v1/admin/editions').send(body).expect(401);
    await as(anna).post('/api/v1/admin/editions').send(body).expect(403);
    const official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    await as(official).post('/api/v1/admin/editions').send(body).expect(403);
    const draft = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ ...body, name: 'Szkic edycji' })
      .expect(201);
    await t.http().get(`/api/v1/editions/${draft.body.id}`).expect(404);
    expect((await t.http().get('/api/v1/editions').expect(200)).body.map((x: { id: string }) => x.id)).not.toContain(draft.body.id);
    await as(anna).post(`/api/v1/editions/${draft.body.id}/projects`).send({ poolId: draft.body.id, title: 'x', costItems: [] }).expect(404);
  });
});
