import { existsSync, renameSync } from 'node:fs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { loadConfig } from '@civitas/config';
import { buildDataSourceOptions, openEmbeddedDatabase, queryOne } from '@civitas/database';
import { CliCommand, UsageError } from '../command';
import { fileArgument, libpqTarget, runPgTool } from './backup.command';

/** What a restored database holds, to print (and for the operator to compare with what they expected). */
async function summary(ds: DataSource): Promise<string> {
  const row = (await queryOne<Record<'migrations' | 'users' | 'ballots' | 'subscribers', number>>(
    ds.manager,
    `SELECT (SELECT count(*)::int FROM migrations) AS migrations, (SELECT count(*)::int FROM users) AS users,
            (SELECT count(*)::int FROM ballots) AS ballots, (SELECT count(*)::int FROM subscribers) AS subscribers`,
  ))!;
  return `${row.migrations} migrations, ${row.users} accounts, ${row.ballots} ballots, ${row.subscribers} subscribers`;
}

/**
 * Restores a backup made by `backup` into the configured database: PostgreSQL with pg_restore (into an empty
 * database, or replacing what is there with --force), or a new embedded data directory (an existing one is moved
 * aside with --force, never deleted). The platform must be stopped while it runs.
 */
export const restoreCommand: CliCommand = {
  summary: 'Restore a backup file made by `backup` into the configured database (stop the platform first)',
  usage: [
    'Usage: npm run cli -- restore FILE [--force]',
    '',
    '  FILE      a file made by `npm run cli -- backup` in the same mode',
    '  --force   PostgreSQL: replace the objects of a database that is not empty;',
    '            embedded: move an existing data directory aside (to DIR.before-restore-<time>) first',
    '',
    'Stop the API and the workers first. PostgreSQL: create the database if needed (createdb), point DATABASE_URL',
    'at it; pg_restore runs in one transaction, so a failed restore changes nothing. See docs/operations.md.',
  ].join('\n'),
  async run(args) {
    const { file, flags } = fileArgument(args, { force: { type: 'boolean' } });
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const config = loadConfig();
    const started = Date.now();
    let where: string;
    if (config.database.kind === 'postgres') {
      where = 'PostgreSQL (DATABASE_URL)';
      const { options } = await buildDataSourceOptions(config.database);
      const probe = new DataSource(options as DataSourceOptions);
      await probe.initialize();
      let n: number;
      try {
        ({ n } = (await queryOne<{ n: number }>(probe.manager, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`))!);
      } finally {
        await probe.destroy();
      }
      if (n > 0 && !flags.force) throw new UsageError(`the database of DATABASE_URL is not empty (${n} tables); restore into a new database, or add --force`);
      const { dbname, env } = libpqTarget(config.database.url);
      await runPgTool(
        'pg_restore',
        ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...(n > 0 ? ['--clean', '--if-exists'] : []), `--dbname=${dbname}`, file],
        env,
      );
    } else {
      const dir = config.database.dir;
      if (!dir) throw new Error('DATABASE_EMBEDDED_DIR=memory: there is no data directory to restore into');
      where = `the embedded database in ${dir}`;
      if (existsSync(dir)) {
        if (!flags.force) throw new UsageError(`${dir} exists; restore into a new DATABASE_EMBEDDED_DIR, or add --force to move it aside`);
        // Refuses (the lock) while the API has it open.
        const current = await openEmbeddedDatabase({ dir, template: null });
        await current.db.close();
        const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        renameSync(dir, aside);
        process.stdout.write(`Moved the existing data directory to ${aside}.\n`);
      }
      // A new data directory started from the archive (PGlite's loadDataDir), then closed cleanly.
      const restored = await openEmbeddedDatabase({ dir, template: file });
      await restored.db.close();
    }
    const { options } = await buildDataSourceOptions(config.database);
    const ds = new DataSource(options as DataSourceOptions);
    await ds.initialize();
    try {
      process.stdout.write(`Restored ${file} into ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${await summary(ds)}.\n`);
    } finally {
      await ds.destroy();
    }
    return 0;
  },
};
