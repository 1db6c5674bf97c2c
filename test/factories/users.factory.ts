import { DataSource } from 'typeorm';
import { SessionService } from '@civitas/auth';
import { PasswordHasher, RoleGrant } from '@civitas/users';
import type { Test } from 'supertest';
import type { TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';

export const DEFAULT_PASSWORD = 'correct horse battery';

const hashes = new Map<string, Promise<string>>();
let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** A session token (Bearer) for the account. */
  token: string;
}

/** A unique address for a test. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}@example.pl`;
}

/**
 * An account written straight to the database (verified unless told otherwise) with the given role rows, and a
 * session token for it.
 */
export async function createUser(
  t: TestApp,
  opts: { email?: string; password?: string; displayName?: string; verified?: boolean; grants?: RoleGrant[]; locale?: 'pl' | 'en' } = {},
): Promise<TestUser> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? DEFAULT_PASSWORD;
  if (!hashes.has(password)) hashes.set(password, new PasswordHasher().hash(password));
  const ds = t.app.get(DataSource);
  const rows = (await ds.query(
    `INSERT INTO users (email, display_name, password_hash, locale, email_verified_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::boolean THEN now() END) RETURNING id`,
    [email, opts.displayName ?? 'Test User', await hashes.get(password)!, opts.locale ?? 'pl', opts.verified ?? true],
  )) as Array<{ id: string }>;
  const id = rows[0].id;
  for (const g of opts.grants ?? []) {
    await ds.query(`INSERT INTO user_roles (user_id, role, area_id) VALUES ($1, $2, $3)`, [id, g.role, g.areaId]);
  }
  return { id, email, password, token: await sessionToken(t, id) };
}

/** A fresh session token for an account, as a login would issue it. */
export async function sessionToken(t: TestApp, userId: string): Promise<string> {
  const rows = (await t.app.get(DataSource).query(`SELECT token_version FROM users WHERE id = $1`, [userId])) as Array<{ token_version: number }>;
  return (await t.app.get(SessionService).issue({ id: userId, tokenVersion: rows[0].token_version })).accessToken;
}

export const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];

/** Requests as a signed-in account: `actingAs(t, anna).post(path).send(body)`. */
export function actingAs(t: TestApp, u: TestUser) {
  const signed = (req: Test) => req.set(...bearer(u.token));
  return {
    get: (path: string) => signed(t.http().get(path)),
    post: (path: string) => signed(t.http().post(path)),
    put: (path: string) => signed(t.http().put(path)),
    patch: (path: string) => signed(t.http().patch(path)),
    delete: (path: string) => signed(t.http().delete(path)),
  };
}

/**
 * A browser-like page client signed in as the account through the sign-in page (its session and CSRF cookies kept),
 * for the page specs: `const desk = await signedIn(t, official); await desk.get('/desk')`.
 */
export async function signedIn(t: TestApp, u: TestUser, headers: Record<string, string> = {}): Promise<PageClient> {
  const client = new PageClient(t.app, { headers });
  const page = await client.get('/sign-in');
  const home = await client.submit(page, { email: u.email, password: u.password });
  if (home.status !== 200) throw new Error(`Signing in as ${u.email} answered ${home.status}`);
  return client;
}
