import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { Scheduler } from '@civitas/queue';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { IdentityRetentionService } from '@civitas/voting';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { bearer, createUser, TestUser } from '../factories/users.factory';
import { mailTo as mailFile } from '../helpers/mail-files';

const DAY = 24 * 3600_000;
const JOB = 'erase-voter-identities';

interface Setup {
  editionId: string;
  pool: string;
  projects: string[];
}

describe('voting: voter identities are erased after the retention date, ballots stay (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let scheduler: Scheduler;
  let admin: TestUser;
  let operators: TestUser[];
  let areaA: string;
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

  /** An edition with one city-wide approval pool on the ballot, the given retention date, voting open. */
  async function setup(retainIdentitiesUntil: string): Promise<Setup> {
    n += 1;
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: `BO retencja ${n}`, year: 2027, phases: scheduleWith('ballot_list') })
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
    // The retention date is part of the policy, fixed before voting opens.
    const policy = await as(admin).put(`/api/v1/admin/editions/${editionId}/voting-policy`).send({ retainIdentitiesUntil }).expect(200);
    expect(policy.body.policy.retainIdentitiesUntil).toBe(retainIdentitiesUntil);
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
    return {
      firstName: 'Zofia',
      lastName: `Retencka-${voterNo}`,
      areaId: areaA,
      address: `ul. Polanki ${voterNo}`,
      email: `zofia.${voterNo}@example.pl`,
      ...o,
    };
  };
  const cast = (s: Setup, body: Record<string, unknown>) => t.http().post(`/api/v1/editions/${s.editionId}/ballots`).send(body);

  const mailTo = (address: string, needle: string) => mailFile(t, address, needle);

  /** An online ballot confirmed with the mailed code; returns once the receipt is sent (no mail job left in flight). */
  async function voteOnline(s: Setup, id: Record<string, unknown>): Promise<string> {
    const r = await cast(s, { identity: id, choices: [{ poolId: s.pool, projectIds: [s.projects[0]] }] }).expect(201);
    const ref = r.body.reference as string;
    const text = await mailTo(id.email as string, ref);
    const code = /(\d{6})/.exec(text.split(ref)[0])?.[1] ?? /kod: (\d{6})/.exec(text)![1];
    await as(null).post(`/api/v1/ballots/${ref}/confirm`).send({ code }).expect(200);
    await mailTo(id.email as string, 'ważny');
    return ref;
  }

  /** A paper ballot keyed twice (matched); the sheet carries no e-mail address, so no mail job follows. */
  async function votePaper(s: Setup, sheet: string, id: Record<string, unknown>): Promise<string> {
    const url = `/api/v1/admin/editions/${s.editionId}/paper-ballots`;
    const choices = [{ poolId: s.pool, projectIds: [s.projects[1]] }];
    await as(operators[0]).post(url).send({ sheet, identity: id, choices }).expect(201);
    const k = await as(operators[1]).post(url).send({ sheet, identity: id, choices }).expect(201);
    expect(k.body).toMatchObject({ status: 'matched', ballot: { status: 'valid' } });
    return k.body.ballot.reference as string;
  }

  /** Runs the scheduled erasure as the scheduler does and waits until its job has completed. */
  async function runScheduledErasure(): Promise<void> {
    const [{ now }] = (await db.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
    await scheduler.setNextRun(JOB, new Date(Date.now() - 1000));
    await scheduler.tickOnce();
    // The app's own scheduler ticks too: take the run enqueued since, whichever tick claimed it.
    const job = await eventually(
      async () => {
        const [row] = (await db.query(`SELECT id, payload FROM outbox WHERE job_name = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT 1`, [
          JOB,
          now,
        ])) as Array<{
          id: string;
          payload: Record<string, unknown>;
        }>;
        return row;
      },
      10_000,
      'the erasure job enqueued',
    );
    // The payload is the scheduled time only: no personal data.
    expect(Object.keys(job.payload)).toEqual(['scheduledFor']);
    await eventually(
      async () => (await count(`SELECT count(*)::int AS n FROM job_executions WHERE job_id = $1`, [job.id])) === 1,
      20_000,
      'the erasure job done',
    );
  }

  const identities = (s: Setup) => count(`SELECT count(*)::int AS n FROM voter_identities WHERE edition_id = $1`, [s.editionId]);
  const ballots = async (s: Setup) =>
    db.query(`SELECT id, voter_key, channel, status, reference, area_id FROM ballots WHERE edition_id = $1 ORDER BY id`, [s.editionId]);
  const paperEntries = async (s: Setup) =>
    (await db.query(`SELECT sheet, content_hash, content FROM paper_entries WHERE edition_id = $1 ORDER BY sheet, operator_id`, [s.editionId])) as Array<{
      sheet: string;
      content_hash: string;
      content: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    scheduler = t.app.get(Scheduler);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 400_000 });
    areaA = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    operators = [await createUser(t, { grants: [{ role: 'official', areaId: null }] }), await createUser(t, { grants: [{ role: 'official', areaId: null }] })];
  }, 120_000);
  afterAll(() => t?.close());

  it('erases identities and keyed identities once the date has passed and voting has ended; ballots, turnout and other editions stay; a rerun is harmless', async () => {
    const past = await setup(zonedDate(new Date(Date.now() - 3 * DAY)));
    // Kept until the end of tomorrow (the date is inclusive): not due.
    const kept = await setup(zonedDate(new Date(Date.now() + DAY)));

    const online = identity();
    await voteOnline(past, online);
    await votePaper(past, 'R-001', identity({ email: undefined }));
    await votePaper(kept, 'R-001', identity({ email: undefined }));
    await voteOnline(kept, identity());
    expect(await identities(past)).toBe(2);
    expect(await identities(kept)).toBe(2);

    // The date has passed, but voting is still open: identities are still needed (codes, receipts, paper keying).
    await runScheduledErasure();
    expect(await identities(past)).toBe(2);

    // Time passes: voting and vote verification end. Phases are moved in SQL only to simulate this — the API rightly
    // refuses to rewrite a schedule already under way.
    await db.query(
      `UPDATE budget_phases SET starts_at = starts_at - interval '60 days', ends_at = ends_at - interval '60 days' WHERE edition_id = ANY($1::uuid[])`,
      [[past.editionId, kept.editionId]],
    );
    const ballotsBefore = await ballots(past);
    const turnoutBefore = (await as(null).get(`/api/v1/editions/${past.editionId}/turnout`).expect(200)).body;
    expect(turnoutBefore).toMatchObject({ total: 2, byChannel: { online: 1, paper: 1 } });
    const entriesBefore = await paperEntries(past);
    expect(entriesBefore).toHaveLength(2);
    expect(entriesBefore[0].content.identity).toMatchObject({ address: expect.any(String) });
    const keptEntries = await paperEntries(kept);

    await runScheduledErasure();

    // The edition past its date: no identity left, anywhere.
    expect(await identities(past)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM voter_identities WHERE email = $1 OR last_name = $2`, [online.email, online.lastName])).toBe(0);
    const entriesAfter = await paperEntries(past);
    expect(entriesAfter.map((e) => e.content.identity)).toEqual([null, null]);
    // The hashes the keyings were compared by, and the keyed choices, stay.
    expect(entriesAfter.map((e) => e.content_hash)).toEqual(entriesBefore.map((e) => e.content_hash));
    expect(entriesAfter.map((e) => e.content.choices)).toEqual(entriesBefore.map((e) => e.content.choices));
    expect(await count(`SELECT count(*)::int AS n FROM paper_entries WHERE edition_id = $1 AND content::text LIKE '%Retencka%'`, [past.editionId])).toBe(0);
    // Ballots (with their voter keys, so duplicates remain recognisable) and turnout are unchanged.
    expect(await ballots(past)).toEqual(ballotsBefore);
    expect((await as(null).get(`/api/v1/editions/${past.editionId}/turnout`).expect(200)).body).toEqual(turnoutBefore);

    // The edition whose date has not passed keeps everything.
    expect(await identities(kept)).toBe(2);
    expect(await paperEntries(kept)).toEqual(keptEntries);

    // Running again (the next hour, or a redelivered job) finds nothing to do and changes nothing.
    await runScheduledErasure();
    expect(await identities(past)).toBe(0);
    expect(await identities(kept)).toBe(2);
    expect(await ballots(past)).toEqual(ballotsBefore);
    expect(await t.app.get(IdentityRetentionService).eraseDue(db.manager)).toEqual([]);
    // The same job id delivered twice runs once.
    const [done] = (await db.query(`SELECT job_id FROM job_executions WHERE job_name = $1 LIMIT 1`, [JOB])) as Array<{ job_id: string }>;
    expect(await t.app.get(IdentityRetentionService).run({ id: done.job_id, name: JOB })).toEqual([]);
    // The erasure is on record once, in the audit log of the edition, with counts only.
    const erasures = (await db.query(`SELECT subject_id, details FROM audit_log WHERE action = 'voting.identities_erased'`)) as Array<{
      subject_id: string;
      details: unknown;
    }>;
    expect(erasures).toEqual([{ subject_id: past.editionId, details: { identities: 2, paperEntries: 2 } }]);
  });
});
