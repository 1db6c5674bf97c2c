import type { BrowserContextOptions, Page } from 'playwright-core';
import { createUser, uniqueEmail } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

const linkIn = (text: string, path: string) => {
  const m = new RegExp(`https?://[^/\\s]+(${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_.%-]+)`).exec(text);
  if (!m) throw new Error(`No ${path} link in: ${text}`);
  return m[1];
};

/** Presses a key and waits for the page it leads to. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Moves the focus to a field with Tab and types into it. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

const focusedIsErrorSummary = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false);

/**
 * The account journey — register → the mailed link → sign in → change the password → sign out — with the keyboard
 * only (Tab, Shift-Tab, Enter, typing): once with JavaScript, once with JavaScript switched off, once 320 CSS px
 * wide. Every page on the way passes axe; at 320 px none scrolls sideways; after a failed submit the focus is on
 * the error summary.
 */
describe('the account journey with the keyboard only (browser)', () => {
  const h = new Harness();

  beforeAll(async () => {
    await h.start();
    await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
  });
  afterAll(() => h.stop('journeys'));

  async function journey(name: string, opts: BrowserContextOptions, narrow: boolean): Promise<void> {
    const ctx = await h.context(opts);
    const page = await ctx.newPage();
    const step = async (state: string) => {
      await h.check(page, `${name}: ${state}`);
      if (narrow) await expectNoHorizontalScroll(page);
    };
    try {
      await page.goto('/');
      await step('home');
      // From the home page to the registration page: the header's link, found with Tab.
      await tabTo(page, 'header a[href="/register"]');
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Załóż konto');
      await step('registration form');

      // A failed submit: the focus lands on the error summary.
      await tabTo(page, 'main button[type="submit"]');
      await pressAndLoad(page);
      expect(await focusedIsErrorSummary(page)).toBe(true);
      await step('registration errors');
      // The summary's link moves to its field.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#displayName');

      const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '-'));
      await typeInto(page, '#displayName', 'Klara Klawiatura');
      await typeInto(page, '#email', email);
      await typeInto(page, '#password', 'pierwsze hasło 1');
      await tabTo(page, 'main button[type="submit"]');
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Sprawdź skrzynkę e-mail');
      await step('registration sent');

      // The mailed link, then its one button.
      await page.goto(linkIn(await mailTo(h.t, email, 'verify-email'), '/verify-email'));
      await step('confirm address');
      await tabTo(page, 'main button[type="submit"]');
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toContain('Adres e-mail potwierdzony');
      await step('sign-in after confirming');

      await typeInto(page, '#email', email);
      await typeInto(page, '#password', 'pierwsze hasło 1');
      await tabTo(page, 'main button[type="submit"]');
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toBe('Zalogowano.');
      await step('home, signed in');

      await tabTo(page, 'header a[href="/account"]');
      await pressAndLoad(page);
      await step('my account');
      await tabTo(page, 'main a[href="/account/password"]');
      await pressAndLoad(page);
      await step('change password form');
      await typeInto(page, '#currentPassword', 'to nie jest hasło');
      await typeInto(page, '#newPassword', 'drugie hasło 22');
      await tabTo(page, 'main button[type="submit"]');
      await pressAndLoad(page);
      expect(await focusedIsErrorSummary(page)).toBe(true);
      expect(await page.textContent('#currentPassword-error')).toContain('Obecne hasło jest nieprawidłowe.');
      await step('change password, wrong current password');
      await typeInto(page, '#currentPassword', 'pierwsze hasło 1');
      await typeInto(page, '#newPassword', 'drugie hasło 22');
      await tabTo(page, 'main button[type="submit"]');
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toBe('Hasło zostało zmienione.');
      await step('password changed');

      // Sign out: the header's button (a form with its CSRF token), reached by going backwards from the content.
      await tabTo(page, 'header button.civitas-account__button', { back: true });
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toBe('Wylogowano ze wszystkich urządzeń.');
      await step('signed out');
      expect(await page.textContent('header')).toContain('Zaloguj się');
      h.journeys.push(name);
    } finally {
      await ctx.close();
    }
  }

  it('with JavaScript', () => journey('keyboard only', { viewport: { width: 1280, height: 900 } }, false));
  it('with JavaScript switched off', () =>
    journey('keyboard only, JavaScript off', { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } }, false));
  it('320 CSS px wide (no horizontal scrolling)', () => journey('keyboard only, 320 px', { viewport: { width: 320, height: 640 } }, true));
});
