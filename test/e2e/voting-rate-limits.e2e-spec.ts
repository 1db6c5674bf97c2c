import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { bearer, createUser, TestUser } from '../factories/users.factory';
import { mailTo as mailFile } from '../helpers/mail-files';

interface Setup {
  editionId: string;
  pool: string;
  projects: string[];
}

const IP_LIMIT = 5;
const CODES_PER_HOUR = 3;

describe('voting: rate limits of the ballot routes, per client IP and per e-mail address (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let areaA: string;
  let n = 0;
  let ipNo = 0;
  /** A new client address (X-Forwarded-For, believed because TRUST_PROXY is on): each test starts with a fresh allowance. */
  const newIp = () => `203.0.113.${++ipNo}`;

  const as = (u: TestUser | null) => {
    const h = (r: ReturnType<ReturnType<TestApp['http']>['get']>) => (u ? r.set(...bearer(u.token)) : r);
    return {
      post: (p: string) => h(t.http().post(p)),
      put: (p: string) => h(t.http().put(p)),
      patch: (p: string) => h(t.http().patch(p)),
    };
  };
  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as Array<{ n: number }>)[0].n;

  /** An edition with one city-wide approval pool on the ballot, voting open (e-mail codes). */
  async function setup(): Promise<Setup> {
    n += 1;
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: `BO limity ${n}`, year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    const editionId = e.body.id as string;
    const pools = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Ogólnomiejska', areaId: null, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    const pool = pools.body.pools.find((p: { name: string }) => p.name === 'Ogólnomiejska').id as string;
    const projects: string[] = [];
    for (const number of [1, 2]) {
      const [{ id }] = (await db.query(
        `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by, ballot_position) VALUES ($1, $2, $3, 'on_ballot', $4, $5, $6, $3) RETURNING id`,
        [editionId, pool, number, `Projekt ${number}`, 100_000_00, admin.id],
      )) as Array<{ id: string }>;
      projects.push(id);
    }
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    await as(admin).put(`/api/v1/admin/editions/${editionId}/voting-policy`).send({}).expect(200);
    await as(admin).put(`/api/v1/admin/pools/${pool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 2 }).expect(200);
    await as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);
    return { editionId, pool, projects };
  }

  let voterNo = 0;
  const identity = (o: Record<string, unknown> = {}) => {
    voterNo += 1;
    return { firstName: 'Tomasz', lastName: `Limitowski-${voterNo}`, areaId: areaA, email: `tomasz.${voterNo}@example.pl`, ...o };
  };
  const cast = (s: Setup, ip: string, id: Record<string, unknown>, lang = 'pl') =>
    t
      .http()
      .post(`/api/v1/editions/${s.editionId}/ballots`)
      .set('x-forwarded-for', ip)
      .set('accept-language', lang)
      .send({ identity: id, choices: [{ poolId: s.pool, projectIds: [s.projects[0]] }] });

  /** A 429 problem document with the code, a Retry-After of at most `max` seconds, and its text in the language asked. */
  function expectTooMany(res: Response, code: string, max: number, fragment: string): number {
    expect([res.status, res.body.code]).toEqual([429, code]);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= max).toBe(true);
    expect(res.body.detail).toContain(fragment);
    return retryAfter;
  }

  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'true',
      VOTING_IP_LIMIT_PER_MINUTE: String(IP_LIMIT),
      VOTING_CODES_PER_ADDRESS_PER_HOUR: String(CODES_PER_HOUR),
    });
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdynia', kind: 'city', residentCount: 250_000 });
    areaA = await createArea(t, { name: 'Chwarzno', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
  }, 120_000);
  afterAll(() => t?.close());

  it('at most VOTING_IP_LIMIT_PER_MINUTE ballot submissions per client IP and minute: then 429 too_many_ballots with Retry-After', async () => {
    const s = await setup();
    const ip = newIp();
    // Refused ballots count too: the limit is on requests, not on stored ballots.
    await cast(s, ip, identity({ email: undefined })).expect(422);
    for (let i = 1; i < IP_LIMIT; i++) await cast(s, ip, identity()).expect(201);
    const before = await count(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1`, [s.editionId]);
    const pl = await cast(s, ip, identity());
    expectTooMany(pl, 'too_many_ballots', 60, 'Zbyt wiele głosów');
    const en = await cast(s, ip, identity(), 'en');
    expectTooMany(en, 'too_many_ballots', 60, 'Too many ballots');
    expect(await count(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1`, [s.editionId])).toBe(before);
    // Another client address is not held back by this one.
    await cast(s, newIp(), identity()).expect(201);
  });

  it('the per-IP limit also holds on confirm and resend-code (429 too_many_code_requests)', async () => {
    const s = await setup();
    const r = await cast(s, newIp(), identity()).expect(201);
    const ref = r.body.reference as string;
    const ip = newIp();
    const confirm = () => t.http().post(`/api/v1/ballots/${ref}/confirm`).set('x-forwarded-for', ip).send({ code: '000000' });
    // Wrong codes (422, then 429 too_many_attempts for this ballot's code) count until the address is held back.
    for (let i = 0; i < IP_LIMIT; i++) expect((await confirm()).body.code).not.toBe('too_many_code_requests');
    expectTooMany(await confirm(), 'too_many_code_requests', 60, 'Zbyt wiele prób');
    // Guessing codes of other ballots from the same address is held back as well.
    const other = await cast(s, newIp(), identity()).expect(201);
    expectTooMany(
      await t.http().post(`/api/v1/ballots/${other.body.reference}/confirm`).set('x-forwarded-for', ip).send({ code: '000000' }),
      'too_many_code_requests',
      60,
      'Zbyt wiele prób',
    );

    const ip2 = newIp();
    const resend = () => t.http().post(`/api/v1/ballots/${ref}/resend-code`).set('x-forwarded-for', ip2).set('accept-language', 'en');
    for (let i = 0; i < IP_LIMIT; i++) expect((await resend()).body.code).not.toBe('too_many_code_requests');
    expectTooMany(await resend(), 'too_many_code_requests', 60, 'Too many attempts');
  });

  it('at most VOTING_CODES_PER_ADDRESS_PER_HOUR code mails per address (counted in the database, whatever the edition or variant of the address)', async () => {
    const editions = [await setup(), await setup(), await setup(), await setup()];
    voterNo += 1;
    const address = `ola.${voterNo}@example.pl`;
    // Three ballots in three editions, each from another client address: three codes to one mailbox.
    for (const s of editions.slice(0, CODES_PER_HOUR)) await cast(s, newIp(), identity({ email: address })).expect(201);
    // Wait until the three codes have gone out (the jobs ran).
    await eventually(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM ballot_codes c JOIN ballots b ON b.id = c.ballot_id WHERE b.edition_id = ANY($1::uuid[])`, [
          editions.map((e) => e.editionId),
        ])) === CODES_PER_HOUR
          ? true
          : undefined,
      20_000,
      'three codes mailed',
    );
    await mailFile(t, address, 'kod');
    // A fourth, even as a plus-tagged variant of the address, is refused before anything is stored or mailed.
    const pl = await cast(editions[3], newIp(), identity({ email: address.replace('@', '+czwarty@') }));
    const wait = expectTooMany(pl, 'too_many_codes_for_address', 3600, 'Na ten adres wysłano już');
    expect(wait).toBeGreaterThan(3000);
    const en = await cast(editions[3], newIp(), identity({ email: address }), 'en');
    expectTooMany(en, 'too_many_codes_for_address', 3600, 'Too many confirmation codes');
    expect(await count(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1`, [editions[3].editionId])).toBe(0);
    // Another mailbox is not affected.
    await cast(editions[3], newIp(), identity()).expect(201);

    // A resend counts as a code mail too: an address with its allowance used gets no new code.
    const ref = (
      (await db.query(
        `SELECT b.reference FROM ballots b JOIN voter_identities v ON v.edition_id = b.edition_id AND v.voter_key = b.voter_key
          WHERE b.edition_id = $1 AND v.email = $2`,
        [editions[0].editionId, address],
      )) as Array<{ reference: string }>
    )[0].reference;
    await db.query(`UPDATE ballot_codes SET sent_at = now() - interval '2 minutes' FROM ballots b WHERE b.id = ballot_codes.ballot_id AND b.reference = $1`, [
      ref,
    ]);
    expectTooMany(
      await t.http().post(`/api/v1/ballots/${ref}/resend-code`).set('x-forwarded-for', newIp()),
      'too_many_codes_for_address',
      3600,
      'Na ten adres wysłano już',
    );

    // An hour later (moved in SQL only) the address may be mailed again.
    await db.query(`UPDATE ballot_code_mails SET sent_at = sent_at - interval '61 minutes'`);
    await t.http().post(`/api/v1/ballots/${ref}/resend-code`).set('x-forwarded-for', newIp()).expect(202);
    await cast(editions[3], newIp(), identity({ email: address })).expect(201);
  });
});
