// Password-reset timing: does the answer take longer for an address with an account than for one without? One API
// process on PostgreSQL (jobs in-process, as in the single-process mode), an account created by the CLI, then N
// requests for the known address and N for unknown ones, interleaved one at a time with a pause between (no
// concurrency, so that each time is the request path alone). Prints the median, p90 and mean of each and their difference.
//
//   node bench/password-reset/run.mjs [--requests 400]
//
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must be allowed to create databases.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { adminQuery, benchTarget, freePort, intOption } from '../common.mjs';

const requests = intOption('--requests', 400);
const log = (msg) => process.stderr.write(`password-reset: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { adminUrl, dbName, dbUrl } = benchTarget();
const varDir = mkdtempSync(join(tmpdir(), 'civitas-bench-reset-'));
let api = null;

async function cleanup() {
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => log(`drop: ${e.message}`));
  rmSync(varDir, { recursive: true, force: true });
}

function post(agent, port, path, body) {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: at(0.5), p90: at(0.9), mean: s.reduce((a, b) => a + b, 0) / s.length };
};

async function main() {
  ensureBuild();
  await adminQuery(adminUrl, `CREATE DATABASE "${dbName}"`);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    VAR_DIR: varDir,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    REDIS_URL: '',
    DATABASE_URL: dbUrl,
    // The limit of reset requests per client is what it measures around: lifted for this run.
    THROTTLE_AUTH_LIMIT: String(requests * 4),
  };
  const cli = (args) => {
    const res = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), ...args], { cwd: root, env, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`cli ${args[0]} failed:\n${res.stdout}${res.stderr}`);
  };
  cli(['migrate']);
  cli(['create-admin', '--email', 'known@example.pl', '--password', 'a long bench password 123', '--name', 'Known']);
  const port = await freePort();
  api = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'inherit',
  });
  for (let i = 0; ; i++) {
    if (
      (await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    if (api.exitCode !== null || i > 600) throw new Error('the API did not start');
    await sleep(100);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 50; i++) await post(agent, port, '/api/v1/auth/password-reset', { email: `warm${i}@example.pl` });
  const known = [];
  const unknown = [];
  log(`${requests} requests each, interleaved…`);
  for (let i = 0; i < requests; i++) {
    // Which one goes first alternates, so that neither always follows the other's background job.
    const knownFirst = i % 2 === 0;
    const first = await post(agent, port, '/api/v1/auth/password-reset', { email: knownFirst ? 'known@example.pl' : `nobody${i}@example.pl` });
    await sleep(20);
    const second = await post(agent, port, '/api/v1/auth/password-reset', { email: knownFirst ? `nobody${i}@example.pl` : 'known@example.pl' });
    const [a, b] = knownFirst ? [first, second] : [second, first];
    if (a.status !== 202 || b.status !== 202) throw new Error(`answers ${a.status} / ${b.status}, expected 202`);
    known.push(a.ms);
    unknown.push(b.ms);
    // Let the job of the previous pair run, so that it does not fall inside the next measured request.
    await sleep(20);
  }
  agent.destroy();
  const k = stats(known);
  const u = stats(unknown);
  const ms = (x) => `${x.toFixed(2)} ms`;
  process.stdout.write(`\nPOST /api/v1/auth/password-reset, ${requests} each, one at a time, PostgreSQL, jobs in-process\n`);
  process.stdout.write(`  address            median      p90         mean\n`);
  process.stdout.write(`  with an account    ${ms(k.median).padEnd(11)} ${ms(k.p90).padEnd(11)} ${ms(k.mean)}\n`);
  process.stdout.write(`  without            ${ms(u.median).padEnd(11)} ${ms(u.p90).padEnd(11)} ${ms(u.mean)}\n`);
  process.stdout.write(`  difference         ${ms(k.median - u.median).padEnd(11)} ${ms(k.p90 - u.p90).padEnd(11)} ${ms(k.mean - u.mean)}\n`);
}

main()
  .catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exitCode = 1;
  })
  .finally(cleanup);
