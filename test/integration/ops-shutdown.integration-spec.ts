import { spawn, ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { OutboxService } from '@civitas/queue';
import { closedPort, createTestApp, eventually, TestApp, testMode, testRedisUrl } from '@civitas/test';
import { ensureBuilt, startWorker } from '../helpers/worker-process';

const withServices = testMode === 'services' && testRedisUrl ? describe : describe.skip;
const root = join(__dirname, '..', '..');

/** One request on a fresh connection (no keep-alive), so that a closed listener shows as a refused connection. */
function get(port: number, path: string): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

withServices('graceful stop on SIGTERM (real processes)', () => {
  let t: TestApp;
  let ds: DataSource;
  const procs: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp({}, { worker: false });
    ds = t.app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await t?.close();
  });

  it('the API stops being ready, finishes the request under way, refuses new connections, and exits 0 after closing its connections', async () => {
    const port = await closedPort();
    const api = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        NODE_OPTIONS: '',
        LOG_LEVEL: 'warn',
        DATABASE_URL: (t.config.database as { url: string }).url,
        REDIS_URL: (t.config.queue as { url: string }).url,
        QUEUE_PREFIX: (t.config.queue as { prefix: string }).prefix,
        JWT_SECRET: t.config.auth.jwtSecret,
        VAR_DIR: t.config.varDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '1500',
        SHUTDOWN_TIMEOUT_MS: '20000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    procs.push(api);
    let stderr = '';
    api.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => api.once('exit', (code, signal) => r({ code, signal })));
    await eventually(async () => stderr.includes('listening on') || undefined, 60_000, `the API to listen (${stderr})`);
    expect((await get(port, '/health/ready')).status).toBe(200);

    // A slow request: the areas table is locked by another session until the test lets go.
    const locker = new Client({ connectionString: (t.config.database as { url: string }).url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE areas IN ACCESS EXCLUSIVE MODE');
    const slow = get(port, '/api/v1/areas');
    await new Promise((r) => setTimeout(r, 300));

    const stoppedAt = performance.now();
    api.kill('SIGTERM');
    // During the delay: not ready, but still serving.
    const ready = await eventually(
      async () => {
        const r = await get(port, '/health/ready');
        return r.status === 503 ? r : undefined;
      },
      1000,
      'readiness to report the stop',
    );
    expect(JSON.parse(ready.body)).toMatchObject({ status: 503, details: { process: { status: 'down', message: 'shutting down' } } });
    expect((await get(port, '/health/live')).status).toBe(200);

    // After the delay: the listener is closed (new connections refused) while the slow request still waits.
    await new Promise((r) => setTimeout(r, 1700));
    await expect(get(port, '/health/live')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(api.exitCode).toBeNull();

    await locker.query('COMMIT');
    await locker.end();
    const done = await slow;
    expect(done.status).toBe(200);
    // Exit 0 comes only after the whole stop: HTTP server closed, then the database pool, Redis and mail closed.
    const exit = await exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(performance.now() - stoppedAt).toBeLessThan(10_000);
  }, 120_000);

  it('a worker finishes its running job on SIGTERM and exits 0', async () => {
    const w = startWorker(t);
    procs.push(w.proc);
    await w.ready;
    const id = await ds.transaction((m) => t.app.get(OutboxService).enqueue(m, 'record-heartbeat', { note: 'graceful worker', holdMs: 2000 }));
    await eventually(
      async () =>
        ((await ds.query(`SELECT dispatched_at FROM outbox WHERE id = $1`, [id])) as Array<{ dispatched_at: Date | null }>)[0]?.dispatched_at ?? undefined,
      15_000,
      'the job to be handed over',
    );
    await new Promise((r) => setTimeout(r, 700));
    w.proc.kill('SIGTERM');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    const runs = (await ds.query(`SELECT runs FROM job_heartbeats WHERE job_id = $1`, [id])) as Array<{ runs: number }>;
    expect(runs[0]?.runs).toBe(1);
  }, 60_000);
});
