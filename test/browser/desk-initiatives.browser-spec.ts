import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createArea } from '../factories/areas.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, createUser, uniqueEmail, type TestUser } from '../factories/users.factory';
import { Harness, tabTo } from './harness';

async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, { max: 300 });
  await page.keyboard.type(text);
}

async function activate(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, { max: 300 });
  await pressAndLoad(page);
}

const banner = (page: Page) => page.textContent('.govuk-notification-banner__heading');

/**
 * An official at the local initiatives' desk with the keyboard only, JavaScript off, 1024 CSS px: registers an
 * application, starts the formal check, requests a correction (refused first without a note), passes it once
 * corrected, scores it, and after a second evaluator's scores decides it in the decision view. Every page passes
 * html-validate and axe.
 */
describe('initiatives desk: register, correction, scoring and decision, keyboard only, JavaScript off, 1024 px (browser)', () => {
  const h = new Harness();
  const OPTS: BrowserContextOptions = { javaScriptEnabled: false, viewport: { width: 1024, height: 768 } };
  let official: TestUser;
  let evaluator: TestUser;
  let anna: TestUser;
  let id = '';
  const contexts: BrowserContext[] = [];
  const as = (u: TestUser) => actingAs(h.t, u);
  const status = async () =>
    ((await h.t.app.get(DataSource).query(`SELECT status FROM initiatives WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;

  beforeAll(async () => {
    await h.start();
    const city = await createArea(h.t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    const district = await createArea(h.t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(h.t, { displayName: 'Urzędniczka', email: uniqueEmail('urzednik'), grants: [{ role: 'official', areaId: district }] });
    evaluator = await createUser(h.t, { displayName: 'Oceniający', grants: [{ role: 'official', areaId: district }] });
    anna = await createUser(h.t, { displayName: 'Anna Nowak' });
    await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: 2_000_000, minApplicants: 3, criteria: CRITERIA, correctionDays: 5, volunteerHourValue: 3_500 })
      .expect(200);
    id = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ areaId: district }))
        .expect(201)
    ).body.id as string;
    await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h.stop('desk-initiatives');
  });

  it('an official registers an application, requests a correction, evaluators score it and an official decides it', async () => {
    const ctx = await h.context(OPTS);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto('/sign-in?next=%2Fdesk%2Finitiatives%2Fapplications');
    await typeInto(page, '#email', official.email);
    await typeInto(page, '#password', official.password);
    await activate(page, 'main button[type="submit"]');
    await h.check(page, 'initiatives desk: queue');
    await activate(page, `a[href="/desk/initiatives/applications/${id}"]`);
    await h.check(page, 'initiatives desk: application to register');
    await activate(page, '#register-form button[type="submit"]');
    expect(await banner(page)).toContain('Ławki i mural przy szkole');
    expect(await status()).toBe('registered');
    await h.check(page, 'initiatives desk: registered');
    await activate(page, '#check-form button[type="submit"]');
    expect(await status()).toBe('formal_check');
    await h.check(page, 'initiatives desk: formal check');
    // A correction request without a note: the error summary, nothing changed.
    await activate(page, '#correction-form button[type="submit"]');
    await h.check(page, 'initiatives desk: correction request, errors');
    expect(await status()).toBe('formal_check');
    await typeInto(page, '#note', 'Dołączcie zgodę właściciela terenu.');
    await activate(page, '#correction-form button[type="submit"]');
    expect(await status()).toBe('correction_requested');
    await h.check(page, 'initiatives desk: waiting for the correction');

    await as(anna).patch(`/api/v1/initiatives/${id}`).send({ description: 'Mural i ławki; zgoda właściciela dołączona.' }).expect(200);
    await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    await h.visit(page, `/desk/initiatives/applications/${id}`, 'initiatives desk: corrected');
    await activate(page, '#pass-form button[type="submit"]');
    expect(await status()).toBe('evaluation');
    await h.check(page, 'initiatives desk: to score');
    await typeInto(page, '[id="scores.volunteer"]', '8');
    await typeInto(page, '[id="scores.purpose"]', '6');
    await typeInto(page, '[id="scores.cost"]', '5');
    await activate(page, '#scores-form button[type="submit"]');
    await h.check(page, 'initiatives desk: scored');
    // A second evaluator scores on their own desk without seeing the first one's points.
    const ectx = await h.context(OPTS);
    contexts.push(ectx);
    const epage = await ectx.newPage();
    await epage.goto(`/sign-in?next=${encodeURIComponent(`/desk/initiatives/applications/${id}`)}`);
    await typeInto(epage, '#email', evaluator.email);
    await typeInto(epage, '#password', evaluator.password);
    await activate(epage, 'main button[type="submit"]');
    // Only that one evaluation has been submitted, not its points: the form is empty.
    for (const c of ['volunteer', 'purpose', 'cost']) expect(await epage.inputValue(`[id="scores.${c}"]`)).toBe('');
    expect(await epage.textContent('main')).toContain(
      'oceny innych oceniających i średnią zobaczysz dopiero po decyzji. Złożonej oceny nie można zmienić. Złożone oceny: 1.',
    );
    await h.check(epage, 'initiatives desk: a second evaluator, before scoring');
    await typeInto(epage, '[id="scores.volunteer"]', '5');
    await typeInto(epage, '[id="scores.purpose"]', '9');
    await typeInto(epage, '[id="scores.cost"]', '2');
    await activate(epage, '#scores-form button[type="submit"]');
    expect(await banner(epage)).toContain('Zapisano: Ławki i mural przy szkole');
    expect(await epage.textContent('main')).toContain('Twoja ocena z');
    await h.check(epage, 'initiatives desk: a second evaluator, scored');

    await activate(page, `a[href="/desk/initiatives/applications/${id}/decision"]`);
    await h.check(page, 'initiatives desk: decision view');
    expect(await page.textContent('main')).toContain('Oceniający');
    await tabTo(page, '[id="approve"]', { max: 300 });
    await page.keyboard.press('Space');
    await typeInto(page, '#purposefulness', 'Skwer służy całemu osiedlu.');
    await typeInto(page, '#reason', 'Wysoka ocena i duży wkład pracy mieszkańców.');
    await activate(page, '#decision-form button[type="submit"]');
    expect(await status()).toBe('approved');
    expect(await banner(page)).toContain('Ławki i mural przy szkole');
    await h.check(page, 'initiatives desk: approved');
  });

  it('the yearly programmes for administrators: the list, a new year’s form, its errors and a criterion added', async () => {
    const admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    const ctx = await h.context(OPTS);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto('/sign-in?next=%2Fdesk%2Finitiatives%2Fprogrammes');
    await typeInto(page, '#email', admin.email);
    await typeInto(page, '#password', admin.password);
    await activate(page, 'main button[type="submit"]');
    await h.check(page, 'initiatives desk: programmes');
    await activate(page, `a[href="/desk/initiatives/programmes/${YEAR + 1}"]`);
    await h.check(page, 'initiatives desk: a new programme');
    await typeInto(page, '#allocation', 'dużo');
    await activate(page, 'main form button:not([value])');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await h.check(page, 'initiatives desk: a programme with errors');
    await activate(page, 'main form button[value="add-criterion"]');
    expect(await page.inputValue('[id="criteria.1.key"]')).toBe('');
    await h.check(page, 'initiatives desk: a programme with a second criterion');
    await h.visit(page, `/desk/initiatives/programmes/${YEAR}`, 'initiatives desk: this year’s programme');
  });
});
