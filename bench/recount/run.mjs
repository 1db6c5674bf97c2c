// Recount benchmark: the recount in the browser of a published edition (Warsaw 2026 city-wide by default, 61,668
// ballots) in Debian's Chromium, next to the command-line recount of the same file on the same machine.
//
//   node bench/recount/run.mjs [--runs 5] [--db postgres|embedded] [--json] [FILE.pb]
//
// The file is imported with `cli import-pb` into a fresh database (PostgreSQL by default), the API is started as
// production runs it (jobs in-process), an administrator tallies and publishes the edition over the API, and then:
//   - browser, edition page: /budget/:id/results/recount, "Recount" clicked; from the click to the verdict, split into
//     getting the published results.pb and results (the server writes the file from the database on each request),
//     the engine in the Web Worker from handing it the file to its answer (the worker's start included), and the
//     engine's own read + parse + tally. The page is reloaded before each run (a new worker; assets from the cache).
//   - browser, /recount: the same results.pb chosen in the file input; the worker's time and the engine's.
//   - CLI: `node dist/apps/cli/src/main.js tally results.pb --json` as a process (Node's start included), and the
//     engine's parse + tally inside a Node process (bench/tally/one.cjs).
//   - the server's results.pb download alone.
// Every figure is the median (and minimum) of --runs runs; the recounts must agree with the published result and hash.
//
// Chromium: CHROMIUM_PATH (default /usr/bin/chromium), never a downloaded browser. BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres) must be allowed to create databases. Everything created is removed.
/* global document -- the functions passed to page.waitForFunction run in the browser */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { adminQuery, benchTarget, freePort, intOption } from '../common.mjs';

