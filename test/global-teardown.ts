import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { RUN_ENV, TEMPLATE_ENV, testDatabaseUrl, testMode } from './helpers/test-env';

/** Removes the run's template and any database a failed spec left behind. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env[RUN_ENV];
  if (!run) return;
  // The OpenAPI document the response check shares between workers (test/helpers/response-schema-guard.ts).
  rmSync(join(tmpdir(), `${run}.openapi.json`), { force: true });
  if (testMode === 'embedded') {
    rmSync(process.env[TEMPLATE_ENV] ?? '', { force: true });
    return;
  }
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
