import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, sessionToken, uniqueEmail, type TestUser } from '../factories/users.factory';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const withUnmet = (criterion: string, justification: string) => ALL_MET.map((c) => (c.criterion === criterion ? { ...c, met: false, justification } : c));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Presses a key and waits for the page it leads to. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Moves the focus to a field with Tab and types into it. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, { max: 120 });
  await page.keyboard.type(text);
}

/** Tabs to a link or button and activates it with Enter, waiting for the next page. */
async function activate(page: Page, selector: string, opts: { back?: boolean } = {}): Promise<void> {
  await tabTo(page, selector, { max: 150, ...opts });
  await pressAndLoad(page);
}

const banner = (page: Page) => page.textContent('.govuk-notification-banner__heading');
const h1 = async (page: Page) => ((await page.textContent('h1')) ?? '').replace(/\s+/g, ' ').trim();

/**
 * The author's journeys with the keyboard only: a resident writes a project over two sessions (costs, a file, a
 * co-author who accepts), submits it, is asked for a correction, corrects and resubmits it; a rejected author
 * appeals; an author accepts a cost correction. Every page on the way passes axe and html-validate. The main
 * journey runs with JavaScript, without it, and 320 CSS px wide.
 */
describe('budget: the author’s journeys with the keyboard only (browser)', () => {
  const h = new Harness();
  let admin: TestUser;
  let official: TestUser;
  let district: string;

  beforeAll(async () => {
    await h.start();
    admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(h.t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    const city = await createArea(h.t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(h.t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
  });
  afterAll(() => h.stop('budget-submit'));

  const as = (u: TestUser) => actingAs(h.t, u);

  /** An edition under submission with a district pool and a city-wide one. */
  async function edition(name: string): Promise<{ id: string; districtPool: string }> {
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name, year: 2027, phases: scheduleWith('submission'), categories: [{ namePl: 'Zieleń', nameEn: 'Greenery' }] })
      .expect(201);
    await as(admin)
      .post(`/api/v1/admin/editions/${e.body.id}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, minCost: 1_000_000, signaturesRequired: 0 })
      .expect(201);
    const pools = await as(admin)
      .post(`/api/v1/admin/editions/${e.body.id}/pools`)
      .send({ name: 'Ogólnomiejska', amount: 200_000_000, signaturesRequired: 0 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${e.body.id}/publish`).expect(200);
    return { id: e.body.id, districtPool: pools.body.pools.find((p: { name: string }) => p.name === 'Oliwa').id };
  }

  const phase = (id: string, p: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith(p) })
      .expect(200);

  /** A context signed in as the user (another device: a session of its own). */
  async function device(user: TestUser, opts: BrowserContextOptions): Promise<BrowserContext> {
    const ctx = await h.context(opts);
    await ctx.addCookies([{ name: 'civitas_session', value: await sessionToken(h.t, user.id), url: h.base }]);
    return ctx;
  }

  async function journey(name: string, opts: BrowserContextOptions, narrow: boolean): Promise<void> {
    const js = opts.javaScriptEnabled !== false;
    const { id: editionId } = await edition(`BO ${name}`);
    const anna = await createUser(h.t, { displayName: 'Anna Autorka', email: uniqueEmail('anna') });
    const cecylia = await createUser(h.t, { displayName: 'Cecylia', email: uniqueEmail('cecylia') });
    const contexts: BrowserContext[] = [];
    const open = async (ctx: BrowserContext) => {
      contexts.push(ctx);
      const page = await ctx.newPage();
      return page;
    };
    const step = async (page: Page, state: string) => {
      await h.check(page, `${name}: ${state}`);
      if (narrow) await expectNoHorizontalScroll(page);
    };
    try {
      // First session: signed in with the keyboard, from "my projects" to a new draft.
      const first = await open(await h.context(opts));
      await first.goto('/sign-in?next=%2Fbudget%2Fmy-projects');
      await typeInto(first, '#email', anna.email);
      await typeInto(first, '#password', anna.password);
      await activate(first, 'main button[type="submit"]');
      expect(await h1(first)).toBe('Moje projekty');
      await step(first, 'my projects, empty');
      await activate(first, `main a[href="/budget/${editionId}/submit"]`);
      await step(first, 'start');
      await activate(first, 'main button[type="submit"]');
      expect(await first.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
      await step(first, 'start, errors');
      await typeInto(first, '#title', 'Ławki nad stawem');
      // A radio group is one Tab stop; the arrow keys choose within it (the second pool: the district's).
      await tabTo(first, '#poolId');
      await first.keyboard.press('ArrowDown');
      expect(await first.isChecked('#poolId-2')).toBe(true);
      await activate(first, 'main button[type="submit"]');
      expect(await h1(first)).toBe('Zgłoszenie projektu');
      const projectPath = new URL(first.url()).pathname;
      await step(first, 'task list, new draft');

      await activate(first, `a[href="${projectPath}/basics"]`);
      await step(first, 'basic information');
      await tabTo(first, '#categoryId', { max: 120 });
      await first.keyboard.press('ArrowDown');
      await tabTo(first, '#areaId');
      await first.keyboard.press('ArrowDown');
      await activate(first, 'main .govuk-button-group button');
      expect(await banner(first)).toBe('Zapisano sekcję „Podstawowe informacje”.');
      await step(first, 'task list, basics done');
      await first.context().close();

      // Second session, another device: the draft is in "my projects", and goes on.
      const second = await open(await device(anna, opts));
      await second.goto('/budget/my-projects');
      await step(second, 'my projects, a draft');
      await activate(second, `main a[href="${projectPath}"]`);
      expect(await second.textContent(`#task-basics-status`)).toContain('Ukończono');
      await activate(second, `a[href="${projectPath}/description"]`);
      await step(second, 'description');
      await typeInto(second, '#summary', 'Pięć ławek nad stawem.');
      await typeInto(second, '#description', 'Ławki z oparciem przy alejce nad stawem.');
      await typeInto(second, '#justification', 'Brakuje miejsc do odpoczynku.');
      await activate(second, 'main .govuk-button-group button');
      await activate(second, `a[href="${projectPath}/location"]`);
      await step(second, 'location');
      await typeInto(second, '#address', 'Park nad stawem');
      await typeInto(second, '#latitude', 'północ');
      await activate(second, 'main .govuk-button-group button');
      expect(await second.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
      await step(second, 'location, errors');
      await second.fill('#latitude', '');
      await typeInto(second, '#latitude', '54,4065');
      await typeInto(second, '#longitude', '18,5636');
      await activate(second, 'main .govuk-button-group button');
      expect(await banner(second)).toBe('Zapisano sekcję „Lokalizacja”.');

      // Costs: the total as one types (JavaScript) or on "recalculate" (without), rows added, then saved.
      await activate(second, `a[href="${projectPath}/costs"]`);
      await step(second, 'costs');
      await typeInto(second, '[id="costItems.0.description"]', 'Ławki');
      await typeInto(second, '[id="costItems.0.amount"]', '12 000');
      if (js) {
        await second.waitForFunction(() => document.querySelector('[data-cost-total]')?.textContent === '12\u00a0000\u00a0zł');
      } else {
        await activate(second, 'main button[value="recalculate"]');
        expect(await second.textContent('[data-cost-total]')).toBe('12\u00a0000\u00a0zł');
        await step(second, 'costs, recalculated');
      }
      await activate(second, 'main button[value="add"]');
      await step(second, 'costs, a row added');
      await typeInto(second, '[id="costItems.1.description"]', 'Nasadzenia');
      await typeInto(second, '[id="costItems.1.amount"]', '3500,50');
      if (js) await second.waitForFunction(() => document.querySelector('[data-cost-total]')?.textContent === '15\u00a0500,50\u00a0zł');
      await activate(second, 'main button[value="recalculate"]');
      expect(await second.textContent('[data-cost-total]')).toBe('15\u00a0500,50\u00a0zł');
      await activate(second, 'main .govuk-button-group button[value="save"]');
      expect(await banner(second)).toBe('Zapisano sekcję „Kosztorys”.');

      // A file: the file input is reached with Tab (choosing the file is the system's dialog).
      await activate(second, `a[href="${projectPath}/attachments"]`);
      await step(second, 'attachments, none');
      await tabTo(second, '#file', { max: 120 });
      await second.setInputFiles('#file', { name: 'mapa.pdf', mimeType: 'application/pdf', buffer: PDF });
      await activate(second, 'main form[enctype] button[type="submit"]');
      expect(await banner(second)).toBe('Dodano plik „mapa.pdf”.');
      await step(second, 'attachments, one file');
      await activate(second, `main a[href="${projectPath}"]`);

      // A co-author, invited here, accepts on their own page.
      await activate(second, `a[href="${projectPath}/authors"]`);
      await typeInto(second, '#email', cecylia.email);
      await activate(second, 'main form[action$="/authors"] button');
      expect(await banner(second)).toBe(`Wysłano zaproszenie do ${cecylia.email}.`);
      await step(second, 'co-authors, one invited');
      const invitee = await open(await device(cecylia, opts));
      await invitee.goto('/budget/my-projects');
      await step(invitee, 'my projects, an invitation');
      await activate(invitee, `main a[href="${projectPath.replace('/edit', '/invitation')}"]`);
      await step(invitee, 'invitation');
      await activate(invitee, 'main form[action$="/accept"] button');
      expect(await banner(invitee)).toBe('Jesteś współautorem projektu „Ławki nad stawem”.');
      await step(invitee, 'task list, as a co-author');

      // Check and submit.
      await second.goto(projectPath);
      await step(second, 'task list, ready');
      await activate(second, `a[href="${projectPath}/check"]`);
      await step(second, 'check');
      await activate(second, 'main form button[type="submit"]');
      expect(await second.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
      await step(second, 'check, no declaration');
      await tabTo(second, '#declaration', { max: 150 });
      await second.keyboard.press('Space');
      await activate(second, 'main form button[type="submit"]');
      expect(await h1(second)).toBe('Projekt zgłoszony');
      await step(second, 'submitted');

      // The official asks for a correction (through the API); the author corrects and resubmits.
      const projectId = projectPath.split('/')[2];
      await phase(editionId, 'formal_review');
      await as(official)
        .post(`/api/v1/projects/${projectId}/reviews`)
        .send({
          stage: 'formal',
          outcome: 'correction',
          criteria: withUnmet('formal_requirements', 'Brak numeru działki.'),
          justification: 'Proszę podać numer działki.',
        })
        .expect(200);
      await second.goto('/budget/my-projects');
      await step(second, 'my projects, a correction waits');
      await activate(second, `main li a[href="${projectPath}"]`);
      expect(await h1(second)).toBe('Poprawki projektu');
      await step(second, 'task list, correction');
      await activate(second, `a[href="${projectPath}/location"]`);
      await typeInto(second, '#address', ', działka 45/3');
      await activate(second, 'main .govuk-button-group button');
      await activate(second, `a[href="${projectPath}/check"]`);
      await step(second, 'check, correction');
      await tabTo(second, '#declaration', { max: 150 });
      await second.keyboard.press('Space');
      await activate(second, 'main form button[type="submit"]');
      expect(await h1(second)).toBe('Poprawiony projekt wysłany');
      await step(second, 'resubmitted');
      h.journeys.push(`budget author: ${name}`);
    } finally {
      for (const c of contexts) await c.close().catch(() => undefined);
    }
  }

  it('writes, submits, corrects and resubmits a project — with JavaScript', () => journey('keyboard only', { viewport: { width: 1280, height: 900 } }, false));
  it('the same with JavaScript switched off, 320 CSS px wide (no horizontal scrolling)', () =>
    journey('keyboard only, JavaScript off, 320 px', { javaScriptEnabled: false, viewport: { width: 320, height: 640 } }, true));

  it('a rejected author appeals, an author accepts a cost correction and reads a merge — keyboard only, 320 CSS px wide', async () => {
    const { id: editionId, districtPool } = await edition('BO odwołania');
    const ben = await createUser(h.t, { displayName: 'Ben', email: uniqueEmail('ben') });
    const project = async (title: string) => {
      const p = await as(ben)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({
          poolId: districtPool,
          title,
          summary: 's',
          description: 'd',
          justification: 'j',
          areaId: district,
          costItems: [{ description: 'Koszt', amount: 5_000_000 }],
        })
        .expect(201);
      await as(ben).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
      return p.body.id as string;
    };
    const costly = await project('Projekt z korektą');
    const rejected = await project('Projekt odrzucony');
    const twin = await project('Projekt bliźniaczy');
    await phase(editionId, 'formal_review');
    await as(official)
      .post(`/api/v1/projects/${costly}/cost-proposals`)
      .send({ costItems: [{ description: 'Ławki wg cennika', amount: 4_200_000 }], justification: 'Ceny według cennika miejskiego.' })
      .expect(201);
    await as(official)
      .post(`/api/v1/projects/${rejected}/reviews`)
      .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK' })
      .expect(200);
    await phase(editionId, 'merit_review');
    await as(official)
      .post(`/api/v1/projects/${rejected}/reviews`)
      .send({ stage: 'merit', outcome: 'negative', criteria: withUnmet('technical_feasibility', 'Teren zalewowy.'), justification: 'Teren zalewowy.' })
      .expect(200);

    const ctx = await device(ben, { viewport: { width: 320, height: 640 } });
    try {
      const page = await ctx.newPage();
      const check = async (state: string) => {
        await h.check(page, `author actions, 320 px: ${state}`);
        await expectNoHorizontalScroll(page);
      };
      await page.goto('/budget/my-projects');
      await check('my projects, a cost correction and an appeal wait');
      await activate(page, `main a[href^="/projects/${costly}/cost-proposals/"]`);
      await check('cost correction');
      await activate(page, 'main form button[type="submit"]');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
      await check('cost correction, no answer');
      await tabTo(page, '#accept', { max: 120 });
      await page.keyboard.press('Space');
      await activate(page, 'main form button[type="submit"]');
      expect(await banner(page)).toBe('Przyjęto korektę kosztu projektu „Projekt z korektą”.');
      await check('my projects, the correction accepted');

      await activate(page, `main a[href="/projects/${rejected}/appeal"]`);
      await check('appeal');
      await typeInto(page, '#justification', 'Opinia hydrologa: teren nie jest zalewowy.');
      await activate(page, 'main form button[type="submit"]');
      expect(await banner(page)).toBe('Złożono odwołanie w sprawie projektu „Projekt odrzucony”.');
      await check('my projects, appealed');
      // A merge proposed by the official: the main author reads it and what agreeing would do.
      const merge = await as(official)
        .post(`/api/v1/editions/${editionId}/merges`)
        .send({ projectIds: [costly, twin], title: 'Wspólny projekt', justification: 'Te same ławki.' })
        .expect(201);
      await page.goto('/budget/my-projects');
      await activate(page, `main a[href="/projects/${costly}/merges/${merge.body.id}"]`);
      await check('merge');
      await activate(page, 'main form button[type="submit"]');
      await check('merge, no answer');
      h.journeys.push('budget author: appeal, cost correction and merge, keyboard only, 320 px');
    } finally {
      await ctx.close();
    }
  });
});
