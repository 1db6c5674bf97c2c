import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { scheduleWith } from '../factories/budget.factory';
import { createUser, TestUser } from '../factories/users.factory';

/**
 * Malformed and hostile requests at the edge of the API: every one is refused with a clear problem+json (never a
 * 500), changes nothing, and never echoes the request's URL back.
 */
describe('Request hardening', () => {
  let t: TestApp;
  let anna: TestUser;
  const cookie = () => `civitas_session=${anna.token}`;
  const pendingRequests = async () =>
    (
      (await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM account_deletion_requests WHERE user_id = $1 AND status = 'pending'`, [anna.id])) as Array<{ n: number }>
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    anna = await createUser(t);
  });
  afterAll(() => t.close());

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: unknown; text: string }, status: number, code: string) => {
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
    expect((res.body as { code: string }).code).toBe(code);
  };

  describe('deeply nested JSON', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

    it('is refused with 400 json_too_deep before it is parsed', async () => {
      const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(deep(150_000));
      expectProblem(res, 400, 'json_too_deep');
      expect(res.body.detail).toMatch(/64/);
    });

    it('a nested object inside a string, or moderate nesting, is still read', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ email: `${'['.repeat(500)}@example.pl`, password: 'x' }));
      expect(res.status).not.toBe(400);
      const nested = await t
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(`{"email":${deep(20)},"password":"x"}`);
      expectProblem(nested, 422, 'validation_failed');
    });

    it('keeps /health/live answering while four such bodies arrive at once', async () => {
      const body = deep(150_000);
      const hostile = Array.from({ length: 4 }, () => t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(body));
      const started = Date.now();
      const live = t
        .http()
        .get('/health/live')
        .then(() => Date.now() - started);
      const [liveMs, ...answers] = await Promise.all([live, ...hostile]);
      for (const a of answers) expect(a.status).toBe(400);
      expect(liveMs).toBeLessThan(300);
    });
  });

  describe('cross-site requests with the session cookie', () => {
    it('a form-encoded body on a JSON route is 415 and changes nothing', async () => {
      const res = await t
        .http()
        .post('/api/v1/me/deletion-request')
        .set('cookie', cookie())
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(`currentPassword=${encodeURIComponent(anna.password)}`);
      expectProblem(res, 415, 'unsupported_media_type');
      expect(await pendingRequests()).toBe(0);
    });

    it('a text/plain body (the other form encoding a page can send) is 415 too', async () => {
      const res = await t
        .http()
        .post('/api/v1/me/deletion-request')
        .set('cookie', cookie())
        .set('content-type', 'text/plain')
        .send(JSON.stringify({ currentPassword: anna.password }));
      expectProblem(res, 415, 'unsupported_media_type');
      expect(await pendingRequests()).toBe(0);
    });

    it('a JSON state change with the cookie from another origin is 403 cross_origin_request', async () => {
      for (const headers of [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
        { 'sec-fetch-site': 'same-site' },
        { origin: t.config.http.publicUrl, 'sec-fetch-site': 'cross-site' },
      ]) {
        const res = await t.http().post('/api/v1/me/deletion-request').set('cookie', cookie()).set(headers).send({ currentPassword: anna.password });
        expectProblem(res, 403, 'cross_origin_request');
      }
      expect(await pendingRequests()).toBe(0);
    });

    it('the same request from the platform itself, or with a bearer token from anywhere, is accepted', async () => {
      const own = await t
        .http()
        .post('/api/v1/me/deletion-request')
        .set('cookie', cookie())
        .set({ origin: t.config.http.publicUrl, 'sec-fetch-site': 'same-origin' })
        .send({ currentPassword: anna.password });
      expect(own.status).toBe(201);
      expect((await t.http().delete('/api/v1/me/deletion-request').set('cookie', cookie()).set('sec-fetch-site', 'same-origin')).status).toBe(204);
      // Chromium sends `Origin: null` with a same-origin form under `Referrer-Policy: no-referrer`: Sec-Fetch-Site decides.
      const nullOrigin = await t
        .http()
        .post('/api/v1/me/deletion-request')
        .set('cookie', cookie())
        .set({ origin: 'null', 'sec-fetch-site': 'same-origin' })
        .send({ currentPassword: anna.password });
      expect(nullOrigin.status).toBe(201);
      const withdraw = await t.http().delete('/api/v1/me/deletion-request').set('authorization', `Bearer ${anna.token}`).set('origin', 'https://app.example');
      expect(withdraw.status).toBe(204);
      expect(await pendingRequests()).toBe(0);
    });

    it('a page form posted from another site is refused too, even with a valid CSRF token', async () => {
      const res = await t.http().post('/sign-out').set('cookie', cookie()).set('origin', 'https://evil.example').type('form').send('_csrf=x');
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('text/html');
    });
  });

  describe('malformed values are 422 naming the field', () => {
    it('a NUL byte in a JSON string', async () => {
      const res = await t.http().post('/api/v1/auth/register').send({ email: 'nul@example.pl', password: 'a long enough password', displayName: 'A\u0000B' });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'displayName', code: 'noControlCharacters' })]);
    });

    it('a NUL byte in a query parameter', async () => {
      const res = await t.http().get('/api/v1/editions').query({ q: 'park\u0000' });
      expect(res.status).toBeLessThan(500);
      const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
      const edition = await t
        .http()
        .post('/api/v1/admin/editions')
        .set('authorization', `Bearer ${admin.token}`)
        .send({ name: 'Edycja', year: 2027, phases: scheduleWith('submission') })
        .expect(201);
      await t.http().post(`/api/v1/admin/editions/${edition.body.id}/publish`).set('authorization', `Bearer ${admin.token}`).expect(200);
      const search = await t.http().get(`/api/v1/editions/${edition.body.id}/projects?q=a%00b`);
      expectProblem(search, 422, 'validation_failed');
      expect(search.body.errors[0].field).toBe('q');
    });

    it('a lone surrogate in an e-mail address (sent as raw JSON text)', async () => {
      const res = await t.http().post('/api/v1/auth/password-reset').set('content-type', 'application/json').send('{"email":"a\\ud800@example.pl"}');
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors[0]).toMatchObject({ field: 'email', code: 'wellFormedText' });
    });

    it('a NUL byte in an object key is named by its path', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send('{"email":"a@example.pl","password":"x","x\\u0000":1}');
      expectProblem(res, 422, 'validation_failed');
    });
  });

  describe('bad URLs answer problem+json without echoing the URL', () => {
    it('bad percent-encoding', async () => {
      const res = await t.http().get('/api/v1/editions/%E0%A4%A');
      expectProblem(res, 400, 'bad_request');
      expect(res.text).not.toContain('%E0%A4%A');
    });

    it('an over-long path', async () => {
      const path = `/api/v1/editions/${'x'.repeat(9000)}`;
      const res = await t.http().get(path);
      expectProblem(res, 414, 'uri_too_long');
      expect(res.text.length).toBeLessThan(1000);
    });

    it('a huge query string', async () => {
      const res = await t.http().get(`/api/v1/editions?q=${'y'.repeat(60_000)}`);
      expect([414, 431]).toContain(res.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.text).not.toContain('yyyyyyyyyy');
    });
  });
});
