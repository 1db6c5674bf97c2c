import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient, type Page } from '@civitas/web/testing';
import { SHARED_PAGES } from '@civitas/web';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

/** The titles of the cards on a list page, in order. */
const cards = (page: Page) => page.all('.civitas-card h3 a');

/**
 * The budget's public pages as anonymous visitors share them (HOME_CACHE_MS on, as in production): rendered once per
 * address and language, sent with one ETag and pre-compressed bodies; signed-in visitors, flash messages and answers
 * other than 200 never shared; the table of shared pages bounded.
 */
describe('participatory budget pages shared by anonymous visitors (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let edition: string;
  let pool: string;
  let first: string;

  const as = (u: TestUser) => actingAs(t, u);
  const signedIn = (u: TestUser) => {
    const c = new PageClient(t.app);
    c.setCookie('civitas_session', u.token);
    return c;
  };
  const raw = (url: string, headers: Record<string, string> = {}) => t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });

  async function submitProject(title: string): Promise<string> {
    const p = await as(anna)
      .post(`/api/v1/editions/${edition}/projects`)
      .send({ poolId: pool, title, summary: 's', description: 'd', justification: 'j', costItems: [{ description: 'Koszt', amount: 1_000_000 }] })
      .expect(201);
    await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
    return p.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000', HOME_CACHE_MS: '600000' });
    await createArea(t, { name: 'Gdynia', kind: 'city', residentCount: 250_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Autorka' });
    ben = await createUser(t, { displayName: 'Ben Mieszkaniec' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO Gdynia 2027', year: 2027, phases: scheduleWith('submission'), rules: { onlineEndorsements: true, requiredFields: ['summary'] } })
      .expect(201);
    edition = e.body.id;
    const p = await as(admin)
      .post(`/api/v1/admin/editions/${edition}/pools`)
      .send({ name: 'Ogólnomiejska', amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    pool = p.body.pools[0].id;
    await as(admin).post(`/api/v1/admin/editions/${edition}/publish`).expect(200);
    first = await submitProject('Ławki na bulwarze');
  });

  afterAll(async () => {
    await t.close();
  });

  it('anonymous visitors of a list share one render; a signed-in visitor sees a change at once', async () => {
    const url = `/budget/${edition}/projects?sort=newest`;
    const a = await new PageClient(t.app).get(url);
    expect(cards(a)).toEqual(['Ławki na bulwarze']);
    await submitProject('Zielony skwer przy dworcu');
    const b = await new PageClient(t.app).get(url);
    expect(b.html).toBe(a.html);
    expect(cards(b)).toEqual(['Ławki na bulwarze']);
    // Signed in: rendered for them, with the new project, never stored by the browser.
    const own = await signedIn(ben).get(url);
    expect(cards(own)).toEqual(['Zielony skwer przy dworcu', 'Ławki na bulwarze']);
    expect(own.headers['cache-control']).toBe('no-store');
    // Another address (another page of the same list) is its own render.
    const other = await new PageClient(t.app).get(`/budget/${edition}/projects?sort=cost_desc`);
    expect(cards(other)).toHaveLength(2);
    // The language is part of the address of a shared page.
    const en = new PageClient(t.app);
    en.setCookie('civitas_lang', 'en');
    const english = await en.get(url);
    expect(english.h1).toBe('Projects');
    expect(cards(english)).toHaveLength(2);
  });

  it('a shared page without forms: one ETag, 304 on revalidation, the body pre-compressed for brotli and gzip, plain without either', async () => {
    const url = `/budget/${edition}/projects?sort=cost_asc`;
    const plain = await raw(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('private, no-cache');
    expect(plain.headers.vary).toBe('Cookie, Accept-Language, Accept-Encoding');
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(etag);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await raw(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(plain.body).toContain('Ławki na bulwarze');
    const revalidated = await raw(url, { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('a bad filter is a 422 for every visitor and is not kept; an unknown edition is the 404 page each time', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await new PageClient(t.app).get(`/budget/${edition}/projects?sort=newest&status=draft`);
      expect(bad.status).toBe(422);
      expect(bad.doc.querySelector('.govuk-error-summary')).not.toBeNull();
    }
    const missing = '00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 2; i++) expect((await raw(`/budget/${missing}/projects?seed=1`)).statusCode).toBe(404);
  });

  it('a project page: anonymous visitors share it (a link to sign in to support); a signed-in resident gets the form with their own token', async () => {
    const anonymous = await new PageClient(t.app).get(`/projects/${first}`);
    expect(anonymous.h1).toContain('Ławki na bulwarze');
    expect(anonymous.doc.querySelector('#support-form')).toBeNull();
    expect(anonymous.text('.civitas-support')).toContain('Zaloguj się, aby poprzeć ten projekt');
    const again = await new PageClient(t.app).get(`/projects/${first}`);
    expect(again.html).toBe(anonymous.html);
    const resident = signedIn(ben);
    const own = await resident.get(`/projects/${first}`);
    expect(own.form('#support-form').fields._csrf).toBeTruthy();
    expect(own.html).not.toContain('__civitas_csrf_token_slot__');
    // Supporting: the flash page is rendered for the resident, who sees the support given.
    const after = await resident.submit(own, {}, { form: '#support-form' });
    expect(after.url).toBe(`/projects/${first}`);
    expect(after.banner).toBe('Poparłeś ten projekt.');
    expect(after.text('#supporters')).toBe('1 osoba');
    // The shared page still says what it said (one supporter is news within HOME_CACHE_MS, not at once).
    expect((await new PageClient(t.app).get(`/projects/${first}`)).html).toBe(anonymous.html);
  });

  it(`keeps at most ${SHARED_PAGES} pages: the least recently used is rendered anew, a recent one is still shared`, async () => {
    const url = (i: number) => `/budget/${edition}/projects?sort=newest&q=${i}x`;
    const oldest = await raw(`/budget/${edition}?v=oldest`);
    const kept = await raw(`/budget/${edition}?v=kept`);
    for (let i = 0; i < SHARED_PAGES - 1; i++) {
      expect((await raw(url(i))).statusCode).toBe(200);
      // The kept page is used all along: it stays.
      if (i % 50 === 0) await raw(`/budget/${edition}?v=kept`);
    }
    // A change every visitor would see on a fresh render: the edition's name.
    await as(admin).patch(`/api/v1/admin/editions/${edition}`).send({ name: 'BO Gdynia 2027 — edycja jesienna' }).expect(200);
    expect((await raw(`/budget/${edition}?v=oldest`)).body).toContain('edycja jesienna');
    expect(oldest.body).not.toContain('edycja jesienna');
    const stillShared = await raw(`/budget/${edition}?v=kept`);
    expect(stillShared.body).toBe(kept.body);
  });
});
