import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

describe('desk: the voting’s set-up — who votes and how, and each pool’s ballot (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let edition: string;
  let pool: string;

  const policy = async () =>
    (
      (await db.query(`SELECT methods, min_age, max_area_pools, rule, rule_options FROM voting_policies WHERE edition_id = $1`, [edition])) as Array<
        Record<string, unknown>
      >
    )[0];
  const lists = async () =>
    ((await db.query(`SELECT count(*)::int AS n FROM budget_ballot_lists WHERE edition_id = $1`, [edition])) as Array<{ n: number }>)[0].n;
  const spec = async () => ((await db.query(`SELECT * FROM voting_pool_specs WHERE pool_id = $1`, [pool])) as Array<Record<string, unknown>>)[0];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city' });
    const district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    const as = actingAs(t, admin);
    edition = (
      await as
        .post('/api/v1/admin/editions')
        .send({ name: 'BO Gdańsk 2028', year: 2028, phases: scheduleWith('submission') })
        .expect(201)
    ).body.id as string;
    const res = await as
      .post(`/api/v1/admin/editions/${edition}/pools`)
      .send({ name: 'Ogólnomiejska', areaId: null, amount: 100_000_000, signaturesRequired: 0 });
    pool = (res.body.pools as Array<{ id: string }>)[0].id;
    await as.post(`/api/v1/admin/editions/${edition}/publish`).expect(200);
  });
  afterAll(() => t.close());

  it('route × role: administrators only; the hub links it for them', async () => {
    const path = `/desk/voting/${edition}/setup`;
    expect((await new PageClient(t.app).get(path, { follow: false })).status).toBe(303);
    expect((await (await signedIn(t, official)).get(path)).status).toBe(403);
    const a = await signedIn(t, admin);
    expect((await a.get(path)).status).toBe(200);
    expect((await a.get('/desk/voting/00000000-0000-4000-8000-000000000000/setup')).status).toBe(404);
    expect((await a.get(`/desk/voting/${edition}`)).doc.querySelector(`a[href="${path}"]`)).not.toBeNull();
    expect((await (await signedIn(t, official)).get(`/desk/voting/${edition}`)).doc.querySelector(`a[href="${path}"]`)).toBeNull();
  });

  it('the policy: bad numbers and a top-up on another rule are refused on their fields with nothing stored; then saved', async () => {
    const a = await signedIn(t, admin);
    const page = await a.get(`/desk/voting/${edition}/setup`);
    expect(page.text()).toContain('Zasady nie zostały jeszcze zapisane.');
    let res = await a.submit(page, { minAge: 'szesnaście', topUpPercent: '80' }, { form: `form[action="/desk/voting/${edition}/setup/policy"]` });
    expect(res.status).toBe(422);
    expect(res.errorSummary.map((e) => e.field)).toEqual(['minAge']);
    expect(await policy()).toBeUndefined();
    // The engine's own check: the top-up belongs to the no-skip rule.
    res = await a.submit(page, { rule: 'greedy', topUpPercent: '80' }, { form: `form[action="/desk/voting/${edition}/setup/policy"]` });
    expect(res.status).toBe(422);
    expect(res.errorSummary[0].field).toBe('topUpPercent');
    expect(await policy()).toBeUndefined();

    res = await a.submit(
      page,
      { methods: ['email_code', 'account'], minAge: '16', maxAreaPools: '2', rule: 'greedy-no-skip', topUpPercent: '80' },
      { form: `form[action="/desk/voting/${edition}/setup/policy"]` },
    );
    expect(res.banner).toBe('Zapisano zasady głosowania.');
    expect(await policy()).toMatchObject({ min_age: 16, max_area_pools: 2, rule: 'greedy-no-skip', rule_options: { topUpPercent: 80 } });
    expect(res.doc.querySelector('#topUpPercent')?.getAttribute('value')).toBe('80');
    expect(res.text()).toMatch(/Ziarno losowania remisów: [0-9a-f]{16,}/);
  });

  it('a pool’s ballot: an amount in złoty kept in grosze; an inconsistent ballot is the service’s refusal', async () => {
    const a = await signedIn(t, admin);
    const page = await a.get(`/desk/voting/${edition}/setup`);
    const form = `form[action="/desk/voting/${edition}/setup/pools/${pool}"]`;
    const k = (f: string) => `pool-${pool}.${f}`;
    let res = await a.submit(page, { [k('voteType')]: 'approval', [k('minLength')]: '3', [k('maxLength')]: '2' }, { form });
    expect(res.status).toBe(422);
    expect(res.errorSummary.length).toBeGreaterThan(0);
    expect(await spec()).toBeUndefined();
    res = await a.submit(page, { [k('voteType')]: 'approval', [k('minLength')]: '1', [k('maxLength')]: '5', [k('maxSumCost')]: '250 000' }, { form });
    expect(res.banner).toBe('Zapisano kartę puli „Ogólnomiejska”.');
    expect(await spec()).toMatchObject({ vote_type: 'approval', min_length: 1, max_length: 5 });
    expect(Number((await spec()).max_sum_cost)).toBe(25_000_000);
    expect(res.doc.querySelector(`[id="${k('maxSumCost')}"]`)?.getAttribute('value')).toBe('250000');
  });

  it('the ballot list: drawing it up during submission is refused with the service’s words (409), nothing drawn', async () => {
    const a = await signedIn(t, admin);
    const page = await a.get(`/desk/voting/${edition}/setup`);
    expect(page.text()).toContain('Lista nie jest jeszcze ustalona.');
    const forged = await a.submit(page, {}, { form: `form[action="/desk/voting/${edition}/setup/ballot"]`, drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    const res = await a.submit(page, {}, { form: `form[action="/desk/voting/${edition}/setup/ballot"]` });
    expect(res.status).toBe(409);
    expect(res.errorSummary[0].text).toContain('Listę projektów do głosowania ustala się po zakończeniu fazy odwołań');
    expect(await lists()).toBe(0);
  });

  it('once voting has begun the set-up is refused with the API’s words (409), nothing changed', async () => {
    await actingAs(t, admin)
      .patch(`/api/v1/admin/editions/${edition}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);
    const a = await signedIn(t, admin);
    const page = await a.get(`/desk/voting/${edition}/setup`);
    expect(page.text()).toContain('Głosowanie już się rozpoczęło');
    const res = await a.submit(page, { minAge: '18' }, { form: `form[action="/desk/voting/${edition}/setup/policy"]` });
    expect(res.status).toBe(409);
    expect(await policy()).toMatchObject({ min_age: 16 });

    // The appeals are over: the list is drawn up from the page (the phase job would do it within a minute).
    const drawn = await a.submit(page, {}, { form: `form[action="/desk/voting/${edition}/setup/ballot"]` });
    expect(drawn.banner).toBe('Lista projektów do głosowania została ustalona.');
    expect(await lists()).toBe(1);
    expect(drawn.all('main table tbody th')).toContain('Ogólnomiejska');
    expect(drawn.doc.querySelector(`form[action="/desk/voting/${edition}/setup/ballot"]`)).toBeNull();
  });
});
