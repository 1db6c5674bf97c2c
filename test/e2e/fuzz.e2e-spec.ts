import { DataSource } from 'typeorm';
import type { Response } from 'supertest';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, bearer, createUser, sessionToken, TestUser } from '../factories/users.factory';
import { casesOf, fakeUuid, FuzzCase, fuzzOrder, OpenApiDocument, Operation, operationsOf, Samples } from '../helpers/fuzz';
import { seedFuzzWorld, UNIQUE } from '../helpers/fuzz-fixtures';

const ROLES = ['anonymous', 'resident', 'admin'] as const;
type Role = (typeof ROLES)[number];

/**
 * To reproduce a finding: FUZZ_ONLY='POST /api/v1/editions/{id}/projects' runs only the operations whose
 * `METHOD /path` contains it; FUZZ_LOG=1 prints every answer; FUZZ_BASE=1 also sends each operation's valid body (the
 * one the cases spoil), to see how far the cases reach; FUZZ_FULL=1 sends every case to every caller (see SAMPLE).
 */
const ONLY = process.env.FUZZ_ONLY;
const LOG = !!process.env.FUZZ_LOG;
const BASE = !!process.env.FUZZ_BASE;
/**
 * The admin, let through to every operation's validation and services, is sent every case. A visitor or a resident
 * mostly meets a guard, or the same validation the admin's cases went through: they are sent every SAMPLE-th case of
 * each operation (a different share of the cases from one operation to the next, so every kind of case reaches them
 * somewhere). FUZZ_FULL=1 sends them every case too.
 */
const SAMPLE = process.env.FUZZ_FULL ? 1 : 3;

/** One refusal of the rules: a 5xx, a 4xx that is not problem+json, a 422 that names no field. */
interface Finding {
  role: Role;
  op: Operation;
  c: FuzzCase;
  status: number;
  why: string;
  /** The start of the answer. */
  excerpt: string;
}

/** The answer's text (every answer is read as text, whatever its type). */
const textOf = (res: Response): string => (typeof res.body === 'string' ? res.body : (res.text ?? ''));

/** What a 4xx answer must be: problem+json with the status and a code; a 422 names the fields. */
function problemOf(res: Response): string | null {
  const type = String(res.headers['content-type'] ?? '').split(';')[0];
  if (type !== 'application/problem+json') return `content-type ${type || '(none)'}`;
  let body: { status?: unknown; code?: unknown; errors?: Array<{ field?: unknown }> };
  try {
    body = JSON.parse(textOf(res)) as typeof body;
  } catch {
    return 'body is not JSON';
  }
  if (body.status !== res.status) return `status member ${JSON.stringify(body.status)}`;
  if (typeof body.code !== 'string') return 'no code';
  if (res.status === 422 && !(body.errors ?? []).some((e) => typeof e.field === 'string' && e.field.length > 0)) return '422 without errors[].field';
  return null;
}

/**
 * Every operation of the OpenAPI document under a bounded set of malformed requests (see casesOf), as an anonymous
 * visitor, a resident and an administrator: no answer may be a 5xx, every 4xx is problem+json with its status and a
 * code, and every 422 names at least one field. Ids and bodies point at seeded objects in the states their operations
 * accept (seedFuzzWorld), so that a spoilt field reaches the use case that would store it; other ids are unknown
 * UUIDs. The operations that end or move on what they are called on run last (fuzzOrder). Findings are collected and
 * listed at the end of each caller's pass; a summary of what was sent is printed after the three.
 */
