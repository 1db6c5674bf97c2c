import { Metrics } from '@civitas/common';
import { createTestApp, eventually, TestApp } from '@civitas/test';

const TOKEN = 'metrics-token-0123456789abcdef';
const PERSON = 'metrics.person.7f3a@example.pl';
const LINK_TOKEN = 'not-a-real-link-token-5c1d';

/** A metric's samples (name{labels} value) from the text exposition format. */
const samples = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

describe('/metrics (Prometheus)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 when no METRICS_TOKEN is configured', async () => {
    const bare = await createTestApp({}, { redis: false });
    try {
      const res = await bare.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await bare.close();
    }
  }, 60_000);

  it('needs the Bearer token: none or a wrong one is a 401 problem', async () => {
    for (const header of [undefined, 'Bearer wrong-token-wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const req = t.http().get('/metrics');
      const res = await (header ? req.set('authorization', header) : req).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(res.text).not.toContain('civitas_');
    }
  });

  it('reports HTTP latency by route pattern, jobs, mails and the outbox, with no personal data in any label', async () => {
    await t.http().get('/health/live').expect(200);
    await t
      .http()
      .post('/api/v1/subscriptions')
      .send({ email: PERSON, locale: 'pl', topics: ['results'] })
      .expect(202);
    await t.http().get(`/api/v1/subscriptions/manage?token=${LINK_TOKEN}`);
    await t.http().get(`/api/v1/editions/6a0c1f4e-5b7d-4c1e-9f0a-1b2c3d4e5f60`);
    await t.http().get(`/no/such/${PERSON}`).expect(404);

    // The confirmation mail is a job (in this process without Redis, in the worker with it): wait until it is sent.
    const jobsProcess = t.worker ?? t.app;
    const workerText = await eventually(
      async () => {
        const text = await jobsProcess.get(Metrics).render();
        const done = /civitas_jobs_total\{queue="mail",job="send-subscription-mail",outcome="completed"\} [1-9]/.test(text);
        return done && /civitas_mails_total\{outcome="sent"\} [1-9]/.test(text) ? text : undefined;
      },
      20_000,
      'the confirmation mail to be counted',
    );
    expect(workerText).toMatch(/civitas_job_duration_seconds_count\{queue="mail",job="send-subscription-mail",outcome="completed"\} [1-9]/);

    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    const http = samples(text, 'civitas_http_request_duration_seconds_count');
    expect(http).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^civitas_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} [1-9]/),
        expect.stringMatching(/^civitas_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/subscriptions",status="202"\} 1$/),
        expect.stringMatching(/route="\/api\/v1\/subscriptions\/manage",status="4\d\d"/),
        expect.stringMatching(/route="\/api\/v1\/editions\/:id"/),
      ]),
    );
    expect(text).toMatch(/^civitas_outbox_pending_rows \d+$/m);
    expect(text).toMatch(/^civitas_outbox_oldest_pending_age_seconds [\d.e+-]+$/m);
    expect(text).toMatch(/^civitas_database_up 1$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    if (t.config.queue.kind === 'redis') {
      expect(text).toMatch(/^civitas_redis_up 1$/m);
      expect(text).toMatch(/^civitas_queue_jobs\{queue="mail",state="waiting"\} \d+$/m);
    }

    // Labels carry route patterns, queue and job names only: no address, token, id or raw URL.
    for (const body of [text, workerText]) {
      expect(body).not.toContain('metrics.person');
      expect(body).not.toContain(LINK_TOKEN);
      expect(body).not.toContain('6a0c1f4e');
      expect(body).not.toContain('/no/such');
      expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      expect(body).not.toContain('@');
    }
  }, 60_000);
});
