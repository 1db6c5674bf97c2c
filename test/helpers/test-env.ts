import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where the integration and e2e specs run: `npm test` uses the embedded PostgreSQL and the in-process job driver;
 * `npm run test:services` sets TEST_DATABASE_URL and TEST_REDIS_URL (real PostgreSQL and Redis), and every test
 * application then gets its own fresh database (copied from a migrated template) and its own Redis key prefix.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;
/** The real Pabulib elections beside the repository (shared/pabulib); PABULIB_DIR points elsewhere. */
export const pabulibDir = process.env.PABULIB_DIR ?? resolve(__dirname, '../../../shared/pabulib');

export const testMode: 'services' | 'embedded' = testDatabaseUrl ? 'services' : 'embedded';

export const TEMPLATE_ENV = 'CIVITAS_TEST_TEMPLATE';
export const RUN_ENV = 'CIVITAS_TEST_RUN';

export function randomSuffix(): string {
  return randomBytes(5).toString('hex');
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database for one test application, copied from the run's migrated template. */
export async function createServicesDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV];
  if (!testDatabaseUrl || !template) throw new Error('services mode needs TEST_DATABASE_URL and the global setup');
  const name = `${process.env[RUN_ENV]}_${randomSuffix()}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(testDatabaseUrl, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
