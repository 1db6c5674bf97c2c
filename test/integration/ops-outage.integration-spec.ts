import { createServer, Server, Socket, connect } from 'node:net';
import { DataSource } from 'typeorm';
import { createServicesDatabase, withDatabase } from '../helpers/test-env';
import { startTestSmtp, TestSmtp } from '../helpers/smtp';
import { createTestApp, eventually, TestApp, testDatabaseUrl, testMode, testRedisUrl } from '@civitas/test';

const withServices = testMode === 'services' && testRedisUrl ? describe : describe.skip;

/**
 * A TCP proxy in front of the machine's PostgreSQL or Redis that a test can cut (every connection reset, the port
 * refusing new ones, as when the server stops) and restore (as when it is back), so the shared services are never
 * touched.
 */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** The dependency goes away: open connections are reset and new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The dependency is back, on the same port. */
  restore(): Promise<void> {
    return this.start();
  }

  async close(): Promise<void> {
    await this.cut();
  }
}

const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
};

withServices('outages of PostgreSQL and Redis (through a proxy that can be cut)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let ds: DataSource;
  let db: { url: string; drop: () => Promise<void> };
  let pgProxy: CuttableProxy;
  let redisProxy: CuttableProxy;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const pgUrl = new URL(testDatabaseUrl!);
    const redisUrl = new URL(testRedisUrl!);
    pgProxy = new CuttableProxy(pgUrl.hostname, Number(pgUrl.port || 5432));
    redisProxy = new CuttableProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    await pgProxy.start();
    await redisProxy.start();
    db = await createServicesDatabase();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(pgProxy.port);
    const redisViaProxy = new URL(testRedisUrl!);
    redisViaProxy.port = String(redisProxy.port);
    t = await createTestApp({
      DATABASE_URL: withDatabase(viaProxy.toString(), viaProxy.pathname.slice(1)),
      REDIS_URL: redisViaProxy.toString(),
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
    });
    ds = t.app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    await redisProxy?.restore().catch(() => undefined);
    await pgProxy?.restore().catch(() => undefined);
    await t?.close();
    await db?.drop();
    await pgProxy?.close();
    await redisProxy?.close();
    await smtp?.close();
  });

  it('with Redis away: health reports it, writes are still acknowledged and stored, and their jobs run once Redis is back', async () => {
    await t.http().get('/health/ready').expect(200);
    await redisProxy.cut();

    const [ready, readyMs] = await timed(() => t.http().get('/health/ready'));
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'down' } });
    expect(readyMs).toBeLessThan(3500);
    await t.http().get('/health/live').expect(200);

    const email = `outage.redis.${Date.now()}@example.pl`;
    const [sub, subMs] = await timed(() =>
      t
        .http()
        .post('/api/v1/subscriptions')
        .send({ email, locale: 'pl', topics: ['results'] }),
    );
    expect(sub.status).toBe(202);
    expect(subMs).toBeLessThan(2000);
    const stored = (await ds.query(`SELECT id FROM subscribers WHERE email = $1`, [email])) as unknown[];
    expect(stored).toHaveLength(1);
    // Its job waits in the outbox while the relay cannot reach Redis.
    await eventually(
      async () =>
        Number(
          ((await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL AND last_error IS NOT NULL`)) as Array<{ n: number }>)[0].n,
        ) > 0 || undefined,
      10_000,
      'the relay to fail on the pending job',
    );
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(0);

    await redisProxy.restore();
    const mail = await smtp.waitForMail(email, { timeoutMs: 45_000 });
    expect(mail.subject).toBeTruthy();
    await eventually(async () => (await t.http().get('/health/ready')).status === 200 || undefined, 15_000, 'ready again');
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  }, 90_000);

  it('with PostgreSQL away: requests fail fast with 503 problem+json, health reports it, and the API recovers without a restart', async () => {
    await t.http().get('/health/ready').expect(200);
    await pgProxy.cut();

    const [ready, readyMs] = await timed(() => t.http().get('/health/ready'));
    expect(ready.status).toBe(503);
    expect(ready.body.details.database.status).toBe('down');
    expect(readyMs).toBeLessThan(3500);
    await t.http().get('/health/live').expect(200);

    for (const req of [
      () =>
        t
          .http()
          .post('/api/v1/subscriptions')
          .send({ email: `outage.pg.${Date.now()}@example.pl`, locale: 'en', topics: ['results'] }),
      () => t.http().get('/api/v1/areas'),
    ]) {
      const [res, ms] = await timed(req);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, code: 'unavailable' });
      expect(ms).toBeLessThan(2000);
    }

    await pgProxy.restore();
    await eventually(async () => (await t.http().get('/health/ready')).status === 200 || undefined, 15_000, 'ready again');
    const email = `outage.pg.after.${Date.now()}@example.pl`;
    await t
      .http()
      .post('/api/v1/subscriptions')
      .send({ email, locale: 'pl', topics: ['results'] })
      .expect(202);
    await t.http().get('/api/v1/areas').expect(200);
    await smtp.waitForMail(email, { timeoutMs: 30_000 });
  }, 90_000);
});
