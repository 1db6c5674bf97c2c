// Notification fan-out benchmark: one `results.published` event to N confirmed subscribers, through the real
// pipeline (outbox → BullMQ → worker process(es) → fan-out → send-email → SMTP), against a fresh PostgreSQL
// database, a unique Redis key prefix and an SMTP server running in this process.
//
//   node bench/fanout/run.mjs [--subscribers 100000] [--workers 1] [--mail-concurrency 16] [--smtp-connections 5]
//
// Services: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, must be allowed to create
// databases) and BENCH_REDIS_URL (default redis://127.0.0.1:6379). WORKER_CONCURRENCY, FANOUT_CHUNK and
// DATABASE_POOL_SIZE, when set, are passed on to the workers. Everything created is removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import Redis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { adminQuery, benchTarget, intOption } from '../common.mjs';

const TIMEOUT_MS = 30 * 60_000;
const POLL_MS = 250;
const RSS_SAMPLE_MS = 200;

const subscribers = intOption('--subscribers', 100_000);
const workerCount = intOption('--workers', 1);
const mailConcurrency = intOption('--mail-concurrency', 16);
const smtpConnections = intOption('--smtp-connections', 5);

const { adminUrl, redisUrl, dbName, dbUrl, prefix } = benchTarget();
const jwtSecret = randomBytes(32).toString('base64url');

