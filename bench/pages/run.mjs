// Page benchmark: server time of the home page and the sign-in page under C concurrent clients for D seconds, next
// to /health/live measured in the same run (the ratio is the figure: it takes the machine out), on the embedded
// database and on PostgreSQL; then the bytes of each page's first load (HTML + CSS + JS as a browser downloads them,
// compressed). The platform is filled by `seed-demo` first, so the home page shows a real city's sections.
//
//   node bench/pages/run.mjs [--clients 50] [--seconds 20] [--only embedded|postgres] [--paths /,/sign-in] [--budget]
//                            [--voting] [--consultations]
//
// --budget: the participatory budget's resident pages too. After `seed-demo` the script adds an edition with 1,000
// submitted projects and one project with a 47-entry history (bench/pages/budget-data.mjs, SQL straight into the
// tables, a few seconds), then measures, after the --paths, the projects list unfiltered (`?seed=1&sort=random`),
// filtered by category and words (`&category=<id>&q=park`), by a district (`?seed=1&area=<id>`), sorted by cost on
// its third page (`?sort=cost_desc&page=3`), and the long-history project's page (`/projects/<id>`); the first-load
// bytes of the list and of that project page are added to the others. The table names them by a short label; the
// addresses follow it.
//
// --voting: the voting pages (bench/pages/voting.mjs). After `seed-demo` (and the --budget data) Warsaw 2026 from
// ../shared/pabulib (61,668 ballots, one city-wide pool of 83 projects) is imported with `cli import-pb --json`; with
// the API running, seed-demo's administrator signs in, requests the tally, polls the review until the run is done and
// publishes it, then moves the edition's phases so that voting is open (the results stay published; the script checks
// the results page still shows them). One booth draft per client is walked as a browser without JavaScript walks it
// (GET /vote, POST start, identity, pools, with the `_csrf` field and the cookies). Measured after the others:
// `results` (/budget/<id>/results, anonymous, a shared page) and `booth ballot` (/budget/<id>/vote/pools/<pool>, each
// client with its own draft's cookies; the warm-up checks the answer is 200 with the ballot form, not a redirect);
// both pages' first-load bytes too.
//
// --consultations: a consultation with its report published, its document of 20 sections in two versions and 500
// comments with their responses (bench/pages/consultations-data.mjs, SQL straight into the tables); measured: the
// document page (`consult doc`, /consultations/<id>/document: 20 sections, the first five comments of each, what
// changed since version 1) and the report page (`consult report`, /consultations/<id>/report: every comment with the
// city's response), both anonymous (shared pages), and both pages' first-load bytes.
//
// BENCH_NODE_ARGS: extra node options for the API process (e.g. --cpu-prof).
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must be allowed to create databases.
// Times are measured by the load generator over keep-alive connections on loopback (it shares the machine's cores
// with the API and the database). Everything created is removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pg from 'pg';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { adminQuery, benchTarget, freePort, intOption } from '../common.mjs';
import { fillBudget } from './budget-data.mjs';
import { fillConsultation } from './consultations-data.mjs';
import { prepareVoting, WARSAW } from './voting.mjs';

const clients = intOption('--clients', 50);
const seconds = intOption('--seconds', 20);
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : null;
const pathsAt = process.argv.indexOf('--paths');
const PAGES = ['/health/live', ...(pathsAt > 0 ? process.argv[pathsAt + 1].split(',') : ['/', '/sign-in'])].map((path) => ({ label: path, path }));
const budget = process.argv.includes('--budget');
const voting = process.argv.includes('--voting');
const consultations = process.argv.includes('--consultations');
const DEMO_PASSWORD = 'demo-password-123';

