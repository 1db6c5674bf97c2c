import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServicesDatabase, TEMPLATE_ENV, testMode } from '@civitas/test';

/** Where a CLI command under test writes, and what a test app needs to open the same database afterwards. */
export interface CliDatabase {
  /** A fresh VAR_DIR for the command (and the embedded database's directory under it). */
  varDir: string;
  /** The environment for `createTestApp(appEnv)`: the database the command used. */
  appEnv: Record<string, string>;
  /** The environment as it was before the spec (the command runs with VAR_DIR, JWT_SECRET and the database set). */
  savedEnv: NodeJS.ProcessEnv;
}

/**
 * For specs that run a CLI command in-process: a fresh database (a new PostgreSQL database in services mode, an
 * embedded one under a new VAR_DIR otherwise) set in the process environment before all tests, and everything
 * removed after them. `fromTemplate`: the embedded data directory starts as a copy of the run's migrated template (a
 * PostgreSQL database always does). Call it at the top of a `describe`.
 */
export function useCliDatabase(name: string, opts: { fromTemplate?: boolean } = {}): CliDatabase {
  const cli: CliDatabase = { varDir: '', appEnv: {}, savedEnv: { ...process.env } };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    cli.varDir = mkdtempSync(join(tmpdir(), `civitas-${name}-`));
    const env: Record<string, string> = { VAR_DIR: cli.varDir, JWT_SECRET: `${name}-test-secret-`.padEnd(48, '0123456789'), LOG_LEVEL: 'silent' };
    if (testMode === 'services') {
      const db = await createServicesDatabase();
      drop = db.drop;
      env.DATABASE_URL = db.url;
    } else {
      env.DATABASE_EMBEDDED_DIR = join(cli.varDir, 'db');
      // The new data directory starts from the run's migrated template instead of initdb and every migration.
      if (opts.fromTemplate && process.env[TEMPLATE_ENV]) env.DATABASE_EMBEDDED_TEMPLATE = process.env[TEMPLATE_ENV];
    }
    cli.appEnv = env.DATABASE_URL
      ? { DATABASE_URL: env.DATABASE_URL }
      : {
          DATABASE_EMBEDDED_DIR: env.DATABASE_EMBEDDED_DIR,
          ...(env.DATABASE_EMBEDDED_TEMPLATE ? { DATABASE_EMBEDDED_TEMPLATE: env.DATABASE_EMBEDDED_TEMPLATE } : {}),
        };
    Object.assign(process.env, env);
  });
  afterAll(async () => {
    process.env = cli.savedEnv;
    await drop?.();
    rmSync(cli.varDir, { recursive: true, force: true });
  });
  return cli;
}
