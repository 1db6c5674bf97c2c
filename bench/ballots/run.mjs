// Ballot submission benchmark: HTTP POST /api/v1/editions/:id/ballots against a real PostgreSQL, with C concurrent
// clients for D seconds, after measuring in the same run the raw single-row INSERT rate of that PostgreSQL with 16
// clients. Prints ballots/s, p50/p99 latency, the ratio to the raw INSERT rate, and checks afterwards that every
// acknowledged ballot is stored exactly once.
//
//   node bench/ballots/run.mjs [--clients 64] [--seconds 30] [--raw-clients 16] [--raw-seconds 10] [--apis 1]
//
// --apis N starts N API processes (production runs N × api behind a load balancer, DESIGN §2); client i talks to
// process i mod N. With N > 1 the processes share Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/15) for
// their jobs, as in production; with one, jobs run in-process.
//
// BENCH_NODE_ARGS: extra node options for the API process (e.g. --cpu-prof). BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, must be allowed to create databases).
// The API runs as production runs it (dist/apps/api), without Redis (jobs in-process). The edition's policy asks for
// PESEL (each client sends unique valid numbers), so ballots are valid at once and no mail is sent. Everything
// created is removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { adminQuery, benchTarget, freePort, intOption } from '../common.mjs';

const clients = intOption('--clients', 64);
const seconds = intOption('--seconds', 30);
const rawClients = intOption('--raw-clients', 16);
const rawSeconds = intOption('--raw-seconds', 10);
const apis = intOption('--apis', 1);

const { adminUrl, dbName, dbUrl } = benchTarget();
const jwtSecret = randomBytes(32).toString('base64url');

