// Outage suite: the platform under continuous writes (ballots, subscriptions, comments) through two API processes
// and two workers, on a PostgreSQL cluster and a Redis server of its own (started here in a temporary directory, so
// the machine's shared services are never touched), while
//   (a) Redis is stopped for --redis-down seconds and started again,
//   (b) PostgreSQL is restarted (stopped for --pg-down seconds),
//   (c) a worker is killed with -9 in the middle of a --recipients notification fan-out, and in the middle of a tally,
//   (d) an API process is killed with -9 under load (a supervisor starts it again after 3 s).
// Then it checks: no acknowledged write lost, no mail twice, the tally identical to an undisturbed one, the API that
// was never restarted serving again after every outage, health reporting the missing dependency, and requests during
// the outage failing fast with 503 problem+json.
//
//   node bench/outage/run.mjs [--redis-down 60] [--pg-down 5] [--recipients 20000] [--clients 6] [--file FILE.pb]
//
// Needs redis-server and PostgreSQL 15's server programs (/usr/lib/postgresql/15/bin, or PG_BIN). Run as root, the
// cluster runs as the postgres user. Everything started is stopped and removed at the end.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { freePort, intOption } from '../common.mjs';

const redisDown = intOption('--redis-down', 60);
const pgDown = intOption('--pg-down', 5);
const recipients = intOption('--recipients', 20_000);
const clients = intOption('--clients', 6);
const fileArg = process.argv.indexOf('--file');
const pbFile = fileArg > 0 ? process.argv[fileArg + 1] : join(root, '..', 'shared', 'pabulib', 'Poland_Warszawa_2026.pb');
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const log = (msg) => process.stderr.write(`outage: ${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s  ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const T0 = performance.now();
const jwtSecret = randomBytes(32).toString('base64url');

const state = { dir: null, redis: null, pg: null, apis: [], workers: [], smtp: null, db: null, cleaning: null, stopLoad: false };

// ---------------------------------------------------------------- private services
const asPostgres = userInfo().uid === 0 ? (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : (cmd, args) => [cmd, args];
function pgCtl(...args) {
  const [cmd, a] = asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', state.pg.data, '-l', join(state.pg.dir, 'log'), '-w', '-t', '60', ...args]);
  execFileSync(cmd, a, { stdio: 'ignore' });
}
async function startPostgres() {
  const dir = join(state.dir, 'pg');
  mkdirSync(dir);
  if (userInfo().uid === 0)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  chmodSync(dir, 0o700);
  const port = await freePort();
  state.pg = { dir, data: join(dir, 'data'), port };
  const [cmd, a] = asPostgres(join(PG_BIN, 'initdb'), ['-D', state.pg.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  execFileSync(cmd, a, { stdio: 'ignore' });
  pgCtl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB`, 'start');
  state.pg.url = `postgres://postgres@127.0.0.1:${port}/civitas`;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE civitas');
  await admin.end();
}
function redisArgs() {
  // Persisted (append-only file), as a production Redis for BullMQ must be: a restart keeps the jobs it holds.
  return ['--port', String(state.redis.port), '--bind', '127.0.0.1', '--dir', state.redis.dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'yes'];
}
async function startRedis() {
  state.redis ??= { dir: join(state.dir, 'redis'), port: await freePort() };
  mkdirSync(state.redis.dir, { recursive: true });
  execFileSync('redis-server', redisArgs(), { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(state.redis.port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
    await sleep(100);
  }
  throw new Error('redis did not start');
}
function stopRedis() {
  spawnSync('redis-cli', ['-p', String(state.redis.port), 'shutdown'], { stdio: 'ignore' });
}

// ---------------------------------------------------------------- SMTP: every message by recipient and Message-ID
function startSmtp() {
  const byRecipient = new Map(); // address -> Map(messageId -> count)
  const stats = { messages: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (c) => {
        if (head.length < 8192) head += c.toString();
      });
      stream.on('error', callback);
      stream.on('end', () => {
        stats.messages++;
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '?';
        for (const r of session.envelope.rcptTo) {
          const to = r.address.toLowerCase();
          const ids = byRecipient.get(to) ?? new Map();
          ids.set(id, (ids.get(id) ?? 0) + 1);
          byRecipient.set(to, ids);
        }
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.server.address().port, byRecipient, stats })));
}

