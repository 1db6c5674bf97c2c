import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { Harness, tabTo } from './harness';

const OPTS: BrowserContextOptions = { javaScriptEnabled: false, viewport: { width: 1024, height: 768 } };
const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();

/**
 * The desk's start page and its administration with the keyboard only, JavaScript off, 1024 px wide: an administrator
 * adds a neighbourhood and makes a resident an official of one district; every page on the way passes html-validate
 * and axe (the start page, the administration's part, areas, accounts, an account, an organisation, deliveries, jobs).
 */
describe('desk: the start page and the administration, keyboard only, JavaScript off (browser)', () => {
  const h = new Harness();
  let admin: TestUser;
  let resident: TestUser;
  let district: string;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await h.start();
    const city = await createArea(h.t, { name: 'Gdańsk', kind: 'city', residentCount: 480_000 });
    district = await createArea(h.t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 60_000 });
    admin = await createUser(h.t, { displayName: 'Ada Admin', grants: [{ role: 'admin', areaId: null }] });
    resident = await createUser(h.t, { displayName: 'Roman Mieszkaniec' });
    ctx = await h.context(OPTS);
    page = await ctx.newPage();
    await page.goto('/sign-in');
    await tabTo(page, '#email', { max: 80 });
    await page.keyboard.type(admin.email);
    await tabTo(page, '#password', { max: 10 });
    await page.keyboard.type(admin.password);
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  });
  afterAll(async () => {
    await ctx?.close().catch(() => undefined);
    await h.stop('desk-admin');
  });

  it('every administration page passes axe', async () => {
    await h.visit(page, '/desk', 'desk: start page (an administrator)');
    await h.visit(page, '/desk/admin', 'desk: administration');
    await h.visit(page, '/desk/admin/areas', 'desk: areas');
    await h.visit(page, '/desk/admin/areas/new', 'desk: a new area');
    await h.visit(page, `/desk/admin/areas/${district}`, 'desk: an area');
    await h.visit(page, '/desk/admin/accounts', 'desk: accounts');
    await h.visit(page, `/desk/admin/accounts/${resident.id}`, 'desk: an account');
    await h.visit(page, `/desk/admin/accounts/${resident.id}/organisation`, 'desk: an organisation');
    await h.visit(page, '/desk/admin/deliveries', 'desk: e-mail deliveries');
    await h.visit(page, '/desk/admin/jobs', 'desk: job queues');
    const leaving = await createUser(h.t, { displayName: 'Ewa Odchodząca' });
    const request = (
      await actingAs(h.t, leaving).post('/api/v1/me/deletion-request').send({ currentPassword: leaving.password, reason: 'Wyprowadzam się.' }).expect(201)
    ).body.id as string;
    await h.visit(page, '/desk/admin/deletions', 'desk: requests to delete accounts');
    await h.visit(page, `/desk/admin/deletions/${request}`, 'desk: a request to delete an account');
  });

  it('an administrator adds a neighbourhood and makes a resident an official of one district, with the keyboard only', async () => {
    // From the start page through the side navigation to the areas.
    await page.goto('/desk');
    await tabTo(page, 'nav.civitas-desk-nav a[href="/desk/admin"]', { max: 40 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await tabTo(page, 'main a[href="/desk/admin/areas"]', { max: 40 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await tabTo(page, 'main a[href="/desk/admin/areas/new"]', { max: 40 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

    // Nothing typed: the error summary, then the form filled in.
    await tabTo(page, 'main button[type="submit"]', { max: 40 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await h.check(page, 'desk: a new area with errors');
    expect(await text(page, '.govuk-error-summary')).toContain('Nazwa');
    await tabTo(page, '#name', { max: 40 });
    await page.keyboard.type('Strzyża');
    // A radio group is one Tab stop (the chosen radio); the arrows choose within it: district → neighbourhood.
    await tabTo(page, 'input[name="kind"]', { max: 5 });
    await page.keyboard.press('ArrowRight');
    await tabTo(page, '#parentId', { max: 5 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#residentCount', { max: 5 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('8500');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await text(page, '.govuk-notification-banner__heading')).toBe('Dodano obszar „Strzyża”.');
    await h.check(page, 'desk: areas after adding one');
    expect(await text(page, 'tbody')).toContain('Strzyża');

    // The resident, found by name, becomes an official of Wrzeszcz.
    await page.goto('/desk/admin/accounts');
    await tabTo(page, '#q', { max: 40 });
    await page.keyboard.type('Roman');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await h.check(page, 'desk: accounts found');
    await tabTo(page, `tbody a[href="/desk/admin/accounts/${resident.id}"]`, { max: 40 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await tabTo(page, 'input[name="scope_official"]', { max: 80 });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, `input[name="areas_official"][value="${district}"]`, { max: 10 });
    await page.keyboard.press('Space');
    await tabTo(page, 'main button[type="submit"]', { max: 20 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await text(page, '.govuk-notification-banner__heading')).toBe(`Zapisano role konta ${resident.email}.`);
    expect(await text(page, '.govuk-summary-list')).toContain('Urzędnik (obszary: Wrzeszcz)');
    await h.check(page, 'desk: an account after saving its roles');
    h.journeys.push('desk administration: an area added and a resident made an official of a district, keyboard only, JavaScript off, 1024 px');
  });
});
