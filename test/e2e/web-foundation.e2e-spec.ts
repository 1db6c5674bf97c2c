import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { scheduleWith } from '../factories/budget.factory';
import { YEAR, CRITERIA } from '../factories/initiatives.factory';
import { actingAs, createUser, uniqueEmail } from '../factories/users.factory';

const DAY = 24 * 3600_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

const count = async (t: TestApp, sql: string): Promise<number> => Number(((await t.app.get(DataSource).query(sql)) as Array<{ n: string }>)[0].n);
const admins = (t: TestApp) => count(t, `SELECT count(*) AS n FROM user_roles WHERE role = 'admin'`);

describe('web foundation: set-up, home, language, errors, headers (e2e)', () => {
  describe('on a fresh platform', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000' });
    });
    afterAll(() => t?.close());

    it('/ leads to the one-time set-up page; bad input changes nothing; the set-up signs the administrator in, names the city and disappears', async () => {
      const browser = new PageClient(t.app);
      const first = await browser.get('/', { follow: false });
      expect(first.status).toBe(303);
      expect(first.location).toBe('/setup');
      const setup = await browser.get('/');
      expect(setup.url).toBe('/setup');
      expect(setup.h1).toBe('Konfiguracja początkowa');
      expect(setup.title).toBe('Konfiguracja początkowa — Civitas');

      // Every field empty: each is named by its label, next to it and in the summary, in the form's order.
      const empty = await browser.submit(setup, { cityNamePl: '', cityNameEn: '', displayName: '', email: '', password: '' });
      expect(empty.status).toBe(422);
      expect(empty.title).toBe('Błąd: Konfiguracja początkowa — Civitas');
      expect(empty.errorSummary.map((e) => e.field)).toEqual(['cityNamePl', 'displayName', 'email', 'password']);
      expect(empty.fieldError('cityNamePl')).toBe('Pole „Nazwa miasta (po polsku)” musi mieć co najmniej 1 znaków.');
      expect(empty.fieldError('email')).toBe('Pole „Adres e-mail” musi być poprawnym adresem e-mail.');
      expect(empty.doc.querySelector('.govuk-error-summary')?.getAttribute('autofocus')).toBe('');

      // Too long, wrong types (a repeated field arrives as a list), an unknown field, and the password policy.
      const bad = await browser.submit(empty, {
        cityNamePl: 'M'.repeat(121),
        displayName: ['Ala', 'Ola'],
        email: 'admin@example.pl',
        password: 'admin@example.pl',
        role: 'owner',
      });
      expect(bad.status).toBe(422);
      expect(bad.fieldError('cityNamePl')).toBe('Pole „Nazwa miasta (po polsku)” może mieć najwyżej 120 znaków.');
      expect(bad.fieldError('displayName')).toBe('Pole „Imię i nazwisko albo nazwa” musi być tekstem.');
      expect(bad.errorSummary.map((e) => e.text)).toContain('Pole role jest nieznane.');
      // What was typed is kept, never the password.
      expect(bad.value('email')).toBe('admin@example.pl');
      expect(bad.doc.querySelector('input[name="password"]')?.getAttribute('value')).toBeUndefined();
      const policy = await browser.submit(
        bad,
        { cityNamePl: 'Nowa Wieś', displayName: 'Ala Admin', email: 'admin@example.pl', password: 'admin@example.pl' },
        { drop: ['role'] },
      );
      expect(policy.fieldError('password')).toBe('Hasło nie może być takie samo jak adres e-mail.');

      // A POST without the form's token, or with another visitor's, is a 403 page and changes nothing.
      const forged = await browser.submit(
        policy,
        { cityNamePl: 'Nowa Wieś', displayName: 'Ala', email: 'admin@example.pl', password: 'bardzo dobre hasło' },
        { drop: ['_csrf'] },
      );
      expect(forged.status).toBe(403);
      expect(forged.h1).toBe('Formularz wygasł');
      const other = new PageClient(t.app);
      const otherToken = (await other.get('/setup')).form().fields._csrf as string;
      const crossed = await browser.submit(policy, {
        _csrf: otherToken,
        cityNamePl: 'Nowa Wieś',
        displayName: 'Ala',
        email: 'admin@example.pl',
        password: 'bardzo dobre hasło',
      });
      expect(crossed.status).toBe(403);
      expect(await admins(t)).toBe(0);
      expect(await count(t, `SELECT count(*) AS n FROM site_settings`)).toBe(0);
      expect(await count(t, `SELECT count(*) AS n FROM users`)).toBe(0);

      const done = await browser.submit(policy, {
        cityNamePl: 'Nowa Wieś',
        cityNameEn: 'New Village',
        displayName: 'Ala Admin',
        email: 'Admin@Example.pl',
        password: 'bardzo dobre hasło',
      });
      expect(done.status).toBe(200);
      expect(done.url).toBe('/');
      expect(done.banner).toBe('Platforma jest gotowa. Jesteś zalogowany jako administrator.');
      expect(done.h1).toBe('Nowa Wieś');
      expect(done.title).toBe('Strona główna — Nowa Wieś');
      expect(done.text('header')).toContain('Ala Admin');
      expect(done.text('header')).toContain('Wyloguj się');
      const [admin] = (await t.app
        .get(DataSource)
        .query(
          `SELECT u.email, u.email_verified_at IS NOT NULL AS verified FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin'`,
        )) as Array<{ email: string; verified: boolean }>;
      expect(admin).toEqual({ email: 'admin@example.pl', verified: true });

      // Gone for good: the page, its POST, and from the home page.
      const gone = await browser.get('/setup');
      expect(gone.status).toBe(404);
      expect(gone.h1).toBe('Nie znaleziono strony');
      const late = await other.post('/setup', {
        _csrf: otherToken,
        cityNamePl: 'Przejęte',
        displayName: 'X',
        email: uniqueEmail('x'),
        password: 'bardzo dobre hasło',
      });
      expect(late.status).toBe(404);
      expect(await admins(t)).toBe(1);
      expect((await new PageClient(t.app).get('/')).h1).toBe('Nowa Wieś');
      // The English name in English.
      const en = await new PageClient(t.app, { headers: { 'accept-language': 'en' } }).get('/');
      expect(en.h1).toBe('New Village');
      expect(en.lang).toBe('en');
    });
  });

  it('two set-ups at once make exactly one administrator; the other person is told the platform is set up', async () => {
    const t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000' });
    try {
      const a = new PageClient(t.app);
      const b = new PageClient(t.app);
      const [pa, pb] = [await a.get('/setup'), await b.get('/setup')];
      const emails = [uniqueEmail('a'), uniqueEmail('b')];
      const results = await Promise.all([
        a.submit(pa, { cityNamePl: 'Miasto A', displayName: 'A', email: emails[0], password: 'bardzo dobre hasło' }),
        b.submit(pb, { cityNamePl: 'Miasto B', displayName: 'B', email: emails[1], password: 'bardzo dobre hasło' }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect([404, 409]).toContain(statuses[1]);
      const loser = results.find((r) => r.status !== 200)!;
      if (loser.status === 409) expect(loser.text()).toContain('Platforma ma już administratora');
      expect(await admins(t)).toBe(1);
      expect(await count(t, `SELECT count(*) AS n FROM users`)).toBe(1);
    } finally {
      await t.close();
    }
  });

  describe('on a set-up platform', () => {
    let t: TestApp;
    beforeAll(async () => {
      const logoDir = mkdtempSync(join(tmpdir(), 'civitas-logo-'));
      writeFileSync(join(logoDir, 'herb.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
      t = await createTestApp({
        THROTTLE_AUTH_LIMIT: '1000',
        CITY_LOGO: join(logoDir, 'herb.svg'),
        CITY_NAME: 'Gmina Testowo',
        CITY_NAME_EN: 'Testowo Municipality',
        CITY_BRAND_COLOUR: '#6a1b4d',
        CITY_CONTACT_EMAIL: 'bo@testowo.example',
        CITY_ADDRESS: 'ul. Rynek 1, 00-001 Testowo',
        ACCESSIBILITY_CONTACT_NAME: 'Jan Dostępny',
        ACCESSIBILITY_CONTACT_PHONE: '+48 12 345 67 89',
        ACCESSIBILITY_PUBLISHED: '2026-01-15',
        ACCESSIBILITY_UPDATED: '2026-11-30',
      });
      await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    });
    afterAll(() => t?.close());

    it('the home page says what will appear, then shows what is happening now, each with its link', async () => {
      const browser = new PageClient(t.app);
      const empty = await browser.get('/');
      expect(empty.status).toBe(200);
      expect(empty.h1).toBe('Gmina Testowo');
      expect(empty.all('main h2.govuk-heading-l')).toEqual(['Budżet obywatelski', 'Konsultacje społeczne', 'Inicjatywa lokalna']);
      expect(empty.text()).toContain('Nie ma jeszcze opublikowanej edycji budżetu obywatelskiego.');
      expect(empty.text()).toContain('Nie ma teraz otwartych ani zapowiedzianych konsultacji.');
      expect(empty.text()).toContain(`Miasto nie ogłosiło jeszcze programu inicjatywy lokalnej na rok ${YEAR}.`);
      expect(empty.h1).not.toBe('');
      expect(empty.doc.querySelector('form#subscribe-box')?.getAttribute('action')).toBe('/subscriptions/new');
      expect(empty.all('.govuk-service-navigation__link')).toEqual(['Budżet obywatelski', 'Konsultacje', 'Inicjatywa lokalna', 'Powiadomienia']);

      const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
      const as = actingAs(t, admin);
      const edition = await as
        .post('/api/v1/admin/editions')
        .send({ name: 'BO Testowo 2027', year: 2027, phases: scheduleWith('submission', 20) })
        .expect(201);
      await as.post(`/api/v1/admin/editions/${edition.body.id}/pools`).send({ name: 'Ogólnomiejska', amount: 100_000_000, signaturesRequired: 0 }).expect(201);
      await as.post(`/api/v1/admin/editions/${edition.body.id}/publish`).expect(200);
      const consultation = await as
        .post('/api/v1/admin/consultations')
        .send({
          title: 'Park nad rzeką',
          summary: 'Jak urządzić park nad rzeką?',
          body: '## Cel',
          topic: 'zieleń',
          organiserUnit: 'Wydział Zieleni',
          contact: 'zielen@testowo.example',
          areaIds: [],
          opensAt: inDays(8),
          closesAt: inDays(40),
        })
        .expect(201);
      await as.post(`/api/v1/admin/consultations/${consultation.body.id}/announce`).expect(200);
      await as
        .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
        .send({ intake: 'continuous', allocation: 10_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
        .expect(200);

      const full = await browser.get('/');
      const cards = full.doc.querySelectorAll('.civitas-card');
      expect(cards.map((c) => c.querySelector('a')?.getAttribute('href'))).toEqual([
        `/budget/${edition.body.id}`,
        `/consultations/${consultation.body.id}`,
        '/initiatives',
      ]);
      expect(full.text('.civitas-card')).toContain('Teraz: Zgłaszanie projektów');
      expect(full.text('.civitas-card')).toMatch(/Zgłoś projekt do \d{1,2} \S+ \d{4}\. Następnie: Ocena formalna od/);
      expect(full.text()).toContain('Zapowiedziane');
      expect(full.text()).toContain('100 000 zł');
      expect(full.text()).toContain('przez cały rok, do wyczerpania kwoty');

      // The same in English, after the switch in the header.
      const switched = await browser.get(full.doc.querySelector('.govuk-language-navigation a')!.getAttribute('href')!);
      expect(switched.url).toBe('/');
      expect(switched.lang).toBe('en');
      expect(switched.h1).toBe('Testowo Municipality');
      expect(switched.text('.civitas-card')).toContain('Now: Project submission');
      expect(switched.text()).toContain('PLN 100,000');
    });

    it('the language switch is remembered and only ever returns to a page of this site', async () => {
      const browser = new PageClient(t.app);
      const to = await browser.get('/language/en?next=%2Fprivacy', { follow: false });
      expect(to.status).toBe(303);
      expect(to.location).toBe('/privacy');
      expect(browser.cookie('civitas_lang')).toBe('en');
      expect((await browser.get('/privacy')).h1).toBe('Privacy notice');
      expect((await browser.get('/accessibility')).lang).toBe('en');
      for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example', '%2F%2Fevil.example']) {
        const r = await browser.get(`/language/pl?next=${encodeURIComponent(evil)}`, { follow: false });
        expect(r.location).toBe('/');
      }
      expect((await browser.get('/language/de')).status).toBe(404);
      // Accept-Language decides until the visitor chooses.
      expect((await new PageClient(t.app, { headers: { 'accept-language': 'en-GB,en;q=0.9' } }).get('/privacy')).lang).toBe('en');
      expect((await new PageClient(t.app, { headers: { 'accept-language': 'de, fr' } }).get('/privacy')).lang).toBe('pl');
    });

    it('errors are pages on page routes and problem+json under /api', async () => {
      const browser = new PageClient(t.app);
      const missing = await browser.get('/no-such-page');
      expect(missing.status).toBe(404);
      expect(missing.h1).toBe('Nie znaleziono strony');
      expect(missing.headers['cache-control']).toBe('no-store');
      const api = await t.http().get('/api/v1/no-such-route').expect(404);
      expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(api.body).toMatchObject({ status: 404, code: 'not_found' });
      // A page that needs an account sends to the sign-in page and back.
      const account = await browser.get('/account?tab=1', { follow: false });
      expect(account.status).toBe(303);
      expect(account.location).toBe('/sign-in?next=%2Faccount%3Ftab%3D1');
      // The 404 page of a signed-in visitor still shows who is signed in.
      const user = await createUser(t, { displayName: 'Basia Nowak' });
      const signedIn = new PageClient(t.app);
      signedIn.setCookie('civitas_session', user.token);
      const lost = await signedIn.get('/budget/abc/def');
      expect(lost.status).toBe(404);
      expect(lost.text('header')).toContain('Basia Nowak');
    });

    it('the accessibility statement and the privacy notice are filled from configuration', async () => {
      const page = await new PageClient(t.app).get('/accessibility');
      expect(page.h1).toBe('Deklaracja dostępności');
      const id = (x: string) => page.text(`#${x}`);
      expect(id('a11y-podmiot')).toBe('Gmina Testowo');
      expect(page.doc.querySelector('#a11y-url')?.getAttribute('href')).toBe(t.config.http.publicUrl);
      expect(id('a11y-data-publikacja')).toBe('2026-01-15');
      expect(id('a11y-data-aktualizacja')).toBe('2026-11-30');
      expect(id('a11y-data-sporzadzenie')).toBe('2026-11-30');
      expect(id('a11y-status')).toContain('częściowo zgodna');
      expect(id('a11y-osoba')).toBe('Jan Dostępny');
      expect(id('a11y-email')).toBe('bo@testowo.example');
      expect(id('a11y-telefon')).toBe('+48 12 345 67 89');
      for (const section of ['a11y-kontakt', 'a11y-procedura', 'a11y-architektura', 'a11y-aplikacje'])
        expect(page.doc.querySelector(`#${section}`)).not.toBeNull();
      expect(page.text('footer')).toContain('ul. Rynek 1, 00-001 Testowo');
      expect(page.doc.querySelector('footer a[href="/accessibility"]')).not.toBeNull();
      const privacy = await new PageClient(t.app).get('/privacy');
      expect(privacy.text()).toContain('Administratorem danych osobowych jest Gmina Testowo.');
      expect(privacy.text()).toContain('Prezesa Urzędu Ochrony Danych Osobowych');
    });

    it('headers: a CSP without inline script or style, compressed pages, revalidated public pages, immutable assets, the brand colour from configuration', async () => {
      const home = await t.http().get('/').set('accept-encoding', 'br, gzip').expect(200);
      const csp = home.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self';");
      expect(csp).not.toContain('unsafe-inline');
      expect(home.headers['content-encoding']).toBe('br');
      expect(home.headers.vary).toMatch(/Cookie/);
      // A page with a form carries the visitor's token: never stored. One without is revalidated by its ETag.
      expect(home.headers['cache-control']).toBe('no-store');
      expect(home.headers.etag).toBeUndefined();
      const again = await t.http().get('/privacy').expect(200);
      expect(again.headers.etag).toMatch(/^W\/"/);
      expect(again.headers['cache-control']).toBe('private, no-cache');
      await t.http().get('/privacy').set('if-none-match', again.headers.etag).expect(304);
      // Only the third-party OpenAPI UI keeps inline styles.
      const docs = await t.http().get('/api/docs').redirects(1);
      expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(docs.headers['content-security-policy']).toContain("script-src 'self';");

      const page = await new PageClient(t.app).get('/privacy');
      const links = page.doc.querySelectorAll('link[rel="stylesheet"]').map((l) => l.getAttribute('href')!);
      expect(links).toHaveLength(2);
      for (const href of [...links, page.doc.querySelector('script[type="module"]')!.getAttribute('src')!]) {
        expect(href).toMatch(/^\/assets\/[a-z-]+\.[0-9a-f]{12}\.(css|js)$/);
        const asset = await t.http().get(href).set('accept-encoding', 'br').expect(200);
        expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(asset.headers['content-encoding']).toBe('br');
        await t.http().get(href).set('if-none-match', asset.headers.etag).expect(304);
      }
      const theme = await t
        .http()
        .get(links[1])
        .buffer(true)
        .parse((res, cb) => {
          let s = '';
          res.on('data', (c: Buffer) => (s += c.toString()));
          res.on('end', () => cb(null, s));
        });
      expect(theme.body).toContain('--civitas-brand:#6a1b4d');
      await t.http().get('/assets/civitas.000000000000.css').expect(404);
      // The city's logo, before its name in the header (decorative: the name is the link's text), fingerprinted.
      const logo = page.doc.querySelector('header img.civitas-header__logo');
      expect(logo?.getAttribute('alt')).toBe('');
      expect(logo?.getAttribute('src')).toMatch(/^\/assets\/logo\.[0-9a-f]{12}\.svg$/);
      const svg = await t.http().get(logo!.getAttribute('src')!).expect(200);
      expect(svg.headers['content-type']).toBe('image/svg+xml');
    });
  });

  it('the shared home page: rendered once for anonymous visitors, each form with the visitor’s own token', async () => {
    const t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000', HOME_CACHE_MS: '60000' });
    try {
      const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
      const [a, b] = [new PageClient(t.app), new PageClient(t.app)];
      const pa = await a.get('/');
      // Content published now shows after the cache time, not at once…
      await actingAs(t, admin)
        .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
        .send({ intake: 'continuous', allocation: 10_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
        .expect(200);
      const pb = await b.get('/');
      expect(pb.text()).toBe(pa.text());
      const [ta, tb] = [pa.form('form#subscribe-box').fields._csrf, pb.form('form#subscribe-box').fields._csrf];
      expect(ta).not.toBe(tb);
      expect(pa.html).not.toContain('__civitas_csrf_token_slot__');
      // …and each visitor's token works for that visitor only.
      expect((await b.submit(pb, { email: uniqueEmail('b') }, { form: 'form#subscribe-box' })).url).toBe('/subscriptions/new/check-email');
      expect((await a.submit(pb, { email: uniqueEmail('a') }, { form: 'form#subscribe-box', follow: false })).status).toBe(403);
      expect(pb.text()).not.toContain('przez cały rok');
      // A signed-in visitor gets a page of their own (the sections' data is shared all the same).
      const signedIn = new PageClient(t.app);
      signedIn.setCookie('civitas_session', admin.token);
      const own = await signedIn.get('/');
      expect(own.text('header')).toContain('Wyloguj się');
      expect(own.text('header')).not.toContain('Zaloguj się');
      expect(pa.text('header')).toContain('Zaloguj się');
    } finally {
      await t.close();
    }
  });

  it('a page of many failed sign-ins is a 429 page that says how long to wait', async () => {
    const t = await createTestApp({ THROTTLE_AUTH_LIMIT: '2' });
    try {
      await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
      const browser = new PageClient(t.app);
      let page = await browser.get('/sign-in');
      for (let i = 0; i < 2; i++) {
        page = await browser.submit(page, { email: 'kto@example.pl', password: 'złe hasło 123' });
        expect(page.status).toBe(422);
      }
      const limited = await browser.submit(page, { email: 'kto@example.pl', password: 'złe hasło 123' });
      expect(limited.status).toBe(429);
      expect(limited.h1).toBe('Zbyt wiele prób');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.text()).toMatch(/Spróbuj ponownie za \d+ s\./);
    } finally {
      await t.close();
    }
  });
});