// ---------------------------------------------------------------- processes
function baseEnv() {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '',
    LOG_LEVEL: 'warn',
    DATABASE_URL: state.pg.url,
    DATABASE_POOL_SIZE: '24',
    REDIS_URL: `redis://127.0.0.1:${state.redis.port}/0`,
    QUEUE_PREFIX: 'civitas',
    JWT_SECRET: jwtSecret,
    VAR_DIR: join(state.dir, 'var'),
    PUBLIC_URL: 'https://civitas.outage.example',
    SMTP_URL: `smtp://127.0.0.1:${state.smtp.port}/?pool=true&maxConnections=4`,
    MAIL_CONCURRENCY: '16',
    WORKER_LOCK_MS: '5000',
    OUTBOX_POLL_MS: '250',
    THROTTLE_AUTH_LIMIT: '10000',
    THROTTLE_AUTH_TTL_MS: '1000',
    VOTING_IP_LIMIT_PER_MINUTE: '0',
    VOTING_CODES_PER_ADDRESS_PER_HOUR: '0',
    SHUTDOWN_TIMEOUT_MS: '10000',
  };
}
function spawnLogged(kind, i, script, env) {
  const proc = spawn(process.execPath, [join(root, script)], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const p = { kind, i, proc, stderr: '' };
  proc.stderr.on('data', (d) => (p.stderr = (p.stderr + d.toString()).slice(-6000)));
  p.exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return p;
}
async function startApi(i, port) {
  const a = spawnLogged('api', i, 'dist/apps/api/src/main.js', { ...baseEnv(), PORT: String(port), HOST: '127.0.0.1' });
  a.port = port;
  a.starts = (state.apis[i]?.starts ?? 0) + 1;
  state.apis[i] = a;
  for (let k = 0; ; k++) {
    if (a.proc.exitCode !== null) throw new Error(`API ${i} exited:\n${a.stderr}`);
    const ok = await httpGet(port, '/health/live').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return a;
    if (k > 600) throw new Error(`API ${i} did not start`);
    await sleep(100);
  }
}
async function startWorker(i) {
  const w = spawnLogged('worker', i, 'dist/apps/worker/src/main.js', baseEnv());
  state.workers[i] = w;
  for (let k = 0; !w.stderr.includes('processing jobs'); k++) {
    if (w.proc.exitCode !== null) throw new Error(`worker ${i} exited:\n${w.stderr}`);
    if (k > 1200) throw new Error(`worker ${i} did not start`);
    await sleep(50);
  }
  return w;
}
async function kill9(p) {
  p.proc.kill('SIGKILL');
  await p.exited;
}

// ---------------------------------------------------------------- HTTP
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function httpCall(port, method, path, body, headers = {}, useAgent = agent) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: useAgent,
        timeout: 30_000,
        headers: { ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}), ...headers },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, type: res.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => reject(Object.assign(e, { ms: performance.now() - t0 })));
    req.end(data ?? undefined);
  });
}
const httpGet = (port, path) => httpCall(port, 'GET', path, undefined, {}, false);

// ---------------------------------------------------------------- seed
function pesel(n) {
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 10_000) * 86_400_000);
  const y = d.getUTCFullYear();
  const base = `${String(y % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1 + (y >= 2000 ? 20 : 0)).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${String(n % 10_000).padStart(4, '0')}`;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...base].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}
