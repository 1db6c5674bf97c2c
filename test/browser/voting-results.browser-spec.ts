import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { eventually, pabulibDir } from '@civitas/test';
import { PabulibImportService } from '@civitas/voting';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

const text = (file: string) => readFileSync(join(pabulibDir, file), 'utf8');

/** Presses a key and waits for the page it leads to. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Problems the browser reports on a page: script errors and anything the Content Security Policy blocked. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The 404 pages visited on purpose are reported as failed loads: not a problem of the page.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 404/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/**
 * The turnout and results pages in real Chromium: axe (WCAG 2.1 A/AA) and html-validate on every page and state —
 * turnout during the vote and after it, results before publication, published results of an edition with two pools and
 * a tie decided by the lot, of two real elections imported from Pabulib (greedy with a threshold; the Method of Equal
 * Shares with its figure), an empty edition, English, an unknown edition — with no script or CSP error; then a
 * keyboard-only journey (a project of the results, the downloads, the turnout and its refresh link) with JavaScript,
 * without it, and 320 CSS px wide.
 */
describe('voting: turnout and results pages (browser)', () => {
  const h = new Harness();
  let admin: TestUser;
  let official: TestUser;
  let operators: TestUser[];
  let main: string;
  let empty: string;
  let aleksandrow: string;
  let swiecie: string;
  const ids: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(h.t, u);
  const phase = (id: string, p: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith(p) })
      .expect(200);
  const tallied = async (id: string) => {
    await as(official).post(`/api/v1/admin/editions/${id}/tally`).expect(202);
    await eventually(
      async () => (await as(official).get(`/api/v1/admin/editions/${id}/results`).expect(200)).body.run?.status === 'done' || undefined,
      60_000,
      'the tally',
    );
  };
  const publish = (id: string) => as(official).post(`/api/v1/admin/editions/${id}/results/publish`).expect(200);

  beforeAll(async () => {
    await h.start({ VOTING_IP_LIMIT_PER_MINUTE: '100000' });
    const db = h.t.app.get(DataSource);
    admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(h.t, { grants: [{ role: 'official', areaId: null }] });
    operators = [
      await createUser(h.t, { grants: [{ role: 'official', areaId: null }] }),
      await createUser(h.t, { grants: [{ role: 'official', areaId: null }] }),
    ];
    const city = await createArea(h.t, { name: 'Gdynia', kind: 'city', residentCount: 245_000 });
    const orlowo = await createArea(h.t, { name: 'Orłowo', kind: 'district', parentId: city, residentCount: 6_000 });

    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO Gdynia 2027', year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    main = e.body.id;
    const pool = async (name: string, areaId: string | null, amount: number) =>
      (await as(admin).post(`/api/v1/admin/editions/${main}/pools`).send({ name, areaId, amount, signaturesRequired: 0 }).expect(201)).body.pools.find(
        (x: { name: string }) => x.name === name,
      ).id as string;
    const cityPool = await pool('Ogólnomiejska', null, 105_000_000);
    const orlowoPool = await pool('Orłowo', orlowo, 20_000_000);
    let n = 0;
    const project = async (poolId: string, title: string, cost: number) => {
      n += 1;
      const [{ id }] = (await db.query(
        `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by, ballot_position)
         VALUES ($1, $2, $3, 'on_ballot', $4, $5, $6, $3) RETURNING id`,
        [main, poolId, n, title, cost, admin.id],
      )) as Array<{ id: string }>;
      return id;
    };
    ids.park = await project(cityPool, 'Park kieszonkowy przy plaży', 50_000_000);
    ids.bikes = await project(cityPool, 'Ścieżka rowerowa wzdłuż bulwaru', 40_000_000);
    ids.benches = await project(cityPool, 'Ławki na bulwarze', 15_000_000);
    ids.greenery = await project(cityPool, 'Zieleń przy szkole', 15_000_000);
    ids.playground = await project(orlowoPool, 'Plac zabaw w Orłowie', 15_000_000);
    ids.lights = await project(orlowoPool, 'Oświetlenie ulicy Orłowskiej', 10_000_000);
    await as(admin).post(`/api/v1/admin/editions/${main}/publish`).expect(200);
    await as(admin).put(`/api/v1/admin/editions/${main}/voting-policy`).send({}).expect(200);
    await as(admin).put(`/api/v1/admin/pools/${cityPool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 3 }).expect(200);
    await as(admin).put(`/api/v1/admin/pools/${orlowoPool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 1 }).expect(200);
    await phase(main, 'voting');
    let sheet = 0;
    const paper = async (body: Record<string, unknown>) => {
      sheet += 1;
      const url = `/api/v1/admin/editions/${main}/paper-ballots`;
      for (const op of operators) {
        const res = await as(op)
          .post(url)
          .send({ sheet: `B-${sheet}`, ...body });
        if (res.status !== 201) throw new Error(`sheet B-${sheet}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };
    const choices = (city: string[], district?: string) => [
      { poolId: cityPool, projectIds: city },
      ...(district ? [{ poolId: orlowoPool, projectIds: [district] }] : []),
    ];
    const voters: Array<[string, string[], string?]> = [
      ['Jan', [ids.park, ids.bikes, ids.benches], ids.playground],
      ['Ola', [ids.park, ids.bikes, ids.greenery], ids.playground],
      ['Ewa', [ids.park, ids.benches, ids.greenery], ids.lights],
      ['Piotr', [ids.park, ids.bikes]],
    ];
    for (const [firstName, cityChoice, district] of voters) {
      await paper({ identity: { firstName, lastName: 'Karta', areaId: district ? orlowo : city }, choices: choices(cityChoice, district) });
    }
    await paper({ invalid: 'illegible' });
    // An online ballot whose code was never entered.
    await h.t
      .http()
      .post(`/api/v1/editions/${main}/ballots`)
      .send({ identity: { firstName: 'Adam', lastName: 'Sieciowy', areaId: orlowo, email: 'adam.sieciowy@example.pl' }, choices: choices([ids.park]) })
      .expect(201);

    empty = (
      await as(admin)
        .post('/api/v1/admin/editions')
        .send({ name: 'BO pusta edycja', year: 2027, phases: scheduleWith('ballot_list') })
        .expect(201)
    ).body.id;
    await as(admin).post(`/api/v1/admin/editions/${empty}/publish`).expect(200);

    const importer = h.t.app.get(PabulibImportService);
    aleksandrow = (await importer.importText(text('Poland_Warszawa_2018_Aleksandrow.pb'))).editionId;
    swiecie = (await importer.importText(text('Poland_Swiecie_2023.pb'))).editionId;
    for (const id of [aleksandrow, swiecie]) {
      await tallied(id);
      await publish(id);
    }
  }, 180_000);
  afterAll(() => h.stop('voting-results'));

  it('every page and state passes axe and html-validate, with no script or CSP error', async () => {
    const ctx = await h.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    try {
      await h.visit(page, `/budget/${main}/turnout`, 'turnout during the vote');
      expect(await page.locator('main svg[aria-hidden="true"]').count()).toBe(3);
      await h.visit(page, `/budget/${main}/results`, 'results during the vote');
      await h.visit(page, `/budget/${empty}/turnout`, 'turnout of an edition without pools, before the vote');
      await h.visit(page, `/budget/${empty}/results`, 'results of an edition without pools, before the vote');
      await phase(main, 'vote_verification');
      await tallied(main);
      await h.visit(page, `/budget/${main}/results`, 'results tallied, not published');
      await publish(main);
      await h.visit(page, `/budget/${main}/results`, 'results with two pools and a tie decided by the lot');
      expect(await page.locator('section[aria-labelledby="pool-1"] li', { hasText: 'losowanie z opublikowanym ziarnem' }).count()).toBe(1);
      await h.visit(page, `/budget/${main}/turnout`, 'turnout after publication');
      await h.visit(page, `/budget/${aleksandrow}/results`, 'results of Warsaw 2018 Aleksandrów (imported)');
      expect(await page.locator('main').textContent()).toContain('Nie osiągnął progu: zdobył 25 głosów, próg wynosił 48.');
      await h.visit(page, `/budget/${aleksandrow}/turnout`, 'turnout of Warsaw 2018 Aleksandrów (imported, paper)');
      await h.visit(page, `/budget/${swiecie}/results`, 'results of Świecie 2023 (imported, Equal Shares with its figure)');
      expect(await page.locator('main figure svg').count()).toBe(2);
      await h.visit(page, `/budget/00000000-0000-4000-8000-000000000000/results`, 'results of an unknown edition', 404);
      await h.visit(page, `/budget/nie-uuid/turnout`, 'turnout of a malformed address', 404);
      await ctx.addCookies([{ name: 'civitas_lang', value: 'en', url: h.base }]);
      await h.visit(page, `/budget/${main}/results`, 'results in English');
      expect(await page.textContent('h1')).toBe('Results of the vote');
      await h.visit(page, `/budget/${main}/turnout`, 'turnout in English');
      await h.visit(page, `/budget/${empty}/results`, 'results of an edition without pools, in English');
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
    // A signed-in official sees the same public pages.
    const c = await h.context();
    await c.addCookies([{ name: 'civitas_session', value: official.token, url: h.base }]);
    const p = await c.newPage();
    try {
      await h.visit(p, `/budget/${aleksandrow}/results`, 'results, an official signed in');
    } finally {
      await c.close();
    }
  });

  /**
   * Keyboard only: from the results to a project of the table and back, to the downloads (the CSV link), to the
   * turnout and its refresh link.
   */
  async function journey(name: string, opts: BrowserContextOptions, narrow: boolean): Promise<void> {
    const ctx = await h.context(opts);
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    const step = async (state: string) => {
      await h.check(page, `${name}: ${state}`);
      if (narrow) await expectNoHorizontalScroll(page);
    };
    try {
      await page.goto(`/budget/${aleksandrow}/results`);
      await step('results of a real election');
      const first = page.locator('section[aria-labelledby="pool-1"] table a.govuk-link').first();
      const href = (await first.getAttribute('href'))!;
      const title = (await first.textContent())!;
      await tabTo(page, `section[aria-labelledby="pool-1"] table a[href="${href}"]`, { max: 80 });
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe(title);
      await step('a project of the results');

      await page.goto(`/budget/${main}/results`);
      await step('results of two pools');
      await tabTo(page, 'main p a[href="#downloads"]');
      await page.keyboard.press('Enter');
      expect(page.url()).toMatch(/#downloads$/);
      await tabTo(page, `#downloads ~ ul a[href="/api/v1/editions/${main}/results.csv"]`, { max: 20 });
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('download'))).toBe(true);
      await tabTo(page, `main a[href="/budget/${main}/turnout"]`, { back: true, max: 120 });
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Frekwencja');
      await step('turnout');
      const before = await page.textContent('main');
      await tabTo(page, `main a[href="/budget/${main}/turnout"]`);
      await pressAndLoad(page);
      expect(page.url()).toBe(`${h.base}/budget/${main}/turnout`);
      expect((await page.textContent('main'))?.includes('Stan na')).toBe(true);
      expect(before).toContain('Stan na');
      await step('turnout refreshed');
      expect(problems).toEqual([]);
      h.journeys.push(`voting results: ${name}`);
    } finally {
      await ctx.close();
    }
  }

  it('keyboard only, with JavaScript', () => journey('keyboard only', { viewport: { width: 1280, height: 900 } }, false));
  it('keyboard only, JavaScript off', () =>
    journey('keyboard only, JavaScript off', { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } }, false));
  it('keyboard only, 320 CSS px wide', () => journey('keyboard only, 320 px', { viewport: { width: 320, height: 640 } }, true));
});