describe('fuzz: malformed requests to every operation of the API (e2e)', () => {
  let t: TestApp;
  let users: Record<Exclude<Role, 'anonymous'>, TestUser>;
  let ops: Operation[];
  const findings: Finding[] = [];
  const byStatus = new Map<number, number>();
  const byRole = new Map<Role, number>();
  let sent = 0;
  const started = Date.now();
  let uuidCounter = 0;
  let samples: Samples;
  /** Milliseconds spent per operation (all callers), for the summary's slowest operations. */
  const spent = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '10000', VOTING_IP_LIMIT_PER_MINUTE: '1000000' });
    // One listening socket for every request (supertest would open one per request otherwise).
    await t.app.listen(0, '127.0.0.1');
    users = { resident: await createUser(t, { displayName: 'Anna Nowak' }), admin: await createUser(t, { grants: [{ role: 'admin', areaId: null }] }) };
    const world = await seedFuzzWorld(t, { ...users, target: await createUser(t, { displayName: 'Piotr Wiśniewski' }) });
    samples = { ...world, uuid: () => fakeUuid(++uuidCounter) };
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    ops = fuzzOrder(operationsOf(doc, (path) => path.startsWith('/api/docs'))).filter((op) => !ONLY || `${op.method} ${op.template}`.includes(ONLY));
  }, 180_000);

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const statuses = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
    console.log(
      `fuzz: ${sent} requests to ${ops?.length ?? 0} operations in ${seconds} s (${[...byRole.entries()].map(([r, n]) => `${r} ${n}`).join(', ')})\n` +
        `by status: ${statuses.join(', ')}\n` +
        `slowest operations: ${[...spent.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([op, ms]) => `${op} ${(ms / 1000).toFixed(1)} s`)
          .join(
            ', ',
          )}\nfindings: ${findings.length} (${[...new Set(findings.map((f) => `${f.op.method} ${f.op.template} ${f.c.name}`))].length} distinct cases)`,
    );
    await t?.close();
  });

  async function send(role: Role, op: Operation, c: FuzzCase): Promise<Response> {
    let req = t.http()[op.method.toLowerCase() as 'get'](c.url);
    for (const [k, v] of Object.entries(c.headers)) if (v) req = req.set(k, v);
    if (op.headers.some((h) => /^idempotency-key$/i.test(h.name))) req = req.set('idempotency-key', `fuzz-${sent}`);
    if (role !== 'anonymous') req = req.set(...bearer(users[role].token));
    // Raw text: the body is sent exactly as built (JSON escapes keep lone surrogates intact).
    if (c.body !== undefined) req = req.send(c.body.replaceAll(UNIQUE, String(sent)));
    const res = await req.buffer(true).parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (text += chunk));
      r.on('end', () => done(null, text));
    });
    sent += 1;
    byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
    byRole.set(role, (byRole.get(role) ?? 0) + 1);
    // Logging out ends the sessions of the account: the next case gets a new one.
    if (role !== 'anonymous' && op.template === '/api/v1/auth/logout') users[role].token = await sessionToken(t, users[role].id);
    return res;
  }

  /** Operation, caller, case and status; then the request as sent (its start) and the start of the answer. */
  const describeFinding = (f: Finding) =>
    `${f.op.method} ${f.op.template} [${f.role}] ${f.c.name} → ${f.status} (${f.why})\n` +
    `    ${f.op.method} ${f.c.url.slice(0, 160)}${f.c.body === undefined ? '' : `  ${f.c.body.slice(0, 160)}`}\n` +
    `    ${f.excerpt}`;

  for (const role of ROLES) {
    it(`as ${role === 'anonymous' ? 'an anonymous visitor' : `a${role === 'admin' ? 'n' : ''} ${role}`}: no 5xx, every 4xx problem+json naming the fields of a 422`, async () => {
      const mine: Finding[] = [];
      for (const [opIndex, op] of ops.entries()) {
        const began = Date.now();
        for (const [caseIndex, c] of casesOf(op, samples, { base: BASE }).entries()) {
          if (role !== 'admin' && (caseIndex + opIndex) % SAMPLE !== 0) continue;
          const res = await send(role, op, c);
          if (LOG) console.log(`${role} ${op.method} ${c.url.slice(0, 120)} ${c.name} → ${res.status} ${textOf(res).slice(0, 200)}`);
          const why = res.status >= 500 ? 'server error' : res.status >= 400 ? problemOf(res) : null;
          if (why) mine.push({ role, op, c, status: res.status, why, excerpt: textOf(res).replace(/\s+/g, ' ').slice(0, 240) });
        }
        const key = `${op.method} ${op.template}`;
        spent.set(key, (spent.get(key) ?? 0) + Date.now() - began);
      }
      findings.push(...mine);
      expect(mine.map(describeFinding)).toEqual([]);
    }, 600_000);
  }
});

