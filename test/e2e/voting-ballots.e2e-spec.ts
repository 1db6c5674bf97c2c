import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp, testMode } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { bearer, createUser, TestUser } from '../factories/users.factory';
import { mailTo as mailFile } from '../helpers/mail-files';

/** A valid PESEL for a date of birth (serial 0001 + checksum). */
function pesel(year: number, month: number, day: number, serial = 1): string {
  const offset = year >= 2000 ? 20 : 0;
  const base = `${String(year % 100).padStart(2, '0')}${String(month + offset).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...base].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}

const MANY = { VOTING_IP_LIMIT_PER_MINUTE: '100000' };

interface Setup {
  editionId: string;
  pools: Record<'city' | 'green' | 'a' | 'a1' | 'b', string>;
  projects: Record<'city' | 'green' | 'a' | 'a1' | 'b', string[]>;
  rejected: string;
}

describe('voting: ballots on every channel, one person one vote, turnout, embargo (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let operators: TestUser[];
  let resident: TestUser;
  let city: string;
  let areaA: string;
  let areaA1: string;
  let areaB: string;
  let main: Setup;
  let n = 0;

  const as = (u: TestUser | null) => {
    const h = (r: ReturnType<ReturnType<TestApp['http']>['get']>) => (u ? r.set(...bearer(u.token)) : r);
    return {
      get: (p: string) => h(t.http().get(p)),
      post: (p: string) => h(t.http().post(p)),
      put: (p: string) => h(t.http().put(p)),
      patch: (p: string) => h(t.http().patch(p)),
    };
  };
  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as Array<{ n: number }>)[0].n;

  /** An edition with five pools (approval city-wide, choose-1 city-wide, cumulative A, approval A1, ordinal B), on the ballot, voting open. */
  async function setup(policy: Record<string, unknown> = {}, open = true): Promise<Setup> {
    n += 1;
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: `BO głosowanie ${n}`, year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    const editionId = e.body.id as string;
    const addPool = async (name: string, areaId: string | null) =>
      (
        await as(admin).post(`/api/v1/admin/editions/${editionId}/pools`).send({ name, areaId, amount: 100_000_000, signaturesRequired: 0 }).expect(201)
      ).body.pools.find((p: { name: string }) => p.name === name).id as string;
    const pools = {
      city: await addPool('Ogólnomiejska', null),
      green: await addPool('Zielona', city),
      a: await addPool('Oliwa', areaA),
      a1: await addPool('Oliwa Górna', areaA1),
      b: await addPool('Wrzeszcz', areaB),
    };
    let number = 0;
    const project = async (pool: string, cost: number, status = 'on_ballot') => {
      number += 1;
      const [{ id }] = (await db.query(
        `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by, ballot_position) VALUES ($1, $2, $3, $4, $5, $6, $7, $3) RETURNING id`,
        [editionId, pool, number, status, `Projekt ${number}`, cost, admin.id],
      )) as Array<{ id: string }>;
      return id;
    };
    const projects = {
      city: [
        await project(pools.city, 400_000_00),
        await project(pools.city, 300_000_00),
        await project(pools.city, 200_000_00),
        await project(pools.city, 100_000_00),
      ],
      green: [await project(pools.green, 50_000_00), await project(pools.green, 60_000_00)],
      a: [await project(pools.a, 10_000_00), await project(pools.a, 20_000_00), await project(pools.a, 30_000_00)],
      a1: [await project(pools.a1, 10_000_00), await project(pools.a1, 10_000_00)],
      b: [await project(pools.b, 10_000_00), await project(pools.b, 20_000_00), await project(pools.b, 30_000_00), await project(pools.b, 40_000_00)],
    };
    const rejected = await project(pools.city, 100_000_00, 'rejected');
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    await as(admin).put(`/api/v1/admin/editions/${editionId}/voting-policy`).send(policy).expect(200);
    const spec = (pool: string, s: Record<string, unknown>) => as(admin).put(`/api/v1/admin/pools/${pool}/ballot-spec`).send(s).expect(200);
    await spec(pools.city, { voteType: 'approval', minLength: 1, maxLength: 3, maxSumCost: 600_000_00 });
    await spec(pools.green, { voteType: 'choose-1' });
    await spec(pools.a, { voteType: 'cumulative', minLength: 1, pointsTotal: 5, maxPointsPerProject: 3 });
    await spec(pools.a1, { voteType: 'approval', minLength: 1, maxLength: 2 });
    await spec(pools.b, { voteType: 'ordinal', maxLength: 3, exactLength: true });
    if (open)
      await as(admin)
        .patch(`/api/v1/admin/editions/${editionId}`)
        .send({ phases: scheduleWith('voting') })
        .expect(200);
    return { editionId, pools, projects, rejected };
  }

  let voterNo = 0;
  const identity = (o: Record<string, unknown> = {}) => {
    voterNo += 1;
    return { firstName: 'Anna', lastName: `Nowak-${voterNo}`, areaId: areaA, email: `anna.${voterNo}@example.pl`, ...o };
  };
  const cast = (s: Setup, body: Record<string, unknown>, key?: string) => {
    const r = t.http().post(`/api/v1/editions/${s.editionId}/ballots`);
    return (key ? r.set('idempotency-key', key) : r).send(body);
  };

  const mailTo = (address: string, needle: string) => mailFile(t, address, needle);
  /** The code in the code mail of the ballot `ref` to `address` (written by any of `apps`: each has its own mail directory). */
  const codeFor = async (address: string, ref: string, apps: TestApp[] = [t]) => {
    const text = await Promise.any([...new Set(apps)].map((a) => mailFile(a, address, ref)));
    return /(\d{6})/.exec(text.split(ref)[0])?.[1] ?? /kod: (\d{6})/.exec(text)![1];
  };

  beforeAll(async () => {
    // Every request here comes from one address: the per-IP limit is tested in voting-rate-limits.
    t = await createTestApp(MANY);
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 400_000 });
    areaA = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    areaA1 = await createArea(t, { name: 'Oliwa Górna', kind: 'district', parentId: areaA, residentCount: 5_000 });
    areaB = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    operators = [
      await createUser(t, { grants: [{ role: 'official', areaId: null }] }),
      await createUser(t, { grants: [{ role: 'official', areaId: null }] }),
      await createUser(t, { grants: [{ role: 'official', areaId: null }] }),
    ];
    resident = await createUser(t);
    main = await setup();
  }, 120_000);
  afterAll(() => t?.close());

  it('configuration: the tie seed is drawn at the first save and published; specs are checked; nothing changes once voting opens', async () => {
    const s = await setup({ duplicatePolicy: 'void_all', maxAreaPools: 2, rule: 'equalshares/add1' }, false);
    const v = await as(null).get(`/api/v1/editions/${s.editionId}/voting`).expect(200);
    expect(v.body.tieSeed).toMatch(/^[0-9a-f]{32}$/);
    expect(v.body.policy).toMatchObject({ methods: ['email_code'], duplicatePolicy: 'void_all', maxAreaPools: 2, rule: 'equalshares/add1' });
    expect(v.body.pools.find((p: { id: string }) => p.id === s.pools.b).spec).toMatchObject({
      voteType: 'ordinal',
      minLength: 3,
      maxLength: 3,
      exactLength: true,
    });
    const again = await as(admin).put(`/api/v1/admin/editions/${s.editionId}/voting-policy`).send({ duplicatePolicy: 'first_counts' }).expect(200);
    expect(again.body.tieSeed).toBe(v.body.tieSeed);

    const bad = async (spec: Record<string, unknown>, fieldName: string) => {
      const r = await as(admin).put(`/api/v1/admin/pools/${s.pools.city}/ballot-spec`).send(spec).expect(422);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(fieldName);
    };
    await bad({ voteType: 'choose-1', maxLength: 3 }, 'maxLength');
    await bad({ voteType: 'cumulative' }, 'pointsTotal');
    await bad({ voteType: 'approval', minLength: 3, maxLength: 2 }, 'maxLength');
    await bad({ voteType: 'approval', pointsTotal: 10 }, 'pointsTotal');
    await bad({ voteType: 'ordinal', exactLength: true }, 'maxLength');
    await bad({ voteType: 'cumulative', pointsTotal: 3, maxPointsPerProject: 5 }, 'maxPointsPerProject');
    await bad({ voteType: 'plurality' }, 'voteType');
    const rule = await as(admin).put(`/api/v1/admin/editions/${s.editionId}/voting-policy`).send({ rule: 'borda' }).expect(422);
    expect(rule.body.errors[0].field).toBe('rule');
    await as(admin)
      .put(`/api/v1/admin/editions/${s.editionId}/voting-policy`)
      .send({ methods: ['sms'] })
      .expect(422);
    await as(resident).put(`/api/v1/admin/editions/${s.editionId}/voting-policy`).send({}).expect(403);
    await as(official).put(`/api/v1/admin/pools/${s.pools.city}/ballot-spec`).send({ voteType: 'approval' }).expect(403);

    // Not yet voting: no ballot.
    const early = await cast(s, { identity: identity(), choices: [{ poolId: s.pools.city, projectIds: [s.projects.city[0]] }] }).expect(409);
    expect(early.body.code).toBe('not_voting_phase');
    await as(admin)
      .patch(`/api/v1/admin/editions/${s.editionId}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);
    expect((await as(admin).put(`/api/v1/admin/editions/${s.editionId}/voting-policy`).send({}).expect(409)).body.code).toBe('voting_started');
    expect((await as(admin).put(`/api/v1/admin/pools/${s.pools.city}/ballot-spec`).send({ voteType: 'approval' }).expect(409)).body.code).toBe(
      'voting_started',
    );
  });

  it('every rule of validity of every ballot type is checked on both channels, with the pool and the rule named', async () => {
    const { pools: P, projects: J } = main;
    const paper = `/api/v1/admin/editions/${main.editionId}/paper-ballots`;
    const sheets: Array<{ sheet: string; identity: unknown; choices: unknown[] }> = [];
    /** Refused online and when keyed on paper, with the same field and rule; on paper it can be recorded as an invalid vote. */
    const refused = async (choices: unknown[], fieldName: string, fragment: string, id = identity()) => {
      const sheet = `R-${sheets.length + 1}`;
      sheets.push({ sheet, identity: id, choices });
      for (const r of [
        await cast(main, { identity: id, choices }).expect(422),
        await as(operators[0]).post(paper).send({ sheet, identity: id, choices }).expect(422),
      ]) {
        expect(r.body.code).toBe('invalid_ballot');
        const e = r.body.errors.find((x: { field: string }) => x.field === fieldName);
        expect(e).toBeDefined();
        expect(e.message).toContain(fragment);
      }
      expect((await as(operators[0]).post(paper).send({ sheet, identity: id, choices, invalid: 'content' }).expect(201)).body.status).toBe('keyed_once');
    };
    // approval: 1..3 projects, total cost ≤ 600 000 zł, only projects on this pool's ballot, each once
    await refused([{ poolId: P.city, projectIds: [] }], 'choices.0.projectIds', 'co najmniej 1');
    await refused([{ poolId: P.city, projectIds: J.city }], 'choices.0.projectIds', 'najwyżej 3');
    await refused([{ poolId: P.city, projectIds: [J.city[0], J.city[1]] }], 'choices.0.projectIds', 'przekracza limit 600000.00 zł');
    await refused([{ poolId: P.city, projectIds: [main.rejected] }], 'choices.0.projectIds.0', 'nie ma na karcie');
    await refused([{ poolId: P.city, projectIds: [J.b[0]] }], 'choices.0.projectIds.0', 'nie ma na karcie');
    await refused([{ poolId: P.city, projectIds: [J.city[3], J.city[3]] }], 'choices.0.projectIds.1', 'więcej niż raz');
    // choose-1
    await refused([{ poolId: P.green, projectIds: J.green }], 'choices.0.projectIds', 'najwyżej 1');
    // cumulative: 5 points, at most 3 per project, points not a list
    await refused([{ poolId: P.a, points: [{ projectId: J.a[0], points: 4 }] }], 'choices.0.points.0.points', 'najwyżej 3');
    await refused(
      [
        {
          poolId: P.a,
          points: [
            { projectId: J.a[0], points: 3 },
            { projectId: J.a[1], points: 3 },
          ],
        },
      ],
      'choices.0.points',
      'rozdzielono 6',
    );
    await refused([{ poolId: P.a, points: [{ projectId: J.a[0], points: 0 }] }], 'choices.0.points.0.points', 'co najmniej 1');
    await refused([{ poolId: P.a, projectIds: [J.a[0]] }], 'choices.0.projectIds', 'punkty');
    // ordinal: exactly 3 ranked
    await refused([{ poolId: P.b, projectIds: J.b.slice(0, 2) }], 'choices.0.projectIds', 'dokładnie 3', identity({ areaId: areaB }));
    // pools: unknown, twice, another area, too many areas
    await refused([{ poolId: '00000000-0000-4000-8000-000000000000', projectIds: [J.city[3]] }], 'choices.0.poolId', 'Nie ma takiej puli');
    await refused(
      [
        { poolId: P.city, projectIds: [J.city[3]] },
        { poolId: P.city, projectIds: [J.city[2]] },
      ],
      'choices.1.poolId',
      'więcej niż raz',
    );
    await refused([{ poolId: P.b, projectIds: J.b.slice(0, 3) }], 'choices.0.poolId', 'innego obszaru');
    await refused(
      [
        { poolId: P.a, points: [{ projectId: J.a[0], points: 1 }] },
        { poolId: P.a1, projectIds: [J.a1[0]] },
      ],
      'choices',
      'najwyżej 1 obszarów',
      identity({ areaId: areaA1 }),
    );
    await refused([], 'choices', 'co najmniej jednej puli');
    // English texts on request
    const en = await cast(main, { identity: identity(), choices: [{ poolId: P.green, projectIds: J.green }] })
      .set('accept-language', 'en')
      .expect(422);
    expect(en.body.errors[0].message).toContain('Pool "Zielona": 2 projects chosen, at most 1 allowed.');
    expect(await count(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1`, [main.editionId])).toBe(0);

    // Every such sheet, keyed the same by a second operator, is an invalid vote: void, never counted.
    for (const sh of sheets) {
      const k = await as(operators[1])
        .post(paper)
        .send({ ...sh, invalid: 'content' })
        .expect(201);
      expect(k.body).toMatchObject({ sheet: sh.sheet, status: 'matched', reason: 'invalid_content', ballot: { status: 'void' } });
    }
    expect((await as(null).get(`/api/v1/editions/${main.editionId}/turnout`).expect(200)).body).toMatchObject({ total: 0, invalid: sheets.length });

    // Valid ballots of every type: a district voter (cumulative) and city-wide pools; a Wrzeszcz voter ranks 3 (ordinal).
    const ok = await cast(main, {
      identity: identity({ areaId: areaA1 }),
      choices: [
        { poolId: P.city, projectIds: [J.city[2], J.city[3]] },
        { poolId: P.green, projectIds: [J.green[1]] },
        {
          poolId: P.a,
          points: [
            { projectId: J.a[0], points: 3 },
            { projectId: J.a[2], points: 2 },
          ],
        },
      ],
    }).expect(201);
    expect(ok.body).toMatchObject({ status: 'pending', channel: 'online', confirmation: 'email_code' });
    expect(ok.body.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const ranked = await cast(main, { identity: identity({ areaId: areaB }), choices: [{ poolId: P.b, projectIds: [J.b[3], J.b[0], J.b[2]] }] }).expect(201);
    const rows = (await db.query(
      `SELECT c.project_id, c.position, c.points FROM ballot_choices c JOIN ballots b ON b.id = c.ballot_id WHERE b.reference = $1 ORDER BY c.position`,
      [ranked.body.reference],
    )) as Array<{ project_id: string; position: number }>;
    expect(rows.map((r) => [r.project_id, r.position])).toEqual([
      [J.b[3], 1],
      [J.b[0], 2],
      [J.b[2], 3],
    ]);
    const pts = (await db.query(
      `SELECT c.project_id, c.points FROM ballot_choices c JOIN ballots b ON b.id = c.ballot_id WHERE b.reference = $1 AND c.pool_id = $2 ORDER BY c.points DESC`,
      [ok.body.reference, P.a],
    )) as Array<{ project_id: string; points: number }>;
    expect(pts).toEqual([
      { project_id: J.a[0], points: 3 },
      { project_id: J.a[2], points: 2 },
    ]);
    // Identity apart from the ballot: the ballot row has no name or address; the identity row no choices.
    const [ballot] = (await db.query(`SELECT * FROM ballots WHERE reference = $1`, [ok.body.reference])) as Array<Record<string, unknown>>;
    expect(Object.keys(ballot)).not.toEqual(expect.arrayContaining(['first_name']));
    expect(await count(`SELECT count(*)::int AS n FROM voter_identities WHERE voter_key = $1`, [ballot.voter_key])).toBe(1);
  });

  it('online: pending until the mailed code is confirmed (5 attempts), receipt mail with the reference, status by reference', async () => {
    const id = identity();
    const r = await cast(main, { identity: id, choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }] }).expect(201);
    const ref = r.body.reference as string;
    expect((await as(null).get(`/api/v1/ballots/${ref}`).expect(200)).body).toMatchObject({ reference: ref, status: 'pending', channel: 'online' });
    const text = await mailTo(id.email as string, ref);
    const code = /(\d{6})/.exec(text.split(ref)[0])?.[1] ?? /kod: (\d{6})/.exec(text)![1];
    // The code is stored only as a hash; a job payload names the ballot only.
    expect(await count(`SELECT count(*)::int AS n FROM ballot_codes WHERE code_hash LIKE $1`, [`%${code}%`])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'send-ballot-code' AND payload::text LIKE $1`, [`%${id.email}%`])).toBe(0);
    const wrong = code === '000000' ? '111111' : '000000';
    const w = await as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code: wrong }).expect(422);
    expect(w.body.code).toBe('wrong_code');
    expect(w.body.detail).toContain('4');
    await as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code: 'abc' }).expect(422);
    const ok = await as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code }).expect(200);
    expect(ok.body).toMatchObject({ status: 'valid', channel: 'online' });
    expect(ok.body.confirmedAt).toBeTruthy();
    await as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code }).expect(200);
    const receipt = await mailTo(id.email as string, 'ważny');
    expect(receipt).toContain(ref);
    expect(receipt).not.toContain('Projekt');
    await as(null).get('/api/v1/ballots/NOPE-NOPE-NOPE').expect(404);
    await as(null).get('/api/v1/ballots/0000-0000-0000').expect(404);

    // Five wrong attempts lock the code.
    const id2 = identity();
    const r2 = await cast(main, { identity: id2, choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }] }).expect(201);
    await mailTo(id2.email as string, r2.body.reference);
    for (let i = 0; i < 4; i++)
      await as(null)
        .post(`/api/v1/ballots/${r2.body.reference}/confirm`)
        .send({ code: '999999' })
        .expect((res) => expect([422, 200]).toContain(res.status));
    await db.query(`UPDATE ballot_codes SET attempts = 5 FROM ballots b WHERE b.id = ballot_codes.ballot_id AND b.reference = $1`, [r2.body.reference]);
    expect((await as(null).post(`/api/v1/ballots/${r2.body.reference}/confirm`).send({ code: '999999' }).expect(429)).body.code).toBe('too_many_attempts');
  });

  it('online: a lost code is mailed again (not within a minute, at most 5 times); a ballot whose code expired unused gives way to a new one', async () => {
    const id = identity();
    const choices = [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }];
    const r = await cast(main, { identity: id, choices }).expect(201);
    const ref = r.body.reference as string;
    const codeIn = (text: string) => /(\d{6})/.exec(text.split(ref)[0])?.[1] ?? /kod: (\d{6})/.exec(text)![1];
    const first = codeIn(await mailTo(id.email as string, ref));

    expect((await as(null).post(`/api/v1/ballots/${ref}/resend-code`).expect(429)).body.code).toBe('code_resend_too_soon');
    // A minute later (the clock moved in SQL only to simulate it) a new code goes out and the old one stops working.
    await db.query(`UPDATE ballot_codes SET sent_at = now() - interval '2 minutes' FROM ballots b WHERE b.id = ballot_codes.ballot_id AND b.reference = $1`, [
      ref,
    ]);
    expect((await as(null).post(`/api/v1/ballots/${ref}/resend-code`).expect(202)).body).toMatchObject({ reference: ref, status: 'pending' });
    const second = await eventually(
      async () => {
        const [c] = (await db.query(`SELECT c.sends FROM ballot_codes c JOIN ballots b ON b.id = c.ballot_id WHERE b.reference = $1`, [ref])) as Array<{
          sends: number;
        }>;
        return c?.sends === 2 ? true : undefined;
      },
      20_000,
      'the second code',
    );
    expect(second).toBe(true);
    // The first code no longer confirms (the new one is drawn afresh: the same six digits once in a million).
    expect((await as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code: first }).expect(422)).body.code).toBe('wrong_code');
    await db.query(
      `UPDATE ballot_codes SET sends = 5, sent_at = now() - interval '2 minutes' FROM ballots b WHERE b.id = ballot_codes.ballot_id AND b.reference = $1`,
      [ref],
    );
    expect((await as(null).post(`/api/v1/ballots/${ref}/resend-code`).expect(429)).body.code).toBe('too_many_codes');
    await as(null).post('/api/v1/ballots/0000-0000-0000/resend-code').expect(404);

    // While the code is valid, the person's pending ballot holds their place.
    expect((await cast(main, { identity: id, choices }).expect(409)).body.code).toBe('already_voted');
    // Once it has expired unused, a new ballot of the same person is taken and the old one is void (never counted).
    await db.query(`UPDATE ballot_codes SET expires_at = now() - interval '1 minute' FROM ballots b WHERE b.id = ballot_codes.ballot_id AND b.reference = $1`, [
      ref,
    ]);
    await db.query(`UPDATE ballots SET created_at = created_at - interval '20 minutes' WHERE reference = $1`, [ref]);
    const anew = await cast(main, { identity: { ...id, firstName: ' anna ' }, choices }, `anew-${ref}`).expect(201);
    expect(anew.body.reference).not.toBe(ref);
    expect((await as(null).get(`/api/v1/ballots/${ref}`).expect(200)).body).toMatchObject({ status: 'void', voidReason: 'unconfirmed' });
    expect((await as(null).post(`/api/v1/ballots/${ref}/resend-code`).expect(409)).body.code).toBe('ballot_not_pending');
    // The same on paper: a stale online ballot gives way to the person's paper ballot.
    const late = identity();
    const stale = await cast(main, { identity: late, choices }).expect(201);
    await mailTo(late.email as string, stale.body.reference);
    await db.query(`UPDATE ballot_codes SET expires_at = now() - interval '1 minute' FROM ballots b WHERE b.id = ballot_codes.ballot_id AND b.reference = $1`, [
      stale.body.reference,
    ]);
    await db.query(`UPDATE ballots SET created_at = created_at - interval '20 minutes' WHERE reference = $1`, [stale.body.reference]);
    const paper = `/api/v1/admin/editions/${main.editionId}/paper-ballots`;
    await as(operators[0]).post(paper).send({ sheet: 'S-1', identity: late, choices }).expect(201);
    expect((await as(operators[1]).post(paper).send({ sheet: 'S-1', identity: late, choices }).expect(201)).body).toMatchObject({
      status: 'matched',
      ballot: { status: 'valid' },
    });
    expect((await as(null).get(`/api/v1/ballots/${stale.body.reference}`).expect(200)).body.voidReason).toBe('unconfirmed');
  });

  it('one person, one vote: first counts — a second ballot of the same person (names and address normalised) is refused', async () => {
    const id = identity();
    await cast(main, { identity: id, choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }] }).expect(201);
    const same = { ...id, firstName: '  anna ', lastName: String(id.lastName).toUpperCase(), email: String(id.email).toUpperCase() };
    const dup = await cast(main, { identity: same, choices: [{ poolId: main.pools.green, projectIds: [main.projects.green[0]] }] }).expect(409);
    expect(dup.body.code).toBe('already_voted');
    // Without an e-mail address (a paper sheet) the names are the key: "Łukasz" and "Lukasz" are different people,
    // diacritics are kept; letter case and spaces are not.
    const paper = `/api/v1/admin/editions/${main.editionId}/paper-ballots`;
    const choices = [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }];
    const l1 = identity({ firstName: 'Łukasz', email: undefined });
    const keyIn = async (sheet: string, who: Record<string, unknown>) => {
      await as(operators[0]).post(paper).send({ sheet, identity: who, choices }).expect(201);
      return (await as(operators[1]).post(paper).send({ sheet, identity: who, choices }).expect(201)).body;
    };
    expect(await keyIn('L-1', l1)).toMatchObject({ status: 'matched', ballot: { status: 'valid' } });
    expect(await keyIn('L-2', { ...l1, firstName: 'Lukasz' })).toMatchObject({ status: 'matched', ballot: { status: 'valid' } });
    expect(await keyIn('L-3', { ...l1, firstName: ' ŁUKASZ ' })).toMatchObject({ status: 'rejected', reason: 'already_voted' });
  });

  it('email_code: one mailbox, one vote — other names, letter case, plus-tags and Gmail dots are the same voter', async () => {
    const choices = [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }];
    voterNo += 1;
    const local = `ewa.kowalska.${voterNo}`;
    const address = `${local}@gmail.com`;
    const first = await cast(main, { identity: identity({ firstName: 'Ewa', lastName: 'Kowalska', email: address }), choices }).expect(201);
    const ref = first.body.reference as string;
    const text = await mailTo(address, ref);
    const code = /(\d{6})/.exec(text.split(ref)[0])?.[1] ?? /kod: (\d{6})/.exec(text)![1];
    await as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code }).expect(200);

    // The review's finding: one mailbox cast four valid ballots by changing the declared name, and its variants voted too.
    const undotted = local.replace(/\./g, '');
    const variants: Array<[string, string, string]> = [
      ['Jan', 'Nowak', address],
      ['Maria', 'Wiśniewska', address.toUpperCase()],
      ['Zofia', 'Kowalczyk', `${local}+bo@gmail.com`],
      ['Ewa', 'Kowalska', `${local}+1@gmail.com`],
      ['Ewa', 'Kowalska', `${undotted}@gmail.com`],
      ['Ewa', 'Kowalska', `${undotted.split('').join('.')}@gmail.com`],
      ['Ewa', 'Kowalska', `${local}@googlemail.com`],
      ['Ewa', 'Kowalska', `${undotted}+x@GoogleMail.com`],
    ];
    for (const [firstName, lastName, email] of variants) {
      const r = await cast(main, { identity: identity({ firstName, lastName, email }), choices });
      expect([email, r.status, r.body.code]).toEqual([email, 409, 'already_voted']);
    }
    const key = ((await db.query(`SELECT voter_key FROM ballots WHERE reference = $1`, [ref])) as Array<{ voter_key: string }>)[0].voter_key;
    expect(await count(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1 AND voter_key = $2`, [main.editionId, key])).toBe(1);
    expect((await as(null).get(`/api/v1/ballots/${ref}`).expect(200)).body.status).toBe('valid');

    // Dots are significant at other providers; a plus-tag is folded everywhere.
    voterNo += 1;
    const other = `jan.kowal.${voterNo}@example.pl`;
    await cast(main, { identity: identity({ email: other }), choices }).expect(201);
    await cast(main, { identity: identity({ email: other.replace('jan.kowal', 'jankowal') }), choices }).expect(201);
    expect((await cast(main, { identity: identity({ email: other.replace('@', '+tag@') }), choices }).expect(409)).body.code).toBe('already_voted');

    // The code still goes to the address as typed (with its tag): a new voter's plus-tagged address receives it.
    voterNo += 1;
    const tagged = `marek.${voterNo}+budzet@example.pl`;
    const r = await cast(main, { identity: identity({ email: tagged }), choices }).expect(201);
    expect(await mailTo(tagged, r.body.reference)).toContain(r.body.reference);

    // On paper, a sheet that gives the same address under other names is the same voter.
    const paper = `/api/v1/admin/editions/${main.editionId}/paper-ballots`;
    const sheet = { sheet: `E-${voterNo}`, identity: identity({ firstName: 'Eugenia', lastName: 'Kowal', email: `${undotted}+papier@gmail.com` }), choices };
    await as(operators[0]).post(paper).send(sheet).expect(201);
    expect((await as(operators[1]).post(paper).send(sheet).expect(201)).body).toMatchObject({ status: 'rejected', reason: 'already_voted' });
  });

  it('account: a signed-in voter is one voter, whatever names and address the ballot declares', async () => {
    const s = await setup({ methods: ['account'] });
    const choices = [{ poolId: s.pools.city, projectIds: [s.projects.city[3]] }];
    const voter = await createUser(t);
    const castAs = (u: TestUser, id: Record<string, unknown>) =>
      t
        .http()
        .post(`/api/v1/editions/${s.editionId}/ballots`)
        .set(...bearer(u.token))
        .send({ identity: id, choices });
    const first = await castAs(voter, identity()).expect(201);
    expect(first.body).toMatchObject({ status: 'valid', confirmation: null });
    expect((await castAs(voter, identity({ firstName: 'Jerzy' })).expect(409)).body.code).toBe('already_voted');
    expect((await castAs(voter, identity({ email: undefined })).expect(409)).body.code).toBe('already_voted');
    await castAs(await createUser(t), identity()).expect(201);
    expect((await cast(s, { identity: identity(), choices }).expect(401)).body.code).toBe('account_required');
  });

  it("void_all: a ballot cast with a voter's address, never confirmed, changes nothing and looks like any pending ballot", async () => {
    const s = await setup({ duplicatePolicy: 'void_all' });
    const choices = [{ poolId: s.pools.city, projectIds: [s.projects.city[3]] }];
    const statusOf = async (ref: string) => (await as(null).get(`/api/v1/ballots/${ref}`).expect(200)).body;
    const turnout = async () => (await as(null).get(`/api/v1/editions/${s.editionId}/turnout`).expect(200)).body;
    const victim = identity();
    const v = await cast(s, { identity: victim, choices }).expect(201);
    await as(null)
      .post(`/api/v1/ballots/${v.body.reference}/confirm`)
      .send({ code: await codeFor(victim.email as string, v.body.reference) })
      .expect(200);
    expect(await turnout()).toMatchObject({ total: 1, pending: 0 });

    // Someone who knows the address (under other names, with a plus-tag) casts a ballot, and a new voter casts one:
    // the two answers differ only in their references.
    const forgedId = { ...victim, firstName: 'Zofia', lastName: 'Inna', email: String(victim.email).replace('@', '+bo@') };
    const forged = await cast(s, { identity: forgedId, choices }).expect(201);
    const freshId = identity();
    const fresh = await cast(s, { identity: freshId, choices }).expect(201);
    // Equal but for what differs on every request: the reference (and the route naming it), the time, the request id.
    const blank = { reference: '', createdAt: '', instance: '', requestId: '' };
    const same = (a: Record<string, unknown>, b: Record<string, unknown>) => expect({ ...a, ...blank }).toEqual({ ...b, ...blank });
    same(forged.body, fresh.body);
    expect(forged.body).toMatchObject({ status: 'pending', channel: 'online', confirmation: 'email_code' });
    // Its status, a turnout that counts it as pending, its code mail (to the address as typed), a wrong code, a resend too soon.
    same(await statusOf(forged.body.reference), await statusOf(fresh.body.reference));
    expect(await turnout()).toMatchObject({ total: 1, pending: 2 });
    const forgedCode = await codeFor(forgedId.email, forged.body.reference);
    const freshCode = await codeFor(freshId.email as string, fresh.body.reference);
    const wrong = async (ref: string, code: string) =>
      (
        await as(null)
          .post(`/api/v1/ballots/${ref}/confirm`)
          .send({ code: code === '000000' ? '111111' : '000000' })
          .expect(422)
      ).body;
    same(await wrong(forged.body.reference, forgedCode), await wrong(fresh.body.reference, freshCode));
    const tooSoon = async (ref: string) => (await as(null).post(`/api/v1/ballots/${ref}/resend-code`).expect(429)).body.code;
    expect(await tooSoon(forged.body.reference)).toBe(await tooSoon(fresh.body.reference));

    // Never confirmed (the code expires): the victim's ballot is valid and counted, as before.
    for (const ref of [forged.body.reference, fresh.body.reference]) {
      await db.query(
        `UPDATE ballot_codes SET expires_at = now() - interval '1 minute' FROM ballots b WHERE b.id = ballot_codes.ballot_id AND b.reference = $1`,
        [ref],
      );
    }
    expect((await as(null).post(`/api/v1/ballots/${forged.body.reference}/confirm`).send({ code: forgedCode }).expect(409)).body.code).toBe('code_expired');
    expect(await statusOf(v.body.reference)).toMatchObject({ status: 'valid', voidReason: null });
    expect(await turnout()).toMatchObject({ total: 1, byChannel: { online: 1, paper: 0 } });
    // In the database the forged ballot is outside the live set and never counted.
    expect(await db.query(`SELECT status, void_reason FROM ballots WHERE reference = $1`, [forged.body.reference])).toEqual([
      { status: 'void', void_reason: 'duplicate_unconfirmed' },
    ]);
  });

  it('void_all: confirming the code of a second ballot voids every ballot of the voter; an unconfirmed first ballot never voids a confirmed one', async () => {
    const s = await setup({ duplicatePolicy: 'void_all' });
    const choices = [{ poolId: s.pools.city, projectIds: [s.projects.city[3]] }];
    const statusOf = async (ref: string) => (await as(null).get(`/api/v1/ballots/${ref}`).expect(200)).body;
    const turnout = async () => (await as(null).get(`/api/v1/editions/${s.editionId}/turnout`).expect(200)).body;
    const confirm = (ref: string, code: string) => as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code });

    const id = identity();
    const first = await cast(s, { identity: id, choices }).expect(201);
    await confirm(first.body.reference, await codeFor(id.email as string, first.body.reference)).expect(200);
    const second = await cast(s, { identity: { ...id, firstName: 'Zofia' }, choices }).expect(201);
    expect(second.body.status).toBe('pending');
    const code = await codeFor(id.email as string, second.body.reference);
    expect((await confirm(second.body.reference, code).expect(409)).body.code).toBe('duplicate_voided');
    expect(await statusOf(first.body.reference)).toMatchObject({ status: 'void', voidReason: 'duplicate' });
    const voided = await statusOf(second.body.reference);
    expect(voided).toMatchObject({ status: 'void', voidReason: 'duplicate' });
    expect(voided.confirmedAt).toBeTruthy();
    expect(await turnout()).toMatchObject({ total: 0, pending: 0 });
    // The same answer again; a later ballot of the voter waits for its code and is void once confirmed.
    expect((await confirm(second.body.reference, code).expect(409)).body.code).toBe('duplicate_voided');
    const third = await cast(s, { identity: id, choices }).expect(201);
    expect(third.body.status).toBe('pending');
    expect((await confirm(third.body.reference, await codeFor(id.email as string, third.body.reference)).expect(409)).body.code).toBe('duplicate_voided');
    const rows = (await db.query(`SELECT status, void_reason FROM ballots WHERE edition_id = $1`, [s.editionId])) as Array<{ status: string }>;
    expect(rows).toEqual(Array(3).fill({ status: 'void', void_reason: 'duplicate' }));

    // Someone casts with an address before its owner does: that ballot holds the place but proves nothing. The owner's
    // ballot waits for its code; confirmed, it counts and the first one waits for its own code instead.
    const owner = identity();
    const early = await cast(s, { identity: { ...owner, firstName: 'Ktoś' }, choices }).expect(201);
    const own = await cast(s, { identity: owner, choices }).expect(201);
    expect(own.body.status).toBe('pending');
    const ok = await confirm(own.body.reference, await codeFor(owner.email as string, own.body.reference)).expect(200);
    expect(ok.body).toMatchObject({ status: 'valid', voidReason: null });
    expect(await statusOf(early.body.reference)).toMatchObject({ status: 'pending', voidReason: null });
    expect(await turnout()).toMatchObject({ total: 1, pending: 1 });
    expect(await mailTo(owner.email as string, `Numer głosu: ${own.body.reference}`)).toContain('ważny');
    // Only if that one's code is confirmed too (the owner voted twice) are both void.
    expect((await confirm(early.body.reference, await codeFor(owner.email as string, early.body.reference)).expect(409)).body.code).toBe('duplicate_voided');
    expect(await statusOf(own.body.reference)).toMatchObject({ status: 'void', voidReason: 'duplicate' });
    expect(await turnout()).toMatchObject({ total: 0, pending: 0 });

    // first_counts is unchanged: a second ballot is refused when cast, and the first counts.
    const fc = identity();
    const counted = await cast(main, { identity: fc, choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }] }).expect(201);
    await confirm(counted.body.reference, await codeFor(fc.email as string, counted.body.reference)).expect(200);
    const again = await cast(main, { identity: { ...fc, firstName: 'Zofia' }, choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[2]] }] });
    expect([again.status, again.body.code]).toEqual([409, 'already_voted']);
    expect(await statusOf(counted.body.reference)).toMatchObject({ status: 'valid' });
  });

  it('Idempotency-Key: the same key and body answer the stored response and create nothing; another body is refused', async () => {
    const body = { identity: identity(), choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }] };
    const a = await cast(main, body, 'retry-1').expect(201);
    const b = await cast(main, body, 'retry-1').expect(201);
    expect(b.body).toEqual(a.body);
    expect(await count(`SELECT count(*)::int AS n FROM ballots WHERE reference = $1`, [a.body.reference])).toBe(1);
    const other = await cast(main, { ...body, choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[2]] }] }, 'retry-1').expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await count(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1 AND status <> 'void'`, [main.editionId])).toBeGreaterThan(0);
  });

  it(`50 parallel submissions of one identity (same and different Idempotency-Keys${testMode === 'services' ? ', over two API instances' : ''}) leave exactly one ballot`, async () => {
    let t2: TestApp | null = null;
    if (testMode === 'services' && t.config.database.kind === 'postgres') t2 = await createTestApp({ ...MANY, DATABASE_URL: t.config.database.url });
    try {
      const body = { identity: identity(), choices: [{ poolId: main.pools.city, projectIds: [main.projects.city[3]] }] };
      const apps = [t, t2 ?? t];
      const res = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const r = apps[i % 2].http().post(`/api/v1/editions/${main.editionId}/ballots`);
          return (i < 25 ? r.set('idempotency-key', 'parallel-same') : r.set('idempotency-key', `parallel-${i}`)).send(body);
        }),
      );
      const statuses = res.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const refs = new Set(res.filter((r) => r.status === 201).map((r) => r.body.reference));
      expect(refs.size).toBe(1);
      expect(res.filter((r) => r.status === 409).every((r) => r.body.code === 'already_voted')).toBe(true);
      const [ref] = [...refs];
      const key = ((await db.query(`SELECT voter_key FROM ballots WHERE reference = $1`, [ref])) as Array<{ voter_key: string }>)[0].voter_key;
      expect(await count(`SELECT count(*)::int AS n FROM ballots WHERE voter_key = $1`, [key])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM voter_identities WHERE voter_key = $1`, [key])).toBe(1);
    } finally {
      await t2?.close();
    }
  }, 60_000);

  it(`void_all: 50 parallel submissions of one PESEL from 50 addresses${testMode === 'services' ? ' (over two API instances)' : ''} leave one live ballot, the others awaiting proof; two confirmations void them`, async () => {
    let t2: TestApp | null = null;
    if (testMode === 'services' && t.config.database.kind === 'postgres') t2 = await createTestApp({ ...MANY, DATABASE_URL: t.config.database.url });
    try {
      const s = await setup({ methods: ['email_code', 'pesel'], duplicatePolicy: 'void_all' });
      const choices = [{ poolId: s.pools.city, projectIds: [s.projects.city[3]] }];
      const number = pesel(1979, 11, 3, 77);
      const ids = Array.from({ length: 50 }, () => identity({ pesel: number }));
      const apps = [t, t2 ?? t];
      const res = await Promise.all(
        ids.map((id, i) => {
          const r = apps[i % 2].http().post(`/api/v1/editions/${s.editionId}/ballots`);
          // The first five are one request retried (one Idempotency-Key and body).
          return (i < 5 ? r.set('idempotency-key', 'void-all-same') : r).send({ identity: i < 5 ? ids[0] : id, choices });
        }),
      );
      expect(res.map((r) => [r.status, r.body.status])).toEqual(Array(50).fill([201, 'pending']));
      expect(new Set(res.slice(0, 5).map((r) => r.body.reference)).size).toBe(1);
      const refs = res.slice(4).map((r) => r.body.reference as string);
      expect(new Set(refs).size).toBe(46);
      const [{ voter_key: key }] = (await db.query(`SELECT voter_key FROM ballots WHERE reference = $1`, [refs[0]])) as Array<{ voter_key: string }>;
      const tally = async () =>
        (await db.query(`SELECT status, void_reason, count(*)::int AS n FROM ballots WHERE voter_key = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [key])) as Array<{
          status: string;
          void_reason: string | null;
          n: number;
        }>;
      expect(await tally()).toEqual([
        { status: 'pending', void_reason: null, n: 1 },
        { status: 'void', void_reason: 'duplicate_unconfirmed', n: 45 },
      ]);
      for (const ref of refs.slice(0, 8)) expect((await as(null).get(`/api/v1/ballots/${ref}`).expect(200)).body).toMatchObject({ status: 'pending' });
      expect((await as(null).get(`/api/v1/editions/${s.editionId}/turnout`).expect(200)).body).toMatchObject({ total: 0, pending: 46 });

      // Each code goes to the address given with its ballot, never to the one of a later ballot of the same PESEL.
      const addressOf = (i: number) => (i === 0 ? ids[0].email : ids[i + 4].email) as string;
      const codes = await Promise.all([0, 1, 20, 45].map((i) => codeFor(addressOf(i), refs[i], apps)));
      // Two of them confirmed at the same moment: one counts, then the other proves the duplicate — or the other way round.
      const confirmed = await Promise.all([0, 1].map((j) => apps[j].http().post(`/api/v1/ballots/${refs[j]}/confirm`).send({ code: codes[j] })));
      expect(confirmed.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(confirmed.find((r) => r.status === 409)!.body.code).toBe('duplicate_voided');
      expect(await tally()).toEqual([
        { status: 'void', void_reason: 'duplicate', n: 2 },
        { status: 'void', void_reason: 'duplicate_unconfirmed', n: 44 },
      ]);
      expect((await as(null).get(`/api/v1/editions/${s.editionId}/turnout`).expect(200)).body).toMatchObject({ total: 0, pending: 44 });
    } finally {
      await t2?.close();
    }
  }, 90_000);

  it('PESEL: checksum and date of birth, consistent with the year of birth and the minimum age; a guardian below 18; one key per PESEL', async () => {
    const s = await setup({ methods: ['email_code', 'pesel'], minAge: 13, guardianBelowAge: 18 });
    const choices = [{ poolId: s.pools.city, projectIds: [s.projects.city[3]] }];
    const field = async (id: Record<string, unknown>, f: string) => {
      const r = await cast(s, { identity: identity(id), choices }).expect(422);
      expect(r.body.code).toBe('invalid_identity');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(f);
    };
    const adult = pesel(1985, 4, 12);
    await field({}, 'identity.pesel');
    await field({ pesel: adult.slice(0, 10) + String((Number(adult[10]) + 1) % 10) }, 'identity.pesel'); // checksum
    await field({ pesel: pesel(1985, 2, 30) }, 'identity.pesel'); // 30 February
    await field({ pesel: adult, birthYear: 1986 }, 'identity.birthYear');
    const y = new Date().getUTCFullYear();
    await field({ pesel: pesel(y - 10, 1, 1) }, 'identity.birthYear'); // under 13
    await field({ pesel: pesel(y - 16, 1, 1) }, 'identity.guardian');
    const minor = await cast(s, { identity: identity({ pesel: pesel(y - 16, 1, 1), guardian: { name: 'Ewa Nowak', declaration: true } }), choices }).expect(
      201,
    );
    expect(minor.body.status).toBe('pending');
    await cast(s, { identity: identity({ pesel: pesel(y - 16, 1, 2), guardian: { name: 'Ewa Nowak', declaration: false } }), choices }).expect(422);
    await cast(s, { identity: identity({ pesel: adult }), choices }).expect(201);
    // The same PESEL under another name and address is the same person.
    expect((await cast(s, { identity: identity({ pesel: adult, firstName: 'Zofia' }), choices }).expect(409)).body.code).toBe('already_voted');
    // PESEL is kept only inside the voter key.
    expect(await count(`SELECT count(*)::int AS n FROM voter_identities WHERE row_to_json(voter_identities)::text LIKE $1`, [`%${adult}%`])).toBe(0);
    // An edition without PESEL does not take it.
    await field2(main);
    async function field2(m: Setup) {
      const r = await cast(m, { identity: identity({ pesel: adult }), choices: [{ poolId: m.pools.city, projectIds: [m.projects.city[3]] }] }).expect(422);
      expect(r.body.errors[0].field).toBe('identity.pesel');
    }
  });

  it('paper: double keying by two operators, mismatch for a third, same operator refused, duplicates across channels', async () => {
    const s = await setup();
    const url = `/api/v1/admin/editions/${s.editionId}/paper-ballots`;
    const id = identity({ email: undefined });
    const choices = [{ poolId: s.pools.city, projectIds: [s.projects.city[2], s.projects.city[3]] }];
    const k1 = await as(operators[0]).post(url).send({ sheet: 'A-001', identity: id, choices }).expect(201);
    expect(k1.body).toMatchObject({ sheet: 'A-001', status: 'keyed_once', keyings: 1, ballot: null });
    expect((await as(operators[0]).post(url).send({ sheet: 'A-001', identity: id, choices }).expect(409)).body.code).toBe('sheet_already_keyed');
    // The second operator reads the same sheet: other letter case and order of approval choices — the same content.
    const same = { ...id, firstName: 'ANNA ', lastName: ` ${id.lastName}` };
    const k2 = await as(operators[1])
      .post(url)
      .send({ sheet: 'A-001', identity: same, choices: [{ poolId: s.pools.city, projectIds: [s.projects.city[3], s.projects.city[2]] }] })
      .expect(201);
    expect(k2.body).toMatchObject({ status: 'matched', keyings: 2, ballot: { status: 'valid' } });
    expect((await as(null).get(`/api/v1/ballots/${k2.body.ballot.reference}`).expect(200)).body.channel).toBe('paper');
    expect((await as(operators[2]).post(url).send({ sheet: 'A-001', identity: id, choices }).expect(409)).body.code).toBe('sheet_closed');

    // A mismatch waits for a third operator; the matching keying wins.
    const id2 = identity({ email: undefined, areaId: areaB });
    const ranked = [{ poolId: s.pools.b, projectIds: [s.projects.b[0], s.projects.b[1], s.projects.b[2]] }];
    const misread = [{ poolId: s.pools.b, projectIds: [s.projects.b[1], s.projects.b[0], s.projects.b[2]] }]; // ranks swapped
    await as(operators[0]).post(url).send({ sheet: 'A-002', identity: id2, choices: ranked }).expect(201);
    expect((await as(operators[1]).post(url).send({ sheet: 'A-002', identity: id2, choices: misread }).expect(201)).body.status).toBe('mismatch');
    const listed = await as(official).get(`${url}?status=mismatch`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ sheet: 'A-002', status: 'mismatch', keyings: 2 })]);
    const k3 = await as(operators[2]).post(url).send({ sheet: 'A-002', identity: id2, choices: ranked }).expect(201);
    expect(k3.body).toMatchObject({ status: 'resolved', keyings: 3, ballot: { status: 'valid' } });
    const pos = (await db.query(`SELECT c.project_id FROM ballot_choices c JOIN ballots b ON b.id = c.ballot_id WHERE b.reference = $1 ORDER BY c.position`, [
      k3.body.ballot.reference,
    ])) as Array<{ project_id: string }>;
    expect(pos.map((p) => p.project_id)).toEqual(ranked[0].projectIds);
    expect((await as(official).get(`${url}?status=mismatch`).expect(200)).body).toEqual([]);

    // Invalid content on paper: the same rules, explained.
    const bad = await as(operators[0])
      .post(url)
      .send({ sheet: 'A-003', identity: identity(), choices: [{ poolId: s.pools.green, projectIds: s.projects.green }] })
      .expect(422);
    expect(bad.body.errors[0].field).toBe('choices.0.projectIds');

    // Across channels: one who voted online and on paper — first counts, the paper sheet is rejected.
    const both = identity();
    const online = await cast(s, { identity: both, choices }).expect(201);
    await as(operators[0]).post(url).send({ sheet: 'A-004', identity: both, choices }).expect(201);
    const rej = await as(operators[1]).post(url).send({ sheet: 'A-004', identity: both, choices }).expect(201);
    expect(rej.body).toMatchObject({ status: 'rejected', reason: 'already_voted', ballot: null });
    expect((await as(null).get(`/api/v1/ballots/${online.body.reference}`).expect(200)).body.status).toBe('pending');

    // Roles: residents and anonymous callers cannot key or list.
    await as(resident).post(url).send({ sheet: 'A-005', identity: id, choices }).expect(403);
    await as(null).get(url).expect(401);
  });

  it('paper under void_all: a signed sheet voids at once beside a confirmed ballot; an online ballot voids only when its code is confirmed', async () => {
    const s = await setup({ duplicatePolicy: 'void_all' });
    const url = `/api/v1/admin/editions/${s.editionId}/paper-ballots`;
    const choices = [{ poolId: s.pools.city, projectIds: [s.projects.city[3]] }];
    const keyIn = async (sheet: string, who: Record<string, unknown>) => {
      await as(operators[0]).post(url).send({ sheet, identity: who, choices }).expect(201);
      return (await as(operators[1]).post(url).send({ sheet, identity: who, choices }).expect(201)).body;
    };
    const statusOf = async (ref: string) => (await as(null).get(`/api/v1/ballots/${ref}`).expect(200)).body;
    const turnout = async () => (await as(null).get(`/api/v1/editions/${s.editionId}/turnout`).expect(200)).body;

    // Paper first, then online: the online ballot waits for its code like any other; its confirmation voids both.
    const id = identity();
    const k = await keyIn('P-1', id);
    expect(k.ballot.status).toBe('valid');
    const online = await cast(s, { identity: id, choices }).expect(201);
    expect(online.body).toMatchObject({ status: 'pending', confirmation: 'email_code' });
    expect((await statusOf(k.ballot.reference)).status).toBe('valid');
    expect(await turnout()).toMatchObject({ total: 1, pending: 1 });
    const code = await codeFor(id.email as string, online.body.reference);
    expect((await as(null).post(`/api/v1/ballots/${online.body.reference}/confirm`).send({ code }).expect(409)).body.code).toBe('duplicate_voided');
    expect(await statusOf(k.ballot.reference)).toMatchObject({ status: 'void', voidReason: 'duplicate' });
    expect(await statusOf(online.body.reference)).toMatchObject({ status: 'void', voidReason: 'duplicate' });
    expect(await turnout()).toMatchObject({ total: 0, pending: 0 });

    // A confirmed online ballot, then the same person's sheet: the signed sheet is the proof, both void at once.
    const id2 = identity();
    const first = await cast(s, { identity: id2, choices }).expect(201);
    await as(null)
      .post(`/api/v1/ballots/${first.body.reference}/confirm`)
      .send({ code: await codeFor(id2.email as string, first.body.reference) })
      .expect(200);
    expect(await keyIn('P-2', id2)).toMatchObject({ status: 'rejected', reason: 'duplicate_voided' });
    expect(await statusOf(first.body.reference)).toMatchObject({ status: 'void', voidReason: 'duplicate' });

    // An online ballot never confirmed proves nothing: the sheet counts, and the online one waits for its code — whose
    // confirmation (the mailbox's owner voted twice) voids both.
    const id3 = identity();
    const unconfirmed = await cast(s, { identity: id3, choices }).expect(201);
    const sheet = await keyIn('P-3', id3);
    expect(sheet).toMatchObject({ status: 'matched', ballot: { status: 'valid' } });
    expect(await statusOf(unconfirmed.body.reference)).toMatchObject({ status: 'pending', voidReason: null });
    expect(await turnout()).toMatchObject({ total: 1, pending: 1 });
    const code3 = await codeFor(id3.email as string, unconfirmed.body.reference);
    expect((await as(null).post(`/api/v1/ballots/${unconfirmed.body.reference}/confirm`).send({ code: code3 }).expect(409)).body.code).toBe('duplicate_voided');
    expect(await statusOf(sheet.ballot.reference)).toMatchObject({ status: 'void', voidReason: 'duplicate' });
    expect(await turnout()).toMatchObject({ total: 0, pending: 0 });
  });

  it('paper: an invalid sheet is keyed twice and counted as an invalid vote, never refused; a valid one cannot be marked invalid', async () => {
    const s = await setup();
    const url = `/api/v1/admin/editions/${s.editionId}/paper-ballots`;
    const entries = () => count(`SELECT count(*)::int AS n FROM paper_entries WHERE edition_id = $1`, [s.editionId]);
    const person = identity({ email: undefined });
    const tooMany = [{ poolId: s.pools.city, projectIds: s.projects.city }]; // four where at most three may be chosen

    // Against the rules: both operators key what they read and mark it; the server finds the fault itself.
    expect((await as(operators[0]).post(url).send({ sheet: 'N-1', invalid: 'content', identity: person, choices: tooMany }).expect(201)).body.status).toBe(
      'keyed_once',
    );
    const reordered = [{ poolId: s.pools.city, projectIds: [...s.projects.city].reverse() }];
    const n1 = await as(operators[1])
      .post(url)
      .send({ sheet: 'N-1', invalid: 'content', identity: { ...person, lastName: person.lastName.toUpperCase() }, choices: reordered })
      .expect(201);
    expect(n1.body).toMatchObject({ status: 'matched', keyings: 2, reason: 'invalid_content', ballot: { status: 'void' } });
    expect((await as(null).get(`/api/v1/ballots/${n1.body.ballot.reference}`).expect(200)).body).toMatchObject({
      status: 'void',
      voidReason: 'invalid_content',
      channel: 'paper',
    });
    // Nothing of it counts, and the person may still cast a valid ballot.
    expect(
      await count(`SELECT count(*)::int AS n FROM ballot_choices c JOIN ballots b ON b.id = c.ballot_id WHERE b.reference = $1`, [n1.body.ballot.reference]),
    ).toBe(0);
    await cast(s, { identity: { ...person, email: 'n1@example.pl' }, choices: [{ poolId: s.pools.city, projectIds: [s.projects.city[0]] }] }).expect(201);

    // A sheet that is valid as keyed cannot be marked invalid (content): 422, nothing stored.
    const before = await entries();
    const valid = await as(operators[0])
      .post(url)
      .send({
        sheet: 'N-2',
        invalid: 'content',
        identity: identity({ email: undefined }),
        choices: [{ poolId: s.pools.city, projectIds: [s.projects.city[0]] }],
      })
      .expect(422);
    expect(valid.body.code).toBe('sheet_is_valid');
    expect(await entries()).toBe(before);

    // Unsigned or illegible: nothing on the sheet is read; the operators must agree on the reason.
    await as(operators[0]).post(url).send({ sheet: 'N-3', invalid: 'unsigned' }).expect(201);
    expect((await as(operators[1]).post(url).send({ sheet: 'N-3', invalid: 'unsigned' }).expect(201)).body).toMatchObject({
      status: 'matched',
      reason: 'unsigned',
      ballot: { status: 'void' },
    });
    await as(operators[0])
      .post(url)
      .send({ sheet: 'N-4', invalid: 'illegible', identity: { areaId: areaB } })
      .expect(201);
    expect((await as(operators[1]).post(url).send({ sheet: 'N-4', invalid: 'unsigned' }).expect(201)).body.status).toBe('mismatch');
    expect((await as(operators[2]).post(url).send({ sheet: 'N-4', invalid: 'illegible' }).expect(201)).body).toMatchObject({
      status: 'resolved',
      reason: 'illegible',
    });

    // Bad input: an unknown reason, a readable sheet without identity — 422 naming the field, nothing stored.
    const mid = await entries();
    expect((await as(operators[0]).post(url).send({ sheet: 'N-5', invalid: 'torn' }).expect(422)).body.errors.map((e: { field: string }) => e.field)).toContain(
      'invalid',
    );
    expect(
      (await as(operators[0]).post(url).send({ sheet: 'N-5', choices: tooMany }).expect(422)).body.errors.map((e: { field: string }) => e.field),
    ).toContain('identity');
    expect(await entries()).toBe(mid);

    // Turnout: three invalid paper votes, apart from the valid ones.
    const turnout = (await as(null).get(`/api/v1/editions/${s.editionId}/turnout`).expect(200)).body;
    expect(turnout).toMatchObject({ invalid: 3, total: 0, pending: 1 });

    // Every keying is an official act in the audit log: who keyed which sheet and what it became — never its content.
    const audit = (await as(official).get(`/api/v1/admin/editions/${s.editionId}/audit`).expect(200)).body;
    expect(audit.chainIntact).toBe(true);
    const acts = audit.entries.map((e: { action: string }) => e.action);
    expect(acts.slice(0, 6)).toEqual(['voting.policy_set', ...Array(5).fill('voting.spec_set')]);
    const keyings = audit.entries.filter((e: { action: string }) => e.action === 'voting.paper_keyed');
    expect(keyings.map((e: { details: { sheet: string } }) => e.details.sheet)).toEqual(['N-1', 'N-1', 'N-3', 'N-3', 'N-4', 'N-4', 'N-4']);
    expect(keyings[1]).toMatchObject({
      actorId: operators[1].id,
      details: { sheet: 'N-1', keyings: 2, status: 'matched', invalid: 'content', ballot: n1.body.ballot.reference },
    });
    expect(JSON.stringify(audit)).not.toContain(person.lastName);

    // Outside voting and its verification even an unreadable sheet is refused.
    const closed = await setup({}, false);
    expect(
      (await as(operators[0]).post(`/api/v1/admin/editions/${closed.editionId}/paper-ballots`).send({ sheet: 'X-1', invalid: 'illegible' }).expect(409)).body
        .code,
    ).toBe('not_voting_phase');
  });

  it('turnout per pool, area and channel is live; no route reveals per-project counts before voting closes, whatever the role', async () => {
    const s = await setup();
    const choices = [
      { poolId: s.pools.city, projectIds: [s.projects.city[3]] },
      { poolId: s.pools.a, points: [{ projectId: s.projects.a[0], points: 2 }] },
    ];
    const online = await cast(s, { identity: identity(), choices }).expect(201);
    await db.query(`UPDATE ballots SET status = 'valid' WHERE reference = $1`, [online.body.reference]);
    await cast(s, { identity: identity(), choices }).expect(201); // stays pending
    const url = `/api/v1/admin/editions/${s.editionId}/paper-ballots`;
    const pid = identity({ areaId: areaB });
    const pc = [{ poolId: s.pools.b, projectIds: s.projects.b.slice(0, 3) }];
    await as(operators[0]).post(url).send({ sheet: 'T-1', identity: pid, choices: pc }).expect(201);
    await as(operators[1]).post(url).send({ sheet: 'T-1', identity: pid, choices: pc }).expect(201);

    const turnout = await as(null).get(`/api/v1/editions/${s.editionId}/turnout`).expect(200);
    expect(turnout.body).toMatchObject({ total: 2, pending: 1, byChannel: { online: 1, paper: 1 } });
    expect(turnout.body.byPool).toEqual(
      expect.arrayContaining([
        { poolId: s.pools.city, ballots: 1 },
        { poolId: s.pools.a, ballots: 1 },
        { poolId: s.pools.b, ballots: 1 },
      ]),
    );
    expect(turnout.body.byArea).toEqual(
      expect.arrayContaining([
        { areaId: areaA, ballots: 1 },
        { areaId: areaB, ballots: 1 },
      ]),
    );

    const projectIds = Object.values(s.projects).flat();
    const counted = /"(votes|score|points|voteCount|ballots|count)"\s*:/;
    for (const u of [null, resident, official, admin]) {
      const routes = [
        `/api/v1/editions/${s.editionId}/turnout`,
        `/api/v1/editions/${s.editionId}/voting`,
        `/api/v1/ballots/${online.body.reference}`,
        `/api/v1/editions/${s.editionId}/ballot`,
        ...(u === official || u === admin ? [`${url}`, `${url}?status=matched`] : []),
      ];
      for (const r of routes) {
        const res = await as(u).get(r);
        const text = JSON.stringify(res.body);
        for (const p of projectIds) expect(text.includes(p) && counted.test(text.slice(text.indexOf(p) - 200, text.indexOf(p) + 200))).toBe(false);
      }
      // Project views carry no vote counts.
      const list = await as(u).get(`/api/v1/editions/${s.editionId}/projects?pageSize=100`);
      for (const item of list.body.items ?? []) expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['votes']));
      const one = await as(u).get(`/api/v1/projects/${s.projects.city[3]}`);
      expect(JSON.stringify(one.body)).not.toMatch(/"(votes|score|voteCount)"/);
      // The results (another part of the API) are not available before the tally and publication.
      const results = await as(u).get(`/api/v1/editions/${s.editionId}/results`).expect(409);
      expect(results.body.code).toBe('results_not_published');
      // The officials' review has nothing to show before a tally has run; the others may not see it at all.
      const admResults = await as(u).get(`/api/v1/admin/editions/${s.editionId}/results`);
      if (u === official || u === admin)
        expect([admResults.status, admResults.body]).toEqual([200, { editionId: s.editionId, run: null, published: null, pools: [], embargo: true }]);
      else expect(admResults.status).toBe(u === null ? 401 : 403);
    }
  });
});
