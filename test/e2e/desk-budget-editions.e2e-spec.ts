import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

/** A schedule in the edition form's fields: nine phases of a month each from January 2030 (Warsaw time). */
function schedule(shiftMonths = 0): Record<string, string> {
  const v: Record<string, string> = {};
  for (let i = 0; i < 9; i++) {
    const at = (m: number) => {
      const d = new Date(Date.UTC(2030, m, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01 00:00`;
    };
    v[`phases.${i}.startsAt`] = at(i + shiftMonths);
    v[`phases.${i}.endsAt`] = at(i + 1 + shiftMonths);
  }
  return v;
}

/**
 * The administration of budget editions on the desk, through a browser without JavaScript: the list, a new edition
 * (bad input, the preview, the service's schedule check, a forged form — nothing stored), its changes, a category, a
 * pool (amounts in złoty, the statutory signature cap refused by the service) and publishing; each visible through
 * the API. Administrators only, as the API.
 */
describe('the budget’s desk: editions and pools (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let district: string;
  let editionId: string;

  const as = (u: TestUser) => actingAs(t, u);
  const editions = async () => ((await db.query(`SELECT count(*)::int AS n FROM budget_editions`)) as Array<{ n: number }>)[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna' });
  });
  afterAll(() => t?.close());

  it('route × role: anonymous → sign in, a resident and an official → 403 (as the API), an admin → 200; /desk/budget links it for admins', async () => {
    const anon = new PageClient(t.app);
    for (const path of ['/desk/budget/editions', '/desk/budget/editions/new']) {
      const res = await anon.get(path, { follow: false });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      expect((await (await signedIn(t, anna)).get(path)).status).toBe(403);
      expect((await (await signedIn(t, official)).get(path)).status).toBe(403);
      expect((await (await signedIn(t, admin)).get(path)).status).toBe(200);
    }
    await as(official).get('/api/v1/admin/editions').expect(403);
    const boss = await signedIn(t, admin);
    expect((await boss.get('/desk/budget/editions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await boss.get('/desk/budget/editions')).text()).toContain('Nie ma jeszcze żadnej edycji.');
    expect((await boss.get('/desk/budget')).doc.querySelector('main a[href="/desk/budget/editions"]')).not.toBeNull();
    expect((await (await signedIn(t, official)).get('/desk/budget')).doc.querySelector('main a[href="/desk/budget/editions"]')).toBeNull();
  });

  it('a new edition: bad input, a bad schedule and a forged form store nothing; the preview shows it as residents will; then created', async () => {
    const c = await signedIn(t, admin);
    const page = await c.get('/desk/budget/editions/new');
    expect(page.h1).toBe('Nowa edycja');
    expect(page.value('rules.criteria')).toEqual(['legality', 'technical_feasibility', 'formal_requirements', 'cost']);
    const bad = await c.submit(page, { action: 'save', name: '', year: 'dwa tysiące', 'rules.maxAuthors': '0', 'rules.criteria': [] });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'year', 'phases.0.startsAt', 'rules.maxAuthors', 'rules.criteria']));
    // The schedule out of order: the service's own check, every problem in the summary.
    const overlapping = { ...schedule(), 'phases.1.startsAt': '2029-12-15 00:00' };
    const order = await c.submit(page, { action: 'save', name: 'BO 2030', year: '2030', ...overlapping });
    expect(order.status).toBe(422);
    expect(order.errorSummary.length).toBeGreaterThan(1);
    const values = {
      name: 'BO 2030',
      year: '2030',
      ballotOrder: 'lottery',
      ...schedule(),
      'rules.correctionDays': '5',
      'categories.0.namePl': 'Zieleń',
      'categories.0.nameEn': 'Greenery',
      'categories.1.namePl': 'Sport',
      'categories.1.nameEn': 'Sport',
    };
    const preview = await c.submit(page, { action: 'preview', ...values });
    expect(preview.status).toBe(200);
    expect(preview.text('#preview-heading')).toBe('Podgląd: tak zobaczą to mieszkańcy');
    expect(preview.text('section[aria-labelledby="preview-heading"]')).toContain('Zieleń, Sport');
    expect(preview.text('section[aria-labelledby="preview-heading"]')).toContain('5 dni');
    expect(preview.value('name')).toBe('BO 2030');
    expect((await c.submit(preview, { action: 'save' }, { drop: ['_csrf'] })).status).toBe(403);
    expect(await editions()).toBe(0);

    const created = await c.submit(preview, { action: 'save' });
    expect(created.banner).toBe('Edycja „BO 2030” została utworzona jako szkic.');
    editionId = created.url.split('/').pop()!;
    expect(created.url).toBe(`/desk/budget/editions/${editionId}`);
    const api = await as(admin).get(`/api/v1/admin/editions/${editionId}`).expect(200);
    expect(api.body).toMatchObject({ name: 'BO 2030', year: 2030, status: 'draft', ballotOrder: 'lottery' });
    expect(api.body.rules.correctionDays).toBe(5);
    expect(api.body.categories.map((x: { namePl: string }) => x.namePl)).toEqual(['Sport', 'Zieleń']);
    expect(api.body.phases[0].startsAt).toBe('2029-12-31T23:00:00.000Z');
    await t.http().get(`/api/v1/editions/${editionId}`).expect(404);
  });

  it('changing the schedule and rules (bad input first), adding a category', async () => {
    const c = await signedIn(t, admin);
    const page = await c.get(`/desk/budget/editions/${editionId}/edit`);
    expect(page.value('phases.0.startsAt')).toBe('2030-01-01 00:00');
    const bad = await c.submit(page, { action: 'save', 'rules.appealDays': '99' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['rules.appealDays']);
    const saved = await c.submit(page, { action: 'save', ...schedule(1), 'rules.appealDays': '10' });
    expect(saved.banner).toBe('Zmiany edycji „BO 2030” zostały zapisane.');
    const api = await as(admin).get(`/api/v1/admin/editions/${editionId}`).expect(200);
    expect(api.body.rules.appealDays).toBe(10);
    expect(api.body.phases[0].startsAt).toBe('2030-01-31T23:00:00.000Z');

    const empty = await c.submit(saved, { namePl: '', nameEn: 'Culture' }, { form: '#add-category' });
    expect(empty.status).toBe(422);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(['namePl']);
    const added = await c.submit(saved, { namePl: 'Kultura', nameEn: 'Culture' }, { form: '#add-category' });
    expect(added.banner).toBe('Kategoria „Kultura” została dodana.');
    expect((await as(admin).get(`/api/v1/admin/editions/${editionId}`).expect(200)).body.categories).toHaveLength(3);
  });

  it('a pool in złoty: the statutory cap is shown and enforced by the service, bad amounts and a forged form store nothing; then publishing', async () => {
    const c = await signedIn(t, admin);
    const page = await c.get(`/desk/budget/editions/${editionId}/pools/new`);
    expect(page.h1).toBe('Nowa pula');
    const caps = page.doc.querySelectorAll('tbody tr').map((r) => r.querySelectorAll('th, td').map((c) => c.textContent.replace(/\s/g, '')));
    expect(caps).toEqual([
      ['całemiasto', '100000', '100'],
      ['Miasto', '100000', '100'],
      ['Oliwa', '20000', '20'],
    ]);
    const pools = async () => ((await as(admin).get(`/api/v1/admin/editions/${editionId}`).expect(200)).body.pools as unknown[]).length;
    const bad = await c.submit(page, { name: 'Oliwa', areaId: district, amount: '1,500', maxCostBp: '120', signaturesRequired: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['amount', 'maxCostBp', 'signaturesRequired']);
    const capped = await c.submit(page, { name: 'Oliwa', areaId: district, amount: '250 000', signaturesRequired: '21' });
    expect(capped.status).toBe(422);
    expect(capped.errorSummary.map((e) => e.field)).toEqual(['signaturesRequired']);
    expect(capped.errorSummary[0].text).toContain('20');
    expect((await c.submit(page, { name: 'Oliwa', areaId: district, amount: '250 000', signaturesRequired: '20' }, { drop: ['_csrf'] })).status).toBe(403);
    expect(await pools()).toBe(0);

    const added = await c.submit(page, { name: 'Oliwa', areaId: district, amount: '250 000', maxCostBp: '20', minCost: '10 000', signaturesRequired: '20' });
    expect(added.banner).toBe('Pula „Oliwa” została dodana.');
    expect(added.all('tbody th')).toEqual(['Oliwa']);
    const api = await as(admin).get(`/api/v1/admin/editions/${editionId}`).expect(200);
    expect(api.body.pools[0]).toMatchObject({
      name: 'Oliwa',
      areaId: district,
      amount: 25_000_000,
      minCost: 1_000_000,
      maxCostBp: 2000,
      signaturesRequired: 20,
      signatureCap: 20,
    });

    expect((await c.submit(added, {}, { form: '#publish', drop: ['_csrf'] })).status).toBe(403);
    await t.http().get(`/api/v1/editions/${editionId}`).expect(404);
    const published = await c.submit(added, {}, { form: '#publish' });
    expect(published.banner).toBe('Edycja „BO 2030” została opublikowana.');
    expect(published.doc.querySelector(`main a[href="/budget/${editionId}"]`)).not.toBeNull();
    const pub = await t.http().get(`/api/v1/editions/${editionId}`).expect(200);
    expect(pub.body.pools).toHaveLength(1);
    const list = await c.get('/desk/budget/editions');
    expect(list.all('tbody th a')).toEqual(['BO 2030']);
  });

  it('drawing up the ballot list at once: refused before the appeals end (nothing drawn), a forged form refused, then drawn', async () => {
    const c = await signedIn(t, admin);
    const drawn = async () =>
      ((await db.query(`SELECT count(*)::int AS n FROM budget_ballot_lists WHERE edition_id = $1`, [editionId])) as Array<{ n: number }>)[0].n;
    const page = await c.get(`/desk/budget/editions/${editionId}`);
    const early = await c.submit(page, {}, { form: '#ballot' });
    expect(early.status).toBe(422);
    expect(early.errorSummary).toHaveLength(1);
    expect(await drawn()).toBe(0);
    await t.http().get(`/api/v1/editions/${editionId}/ballot`).expect(409);
    await as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith('ballot_list') })
      .expect(200);
    expect((await c.submit(page, {}, { form: '#ballot', drop: ['_csrf'] })).status).toBe(403);
    const done = await c.submit(page, {}, { form: '#ballot' });
    expect(done.banner).toBe('Lista do głosowania edycji „BO 2030” jest sporządzona.');
    await t.http().get(`/api/v1/editions/${editionId}/ballot`).expect(200);
  });
});
