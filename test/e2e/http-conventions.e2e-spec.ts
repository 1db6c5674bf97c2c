import { createTestApp, TestApp } from '@civitas/test';

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /health/live and /health/ready with the database up', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.details.database.status).toBe('up');
  });

  it('puts a request id on every response and echoes a well-formed incoming one', async () => {
    const res = await t.http().get('/health/live');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.http().get('/health/live').set('x-request-id', 'proxy-abc-123456');
    expect(echoed.headers['x-request-id']).toBe('proxy-abc-123456');
    const rejected = await t.http().get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(rejected.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('sends Helmet security headers', async () => {
    const res = await t.http().get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers an unknown route with problem+json in Polish by default and English on request', async () => {
    const pl = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(pl.headers['content-type']).toContain('application/problem+json');
    expect(pl.body).toMatchObject({ status: 404, code: 'not_found', title: 'Nie znaleziono', instance: '/api/v1/nothing-here' });
    expect(pl.body.requestId).toBe(pl.headers['x-request-id']);
    const en = await t.http().get('/api/v1/nothing-here').set('accept-language', 'en-GB,en;q=0.9').expect(404);
    expect(en.body.title).toBe('Not found');
  });

  it('answers malformed JSON with a 400 problem and no stack trace', async () => {
    const res = await t.http().post('/health/live').set('content-type', 'application/json').send('{"broken":');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('bad_request');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/health/ready');
  });

  it('describes the body of every success response in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, OpenApiOperation>> };
    const undescribed: string[] = [];
    let described = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.startsWith('/api/docs')) continue;
      for (const [method, op] of Object.entries(item)) {
        const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
        // A 204 has no body; every other success response needs a schema of its body.
        const unschematized = success.filter(([code, r]) => code !== '204' && (!r.content || Object.values(r.content).every((c) => c.schema === undefined)));
        if (success.length > 0 && unschematized.length === 0) described++;
        else undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undescribed).toEqual([]);
    expect(described).toBeGreaterThan(150);
  });
});