const log = (msg) => process.stderr.write(`fanout: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secs = (ms) => (ms / 1000).toFixed(2);

const admin = (sql) => adminQuery(adminUrl, sql);

function procStatus(pid, field) {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}
const mib = (bytes) => (Number.isFinite(bytes) ? (bytes / 1048576).toFixed(0) : '?');

// ---- state shared with cleanup ----
const state = { creating: null, db: null, smtp: null, workers: [], varDir: null, sampler: null, cleaning: null };

async function stopWorker(w) {
  if (w.proc.exitCode !== null || w.proc.signalCode !== null) return;
  const exited = new Promise((r) => w.proc.once('exit', r));
  w.proc.kill('SIGTERM');
  const timer = setTimeout(() => w.proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function cleanup() {
  state.cleaning ??= (async () => {
    if (state.sampler) clearInterval(state.sampler);
    await Promise.all(state.workers.map((w) => stopWorker(w).catch((e) => log(`stopping worker ${w.proc.pid}: ${e.message}`))));
    if (state.smtp) await new Promise((r) => state.smtp.close(r)).catch(() => undefined);
    if (state.db) await state.db.end().catch(() => undefined);
    if (state.creating) {
      await state.creating.catch(() => undefined);
      await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
        .then(() => log(`dropped database ${dbName}`))
        .catch((e) => log(`drop database: ${e.message}`));
    }
    try {
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
      await redis.connect();
      let cursor = '0';
      let deleted = 0;
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
      log(`deleted ${deleted} Redis keys (${prefix}:*)`);
    } catch (e) {
      log(`redis cleanup: ${e.message}`);
    }
    if (state.varDir) rmSync(state.varDir, { recursive: true, force: true });
  })();
  return state.cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    state.interrupted = true;
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Called before each step that creates something: nothing new once cleanup has begun (Ctrl-C). */
function guard() {
  if (state.cleaning) throw new Error('interrupted');
}

// ---- SMTP server: counts messages per envelope recipient, bodies are drained unread ----
function startSmtp() {
  const counts = new Map();
  const stats = { messages: 0, firstAt: null, lastAt: null, target: null, targetAt: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('error', callback);
      stream.on('end', () => {
        const now = performance.now();
        stats.messages++;
        stats.firstAt ??= now;
        stats.lastAt = now;
        if (stats.target !== null && stats.messages === stats.target) stats.targetAt = now;
        for (const r of session.envelope.rcptTo) {
          const to = r.address.toLowerCase();
          counts.set(to, (counts.get(to) ?? 0) + 1);
        }
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.server.address().port, counts, stats }));
  });
}

// ---- worker processes ----
function startWorker(i, smtpPort) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    JWT_SECRET: jwtSecret,
    VAR_DIR: state.varDir,
    PUBLIC_URL: 'https://civitas.bench.example',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?pool=true&maxConnections=${smtpConnections}`,
    MAIL_CONCURRENCY: String(mailConcurrency),
  };
  const proc = spawn(process.execPath, [join(root, 'dist/apps/worker/src/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const w = { i, proc, stderr: '', logLines: 0, maxRss: 0, hwm: NaN };
  proc.stderr.on('data', (d) => {
    const s = d.toString();
    w.logLines += s.split('\n').length - 1;
    w.stderr = (w.stderr + s).slice(-8000);
  });
  w.ready = new Promise((resolve, reject) => {
    const check = () => w.stderr.includes('processing jobs') && resolve();
    proc.stderr.on('data', check);
    proc.once('exit', (code, signal) => reject(new Error(`worker ${i} exited (${code ?? signal}) before it was ready:\n${w.stderr}`)));
  });
  proc.once('exit', (code, signal) => {
    if (!state.cleaning) log(`worker ${i} (pid ${proc.pid}) exited unexpectedly (${code ?? signal}):\n${w.stderr}`);
  });
  return w;
}

async function main() {
  ensureBuild();

  // 1. Fresh database, migrated.
  guard();
  state.creating = admin(`CREATE DATABASE "${dbName}"`);
  await state.creating;
  guard();
  const mig = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'migrate'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: jwtSecret, DATABASE_URL: dbUrl, REDIS_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (mig.status !== 0) throw new Error(`migrate failed:\n${mig.stdout}${mig.stderr}`);
  guard();
  state.db = new pg.Client({ connectionString: dbUrl });
  await state.db.connect();
  const db = state.db;

  // 2. N confirmed subscribers of `results`, in one statement.
  let t = performance.now();
  await db.query(
    `WITH s AS (
       INSERT INTO subscribers (email, locale, topics_status, confirmed_at)
       SELECT 'bench.' || n || '@example.pl', CASE WHEN n % 2 = 0 THEN 'en' ELSE 'pl' END, 'confirmed', now()
         FROM generate_series(1, $1::int) AS n
       RETURNING id)
     INSERT INTO subscriber_topics (subscriber_id, topic) SELECT id, 'results' FROM s`,
    [subscribers],
  );
  const insertMs = performance.now() - t;
  t = performance.now();
  await db.query(`ANALYZE subscribers, subscriber_topics`);
  const analyzeMs = performance.now() - t;
  log(`inserted ${subscribers} subscribers in ${secs(insertMs)} s (ANALYZE ${secs(analyzeMs)} s)`);

  // 3. SMTP server.
  guard();
  const smtp = await startSmtp();
  state.smtp = smtp.server;
  smtp.stats.target = subscribers;

  // 4. Workers.
  guard();
  state.varDir = mkdtempSync(join(tmpdir(), 'civitas-bench-fanout-'));
  for (let i = 0; i < workerCount; i++) state.workers.push(startWorker(i, smtp.port));
  t = performance.now();
  await Promise.all(state.workers.map((w) => w.ready));
  log(`${workerCount} worker(s) ready in ${secs(performance.now() - t)} s`);
  state.sampler = setInterval(() => {
    for (const w of state.workers) {
      const rss = procStatus(w.proc.pid, 'VmRSS');
      if (rss > w.maxRss) w.maxRss = rss;
    }
  }, RSS_SAMPLE_MS);

  guard();
  // 5. Publish: the event row and its fan-out job in one transaction (as NotificationsService.publish).
  const facts = { editionId: randomUUID(), editionName: 'Budżet obywatelski 2027', winners: 42, totalCost: '1250000000' };
  const t0 = performance.now();
  await db.query('BEGIN');
  const {
    rows: [{ id: eventId }],
  } = await db.query(
    `INSERT INTO notification_events (kind, facts, topics, user_ids, emails) VALUES ($1, $2::jsonb, $3::text[], $4::uuid[], $5::jsonb) RETURNING id`,
    ['results.published', JSON.stringify(facts), ['results'], [], '[]'],
  );
  await db.query(
    `INSERT INTO outbox (queue, job_name, payload, available_at)
     VALUES ($1, $2, $3::jsonb, now() + ($4::int * interval '1 millisecond'))`,
    ['notifications', 'fan-out', JSON.stringify({ eventId }), 0],
  );
  await db.query('COMMIT');

  // 6. Wait until the fan-out is complete and no delivery is pending or being sent.
  let fanoutAt = null;
  let lastReport = t0;
  let counts;
  let doneAt;
  for (;;) {
    await sleep(POLL_MS);
    const now = performance.now();
    if (fanoutAt === null) {
      const { rows } = await db.query(`SELECT fanout_completed_at IS NOT NULL AS done FROM notification_events WHERE id = $1`, [eventId]);
      if (rows[0].done) fanoutAt = now;
    }
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE event_id = $1 GROUP BY status`, [eventId]);
    counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const busy = (counts.pending ?? 0) + (counts.sending ?? 0);
    if (fanoutAt !== null && busy === 0 && (counts.sent ?? 0) + (counts.failed ?? 0) + (counts.skipped ?? 0) > 0) {
      doneAt = now;
      break;
    }
    if (now - lastReport >= 5000) {
      lastReport = now;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      log(`${secs(now - t0)} s: deliveries ${total}, sent ${counts.sent ?? 0}, SMTP received ${smtp.stats.messages}${fanoutAt ? '' : ' (fan-out running)'}`);
    }
    if (now - t0 > TIMEOUT_MS) {
      throw new Error(
        `timed out after ${TIMEOUT_MS / 60000} min: SMTP received ${smtp.stats.messages} of ${subscribers}, deliveries ${JSON.stringify(counts)}`,
      );
    }
    if (state.workers.every((w) => w.proc.exitCode !== null || w.proc.signalCode !== null)) throw new Error('every worker exited');
  }

  // Exact figures from the database and the SMTP server.
  const {
    rows: [ev],
  } = await db.query(
    `SELECT recipients, extract(epoch FROM fanout_completed_at - created_at) * 1000 AS fanout_ms,
            (SELECT extract(epoch FROM max(sent_at) - e.created_at) * 1000 FROM deliveries WHERE event_id = e.id) AS last_sent_ms
       FROM notification_events e WHERE id = $1`,
    [eventId],
  );
  for (const w of state.workers) w.hwm = procStatus(w.proc.pid, 'VmHWM');
  clearInterval(state.sampler);
  state.sampler = null;

  const e2eMs = doneAt - t0;
  const distinct = smtp.counts.size;
  const deliveries = Object.values(counts).reduce((a, b) => a + b, 0);
  const notSent = deliveries - (counts.sent ?? 0);
  const firstMs = smtp.stats.firstAt === null ? null : smtp.stats.firstAt - t0;
  const lastMs = smtp.stats.lastAt === null ? null : smtp.stats.lastAt - t0;
  const [pgv] = (await db.query(`SHOW server_version`)).rows;
  const redis = new Redis(redisUrl);
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  await redis.quit();

  const line = (k, v) => process.stdout.write(`  ${k.padEnd(30)} ${v}\n`);
  const c = cpus();
  process.stdout.write('\nNotification fan-out benchmark\n');
  line('machine', `${c.length} CPU × ${c[0]?.model.trim() ?? '?'}, ${mib(totalmem())} MiB RAM (${mib(freemem())} MiB free)`);
  line('software', `node ${process.version}, PostgreSQL ${pgv.server_version}, Redis ${redisVersion}`);
  line('subscribers', `${subscribers} (inserted in ${secs(insertMs)} s)`);
  line('workers', String(workerCount));
  line('MAIL_CONCURRENCY', `${mailConcurrency} per worker`);
  line('SMTP maxConnections', `${smtpConnections} per worker`);
  line('WORKER_CONCURRENCY', process.env.WORKER_CONCURRENCY ?? '4 (default)');
  line('FANOUT_CHUNK', process.env.FANOUT_CHUNK ?? '1000 (default)');
  line('fan-out completed', `${secs(ev.fanout_ms)} s after publish (${ev.recipients} recipients)`);
  line('first mail received', firstMs === null ? '-' : `${secs(firstMs)} s after publish`);
  line('last mail received', lastMs === null ? '-' : `${secs(lastMs)} s after publish`);
  line('end to end', `${secs(e2eMs)} s (all deliveries final, polled every ${POLL_MS} ms)`);
  line('throughput', `${((counts.sent ?? 0) / (e2eMs / 1000)).toFixed(0)} mails/s end to end`);
  line('messages received', String(smtp.stats.messages));
  line('distinct recipients', String(distinct));
  line('duplicates', String(smtp.stats.messages - distinct));
  line(
    'deliveries',
    `${deliveries} (${Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})`,
  );
  line('deliveries not sent', String(notSent));
  for (const w of state.workers) {
    line(`worker ${w.i} peak RSS`, `${mib(w.hwm)} MiB (VmHWM; max sampled VmRSS ${mib(w.maxRss)} MiB; ${w.logLines} log lines)`);
  }
  const ok = notSent === 0 && smtp.stats.messages === subscribers && distinct === subscribers;
  process.stdout.write(ok ? '  result                         OK\n\n' : '  result                         FAILED (see above)\n\n');
  if (!ok) {
    for (const w of state.workers) if (w.stderr) log(`worker ${w.i} log tail:\n${w.stderr}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (err) {
  if (state.interrupted) await new Promise(() => undefined); // the signal handler exits after cleanup
  log(`error: ${err.stack ?? err.message}`);
  for (const w of state.workers) if (w.stderr) log(`worker ${w.i} log tail:\n${w.stderr}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