function jwt(sub) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, tv: 0, iat: now, exp: now + 86_400 })}`;
  return `${unsigned}.${createHmac('sha256', jwtSecret).update(unsigned).digest('base64url')}`;
}
async function seed(db) {
  const one = async (sql, params) => (await db.query(sql, params)).rows[0];
  const area = (await one(`INSERT INTO areas (name, kind, resident_count) VALUES ('Miasto', 'city', 100000) RETURNING id`)).id;
  const user = (
    await one(
      `INSERT INTO users (email, display_name, password_hash, locale, email_verified_at, token_version) VALUES ('komentarze@example.pl', 'Mieszkanka', 'x', 'pl', now(), 0) RETURNING id`,
    )
  ).id;
  const edition = (await one(`INSERT INTO budget_editions (name, year, status, rules) VALUES ('Outage', 2027, 'published', '{}'::jsonb) RETURNING id`)).id;
  const phases = ['submission', 'formal_review', 'merit_review', 'appeals', 'ballot_list', 'voting', 'vote_verification', 'results', 'implementation'];
  const day = 86_400_000;
  const now = Date.now();
  for (const [j, phase] of phases.entries()) {
    const start = j < 5 ? now - day - (5 - j) * 7 * day : j === 5 ? now - day : now + 10 * day + (j - 6) * 7 * day;
    await db.query(`INSERT INTO budget_phases (edition_id, phase, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [
      edition,
      phase,
      new Date(start),
      new Date(j === 5 ? now + 10 * day : start + 7 * day),
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
  await db.query(`INSERT INTO voting_policies (edition_id, methods, tie_seed) VALUES ($1, ARRAY['pesel'], $2)`, [edition, randomBytes(16).toString('hex')]);
  await db.query(`INSERT INTO voting_pool_specs (pool_id, vote_type, min_length, max_length) VALUES ($1, 'approval', 1, 3)`, [poolId]);
  const consultation = (
    await one(
      `INSERT INTO consultations (title, status, opens_at, closes_at, created_by) VALUES ('Plan miasta', 'open', now() - interval '1 day', now() + interval '10 days', $1) RETURNING id`,
      [user],
    )
  ).id;
  return { area, edition, poolId, projects, consultation, token: jwt(user) };
}

// ---------------------------------------------------------------- load
const load = {
  acked: { ballot: [], subscription: [], comment: [] },
  statuses: new Map(),
  failFast: [],
  bad: [],
  connErrors: 0,
  perApi: [[], []],
  phase: 'warm-up',
};
function note(phase, kind, status) {
  const k = `${phase}|${kind}|${status}`;
  load.statuses.set(k, (load.statuses.get(k) ?? 0) + 1);
}
async function runLoad(s) {
  let n = 0;
  const ops = ['ballot', 'subscription', 'comment'];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (!state.stopLoad) {
        const i = n++;
        const kind = ops[i % 3];
        // Client c talks to API c mod 2; while that one is down (refused), to the other, as a load balancer would.
        let apiIndex = c % 2;
        if (state.apis[apiIndex].down) apiIndex = 1 - apiIndex;
        const api = state.apis[apiIndex];
        const phase = load.phase;
        let req;
        if (kind === 'ballot') {
          req = httpCall(
            api.port,
            'POST',
            `/api/v1/editions/${s.edition}/ballots`,
            {
              identity: { firstName: 'Jan', lastName: `Kowalski ${i}`, areaId: s.area, pesel: pesel(i) },
              choices: [{ poolId: s.poolId, projectIds: [s.projects[i % 10], s.projects[(i + 3) % 10]] }],
            },
            { 'idempotency-key': `ballot-${i}` },
          );
        } else if (kind === 'subscription') {
          req = httpCall(api.port, 'POST', '/api/v1/subscriptions', { email: `load.${i}@example.pl`, locale: i % 2 ? 'pl' : 'en', topics: ['results'] });
        } else {
          req = httpCall(
            api.port,
            'POST',
            `/api/v1/consultations/${s.consultation}/comments`,
            { body: `Uwaga numer ${i}` },
            { authorization: `Bearer ${s.token}` },
          );
        }
        try {
          const res = await req;
          note(phase, kind, res.status);
          load.perApi[apiIndex].push({ t: performance.now(), ok: res.status < 300 });
          if (res.status === 201 || res.status === 202 || res.status === 200) {
            if (kind === 'ballot') load.acked.ballot.push(JSON.parse(res.body).reference);
            else if (kind === 'subscription') load.acked.subscription.push(`load.${i}@example.pl`);
            else load.acked.comment.push(JSON.parse(res.body).id);
          } else if (res.status === 503 && res.type.startsWith('application/problem+json')) {
            load.failFast.push({ phase, ms: res.ms });
          } else {
            load.bad.push({ phase, kind, status: res.status, body: res.body.slice(0, 200) });
            await sleep(50);
          }
        } catch (e) {
          load.connErrors++;
          note(phase, kind, e.code ?? e.message);
          await sleep(100);
        }
      }
    }),
  );
}

