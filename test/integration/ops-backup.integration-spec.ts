import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { UsageError } from '../../apps/cli/src/command';
import { backupCommand } from '../../apps/cli/src/commands/backup.command';
import { createAdminCommand } from '../../apps/cli/src/commands/create-admin.command';
import { importPbCommand } from '../../apps/cli/src/commands/import-pb.command';
import { migrateCommand } from '../../apps/cli/src/commands/migrate.command';
import { restoreCommand } from '../../apps/cli/src/commands/restore.command';
import { createServicesDatabase, createTestApp, pabulibDir, testMode } from '@civitas/test';
import { useCliDatabase } from '../factories/cli.factory';

const FILE = join(pabulibDir, 'Poland_Warszawa_2018_Aleksandrow.pb');
const ADMIN = 'backup.admin@example.pl';

/** `backup` and `restore` (the CLI, in-process): a backup restored into a fresh database holds the same data. */
describe(`backup and restore (${testMode === 'services' ? 'PostgreSQL: pg_dump / pg_restore' : 'embedded: the PGlite data directory'})`, () => {
  const cli = useCliDatabase('backup');
  let output: string[];
  const drops: Array<() => Promise<void>> = [];

  beforeEach(() => {
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('restores an account and the ballots of an edition into a new database, where the API finds them', async () => {
    await expect(migrateCommand.run([])).resolves.toBe(0);
    await expect(createAdminCommand.run(['--email', ADMIN, '--password', 'a long admin password'])).resolves.toBe(0);
    await expect(importPbCommand.run([FILE, '--json'])).resolves.toBe(0);
    const imported = JSON.parse(output.join('').trim().split('\n').pop()!) as { editionId: string; ballots: number };
    expect(imported.ballots).toBeGreaterThan(0);

    const archive = join(cli.varDir, testMode === 'services' ? 'civitas.dump' : 'civitas.tar.gz');
    await expect(backupCommand.run([archive])).resolves.toBe(0);
    expect(statSync(archive).size).toBeGreaterThan(1000);
    expect(existsSync(`${archive}.partial`)).toBe(false);
    await expect(backupCommand.run([archive])).rejects.toBeInstanceOf(UsageError);

    // A fresh database: a new PostgreSQL database, or a new embedded data directory.
    const target: Record<string, string> = {};
    if (testMode === 'services') {
      const db = await createServicesDatabase();
      drops.push(db.drop);
      // createServicesDatabase copies the migrated template: empty it, as `createdb` would leave it.
      const c = new DataSource({ type: 'postgres', url: db.url });
      await c.initialize();
      await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      await c.destroy();
      target.DATABASE_URL = db.url;
    } else {
      target.DATABASE_EMBEDDED_DIR = join(cli.varDir, 'restored-db');
    }
    const saved = { ...process.env };
    Object.assign(process.env, target);
    try {
      await expect(restoreCommand.run([archive])).resolves.toBe(0);
      expect(output.join('')).toMatch(/Restored .* \d+ accounts, [1-9]\d* ballots/);
      // Restoring over a database that now has data needs --force.
      await expect(restoreCommand.run([archive])).rejects.toBeInstanceOf(UsageError);
    } finally {
      process.env = saved;
    }

    const t = await createTestApp(target, { redis: false });
    try {
      const ds = t.app.get(DataSource);
      const users = (await ds.query(`SELECT email FROM users`)) as Array<{ email: string }>;
      expect(users.map((u) => u.email)).toContain(ADMIN);
      const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1`, [imported.editionId])) as Array<{ n: number }>;
      expect(n).toBe(imported.ballots);
      const login = await t.http().post('/api/v1/auth/login').send({ email: ADMIN, password: 'a long admin password' });
      expect(login.status).toBe(200);
    } finally {
      await t.close();
    }
  }, 120_000);
});
