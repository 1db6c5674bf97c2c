import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@civitas/config';
import { openEmbeddedDatabase } from '@civitas/database';
import { CliCommand, UsageError } from '../command';
import { resolveFromInvocation } from '../invocation';

/**
 * The libpq environment for a postgres:// URL: the password goes in PGPASSWORD (not on a command line that `ps`
 * shows), the rest as a connection string without it.
 */
export function libpqTarget(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

/** Runs a PostgreSQL client program (pg_dump, pg_restore, psql); rejects with its stderr when it fails. */
export function runPgTool(tool: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'ENOENT' ? `${tool} was not found: install PostgreSQL's client programs (Debian: postgresql-client)` : err.message)),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (exit code ${code}):\n${stderr.trim()}`))));
  });
}

/** The one FILE argument (resolved against the caller's directory) and the boolean flags. */
export function fileArgument(args: string[], extra: Record<string, { type: 'boolean' }> = {}): { file: string; flags: Record<string, boolean | undefined> } {
  let parsed: { values: Record<string, boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: extra, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length ? 'expected one file' : 'missing FILE');
  return { file: resolveFromInvocation(parsed.positionals[0]), flags: parsed.values };
}

/**
 * A consistent copy of the database. PostgreSQL (DATABASE_URL): `pg_dump --format=custom`, a snapshot taken while
 * the API and workers go on running. Embedded: the data directory as a .tar.gz (PGlite's dumpDataDir), taken while
 * nothing else has it open — the API must be stopped (one process per data directory, which is checked).
 */
export const backupCommand: CliCommand = {
  summary: 'Back the database up into a file (pg_dump with DATABASE_URL; the embedded data directory otherwise)',
  usage: [
    'Usage: npm run cli -- backup FILE [--force]',
    '',
    '  FILE      PostgreSQL: a pg_dump custom-format archive (e.g. civitas-2027-03-14.dump);',
    '            embedded: a .tar.gz of the data directory (e.g. civitas-2027-03-14.tar.gz)',
    '  --force   overwrite FILE if it exists',
    '',
    'PostgreSQL: runs while the platform runs (pg_dump reads one consistent snapshot); needs pg_dump of the',
    "server's major version or newer. Embedded: stop the API first (the data directory belongs to one process).",
    'Restore with `npm run cli -- restore FILE`. See docs/operations.md.',
  ].join('\n'),
  async run(args) {
    const { file, flags } = fileArgument(args, { force: { type: 'boolean' } });
    if (existsSync(file) && !flags.force) throw new UsageError(`${file} exists; choose another name or add --force`);
    const config = loadConfig();
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    const started = Date.now();
    if (config.database.kind === 'postgres') {
      const { dbname, env } = libpqTarget(config.database.url);
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${dbname}`], env);
    } else {
      if (!config.database.dir) throw new Error('DATABASE_EMBEDDED_DIR=memory has nothing on disk to back up');
      if (!existsSync(config.database.dir)) throw new Error(`There is no embedded database in ${config.database.dir}`);
      const embedded = await openEmbeddedDatabase({ dir: config.database.dir, template: null });
      try {
        const blob = await embedded.db.dumpDataDir('gzip');
        writeFileSync(partial, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
      } finally {
        await embedded.db.close();
      }
    }
    // Written under another name first: an interrupted backup never leaves a file that looks complete.
    renameSync(partial, file);
    const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.database.dir}`;
    process.stdout.write(`Backed up ${where} to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    return 0;
  },
};
