import { DataSource } from 'typeorm';
import { AppConfig } from '@civitas/config';
import { BullMqDriver, OutboxRelay, OutboxRepository, OutboxService } from '@civitas/queue';
import { closedPort, createTestApp, eventually, TestApp, testMode, testRedisUrl } from '@civitas/test';

const heartbeatRuns = async (ds: DataSource, jobId: string): Promise<number> => {
  const rows = (await ds.query(`SELECT runs FROM job_heartbeats WHERE job_id = $1`, [jobId])) as Array<{ runs: number }>;
  return rows[0]?.runs ?? 0;
};

const outboxRow = async (ds: DataSource, id: string) =>
  (
    (await ds.query(`SELECT dispatched_at, failed_at, attempts, last_error FROM outbox WHERE id = $1`, [id])) as Array<{
      dispatched_at: Date | null;
      failed_at: Date | null;
      attempts: number;
      last_error: string | null;
    }>
  )[0];

describe(`transactional outbox (${testMode} mode)`, () => {
  let t: TestApp;
  let ds: DataSource;
  let outbox: OutboxService;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    outbox = t.app.get(OutboxService);
  });
  afterAll(() => t?.close());

  it('runs a job written in a committed transaction exactly once', async () => {
    const id = await ds.transaction((m) => outbox.enqueue(m, 'record-heartbeat', { note: 'committed' }));
    expect(await eventually(async () => (await heartbeatRuns(ds, id)) || undefined, 15_000, 'the heartbeat')).toBe(1);
    expect((await outboxRow(ds, id)).dispatched_at).not.toBeNull();
  });

  it('writes no job when the transaction rolls back', async () => {
    let id = '';
    await ds
      .transaction(async (m) => {
        id = await outbox.enqueue(m, 'record-heartbeat', { note: 'rolled back' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(id).not.toBe('');
    expect(await outboxRow(ds, id)).toBeUndefined();
    await t.app.get(OutboxRelay).relayOnce();
    expect(await heartbeatRuns(ds, id)).toBe(0);
  });
});

describe('in-process job driver (no Redis)', () => {
  let t: TestApp;
  let ds: DataSource;
  let relay: OutboxRelay;

  beforeAll(async () => {
    t = await createTestApp({}, { redis: false });
    ds = t.app.get(DataSource);
    relay = t.app.get(OutboxRelay);
    await relay.stop(); // the test drives the relay itself
  });
  afterAll(() => t?.close());

  it('retries a failing job with backoff and gives up after the configured attempts, keeping the error', async () => {
    const [{ id }] = (await ds.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ('system', 'no-such-job', '{}'::jsonb) RETURNING id`)) as Array<{
      id: string;
    }>;
    const first = await relay.relayOnce();
    expect(first).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
    let row = await outboxRow(ds, id);
    expect(row).toMatchObject({ attempts: 1, failed_at: null, dispatched_at: null });
    expect(row.last_error).toContain('no handler for job "no-such-job"');
    // Not due again until its backoff has passed.
    expect((await relay.relayOnce()).claimed).toBe(0);

    // The last attempt: make it due and one short of the limit.
    await ds.query(`UPDATE outbox SET available_at = now(), attempts = $2 WHERE id = $1`, [id, t.config.queue.attempts - 1]);
    await relay.relayOnce();
    row = await outboxRow(ds, id);
    expect(row.attempts).toBe(t.config.queue.attempts);
    expect(row.failed_at).not.toBeNull();
    await ds.query(`UPDATE outbox SET available_at = now() WHERE id = $1`, [id]);
    expect((await relay.relayOnce()).claimed).toBe(0);
  });

  it('two relays passing at once never run a job twice', async () => {
    const outbox = t.app.get(OutboxService);
    const ids = await ds.transaction(async (m) => {
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push(await outbox.enqueue(m, 'record-heartbeat', { note: `batch ${i}` }));
      return out;
    });
    const second = new OutboxRelay(t.app.get(OutboxRepository), t.app.get(OutboxRelay)['driver'], t.app.get(AppConfig));
    const [a, b] = await Promise.all([relay.relayOnce(), second.relayOnce()]);
    expect(a.delivered + b.delivered).toBe(20);
    for (const id of ids) expect(await heartbeatRuns(ds, id)).toBe(1);
  });
});

const withRedis = testRedisUrl && testMode === 'services' ? describe : describe.skip;

withRedis('BullMQ relay (real Redis)', () => {
  let t: TestApp;
  let ds: DataSource;
  let relay: OutboxRelay;

  beforeAll(async () => {
    t = await createTestApp({}, { redis: true });
    ds = t.app.get(DataSource);
    relay = t.app.get(OutboxRelay);
    // The test drives the relay itself: stop the API's and the worker's background passes.
    await relay.stop();
    await t.worker?.get(OutboxRelay).stop();
  });
  afterAll(() => t?.close());

  it('keeps a job written while Redis is unreachable and delivers it once Redis is back', async () => {
    const outbox = t.app.get(OutboxService);
    const id = await ds.transaction((m) => outbox.enqueue(m, 'record-heartbeat', { note: 'while redis was away' }));

    const deadDriver = new BullMqDriver(`redis://127.0.0.1:${await closedPort()}`, t.config.queue.prefix);
    const deadRelay = new OutboxRelay(t.app.get(OutboxRepository), deadDriver, t.app.get(AppConfig));
    try {
      for (let i = 0; i < 3; i++) {
        await ds.query(`UPDATE outbox SET available_at = now() WHERE id = $1`, [id]);
        expect(await deadRelay.relayOnce()).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
      }
    } finally {
      await deadDriver.close();
    }
    const pending = await outboxRow(ds, id);
    expect(pending).toMatchObject({ dispatched_at: null, failed_at: null, attempts: 3 });
    expect(pending.last_error).toMatch(/not reachable/);
    expect(await heartbeatRuns(ds, id)).toBe(0);

    await ds.query(`UPDATE outbox SET available_at = now() WHERE id = $1`, [id]);
    expect(await relay.relayOnce()).toMatchObject({ delivered: 1 });
    expect(await eventually(async () => (await heartbeatRuns(ds, id)) || undefined, 15_000, 'the worker')).toBe(1);
  });

  it('a job dispatched twice (relay re-run, expired claim) runs once: the job id is the outbox id', async () => {
    const outbox = t.app.get(OutboxService);
    const id = await ds.transaction((m) => outbox.enqueue(m, 'record-heartbeat', { note: 'dispatched twice' }));
    const second = new OutboxRelay(t.app.get(OutboxRepository), t.app.get(OutboxRelay)['driver'], t.app.get(AppConfig));
    const [a, b] = await Promise.all([relay.relayOnce(), second.relayOnce()]);
    expect(a.delivered + b.delivered).toBe(1);
    await eventually(async () => (await heartbeatRuns(ds, id)) || undefined, 15_000, 'the worker');
    // A relay that crashed after adding the job but before marking the row: the row is dispatched again.
    await ds.query(`UPDATE outbox SET dispatched_at = NULL, locked_until = NULL WHERE id = $1`, [id]);
    expect(await relay.relayOnce()).toMatchObject({ delivered: 1 });
    // Give the worker a chance to (wrongly) run it again: a later heartbeat is processed after it.
    const later = await ds.transaction((m) => outbox.enqueue(m, 'record-heartbeat', { note: 'later' }));
    await relay.relayOnce();
    await eventually(async () => (await heartbeatRuns(ds, later)) || undefined, 15_000, 'the later job');
    expect(await heartbeatRuns(ds, id)).toBe(1);
  });

  it('reports Redis in /health/ready, and 503 when it is unreachable', async () => {
    const ok = await t.http().get('/health/ready').expect(200);
    expect(ok.body.details.redis.status).toBe('up');
    const down = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` }, { worker: false });
    try {
      const res = await down.http().get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.details.redis.status).toBe('down');
      expect(res.body.details.database.status).toBe('up');
    } finally {
      await down.close();
    }
  });
});
