import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp, testMode, testRedisUrl } from '@civitas/test';
import { metaValue, parsePabulib, RuleName, tally } from '@civitas/tally';
import { loadPoolElection, PabulibImportService } from '@civitas/voting';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, bearer, createUser, TestUser } from '../factories/users.factory';
import { ensureBuilt, startWorker } from '../helpers/worker-process';
import { createArea } from '../factories/areas.factory';

const PABULIB = process.env.PABULIB_DIR ?? join(__dirname, '../../../shared/pabulib');
const FILE = 'Poland_Gdynia_2023_Chwarzno-Wiczlino__small.pb';
const SMALL = 'Poland_Warszawa_2018_Aleksandrow.pb';
const text = (file: string) => readFileSync(join(PABULIB, file), 'utf8');
const officialWinners = (file: string) =>
  parsePabulib(text(file))
    .projects.filter((p) => p.fields.selected?.trim() === '1')
    .map((p) => p.id)
    .sort();

describe('voting results: import, tally job, publication, open data (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let resident: TestUser;
  let editionId: string;
  let poolId: string;

  const as = (u: TestUser) => actingAs(t, u);
  const tallyDone = (id: string) =>
    eventually(
      async () => {
        const res = await as(official).get(`/api/v1/admin/editions/${id}/results`).expect(200);
        return res.body.run?.status === 'done' || res.body.run?.status === 'failed' ? res.body : undefined;
      },
      60_000,
      'the tally run to finish',
    );

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    resident = await createUser(t);
    ({ editionId, poolId } = await t.app.get(PabulibImportService).importText(text(FILE)));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('imports the file as an edition in vote verification: projects on the ballot with their codes, verified paper ballots', async () => {
    const e = parsePabulib(text(FILE));
    const edition = await t.http().get(`/api/v1/editions/${editionId}`).expect(200);
    expect(edition.body.currentPhase).toBe('vote_verification');
    const [counts] = (await db.query(
      `SELECT (SELECT count(*)::int FROM budget_projects WHERE edition_id = $1 AND status = 'on_ballot' AND code IS NOT NULL) AS projects,
              (SELECT count(*)::int FROM ballots WHERE edition_id = $1 AND status = 'valid' AND channel = 'paper') AS ballots,
              (SELECT amount::text FROM budget_pools WHERE id = $2) AS amount,
              (SELECT rule FROM voting_policies WHERE edition_id = $1) AS rule`,
      [editionId, poolId],
    )) as Array<{ projects: number; ballots: number; amount: string; rule: string }>;
    expect(counts).toEqual({ projects: e.projects.length, ballots: e.ballots.length, amount: e.budget.toString(), rule: metaValue(e, 'rule') });
    // The voter key is an HMAC, not the file's voter id nor its plain hash.
    const [{ voter_key }] = (await db.query(`SELECT voter_key FROM ballots WHERE edition_id = $1 LIMIT 1`, [editionId])) as Array<{ voter_key: string }>;
    expect(voter_key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps results to officials and admins: anonymous 401, resident 403', async () => {
    await t.http().post(`/api/v1/admin/editions/${editionId}/tally`).expect(401);
    await as(resident).post(`/api/v1/admin/editions/${editionId}/tally`).expect(403);
    await as(resident).get(`/api/v1/admin/editions/${editionId}/results`).expect(403);
    await as(resident).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(403);
    await t.http().get(`/api/v1/admin/editions/${editionId}/results`).expect(401);
  });

  it('embargo: no per-project counts anywhere before publication, and publication refused before a tally', async () => {
    const pub = await t.http().get(`/api/v1/editions/${editionId}/results`).expect(409);
    expect(pub.body.code).toBe('results_not_published');
    await t.http().get(`/api/v1/editions/${editionId}/pools/${poolId}/results.pb`).expect(409);
    await t.http().get(`/api/v1/editions/00000000-0000-4000-8000-000000000000/results`).expect(404);
    await t.http().get(`/api/v1/editions/not-a-uuid/results`).expect(404);
    const before = await as(official).get(`/api/v1/admin/editions/${editionId}/results`).expect(200);
    expect(before.body).toMatchObject({ run: null, published: null, pools: [] });
    const refused = await as(official).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(409);
    expect(refused.body.code).toBe('no_tally');
  });

  it('refuses a tally while voting is still open', async () => {
    const other = await t.app.get(PabulibImportService).importText(text(SMALL));
    await as(admin)
      .patch(`/api/v1/admin/editions/${other.editionId}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);
    const res = await as(official).post(`/api/v1/admin/editions/${other.editionId}/tally`).expect(409);
    expect(res.body.code).toBe('voting_not_closed');
    expect(res.body.detail ?? res.body.title).toBeDefined();
    expect(((await db.query(`SELECT count(*)::int AS n FROM tally_runs WHERE edition_id = $1`, [other.editionId])) as Array<{ n: number }>)[0].n).toBe(0);
  });

  let firstRun: { pools: Array<{ inputsSha256: string; projects: Array<{ code: string; selected: boolean }> }> };

  it('tallies through the job: the selected projects are the official winners of the file', async () => {
    const res = await as(official).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
    expect(res.body).toEqual({ tallyRunId: expect.any(String), status: 'queued' });
    const [outbox] = (await db.query(`SELECT job_name, payload FROM outbox WHERE payload->>'tallyRunId' = $1`, [res.body.tallyRunId])) as Array<{
      job_name: string;
      payload: unknown;
    }>;
    expect(outbox).toEqual({ job_name: 'tally-edition', payload: { tallyRunId: res.body.tallyRunId } });
    const done = await tallyDone(editionId);
    expect(done.run).toMatchObject({ id: res.body.tallyRunId, status: 'done', error: null });
    expect(done.pools).toHaveLength(1);
    const pool = done.pools[0];
    expect(pool.poolId).toBe(poolId);
    expect(pool.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      pool.projects
        .filter((p: { selected: boolean }) => p.selected)
        .map((p: { code: string }) => p.code)
        .sort(),
    ).toEqual(officialWinners(FILE));
    // Before publication the review carries no per-project counts (the counts are checked once published, below).
    expect(pool.projects.every((p: Record<string, unknown>) => !('votes' in p) && !('score' in p) && !('rank' in p))).toBe(true);
    firstRun = done;
  });

  it('re-running the tally gives the identical result; a second tally is refused while one is queued', async () => {
    // A run another official requested a moment ago, not yet taken up by the worker: a new request is refused.
    const [{ id: waiting }] = (await db.query(`INSERT INTO tally_runs (edition_id, requested_by) VALUES ($1, $2) RETURNING id`, [
      editionId,
      admin.id,
    ])) as Array<{
      id: string;
    }>;
    expect((await as(official).post(`/api/v1/admin/editions/${editionId}/tally`).expect(409)).body.code).toBe('tally_in_progress');
    await db.query(`DELETE FROM tally_runs WHERE id = $1`, [waiting]);
    const a = await as(official).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
    const done = await eventually(async () => {
      const r = (await db.query(`SELECT count(*)::int AS n FROM tally_runs WHERE edition_id = $1 AND status IN ('queued', 'running')`, [editionId])) as Array<{
        n: number;
      }>;
      return r[0].n === 0 ? (await as(official).get(`/api/v1/admin/editions/${editionId}/results`).expect(200)).body : undefined;
    }, 60_000);
    expect(done.run.status).toBe('done');
    expect(done.run.id).toBe(a.body.tallyRunId);
    expect(done.pools[0].inputsSha256).toBe(firstRun.pools[0].inputsSha256);
    expect(done.pools[0].projects).toEqual(firstRun.pools[0].projects);
  });

  it('publishes: project statuses with history, results.published to subscribers, public results and the open data file', async () => {
    const pub = await as(official).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(200);
    const winners = officialWinners(FILE);
    expect(pub.body).toMatchObject({ editionId, winners: winners.length });
    await as(official).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(409);
    await as(official).post(`/api/v1/admin/editions/${editionId}/tally`).expect(409);

    const statuses = (await db.query(
      `SELECT p.code, p.status, (SELECT count(*)::int FROM budget_project_history h WHERE h.project_id = p.id AND h.action = 'results_published') AS history
         FROM budget_projects p WHERE p.edition_id = $1 ORDER BY p.code`,
      [editionId],
    )) as Array<{ code: string; status: string; history: number }>;
    expect(
      statuses
        .filter((s) => s.status === 'selected')
        .map((s) => s.code)
        .sort(),
    ).toEqual(winners);
    expect(statuses.every((s) => (s.status === 'selected' || s.status === 'not_selected') && s.history === 1)).toBe(true);
    const [event] = (await db.query(`SELECT kind, facts, topics FROM notification_events WHERE kind = 'results.published' AND facts->>'editionId' = $1`, [
      editionId,
    ])) as Array<{ kind: string; facts: { winners: number }; topics: string[] }>;
    expect(event.facts.winners).toBe(winners.length);
    expect([...event.topics].sort()).toEqual(['edition:' + editionId, 'results'].sort());

    // The recount from the stored ballots matches the counts the city published; the review now shows them too.
    const e = parsePabulib(text(FILE));
    const reviewed = await as(official).get(`/api/v1/admin/editions/${editionId}/results`).expect(200);
    expect(reviewed.body.embargo).toBe(false);
    for (const p of reviewed.body.pools[0].projects) expect(String(p.votes)).toBe(e.projects.find((x) => x.id === p.code)!.fields.votes);

    const results = await t.http().get(`/api/v1/editions/${editionId}/results`).expect(200);
    const rows = results.body.pools[0].projects as Array<{
      rank: number;
      code: string;
      projectId: string;
      title: string;
      score: number;
      votes: number;
      cost: number;
      selected: boolean;
      reason: { pl: string; en: string } | null;
    }>;
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
    expect(
      rows
        .filter((r) => r.selected)
        .map((r) => r.code)
        .sort(),
    ).toEqual(winners);
    for (const r of rows) {
      expect(r.projectId).toEqual(expect.any(String));
      expect(r.reason === null).toBe(r.selected);
    }
    // Every project not funded says why, in both languages.
    const unfunded = rows.filter((r) => !r.selected);
    expect(unfunded.length).toBeGreaterThan(0);
    expect(unfunded.filter((r) => !(r.reason!.pl.length > 0 && r.reason!.en.length > 0))).toEqual([]);

    const file = await t.http().get(`/api/v1/editions/${editionId}/pools/${poolId}/results.pb`).expect(200);
    expect(file.headers['content-type']).toMatch(/^text\/plain/);
    // Published results never change: the same file and ETag again (written once), 304 when the browser has it.
    expect(file.headers.etag).toMatch(/^"[\w-]{43}"$/);
    expect(file.headers['cache-control']).toBe('public, max-age=3600');
    const again = await t.http().get(`/api/v1/editions/${editionId}/pools/${poolId}/results.pb`).expect(200);
    expect([again.text, again.headers.etag]).toEqual([file.text, file.headers.etag]);
    const kept = await t.http().get(`/api/v1/editions/${editionId}/pools/${poolId}/results.pb`).set('if-none-match', file.headers.etag).expect(304);
    expect(kept.text ?? '').toBe('');
    const exported = parsePabulib(file.text);
    const source = parsePabulib(text(FILE));
    expect(exported.ballots).toHaveLength(source.ballots.length);
    // Anonymised: voters are numbered 1..n, none of the file's voter ids.
    expect(exported.ballots.map((b) => b.voterId)).toEqual(source.ballots.map((_, i) => String(i + 1)));
    const recount = tally(exported, { rule: metaValue(exported, 'rule') as RuleName });
    expect([...recount.selected].sort()).toEqual(winners);
    expect(
      exported.projects
        .filter((p) => p.fields.selected === '1')
        .map((p) => p.id)
        .sort(),
    ).toEqual(winners);
  });

  it('keeps an audit log of the official acts: in order, hash-chained, append-only, for officials only', async () => {
    const res = await as(official).get(`/api/v1/admin/editions/${editionId}/audit`).expect(200);
    expect(res.body.chainIntact).toBe(true);
    const entries = res.body.entries as Array<{
      seq: number;
      actorId: string | null;
      action: string;
      details: Record<string, unknown>;
      prevHash: string | null;
      hash: string;
    }>;
    const actions = entries.map((e) => e.action);
    // Two tally requests (the first run and the re-run above), each finished by the job, then one publication.
    expect(actions.filter((a) => a === 'voting.tally_requested').length).toBe(2);
    expect(actions.filter((a) => a === 'voting.tally_finished').length).toBe(actions.filter((a) => a === 'voting.tally_requested').length);
    expect(actions[actions.length - 1]).toBe('voting.results_published');
    expect(entries.find((e) => e.action === 'voting.tally_requested')!.actorId).toBe(official.id);
    expect(entries.find((e) => e.action === 'voting.tally_finished')!.details.pools).toEqual([
      expect.objectContaining({ poolId, inputsSha256: firstRun.pools[0].inputsSha256 }),
    ]);
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    // Nobody rewrites it, not even with direct access to the database.
    await expect(db.query(`UPDATE audit_log SET details = '{}'::jsonb WHERE seq = $1`, [entries[0].seq])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log WHERE seq = $1`, [entries[0].seq])).rejects.toThrow(/append-only/);
    await as(resident).get(`/api/v1/admin/editions/${editionId}/audit`).expect(403);
    await t.http().get(`/api/v1/admin/editions/${editionId}/audit`).expect(401);

    // Tampering behind the trigger's back (as a database owner could) shows: the chain no longer verifies.
    await db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.query(`UPDATE audit_log SET details = '{"winners": 0}'::jsonb WHERE seq = $1`, [entries[entries.length - 1].seq]);
    await db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    expect((await as(official).get(`/api/v1/admin/editions/${editionId}/audit`).expect(200)).body.chainIntact).toBe(false);
  });
});