// ---------------------------------------------------------------- health sampling
const health = [];
async function sampleHealth() {
  while (!state.stopLoad) {
    for (const api of state.apis) {
      if (api.down) continue;
      const r = await httpGet(api.port, '/health/ready').catch(() => null);
      if (r) {
        let body = {};
        try {
          body = JSON.parse(r.body);
        } catch {
          /* not JSON */
        }
        health.push({ phase: load.phase, api: api.i, status: r.status, ms: r.ms, down: Object.keys(body.error ?? {}).join(',') });
      }
    }
    await sleep(500);
  }
}

// ---------------------------------------------------------------- checks
const q = async (sql, params) => (await state.db.query(sql, params)).rows;
async function waitFor(what, probe, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}
async function connectDb() {
  state.db = new pg.Pool({ connectionString: state.pg.url, max: 3 });
  state.db.on('error', () => undefined);
}

async function tally(editionId) {
  const [run] = await q(`INSERT INTO tally_runs (edition_id) VALUES ($1) RETURNING id`, [editionId]);
  await q(`INSERT INTO outbox (queue, job_name, payload) VALUES ('voting', 'tally-edition', $1::jsonb)`, [JSON.stringify({ tallyRunId: run.id })]);
  return run.id;
}
async function tallyResult(runId) {
  const [st] = await q(`SELECT status, error FROM tally_runs WHERE id = $1`, [runId]);
  if (st.status !== 'done') return null;
  const rows = await q(`SELECT pool_id, result->'selected' AS selected, result FROM pool_results WHERE tally_run_id = $1 ORDER BY pool_id`, [runId]);
  return JSON.stringify(rows.map((r) => ({ pool: r.pool_id, selected: r.selected, hash: r.result.inputHash ?? r.result.input_hash ?? null })));
}