/** What the fuzz found, one case each: a 422 naming the field (or the intended meaning of null) where a 500 was. */
describe('fuzz findings: malformed values refused on their field (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let resident: TestUser;
  let district: string;
  let edition: { id: string; pool: string };
  const as = (u: TestUser) => actingAs(t, u);
  /** The fields a 422 names, each once. */
  const fieldsOf = (res: Response) => [...new Set((res.body as { errors?: Array<{ field: string }> }).errors?.map((e) => e.field))];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    resident = await createUser(t);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'Budżet (zgłoszenia)', year: YEAR, phases: scheduleWith('submission') })
      .expect(201);
    const pooled = await as(admin)
      .post(`/api/v1/admin/editions/${e.body.id}/pools`)
      .send({ name: 'Ogólnomiejska', amount: 500_000_000, signaturesRequired: 10 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${e.body.id}/publish`).expect(200);
    edition = { id: e.body.id, pool: pooled.body.pools[0].id };
  }, 120_000);
  afterAll(() => t?.close());

  it('budget: null for a text of a project (a NOT NULL column) is refused; null clears what may be empty', async () => {
    const p = await as(resident)
      .post(`/api/v1/editions/${edition.id}/projects`)
      .send({ poolId: edition.pool, title: 'Ławki', areaId: district, latitude: 54.4, longitude: 18.5, costItems: [{ description: 'Ławki', amount: 1_000 }] })
      .expect(201);
    const path = `/api/v1/projects/${p.body.id}`;
    for (const field of ['title', 'summary', 'description', 'justification', 'beneficiaries', 'address', 'poolId', 'costItems']) {
      expect({
        field,
        errors: fieldsOf(
          await as(resident)
            .patch(path)
            .send({ [field]: null })
            .expect(422),
        ),
      }).toEqual({ field, errors: [field] });
    }
    const cleared = await as(resident).patch(path).send({ areaId: null, latitude: null, longitude: null }).expect(200);
    expect(cleared.body).toMatchObject({ areaId: null, latitude: null, longitude: null, title: 'Ławki' });
    expect(fieldsOf(await as(resident).patch(path).send({ latitude: '54.4' }).expect(422))).toEqual(['latitude']);
  });

  it('budget: rules must be an object, a rule sent as null keeps its value, phase dates are ISO strings PostgreSQL can hold', async () => {
    const body = { name: 'Reguły', year: YEAR, phases: scheduleWith('submission') };
    expect(
      fieldsOf(
        await as(admin)
          .post('/api/v1/admin/editions')
          .send({ ...body, rules: [[{}]] })
          .expect(422),
      ),
    ).toContain('rules');
    expect(
      fieldsOf(
        await as(admin)
          .post('/api/v1/admin/editions')
          .send({ ...body, rules: [{ maxAuthors: 2 }] })
          .expect(422),
      ),
    ).toContain('rules');
    const withNulls = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ ...body, rules: { requiredFields: null, criteria: null, maxAuthors: null } })
      .expect(201);
    expect(withNulls.body.rules).toMatchObject({ requiredFields: expect.any(Array), criteria: expect.any(Array), maxAuthors: 3 });
    const patched = await as(admin)
      .patch(`/api/v1/admin/editions/${withNulls.body.id}`)
      .send({ rules: { appealDays: null, correctionDays: 9 } })
      .expect(200);
    expect(patched.body.rules).toMatchObject({ appealDays: 7, correctionDays: 9 });
    for (const startsAt of [Date.now(), '-004714-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', 'not a date']) {
      const phases = scheduleWith('submission');
      phases[0] = { ...phases[0], startsAt: startsAt as string };
      expect(
        fieldsOf(
          await as(admin)
            .post('/api/v1/admin/editions')
            .send({ ...body, name: 'Daty', phases })
            .expect(422),
        ),
      ).toEqual(['phases.0.startsAt']);
    }
  });

  it('areas: a name cannot be null; consultations: texts cannot be null (the body was a 500, a title became "null")', async () => {
    expect(fieldsOf(await as(admin).patch(`/api/v1/areas/${district}`).send({ name: null }).expect(422))).toEqual(['name']);
    await as(admin).patch(`/api/v1/areas/${district}`).send({ kind: null, residentCount: null }).expect(200);
    const opensAt = Date.now() + 8 * 86_400_000;
    const c = { title: 'Park', areaIds: [district], opensAt: new Date(opensAt).toISOString(), closesAt: new Date(opensAt + 30 * 86_400_000).toISOString() };
    for (const field of ['title', 'summary', 'body', 'topic', 'organiserUnit', 'contact']) {
      expect({
        field,
        errors: fieldsOf(
          await as(admin)
            .post('/api/v1/admin/consultations')
            .send({ ...c, [field]: null })
            .expect(422),
        ),
      }).toEqual({
        field,
        errors: [field],
      });
    }
    const id = (await as(admin).post('/api/v1/admin/consultations').send(c).expect(201)).body.id as string;
    expect(fieldsOf(await as(admin).patch(`/api/v1/admin/consultations/${id}`).send({ body: null }).expect(422))).toEqual(['body']);
    const meeting = {
      title: 'Spotkanie',
      place: 'Urząd',
      startsAt: new Date(opensAt + 86_400_000).toISOString(),
      endsAt: new Date(opensAt + 90_000_000).toISOString(),
    };
    expect(
      fieldsOf(
        await as(admin)
          .post(`/api/v1/admin/consultations/${id}/meetings`)
          .send({ ...meeting, title: null })
          .expect(422),
      ),
    ).toEqual(['title']);
    const m = (await as(admin).post(`/api/v1/admin/consultations/${id}/meetings`).send(meeting).expect(201)).body.id as string;
    expect(fieldsOf(await as(admin).patch(`/api/v1/admin/consultations/${id}/meetings/${m}`).send({ title: null }).expect(422))).toEqual(['title']);
  });

  it('initiatives: a title of spaces or tags alone is refused; an agreement number of null is the default one', async () => {
    await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: 100_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
      .expect(200);
    const id = (
      await as(resident)
        .post('/api/v1/initiatives')
        .send(application({ areaId: district }))
        .expect(201)
    ).body.id as string;
    for (const title of ['', '   ', '<b></b>']) {
      expect(fieldsOf(await as(resident).patch(`/api/v1/initiatives/${id}`).send({ title }).expect(422))).toEqual(['title']);
    }
    await as(resident).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    for (const step of ['register', 'formal-check', 'formal-check/pass']) await as(admin).post(`/api/v1/admin/initiatives/${id}/${step}`).expect(200);
    await as(admin)
      .put(`/api/v1/admin/initiatives/${id}/scores`)
      .send({ scores: { volunteer: 8, purpose: 7, cost: 4 } })
      .expect(200);
    const decided = await as(admin)
      .post(`/api/v1/admin/initiatives/${id}/decision`)
      .send({ approve: true, purposefulness: 'Służy osiedlu.', reason: 'Zgodny z programem.' })
      .expect(200);
    const drafted = await as(admin)
      .post(`/api/v1/admin/initiatives/${id}/agreement`)
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-09-30`, number: null })
      .expect(200);
    expect(drafted.body.agreement.number).toBe(`${decided.body.caseNumber}/U`);
  });

  it('voting: a cost ceiling beyond safe integers is refused; identity must be an object', async () => {
    expect(
      fieldsOf(await as(admin).put(`/api/v1/admin/pools/${edition.pool}/ballot-spec`).send({ voteType: 'approval', maxSumCost: 1e308 }).expect(422)),
    ).toEqual(['maxSumCost']);
    expect(
      fieldsOf(
        await as(admin)
          .put(`/api/v1/admin/pools/${edition.pool}/ballot-spec`)
          .send({ voteType: 'approval', maxSumCost: 2 ** 53 + 1 })
          .expect(422),
      ),
    ).toEqual(['maxSumCost']);
    const identity = { firstName: 'Jan', lastName: 'Kowalski', areaId: district };
    const ballot = await t
      .http()
      .post(`/api/v1/editions/${edition.id}/ballots`)
      .send({ identity: [identity], choices: [{ poolId: edition.pool, projectIds: [] }] })
      .expect(422);
    expect(fieldsOf(ballot)).toContain('identity');
  });

  it('users: display names are stored as plain text; one of tags alone is refused on displayName', async () => {
    const email = `plain.${Date.now()}@example.pl`;
    await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email, password: 'dobre hasło 12345', displayName: '<b>Anna</b> <script>x</script> Nowak' })
      .expect(201);
    const [row] = (await t.app.get(DataSource).query(`SELECT display_name FROM users WHERE email = $1`, [email])) as Array<{ display_name: string }>;
    expect(row.display_name).toBe('Anna x Nowak');
    const refused = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: `tags.${Date.now()}@example.pl`, password: 'dobre hasło 12345', displayName: '<b></b><i> </i>' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'invalid_display_name', errors: [{ field: 'displayName' }] });
  });
});
