import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { createArea } from '../factories/areas.factory';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));

/** Presses a key and waits for the page it leads to. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Problems the browser reports on a page: script errors and anything the Content Security Policy blocked. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The error pages visited on purpose (422, 404) are reported as failed loads: not a problem of the page.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (404|422)/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/**
 * The participatory budget's public pages in real Chromium: axe (WCAG 2.1 A/AA) and html-validate on every page and
 * state (with data, empty, errors, before the ballot is drawn), the map with JavaScript (Leaflet under the pages' CSP),
 * and a keyboard-only journey — a resident finds a project by the filter and by the map and supports it — with
 * JavaScript, without it, and 320 CSS px wide.
 */
describe('participatory budget pages (browser)', () => {
  const h = new Harness();
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let main: string;
  let empty: string;
  let voted: string;
  const ids: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(h.t, u);

  async function edition(name: string, order: 'lottery' | 'alphabetical' = 'alphabetical'): Promise<string> {
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name, year: 2027, phases: scheduleWith('submission'), ballotOrder: order, categories: [{ namePl: 'Zieleń', nameEn: 'Greenery' }] })
      .expect(201);
    return e.body.id;
  }
  async function pool(editionId: string, body: object): Promise<string> {
    const res = await as(admin).post(`/api/v1/admin/editions/${editionId}/pools`).send(body).expect(201);
    return res.body.pools.find((p: { name: string }) => p.name === (body as { name: string }).name).id;
  }
  async function project(editionId: string, poolId: string, areaId: string, body: Record<string, unknown>): Promise<string> {
    const p = await as(anna)
      .post(`/api/v1/editions/${editionId}/projects`)
      .send({
        poolId,
        areaId,
        summary: 'Krótko o projekcie.',
        description: 'Opis.',
        justification: 'Bo warto.',
        costItems: [{ description: 'Prace', amount: 2_500_000 }],
        ...body,
      })
      .expect(201);
    await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
    return p.body.id;
  }

  async function signedIn(user: TestUser, opts: BrowserContextOptions = {}): Promise<{ c: BrowserContext; p: Page }> {
    const c = await h.context(opts);
    await c.addCookies([{ name: 'civitas_session', value: user.token, url: h.base }]);
    return { c, p: await c.newPage() };
  }

  beforeAll(async () => {
    await h.start();
    admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(h.t, { grants: [{ role: 'official', areaId: null }] });
    anna = await createUser(h.t, { displayName: 'Anna Autorka' });
    const city = await createArea(h.t, { name: 'Gdańsk', kind: 'city', residentCount: 500_000 });
    const oliwa = await createArea(h.t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 30_000 });

    main = await edition('BO Gdańsk 2027', 'lottery');
    const cityPool = await pool(main, { name: 'Ogólnomiejska', amount: 200_000_000, maxCost: 50_000_000, signaturesRequired: 1 });
    await pool(main, { name: 'Oliwa', areaId: oliwa, amount: 50_000_000, maxCostBp: 4000, signaturesRequired: 0 });
    await as(admin).post(`/api/v1/admin/editions/${main}/publish`).expect(200);
    ids.benches = await project(main, cityPool, oliwa, {
      title: 'Ławki nad stawem w Oliwie',
      address: 'ul. Opacka 12',
      latitude: 54.411,
      longitude: 18.559,
    });
    ids.trees = await project(main, cityPool, oliwa, { title: 'Drzewa przy szkole', address: 'ul. Polanki 5', latitude: 54.405, longitude: 18.571 });
    ids.library = await project(main, cityPool, city, { title: 'Biblioteka sąsiedzka' });

    empty = await edition('BO pusta edycja');
    await as(admin).post(`/api/v1/admin/editions/${empty}/publish`).expect(200);

    voted = await edition('BO Gdańsk 2026', 'lottery');
    const vPool = await pool(voted, { name: 'Ogólnomiejska 2026', amount: 100_000_000, signaturesRequired: 0 });
    await as(admin).post(`/api/v1/admin/editions/${voted}/publish`).expect(200);
    const vIds = [await project(voted, vPool, city, { title: 'Rowery miejskie' }), await project(voted, vPool, city, { title: 'Altana w parku' })];
    const phase = (p: Parameters<typeof scheduleWith>[0]) =>
      as(admin)
        .patch(`/api/v1/admin/editions/${voted}`)
        .send({ phases: scheduleWith(p) })
        .expect(200);
    await phase('formal_review');
    for (const id of vIds)
      await as(official)
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK.' })
        .expect(200);
    await phase('merit_review');
    for (const id of vIds)
      await as(official)
        .post(`/api/v1/projects/${id}/reviews`)
        .send({ stage: 'merit', outcome: 'positive', criteria: ALL_MET, justification: 'OK.' })
        .expect(200);
    await phase('ballot_list');
    await as(admin).post(`/api/v1/admin/editions/${voted}/ballot`).expect(200);
    ids.onBallot = vIds[0];
  });
  afterAll(() => h.stop('budget'));

  it('every page and state passes axe and html-validate; the map draws its markers under the CSP', async () => {
    const ctx = await h.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    try {
      await h.visit(page, '/budget', 'editions');
      await h.visit(page, `/budget/${main}`, 'edition in submission');
      await h.visit(page, `/budget/${empty}`, 'edition without pools or projects');
      await h.visit(page, `/budget/${voted}`, 'edition with its ballot drawn');
      await h.visit(page, `/budget/${main}/projects`, 'projects, random order, with the map');
      expect(page.url()).toMatch(/\?seed=\d{1,3}$/);
      // The map: shown by the module, one focusable marker per project with coordinates, no script or CSP error.
      await page.waitForSelector('.civitas-map__marker');
      expect(await page.isVisible('[data-civitas-map-section]')).toBe(true);
      expect(await page.locator('.civitas-map__marker[tabindex="0"][role="button"]').count()).toBe(2);
      await h.check(page, 'projects, the map drawn');
      await page.click(`.civitas-map__marker[aria-label="Ławki nad stawem w Oliwie"]`);
      await page.waitForSelector('.leaflet-popup a');
      expect(await page.getAttribute('.leaflet-popup a.govuk-link', 'href')).toBe(`/projects/${ids.benches}`);
      await h.check(page, 'projects, a marker’s card open');
      await h.visit(page, `/budget/${main}/projects?sort=cost_desc&q=drzewa`, 'projects filtered');
      await h.visit(page, `/budget/${main}/projects?sort=number&q=nic-takiego`, 'projects, nothing matches');
      await h.visit(page, `/budget/${main}/projects?sort=number&pool=nie-uuid&status=draft`, 'projects, bad filters', 422);
      await h.visit(page, `/budget/${empty}/projects?sort=number`, 'projects of an empty edition');
      await h.visit(page, `/projects/${ids.benches}`, 'project with a place on the map, anonymous');
      await page.waitForSelector('#project-map .civitas-map__marker');
      await h.check(page, 'project, its map drawn');
      await h.visit(page, `/projects/${ids.library}`, 'project without a place');
      await h.visit(page, `/projects/${ids.onBallot}`, 'project on the ballot, with its reviews in the history');
      await h.visit(page, `/budget/${voted}/ballot`, 'ballot list drawn by lot');
      await h.visit(page, `/budget/${main}/ballot`, 'ballot list not drawn yet');
      await h.visit(page, `/budget/${empty}/ballot`, 'ballot of an edition without pools');
      await h.visit(page, `/projects/00000000-0000-4000-8000-000000000000`, 'unknown project', 404);
      await h.visit(page, `/budget/${voted}/implementation`, 'implementation before the results');
      // The results published (set directly: the vote has its own specs), one project under way, one abandoned.
      const db = h.t.app.get(DataSource);
      await db.query(`UPDATE budget_projects SET status = 'selected' WHERE edition_id = $1`, [voted]);
      const [{ id: run }] = (await db.query(`INSERT INTO tally_runs (edition_id, status) VALUES ($1, 'done') RETURNING id`, [voted])) as Array<{ id: string }>;
      await db.query(`INSERT INTO edition_results (edition_id, tally_run_id) VALUES ($1, $2)`, [voted, run]);
      await db.query(`UPDATE budget_editions SET results_published_at = now() WHERE id = $1`, [voted]);
      const today = zonedDate(new Date());
      const update = (id: string, body: object) => as(official).post(`/api/v1/projects/${id}/implementation`).send(body).expect(201);
      await update(ids.onBallot, { status: 'implementing', percent: 40, note: 'Zamówiono rowery.', happenedOn: today });
      await update(ids.onBallot, { status: 'implementing', percent: 70, note: 'Stacje gotowe.', happenedOn: today });
      const [, other] = ((await db.query(`SELECT id FROM budget_projects WHERE edition_id = $1 ORDER BY title`, [voted])) as Array<{ id: string }>).map(
        (r) => r.id,
      );
      await update(other, { status: 'abandoned', note: 'Wstrzymano.', reason: 'Brak zgody konserwatora.', happenedOn: today });
      await h.visit(page, `/projects/${ids.onBallot}`, 'selected project with its implementation timeline');
      await h.visit(page, `/budget/${voted}/implementation`, 'implementation list with counts');
      await h.visit(page, `/budget/${voted}/implementation?status=implemented`, 'implementation list, nothing matches');
      await h.visit(page, `/budget/${voted}/implementation?status=zle`, 'implementation list, bad filter', 422);
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
    const { c, p } = await signedIn(anna);
    try {
      await h.visit(p, `/projects/${ids.benches}`, 'project, its author signed in');
    } finally {
      await c.close();
    }
  });

  /**
   * Keyboard only: from the edition's page to its projects, the filter (typing words, Enter), a card or — with
   * JavaScript — a marker of the map (Tab, Enter opens its card, Enter follows its link), then "support this project".
   */
  async function journey(name: string, opts: BrowserContextOptions, narrow: boolean): Promise<void> {
    const resident = await createUser(h.t, { displayName: `Klara ${name}` });
    const { c, p: page } = await signedIn(resident, opts);
    const js = opts.javaScriptEnabled !== false;
    const problems = watchProblems(page);
    const step = async (state: string) => {
      await h.check(page, `${name}: ${state}`);
      if (narrow) await expectNoHorizontalScroll(page);
    };
    try {
      await page.goto(`/budget/${main}`);
      await step('edition');
      await tabTo(page, `main a[href="/budget/${main}/projects"]`);
      await pressAndLoad(page);
      await step('projects');

      // By the filter: words typed into the search field, Enter submits the GET form.
      await tabTo(page, '#q');
      await page.keyboard.type('Drzewa');
      await pressAndLoad(page);
      expect(page.url()).toContain('q=Drzewa');
      expect(await page.locator('.civitas-card h3 a').allTextContents()).toEqual(['Drzewa przy szkole']);
      await step('projects found by the filter');
      await tabTo(page, `.civitas-card a[href="/projects/${ids.trees}"]`);
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Drzewa przy szkole');
      await step('project found by the filter');

      if (js) {
        // By the map: back to the whole list, Tab to a marker, Enter opens its card with the focus on its link.
        await page.goto(`/budget/${main}/projects?sort=number`);
        await page.waitForSelector('.civitas-map__marker');
        await tabTo(page, '.civitas-map__marker[aria-label="Ławki nad stawem w Oliwie"]', { max: 120 });
        await page.keyboard.press('Enter');
        await page.waitForSelector('.leaflet-popup a.govuk-link');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ławki nad stawem w Oliwie');
        await step('a marker’s card opened with the keyboard');
        // Escape closes the card and gives the focus back to the marker; Enter opens it again.
        await page.keyboard.press('Escape');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Ławki nad stawem w Oliwie');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.leaflet-popup a.govuk-link');
        await pressAndLoad(page);
      } else {
        expect(await page.isVisible('[data-civitas-map-section]')).toBe(false);
        await page.goto(`/budget/${main}/projects?sort=number`);
        await tabTo(page, `.civitas-card a[href="/projects/${ids.benches}"]`);
        await pressAndLoad(page);
      }
      expect(await page.textContent('h1')).toBe('Ławki nad stawem w Oliwie');
      await step('the project');

      await tabTo(page, '#support-form button');
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toBe('Poparłeś ten projekt.');
      expect(await page.textContent('.civitas-support')).toContain('Już poparłeś ten projekt.');
      await step('supported');
      await tabTo(page, '#withdraw-form button');
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toBe('Wycofałeś poparcie dla tego projektu.');
      await step('support withdrawn');
      expect(problems).toEqual([]);
      h.journeys.push(`budget: ${name}`);
    } finally {
      await c.close();
    }
  }

  it('keyboard only, with JavaScript', () => journey('keyboard only', { viewport: { width: 1280, height: 900 } }, false));
  it('keyboard only, JavaScript off', () =>
    journey('keyboard only, JavaScript off', { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } }, false));
  it('keyboard only, 320 CSS px wide', () => journey('keyboard only, 320 px', { viewport: { width: 320, height: 640 } }, true));
});
