import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { encodeForm, PageClient, type Page } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const UUID = '00000000-0000-4000-8000-000000000000';

/** The titles of the cards on a list page, in order. */
const cards = (page: Page) => page.all('.civitas-card h3 a');
/** The path and query a page's GET filter form leads to with these values (selects send their chosen option). */
function filterUrl(page: Page, values: Record<string, string>): string {
  const { action, fields } = page.form('form.civitas-filters');
  for (const select of page.doc.querySelectorAll('form.civitas-filters select')) {
    const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
    fields[select.getAttribute('name')!] = chosen?.getAttribute('value') ?? '';
  }
  return `${action}?${encodeForm({ ...fields, ...values })}`;
}

/** The option a select shows as chosen. */
const selected = (page: Page, name: string) => page.doc.querySelector(`select[name="${name}"] option[selected]`)?.getAttribute('value') ?? '';
/** Text with every kind of space as one space. */
const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The participatory budget's public pages through the app, as a browser without JavaScript sees them: the editions,
 * an edition, its projects (filters, orders, pages, shareable addresses), a project (history, support), the ballot
 * lists; empty states; bad input never a 500; every page valid HTML (PageClient checks each).
 */
describe('participatory budget pages (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let city: string;
  let oliwa: string;
  let przymorze: string;
  let main: { id: string; cityPool: string; oliwaPool: string; green: string; sport: string };
  let empty: string;
  let voted: { id: string; pool: string; projects: string[] };
  const projects: Array<{ id: string; title: string; cost: number; pool: string; category: string | null; area: string | null; summary: string }> = [];
  let draft: string;

  const as = (u: TestUser) => actingAs(t, u);
  const signedIn = (u: TestUser) => {
    const c = new PageClient(t.app);
    c.setCookie('civitas_session', u.token);
    return c;
  };

  async function newEdition(name: string, opts: { order?: 'lottery' | 'alphabetical'; online?: boolean } = {}) {
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({
        name,
        year: 2027,
        phases: scheduleWith('submission'),
        ballotOrder: opts.order ?? 'alphabetical',
        rules: { onlineEndorsements: opts.online ?? true, maxAuthors: 3, correctionDays: 5, requiredFields: ['summary'] },
        categories: [
          { namePl: 'Zieleń', nameEn: 'Greenery' },
          { namePl: 'Sport', nameEn: 'Sport' },
        ],
      })
      .expect(201);
    return e.body as { id: string; categories: Array<{ id: string; namePl: string }> };
  }

  async function addPool(editionId: string, body: object): Promise<string> {
    const res = await as(admin).post(`/api/v1/admin/editions/${editionId}/pools`).send(body).expect(201);
    return (res.body.pools as Array<{ id: string; name: string }>).find((p) => p.name === (body as { name: string }).name)!.id;
  }

  async function submitProject(editionId: string, body: Record<string, unknown>, submit = true): Promise<string> {
    const p = await as(anna)
      .post(`/api/v1/editions/${editionId}/projects`)
      .send({ summary: 's', description: 'd', justification: 'j', costItems: [{ description: 'Koszt', amount: 1_000_000 }], ...body })
      .expect(201);
    if (submit) await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
    return p.body.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000' });
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 500_000 });
    oliwa = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 30_000 });
    przymorze = await createArea(t, { name: 'Przymorze', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { displayName: 'Ada Admin', grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { displayName: 'Olga Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Autorka' });
    ben = await createUser(t, { displayName: 'Ben Mieszkaniec' });

    // The main edition: in submission, online endorsements, two pools, 23 projects (two pages of 20).
    const e = await newEdition('BO Gdańsk 2027', { order: 'lottery' });
    const [green, sport] = [e.categories.find((c) => c.namePl === 'Zieleń')!.id, e.categories.find((c) => c.namePl === 'Sport')!.id];
    const cityPool = await addPool(e.id, { name: 'Ogólnomiejska', amount: 200_000_000, maxCost: 50_000_000, minCost: 100_000, signaturesRequired: 2 });
    const oliwaPool = await addPool(e.id, { name: 'Oliwa', areaId: oliwa, amount: 50_000_000, maxCostBp: 4000, signaturesRequired: 0 });
    await as(admin).post(`/api/v1/admin/editions/${e.id}/publish`).expect(200);
    main = { id: e.id, cityPool, oliwaPool, green, sport };
    for (let i = 1; i <= 23; i++) {
      const inOliwa = i % 3 === 0;
      const item = {
        title: `Projekt ${String(i).padStart(2, '0')}${i === 7 ? ' Ławki nad stawem' : ''}`,
        cost: 1_000_000 + i * 37_000 * (i % 2 ? 1 : 3),
        pool: inOliwa ? oliwaPool : cityPool,
        category: i % 2 ? green : i % 4 === 0 ? sport : null,
        area: inOliwa ? oliwa : i % 5 === 0 ? przymorze : null,
        summary: i === 11 ? 'Nowe drzewa i fontanna w parku' : `Streszczenie ${i}`,
      };
      const id = await submitProject(
        e.id,
        {
          poolId: item.pool,
          title: item.title,
          summary: item.summary,
          categoryId: item.category ?? undefined,
          areaId: item.area ?? undefined,
          costItems: [{ description: 'Prace', amount: item.cost }],
          ...(i <= 4 ? { address: `ul. Parkowa ${i}`, latitude: 54.4 + i / 100, longitude: 18.56 + i / 100 } : {}),
          ...(i === 1 ? { description: 'Pierwszy akapit.\n\nDrugi akapit.', beneficiaries: 'Dzieci' } : {}),
        },
        i !== 1,
      );
      if (i === 1) {
        // Documents are added to a draft; a support list too (never shown to the public).
        await as(anna).post(`/api/v1/projects/${id}/attachments?name=mapa.pdf&kind=document`).set('content-type', 'application/pdf').send(PDF).expect(201);
        await as(anna).post(`/api/v1/projects/${id}/attachments?name=lista.pdf&kind=support_list`).set('content-type', 'application/pdf').send(PDF).expect(201);
        await as(anna).post(`/api/v1/projects/${id}/submit`).expect(200);
      }
      projects.push({ id, ...item });
    }
    draft = await submitProject(e.id, { poolId: cityPool, title: 'Szkic Anny' }, false);

    // An edition with nothing yet: no pools, no projects.
    empty = (await newEdition('BO pusta edycja')).id;
    await as(admin).post(`/api/v1/admin/editions/${empty}/publish`).expect(200);

    // An edition whose ballot list is drawn by lot: three projects admitted through both reviews.
    const v = await newEdition('BO Gdańsk 2026 głosowanie', { order: 'lottery' });
    const vPool = await addPool(v.id, { name: 'Ogólnomiejska 2026', amount: 100_000_000, signaturesRequired: 0 });
    await as(admin).post(`/api/v1/admin/editions/${v.id}/publish`).expect(200);
    const vIds = [];
    for (const title of ['Rowery miejskie', 'Altana w parku', 'Boisko przy szkole']) vIds.push(await submitProject(v.id, { poolId: vPool, title }));
    const phase = (p: Parameters<typeof scheduleWith>[0]) =>
      as(admin)
        .patch(`/api/v1/admin/editions/${v.id}`)
        .send({ phases: scheduleWith(p) })
        .expect(200);
    await phase('formal_review');
    for (const id of vIds) {
      await as(official)
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'Kompletny.' })
        .expect(200);
    }
    await phase('merit_review');
    for (const id of vIds) {
      await as(official)
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'merit', outcome: 'positive', criteria: ALL_MET, justification: 'Wykonalny.' })
        .expect(200);
    }
    await phase('ballot_list');
    await as(admin).post(`/api/v1/admin/editions/${v.id}/ballot`).expect(200);
    voted = { id: v.id, pool: vPool, projects: vIds };
  });
  afterAll(() => t?.close());

  describe('the editions and an edition', () => {
    it('/budget lists the published editions, each with what a resident can do now', async () => {
      const page = await new PageClient(t.app).get('/budget');
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Edycje budżetu obywatelskiego');
      expect(page.title).toBe('Edycje budżetu obywatelskiego — Budżet obywatelski — Civitas');
      expect(page.all('main h2 a')).toEqual(expect.arrayContaining(['BO Gdańsk 2027', 'BO pusta edycja', 'BO Gdańsk 2026 głosowanie']));
      expect(page.text()).toMatch(/Zgłaszaj projekty do \d+ \S+ \d{4}\./);
      expect(page.doc.querySelector(`main a[href="/budget/${main.id}"]`)).not.toBeNull();
      expect(page.headers.etag).toBeTruthy();
      expect(page.headers['cache-control']).toBe('private, no-cache');
      const again = await new PageClient(t.app).get('/budget', { headers: { 'if-none-match': String(page.headers.etag) } });
      expect(again.status).toBe(304);
    });

    it('/budget with no edition says what will appear', async () => {
      const fresh = await createTestApp();
      try {
        const page = await new PageClient(fresh.app).get('/budget');
        expect(page.status).toBe(200);
        expect(page.text()).toContain('Nie ma jeszcze opublikowanej edycji budżetu obywatelskiego.');
      } finally {
        await fresh.close();
      }
    });

    it('an edition: name and year, the nine phases with the current one marked, what to do now, pools, rules, links', async () => {
      const page = await new PageClient(t.app).get(`/budget/${main.id}`);
      expect(page.status).toBe(200);
      expect(page.h1).toBe('BO Gdańsk 2027');
      expect(page.title).toBe('BO Gdańsk 2027 — Budżet obywatelski — Civitas');
      expect(page.text('.govuk-caption-l')).toBe('Rok 2027');
      expect(page.all('.govuk-breadcrumbs__link')).toEqual(['Strona główna', 'Budżet obywatelski']);
      expect(page.all('.civitas-timeline__title')).toHaveLength(9);
      expect(page.text('.civitas-timeline [aria-current="step"] .civitas-timeline__title')).toBe('Zgłaszanie projektów Teraz');
      expect(page.text()).toMatch(/Zgłaszaj projekty do \d+ \S+ \d{4}\. Możesz też poprzeć projekty już zgłoszone przez innych\. Głosuj od .+ do .+\./);
      expect(page.doc.querySelector(`main a[href="/budget/${main.id}/submit"]`)?.textContent).toBe('Zgłoś projekt');
      expect(page.doc.querySelector(`main a[href="/budget/${main.id}/projects"]`)).not.toBeNull();
      expect(page.doc.querySelector(`main a[href="/budget/${main.id}/ballot"]`)).not.toBeNull();
      expect(page.doc.querySelector(`main a[href="/budget/${main.id}/results"]`)).toBeNull();
      // Pools: area, amount, effective cost limits (the stricter of absolute and relative), support required.
      expect(page.all('.civitas-card h3')).toEqual(['Ogólnomiejska', 'Oliwa']);
      const pools = page.all('.civitas-card');
      expect(pools[0]).toContain('Całe miasto');
      expect(pools[0]).toContain('2 000 000 zł');
      expect(pools[0]).toContain('od 1000 zł do 500 000 zł');
      expect(pools[0]).toContain('2 osoby');
      expect(pools[1]).toContain('Oliwa');
      expect(pools[1]).toContain('najwyżej 200 000 zł');
      expect(pools[1]).toContain('nie jest wymagane');
      // Rules in plain words.
      expect(page.text()).toContain('Projekt może zgłosić najwyżej 3 autorów (razem z autorem głównym).');
      expect(page.text()).toContain('Autorzy mają 5 dni na poprawienie projektu');
      expect(page.text()).toContain('Kolejność projektów na liście do głosowania jest losowana');
      expect(page.all('main ul.govuk-list--bullet li')).toEqual(expect.arrayContaining(['Zieleń', 'Sport']));

      const en = await new PageClient(t.app, { headers: { 'accept-language': 'en' } }).get(`/budget/${main.id}`);
      expect(en.text()).toMatch(/Submit a project until \d+ \S+ \d{4}\./);
      expect(en.text('.civitas-timeline [aria-current="step"] .civitas-timeline__title')).toBe('Project submission Now');
      expect(en.all('main ul.govuk-list--bullet li')).toEqual(expect.arrayContaining(['Greenery']));
    });

    it('an edition with no pools and no categories says what will appear; the voting edition is in its ballot phase', async () => {
      const page = await new PageClient(t.app).get(`/budget/${empty}`);
      expect(page.status).toBe(200);
      expect(page.text()).toContain('Miasto nie ogłosiło jeszcze pul tej edycji.');
      const v = await new PageClient(t.app).get(`/budget/${voted.id}`);
      expect(v.text('.civitas-timeline [aria-current="step"] .civitas-timeline__title')).toBe('Lista projektów do głosowania Teraz');
      expect(v.text()).toMatch(/Miasto ustala listę projektów do głosowania, do .+\. Głosuj od .+ do .+\./);
    });

    it('links to the results only once they are published', async () => {
      const [{ id: run }] = (await db.query(`INSERT INTO tally_runs (edition_id, status) VALUES ($1, 'done') RETURNING id`, [empty])) as Array<{ id: string }>;
      await db.query(`INSERT INTO edition_results (edition_id, tally_run_id) VALUES ($1, $2)`, [empty, run]);
      await db.query(`UPDATE budget_editions SET results_published_at = now() WHERE id = $1`, [empty]);
      const page = await new PageClient(t.app).get(`/budget/${empty}`);
      expect(page.doc.querySelector(`main a[href="/budget/${empty}/results"]`)?.textContent).toBe('Wyniki głosowania');
    });
  });

  describe('the projects of an edition', () => {
    it('the first visit gets a random order with its seed in the address; the order is stable for that address, the set the same', async () => {
      const client = new PageClient(t.app);
      const first = await client.get(`/budget/${main.id}/projects`);
      expect(first.status).toBe(200);
      // One of 100 orders, drawn at random.
      expect(first.url).toMatch(new RegExp(`^/budget/${main.id}/projects\\?seed=([1-9][0-9]?|100)$`));
      expect(first.h1).toBe('Projekty');
      expect(first.title).toBe('Projekty: BO Gdańsk 2027 — Budżet obywatelski — Civitas');
      expect(first.text('#found')).toBe('Znaleziono 23 projekty');
      expect(cards(first)).toHaveLength(20);
      expect(first.value('seed')).toBe(first.url.split('seed=')[1]);
      // The same address: the same order, page after page; together the pages hold every project once.
      const again = await new PageClient(t.app).get(first.url);
      expect(cards(again)).toEqual(cards(first));
      const next = first.doc.querySelector('a[rel="next"]')!.getAttribute('href')!;
      expect(next).toBe(`${first.url}&page=2`);
      const second = await client.get(next);
      expect(cards(second)).toHaveLength(3);
      const all = [...cards(first), ...cards(second)];
      expect(new Set(all).size).toBe(23);
      expect([...all].sort()).toEqual(projects.map((p) => p.title).sort());
      // Another seed: the same set in another order.
      const other = await client.get(`/budget/${main.id}/projects?seed=abc123`);
      const otherAll = [...cards(other), ...cards(await client.get(`/budget/${main.id}/projects?seed=abc123&page=2`))];
      expect([...otherAll].sort()).toEqual([...all].sort());
      expect(otherAll).not.toEqual(all);
    });

    it('each card: title linking to the project, number, area, category, cost, status tag, supporters', async () => {
      const page = await new PageClient(t.app).get(`/budget/${main.id}/projects?sort=number`);
      const card = page.doc.querySelector(`.civitas-card[data-project-id="${projects[2].id}"]`)!;
      expect(card.querySelector('h3 a')?.getAttribute('href')).toBe(`/projects/${projects[2].id}`);
      const text = card.textContent.replace(/\s+/g, ' ');
      expect(text).toContain('Nr 3');
      expect(text).toContain('Projekt 03');
      expect(text).toContain('Oliwa');
      expect(text).toContain('Zieleń');
      expect(text).toContain('11 110 zł');
      expect(card.querySelector('.govuk-tag')?.textContent).toBe('Zgłoszony');
      expect(text).toContain('0 osób');
    });

    it('sorts by number, newest, cost ascending and descending; the order is in the shareable address', async () => {
      const client = new PageClient(t.app);
      const byNumber = await client.get(`/budget/${main.id}/projects?sort=number`);
      expect(cards(byNumber)).toEqual(projects.slice(0, 20).map((p) => p.title));
      const newest = await client.get(`/budget/${main.id}/projects?sort=newest`);
      expect(cards(newest)[0]).toBe('Projekt 23');
      const cheap = await client.get(`/budget/${main.id}/projects?sort=cost_asc`);
      const byCost = [...projects].sort((a, b) => a.cost - b.cost);
      expect(cards(cheap)).toEqual(byCost.slice(0, 20).map((p) => p.title));
      const dear = await client.get(`/budget/${main.id}/projects?sort=cost_desc`);
      expect(cards(dear)[0]).toBe(byCost.at(-1)!.title);
      // Chosen with the form: the address says it (a GET form), without the empty fields.
      const chosen = await client.get(filterUrl(byNumber, { sort: 'cost_asc' }));
      expect(chosen.url).toBe(`/budget/${main.id}/projects?sort=cost_asc`);
      expect(cards(chosen)).toEqual(cards(cheap));
      expect(selected(chosen, 'sort')).toBe('cost_asc');
    });

    it('filters by pool, area (with its sub-areas), category, status and words; counts; keeps the filters in the pages’ links', async () => {
      const client = new PageClient(t.app);
      const start = await client.get(`/budget/${main.id}/projects?sort=number`);
      const oliwaPool = await client.get(filterUrl(start, { pool: main.oliwaPool }));
      expect(oliwaPool.url).toBe(`/budget/${main.id}/projects?pool=${main.oliwaPool}&sort=number`);
      expect(cards(oliwaPool)).toEqual(projects.filter((p) => p.pool === main.oliwaPool).map((p) => p.title));
      expect(oliwaPool.text('#found')).toBe('Znaleziono 7 projektów');
      expect(selected(oliwaPool, 'pool')).toBe(main.oliwaPool);

      const inCity = await client.get(`/budget/${main.id}/projects?sort=number&area=${city}`);
      expect(inCity.text('#found')).toBe(`Znaleziono ${projects.filter((p) => p.area).length} projektów`);
      const green = await client.get(`/budget/${main.id}/projects?sort=number&category=${main.green}`);
      expect(green.text('#found')).toBe('Znaleziono 12 projektów');
      const words = await client.get(filterUrl(start, { q: 'fontanna' }));
      expect(cards(words)).toEqual(['Projekt 11']);
      const title = await client.get(`/budget/${main.id}/projects?sort=number&q=${encodeURIComponent('Ławki')}`);
      expect(cards(title)).toEqual(['Projekt 07 Ławki nad stawem']);
      expect(title.text('#found')).toBe('Znaleziono 1 projekt');
      const status = await client.get(`/budget/${main.id}/projects?sort=number&status=admitted`);
      expect(status.text('#found')).toBe('Znaleziono 0 projektów');
      expect(status.text()).toContain('Żaden projekt nie pasuje do tych filtrów.');
      const submitted = await client.get(`/budget/${main.id}/projects?sort=number&status=submitted`);
      expect(submitted.text('#found')).toBe('Znaleziono 23 projekty');
      // A filtered list over two pages: the page links keep the filters.
      const cityPool = await client.get(`/budget/${main.id}/projects?pool=${main.cityPool}&sort=cost_desc`);
      expect(cityPool.text('#found')).toBe('Znaleziono 16 projektów');
      expect(cityPool.doc.querySelector('nav.govuk-pagination')).toBeNull();
      const all = await client.get(`/budget/${main.id}/projects?sort=cost_desc`);
      expect(all.doc.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(`/budget/${main.id}/projects?sort=cost_desc&page=2`);
      expect(all.doc.querySelector('[aria-current="page"]')?.textContent.trim()).toBe('1');
      // The same address from someone else: the same cards.
      expect(cards(await new PageClient(t.app).get(oliwaPool.url))).toEqual(cards(oliwaPool));
    });

    it('a map beside the list: the page’s projects with coordinates in the map’s data, hidden without JavaScript', async () => {
      const page = await new PageClient(t.app).get(`/budget/${main.id}/projects?sort=number`);
      const section = page.doc.querySelector('[data-civitas-map-section]')!;
      expect(section.hasAttribute('hidden')).toBe(true);
      const points = JSON.parse(section.querySelector('[data-civitas-map]')!.getAttribute('data-civitas-map')!) as Array<{ id: string; href: string }>;
      expect(points.map((p) => p.id)).toEqual(projects.slice(0, 4).map((p) => p.id));
      expect(points[0].href).toBe(`/projects/${projects[0].id}`);
      expect(section.querySelector('[data-civitas-map]')!.getAttribute('data-tile-url')).toBe('');
      expect(page.doc.querySelectorAll('script[src^="/assets/budget-map."]')).toHaveLength(1);
      expect(page.doc.querySelectorAll('link[href^="/assets/leaflet."]')).toHaveLength(1);
      // A page without coordinates: no map, and the page says so.
      const later = await new PageClient(t.app).get(`/budget/${main.id}/projects?sort=number&page=2`);
      expect(later.doc.querySelector('[data-civitas-map-section]')).toBeNull();
      expect(later.doc.querySelector('script[src^="/assets/budget-map."]')).toBeNull();
      expect(later.text()).toContain('Żaden projekt na tej stronie listy nie ma wskazanego miejsca na mapie.');
      // The script and the stylesheet are served fingerprinted, Leaflet's images too.
      const js = await t.http().get(page.doc.querySelector('script[src^="/assets/budget-map."]')!.getAttribute('src')!).expect(200);
      expect(js.headers['cache-control']).toContain('immutable');
      expect(js.text).toMatch(/import '\.\/leaflet\.[0-9a-f]{12}\.js'/);
      const css = await t.http().get(page.doc.querySelector('link[href^="/assets/leaflet."]')!.getAttribute('href')!).expect(200);
      for (const [, image] of css.text.matchAll(/url\((leaflet-[^)]+\.png)\)/g)) await t.http().get(`/assets/${image}`).expect(200);
    });

    it('an edition with no projects says what will appear; drafts are never listed', async () => {
      const page = await new PageClient(t.app).get(`/budget/${empty}/projects?sort=number`);
      expect(page.text('#found')).toBe('Znaleziono 0 projektów');
      expect(page.text()).toContain('W tej edycji nie zgłoszono jeszcze projektów.');
      const mainList = await new PageClient(t.app).get(`/budget/${main.id}/projects?sort=number&q=Szkic`);
      expect(cards(mainList)).toEqual([]);
    });

    it('bad filters re-render the form with the field marked (422); bad ids, pages and seeds are the 404 page; never a 500', async () => {
      const client = new PageClient(t.app);
      const badPool = await client.get(`/budget/${main.id}/projects?sort=number&pool=nie-uuid`);
      expect(badPool.status).toBe(422);
      expect(badPool.title).toMatch(/^Błąd: /);
      expect(badPool.errorSummary[0].field).toBe('pool');
      expect(badPool.fieldError('pool')).toBeTruthy();
      const otherPool = await client.get(`/budget/${main.id}/projects?sort=number&pool=${voted.pool}`);
      expect(otherPool.status).toBe(422);
      expect(otherPool.fieldError('pool')).toBe('Wybierz wartość z listy.');
      const unknownArea = await client.get(`/budget/${main.id}/projects?sort=number&area=${UUID}`);
      expect(unknownArea.fieldError('area')).toBe('Wybierz wartość z listy.');
      const draftStatus = await client.get(`/budget/${main.id}/projects?sort=number&status=draft`);
      expect(draftStatus.status).toBe(422);
      expect(draftStatus.errorSummary.map((e) => e.field)).toEqual(['status']);
      const sort = await client.get(`/budget/${main.id}/projects?sort=najlepsze`);
      expect(sort.status).toBe(422);
      expect(sort.fieldError('sort')).toBeTruthy();
      const long = await client.get(`/budget/${main.id}/projects?sort=number&q=${'x'.repeat(201)}`);
      expect(long.status).toBe(422);
      expect(long.value('q')).toBe('x'.repeat(201));
      const twice = await client.get(`/budget/${main.id}/projects?sort=number&category=${main.green}&category=${main.sport}`);
      expect(twice.status).toBe(422);
      for (const path of [
        `/budget/${main.id}/projects?sort=number&page=abc`,
        `/budget/${main.id}/projects?sort=number&page=0`,
        `/budget/${main.id}/projects?sort=number&page=99`,
        `/budget/${main.id}/projects?seed=${encodeURIComponent('<script>')}`,
        `/budget/nie-uuid`,
        `/budget/${UUID}`,
        `/budget/${UUID}/projects`,
        `/budget/${UUID}/ballot`,
        `/budget/nie-uuid/projects?sort=number`,
        `/projects/nie-uuid`,
        `/projects/${UUID}`,
        `/budget/${main.id}/projects/${UUID}`,
        `/budget/${empty}/projects/${projects[0].id}`,
      ]) {
        const page = await client.get(path);
        expect([path, page.status]).toEqual([path, 404]);
        expect(page.h1).toBe('Nie znaleziono strony');
      }
      // Unknown parameters are left aside; odd but harmless values are just words.
      expect((await client.get(`/budget/${main.id}/projects?sort=number&utm_source=x`)).status).toBe(200);
      expect((await client.get(`/budget/${main.id}/projects?sort=number&q=${encodeURIComponent("'; DROP TABLE x; --")}`)).status).toBe(200);
    });
  });

  describe('a project', () => {
    it('shows everything public: status and its meaning, texts, location, cost table, authors, documents, support, history', async () => {
      const p = projects[0];
      const page = await new PageClient(t.app).get(`/projects/${p.id}`);
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Projekt 01');
      expect(page.title).toBe('Projekt 01 — Budżet obywatelski — Civitas');
      expect(page.all('.govuk-breadcrumbs__link')).toEqual(['Strona główna', 'Budżet obywatelski', 'BO Gdańsk 2027', 'Projekty']);
      expect(page.text('main .govuk-tag')).toBe('Zgłoszony');
      expect(page.text()).toContain('Projekt został zgłoszony i czeka na ocenę formalną.');
      expect(page.all('main p')).toEqual(expect.arrayContaining(['Pierwszy akapit.', 'Drugi akapit.', 'Dzieci']));
      expect(page.text()).toContain('Adres: ul. Parkowa 1');
      expect(page.doc.querySelector('#project-map')).not.toBeNull();
      expect(page.doc.querySelectorAll('.govuk-table tbody tr').map((r) => r.querySelectorAll('th, td').map((c) => plain(c.textContent)))).toEqual([
        ['Prace', '10 370 zł'],
        ['Razem', '10 370 zł'],
      ]);
      expect(page.text()).toContain('Anna Autorka (autor główny)');
      // Documents only, through the API's download route; support lists never shown.
      expect(page.doc.querySelectorAll(`main a[href^="/api/v1/projects/${p.id}/attachments/"]`)).toHaveLength(1);
      expect(page.text()).toContain('mapa.pdf (PDF, 1 KB)');
      expect(page.text()).not.toContain('lista.pdf');
      await t
        .http()
        .get(page.doc.querySelector(`main a[href^="/api/v1/projects/${p.id}/attachments/"]`)!.getAttribute('href')!)
        .expect(200);
      expect(page.text('.civitas-support')).toContain('0 osób');
      expect(page.text('.civitas-support')).toContain('Pula wymaga poparcia 2 osób.');
      // History newest first.
      expect(page.all('.civitas-history__entry .govuk-body').slice(0, 2)).toEqual(['Projekt zgłoszono.', 'Autorzy zaczęli przygotowywać projekt.']);
      // The edition's address of a project leads to its page.
      const via = await new PageClient(t.app).get(`/budget/${main.id}/projects/${p.id}`, { follow: false });
      expect(via.status).toBe(301);
      expect(via.location).toBe(`/projects/${p.id}`);
    });

    it('a project without coordinates, address or texts says so instead of showing nothing', async () => {
      const page = await new PageClient(t.app).get(`/projects/${projects[5].id}`);
      expect(page.doc.querySelector('[data-civitas-map-section]')).toBeNull();
      expect(page.text()).toContain('Autorzy nie wskazali miejsca na mapie.');
      expect(page.text()).toContain('Autorzy nie podali adresu.');
      expect(page.doc.querySelector('script[src^="/assets/budget-map."]')).toBeNull();
    });

    it('the history tells every decision with its reasons per criterion, the correction deadline, cost corrections, merges and groups', async () => {
      const [a, b, c, d] = [projects[12].id, projects[13].id, projects[15].id, projects[16].id];
      await as(admin)
        .patch(`/api/v1/admin/editions/${main.id}`)
        .send({ phases: scheduleWith('formal_review') })
        .expect(200);
      try {
        await as(official)
          .post(`/api/v1/projects/${a}/reviews`)
          .send({
            stage: 'formal',
            outcome: 'correction',
            criteria: ALL_MET.map((x) => (x.criterion === 'formal_requirements' ? { ...x, met: false, justification: 'Brak mapy.' } : x)),
            justification: 'Proszę dołączyć mapę.',
          })
          .expect(200);
        const proposal = await as(official)
          .post(`/api/v1/projects/${b}/cost-proposals`)
          .send({ costItems: [{ description: 'Prace wg cennika', amount: 900_000 }], justification: 'Ceny miejskie są niższe.' })
          .expect(201);
        await as(anna).post(`/api/v1/projects/${b}/cost-proposals/${proposal.body.id}/answer`).send({ accept: true }).expect(200);
        await as(official)
          .post(`/api/v1/editions/${main.id}/exclusions`)
          .send({ projectIds: [c, d], reason: 'Ta sama działka.' })
          .expect(201);
        const merge = await as(official)
          .post(`/api/v1/editions/${main.id}/merges`)
          .send({ projectIds: [projects[19].id, projects[21].id], justification: 'Oba dotyczą tego samego skweru.' })
          .expect(201);
        await as(anna).post(`/api/v1/merges/${merge.body.id}/consent`).send({ consent: true }).expect(200);

        const page = await new PageClient(t.app).get(`/projects/${a}`);
        expect(page.text('main .govuk-tag')).toBe('Do poprawy');
        const newest = page.all('.civitas-history__entry')[0];
        expect(newest).toContain('Ocena formalna: urzędnicy poprosili o poprawki.');
        expect(newest).toContain('Uzasadnienie: Proszę dołączyć mapę.');
        expect(newest).toContain('wymogi formalne: niespełnione — Brak mapy.');
        expect(newest).toContain('zgodność z prawem: spełnione — Spełnione.');
        expect(newest).toMatch(/Termin: \d+ \S+ \d{4}\./);

        const costs = await new PageClient(t.app).get(`/projects/${b}`);
        expect(costs.all('.civitas-history__entry')[0]).toContain('Autorzy przyjęli korektę kosztu; koszt wynosi teraz 9000 zł.');
        expect(costs.all('.civitas-history__entry')[1]).toContain('Urzędnicy zaproponowali korektę kosztu: z 25 540 zł na 9000 zł.');
        expect(costs.all('.civitas-history__entry')[1]).toContain('Ceny miejskie są niższe.');

        const group = await new PageClient(t.app).get(`/projects/${c}`);
        expect(group.text()).toContain('Projekty wykluczające się');
        expect(group.doc.querySelector(`main li a[href="/projects/${d}"]`)?.textContent).toBe(`Nr 17 ${projects[16].title}`);
        expect(group.all('.civitas-history__entry')[0]).toContain('Projekt oznaczono jako wykluczający się z: Nr 17 Projekt 17');

        const merged = await new PageClient(t.app).get(`/projects/${projects[21].id}`);
        expect(merged.text('main .govuk-tag')).toBe('Połączony z innym projektem');
        expect(merged.doc.querySelector(`.govuk-inset-text a[href="/projects/${projects[19].id}"]`)).not.toBeNull();
        expect(merged.all('.civitas-history__entry')[0]).toContain('Projekt połączono z projektem Nr 20 Projekt 20.');
        const target = await new PageClient(t.app).get(`/projects/${projects[19].id}`);
        expect(target.text('.civitas-history')).toContain('Połączono z tym projektem: Nr 22 Projekt 22.');
        expect(target.text('.civitas-history')).toContain('Urzędnicy zaproponowali połączenie projektów: Nr 22 Projekt 22.');
      } finally {
        await as(admin)
          .patch(`/api/v1/admin/editions/${main.id}`)
          .send({ phases: scheduleWith('submission') })
          .expect(200);
      }
    });

    it('support: a resident supports, is told so, withdraws; anonymous visitors are asked to sign in; an author cannot; no token, no change', async () => {
      const p = projects[1];
      const count = async () =>
        ((await db.query(`SELECT endorsements FROM budget_projects WHERE id = $1`, [p.id])) as Array<{ endorsements: number }>)[0].endorsements;

      const anonymous = await new PageClient(t.app).get(`/projects/${p.id}`);
      expect(anonymous.doc.querySelector('#support-form')).toBeNull();
      expect(anonymous.doc.querySelector('.civitas-support a.govuk-button')?.getAttribute('href')).toBe(
        `/sign-in?next=${encodeURIComponent(`/projects/${p.id}`)}`,
      );
      expect(anonymous.text('.civitas-support')).toContain('Zaloguj się, aby poprzeć ten projekt');
      expect(anonymous.headers.etag).toBeTruthy();

      const author = await signedIn(anna).get(`/projects/${p.id}`);
      expect(author.doc.querySelector('#support-form')).toBeNull();
      expect(author.text('.civitas-support')).toContain('Jesteś autorem tego projektu, więc nie możesz go poprzeć.');
      expect(author.headers['cache-control']).toBe('no-store');

      const client = signedIn(ben);
      const before = await client.get(`/projects/${p.id}`);
      expect(before.text('#support-form button')).toBe('Popieram ten projekt');
      expect(before.text('.civitas-support')).toMatch(/Poparcie można zgłaszać do \d+ \S+ \d{4}\./);
      // Without the form's token: 403 and nothing changes.
      const forged = await client.submit(before, {}, { form: '#support-form', drop: ['_csrf'] });
      expect(forged.status).toBe(403);
      expect(await count()).toBe(0);

      const supported = await client.submit(before, {}, { form: '#support-form' });
      expect(supported.url).toBe(`/projects/${p.id}`);
      expect(supported.banner).toBe('Poparłeś ten projekt.');
      expect(supported.text('.civitas-support')).toContain('Już poparłeś ten projekt.');
      expect(supported.text('#supporters')).toBe('1 osoba');
      expect(supported.doc.querySelector('#support-form')).toBeNull();
      expect(await count()).toBe(1);
      // The list's card counts the supporter too.
      const list = await new PageClient(t.app).get(`/budget/${main.id}/projects?sort=number`);
      expect(list.doc.querySelector(`.civitas-card[data-project-id="${p.id}"]`)!.textContent).toContain('1 osoba');
      // Twice (an old tab): still one.
      await client.submit(before, {}, { form: '#support-form' });
      expect(await count()).toBe(1);

      const withdrawn = await client.submit(supported, {}, { form: '#withdraw-form' });
      expect(withdrawn.banner).toBe('Wycofałeś poparcie dla tego projektu.');
      expect(withdrawn.text('#support-form button')).toBe('Popieram ten projekt');
      expect(await count()).toBe(0);

      // The author posting anyway: the conflict page, nothing changes.
      const annaClient = signedIn(anna);
      const annaPage = await annaClient.get(`/projects/${p.id}`);
      const refused = await annaClient.post(`/projects/${p.id}/support`, { _csrf: annaPage.form('header form').fields._csrf as string });
      expect(refused.status).toBe(409);
      expect(refused.text()).toContain('Autor nie może poprzeć własnego projektu.');
      expect(await count()).toBe(0);
      // Anonymous with a token of its own: sent to sign in, and back.
      const anon = new PageClient(t.app);
      await anon.get('/sign-in');
      const token = (await anon.get('/sign-in')).form('main form').fields._csrf as string;
      const toSignIn = await anon.post(`/projects/${p.id}/support`, { _csrf: token }, { follow: false });
      expect(toSignIn.status).toBe(303);
      expect(toSignIn.location).toBe(`/sign-in?next=${encodeURIComponent(`/projects/${p.id}`)}`);
    });

    it('support is offered only while it is collected and the edition allows it online', async () => {
      const p = projects[1];
      await as(admin)
        .patch(`/api/v1/admin/editions/${main.id}`)
        .send({ phases: scheduleWith('merit_review') })
        .expect(200);
      try {
        const page = await signedIn(ben).get(`/projects/${p.id}`);
        expect(page.doc.querySelector('#support-form')).toBeNull();
        expect(page.doc.querySelector('.civitas-support a.govuk-button')).toBeNull();
      } finally {
        await as(admin)
          .patch(`/api/v1/admin/editions/${main.id}`)
          .send({ phases: scheduleWith('submission') })
          .expect(200);
      }
      await as(admin)
        .patch(`/api/v1/admin/editions/${main.id}`)
        .send({ rules: { onlineEndorsements: false } })
        .expect(200);
      try {
        const paper = await signedIn(ben).get(`/projects/${p.id}`);
        expect(paper.doc.querySelector('#support-form')).toBeNull();
        expect(paper.text('.civitas-support')).toContain('W tej edycji poparcie zbiera się tylko na papierowych listach poparcia.');
      } finally {
        await as(admin)
          .patch(`/api/v1/admin/editions/${main.id}`)
          .send({ rules: { onlineEndorsements: true } })
          .expect(200);
      }
    });

    it('a draft is the 404 page for anyone but its authors and officials', async () => {
      expect((await new PageClient(t.app).get(`/projects/${draft}`)).status).toBe(404);
      expect((await signedIn(ben).get(`/projects/${draft}`)).status).toBe(404);
      const own = await signedIn(anna).get(`/projects/${draft}`);
      expect(own.status).toBe(200);
      expect(own.text('main .govuk-tag')).toBe('Wersja robocza');
      expect((await signedIn(official).get(`/projects/${draft}`)).status).toBe(200);
    });
  });

  describe('the ballot lists', () => {
    it('per pool in ballot order with the seed of the lottery and how to recompute it', async () => {
      const page = await new PageClient(t.app).get(`/budget/${voted.id}/ballot`);
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Lista projektów do głosowania');
      expect(page.title).toBe('Lista projektów do głosowania: BO Gdańsk 2026 głosowanie — Budżet obywatelski — Civitas');
      expect(page.text('main h2')).toBe('Pula: Ogólnomiejska 2026');
      const seed = page.text('code.civitas-seed');
      expect(seed).toMatch(/^[0-9a-f]{32}$/);
      const [{ numbers }] = (await db.query(`SELECT array_agg(number ORDER BY number) AS numbers FROM budget_projects WHERE edition_id = $1`, [
        voted.id,
      ])) as Array<{
        numbers: number[];
      }>;
      // Anyone can recompute the order from the published seed: SHA-256 of "<seed>:<number>", by hex.
      const expected = [...numbers].sort((a, b) => {
        const [x, y] = [a, b].map((n) => createHash('sha256').update(`${seed}:${n}`).digest('hex'));
        return x < y ? -1 : 1;
      });
      const rows = page.doc.querySelectorAll('tbody tr');
      expect(rows.map((r) => Number(/Nr (\d+)/.exec(r.querySelector('td span')!.textContent)![1]))).toEqual(expected);
      expect(rows.map((r) => r.querySelector('td')!.textContent.trim())).toEqual(['1', '2', '3']);
      expect(rows[0].querySelector('a')!.getAttribute('href')).toMatch(/^\/projects\/[0-9a-f-]{36}$/);
      expect(plain(rows[0].textContent)).toContain('10 000 zł');
      expect(page.text()).toContain(`„${seed}:${expected[0]}”`);
      // A project on the ballot: its position in the history.
      const onBallot = await new PageClient(t.app).get(rows[0].querySelector('a')!.getAttribute('href')!);
      expect(onBallot.text('main .govuk-tag')).toBe('Na liście do głosowania');
      expect(onBallot.all('.civitas-history__entry')[0]).toContain('Projekt umieszczono na liście do głosowania, na pozycji 1.');
      expect(onBallot.text('.civitas-history')).toContain('Ocena merytoryczna pozytywna: projekt dopuszczono do głosowania.');
    });

    it('before the list is drawn up: a friendly page that says when, not an error', async () => {
      const page = await new PageClient(t.app).get(`/budget/${main.id}/ballot`);
      expect(page.status).toBe(200);
      expect(page.text()).toContain('Lista projektów do głosowania nie jest jeszcze gotowa.');
      expect(page.text()).toMatch(/Lista zostanie ustalona po zakończeniu odwołań, \d+ \S+ \d{4}/);
      const none = await new PageClient(t.app).get(`/budget/${empty}/ballot`);
      expect(none.status).toBe(200);
      expect(none.text()).toContain('Ta edycja nie ma pul, więc nie ma też listy do głosowania.');
    });
  });

  describe('who sees what (route × role)', () => {
    const ROLES = ['anonymous', 'resident', 'author', 'official', 'admin'] as const;
    type Role = (typeof ROLES)[number];
    const client = (role: Role) => (role === 'anonymous' ? new PageClient(t.app) : signedIn({ resident: ben, author: anna, official, admin }[role]));

    it.each([
      ['/budget', [200, 200, 200, 200, 200]],
      ['/budget/:main', [200, 200, 200, 200, 200]],
      ['/budget/:main/projects?sort=number', [200, 200, 200, 200, 200]],
      ['/budget/:main/ballot', [200, 200, 200, 200, 200]],
      ['/budget/:voted/ballot', [200, 200, 200, 200, 200]],
      ['/projects/:project', [200, 200, 200, 200, 200]],
      // Admins read drafts as officials do.
      ['/projects/:draft', [404, 404, 200, 200, 200]],
    ] as Array<[string, number[]]>)('GET %s', async (route, expected) => {
      const path = route.replace(':main', main.id).replace(':voted', voted.id).replace(':project', projects[3].id).replace(':draft', draft);
      const got = [];
      for (const role of ROLES) got.push((await client(role).get(path)).status);
      expect(got).toEqual(expected);
    });

    it('POST /projects/:id/support and …/withdraw by role', async () => {
      const p = projects[3].id;
      const got: Record<string, number[]> = {};
      for (const role of ROLES) {
        const c = client(role);
        const page = await c.get(role === 'anonymous' ? '/sign-in' : `/projects/${p}`);
        const token = page.form(role === 'anonymous' ? 'main form' : 'header form').fields._csrf as string;
        const support = await c.post(`/projects/${p}/support`, { _csrf: token }, { follow: false });
        const withdraw = await c.post(`/projects/${p}/support/withdraw`, { _csrf: token }, { follow: false });
        got[role] = [support.status, withdraw.status];
        if (support.status === 303)
          expect(support.location).toBe(role === 'anonymous' ? `/sign-in?next=${encodeURIComponent(`/projects/${p}`)}` : `/projects/${p}`);
      }
      expect(got).toEqual({ anonymous: [303, 303], resident: [303, 303], author: [409, 409], official: [303, 303], admin: [303, 303] });
      expect(((await db.query(`SELECT endorsements FROM budget_projects WHERE id = $1`, [p])) as Array<{ endorsements: number }>)[0].endorsements).toBe(0);
    });
  });
});