const runs = intOption('--runs', 5);
const dbAt = process.argv.indexOf('--db');
const dbKind = dbAt > 0 ? process.argv[dbAt + 1] : 'postgres';
if (!['postgres', 'embedded'].includes(dbKind)) throw new Error('--db takes postgres or embedded');
const asJson = process.argv.includes('--json');
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !['--runs', '--db'].includes(all[i - 1]));
const file = positional[0] ? resolve(positional[0]) : join(root, '..', 'shared', 'pabulib', 'Poland_Warszawa_2026.pb');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const log = (msg) => process.stderr.write(`recount: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), runs: xs });

const state = { api: null, browser: null, dirs: [], db: null };
const target = benchTarget();

async function cleanup() {
  await state.browser?.close().catch(() => {});
  const api = state.api;
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (state.db) await adminQuery(target.adminUrl, `DROP DATABASE IF EXISTS "${state.db}" WITH (FORCE)`).catch((e) => log(`drop: ${e.message}`));
  for (const d of state.dirs) rmSync(d, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().finally(() => process.exit(130)));

/** A command of the CLI; its last stdout line (the --json answer) parsed, or nothing. */
function cli(env, args) {
  const res = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (res.status !== 0) throw new Error(`cli ${args[0]} failed (${res.status}):\n${res.stdout.slice(-2000)}${res.stderr.slice(-2000)}`);
  return res.stdout;
}

async function api(port, method, path, token, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** One recount in the page; the section's figures once it has ended. */
async function recountOnce(page, section, button) {
  const t0 = performance.now();
  await page.locator(`${section} ${button}`).click();
  await page.waitForFunction((s) => ['agrees', 'differs', 'done', 'failed'].includes(document.querySelector(s)?.dataset.recountState ?? ''), section, {
    timeout: 600_000,
  });
  const wall = performance.now() - t0;
  const figures = await page.locator(section).evaluate((el) => ({ ...el.dataset }));
  const status = await page.locator(`${section} [data-recount-status]`).textContent();
  return { wall, figures, status };
}

async function main() {
  if (!existsSync(file)) throw new Error(`no file ${file}`);
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  ensureBuild();
  const varDir = mkdtempSync(join(tmpdir(), 'civitas-bench-recount-'));
  state.dirs.push(varDir);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    NODE_OPTIONS: '',
    LOG_LEVEL: 'warn',
    VAR_DIR: varDir,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    REDIS_URL: '',
    DATABASE_URL: '',
    OUTBOX_POLL_MS: '100',
    HOME_CACHE_MS: '0',
  };
  if (dbKind === 'postgres') {
    await adminQuery(target.adminUrl, `CREATE DATABASE "${target.dbName}"`);
    state.db = target.dbName;
    env.DATABASE_URL = target.dbUrl;
  }
  cli(env, ['migrate']);
  let t = performance.now();
  const imported = JSON.parse(cli(env, ['import-pb', file, '--json']).trim().split('\n').pop());
  log(
    `imported ${file.split('/').pop()} into ${dbKind}: ${imported.ballots} ballots, ${imported.projects} projects in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const email = 'bench-recount@example.pl';
  const password = 'a long bench password 123';
  cli(env, ['create-admin', '--email', email, '--password', password, '--name', 'Bench']);

  const port = await freePort();
  state.api = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'inherit',
  });
  for (let i = 0; ; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (state.api.exitCode !== null || i > 1200) throw new Error('the API did not start');
    await sleep(100);
  }
  const { accessToken } = await api(port, 'POST', '/api/v1/auth/login', null, { email, password });
  const { editionId, poolId } = imported;
  t = performance.now();
  await api(port, 'POST', `/api/v1/admin/editions/${editionId}/tally`, accessToken);
  let review;
  for (;;) {
    review = await api(port, 'GET', `/api/v1/admin/editions/${editionId}/results`, accessToken);
    if (review.run?.status === 'done') break;
    if (review.run?.status === 'failed') throw new Error(`the tally failed: ${review.run.error}`);
    await sleep(100);
  }
  log(`tallied in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await api(port, 'POST', `/api/v1/admin/editions/${editionId}/results/publish`, accessToken);
  const sha = review.pools[0].inputsSha256;

  // The server's results.pb on its own, and the file for the CLI and the file input.
  const pbUrl = `http://127.0.0.1:${port}/api/v1/editions/${editionId}/pools/${poolId}/results.pb`;
  const downloads = [];
  let pb = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    pb = await (await fetch(pbUrl)).text();
    downloads.push(performance.now() - t0);
  }
  const pbFile = join(varDir, 'results.pb');
  writeFileSync(pbFile, pb);

  state.browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const context = await state.browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const edition = [];
  const section = `[data-recount-pool="${poolId}"]`;
  // One run to warm the browser's cache of the page's assets (tally.js); then the measured runs.
  for (let i = 0; i <= runs; i++) {
    await page.goto(`http://127.0.0.1:${port}/budget/${editionId}/results/recount`);
    const r = await recountOnce(page, section, '[data-recount-run]');
    if (r.figures.recountState !== 'agrees') throw new Error(`the recount in the browser does not agree: ${r.status}`);
    if (r.figures.recountWhere !== 'worker') throw new Error(`the engine ran on the page's thread, not in a worker`);
    if (i > 0) edition.push(r);
    log(
      `browser, edition page, run ${i}${i === 0 ? ' (warm-up)' : ''}: ${Math.round(r.wall)} ms (download ${r.figures.recountLoadMs}, worker ${r.figures.recountRunMs}, engine ${r.figures.recountEngineMs})`,
    );
  }
  const chosen = [];
  for (let i = 0; i <= runs; i++) {
    await page.goto(`http://127.0.0.1:${port}/recount`);
    await page.locator('#recount-file').setInputFiles(pbFile);
    const r = await recountOnce(page, '[data-recount-any]', '[data-recount-own]');
    const got = await page.locator('[data-recount-any] [data-recount-input-sha]').textContent();
    if (r.figures.recountState !== 'done' || got !== sha) throw new Error(`the recount of the chosen file: ${r.status} ${got}`);
    if (i > 0) chosen.push(r);
  }
  const chromiumVersion = state.browser.version();

  // The command line on the same file, and the engine in a Node process.
  const cliRuns = [];
  const engineRuns = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'tally', pbFile, '--json'], {
      cwd: root,
      env: { ...env, NODE_OPTIONS: '' },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    cliRuns.push(performance.now() - t0);
    if (out.status !== 0 || JSON.parse(out.stdout).inputSha256 !== sha) throw new Error(`the CLI recount: ${out.status} ${out.stderr.slice(0, 500)}`);
    const one = spawnSync(process.execPath, [join(root, 'bench/tally/one.cjs'), pbFile, review.pools[0].rule], { cwd: root, encoding: 'utf8' });
    const o = JSON.parse(one.stdout);
    engineRuns.push(o.parseMs + o.ruleMs);
  }

  const n = (xs, key) => xs.map((r) => Number(r.figures[key]));
  const figures = {
    file: file.split('/').pop(),
    ballots: imported.ballots,
    pbBytes: Buffer.byteLength(pb),
    db: dbKind,
    cores: cpus().length,
    chromium: chromiumVersion,
    runs,
    browser: {
      editionPage: {
        clickToVerdict: stat(edition.map((r) => r.wall)),
        download: stat(n(edition, 'recountLoadMs')),
        worker: stat(n(edition, 'recountRunMs')),
        engine: stat(n(edition, 'recountEngineMs')),
      },
      chosenFile: { worker: stat(n(chosen, 'recountRunMs')), engine: stat(n(chosen, 'recountEngineMs')) },
    },
    server: { resultsPb: stat(downloads) },
    cli: { process: stat(cliRuns), engine: stat(engineRuns) },
  };
  figures.ratios = {
    browserWorkerToCliProcess: figures.browser.editionPage.worker.median / figures.cli.process.median,
    browserEngineToNodeEngine: figures.browser.editionPage.engine.median / figures.cli.engine.median,
    clickToVerdictToCliProcess: figures.browser.editionPage.clickToVerdict.median / figures.cli.process.median,
  };
  if (asJson) {
    process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
    return;
  }
  const ms = (s) => `${Math.round(s.median).toString().padStart(6)} ms   (min ${Math.round(s.min)})`;
  const lines = [
    `Recount of ${figures.file} (${figures.ballots.toLocaleString('en')} ballots, results.pb ${(figures.pbBytes / 1048576).toFixed(1)} MB), ` +
      `${figures.cores} cores, ${dbKind}, Chromium ${figures.chromium}; medians of ${runs} runs`,
    `  browser, edition page: click → "the recount agrees"   ${ms(figures.browser.editionPage.clickToVerdict)}`,
    `    getting results.pb and the results (server + transfer) ${ms(figures.browser.editionPage.download)}`,
    `    engine in the Web Worker (start, read, parse, tally) ${ms(figures.browser.editionPage.worker)}`,
    `    of which the engine: read + parse + tally         ${ms(figures.browser.editionPage.engine)}`,
    `  browser, /recount, the same file chosen: worker      ${ms(figures.browser.chosenFile.worker)}`,
    `    of which the engine: read + parse + tally         ${ms(figures.browser.chosenFile.engine)}`,
    `  server: GET results.pb alone                        ${ms(figures.server.resultsPb)}`,
    `  CLI: tally results.pb --json (process)              ${ms(figures.cli.process)}`,
    `    the engine in Node: parse + tally                 ${ms(figures.cli.engine)}`,
    `  ratios (medians): browser worker / CLI process ${figures.ratios.browserWorkerToCliProcess.toFixed(2)}, ` +
      `browser engine / Node engine ${figures.ratios.browserEngineToNodeEngine.toFixed(2)}, ` +
      `click → verdict / CLI process ${figures.ratios.clickToVerdictToCliProcess.toFixed(2)} (goal: within 3×)`,
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
