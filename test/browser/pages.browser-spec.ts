import type { BrowserContext, Page } from 'playwright-core';
import { createTestApp } from '@civitas/test';
import { scheduleWith } from '../factories/budget.factory';
import { CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, createUser, DEFAULT_PASSWORD, uniqueEmail, type TestUser } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';
import { Harness, track } from './harness';

const DAY = 24 * 3600_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
/** The path and query of the first link to `path` in a mail's text. */
const linkIn = (text: string, path: string) => {
  const m = new RegExp(`https?://[^/\\s]+(${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_.%-]+)`).exec(text);
  if (!m) throw new Error(`No ${path} link in: ${text}`);
  return m[1];
};

/**
 * Every page of the foundation in its normal, error and empty states, in real Chromium: 0 axe violations (WCAG 2.1
 * A/AA) and valid HTML on each.
 */
describe('every page passes axe and html-validate (browser)', () => {
  const h = new Harness();
  let ctx: BrowserContext;
  let page: Page;
  let admin: TestUser;

  beforeAll(async () => {
    await h.start();
    ctx = await h.context();
    page = await ctx.newPage();
  });
  afterAll(async () => {
    await ctx?.close();
    await h.stop('pages');
  });

  async function signedInPage(user: TestUser): Promise<{ c: BrowserContext; p: Page }> {
    const c = await h.context();
    await c.addCookies([{ name: 'civitas_session', value: user.token, url: h.base }]);
    return { c, p: await c.newPage() };
  }

  it('the first-run set-up page, its errors, and the home page it leads to (empty states, flash message)', async () => {
    await h.visit(page, '/setup', 'set-up form');
    await page.click('button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'set-up, every field wrong');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await page.fill('#cityNamePl', 'Miasto Próbne');
    await page.fill('#displayName', 'Ada Admin');
    await page.fill('#email', 'ada.admin@example.pl');
    await page.fill('#password', 'bardzo dobre hasło');
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${h.base}/`);
    await h.check(page, 'home, empty, with the flash message');
    expect(await page.textContent('.govuk-notification-banner')).toContain('Platforma jest gotowa');
    admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
  });

  it('the home page with what is happening now, in Polish and English', async () => {
    const as = actingAs(h.t, admin);
    const edition = await as
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027', year: 2027, phases: scheduleWith('voting', 5) })
      .expect(201);
    await as.post(`/api/v1/admin/editions/${edition.body.id}/pools`).send({ name: 'Ogólnomiejska', amount: 100_000_000, signaturesRequired: 0 }).expect(201);
    await as.post(`/api/v1/admin/editions/${edition.body.id}/publish`).expect(200);
    const c = await as
      .post('/api/v1/admin/consultations')
      .send({
        title: 'Plan parku',
        summary: 'Jaki park?',
        body: 'Treść',
        topic: 'zieleń',
        organiserUnit: 'Wydział',
        contact: 'k@example.pl',
        areaIds: [],
        opensAt: inDays(8),
        closesAt: inDays(40),
      })
      .expect(201);
    await as.post(`/api/v1/admin/consultations/${c.body.id}/announce`).expect(200);
    await as
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: 10_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
      .expect(200);
    await h.visit(page, '/', 'home with an edition, a consultation and a programme');
    await page.click('.govuk-language-navigation a');
    await page.waitForLoadState();
    await h.check(page, 'home in English');
    await page.goto('/language/pl?next=%2F');
    // The set-up signed this browser in: the next pages are an anonymous visitor's.
    await ctx.clearCookies();
  });

  it('sign-in, registration, the mailed links and forgotten passwords, with their errors', async () => {
    await h.visit(page, '/sign-in', 'sign-in form');
    await page.fill('#email', 'nikt@example.pl');
    await page.fill('#password', 'złe hasło 123');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'sign-in, wrong password');
    await h.visit(page, '/register', 'registration form');
    await page.fill('#email', 'nie-adres');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'registration, bad fields');
    const email = uniqueEmail('rejestracja');
    await page.fill('#displayName', 'Rena Rejestracja');
    await page.fill('#email', email);
    await page.fill('#password', 'dobre hasło 123');
    await page.click('main button[type="submit"]');
    await page.waitForURL(/check-email/);
    await h.check(page, 'registration sent');
    const verify = linkIn(await mailTo(h.t, email, 'verify-email'), '/verify-email');
    await h.visit(page, verify, 'confirm the address');
    await h.visit(page, '/verify-email', 'address link without a token', 404);
    await page.goto(verify);
    await page.click('main button[type="submit"]');
    await page.waitForURL(/sign-in/);
    await h.check(page, 'sign-in after confirming, with the flash message');
    await page.goto(verify);
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'address link used twice');
    await h.visit(page, '/forgot-password', 'forgotten password form');
    await page.fill('#email', 'zły');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'forgotten password, bad address');
    await page.fill('#email', email);
    await page.click('main button[type="submit"]');
    await page.waitForURL(/check-email/);
    await h.check(page, 'reset link sent');
    const reset = linkIn(await mailTo(h.t, email, 'reset-password'), '/reset-password');
    await h.visit(page, reset, 'new password form');
    await page.fill('#password', 'krótkie');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'new password, too short');
  });

  it('my account, password change, deletion request, with their errors and the pending request', async () => {
    const user = await createUser(h.t, { displayName: 'Marta Konto' });
    const { c, p } = await signedInPage(user);
    await h.visit(p, '/account', 'my account');
    await h.visit(p, '/account/password', 'change password form');
    await p.click('main button[type="submit"]');
    await p.waitForLoadState();
    await h.check(p, 'change password, empty');
    await h.visit(p, '/account/delete', 'deletion request form');
    await p.fill('#currentPassword', 'nie to hasło');
    await p.click('main button[type="submit"]');
    await p.waitForLoadState();
    await h.check(p, 'deletion request, wrong password');
    await p.fill('#currentPassword', DEFAULT_PASSWORD);
    await p.click('main button[type="submit"]');
    await p.waitForURL(/\/account$/);
    await h.check(p, 'my account with a pending deletion request');
    await c.close();
  });

  it('subscriptions: subscribe (anonymous and signed in), sent, confirm, confirmed, manage, saved, unsubscribe, invalid link', async () => {
    await h.visit(page, '/subscriptions/new', 'subscribe form');
    await page.uncheck('input[name="topics"][value="results"]');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'subscribe, no address and no topic');
    const email = uniqueEmail('sub');
    await page.fill('#email', email);
    await page.check('input[name="topics"][value="results"]');
    await page.click('main button[type="submit"]');
    await page.waitForURL(/check-email/);
    await h.check(page, 'subscription sent');
    const confirm = linkIn(await mailTo(h.t, email, 'subscriptions/confirm'), '/subscriptions/confirm');
    await h.visit(page, confirm, 'confirm the subscription');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'subscription confirmed');
    const manage =
      new URL((await page.getAttribute('main a[href*="/subscriptions/manage"]', 'href'))!).pathname +
      new URL((await page.getAttribute('main a[href*="/subscriptions/manage"]', 'href'))!).search;
    await h.visit(page, manage, 'manage the subscription');
    await page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="locale"][value="pl"]')!.setAttribute('value', 'xx'));
    await page.click('main form button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'manage, a refused value');
    await h.visit(page, manage, 'manage again');
    await page.click('main form button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'settings saved');
    await h.visit(page, manage.replace('/manage', '/unsubscribe'), 'unsubscribe');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'unsubscribed');
    await h.visit(page, '/subscriptions/manage?token=nonsense', 'an invalid link', 404);
    const user = await createUser(h.t);
    const { c, p } = await signedInPage(user);
    await h.visit(p, '/subscriptions/new', 'the account’s own notifications');
    await c.close();
  });

  it('the accessibility statement, the privacy notice and the error pages', async () => {
    await h.visit(page, '/accessibility', 'accessibility statement');
    await h.visit(page, '/privacy', 'privacy notice');
    await h.visit(page, '/no-such-page', 'not found', 404);
    await page.goto('/sign-in');
    await page.evaluate(() => document.querySelector('input[name="_csrf"]')!.remove());
    await page.fill('#email', 'a@example.pl');
    await page.fill('#password', 'jakieś hasło');
    await page.click('main button[type="submit"]');
    await page.waitForLoadState();
    await h.check(page, 'form refused without its token (403)');
  });

  it('the axe check finds what breaks the bar (a text without enough contrast, a field without a label), and only that', async () => {
    const c = await h.context();
    const p = await c.newPage();
    await p.setContent(
      '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Próba</title><style>p { color: #aaa; background: #bbb; }</style></head>' +
        '<body><main><h1>Próba</h1><h3>Skok poziomu</h3><p>Za słaby kontrast</p><input type="text" name="bez-etykiety"></main></body></html>',
    );
    // heading-order (h1 followed by h3) is a best practice, not a WCAG 2.1 A/AA rule: not reported.
    expect((await h.axe(p)).map((v) => v.id).sort()).toEqual(['color-contrast', 'label']);
    await c.close();
  });

  it('the 429 page', async () => {
    const t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1' });
    try {
      await t.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
      const c = await h.browser.newContext({ baseURL: base, locale: 'pl-PL' });
      const p = await c.newPage();
      track(p);
      for (let i = 0; i < 2; i++) {
        await p.goto('/forgot-password');
        await p.fill('#email', 'ktos@example.pl');
        await p.click('main button[type="submit"]');
        await p.waitForLoadState();
      }
      expect(await p.textContent('h1')).toBe('Zbyt wiele prób');
      await h.check(p, 'too many attempts (429)');
      await c.close();
    } finally {
      await t.close();
    }
  });
});
