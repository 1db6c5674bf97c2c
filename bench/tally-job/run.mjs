// Tally job benchmark: imports real Pabulib files (Warsaw 2026, Kraków 2024) into a fresh PostgreSQL database with
// `cli import-pb`, then times the `tally-edition` job through the real pipeline (outbox → relay → BullMQ → worker
// process → TallyRunner), one edition after the other.
//
//   node bench/tally-job/run.mjs [FILE.pb ...]
//
// Services: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, must be allowed to create
// databases) and BENCH_REDIS_URL (default redis://127.0.0.1:6379). Everything created is removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import Redis from 'ioredis';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { adminQuery, benchTarget } from '../common.mjs';

const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : ['Poland_Warszawa_2026.pb', 'Poland_Krakow_2024.pb'].map((f) => join(root, '..', 'shared', 'pabulib', f));

const { adminUrl, redisUrl, dbName, dbUrl, prefix } = benchTarget();
const varDir = mkdtempSync(join(tmpdir(), 'civitas-bench-tally-'));
const env = {
  ...process.env,
  NODE_ENV: 'development',
  NODE_OPTIONS: '',
  DATABASE_URL: dbUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  JWT_SECRET: randomBytes(32).toString('base64url'),
  VAR_DIR: varDir,
  LOG_LEVEL: 'warn',
  OUTBOX_POLL_MS: '100',
};

const log = (msg) => process.stderr.write(`tally-job: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const admin = (sql) => adminQuery(adminUrl, sql);

let worker = null;
let db = null;

async function cleanup() {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    const timer = setTimeout(() => worker.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await db?.end().catch(() => {});
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch (e) {
    log(`could not clean Redis prefix ${prefix}: ${e.message}`);
  } finally {
    redis.disconnect();
  }
  rmSync(varDir, { recursive: true, force: true });
}

async function main() {
  ensureBuild();
  await admin(`CREATE DATABASE ${dbName}`);
  const imported = [];
  for (const file of files) {
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'import-pb', file, '--json'], { cwd: root, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`import-pb ${file} failed (${r.status}):\n${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    imported.push({ file, ...out, importSeconds: (Date.now() - started) / 1000 });
    log(`imported ${file.split('/').pop()}: ${out.ballots} ballots, ${out.projects} projects in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  worker = spawn(process.execPath, [join(root, 'dist/apps/worker/src/main.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise((resolveReady, reject) => {
    worker.stderr.on('data', (d) => {
      stderr += d.toString();
      if (stderr.includes('processing jobs')) resolveReady();
    });
    worker.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${stderr}`)));
  });

  db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const rows = [];
  for (const imp of imported) {
    const t0 = Date.now();
    const {
      rows: [run],
    } = await db.query(`INSERT INTO tally_runs (edition_id) VALUES ($1) RETURNING id`, [imp.editionId]);
    await db.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ('voting', 'tally-edition', $1::jsonb)`, [JSON.stringify({ tallyRunId: run.id })]);
    let state;
    for (;;) {
      ({
        rows: [state],
      } = await db.query(`SELECT status, error, extract(epoch FROM finished_at - started_at) AS job_s FROM tally_runs WHERE id = $1`, [run.id]));
      if (state.status === 'done' || state.status === 'failed') break;
      if (Date.now() - t0 > 30 * 60_000) throw new Error('timed out');
      await sleep(50);
    }
    if (state.status === 'failed') throw new Error(`tally of ${imp.file} failed: ${state.error}`);
    const total = (Date.now() - t0) / 1000;
    const job = Number(state.job_s);
    const {
      rows: [res],
    } = await db.query(`SELECT jsonb_array_length(result->'selected') AS selected FROM pool_results WHERE tally_run_id = $1`, [run.id]);
    rows.push({
      file: imp.file.split('/').pop(),
      ballots: imp.ballots,
      projects: imp.projects,
      importSeconds: imp.importSeconds,
      job,
      total,
      selected: res.selected,
    });
  }

  const lines = [
    `tally-edition job on ${cpus().length} cores (PostgreSQL + Redis on this machine, one worker process)`,
    'file                          ballots  projects  import s   job s  outbox→done s   ballots/s  selected',
    ...rows.map(
      (r) =>
        `${r.file.padEnd(28)} ${String(r.ballots).padStart(8)} ${String(r.projects).padStart(9)} ${r.importSeconds.toFixed(1).padStart(9)} ${r.job.toFixed(2).padStart(7)} ${r.total
          .toFixed(2)
          .padStart(14)} ${Math.round(r.ballots / r.job)
          .toLocaleString('en')
          .padStart(11)} ${String(r.selected).padStart(9)}`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main()
  .then(cleanup, async (err) => {
    log(err.stack ?? String(err));
    await cleanup();
    process.exitCode = 1;
  })
  .catch((e) => {
    log(String(e));
    process.exitCode = 1;
  });
