import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { Page, PageClient } from '@civitas/web/testing';
import { actingAs, createUser, DEFAULT_PASSWORD, uniqueEmail } from '../factories/users.factory';
import { linkToken, startTestSmtp, TestSmtp } from '../helpers/smtp';

const PUBLIC_URL = 'https://civitas.test';

describe('account pages (e2e)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL, THROTTLE_AUTH_LIMIT: '1000' });
    db = t.app.get(DataSource);
    await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const hashOf = async (email: string) =>
    ((await db.query(`SELECT password_hash FROM users WHERE email = $1`, [email])) as Array<{ password_hash: string }>)[0]?.password_hash;
  const pathOf = (url: string) => url.slice(PUBLIC_URL.length);

  async function signIn(browser: PageClient, email: string, password: string, next?: string): Promise<Page> {
    const page = await browser.get(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    return browser.submit(page, { email, password });
  }

  it('the account journey: register → mailed link → confirm → sign in → my account → change password → sign out', async () => {
    const browser = new PageClient(t.app, { headers: { 'accept-language': 'en' } });
    const email = uniqueEmail('ewa');
    const home = await browser.get('/privacy');
    const registerPage = await browser.get(home.doc.querySelector('header a[href="/register"]')!.getAttribute('href')!);
    expect(registerPage.h1).toBe('Create an account');
    const sent = await browser.submit(registerPage, { displayName: ' Ewa Kowalska ', email: email.toUpperCase(), password: 'pierwsze hasło 1' });
    expect(sent.url).toBe('/register/check-email');
    expect(sent.h1).toBe('Check your e-mail');
    expect(sent.text()).not.toContain(email);

    // Not confirmed yet: the sign-in form says so.
    const early = await signIn(browser, email, 'pierwsze hasło 1');
    expect(early.status).toBe(422);
    expect(early.errorSummary[0].text).toMatch(/confirm/i);

    const mail = await smtp.waitForMail(email);
    const link = linkToken(mail, '/verify-email');
    // Opening the link confirms nothing by itself (mail scanners open links); the button does.
    const confirmPage = await browser.get(pathOf(link.url));
    expect(confirmPage.h1).toBe('Confirm your e-mail address');
    expect(
      ((await db.query(`SELECT email_verified_at FROM users WHERE email = $1`, [email])) as Array<{ email_verified_at: Date | null }>)[0].email_verified_at,
    ).toBeNull();
    const signInPage = await browser.submit(confirmPage, {});
    expect(signInPage.url).toBe('/sign-in');
    expect(signInPage.banner).toBe('Your e-mail address is confirmed. You can sign in now.');
    // The link is single-use.
    const reused = await browser.submit(confirmPage, {});
    expect(reused.status).toBe(422);
    expect(reused.h1).toBe('This link does not work');
    expect(reused.text()).toContain('This link has already been used.');

    // Sign in and come back to where the visitor was going.
    const account = await signIn(browser, email, 'pierwsze hasło 1', '/account');
    expect(account.url).toBe('/account');
    expect(account.banner).toBe('You are signed in.');
    expect(account.h1).toBe('My account');
    expect(account.text()).toContain('Ewa Kowalska');
    expect(account.text()).toContain(email);
    expect(account.text()).toContain('confirmed');
    expect(account.headers['cache-control']).toBe('no-store');
    expect(account.text('header')).toContain('Ewa Kowalska');

    // Change the password: the old one is needed, the new one must follow the policy.
    const before = await hashOf(email);
    const form = await browser.get('/account/password');
    const wrong = await browser.submit(form, { currentPassword: 'not my password', newPassword: 'drugie hasło 22' });
    expect(wrong.status).toBe(422);
    expect(wrong.fieldError('currentPassword')).toBe('The current password is incorrect.');
    const short = await browser.submit(wrong, { currentPassword: 'pierwsze hasło 1', newPassword: 'short' });
    expect(short.fieldError('newPassword')).toBe('Field “New password” must be at least 10 characters long.');
    expect(await hashOf(email)).toBe(before);
    const changed = await browser.submit(short, { currentPassword: 'pierwsze hasło 1', newPassword: 'drugie hasło 22' });
    expect(changed.url).toBe('/account');
    expect(changed.banner).toBe('Your password has been changed.');
    // The same form sent again (a double submit) changes nothing more: its current password is no longer right.
    const twice = await browser.submit(short, { currentPassword: 'pierwsze hasło 1', newPassword: 'trzecie hasło 333' });
    expect(twice.status).toBe(422);
    expect(twice.fieldError('currentPassword')).toBe('The current password is incorrect.');

    // Sign out (a POST from the header, with its token): every session ends.
    const signedOut = await browser.submit(changed, {}, { form: 'header form' });
    expect(signedOut.url).toBe('/');
    expect(signedOut.banner).toBe('You have been signed out on every device.');
    expect(signedOut.text('header')).toContain('Sign in');
    expect(browser.cookie('civitas_session')).toBeUndefined();
    expect((await browser.get('/account', { follow: false })).status).toBe(303);
    expect((await signIn(new PageClient(t.app), email, 'pierwsze hasło 1')).status).toBe(422);
    expect((await signIn(new PageClient(t.app), email, 'drugie hasło 22')).url).toBe('/');
  });

  it('registering an address that has an account looks the same and changes nothing; bad input is explained field by field', async () => {
    const existing = await createUser(t, { displayName: 'Pierwsza' });
    const hash = await hashOf(existing.email);
    const browser = new PageClient(t.app);
    const page = await browser.get('/register');
    const fresh = await browser.submit(page, { displayName: 'Ktoś', email: uniqueEmail('nowa'), password: 'jakieś hasło 123' });
    const again = await browser.submit(page, { displayName: 'Ktoś', email: existing.email, password: 'jakieś hasło 123' });
    expect(again.url).toBe('/register/check-email');
    expect(again.text()).toBe(fresh.text());
    expect(await hashOf(existing.email)).toBe(hash);
    expect(((await db.query(`SELECT display_name FROM users WHERE email = $1`, [existing.email])) as Array<{ display_name: string }>)[0].display_name).toBe(
      'Pierwsza',
    );

    const bad = await browser.submit(page, { displayName: 'x'.repeat(101), email: 'nie-adres', password: 'krótkie' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary).toEqual([
      { text: 'Pole „Imię i nazwisko albo nazwa” może mieć najwyżej 100 znaków.', field: 'displayName' },
      { text: 'Pole „Adres e-mail” musi być poprawnym adresem e-mail.', field: 'email' },
      { text: 'Pole „Hasło” musi mieć co najmniej 10 znaków.', field: 'password' },
    ]);
    // The page and the JSON API name the same fields with the same rules.
    const api = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ displayName: 'x'.repeat(101), email: 'nie-adres', password: 'krótkie' })
      .expect(422);
    expect(api.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'email', 'password']);
    expect(api.body.errors.find((e: { field: string }) => e.field === 'email').message).toBe('Pole email musi być poprawnym adresem e-mail.');
    const weird = await browser.submit(page, { displayName: 'Ala', email: ['a@b.pl', 'c@d.pl'], password: 'x'.repeat(200), extra: '1' });
    expect(weird.fieldError('email')).toBe('Pole „Adres e-mail” musi być tekstem.');
    expect(weird.fieldError('password')).toBe('Pole „Hasło” może mieć najwyżej 128 znaków.');
    expect(weird.errorSummary.at(-1)).toEqual({ text: 'Pole extra jest nieznane.', field: null });
    expect(((await db.query(`SELECT count(*)::int AS n FROM users WHERE email IN ('nie-adres', 'a@b.pl')`)) as Array<{ n: number }>)[0].n).toBe(0);
  });

  it('sign-in: a wrong password is one message; `next` goes only to this site; a signed-in visitor is sent on', async () => {
    const user = await createUser(t, { displayName: 'Olek' });
    const browser = new PageClient(t.app);
    const wrong = await signIn(browser, user.email, 'wrong password');
    expect(wrong.status).toBe(422);
    expect(wrong.errorSummary).toEqual([{ text: 'Nieprawidłowy adres e-mail lub hasło.', field: null }]);
    expect(wrong.value('email')).toBe(user.email);
    const empty = await browser.submit(wrong, { email: '', password: '' });
    expect(empty.errorSummary.map((e) => e.field)).toEqual(['email', 'password']);
    const evil = await signIn(browser, user.email, DEFAULT_PASSWORD, 'https://evil.example/phish');
    expect(evil.url).toBe('/');
    const again = await browser.get('/sign-in?next=%2Faccount', { follow: false });
    expect(again.location).toBe('/account');
    // The old address of the sign-in page (in mails sent before) still works.
    expect((await t.http().get('/login').expect(301)).headers.location).toBe('/sign-in');
  });

  it('a forgotten password: the mailed link sets a new one once; the page never says whether the address has an account', async () => {
    const user = await createUser(t, { locale: 'pl' });
    const browser = new PageClient(t.app);
    const unknown = await browser.submit(await browser.get('/forgot-password'), { email: uniqueEmail('nikt') });
    const known = await browser.submit(await browser.get('/forgot-password'), { email: user.email });
    expect(unknown.url).toBe('/forgot-password/check-email');
    expect(known.url).toBe(unknown.url);
    expect(known.text()).toBe(unknown.text());
    const invalid = await browser.submit(await browser.get('/forgot-password'), { email: 'zły' });
    expect(invalid.fieldError('email')).toBe('Pole „Adres e-mail” musi być poprawnym adresem e-mail.');

    const link = linkToken(await smtp.waitForMail(user.email), '/reset-password');
    const form = await browser.get(pathOf(link.url));
    expect(form.h1).toBe('Ustaw nowe hasło');
    const weak = await browser.submit(form, { password: 'krótkie' });
    expect(weak.fieldError('password')).toBe('Pole „Nowe hasło” musi mieć co najmniej 10 znaków.');
    const done = await browser.submit(weak, { password: 'nowe dobre hasło' });
    expect(done.url).toBe('/sign-in');
    expect(done.banner).toBe('Hasło zmienione. Zaloguj się nowym hasłem.');
    const reused = await browser.submit(weak, { password: 'jeszcze inne hasło' });
    expect(reused.h1).toBe('Ten link nie działa');
    expect(reused.doc.querySelector('main a[href="/forgot-password"]')).not.toBeNull();
    expect((await signIn(new PageClient(t.app), user.email, 'nowe dobre hasło')).url).toBe('/');
    expect((await browser.get('/reset-password')).status).toBe(404);
  });

  it('my data as JSON, a deletion request (confirmed by password, withdrawn, sent again) that an administrator carries out', async () => {
    const user = await createUser(t, { displayName: 'Zenon Zawada' });
    const browser = new PageClient(t.app);
    await signIn(browser, user.email, DEFAULT_PASSWORD);
    await actingAs(t, user)
      .put('/api/v1/me/subscription')
      .send({ topics: ['results'], frequency: 'immediate' })
      .expect(200);

    const download = await browser.get('/account/data');
    expect(download.headers['content-type']).toMatch(/application\/json/);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="civitas-account-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(download.html) as Record<string, Record<string, unknown>>;
    expect(data.account).toMatchObject({ email: user.email, displayName: 'Zenon Zawada', roles: ['resident'] });
    expect(data.subscription).toMatchObject({ topics: ['results'], topicsStatus: 'confirmed' });
    for (const part of ['budgetProjects', 'budgetEndorsements', 'consultationComments', 'consultationParticipation', 'initiatives', 'deletionRequests'])
      expect(data).toHaveProperty(part);
    expect(download.html).not.toMatch(/password|argon/i);

    const form = await browser.get('/account/delete');
    const wrong = await browser.submit(form, { reason: 'Wyprowadzam się.', currentPassword: 'nie to hasło' });
    expect(wrong.status).toBe(422);
    expect(wrong.fieldError('currentPassword')).toBe('Obecne hasło jest nieprawidłowe.');
    expect(wrong.value('reason')).toBe('Wyprowadzam się.');
    const tooLong = await browser.submit(form, { reason: 'x'.repeat(2001), currentPassword: DEFAULT_PASSWORD });
    expect(tooLong.fieldError('reason')).toBe('Pole „Powód” może mieć najwyżej 2000 znaków.');
    const requested = await browser.submit(form, { reason: 'Wyprowadzam się.', currentPassword: DEFAULT_PASSWORD });
    expect(requested.url).toBe('/account');
    expect(requested.banner).toMatch(/^Wniosek o usunięcie konta został wysłany/);
    expect(requested.text()).toMatch(/Twój wniosek o usunięcie konta z \d+ \S+ \d{4} czeka na rozpatrzenie/);
    // The same form sent twice: the second request is refused, one stays pending.
    const twice = await browser.submit(form, { reason: 'Wyprowadzam się.', currentPassword: DEFAULT_PASSWORD });
    expect(twice.status).toBe(422);
    expect(twice.errorSummary[0].text).toBe('Wniosek o usunięcie konta już czeka na rozpatrzenie.');
    const withdrawn = await browser.submit(requested, {}, { form: 'main form' });
    expect(withdrawn.banner).toBe('Wniosek o usunięcie konta wycofany.');
    await browser.submit(await browser.get('/account/delete'), { currentPassword: DEFAULT_PASSWORD });

    const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    const pending = await actingAs(t, admin).get('/api/v1/admin/account-deletions').expect(200);
    const mine = pending.body.find((r: { userId: string }) => r.userId === user.id);
    expect(mine).toMatchObject({ status: 'pending', email: user.email, displayName: 'Zenon Zawada', reason: null });
    await actingAs(t, user).get('/api/v1/admin/account-deletions').expect(403);
    await actingAs(t, admin).post(`/api/v1/admin/account-deletions/${mine.id}/complete`).send({}).expect(200);
    await actingAs(t, admin).post(`/api/v1/admin/account-deletions/${mine.id}/decline`).send({ note: 'x' }).expect(409);

    // The account is anonymised: no sign-in, no session, no subscription, no name.
    expect((await browser.get('/account', { follow: false })).status).toBe(303);
    expect((await signIn(new PageClient(t.app), user.email, DEFAULT_PASSWORD)).status).toBe(422);
    const [row] = (await db.query(`SELECT email, display_name, disabled_at FROM users WHERE id = $1`, [user.id])) as Array<{
      email: string;
      display_name: string;
      disabled_at: Date;
    }>;
    expect(row.email).toBe(`deleted-${user.id}@deleted.invalid`);
    expect(row.display_name).toBe('Konto usunięte');
    expect(row.disabled_at).not.toBeNull();
    expect(((await db.query(`SELECT count(*)::int AS n FROM subscribers WHERE user_id = $1`, [user.id])) as Array<{ n: number }>)[0].n).toBe(0);
  });

  it('every form of these pages refuses a POST without its CSRF token, or with another visitor’s, and changes nothing', async () => {
    const user = await createUser(t);
    const browser = new PageClient(t.app);
    await signIn(browser, user.email, DEFAULT_PASSWORD);
    const stranger = new PageClient(t.app);
    const foreignToken = (await stranger.get('/sign-in')).form().fields._csrf as string;
    const forms: Array<[string, string, Record<string, string>]> = [
      ['/account/password', 'main form', { currentPassword: DEFAULT_PASSWORD, newPassword: 'zupełnie nowe hasło' }],
      ['/account/delete', 'main form', { currentPassword: DEFAULT_PASSWORD }],
      ['/account', 'header form', {}],
      ['/subscriptions/new', 'main form', { topics: 'results', locale: 'pl', frequency: 'daily' }],
    ];
    const anonymous: Array<[string, string, Record<string, string>]> = [
      ['/sign-in', 'main form', { email: user.email, password: DEFAULT_PASSWORD }],
      ['/register', 'main form', { displayName: 'A', email: uniqueEmail('csrf'), password: 'dobre hasło 123' }],
      ['/forgot-password', 'main form', { email: user.email }],
      ['/', 'form#subscribe-box', { email: uniqueEmail('csrf') }],
    ];
    const before = {
      hash: await hashOf(user.email),
      users: ((await db.query(`SELECT count(*)::int AS n FROM users`)) as Array<{ n: number }>)[0].n,
      requests: ((await db.query(`SELECT count(*)::int AS n FROM account_deletion_requests`)) as Array<{ n: number }>)[0].n,
      outbox: ((await db.query(`SELECT count(*)::int AS n FROM outbox`)) as Array<{ n: number }>)[0].n,
    };
    for (const [client, list] of [
      [browser, forms],
      [new PageClient(t.app), anonymous],
    ] as const) {
      for (const [path, selector, values] of list) {
        const page = await client.get(path);
        expect(page.status).toBe(200);
        const missing = await client.submit(page, values, { form: selector, drop: ['_csrf'], follow: false });
        expect({ path, status: missing.status, h1: missing.h1 }).toEqual({ path, status: 403, h1: 'Formularz wygasł' });
        const foreign = await client.submit(page, { ...values, _csrf: foreignToken }, { form: selector, follow: false });
        expect({ path, status: foreign.status }).toEqual({ path, status: 403 });
      }
    }
    expect({
      hash: await hashOf(user.email),
      users: ((await db.query(`SELECT count(*)::int AS n FROM users`)) as Array<{ n: number }>)[0].n,
      requests: ((await db.query(`SELECT count(*)::int AS n FROM account_deletion_requests`)) as Array<{ n: number }>)[0].n,
      outbox: ((await db.query(`SELECT count(*)::int AS n FROM outbox`)) as Array<{ n: number }>)[0].n,
    }).toEqual(before);
    // Still signed in: the refused sign-out did not sign out.
    expect((await browser.get('/account')).h1).toBe('Moje konto');
  });
});