const log = (msg) => process.stderr.write(`ballots: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const admin = (sql) => adminQuery(adminUrl, sql);

const state = { created: false, apis: [], varDir: null, cleaning: null };
function cleanup() {
  state.cleaning ??= (async () => {
    await Promise.all(
      state.apis
        .filter((api) => api.exitCode === null)
        .map(async (api) => {
          const exited = new Promise((r) => api.once('exit', r));
          api.kill('SIGTERM');
          const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }),
    );
    if (state.created)
      await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).then(
        () => log(`dropped database ${dbName}`),
        (e) => log(`drop: ${e.message}`),
      );
    if (state.varDir) rmSync(state.varDir, { recursive: true, force: true });
  })();
  return state.cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().finally(() => process.exit(130)));

/** A valid PESEL, unique for each n (a date of birth from 1950 on, then a serial). */
function pesel(n) {
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 10_000) * 86_400_000);
  const y = d.getUTCFullYear();
  const base = `${String(y % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1 + (y >= 2000 ? 20 : 0)).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${String(n % 10_000).padStart(4, '0')}`;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...base].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function rawInsertRate(pool) {
  await pool.query(`CREATE TABLE bench_raw (id bigserial PRIMARY KEY, v text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  let done = 0;
  const until = performance.now() + rawSeconds * 1000;
  await Promise.all(
    Array.from({ length: rawClients }, async (_, i) => {
      const c = await pool.connect();
      try {
        for (let k = 0; performance.now() < until; k++) {
          await c.query(`INSERT INTO bench_raw (v) VALUES ($1)`, [`${i}:${k}`]);
          done++;
        }
      } finally {
        c.release();
      }
    }),
  );
  await pool.query(`DROP TABLE bench_raw`);
  return done / rawSeconds;
}

async function seed(pool) {
  const one = async (sql, params) => (await pool.query(sql, params)).rows[0];
  const area = (await one(`INSERT INTO areas (name, kind, resident_count) VALUES ('Miasto', 'city', 100000) RETURNING id`)).id;
  const user = (await one(`INSERT INTO users (email, display_name, password_hash, locale) VALUES ('bench@example.pl', 'Bench', 'x', 'pl') RETURNING id`)).id;
  const edition = (await one(`INSERT INTO budget_editions (name, year, status, rules) VALUES ('Bench', 2027, 'published', '{}'::jsonb) RETURNING id`)).id;
  const phases = ['submission', 'formal_review', 'merit_review', 'appeals', 'ballot_list', 'voting', 'vote_verification', 'results', 'implementation'];
  const day = 86_400_000;
  const now = Date.now();
  for (const [j, phase] of phases.entries()) {
    const i = 5; // voting under way
    const start = j < i ? now - day - (i - j) * 7 * day : j === i ? now - day : now + 10 * day + (j - i - 1) * 7 * day;
    const end = j === i ? now + 10 * day : start + 7 * day;
    await pool.query(`INSERT INTO budget_phases (edition_id, phase, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [
      edition,
      phase,
      new Date(start),
      new Date(end),
    ]);
  }
  const poolId = (
    await one(`INSERT INTO budget_pools (edition_id, name, area_id, amount) VALUES ($1, 'Ogólnomiejska', NULL, 1000000000) RETURNING id`, [edition])
  ).id;
  const projects = [];
  for (let k = 1; k <= 10; k++) {
    projects.push(
      (
        await one(
          `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by) VALUES ($1, $2, $3, 'on_ballot', $4, 10000000, $5) RETURNING id`,
          [edition, poolId, k, `Projekt ${k}`, user],
        )
      ).id,
    );
  }
  await pool.query(`INSERT INTO voting_policies (edition_id, methods, tie_seed) VALUES ($1, ARRAY['pesel'], $2)`, [edition, randomBytes(16).toString('hex')]);
  await pool.query(`INSERT INTO voting_pool_specs (pool_id, vote_type, min_length, max_length) VALUES ($1, 'approval', 1, 3)`, [poolId]);
  return { area, edition, poolId, projects };
}

function post(agent, port, path, body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function main() {
  ensureBuild();
  state.varDir = mkdtempSync(join(tmpdir(), 'civitas-bench-ballots-'));
  await admin(`CREATE DATABASE "${dbName}"`);
  state.created = true;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: jwtSecret,
    DATABASE_URL: dbUrl,
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    VAR_DIR: state.varDir,
    VOTING_IP_LIMIT_PER_MINUTE: '0',
  };
  const mig = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'migrate'], { cwd: root, env, encoding: 'utf8' });
  if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}${mig.stderr}`);
  const pool = new pg.Pool({ connectionString: dbUrl, max: rawClients + 2 });
  try {
    log(`raw single-row INSERT rate, ${rawClients} clients, ${rawSeconds} s…`);
    const raw = await rawInsertRate(pool);
    const s = await seed(pool);

    const redisUrl = apis > 1 ? (process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15') : '';
    const ports = [];
    for (let k = 0; k < apis; k++) {
      const port = await freePort();
      ports.push(port);
      state.apis.push(
        spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), join(root, 'dist/apps/api/src/main.js')], {
          cwd: root,
          env: { ...env, REDIS_URL: redisUrl, PORT: String(port), HOST: '127.0.0.1' },
          stdio: ['ignore', 'inherit', 'inherit'],
        }),
      );
    }
    for (const [k, port] of ports.entries()) {
      for (let i = 0; ; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/health/live`).then(
          (r) => r.status < 500,
          () => false,
        );
        if (ok) break;
        if (state.apis[k].exitCode !== null || i > 300) throw new Error('the API did not start');
        await sleep(100);
      }
    }
    log(`${apis} API process(es) up on port(s) ${ports.join(', ')}; ${clients} clients for ${seconds} s…`);

    const agent = new Agent({ keepAlive: true, maxSockets: clients });
    const path = `/api/v1/editions/${s.edition}/ballots`;
    const latencies = [];
    const acked = [];
    const failures = new Map();
    let next = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const port = ports[c % ports.length];
        while (performance.now() < until) {
          const n = next++;
          const body = {
            identity: { firstName: 'Jan', lastName: `Kowalski ${n}`, areaId: s.area, pesel: pesel(n) },
            choices: [{ poolId: s.poolId, projectIds: [s.projects[n % 10], s.projects[(n + 3) % 10]] }],
          };
          const t0 = performance.now();
          const res = await post(agent, port, path, body);
          latencies.push(performance.now() - t0);
          if (res.status === 201) acked.push(JSON.parse(res.body).reference);
          else failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);

    // Every acknowledged ballot stored exactly once, with its choices.
    const stored = (
      await pool.query(
        `SELECT reference, (SELECT count(*) FROM ballot_choices c WHERE c.ballot_id = b.id)::int AS choices FROM ballots b WHERE edition_id = $1`,
        [s.edition],
      )
    ).rows;
    const byRef = new Map();
    for (const r of stored) byRef.set(r.reference, (byRef.get(r.reference) ?? 0) + 1);
    const missing = acked.filter((r) => byRef.get(r) !== 1).length;
    const duplicates = new Set(acked).size !== acked.length;
    const badChoices = stored.filter((r) => r.choices !== 2).length;
    const rate = acked.length / elapsed;
    const result = {
      cores: cpus().length,
      apiProcesses: apis,
      rawInsertsPerSec: Math.round(raw),
      ballotsPerSec: Math.round(rate),
      ratio: Number((rate / raw).toFixed(3)),
      p50Ms: Number(pct(latencies, 50).toFixed(1)),
      p99Ms: Number(pct(latencies, 99).toFixed(1)),
      acknowledged: acked.length,
      stored: stored.length,
      failures: Object.fromEntries(failures),
      check:
        missing === 0 && !duplicates && badChoices === 0 && stored.length === acked.length
          ? 'ok'
          : `FAILED (missing ${missing}, duplicate acks ${duplicates}, bad choices ${badChoices})`,
    };
    process.stdout.write(
      `raw INSERT (${rawClients} clients): ${result.rawInsertsPerSec}/s\n` +
        `ballots (${clients} clients, ${seconds} s, ${apis} API process${apis > 1 ? 'es' : ''}): ${result.ballotsPerSec}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ratio ${result.ratio}\n` +
        `acknowledged ${result.acknowledged}, stored ${result.stored}, failures ${JSON.stringify(result.failures)}: ${result.check}\n` +
        `${JSON.stringify(result)}\n`,
    );
    if (result.check !== 'ok') process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

main()
  .catch((e) => {
    log(e.stack ?? String(e));
    process.exitCode = 1;
  })
  .finally(() => cleanup());
