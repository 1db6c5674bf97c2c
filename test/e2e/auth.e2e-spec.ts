import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { bearer, createUser, uniqueEmail } from '../factories/users.factory';
import { linkToken, startTestSmtp, TestSmtp } from '../helpers/smtp';

const PUBLIC_URL = 'https://civitas.test';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The problem body without what differs on every request. */
const stable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe('accounts (e2e)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL, THROTTLE_AUTH_LIMIT: '1000' });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const post = (path: string, body: object) => t.http().post(`/api/v1/auth/${path}`).send(body);
  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as Array<{ n: number }>)[0].n;

  it('registers, verifies by the mailed link, logs in (cookie and Bearer), changes the password, logs out, resets the password', async () => {
    const email = uniqueEmail('anna');
    const first = 'pierwsze hasło 1';

    // Register (English mails from Accept-Language).
    const reg = await post('register', { email: `  ${email.toUpperCase()} `, password: first, displayName: ' Anna Nowak ' })
      .set('accept-language', 'en-GB,en;q=0.9')
      .expect(201);
    expect(reg.body).toEqual({ status: 'check_email' });
    const [user] = (await db.query(`SELECT id, email, display_name, locale, email_verified_at FROM users WHERE email = $1`, [email])) as Array<
      Record<string, unknown>
    >;
    expect(user).toMatchObject({ email, display_name: 'Anna Nowak', locale: 'en', email_verified_at: null });
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'send-account-email'`)).toBeGreaterThan(0);

    // Not verified yet: the password is right but the login is refused with a clear code.
    const early = await post('login', { email, password: first }).expect(403);
    expect(early.body.code).toBe('email_not_verified');

    const verifyMail = await smtp.waitForMail(email, { subjectMatch: 'Confirm your e-mail address' });
    expect(verifyMail.text).toContain('Hello Anna Nowak');
    expect(verifyMail.html).toContain(`href="${PUBLIC_URL}/verify-email?token=`);
    const { url, token } = linkToken(verifyMail, '/verify-email');
    expect(url.startsWith(`${PUBLIC_URL}/verify-email?token=`)).toBe(true);

    // Only the token's SHA-256 is stored; the token is nowhere in the database.
    // sent_at is recorded once the SMTP server has accepted the message.
    const tokens = await eventually(async () => {
      const rows = (await db.query(`SELECT purpose, token_hash, sent_at FROM auth_tokens WHERE user_id = $1`, [user.id])) as Array<Record<string, unknown>>;
      return rows.every((r) => r.sent_at !== null) && rows;
    });
    expect(tokens).toEqual([expect.objectContaining({ purpose: 'verify_email', token_hash: sha256(token), sent_at: expect.any(Date) })]);
    const leaks = await count(
      `SELECT ((SELECT count(*) FROM outbox WHERE payload::text LIKE $1) + (SELECT count(*) FROM auth_tokens WHERE token_hash LIKE $1))::int AS n`,
      [`%${token}%`],
    );
    expect(leaks).toBe(0);

    await post('verify-email', { token }).expect(200, { status: 'email_verified' });
    const again = await post('verify-email', { token }).expect(422);
    expect(again.body.code).toBe('token_used');

    // Log in: a token in the body and the same token in an HttpOnly, SameSite=Lax cookie.
    const login = await post('login', { email: email.toUpperCase(), password: first }).expect(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: t.config.auth.jwtTtlSeconds });
    const cookie = [login.headers['set-cookie']].flat().find((c: string) => c.startsWith('civitas_session='))!;
    expect(cookie).toContain(`civitas_session=${login.body.accessToken}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toContain(`Max-Age=${t.config.auth.jwtTtlSeconds}`);
    // The token carries the account id and token version only.
    const payload = JSON.parse(Buffer.from(login.body.accessToken.split('.')[1], 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'sub', 'tv']);

    const viaBearer = await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(login.body.accessToken))
      .expect(200);
    expect(viaBearer.body).toMatchObject({ id: user.id, email, displayName: 'Anna Nowak', roles: ['resident'], grants: [], emailVerified: true, locale: 'en' });
    const viaCookie = await t.http().get('/api/v1/me').set('cookie', cookie.split(';')[0]).expect(200);
    expect(viaCookie.body.id).toBe(user.id);
    const anonymous = await t.http().get('/api/v1/me').expect(401);
    expect(anonymous.body.code).toBe('authentication_required');

    // Change the password: the current one is checked, the policy applies, every other session ends.
    const second = 'drugie hasło 22';
    const wrongCurrent = await post('password', { currentPassword: 'not my password', newPassword: second })
      .set(...bearer(login.body.accessToken))
      .expect(422);
    expect(wrongCurrent.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'current_password_incorrect' })]);
    const sameAsEmail = await post('password', { currentPassword: first, newPassword: email })
      .set(...bearer(login.body.accessToken))
      .expect(422);
    expect(sameAsEmail.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', code: 'password_equals_email' })]);
    const changed = await post('password', { currentPassword: first, newPassword: second })
      .set(...bearer(login.body.accessToken))
      .expect(200);
    expect(changed.body.accessToken).not.toBe(login.body.accessToken);
    const ended = await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(login.body.accessToken))
      .expect(401);
    expect(ended.body.code).toBe('session_invalid');
    await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(changed.body.accessToken))
      .expect(200);
    await post('login', { email, password: first }).expect(401);

    // Log out: the cookie is cleared and the token (every token of the account) stops working.
    const logout = await t
      .http()
      .post('/api/v1/auth/logout')
      .set(...bearer(changed.body.accessToken))
      .expect(204);
    const cleared = [logout.headers['set-cookie']].flat().find((c: string) => c.startsWith('civitas_session='))!;
    expect(cleared).toMatch(/civitas_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(changed.body.accessToken))
      .expect(401);

    // Reset the password by mail.
    const session = (await post('login', { email, password: second }).expect(200)).body.accessToken as string;
    await post('password-reset', { email }).expect(202, { status: 'check_email' });
    const resetMail = await smtp.waitForMail(email, { subjectMatch: 'Set a new password' });
    const reset = linkToken(resetMail, '/reset-password');
    expect(reset.url.startsWith(`${PUBLIC_URL}/reset-password?token=`)).toBe(true);

    // A password that breaks the policy changes nothing and leaves the link usable.
    const weak = await post('password-reset/confirm', { token: reset.token, password: 'short' }).expect(422);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    const third = 'trzecie hasło 333';
    await post('password-reset/confirm', { token: reset.token, password: third }).expect(200, { status: 'password_reset' });
    const reused = await post('password-reset/confirm', { token: reset.token, password: 'czwarte hasło 4444' }).expect(422);
    expect(reused.body.code).toBe('token_used');
    // Every session ended; only the new password works.
    await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(session))
      .expect(401);
    await post('login', { email, password: second }).expect(401);
    const final = await post('login', { email, password: third }).expect(200);
    await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(final.body.accessToken))
      .expect(200);
  });

  it('answers a wrong password and an unknown address with the same 401', async () => {
    const u = await createUser(t);
    const wrong = await post('login', { email: u.email, password: 'wrong password!' }).expect(401);
    const unknown = await post('login', { email: uniqueEmail('nobody'), password: 'wrong password!' }).expect(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(stable(wrong.body)).toEqual(stable(unknown.body));
  });

  it('mails Polish by default and honours an explicit locale', async () => {
    const pl = uniqueEmail('jan');
    await post('register', { email: pl, password: 'hasło hasło 1', displayName: 'Jan' }).expect(201);
    const en = uniqueEmail('john');
    await post('register', { email: en, password: 'hasło hasło 1', displayName: 'John', locale: 'en' }).set('accept-language', 'pl').expect(201);
    const plMail = await smtp.waitForMail(pl);
    expect(plMail.subject).toBe('Potwierdź adres e-mail w Civitas');
    expect(plMail.text).toContain('Dzień dobry, Jan!');
    expect(plMail.html).toContain('lang="pl"');
    expect((await smtp.waitForMail(en)).subject).toBe('Confirm your e-mail address for Civitas');
  });

  it('gives byte-identical answers to registering a new and an existing address, and mails the owner instead', async () => {
    const owner = await createUser(t, { displayName: 'Właściciel' });
    const taken = await post('register', { email: owner.email, password: 'inne hasło 123', displayName: 'Intruz' });
    const fresh = await post('register', { email: uniqueEmail('fresh'), password: 'inne hasło 123', displayName: 'Nowy' });
    expect(taken.status).toBe(201);
    expect(fresh.status).toBe(taken.status);
    expect(taken.text).toBe(fresh.text);
    expect(taken.headers['content-type']).toBe(fresh.headers['content-type']);

    const notice = await smtp.waitForMail(owner.email, { subjectMatch: 'Próba rejestracji' });
    expect(notice.text).toContain(`${PUBLIC_URL}/sign-in`);
    expect(notice.text).toContain(`${PUBLIC_URL}/forgot-password`);
    expect(notice.text).not.toContain('token=');
    // Nothing changed on the account: one row, the old password still works, the new one does not.
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [owner.email])).toBe(1);
    await post('login', { email: owner.email, password: owner.password }).expect(200);
    await post('login', { email: owner.email, password: 'inne hasło 123' }).expect(401);
    expect(await count(`SELECT count(*)::int AS n FROM auth_tokens WHERE user_id = $1 AND purpose = 'account_exists'`, [owner.id])).toBe(1);
  });

  it('gives byte-identical answers to a reset for a known and an unknown address, and mails only the known one', async () => {
    const known = await createUser(t);
    const unknownEmail = uniqueEmail('ghost');
    // The request path does the same work for both: one request row and one job, the address never in the job;
    // looking the account up happens in the job (its timing cannot tell an existing address from another).
    const started = () => count(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'start-password-reset'`);
    const before = await started();
    const a = await post('password-reset', { email: unknownEmail });
    expect(await started()).toBe(before + 1);
    const b = await post('password-reset', { email: known.email });
    expect(await started()).toBe(before + 2);
    const payloads = (await db.query(`SELECT payload::text AS p FROM outbox WHERE job_name = 'start-password-reset'`)) as Array<{ p: string }>;
    expect(payloads.map((r) => r.p).join()).not.toMatch(/@/);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.text).toBe(b.text);
    await smtp.waitForMail(known.email, { subjectMatch: 'Ustaw nowe hasło' });
    expect(smtp.messages.some((m) => m.to.includes(unknownEmail))).toBe(false);
    // Every request is acted on once and removed: no address stays behind.
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM password_reset_requests`)) === 0, 15_000, 'the reset requests acted on');
  });

  it('rejects unknown, expired and superseded tokens with clear codes', async () => {
    const unknown = await post('verify-email', { token: 'x'.repeat(43) }).expect(422);
    expect(unknown.body.code).toBe('token_invalid');
    await post('password-reset/confirm', { token: 'nope', password: 'dobre hasło 123' }).expect(422);

    // An expired verification link.
    const email = uniqueEmail('late');
    await post('register', { email, password: 'spóźnione hasło', displayName: 'Late' }).expect(201);
    const { token } = linkToken(await smtp.waitForMail(email), '/verify-email');
    await db.query(`UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);
    const expired = await post('verify-email', { token }).expect(422);
    expect(expired.body.code).toBe('token_expired');
    expect(expired.body.detail).toBe('Ten link wygasł. Poproś o nowy.');

    // A newer reset request ends the older link.
    const u = await createUser(t, { locale: 'en' });
    await post('password-reset', { email: u.email }).expect(202);
    const older = linkToken(await smtp.waitForMail(u.email), '/reset-password');
    await post('password-reset', { email: u.email }).expect(202);
    const newer = linkToken(await smtp.waitForMail(u.email), '/reset-password');
    expect(newer.token).not.toBe(older.token);
    const superseded = await post('password-reset/confirm', { token: older.token, password: 'nowe hasło 1234' }).set('accept-language', 'en').expect(422);
    expect(superseded.body.code).toBe('token_expired');
    expect(superseded.body.detail).toBe('This link has expired. Ask for a new one.');
    await post('password-reset/confirm', { token: newer.token, password: 'nowe hasło 1234' }).expect(200);
  });

  it('answers malformed bodies with 422 and field errors, and changes nothing', async () => {
    const users = await count(`SELECT count(*)::int AS n FROM users`);
    const outbox = await count(`SELECT count(*)::int AS n FROM outbox`);

    const bad = await post('register', { email: 'not-an-address', password: 'short', displayName: '   ' }).expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('validation_failed');
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['email', 'password', 'displayName']));

    const extra = await post('register', { email: uniqueEmail(), password: 'dobre hasło 123', displayName: 'X', roles: ['admin'] }).expect(422);
    expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'roles', code: 'whitelistValidation' })]);

    const sameAsEmail = await post('register', { email: 'ala.kot@example.pl', password: 'Ala.Kot@example.pl', displayName: 'Ala' }).expect(422);
    expect(sameAsEmail.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'password_equals_email' })]);

    const tooLong = await post('register', { email: uniqueEmail(), password: 'a'.repeat(129), displayName: 'X' }).expect(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'maxLength' })]);

    const wrongTypes = await post('register', { email: 42, password: ['x'], displayName: null, locale: 'de' }).expect(422);
    expect(new Set(wrongTypes.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['email', 'password', 'displayName', 'locale']));

    // The login body is validated before the credentials are looked at: 422, not 401.
    const noPassword = await post('login', { email: 'ala@example.pl' }).expect(422);
    expect(noPassword.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    await post('login', { email: 'ala@example.pl', password: 'whatever', remember: true }).expect(422);
    await post('password-reset', { email: 'nope' }).expect(422);
    await post('password-reset', {}).expect(422);
    await post('verify-email', { token: 123 }).expect(422);

    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(users);
    expect(await count(`SELECT count(*)::int AS n FROM outbox`)).toBe(outbox);
  });

  it('rejects tampered, foreign and revoked session tokens', async () => {
    const u = await createUser(t);
    const [h, p] = u.token.split('.');
    const forged = `${h}.${p}.${Buffer.from('forged').toString('base64url')}`;
    expect(
      (
        await t
          .http()
          .get('/api/v1/me')
          .set(...bearer(forged))
          .expect(401)
      ).body.code,
    ).toBe('session_invalid');
    expect((await t.http().get('/api/v1/me').set('cookie', 'civitas_session=garbage').expect(401)).body.code).toBe('session_invalid');
    // A disabled account's sessions stop at once.
    await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [u.id]);
    await t
      .http()
      .get('/api/v1/me')
      .set(...bearer(u.token))
      .expect(401);
    const disabledLogin = await post('login', { email: u.email, password: u.password }).expect(403);
    expect(disabledLogin.body.code).toBe('account_disabled');
  });

  it('creates exactly one account under 20 concurrent registrations of one address, with 20 identical answers', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post('register', { email, password: `wyścig hasło ${i}`, displayName: `Racer ${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email])).toBe(1);
    const purposes = (await db.query(
      `SELECT purpose, count(*)::int AS n FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1 GROUP BY purpose ORDER BY purpose`,
      [email],
    )) as Array<{ purpose: string; n: number }>;
    expect(purposes).toEqual([
      { purpose: 'account_exists', n: 19 },
      { purpose: 'verify_email', n: 1 },
    ]);
  });
});

describe('auth rate limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '3', THROTTLE_AUTH_TTL_MS: '60000' });
  });
  afterAll(() => t?.close());

  it('limits login attempts per client and address with 429, Retry-After and problem+json', async () => {
    const login = (email: string) => t.http().post('/api/v1/auth/login').send({ email, password: 'wrong password' });
    for (let i = 0; i < 3; i++) await login('victim@example.pl').expect(401);
    const limited = await login('victim@example.pl').expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.code).toBe('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address from the same client is still checked (one attacker cannot lock everyone out).
    await login('someone.else@example.pl').expect(401);
  });

  it('limits registrations and reset requests per client', async () => {
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .post('/api/v1/auth/password-reset')
        .send({ email: `r${i}@example.pl` })
        .expect(202);
    }
    const limited = await t.http().post('/api/v1/auth/password-reset').send({ email: 'r9@example.pl' }).expect(429);
    expect(limited.body.code).toBe('too_many_requests');
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .post('/api/v1/auth/register')
        .send({ email: `reg${i}@example.pl`, password: 'dobre hasło 123', displayName: 'R' })
        .expect(201);
    }
    await t.http().post('/api/v1/auth/register').send({ email: 'reg9@example.pl', password: 'dobre hasło 123', displayName: 'R' }).expect(429);
  });
});
