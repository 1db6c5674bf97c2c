import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { createUser, signedIn, TestUser } from '../factories/users.factory';

describe('the officials’ desk: start page and its parts (e2e)', () => {
  let t: TestApp;
  let resident: TestUser;
  let moderator: TestUser;
  let official: TestUser;
  let districtOfficial: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const district = await createArea(t, { name: 'Śródmieście', kind: 'district' });
    resident = await createUser(t, { displayName: 'Rezydent Zwykły' });
    moderator = await createUser(t, { grants: [{ role: 'moderator', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    districtOfficial = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
  });
  afterAll(() => t.close());

  it('anonymous visitors are sent to sign in and come back to the desk', async () => {
    const res = await new PageClient(t.app).get('/desk', { follow: false });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fdesk');
  });

  it('a resident gets the 403 page and no desk link in the header', async () => {
    const c = await signedIn(t, resident);
    const page = await c.get('/desk');
    expect(page.status).toBe(403);
    expect(page.h1).not.toBe('');
    const home = await c.get('/');
    expect(home.doc.querySelector('a[href="/desk"]')).toBeNull();
    for (const part of ['budget', 'voting', 'consultations', 'initiatives', 'admin']) expect((await c.get(`/desk/${part}`)).status).toBe(403);
  });

  it('each role sees its parts of the desk in the side navigation, with the desk link in the header (Polish: the accounts’ language)', async () => {
    const parts = async (u: TestUser) => {
      const c = await signedIn(t, u);
      const page = await c.get('/desk');
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Co na mnie czeka');
      expect(page.doc.querySelector('header a[href="/desk"]')?.getAttribute('aria-current')).toBe('page');
      return page.all('nav.civitas-desk-nav a');
    };
    expect(await parts(moderator)).toEqual(['Co na mnie czeka', 'Konsultacje']);
    const officials = ['Co na mnie czeka', 'Budżet obywatelski', 'Głosowanie i wyniki', 'Konsultacje', 'Inicjatywa lokalna', 'Administracja'];
    expect(await parts(official)).toEqual(officials);
    expect(await parts(districtOfficial)).toEqual(officials);
    expect(await parts(admin)).toEqual(['Co na mnie czeka', 'Budżet obywatelski', 'Głosowanie i wyniki', 'Konsultacje', 'Inicjatywa lokalna', 'Administracja']);
  });

  it('a part of the desk answers those who work in it: 403 for other roles, 404 for a part that does not exist', async () => {
    const m = await signedIn(t, moderator);
    expect((await m.get('/desk/consultations')).status).toBe(200);
    expect((await m.get('/desk/budget')).status).toBe(403);
    expect((await m.get('/desk/admin')).status).toBe(403);
    const o = await signedIn(t, official);
    expect((await o.get('/desk/initiatives')).status).toBe(200);
    // Officials see the administration's mail deliveries, not its accounts and areas.
    const admin_ = await o.get('/desk/admin');
    expect(admin_.status).toBe(200);
    expect(admin_.all('main a')).toContain('Wysyłki e-maili');
    expect(admin_.all('main a')).not.toContain('Konta i role');
    expect((await o.get('/desk/nothing-here')).status).toBe(404);
    const a = await signedIn(t, admin);
    expect((await a.get('/desk/admin')).status).toBe(200);
  });

  it('the start page names the roles held, in Polish by default', async () => {
    const c = await signedIn(t, districtOfficial);
    const page = await c.get('/desk');
    expect(page.title).toMatch(/^Co na mnie czeka — Biurko urzędnika — /);
    expect(page.text()).toContain('Twoje role: urzędnik.');
  });
});