/** A valid PESEL for a date of birth in the 1900s (serial + checksum). */
function pesel(year: number, month: number, day: number, serial: number): string {
  const base = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...base].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}

/** Every key of a JSON document, at any depth. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  return out;
}
const COUNTS = ['votes', 'score', 'rank', 'points', 'tieBreaks', 'reason'];

describe('voting results: the embargo before publication, for every role and area (e2e)', () => {
  type Who = 'anonymous' | 'resident' | 'officialA' | 'officialB' | 'officialCity' | 'admin';
  let t: TestApp;
  let db: DataSource;
  let users: Record<Exclude<Who, 'anonymous'>, TestUser>;
  let editionId: string;
  let pools: { city: string; a: string; b: string };
  const codes = { city: ['M1', 'M2', 'M3'], a: ['A1', 'A2'], b: ['B1', 'B2'] };

  const get = (who: Who, path: string) => (who === 'anonymous' ? t.http().get(path) : actingAs(t, users[who]).get(path));
  const post = (who: Who, path: string) => (who === 'anonymous' ? t.http().post(path) : actingAs(t, users[who]).post(path));
  const review = (who: Who) => get(who, `/api/v1/admin/editions/${editionId}/results`);

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Sopot', kind: 'city', residentCount: 35_000 });
    const areaA = await createArea(t, { name: 'Dolny Sopot', kind: 'district', parentId: city, residentCount: 10_000 });
    const areaB = await createArea(t, { name: 'Górny Sopot', kind: 'district', parentId: city, residentCount: 12_000 });
    users = {
      resident: await createUser(t),
      officialA: await createUser(t, { grants: [{ role: 'official', areaId: areaA }] }),
      officialB: await createUser(t, { grants: [{ role: 'official', areaId: areaB }] }),
      officialCity: await createUser(t, { grants: [{ role: 'official', areaId: null }] }),
      admin: await createUser(t, { grants: [{ role: 'admin', areaId: null }] }),
    };
    const admin = actingAs(t, users.admin);
    const e = await admin
      .post('/api/v1/admin/editions')
      .send({ name: 'BO embargo', year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    editionId = e.body.id;
    const addPool = async (name: string, areaId: string | null) =>
      (
        await admin.post(`/api/v1/admin/editions/${editionId}/pools`).send({ name, areaId, amount: 100_000_000, signaturesRequired: 0 }).expect(201)
      ).body.pools.find((p: { name: string }) => p.name === name).id as string;
    pools = { city: await addPool('Ogólnomiejska', null), a: await addPool('Dolny', areaA), b: await addPool('Górny', areaB) };
    const ids: Record<string, string> = {};
    let number = 0;
    for (const [pool, list] of Object.entries(codes) as Array<[keyof typeof codes, string[]]>)
      for (const code of list) {
        number += 1;
        const [{ id }] = (await db.query(
          `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by, ballot_position, code)
           VALUES ($1, $2, $3, 'on_ballot', $4, 40000000, $5, $3, $6) RETURNING id`,
          [editionId, pools[pool], number, `Projekt ${code}`, users.admin.id, code],
        )) as Array<{ id: string }>;
        ids[code] = id;
      }
    await admin.post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    await admin
      .put(`/api/v1/admin/editions/${editionId}/voting-policy`)
      .send({ methods: ['pesel'] })
      .expect(200);
    for (const pool of Object.values(pools))
      await admin.put(`/api/v1/admin/pools/${pool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 2 }).expect(200);
    await admin
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);
    // Nine voters: M1 gets 6 votes, M2 3, M3 2; A1 3, A2 1; B1 3, B2 3.
    const ballots: Array<[string, string[], string[]]> = [
      [areaA, ['M1'], ['A1']],
      [areaA, ['M1', 'M3'], ['A1']],
      [areaA, ['M1'], ['A1', 'A2']],
      [areaA, ['M2'], []],
      [areaB, ['M1', 'M2'], ['B2']],
      [areaB, ['M1'], ['B2']],
      [areaB, ['M1'], ['B1', 'B2']],
      [areaB, ['M2', 'M3'], ['B1']],
      [areaB, [], ['B1']],
    ];
    for (const [i, [areaId, cityChoice, areaChoice]] of ballots.entries()) {
      const areaPool = areaId === areaA ? pools.a : pools.b;
      const choices = [
        ...(cityChoice.length ? [{ poolId: pools.city, projectIds: cityChoice.map((c) => ids[c]) }] : []),
        ...(areaChoice.length ? [{ poolId: areaPool, projectIds: areaChoice.map((c) => ids[c]) }] : []),
      ];
      const r = await t
        .http()
        .post(`/api/v1/editions/${editionId}/ballots`)
        .send({ identity: { firstName: 'Ala', lastName: `Sopocka-${i}`, areaId, pesel: pesel(1980, 5, 10, i + 1) }, choices })
        .expect(201);
      expect(r.body.status).toBe('valid');
    }
    await admin
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith('vote_verification') })
      .expect(200);
    const run = await actingAs(t, users.officialCity).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
    await eventually(
      async () => {
        const [r] = (await db.query(`SELECT status FROM tally_runs WHERE id = $1`, [run.body.tallyRunId])) as Array<{ status: string }>;
        return r.status === 'done' ? true : r.status === 'failed' ? Promise.reject(new Error('tally failed')) : undefined;
      },
      60_000,
      'the tally run',
    );
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('before publication the review shows the run and, per pool, ballots, inputs hash and the projects selected — no votes, scores or ranks, to anyone', async () => {
    await review('anonymous').expect(401);
    await review('resident').expect(403);
    const seen: Partial<Record<Who, string[]>> = {};
    for (const who of ['officialA', 'officialB', 'officialCity', 'admin'] as const) {
      const res = await review(who).expect(200);
      expect(res.body).toMatchObject({ editionId, run: { status: 'done' }, published: null, embargo: true });
      const found = [...keysOf(res.body)].filter((k) => COUNTS.includes(k));
      expect([who, found]).toEqual([who, []]);
      for (const pool of res.body.pools) {
        expect(pool).toMatchObject({ inputsSha256: expect.stringMatching(/^[0-9a-f]{64}$/), ballots: { valid: expect.any(Number) } });
        // Listed by code, not in order of selection or score.
        const listed = pool.projects.map((p: { code: string }) => p.code);
        expect(listed).toEqual([...listed].sort());
      }
      seen[who] = res.body.pools.map((p: { poolId: string }) => p.poolId).sort();
    }
    // An area's official reviews the pools of that area only; city-wide pools need an official of the whole city.
    expect(seen.officialA).toEqual([pools.a]);
    expect(seen.officialB).toEqual([pools.b]);
    expect(seen.officialCity).toEqual([pools.city, pools.a, pools.b].sort());
    expect(seen.admin).toEqual(seen.officialCity);
    const all = (await review('admin').expect(200)).body.pools as Array<{
      poolId: string;
      ballots: { valid: number };
      projects: Array<{ code: string; selected: boolean }>;
    }>;
    const city = all.find((p) => p.poolId === pools.city)!;
    expect(city.ballots.valid).toBe(8);
    expect(city.projects.filter((p) => p.selected).map((p) => p.code)).toEqual(['M1', 'M2']);

    // No public route answers before publication.
    for (const who of ['anonymous', 'resident', 'officialA', 'officialCity', 'admin'] as const) {
      expect((await get(who, `/api/v1/editions/${editionId}/results`).expect(409)).body.code).toBe('results_not_published');
      await get(who, `/api/v1/editions/${editionId}/pools/${pools.city}/results.pb`).expect(409);
    }
  });

  it('only an official whose areas cover every pool of the edition publishes it; afterwards the counts are there for everyone', async () => {
    await post('anonymous', `/api/v1/admin/editions/${editionId}/results/publish`).expect(401);
    await post('resident', `/api/v1/admin/editions/${editionId}/results/publish`).expect(403);
    for (const who of ['officialA', 'officialB'] as const)
      expect((await post(who, `/api/v1/admin/editions/${editionId}/results/publish`).expect(403)).body.code).toBe('forbidden');
    expect(((await db.query(`SELECT count(*)::int AS n FROM edition_results WHERE edition_id = $1`, [editionId])) as Array<{ n: number }>)[0].n).toBe(0);
    await post('officialCity', `/api/v1/admin/editions/${editionId}/results/publish`).expect(200);

    const votes = (pool: { projects: Array<{ code: string; votes: number }> }) => Object.fromEntries(pool.projects.map((p) => [p.code, p.votes]));
    for (const who of ['anonymous', 'resident', 'officialA', 'admin'] as const) {
      const pub = await get(who, `/api/v1/editions/${editionId}/results`).expect(200);
      expect(pub.body.pools.find((p: { poolId: string }) => p.poolId === pools.city).projects[0]).toMatchObject({ rank: 1, code: 'M1', votes: 6 });
    }
    for (const who of ['officialA', 'officialB', 'officialCity', 'admin'] as const) {
      const res = await review(who).expect(200);
      expect(res.body).toMatchObject({ embargo: false, published: { publishedAt: expect.any(String) } });
      const byPool = Object.fromEntries(res.body.pools.map((p: { poolId: string; projects: Array<{ code: string; votes: number }> }) => [p.poolId, votes(p)]));
      expect(byPool).toEqual({ [pools.city]: { M1: 6, M2: 3, M3: 2 }, [pools.a]: { A1: 3, A2: 1 }, [pools.b]: { B1: 3, B2: 3 } });
    }
  });
});

const withServices = testMode === 'services' && testRedisUrl ? describe : describe.skip;

withServices('voting results: a worker killed during a tally (BullMQ, worker processes)', () => {
  const BIG = 'Poland_Krakow_2024.pb';
  let t: TestApp;
  let db: DataSource;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp({}, { worker: false });
    db = t.app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await t?.close();
  });

  it('the run is finished by another worker and stores the same result as an uninterrupted tally', async () => {
    const official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    const { editionId, poolId } = await t.app.get(PabulibImportService).importText(text(BIG));
    const a = startWorker(t);
    workers.push(a.proc);
    await a.ready;
    const res = await t
      .http()
      .post(`/api/v1/admin/editions/${editionId}/tally`)
      .set(...bearer(official.token))
      .expect(202);
    const runId = res.body.tallyRunId as string;
    const status = async () => ((await db.query(`SELECT status FROM tally_runs WHERE id = $1`, [runId])) as Array<{ status: string }>)[0].status;
    const deadline = Date.now() + 60_000;
    while ((await status()) === 'queued' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    a.proc.kill('SIGKILL');
    await a.exited;
    expect(await status()).toBe('running');
    expect(((await db.query(`SELECT count(*)::int AS n FROM pool_results WHERE tally_run_id = $1`, [runId])) as Array<{ n: number }>)[0].n).toBe(0);

    const b = startWorker(t);
    workers.push(b.proc);
    await b.ready;
    await eventually(async () => (await status()) === 'done', 90_000, 'the second worker to finish the run');
    const [stored] = (await db.query(`SELECT inputs_sha256, result FROM pool_results WHERE tally_run_id = $1`, [runId])) as Array<{
      inputs_sha256: string;
      result: { selected: string[] };
    }>;
    const { election, options } = await loadPoolElection(db.manager, editionId, poolId);
    const expected = tally(election, options);
    expect(stored.inputs_sha256).toBe(expected.inputSha256);
    expect(stored.result.selected).toEqual([...expected.selected]);
    expect([...stored.result.selected].sort()).toEqual(officialWinners(BIG));
  }, 240_000);
});
