import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { encodeForm, PageClient, type Page } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, bearer, createUser, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR zdjęcie placu', 'utf8')]);
const UUID = '00000000-0000-4000-8000-000000000000';

/** A day counted from today in Warsaw (negative: in the past). */
const day = (offset: number) => zonedDate(new Date(Date.now() + offset * DAY));
const cards = (page: Page) => page.all('.civitas-card h3 a');
const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The path and query a page's GET filter form leads to with these values (selects send their chosen option). */
function filterUrl(page: Page, values: Record<string, string>): string {
  const { action, fields } = page.form('form.civitas-filters');
  for (const select of page.doc.querySelectorAll('form.civitas-filters select')) {
    const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
    fields[select.getAttribute('name')!] = chosen?.getAttribute('value') ?? '';
  }
  return `${action}?${encodeForm({ ...fields, ...values })}`;
}

/**
 * The implementation pages, as a browser without JavaScript sees them: a selected project's timeline on its page, and
 * the edition's list of selected projects with their state (filters, counts, pages, empty states, bad filters). The
 * edition is run through the whole budget (reviews, ballot, vote, tally, publication); officials post updates through
 * the API. PageClient checks every page with html-validate.
 */
describe('participatory budget: implementation pages (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let city: string;
  let oksywie: string;
  let chylonia: string;
  let admin: TestUser;
  let official: TestUser;
  let officialElsewhere: TestUser;
  let anna: TestUser;
  let editionId: string;
  let unpublished: string;
  const pools = { a: '', b: '' };
  const categories = { green: '', sport: '' };
  const p: Record<'park' | 'gym' | 'mural' | 'benches', string> = { park: '', gym: '', mural: '', benches: '' };

  const as = (u: TestUser) => actingAs(t, u);
  const phase = (id: string, ph: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith(ph) })
      .expect(200);
  const post = async (u: TestUser, projectId: string, body: object) =>
    (
      await t
        .http()
        .post(`/api/v1/projects/${projectId}/implementation`)
        .set(...bearer(u.token))
        .send(body)
        .expect(201)
    ).body as { id: string };
  const pageOf = (path: string, lang: 'pl' | 'en' = 'pl') => new PageClient(t.app, { headers: { 'accept-language': lang } }).get(path);

  async function newEdition(name: string) {
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({
        name,
        year: 2027,
        phases: scheduleWith('submission'),
        categories: [
          { namePl: 'Zieleń', nameEn: 'Greenery' },
          { namePl: 'Sport', nameEn: 'Sport' },
        ],
      })
      .expect(201);
    return e.body as { id: string; categories: Array<{ id: string; namePl: string }> };
  }
  async function addPool(id: string, name: string, areaId: string) {
    const res = await as(admin).post(`/api/v1/admin/editions/${id}/pools`).send({ name, areaId, amount: 10_000_000, signaturesRequired: 0 }).expect(201);
    return (res.body.pools as Array<{ id: string; name: string }>).find((x) => x.name === name)!.id;
  }
  async function project(edition: string, poolId: string, areaId: string, categoryId: string, title: string, cost: number) {
    const res = await as(anna)
      .post(`/api/v1/editions/${edition}/projects`)
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
    await as(anna).post(`/api/v1/projects/${res.body.id}/submit`).expect(200);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000' });
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdynia', kind: 'city', residentCount: 240_000 });
    oksywie = await createArea(t, { name: 'Oksywie', kind: 'district', parentId: city, residentCount: 14_000 });
    chylonia = await createArea(t, { name: 'Chylonia', kind: 'district', parentId: city, residentCount: 28_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: oksywie }] });
    officialElsewhere = await createUser(t, { grants: [{ role: 'official', areaId: chylonia }] });
    anna = await createUser(t, { displayName: 'Anna' });

    const e = await newEdition('Budżet Obywatelski Gdyni 2027');
    editionId = e.id;
    categories.green = e.categories.find((c) => c.namePl === 'Zieleń')!.id;
    categories.sport = e.categories.find((c) => c.namePl === 'Sport')!.id;
    pools.a = await addPool(editionId, 'Oksywie', oksywie);
    pools.b = await addPool(editionId, 'Chylonia', chylonia);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    p.park = await project(editionId, pools.a, oksywie, categories.green, 'Park kieszonkowy', 4_000_000);
    p.gym = await project(editionId, pools.a, oksywie, categories.sport, 'Siłownia plenerowa', 3_000_000);
    p.mural = await project(editionId, pools.a, oksywie, categories.green, 'Mural na ścianie szkoły', 9_000_000);
    p.benches = await project(editionId, pools.b, chylonia, categories.green, 'Ławki przy skwerze', 2_000_000);

    await phase(editionId, 'formal_review');
    const reviewer = (id: string) => (id === p.benches ? officialElsewhere : official);
    for (const id of Object.values(p)) {
      await as(reviewer(id))
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'Kompletny.' })
        .expect(200);
    }
    await phase(editionId, 'merit_review');
    for (const id of Object.values(p)) {
      await as(reviewer(id))
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'merit', outcome: 'positive', criteria: ALL_MET, justification: 'Wykonalny.' })
        .expect(200);
    }
    await phase(editionId, 'ballot_list');
    await as(admin).post(`/api/v1/admin/editions/${editionId}/ballot`).expect(200);
    await as(admin)
      .put(`/api/v1/admin/editions/${editionId}/voting-policy`)
      .send({ methods: ['account'] })
      .expect(200);
    for (const id of Object.values(pools)) {
      await as(admin).put(`/api/v1/admin/pools/${id}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 2 }).expect(200);
    }
    await phase(editionId, 'voting');
    const vote = async (areaId: string, poolId: string, projectIds: string[]) => {
      const voter = await createUser(t);
      await t
        .http()
        .post(`/api/v1/editions/${editionId}/ballots`)
        .set(...bearer(voter.token))
        .send({ identity: { firstName: 'Jan', lastName: 'Głosujący', areaId }, choices: [{ poolId, projectIds }] })
        .expect(201);
    };
    await vote(oksywie, pools.a, [p.park, p.gym]);
    await vote(oksywie, pools.a, [p.park, p.gym]);
    await vote(oksywie, pools.a, [p.park, p.mural]);
    await vote(chylonia, pools.b, [p.benches]);
    await phase(editionId, 'vote_verification');

    // An edition whose results are not out (nothing to implement yet).
    unpublished = (await newEdition('Budżet Obywatelski Gdyni 2028')).id;
    await as(admin).post(`/api/v1/admin/editions/${unpublished}/publish`).expect(200);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('before the results are published: the list says when implementation begins, the edition page has no link, no timeline', async () => {
    for (const id of [editionId, unpublished]) {
      const page = await pageOf(`/budget/${id}/implementation`);
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Realizacja projektów');
      expect(page.text('#implementation-empty')).toBe('Realizacja zacznie się po ogłoszeniu wyników.');
      expect(page.doc.querySelector('form.civitas-filters')).toBeNull();
      const en = await pageOf(`/budget/${id}/implementation`, 'en');
      expect(en.text('#implementation-empty')).toBe('Implementation will begin once the results are announced.');
      const edition = await pageOf(`/budget/${id}`);
      expect(edition.doc.querySelector(`main a[href="/budget/${id}/implementation"]`)).toBeNull();
    }
    const project = await pageOf(`/projects/${p.park}`);
    expect(project.status).toBe(200);
    expect(project.doc.querySelector('#implementation-heading')).toBeNull();

    // The tally and its publication: park, gym and benches are selected, the mural is not.
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
  });

  it('once published: the edition page links to the list; every selected project is planned', async () => {
    const edition = await pageOf(`/budget/${editionId}`);
    expect(edition.doc.querySelector(`main a[href="/budget/${editionId}/implementation"]`)?.textContent).toBe('Realizacja wybranych projektów');
    const page = await pageOf(`/budget/${editionId}/implementation`);
    expect(cards(page)).toEqual(['Park kieszonkowy', 'Siłownia plenerowa', 'Ławki przy skwerze']);
    expect(page.text('#implementation-counts')).toBe('3 planowane');
    expect(page.all('.civitas-card .govuk-tag')).toEqual(['Planowany', 'Planowany', 'Planowany']);
    const park = await pageOf(`/projects/${p.park}`);
    expect(park.text('#implementation-heading')).toBe('Realizacja projektu');
    expect(park.text('.civitas-implementation .govuk-tag')).toBe('Planowany');
    expect(park.text('.civitas-implementation')).toContain('Wykonano 0%');
    expect(park.text('.civitas-implementation')).toContain('Projekt czeka na rozpoczęcie realizacji.');
    // A project that was not selected has no implementation.
    const mural = await pageOf(`/projects/${p.mural}`);
    expect(mural.status).toBe(200);
    expect(mural.doc.querySelector('#implementation-heading')).toBeNull();
  });

  it('the project page shows the timeline newest first: state, percentage, dates, notes, the reason, photos', async () => {
    const first = await post(official, p.park, { status: 'implementing', percent: 20, note: 'Trwają prace ziemne.', happenedOn: day(-10) });
    await t
      .http()
      .post(`/api/v1/implementation-updates/${first.id}/photos`)
      .query({ name: 'plac-budowy.png' })
      .set(...bearer(official.token))
      .set('content-type', 'image/png')
      .send(PNG)
      .expect(201);
    await post(official, p.park, { status: 'implementing', percent: 60, note: 'Posadzono drzewa.', happenedOn: day(-5) });
    await post(official, p.gym, { status: 'implementing', percent: 30, note: 'Zamówiono urządzenia.', happenedOn: day(-4) });
    await post(official, p.gym, { status: 'abandoned', note: 'Prace wstrzymano.', reason: 'Teren okazał się prywatny.', happenedOn: day(-2) });
    await post(officialElsewhere, p.benches, { status: 'implemented', note: 'Ławki stoją.', happenedOn: day(-1) });

    const park = await pageOf(`/projects/${p.park}`);
    expect(park.status).toBe(200);
    expect(park.text('.civitas-implementation .govuk-summary-list .govuk-tag')).toBe('W realizacji');
    const bar = park.doc.querySelector('.civitas-implementation progress');
    expect(bar?.getAttribute('value')).toBe('60');
    expect(bar?.getAttribute('max')).toBe('100');
    expect(park.text('#implementation-progress-label')).toBe('Wykonano 60%');
    const updates = [...park.doc.querySelectorAll('.civitas-implementation__update')];
    expect(updates.map((u) => plain(u.textContent ?? ''))).toEqual([
      expect.stringMatching(/^\d+ \S+ \d{4} W realizacji Wykonano 60% ?Posadzono drzewa\.$/),
      expect.stringMatching(/^\d+ \S+ \d{4} W realizacji Wykonano 20% ?Trwają prace ziemne\. ?Zdjęcia Pełny rozmiar: plac-budowy\.png$/),
    ]);
    expect(updates[0].querySelector('time')?.getAttribute('datetime')).toBe(day(-5));
    expect(updates[1].querySelector('time')?.getAttribute('datetime')).toBe(day(-10));
    const img = updates[1].querySelector('img');
    expect(img?.getAttribute('alt')).toBe('Zdjęcie: plac-budowy.png');
    const src = img?.getAttribute('src') ?? '';
    expect(src).toMatch(new RegExp(`^/api/v1/projects/${p.park}/implementation/photos/[0-9a-f-]{36}$`));
    const link = updates[1].querySelector(`a[href="${src}"]`);
    expect(link?.textContent).toBe('Pełny rozmiar: plac-budowy.png');
    const photo = await t.http().get(src).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');

    const gym = await pageOf(`/projects/${p.gym}`);
    expect(gym.text('.civitas-implementation .govuk-summary-list .govuk-tag')).toBe('Zaniechany');
    const gymUpdates = gym.all('.civitas-implementation__update .govuk-tag');
    expect(gymUpdates).toEqual(['Zaniechany', 'W realizacji']);
    expect(gym.text('.civitas-implementation__reason h4')).toBe('Powód zaniechania');
    expect(gym.text('.civitas-implementation__reason p')).toBe('Teren okazał się prywatny.');

    const en = await pageOf(`/projects/${p.benches}`, 'en');
    expect(en.text('#implementation-heading')).toBe('Implementation of the project');
    expect(en.text('.civitas-implementation .govuk-summary-list .govuk-tag')).toBe('Implemented');
    expect(en.text('#implementation-progress-label')).toBe('100% done');
  });

  it('the list: counts per state, filters as a GET form, each item linking to its project', async () => {
    const client = new PageClient(t.app);
    const page = await client.get(`/budget/${editionId}/implementation`);
    expect(page.status).toBe(200);
    expect(page.title).toBe('Realizacja projektów — Budżet Obywatelski Gdyni 2027 — Budżet obywatelski — Civitas');
    expect(page.text('#implementation-counts')).toBe('1 w realizacji, 1 zrealizowany, 1 zaniechany');
    expect(page.text('#found')).toBe('Znaleziono 3 projekty');
    expect(page.doc.querySelector(`.civitas-card a[href="/projects/${p.park}"]`)?.textContent).toBe('Park kieszonkowy');
    expect(page.all('.civitas-card .govuk-tag')).toEqual(['W realizacji', 'Zaniechany', 'Zrealizowany']);

    const implemented = await client.get(filterUrl(page, { status: 'implemented' }));
    expect(implemented.url).toBe(`/budget/${editionId}/implementation?status=implemented`);
    expect(cards(implemented)).toEqual(['Ławki przy skwerze']);
    // The counts follow the pool, area and category filters, not the state's.
    expect(implemented.text('#implementation-counts')).toBe('1 w realizacji, 1 zrealizowany, 1 zaniechany');

    const poolA = await client.get(filterUrl(page, { pool: pools.a }));
    expect(cards(poolA)).toEqual(['Park kieszonkowy', 'Siłownia plenerowa']);
    expect(poolA.text('#implementation-counts')).toBe('1 w realizacji, 1 zaniechany');
    const inCity = await client.get(`/budget/${editionId}/implementation?area=${city}`);
    expect(cards(inCity)).toHaveLength(3);
    const chyloniaOnly = await client.get(`/budget/${editionId}/implementation?area=${chylonia}`);
    expect(cards(chyloniaOnly)).toEqual(['Ławki przy skwerze']);
    const sport = await client.get(`/budget/${editionId}/implementation?category=${categories.sport}`);
    expect(cards(sport)).toEqual(['Siłownia plenerowa']);
    expect(sport.doc.querySelector('select[name="category"] option[selected]')?.getAttribute('value')).toBe(categories.sport);

    const none = await client.get(`/budget/${editionId}/implementation?pool=${pools.b}&status=abandoned`);
    expect(none.status).toBe(200);
    expect(none.text('#implementation-empty')).toBe('Żaden projekt nie pasuje do tych filtrów. Zmień je albo je wyczyść.');
    expect(none.text('#found')).toBe('Znaleziono 0 projektów');

    const en = await pageOf(`/budget/${editionId}/implementation`, 'en');
    expect(en.text('#implementation-counts')).toBe('1 being implemented, 1 implemented, 1 abandoned');
  });

  it('bad filters re-render the form with the field marked (422) or are the 404 page, never a 500', async () => {
    const client = new PageClient(t.app);
    const status = await client.get(`/budget/${editionId}/implementation?status=done`);
    expect(status.status).toBe(422);
    expect(status.title).toMatch(/^Błąd: /);
    expect(status.errorSummary.map((e) => e.field)).toEqual(['status']);
    const pool = await client.get(`/budget/${editionId}/implementation?pool=not-a-uuid`);
    expect(pool.status).toBe(422);
    expect(pool.fieldError('pool')).toBeTruthy();
    const otherPool = await client.get(`/budget/${editionId}/implementation?pool=${UUID}`);
    expect(otherPool.status).toBe(422);
    expect(otherPool.fieldError('pool')).toBe('Wybierz wartość z listy.');
    const area = await client.get(`/budget/${editionId}/implementation?area=${UUID}`);
    expect(area.fieldError('area')).toBe('Wybierz wartość z listy.');
    const category = await client.get(`/budget/${editionId}/implementation?category=${UUID}`);
    expect(category.fieldError('category')).toBe('Wybierz wartość z listy.');
    const repeated = await client.get(`/budget/${editionId}/implementation?status=planned&status=implemented`);
    expect(repeated.status).toBe(422);
    expect(repeated.fieldError('status')).toBeTruthy();
    for (const path of [
      `/budget/${editionId}/implementation?page=0`,
      `/budget/${editionId}/implementation?page=abc`,
      `/budget/${editionId}/implementation?page=2`,
      `/budget/${UUID}/implementation`,
      '/budget/not-a-uuid/implementation',
      `/budget/${unpublished}/implementation?page=2`,
    ]) {
      const res = await client.get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
    // Empty fields leave the address.
    const emptied = await client.get(`/budget/${editionId}/implementation?status=&pool=&area=&category=`);
    expect(emptied.url).toBe(`/budget/${editionId}/implementation`);
    expect(emptied.status).toBe(200);
  });

  it('pages of 20 with real links that keep the filters', async () => {
    const e = await newEdition('Budżet Obywatelski Gdyni 2026');
    const pool = await addPool(e.id, 'Oksywie', oksywie);
    await as(admin).post(`/api/v1/admin/editions/${e.id}/publish`).expect(200);
    for (let i = 1; i <= 22; i++) await project(e.id, pool, oksywie, e.categories[0].id, `Projekt ${String(i).padStart(2, '0')}`, 1_000_000);
    // Selected in published results (set directly: the vote itself is covered above).
    await db.query(`UPDATE budget_projects SET status = 'selected' WHERE edition_id = $1`, [e.id]);
    const [{ id: run }] = (await db.query(`INSERT INTO tally_runs (edition_id, status) VALUES ($1, 'done') RETURNING id`, [e.id])) as Array<{ id: string }>;
    await db.query(`INSERT INTO edition_results (edition_id, tally_run_id) VALUES ($1, $2)`, [e.id, run]);
    await db.query(`UPDATE budget_editions SET results_published_at = now() WHERE id = $1`, [e.id]);

    const client = new PageClient(t.app);
    const first = await client.get(`/budget/${e.id}/implementation?status=planned`);
    expect(first.text('#found')).toBe('Znaleziono 22 projekty');
    expect(first.text('#implementation-counts')).toBe('22 planowane');
    expect(cards(first)).toHaveLength(20);
    const next = first.doc.querySelector('.govuk-pagination__next a')?.getAttribute('href');
    expect(next).toBe(`/budget/${e.id}/implementation?status=planned&page=2`);
    const second = await client.get(next!);
    expect(cards(second)).toEqual(['Projekt 21', 'Projekt 22']);
    expect(second.text()).toContain('Strona 2 z 2');
  });
});