// ---------------------------------------------------------------- main
async function main() {
  ensureBuild();
  state.dir = mkdtempSync(join(tmpdir(), 'civitas-outage-'));
  chmodSync(state.dir, 0o755);
  await startPostgres();
  await startRedis();
  log(`PostgreSQL on ${state.pg.port}, Redis on ${state.redis.port} (private, in ${state.dir})`);
  state.smtp = await startSmtp();
  const mig = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'migrate'], {
    cwd: root,
    env: { ...baseEnv(), REDIS_URL: '' },
    encoding: 'utf8',
  });
  if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}${mig.stderr}`);
  const imp = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'import-pb', pbFile, '--json'], {
    cwd: root,
    env: { ...baseEnv(), REDIS_URL: '' },
    encoding: 'utf8',
  });
  if (imp.status !== 0) throw new Error(`import-pb failed:\n${imp.stderr}`);
  const imported = JSON.parse(imp.stdout.trim().split('\n').pop());
  await connectDb();
  const s = await seed(state.db);
  await state.db.query(
    `WITH s AS (
       INSERT INTO subscribers (email, locale, topics_status, confirmed_at)
       SELECT 'fan.' || n || '@example.pl', CASE WHEN n % 2 = 0 THEN 'en' ELSE 'pl' END, 'confirmed', now() FROM generate_series(1, $1::int) AS n
       RETURNING id)
     INSERT INTO subscriber_topics (subscriber_id, topic) SELECT id, 'results' FROM s`,
    [recipients],
  );
  log(`seeded: edition with PESEL ballots, an open consultation, ${recipients} fan-out subscribers; ${imported.ballots} imported ballots to tally`);

  const ports = [await freePort(), await freePort()];
  await Promise.all([startApi(0, ports[0]), startApi(1, ports[1]), startWorker(0), startWorker(1)]);
  log('2 APIs and 2 workers up');

  // Reference tally, undisturbed.
  const refRun = await tally(imported.editionId);
  const reference = await waitFor('the reference tally', () => tallyResult(refRun), 600_000);
  log('reference tally done');

  const loadDone = runLoad(s);
  const healthDone = sampleHealth();
  const phaseTimes = {};
  const phase = async (name, fn) => {
    load.phase = name;
    const t = performance.now();
    log(`phase ${name}`);
    await fn();
    phaseTimes[name] = (performance.now() - t) / 1000;
  };
  await phase('warm-up', () => sleep(5000));

  await phase('redis-down', async () => {
    stopRedis();
    await sleep(redisDown * 1000);
  });
  await phase('redis-back', async () => {
    await startRedis();
    await sleep(10_000);
  });

  await phase('postgres-down', async () => {
    pgCtl('stop', '-m', 'fast');
    await sleep(pgDown * 1000);
  });
  await phase('postgres-back', async () => {
    pgCtl('-o', `-p ${state.pg.port} -k ${state.pg.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB`, 'start');
    await sleep(10_000);
  });

  let fanoutEvent;
  await phase('worker-kill-fanout', async () => {
    await state.db.query('BEGIN');
    const facts = { editionId: s.edition, editionName: 'Budżet obywatelski 2027', winners: 4, totalCost: '40000000' };
    const [{ id }] = (
      await state.db.query(
        `INSERT INTO notification_events (kind, facts, topics, user_ids, emails) VALUES ('results.published', $1::jsonb, ARRAY['results'], '{}'::uuid[], '[]'::jsonb) RETURNING id`,
        [JSON.stringify(facts)],
      )
    ).rows;
    await state.db.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ('notifications', 'fan-out', $1::jsonb)`, [JSON.stringify({ eventId: id })]);
    await state.db.query('COMMIT');
    fanoutEvent = id;
    const at = await waitFor(
      'the fan-out to be under way',
      async () => {
        const [r] = await q(`SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1`, [id]);
        return r.n >= recipients / 4 ? r.n : null;
      },
      300_000,
    );
    // Kill whichever worker runs the fan-out (both, one after the other, would be the same): worker 0.
    await kill9(state.workers[0]);
    log(`worker 0 killed (-9) with ${at} of ${recipients} deliveries created`);
    await sleep(2000);
    await startWorker(0);
    const sent = await waitFor(
      'half of the mails sent',
      async () => {
        const [r] = await q(`SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1 AND status = 'sent'`, [id]);
        return r.n >= recipients / 2 ? r.n : null;
      },
      600_000,
    );
    await kill9(state.workers[1]);
    log(`worker 1 killed (-9) with ${sent} mails sent`);
    await sleep(2000);
    await startWorker(1);
  });

  let tallyRun;
  await phase('worker-kill-tally', async () => {
    tallyRun = await tally(imported.editionId);
    await waitFor('the tally to start', async () => (await q(`SELECT status FROM tally_runs WHERE id = $1`, [tallyRun]))[0].status === 'running', 120_000);
    await sleep(300);
    const [{ status }] = await q(`SELECT status FROM tally_runs WHERE id = $1`, [tallyRun]);
    // Both workers are killed: the one running the tally is one of them.
    await Promise.all([kill9(state.workers[0]), kill9(state.workers[1])]);
    log(`both workers killed (-9) while the tally was ${status}`);
    await sleep(1000);
    await Promise.all([startWorker(0), startWorker(1)]);
  });

  await phase('api-kill', async () => {
    await sleep(3000);
    state.apis[1].down = true;
    await kill9(state.apis[1]);
    log('API 1 killed (-9) under load');
    await sleep(3000);
    await startApi(1, ports[1]);
    state.apis[1].down = false;
    await sleep(5000);
  });

  await phase('cool-down', () => sleep(5000));
  state.stopLoad = true;
  await loadDone;
  await healthDone;

  // Everything acknowledged is done: the outbox drained, the fan-out sent, the tally finished.
  log('waiting for the outbox, the fan-out, the confirmation mails and the tally to finish…');
  const tallied = await waitFor('the disturbed tally', () => tallyResult(tallyRun), 600_000);
  await waitFor(
    'every job to be done',
    async () => {
      const [o] = await q(`SELECT count(*) FILTER (WHERE dispatched_at IS NULL AND failed_at IS NULL)::int AS pending FROM outbox`);
      const [d] = await q(`SELECT count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS busy FROM deliveries`);
      const [f] = await q(`SELECT fanout_completed_at IS NOT NULL AS done FROM notification_events WHERE id = $1`, [fanoutEvent]);
      const [m] = await q(`SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent FROM subscription_mails`);
      return o.pending === 0 && d.busy === 0 && f.done && m.unsent === 0;
    },
    900_000,
  );
  await sleep(3000);

  // ---- the report
  const stored = {
    ballot: new Set((await q(`SELECT reference FROM ballots WHERE edition_id = $1`, [s.edition])).map((r) => r.reference)),
    subscription: new Set((await q(`SELECT email FROM subscribers WHERE email LIKE 'load.%'`)).map((r) => r.email)),
    comment: new Set((await q(`SELECT id FROM consultation_comments WHERE consultation_id = $1`, [s.consultation])).map((r) => r.id)),
  };
  const lost = Object.fromEntries(Object.entries(load.acked).map(([k, list]) => [k, list.filter((x) => !stored[k].has(x)).length]));
  const [jobs] = await q(
    `SELECT count(*) FILTER (WHERE dispatched_at IS NOT NULL)::int AS dispatched, count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed FROM outbox`,
  );
  const [del] = await q(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed, coalesce(sum(interrupted), 0)::int AS interrupted FROM deliveries`,
  );
  // Two different mails to one address: by kind (fan-out deliveries carry their delivery's Message-ID; a repeat with
  // the same Message-ID is the documented send cut off by kill -9 after the server accepted it).
  const twice = { fanout: 0, confirmation: 0, other: 0 };
  let sameIdRepeated = 0;
  let fanoutReceived = 0;
  for (const [to, ids] of state.smtp.byRecipient) {
    const kind = to.startsWith('fan.') ? 'fanout' : to.startsWith('load.') ? 'confirmation' : 'other';
    if (ids.size > 1) {
      twice[kind]++;
      if (twice[kind] <= 2) log(`two different mails (${kind}) to ${to}: ${[...ids.keys()].join(' ')}`);
    }
    for (const n of ids.values()) if (n > 1) sameIdRepeated += n - 1;
    if (kind === 'fanout') fanoutReceived++;
  }
  const distinctIdsTwice = twice.fanout + twice.confirmation + twice.other;
  const confirmationsMissing = load.acked.subscription.filter((e) => !state.smtp.byRecipient.has(e)).length;
  const p = (list) => {
    const v = list.map((x) => x.ms).sort((a, b) => a - b);
    return v.length ? `n=${v.length}, median ${v[Math.floor(v.length / 2)].toFixed(0)} ms, max ${v[v.length - 1].toFixed(0)} ms` : 'none';
  };
  const healthIn = (ph) => {
    const h = health.filter((x) => x.phase === ph);
    const by = new Map();
    for (const x of h) by.set(`${x.status}${x.down ? ` (${x.down} down)` : ''}`, (by.get(`${x.status}${x.down ? ` (${x.down} down)` : ''}`) ?? 0) + 1);
    return `${[...by].map(([k, n]) => `${k} ×${n}`).join(', ') || '-'}; slowest ${h.length ? Math.max(...h.map((x) => x.ms)).toFixed(0) : '-'} ms`;
  };
  const statusesIn = (ph) =>
    [...load.statuses]
      .filter(([k]) => k.startsWith(`${ph}|`))
      .map(([k, n]) => `${k.split('|')[1]} ${k.split('|')[2]} ×${n}`)
      .join(', ');
  // API 0 was never restarted: after each outage it served again.
  const api0 = load.perApi[0];
  const recovered = ['redis-back', 'postgres-back'].every(() => api0.some((x) => x.ok && x.t > T0));
  const lastOkApi0 = api0.filter((x) => x.ok).length;

  const line = (k, v) => process.stdout.write(`  ${k.padEnd(34)} ${v}\n`);
  process.stdout.write('\nOutage suite\n');
  line('machine', `${cpus().length} CPU, node ${process.version}`);
  line('setup', `2 API processes, 2 workers, private PostgreSQL 15 and Redis (AOF), ${clients} clients`);
  line(
    'phases (s)',
    Object.entries(phaseTimes)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', '),
  );
  line(
    'requests acknowledged',
    Object.entries(load.acked)
      .map(([k, v]) => `${k}s ${v.length}`)
      .join(', '),
  );
  line(
    'rows stored',
    Object.entries(stored)
      .map(([k, v]) => `${k}s ${v.size}`)
      .join(', '),
  );
  line('acknowledged writes lost', JSON.stringify(lost));
  line('jobs run (outbox rows dispatched)', `${jobs.dispatched}, failed for good ${jobs.failed}`);
  line(
    'mails delivered',
    `${state.smtp.stats.messages} messages to ${state.smtp.byRecipient.size} addresses; deliveries sent ${del.sent}, failed ${del.failed}`,
  );
  line('fan-out', `${fanoutReceived} of ${recipients} recipients reached`);
  line('confirmation mails missing', String(confirmationsMissing));
  line(
    'duplicate mails (2 Message-IDs)',
    `${distinctIdsTwice}: fan-out ${twice.fanout}, subscription confirmations ${twice.confirmation}, other ${twice.other}`,
  );
  line(
    'same Message-ID sent again',
    `${sameIdRepeated} (sends cut by kill -9 after the server accepted them; deliveries marked interrupted: ${del.interrupted})`,
  );
  line('tally after worker kills', tallied === reference ? 'identical to the undisturbed tally' : `DIFFERENT\n    ${reference}\n    ${tallied}`);
  line('503 problem+json during outages', p(load.failFast));
  line('other failures', load.bad.length ? JSON.stringify(load.bad.slice(0, 5)) : 'none');
  line('connection errors', `${load.connErrors} (requests in flight at the API's kill -9)`);
  for (const ph of ['warm-up', 'redis-down', 'redis-back', 'postgres-down', 'postgres-back', 'api-kill']) {
    line(`answers in ${ph}`, statusesIn(ph) || '-');
    line(`/health/ready in ${ph}`, healthIn(ph));
  }
  line('API 0 (never restarted)', `${lastOkApi0} successful answers; served after every outage: ${recovered ? 'yes' : 'NO'}`);
  const ok =
    Object.values(lost).every((n) => n === 0) &&
    distinctIdsTwice === 0 &&
    confirmationsMissing === 0 &&
    fanoutReceived === recipients &&
    tallied === reference &&
    load.bad.filter((b) => b.status >= 500).length === 0 &&
    jobs.failed === 0;
  process.stdout.write(ok ? '  result                             OK\n\n' : '  result                             FAILED (see above)\n\n');
  if (!ok) process.exitCode = 1;
}

async function cleanup() {
  state.cleaning ??= (async () => {
    state.stopLoad = true;
    for (const p of [...state.apis, ...state.workers]) if (p && p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
    agent.destroy();
    await state.db?.end().catch(() => undefined);
    if (state.smtp) await new Promise((r) => state.smtp.server.close(r));
    if (state.redis) stopRedis();
    if (state.pg) {
      try {
        pgCtl('stop', '-m', 'immediate');
      } catch {
        /* already stopped */
      }
    }
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  })();
  return state.cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().finally(() => process.exit(130)));

try {
  await main();
} catch (err) {
  log(`error: ${err.stack ?? err.message}`);
  for (const p of [...state.apis, ...state.workers]) if (p?.stderr) log(`${p.kind} ${p.i} log tail:\n${p.stderr.slice(-2000)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
