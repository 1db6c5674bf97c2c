import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import { PGlitePool } from './pglite-pool';

const INT8 = 20;

export interface EmbeddedDatabase {
  db: PGliteType;
  pool: PGlitePool;
  /** A `pg`-compatible module for TypeORM's `driver` option whose Pool is this database's pool. */
  driver: { Pool: new () => PGlitePool; defaults: Record<string, unknown> };
}

export class EmbeddedDatabaseLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process per data directory: a second one would corrupt it. */
function lockDataDir(dir: string): () => void {
  const lock = `${dir}.pid`;
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new EmbeddedDatabaseLockedError(`The embedded database in ${dir} is in use by process ${pid}. Stop it first, or set DATABASE_URL.`);
    }
  }
  mkdirSync(dirname(lock), { recursive: true });
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

/**
 * Opens the embedded PostgreSQL (PGlite): a data directory on disk (created on first use), or an in-memory
 * cluster, optionally started from a dumped data directory (`template`, a .tar.gz made by dumpDataDir).
 */
export async function openEmbeddedDatabase(opts: { dir: string | null; template: string | null }): Promise<EmbeddedDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const unlock = opts.dir ? lockDataDir(opts.dir) : () => undefined;
  const fresh = opts.dir ? !existsSync(opts.dir) : true;
  if (opts.dir) mkdirSync(dirname(opts.dir), { recursive: true });
  const open = async (load: boolean): Promise<PGliteType> => {
    const instance = new PGlite({
      dataDir: opts.dir ?? undefined,
      // int8 as a string, like `pg`: TypeORM's bigint columns (money in grosze) expect that.
      parsers: { [INT8]: (x: string) => x },
      loadDataDir: load && opts.template ? new Blob([readFileSync(opts.template)]) : undefined,
    });
    await instance.waitReady;
    return instance;
  };
  let db: PGliteType;
  try {
    db = await open(fresh);
    if (fresh && opts.dir) {
      // Creating a cluster (initdb) leaves several hundred MB of WebAssembly memory behind; a process that goes on
      // serving requests reopens the new cluster instead (about a second) and runs at the size of a warm start.
      await db.close();
      db = await open(false);
    }
  } catch (err) {
    unlock();
    throw err;
  }
  const pool = new PGlitePool(db);
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      unlock();
    }
  };
  const driver = {
    Pool: class {
      constructor() {
        return pool;
      }
    } as unknown as new () => PGlitePool,
    defaults: {},
  };
  return { db, pool, driver };
}

/** Dumps a cluster to a .tar.gz that `openEmbeddedDatabase({ template })` can start from (fast test setup). */
export async function dumpEmbeddedDatabase(db: PGliteType, file: string): Promise<void> {
  const blob = await db.dumpDataDir('gzip');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
}
