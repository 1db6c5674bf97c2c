// What the benchmark scripts share: their options and the throw-away database each run works in.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';

/** `--name N`: a positive integer option, or the fallback. */
export function intOption(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer`);
  return n;
}

/**
 * A run's own database and Redis prefix: `civitas_bench_<random>` on the server of BENCH_DATABASE_URL (default:
 * the local PostgreSQL), created and dropped by the script through `adminUrl`.
 */
export function benchTarget() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const suffix = randomBytes(5).toString('hex');
  const dbName = `civitas_bench_${suffix}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return { adminUrl, redisUrl, dbName, dbUrl: u.toString(), prefix: `civitas-bench-${suffix}` };
}

/** One statement on the server of `adminUrl` (creating and dropping a run's database). */
export async function adminQuery(adminUrl, sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A localhost port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
}
