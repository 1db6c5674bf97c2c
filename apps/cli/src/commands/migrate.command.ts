import { DataSource, DataSourceOptions } from 'typeorm';
import { loadConfig } from '@civitas/config';
import { buildDataSourceOptions } from '@civitas/database';
import { CliCommand, UsageError } from '../command';

/** Applies pending migrations to the configured database (DATABASE_URL, or the embedded one in ./var/db). */
export const migrateCommand: CliCommand = {
  summary: 'Apply pending database migrations (the API also does this at start)',
  usage: [
    'Usage: npm run cli -- migrate [--check]',
    '',
    '  --check   only list pending migrations; exit 1 if there are any',
    '',
    'Uses DATABASE_URL when set, otherwise the embedded database in ./var/db (stop the API first: one process per data directory).',
  ].join('\n'),
  async run(args) {
    const unknown = args.filter((a) => a !== '--check');
    if (unknown.length) throw new UsageError(`Unknown option: ${unknown.join(' ')}`);
    const check = args.includes('--check');
    const config = loadConfig();
    const { options } = await buildDataSourceOptions(config.database);
    const ds = new DataSource(options as DataSourceOptions);
    await ds.initialize();
    try {
      const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.database.dir}`;
      if (check) {
        const pending = await ds.showMigrations();
        process.stdout.write(pending ? `Pending migrations in ${where}.\n` : `No pending migrations in ${where}.\n`);
        return pending ? 1 : 0;
      }
      const applied = await ds.runMigrations({ transaction: 'each' });
      if (applied.length === 0) process.stdout.write(`No pending migrations in ${where}.\n`);
      for (const m of applied) process.stdout.write(`Applied ${m.name}\n`);
      return 0;
    } finally {
      await ds.destroy();
    }
  },
};
