import { ChildProcess } from 'node:child_process';
import { ConnectionOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboxService, redisOptionsFromUrl } from '@civitas/queue';
import { createTestApp, eventually, TestApp, testMode, testRedisUrl } from '@civitas/test';
import { ensureBuilt, startWorker } from '../helpers/worker-process';

const heartbeatRuns = async (ds: DataSource, jobId: string): Promise<number> =>
  ((await ds.query(`SELECT runs FROM job_heartbeats WHERE job_id = $1`, [jobId])) as Array<{ runs: number }>)[0]?.runs ?? 0;

const withServices = testMode === 'services' && testRedisUrl ? describe : describe.skip;

withServices('worker processes (BullMQ)', () => {
  let t: TestApp;
  let ds: DataSource;
  let queue: Queue;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp({}, { worker: false });
    ds = t.app.get(DataSource);
    const q = t.config.queue as { url: string; prefix: string };
    queue = new Queue('system', { connection: redisOptionsFromUrl(q.url) as ConnectionOptions, prefix: q.prefix });
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await queue?.close();
    await t?.close();
  });

  const enqueueHeartbeat = (note: string, holdMs: number) => ds.transaction((m) => t.app.get(OutboxService).enqueue(m, 'record-heartbeat', { note, holdMs }));

  it('a job whose worker is killed mid-run is taken up by another worker and runs to completion once', async () => {
    const a = startWorker(t);
    workers.push(a.proc);
    await a.ready;
    const id = await enqueueHeartbeat('killed worker', 3000);
    await eventually(async () => (await (await queue.getJob(id))?.isActive()) || undefined, 15_000, 'worker A to start the job');

    a.proc.kill('SIGKILL');
    await a.exited;
    expect(await heartbeatRuns(ds, id)).toBe(0);

    const b = startWorker(t);
    workers.push(b.proc);
    await b.ready;
    expect(await eventually(async () => (await heartbeatRuns(ds, id)) || undefined, 30_000, 'worker B to finish the job')).toBe(1);
    await eventually(async () => (await (await queue.getJob(id))?.isCompleted()) || undefined, 10_000, 'the job to complete');

    // SIGTERM: the worker finishes the job it is running, then exits (Nest closes the app, then re-raises the signal).
    const second = await enqueueHeartbeat('graceful stop', 1500);
    await eventually(async () => (await (await queue.getJob(second))?.isActive()) || undefined, 15_000, 'worker B to start');
    b.proc.kill('SIGTERM');
    const exit = await b.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(await heartbeatRuns(ds, second)).toBe(1);
    expect(await heartbeatRuns(ds, id)).toBe(1);
  }, 90_000);
});
