import type { Test } from 'supertest';
import { AccessService, AuthenticatedUser, SessionService } from '@civitas/auth';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { bearer, createUser, sessionToken, TestUser, uniqueEmail } from '../factories/users.factory';

const WHO = ['anonymous', 'resident', 'moderator', 'official', 'officialElsewhere', 'admin'] as const;
type Who = (typeof WHO)[number];

/** Expected status per caller; a number alone means the same for everyone. */
type Expect = number | Record<Who, number>;

const signedIn = (anonymous: number, others: number): Record<Who, number> => ({
  anonymous,
  resident: others,
  moderator: others,
  official: others,
  officialElsewhere: others,
  admin: others,
});
const adminOnly = (ok: number): Record<Who, number> => ({ ...signedIn(401, 403), admin: ok });

describe('route × role access matrix (e2e)', () => {
  let t: TestApp;
  let users: Record<Exclude<Who, 'anonymous'>, TestUser>;
  let area: { city: string; d1: string; d2: string; n1: string; n2: string };
  let target: TestUser;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000' });
    const city = await createArea(t, { name: 'Wrocław', kind: 'city' });
    const d1 = await createArea(t, { name: 'Krzyki', kind: 'district', parentId: city });
    const d2 = await createArea(t, { name: 'Psie Pole', kind: 'district', parentId: city });
    area = {
      city,
      d1,
      d2,
      n1: await createArea(t, { name: 'Borek', kind: 'neighbourhood', parentId: d1 }),
      n2: await createArea(t, { name: 'Karłowice', kind: 'neighbourhood', parentId: d2 }),
    };
    users = {
      resident: await createUser(t),
      moderator: await createUser(t, { grants: [{ role: 'moderator', areaId: null }] }),
      official: await createUser(t, { grants: [{ role: 'official', areaId: null }] }),
      officialElsewhere: await createUser(t, { grants: [{ role: 'official', areaId: d2 }] }),
      admin: await createUser(t, { grants: [{ role: 'admin', areaId: null }] }),
    };
    target = await createUser(t);
  });
  afterAll(() => t?.close());

  const as = (who: Who, req: Test): Test => (who === 'anonymous' ? req : req.set(...bearer(users[who].token)));

  const routes: Array<{ route: string; call: () => Test; expect: Expect }> = [
    { route: 'GET /api/v1/me', call: () => t.http().get('/api/v1/me'), expect: signedIn(401, 200) },
    { route: 'GET /api/v1/areas', call: () => t.http().get('/api/v1/areas'), expect: 200 },
    { route: 'GET /api/v1/areas/:id', call: () => t.http().get(`/api/v1/areas/${area.n1}`), expect: 200 },
    {
      route: 'POST /api/v1/areas',
      call: () =>
        t
          .http()
          .post('/api/v1/areas')
          .send({ name: `Osiedle ${++n}`, kind: 'neighbourhood', parentId: area.d1 }),
      expect: adminOnly(201),
    },
    {
      route: 'PATCH /api/v1/areas/:id',
      call: () => t.http().patch(`/api/v1/areas/${area.d1}`).send({ residentCount: ++n }),
      expect: adminOnly(200),
    },
    { route: 'GET /api/v1/users', call: () => t.http().get('/api/v1/users?q=example&role=moderator'), expect: adminOnly(200) },
    { route: 'GET /api/v1/users/:id', call: () => t.http().get(`/api/v1/users/${target.id}`), expect: adminOnly(200) },
    {
      route: 'PUT /api/v1/users/:id/roles',
      call: () =>
        t
          .http()
          .put(`/api/v1/users/${target.id}/roles`)
          .send({ roles: [{ role: 'moderator', areaIds: [area.d1] }] }),
      expect: adminOnly(200),
    },
    {
      // Past the guards the use case checks the current password (422 here): the route is open to every account.
      route: 'POST /api/v1/auth/password',
      call: () => t.http().post('/api/v1/auth/password').send({ currentPassword: 'not the password', newPassword: 'nowe hasło 12345' }),
      expect: signedIn(401, 422),
    },
    {
      route: 'POST /api/v1/auth/register',
      call: () =>
        t
          .http()
          .post('/api/v1/auth/register')
          .send({ email: uniqueEmail('m'), password: 'dobre hasło 123', displayName: 'M' }),
      expect: 201,
    },
    {
      route: 'POST /api/v1/auth/login',
      call: () => t.http().post('/api/v1/auth/login').send({ email: target.email, password: 'wrong password' }),
      expect: 401,
    },
    { route: 'POST /api/v1/auth/verify-email', call: () => t.http().post('/api/v1/auth/verify-email').send({ token: 'bogus' }), expect: 422 },
    {
      route: 'POST /api/v1/auth/password-reset',
      call: () =>
        t
          .http()
          .post('/api/v1/auth/password-reset')
          .send({ email: uniqueEmail('r') }),
      expect: 202,
    },
    {
      route: 'POST /api/v1/auth/password-reset/confirm',
      call: () => t.http().post('/api/v1/auth/password-reset/confirm').send({ token: 'bogus', password: 'dobre hasło 123' }),
      expect: 422,
    },
    { route: 'GET /api/v1/me/data', call: () => t.http().get('/api/v1/me/data'), expect: signedIn(401, 200) },
    {
      // Past the guards the use case checks the password (422 here).
      route: 'POST /api/v1/me/deletion-request',
      call: () => t.http().post('/api/v1/me/deletion-request').send({ currentPassword: 'not the password' }),
      expect: signedIn(401, 422),
    },
    { route: 'DELETE /api/v1/me/deletion-request', call: () => t.http().delete('/api/v1/me/deletion-request'), expect: signedIn(401, 404) },
    { route: 'GET /api/v1/admin/account-deletions', call: () => t.http().get('/api/v1/admin/account-deletions'), expect: adminOnly(200) },
    {
      route: 'POST /api/v1/admin/account-deletions/:id/complete',
      call: () => t.http().post('/api/v1/admin/account-deletions/7f3e1a52-5a1d-4c1e-9d7e-0d8f5b7e9a11/complete').send({}),
      expect: adminOnly(404),
    },
    {
      route: 'POST /api/v1/admin/account-deletions/:id/decline',
      call: () =>
        t.http().post('/api/v1/admin/account-deletions/7f3e1a52-5a1d-4c1e-9d7e-0d8f5b7e9a11/decline').send({ note: 'Konto jest potrzebne do rozliczenia.' }),
      expect: adminOnly(404),
    },
  ];

  for (const r of routes) {
    it(`${r.route}`, async () => {
      const seen: Record<string, number> = {};
      const codes: Record<string, string> = {};
      for (const who of WHO) {
        const res = await as(who, r.call());
        seen[who] = res.status;
        if (res.status === 401 || res.status === 403) codes[who] = res.body.code;
      }
      const expected = typeof r.expect === 'number' ? Object.fromEntries(WHO.map((w) => [w, r.expect])) : r.expect;
      expect(seen).toEqual(expected);
      for (const [who, code] of Object.entries(codes)) {
        const status = seen[who];
        if (r.route === 'POST /api/v1/auth/login') expect(code).toBe('invalid_credentials');
        else expect(code).toBe(status === 401 ? 'authentication_required' : 'forbidden');
      }
    });
  }

  it('POST /api/v1/auth/logout (last: it ends the sessions)', async () => {
    for (const who of WHO) {
      const res = await as(who, t.http().post('/api/v1/auth/logout'));
      expect({ who, status: res.status }).toEqual({ who, status: 204 });
      if (who !== 'anonymous') {
        await t
          .http()
          .get('/api/v1/me')
          .set(...bearer(users[who].token))
          .expect(401);
        users[who].token = await sessionToken(t, users[who].id);
      }
    }
  });

  it('limits an official to the granted area and its descendants (AccessService over the area tree)', async () => {
    const access = t.app.get(AccessService);
    const sessions = t.app.get(SessionService);
    const load = (u: TestUser): Promise<AuthenticatedUser> => sessions.authenticate(u.token);
    const elsewhere = await load(users.officialElsewhere);
    expect(elsewhere.roles).toEqual(['resident', 'official']);
    expect(await access.hasRole(elsewhere, 'official', area.d2)).toBe(true);
    expect(await access.hasRole(elsewhere, 'official', area.n2)).toBe(true);
    expect(await access.hasRole(elsewhere, 'official', area.d1)).toBe(false);
    expect(await access.hasRole(elsewhere, 'official', area.n1)).toBe(false);
    expect(await access.hasRole(elsewhere, 'official', area.city)).toBe(false);
    expect(await access.hasRole(elsewhere, 'official', null)).toBe(false);
    expect(await access.hasRole(elsewhere, 'official')).toBe(true);
    expect(await access.hasRole(elsewhere, 'moderator', area.n2)).toBe(false);
    await expect(access.assertRole(elsewhere, 'official', area.n1)).rejects.toMatchObject({ code: 'forbidden' });

    const official = await load(users.official);
    for (const a of Object.values(area)) expect(await access.hasRole(official, 'official', a)).toBe(true);
    expect(await access.hasRole(official, 'official', null)).toBe(true);
    expect(await access.hasRole(official, 'moderator', area.n1)).toBe(false);

    const admin = await load(users.admin);
    expect(await access.hasRole(admin, 'moderator', area.n1)).toBe(true);
    const resident = await load(users.resident);
    expect(await access.hasRole(resident, 'resident', area.n1)).toBe(true);
    expect(await access.hasRole(resident, 'official')).toBe(false);
  });

  it('replaces roles in one step, shows them, and applies a revoked role at once', async () => {
    const adminAuth = bearer(users.admin.token);
    const second = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    await t
      .http()
      .get(`/api/v1/users/${target.id}`)
      .set(...bearer(second.token))
      .expect(200);

    const put = await t
      .http()
      .put(`/api/v1/users/${second.id}/roles`)
      .set(...adminAuth)
      .send({ roles: [{ role: 'official', areaIds: [area.d2, area.d2, area.n1] }, { role: 'moderator' }] })
      .expect(200);
    expect(put.body).toMatchObject({
      id: second.id,
      roles: ['resident', 'moderator', 'official'],
      grants: [
        { role: 'moderator', areaIds: null },
        { role: 'official', areaIds: expect.arrayContaining([area.d2, area.n1]) },
      ],
    });
    expect(put.body.grants[1].areaIds).toHaveLength(2);
    // The old admin's session is still valid but the admin rights are gone at once.
    const denied = await t
      .http()
      .get(`/api/v1/users/${target.id}`)
      .set(...bearer(second.token))
      .expect(403);
    expect(denied.body.code).toBe('forbidden');
    const me = await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(second.token))
      .expect(200);
    expect(me.body.roles).toEqual(['resident', 'moderator', 'official']);

    const shown = await t
      .http()
      .get(`/api/v1/users/${second.id}`)
      .set(...adminAuth)
      .expect(200);
    expect(shown.body).toMatchObject({ email: second.email, emailVerified: true, disabled: false });
    expect(shown.body).not.toHaveProperty('passwordHash');

    await t
      .http()
      .put(`/api/v1/users/${second.id}/roles`)
      .set(...adminAuth)
      .send({ roles: [] })
      .expect(200);
    expect(
      (
        await t
          .http()
          .get('/api/v1/me')
          .set(...bearer(second.token))
          .expect(200)
      ).body.roles,
    ).toEqual(['resident']);
  });

  it('validates role assignments and keeps at least one administrator', async () => {
    const adminAuth = bearer(users.admin.token);
    const put = (id: string, body: object) =>
      t
        .http()
        .put(`/api/v1/users/${id}/roles`)
        .set(...adminAuth)
        .send(body);
    const errorOf = async (body: object) => (await put(target.id, body).expect(422)).body.errors as Array<{ field: string; code: string }>;

    expect(await errorOf({ roles: [{ role: 'admin', areaIds: [area.d1] }] })).toEqual([
      expect.objectContaining({ field: 'roles.0.areaIds', code: 'role_not_scopable' }),
    ]);
    expect(await errorOf({ roles: [{ role: 'official' }, { role: 'official', areaIds: [area.d1] }] })).toEqual([
      expect.objectContaining({ field: 'roles.1.role', code: 'duplicate_role' }),
    ]);
    expect(await errorOf({ roles: [{ role: 'official', areaIds: ['00000000-0000-4000-8000-000000000000'] }] })).toEqual([
      expect.objectContaining({ field: 'roles.0.areaIds', code: 'unknown_area' }),
    ]);
    expect((await errorOf({ roles: [{ role: 'resident' }] }))[0]).toMatchObject({ field: 'roles.0.role' });
    expect((await errorOf({ roles: [{ role: 'official', areaIds: [] }] }))[0]).toMatchObject({ field: 'roles.0.areaIds' });
    expect((await errorOf({ roles: [{ role: 'official', areaIds: ['x'] }] }))[0]).toMatchObject({ field: 'roles.0.areaIds' });
    expect((await errorOf({ roles: 'admin' }))[0]).toMatchObject({ field: 'roles' });
    expect((await errorOf({ roles: [], extra: true }))[0]).toMatchObject({ field: 'extra' });
    expect(
      (
        await t
          .http()
          .get(`/api/v1/users/${target.id}`)
          .set(...adminAuth)
          .expect(200)
      ).body.grants,
    ).toEqual([{ role: 'moderator', areaIds: [area.d1] }]);

    await put('00000000-0000-4000-8000-000000000000', { roles: [] }).expect(404);
    await t
      .http()
      .get('/api/v1/users/not-a-uuid')
      .set(...adminAuth)
      .expect(404);

    // The only administrator cannot drop the role.
    const last = await put(users.admin.id, { roles: [{ role: 'official' }] }).expect(409);
    expect(last.body.code).toBe('last_admin');
    await t
      .http()
      .get(`/api/v1/users/${target.id}`)
      .set(...adminAuth)
      .expect(200);
  });
});
