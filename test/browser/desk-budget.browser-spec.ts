import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, uniqueEmail, type TestUser } from '../factories/users.factory';
import { Harness, tabTo } from './harness';

const CRITERIA = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'];

async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, { max: 250 });
  await page.keyboard.type(text);
}

async function activate(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, { max: 250 });
  await pressAndLoad(page);
}

/** Ticks a radio with the keyboard: Tab into its group (the first radio), Space, then the arrow down to the n-th. */
async function tick(page: Page, group: string, nth = 1): Promise<void> {
  await tabTo(page, `[id="${group}"]`, { max: 250 });
  await page.keyboard.press('Space');
  for (let i = 1; i < nth; i++) await page.keyboard.press('ArrowDown');
}

const banner = (page: Page) => page.textContent('.govuk-notification-banner__heading');
const status = async (h: Harness, id: string) =>
  ((await h.t.app.get(DataSource).query(`SELECT status FROM budget_projects WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;

/**
 * An official at the desk with the keyboard only, JavaScript off, 1024 CSS px: reviews a project with a correction
 * request, then (once its author has corrected it) admits it; upholds an appeal; enters the signatures of a paper
 * support list and proposes a cost correction. Every page passes html-validate and axe.
 */
describe('budget desk: reviews and appeals, keyboard only, JavaScript off, 1024 px (browser)', () => {
  const h = new Harness();
  const OPTS: BrowserContextOptions = { javaScriptEnabled: false, viewport: { width: 1024, height: 768 } };
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let editionId = '';
  const ids: Record<string, string> = {};
  const contexts: BrowserContext[] = [];
  const as = (u: TestUser) => actingAs(h.t, u);
  const phase = (p: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith(p) })
      .expect(200);

  beforeAll(async () => {
    await h.start();
    const city = await createArea(h.t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    const district = await createArea(h.t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(h.t, { displayName: 'Urzędniczka', email: uniqueEmail('urzednik'), grants: [{ role: 'official', areaId: district }] });
    anna = await createUser(h.t, { displayName: 'Anna' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027', year: 2027, phases: scheduleWith('submission') })
      .expect(201);
    editionId = e.body.id;
    const pool = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    for (const key of ['park', 'bench', 'kiosk']) {
      const p = await as(anna)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({
          poolId: pool.body.pools[0].id,
          title: `Projekt ${key}`,
          summary: 's',
          description: 'd',
          justification: 'j',
          areaId: district,
          costItems: [{ description: 'Koszt', amount: 5_000_000 }],
        })
        .expect(201);
      if (key === 'kiosk') {
        const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
        await as(anna)
          .post(`/api/v1/projects/${p.body.id}/attachments?name=lista.pdf&kind=support_list`)
          .set('content-type', 'application/pdf')
          .send(pdf)
          .expect(201);
      }
      await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
      ids[key] = p.body.id;
    }
    await phase('formal_review');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h.stop('desk-budget');
  });

  const signIn = async (who: TestUser = official, next = '/desk/budget/reviews') => {
    const ctx = await h.context(OPTS);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await typeInto(page, '#email', who.email);
    await typeInto(page, '#password', who.password);
    await activate(page, 'main button[type="submit"]');
    return page;
  };

  /** Fills the review form: each criterion met (or not, for those named), the outcome, the justification; sends it. */
  const decide = async (page: Page, outcome: number, unmet: string[] = []) => {
    for (const [i, c] of CRITERIA.entries()) {
      await tick(page, `criteria.${i}.met`, unmet.includes(c) ? 2 : 1);
      await typeInto(page, `[id="criteria.${i}.justification"]`, unmet.includes(c) ? 'Brak mapy.' : 'Spełnione.');
    }
    await tick(page, 'outcome', outcome);
    await typeInto(page, '#justification', 'Uzasadnienie decyzji.');
    await activate(page, 'main form button[type="submit"]');
  };

  it('an official reviews a project with a correction request, then admits it', async () => {
    const page = await signIn();
    await h.check(page, 'budget desk: review queue');
    await activate(page, `a[href="/desk/budget/projects/${ids.park}/review"]`);
    await h.check(page, 'budget desk: review page, formal');
    // Sent with nothing chosen: the error summary, nothing stored.
    await activate(page, 'main form button[type="submit"]');
    await h.check(page, 'budget desk: review page, errors');
    expect(await status(h, ids.park)).toBe('submitted');
    await decide(page, 2, ['formal_requirements']);
    expect(await banner(page)).toContain('Projekt park');
    expect(await status(h, ids.park)).toBe('correction_requested');
    await h.visit(page, '/desk/budget/reviews?status=correction', 'budget desk: corrections');
    await as(anna).patch(`/api/v1/projects/${ids.park}`).send({ address: 'ul. Opacka 12' }).expect(200);
    await as(anna).post(`/api/v1/projects/${ids.park}/resubmit`).expect(200);
    await h.visit(page, `/desk/budget/projects/${ids.park}/review`, 'budget desk: review page, corrected');
    await decide(page, 1);
    expect(await status(h, ids.park)).toBe('merit_review');
    await phase('merit_review');
    await h.visit(page, `/desk/budget/projects/${ids.park}/review`, 'budget desk: review page, merit');
    await decide(page, 1);
    expect(await status(h, ids.park)).toBe('admitted');
  });

  it('an appeal is upheld', async () => {
    await phase('formal_review');
    const page = await signIn();
    await h.visit(page, `/desk/budget/projects/${ids.bench}/review`, 'budget desk: review page, bench');
    await decide(page, 1);
    await phase('merit_review');
    await h.visit(page, `/desk/budget/projects/${ids.bench}/review`, 'budget desk: review page, bench merit');
    await decide(page, 2, ['technical_feasibility']);
    expect(await status(h, ids.bench)).toBe('rejected');
    await as(anna).post(`/api/v1/projects/${ids.bench}/appeal`).send({ justification: 'Działka jest miejska.' }).expect(200);
    await h.visit(page, '/desk/budget/reviews?status=appeal', 'budget desk: appeals');
    await activate(page, `a[href="/desk/budget/projects/${ids.bench}/review"]`);
    await h.check(page, 'budget desk: appeal');
    await tick(page, 'upheld');
    await typeInto(page, '#justification', 'Działka należy do miasta.');
    await activate(page, 'main form button[type="submit"]');
    expect(await banner(page)).toContain('Projekt bench');
    expect(await status(h, ids.bench)).toBe('admitted');
  });

  it('an official enters a paper support list and proposes a cost correction in złoty', async () => {
    await phase('formal_review');
    const page = await signIn();
    await activate(page, `a[href="/desk/budget/projects/${ids.kiosk}/review"]`);
    await h.check(page, 'budget desk: review page, with other acts');
    await activate(page, `a[href="/desk/budget/projects/${ids.kiosk}/support-lists"]`);
    await h.check(page, 'budget desk: paper support lists');
    // Sent with nothing chosen: the error summary, nothing stored.
    await activate(page, 'main form button[type="submit"]');
    await h.check(page, 'budget desk: paper support lists, errors');
    await tick(page, 'attachmentId');
    await typeInto(page, '[id="signatures"]', '12');
    await activate(page, 'main form button[type="submit"]');
    expect(await banner(page)).toContain('Projekt kiosk');
    const lists = await as(official).get(`/api/v1/projects/${ids.kiosk}/support-lists`).expect(200);
    expect(lists.body.map((l: { signatures: number }) => l.signatures)).toEqual([12]);

    await activate(page, `a[href="/desk/budget/projects/${ids.kiosk}/costs"]`);
    await h.check(page, 'budget desk: cost correction');
    await activate(page, 'main form button[value="add"]');
    await typeInto(page, '[id="costItems.1.description"]', 'Nasadzenia');
    await typeInto(page, '[id="costItems.1.amount"]', '7 500,50');
    // Without a justification: the error summary, nothing stored.
    await activate(page, 'main form button.govuk-button[value="save"]');
    await h.check(page, 'budget desk: cost correction, errors');
    await typeInto(page, '#justification', 'Ceny według cennika miejskiego.');
    await activate(page, 'main form button.govuk-button[value="save"]');
    expect(await banner(page)).toContain('Projekt kiosk');
    await h.check(page, 'budget desk: review page after the correction');
    const proposals = await h.t.http().get(`/api/v1/projects/${ids.kiosk}/cost-proposals`).expect(200);
    expect(proposals.body[0]).toMatchObject({ total: 5_750_050, status: 'pending' });
  });

  it('an administrator creates an edition (previewed first) with a pool and publishes it; the other act pages and an implementation update', async () => {
    const page = await signIn(admin, '/desk/budget/editions');
    await h.check(page, 'budget desk: editions');
    await activate(page, 'a[href="/desk/budget/editions/new"]');
    await h.check(page, 'budget desk: new edition');
    await typeInto(page, '#name', 'BO 2030');
    await typeInto(page, '#year', '2030');
    for (let i = 0; i < 9; i++) {
      const month = (m: number) => `${2030 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01 00:00`;
      await typeInto(page, `[id="phases.${i}.startsAt"]`, month(i));
      await typeInto(page, `[id="phases.${i}.endsAt"]`, month(i + 1));
    }
    await typeInto(page, '[id="categories.0.namePl"]', 'Zieleń');
    await typeInto(page, '[id="categories.0.nameEn"]', 'Greenery');
    await activate(page, 'main form button[value="preview"]');
    await h.check(page, 'budget desk: new edition, preview');
    expect(await page.textContent('#preview-heading')).toBe('Podgląd: tak zobaczą to mieszkańcy');
    await activate(page, 'main form button.govuk-button[value="save"]');
    expect(await banner(page)).toBe('Edycja „BO 2030” została utworzona jako szkic.');
    await h.check(page, 'budget desk: edition page');
    await activate(page, 'main a[href$="/pools/new"]');
    await h.check(page, 'budget desk: new pool');
    await typeInto(page, '#name', 'Całe miasto');
    await typeInto(page, '#amount', '500 000');
    // Above the city's cap (100 000 residents: 100 signatures): the service's refusal on the form.
    await tabTo(page, '#signaturesRequired', { max: 250 });
    await page.keyboard.press('Backspace');
    await page.keyboard.type('101');
    await activate(page, 'main form button[type="submit"]');
    await h.check(page, 'budget desk: new pool, above the cap');
    await tabTo(page, '#signaturesRequired', { max: 250 });
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('100');
    await activate(page, 'main form button[type="submit"]');
    expect(await banner(page)).toBe('Pula „Całe miasto” została dodana.');
    await activate(page, '#publish button');
    expect(await banner(page)).toBe('Edycja „BO 2030” została opublikowana.');
    await h.check(page, 'budget desk: edition page, published');
    const editionOf = page.url().split('/').pop()!;
    const pub = await h.t.http().get(`/api/v1/editions/${editionOf}`).expect(200);
    expect(pub.body.pools[0]).toMatchObject({ amount: 50_000_000, signaturesRequired: 100 });

    // The other acts' pages, as an admin sees them.
    await h.visit(page, `/desk/budget/projects/${ids.kiosk}/merge`, 'budget desk: merge');
    await h.visit(page, `/desk/budget/projects/${ids.kiosk}/exclusions`, 'budget desk: exclusions');
    // A selected project of published results (set directly: the vote is covered by the voting's specs).
    const db = h.t.app.get(DataSource);
    await db.query(`UPDATE budget_projects SET status = 'selected' WHERE id = $1`, [ids.park]);
    const [{ id: run }] = (await db.query(`INSERT INTO tally_runs (edition_id, status) VALUES ($1, 'done') RETURNING id`, [editionId])) as Array<{
      id: string;
    }>;
    await db.query(`INSERT INTO edition_results (edition_id, tally_run_id) VALUES ($1, $2)`, [editionId, run]);
    await db.query(`UPDATE budget_editions SET results_published_at = now() WHERE id = $1`, [editionId]);
    await h.visit(page, '/desk/budget/implementation', 'budget desk: implementation list');
    await activate(page, `a[href="/desk/budget/projects/${ids.park}/implementation"]`);
    await h.check(page, 'budget desk: implementation, planned');
    await tick(page, 'status');
    await typeInto(page, '#percent', '30');
    await typeInto(page, '#note', 'Rozpoczęto prace.');
    await typeInto(page, '#happenedOn', new Date().toISOString().slice(0, 10));
    await activate(page, 'main form button[type="submit"]');
    expect(await banner(page)).toContain('Projekt park');
    await h.check(page, 'budget desk: implementation, under way');
    const tl = await h.t.http().get(`/api/v1/projects/${ids.park}/implementation`).expect(200);
    expect(tl.body).toMatchObject({ status: 'implementing', percent: 30 });
  });
});