const log = (msg) => process.stderr.write(`pages: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const state = { api: null, dirs: [], dbs: [] };
const { adminUrl } = benchTarget();
const admin = (sql) => adminQuery(adminUrl, sql);
async function stopApi() {
  const api = state.api;
  state.api = null;
  if (!api || api.exitCode !== null) return;
  const exited = new Promise((r) => api.once('exit', r));
  api.kill('SIGTERM');
  const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
async function cleanup() {
  await stopApi();
  for (const db of state.dbs) await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch((e) => log(`drop: ${e.message}`));
  for (const d of state.dirs) rmSync(d, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().finally(() => process.exit(130)));

/** A command of the CLI; its stdout. */
function cli(env, args) {
  const res = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`cli ${args[0]} failed:\n${res.stdout.slice(-4000)}${res.stderr.slice(-4000)}`);
  return res.stdout;
}

function get(agent, port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', agent, headers: { 'accept-language': 'pl', 'accept-encoding': 'br, gzip', ...headers } },
      (res) => {
        let bytes = 0;
        const chunks = [];
        res.on('data', (c) => {
          bytes += c.length;
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode, bytes, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The budget edition of --budget (or the consultation of --consultations), written into the run's database while the API is not running. */
async function seedBudget(mode, env, varDir, fill = fillBudget) {
  const t0 = performance.now();
  let data;
  if (mode === 'postgres') {
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      data = await fill(
        (sql) => c.query(sql),
        async (sql) => (await c.query(sql)).rows,
      );
    } finally {
      await c.end();
    }
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite({ dataDir: join(varDir, 'db') });
    await db.waitReady;
    try {
      data = await fill(
        (sql) => db.exec(sql),
        async (sql) => (await db.query(sql)).rows,
      );
    } finally {
      await db.close();
    }
  }
  log(`${mode}: ${data.summary} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return data.paths;
}

/** C clients request `path` in a loop for D seconds (client i with `headers(i)`); latencies in ms. */
async function load(port, { label, path, headers = () => ({}) }) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  const bad = new Map();
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const h = headers(i);
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await get(agent, port, path, h);
        latencies.push(performance.now() - t0);
        if (res.status !== 200) bad.set(res.status, (bad.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    label,
    path,
    requests: latencies.length,
    perSec: Math.round(latencies.length / elapsed),
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    failures: Object.fromEntries(bad),
  };
}

/** A response's body as text (brotli or gzip undone). */
function decode(r) {
  const enc = r.headers['content-encoding'];
  return (enc === 'br' ? brotliDecompressSync(r.body) : enc === 'gzip' ? gunzipSync(r.body) : r.body).toString();
}

