import { DataSource } from 'typeorm';
import { OutboxRelay, OutboxService, Scheduler } from '@civitas/queue';
import { createTestApp, eventually, TestApp } from '@civitas/test';

describe('scheduled jobs', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  const outboxRows = async (job: string) => ((await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = $1`, [job])) as Array<{ n: number }>)[0].n;

  it('a due run is enqueued once however many processes tick at the same moment', async () => {
    const scheduler = t.app.get(Scheduler);
    await scheduler.setNextRun('purge-outbox', new Date(Date.now() - 60_000));
    const before = await outboxRows('purge-outbox');
    const fired = await Promise.all([scheduler.tickOnce(), scheduler.tickOnce(), scheduler.tickOnce(), scheduler.tickOnce()]);
    expect(fired.filter((f) => f.includes('purge-outbox'))).toHaveLength(1);
    expect(await outboxRows('purge-outbox')).toBe(before + 1);
    const [{ next_run_at }] = (await ds.query(`SELECT next_run_at FROM schedules WHERE name = 'purge-outbox'`)) as Array<{ next_run_at: Date }>;
    expect(new Date(next_run_at).getTime()).toBeGreaterThan(Date.now());
  });

  it('the nightly purge deletes outbox rows dispatched more than a week ago, and only those', async () => {
    const old = await ds.transaction((m) => t.app.get(OutboxService).enqueue(m, 'record-heartbeat', { note: 'old' }));
    const recent = await ds.transaction((m) => t.app.get(OutboxService).enqueue(m, 'record-heartbeat', { note: 'recent' }));
    await eventually(async () => {
      const rows = (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) AND dispatched_at IS NOT NULL`, [
        [old, recent],
      ])) as Array<{ n: number }>;
      return rows[0].n === 2 || undefined;
    });
    await ds.query(`UPDATE outbox SET dispatched_at = now() - interval '8 days' WHERE id = $1`, [old]);
    await ds.transaction((m) => t.app.get(OutboxService).enqueue(m, 'purge-outbox', { days: 7 }));
    await t.app.get(OutboxRelay).relayOnce();
    await eventually(async () => ((await ds.query(`SELECT 1 FROM outbox WHERE id = $1`, [old])) as unknown[]).length === 0 || undefined);
    expect(await ds.query(`SELECT 1 FROM outbox WHERE id = $1`, [recent])).toHaveLength(1);
  });
});