/** What a first visit downloads: the page, then every stylesheet, script (and the modules it imports) and icon. */
async function firstLoad(port, path, headers = {}) {
  const agent = new Agent({ keepAlive: true });
  const page = await get(agent, port, path, headers);
  const html = decode(page);
  const assets = new Set([...html.matchAll(/<(?:link[^>]+href|script[^>]+src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]));
  let bytes = page.bytes;
  const parts = { html: page.bytes };
  const seen = new Set();
  const queue = [...assets];
  while (queue.length) {
    const a = queue.shift();
    if (seen.has(a)) continue;
    seen.add(a);
    const r = await get(agent, port, a);
    bytes += r.bytes;
    parts[a.replace(/^\/assets\/|\.[0-9a-f]{12}/g, '')] = r.bytes;
    if (a.endsWith('.js')) for (const m of decode(r).matchAll(/from\s*["']\.\/([^"']+)["']/g)) queue.push(`/assets/${m[1]}`);
  }
  agent.destroy();
  return { path, bytes, parts };
}

async function runMode(mode) {
  const varDir = mkdtempSync(join(tmpdir(), 'civitas-bench-pages-'));
  state.dirs.push(varDir);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    VAR_DIR: varDir,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    REDIS_URL: '',
    DATABASE_URL: '',
  };
  if (mode === 'postgres') {
    const { dbName, dbUrl } = benchTarget();
    await admin(`CREATE DATABASE "${dbName}"`);
    state.dbs.push(dbName);
    env.DATABASE_URL = dbUrl;
  }
  log(`${mode}: migrating and seeding the demo city…`);
  cli(env, ['migrate']);
  cli(env, ['seed-demo', '--password', DEMO_PASSWORD]);
  const budgetPages = budget ? await seedBudget(mode, env, varDir) : [];
  const consultationPages = consultations ? await seedBudget(mode, env, varDir, fillConsultation) : [];
  let imported = null;
  if (voting) {
    const t0 = performance.now();
    imported = JSON.parse(cli(env, ['import-pb', WARSAW, '--json']).trim().split('\n').pop());
    log(`${mode}: imported Warsaw 2026 (${imported.ballots} ballots, ${imported.projects} projects) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const port = await freePort();
  state.api = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (
      (await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    if (state.api.exitCode !== null || i > 1200) throw new Error('the API did not start');
    await sleep(100);
  }
  const home = await get(new Agent(), port, '/');
  if (home.status !== 200) throw new Error(`/ answered ${home.status}: the demo city should make it a home page`);
  const votingPages = imported ? await prepareVoting(port, imported, { password: DEMO_PASSWORD, clients, log: (m) => log(`${mode}: ${m}`) }) : [];
  const pages = [...PAGES, ...budgetPages, ...consultationPages, ...votingPages];
  // Warm-up: the first requests compile and fill caches; every answer must be the page (200, and its own check).
  for (const { path, headers = () => ({}), check } of pages) {
    const res = await Promise.all(Array.from({ length: 50 }, (_, i) => get(new Agent(), port, path, headers(i))));
    for (const r of res) {
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
      const problem = check?.(decode(r));
      if (problem) throw new Error(`${path}: ${problem}`);
    }
  }
  const results = [];
  for (const page of pages) {
    log(`${mode}: ${page.label}, ${clients} clients, ${seconds} s…`);
    results.push(await load(port, page));
  }
  const bytes = [];
  const firstLoads = [
    ...['/', '/sign-in', '/register', '/accessibility'].map((path) => ({ label: path, path })),
    ...budgetPages.filter((p) => p.label === 'list' || p.label === 'project hist'),
    ...consultationPages,
    ...votingPages,
  ];
  for (const { label, path, headers } of firstLoads) bytes.push({ label, ...(await firstLoad(port, path, headers?.(0))) });
  await stopApi();
  return { mode, results, bytes, notes: votingPages.filter((p) => p.note).map((p) => `${p.label}: ${p.note}`) };
}

async function main() {
  ensureBuild();
  const modes = only ? [only] : ['embedded', 'postgres'];
  const out = [];
  for (const mode of modes) out.push(await runMode(mode));
  const ms = (x) => `${x.toFixed(1)} ms`;
  for (const { mode, results, bytes, notes } of out) {
    const health = results[0];
    process.stdout.write(`\n${mode} (${cpus().length} cores, ${clients} clients, ${seconds} s each; client-side times over loopback)\n`);
    const w = Math.max(14, ...results.map((r) => r.label.length), ...bytes.map((b) => b.label.length));
    process.stdout.write(`  ${'path'.padEnd(w)}  req/s    p50        p95        p99        p95 / health p95   failures\n`);
    for (const r of results) {
      process.stdout.write(
        `  ${r.label.padEnd(w)} ${String(r.perSec).padStart(6)}   ${ms(r.p50).padEnd(10)} ${ms(r.p95).padEnd(10)} ${ms(r.p99).padEnd(10)} ${(r.p95 / health.p95).toFixed(2).padStart(6)}             ${JSON.stringify(r.failures)}\n`,
      );
    }
    const named = [...results, ...bytes].filter((r) => r.label !== r.path);
    if (named.length) {
      process.stdout.write(`  addresses:\n`);
      for (const r of new Map(named.map((x) => [x.label, x])).values()) process.stdout.write(`    ${r.label.padEnd(w)} ${r.path}\n`);
    }
    for (const n of notes) process.stdout.write(`  ${n}\n`);
    process.stdout.write(`  first load (compressed, as a browser downloads it):\n`);
    for (const b of bytes) process.stdout.write(`    ${b.label.padEnd(w)} ${(b.bytes / 1024).toFixed(1)} KB  ${JSON.stringify(b.parts)}\n`);
  }
  process.stdout.write(`\n${JSON.stringify(out)}\n`);
}

main()
  .catch((e) => {
    log(e.stack ?? String(e));
    process.exitCode = 1;
  })
  .finally(() => cleanup());
