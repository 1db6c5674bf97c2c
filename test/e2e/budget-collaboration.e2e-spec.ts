import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Scheduler } from '@civitas/queue';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, TestUser, uniqueEmail } from '../factories/users.factory';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const withUnmet = (criterion: string, justification: string) => ALL_MET.map((c) => (c.criterion === criterion ? { ...c, met: false, justification } : c));

describe('participatory budget: co-authors, support, cost corrections, merges, exclusions, ballot list (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let cecylia: TestUser;
  let district: string;
  let editionId: string;
  let poolId: string;
  let supportPoolId: string;

  const as = (u: TestUser) => actingAs(t, u);
  const phase = (p: Parameters<typeof scheduleWith>[0], id = editionId) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith(p) })
      .expect(200);
  const draft = async (author: TestUser, title: string, pool = poolId, amount = 5_000_000) =>
    (
      await as(author)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({ poolId: pool, title, summary: 's', description: 'd', justification: 'j', areaId: district, costItems: [{ description: 'Koszt', amount }] })
        .expect(201)
    ).body.id as string;
  const submitted = async (author: TestUser, title: string, pool = poolId) => {
    const id = await draft(author, title, pool);
    await as(author).post(`/api/v1/projects/${id}/submit`).expect(200);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    anna = await createUser(t, { displayName: 'Anna' });
    ben = await createUser(t, { displayName: 'Ben' });
    cecylia = await createUser(t, { displayName: 'Cecylia' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027 współpraca', year: 2027, phases: scheduleWith('submission'), rules: { maxAuthors: 2 } })
      .expect(201);
    editionId = e.body.id;
    await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    const withSupport = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa (z poparciem)', areaId: district, amount: 100_000_000, signaturesRequired: 2 })
      .expect(201);
    poolId = withSupport.body.pools.find((p: { name: string }) => p.name === 'Oliwa').id;
    supportPoolId = withSupport.body.pools.find((p: { name: string }) => p.name !== 'Oliwa').id;
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
  });
  afterAll(() => t?.close());

  it('co-authors: invited by e-mail, accept only from the verified invited address, within the limit of authors', async () => {
    const id = await draft(anna, 'Projekt współautorski');
    const invitee = await createUser(t, { email: uniqueEmail('zaproszona'), displayName: 'Zaproszona', verified: false });

    await as(ben).post(`/api/v1/projects/${id}/invitations`).send({ email: invitee.email }).expect(404); // another's draft
    await as(anna).post(`/api/v1/projects/${id}/invitations`).send({ email: 'not-an-address' }).expect(422);
    const inv = await as(anna).post(`/api/v1/projects/${id}/invitations`).send({ email: invitee.email.toUpperCase() }).expect(201);
    expect(inv.body).toMatchObject({ email: invitee.email, status: 'pending' });
    // Main author + one pending invitation = the edition's limit of 2.
    expect((await as(anna).post(`/api/v1/projects/${id}/invitations`).send({ email: ben.email }).expect(409)).body.code).toBe('too_many_authors');
    expect((await as(anna).post(`/api/v1/projects/${id}/invitations`).send({ email: invitee.email }).expect(409)).body.code).toBe('already_author');
    // The invitation mail goes to the address (an event naming it, no account needed).
    const [ev] = (await db.query(`SELECT kind, facts FROM notification_events WHERE facts->>'projectId' = $1 AND kind = 'project.request'`, [id])) as Array<{
      kind: string;
      facts: { request: string; from: string };
    }>;
    expect(ev.facts).toMatchObject({ request: 'coauthor_invitation', from: 'Anna' });

    // The invitee sees the draft and the invitation; someone else accepting finds no invitation.
    await as(invitee).get(`/api/v1/projects/${id}`).expect(200);
    expect((await as(invitee).get('/api/v1/me/project-invitations').expect(200)).body).toEqual([
      expect.objectContaining({ projectId: id, title: 'Projekt współautorski' }),
    ]);
    expect((await as(ben).post(`/api/v1/projects/${id}/invitation/accept`).expect(404)).body.code).toBe('invitation_not_found');
    expect((await as(invitee).post(`/api/v1/projects/${id}/invitation/accept`).expect(403)).body.code).toBe('email_not_verified');
    await db.query(`UPDATE users SET email_verified_at = now() WHERE id = $1`, [invitee.id]);
    const accepted = await as(invitee).post(`/api/v1/projects/${id}/invitation/accept`).expect(200);
    expect(accepted.body.authors.map((a: { displayName: string; role: string }) => [a.displayName, a.role])).toEqual([
      ['Anna', 'main'],
      ['Zaproszona', 'co'],
    ]);
    expect((await as(anna).get(`/api/v1/projects/${id}/invitations`).expect(200)).body[0].status).toBe('accepted');
    // A co-author can edit the draft; and leave it.
    await as(invitee).patch(`/api/v1/projects/${id}`).send({ summary: 'Wspólny opis' }).expect(200);
    await as(ben).delete(`/api/v1/projects/${id}/authors/${invitee.id}`).expect(404);
    await as(invitee).delete(`/api/v1/projects/${id}/authors/${invitee.id}`).expect(204);
    expect((await as(anna).get(`/api/v1/projects/${id}`).expect(200)).body.authors).toHaveLength(1);
    await as(invitee).get(`/api/v1/projects/${id}`).expect(404);
  });

  it('support: a scanned list counted by an official adds to online endorsements; the formal review needs the pool’s number', async () => {
    const id = await submitted(anna, 'Projekt z poparciem', supportPoolId);
    await as(ben).post(`/api/v1/projects/${id}/endorsement`).expect(200);
    await phase('formal_review');
    const refused = await as(official)
      .post(`/api/v1/projects/${id}/reviews`)
      .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK' })
      .expect(409);
    expect(refused.body.code).toBe('support_insufficient');
    expect(refused.body.detail).toContain('1');
    // The paper list: an attachment of kind support_list, its signatures typed by the official.
    const pdf = Buffer.from('%PDF-1.4\n% lista poparcia\n');
    const scan = await as(anna)
      .post(`/api/v1/projects/${id}/attachments?name=lista.pdf&kind=support_list`)
      .set('content-type', 'application/pdf')
      .send(pdf)
      .expect(201);
    await as(official).post(`/api/v1/projects/${id}/support-lists`).send({ attachmentId: scan.body.id, signatures: 1 }).expect(201);
    const view = await t.http().get(`/api/v1/projects/${id}`).expect(200);
    expect(view.body.support).toEqual({ online: 1, paper: 1, total: 2, required: 2 });
    // The public never sees the scan (residents' signatures).
    expect(view.body.attachments).toEqual([]);
    const passed = await as(official)
      .post(`/api/v1/projects/${id}/reviews`)
      .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK' })
      .expect(200);
    expect(passed.body.status).toBe('merit_review');
    await phase('submission');
  });

  it('cost correction: proposed by an official, refused or accepted by the author; recorded in the history', async () => {
    const id = await submitted(anna, 'Ławki przy stawie');
    const body = {
      costItems: [
        { description: 'Ławki (cennik ZZM)', amount: 4_200_000 },
        { description: 'Montaż', amount: 300_000 },
      ],
      justification: 'Ceny według cennika miasta.',
    };
    expect((await as(official).post(`/api/v1/projects/${id}/cost-proposals`).send(body).expect(409)).body.code).toBe('wrong_phase');
    await phase('formal_review');
    await as(anna).post(`/api/v1/projects/${id}/cost-proposals`).send(body).expect(403);
    await as(official)
      .post(`/api/v1/projects/${id}/cost-proposals`)
      .send({ ...body, costItems: [] })
      .expect(422);
    const first = await as(official).post(`/api/v1/projects/${id}/cost-proposals`).send(body).expect(201);
    expect(first.body).toMatchObject({ total: 4_500_000, previousTotal: 5_000_000, status: 'pending' });
    expect((await as(official).post(`/api/v1/projects/${id}/cost-proposals`).send(body).expect(409)).body.code).toBe('proposal_pending');
    await as(ben).post(`/api/v1/projects/${id}/cost-proposals/${first.body.id}/answer`).send({ accept: true }).expect(403);
    const refused = await as(anna)
      .post(`/api/v1/projects/${id}/cost-proposals/${first.body.id}/answer`)
      .send({ accept: false, response: 'Ławki z recyklingu są droższe.' })
      .expect(200);
    expect(refused.body.status).toBe('refused');
    expect((await t.http().get(`/api/v1/projects/${id}`).expect(200)).body.totalCost).toBe(5_000_000);

    const second = await as(official)
      .post(`/api/v1/projects/${id}/cost-proposals`)
      .send({ ...body, costItems: [{ description: 'Ławki z recyklingu', amount: 4_800_000 }] })
      .expect(201);
    await as(anna).post(`/api/v1/projects/${id}/cost-proposals/${second.body.id}/answer`).send({ accept: true }).expect(200);
    const after = await t.http().get(`/api/v1/projects/${id}`).expect(200);
    expect(after.body.totalCost).toBe(4_800_000);
    expect(after.body.costItems).toEqual([{ description: 'Ławki z recyklingu', amount: 4_800_000 }]);
    expect(after.body.history.map((h: { action: string }) => h.action).slice(-4)).toEqual([
      'cost_correction_proposed',
      'cost_correction_refused',
      'cost_correction_proposed',
      'cost_corrected',
    ]);
    // Answered proposals cannot be answered again.
    await as(anna).post(`/api/v1/projects/${id}/cost-proposals/${second.body.id}/answer`).send({ accept: false }).expect(404);
    expect((await t.http().get(`/api/v1/projects/${id}/cost-proposals`).expect(200)).body.map((p: { status: string }) => p.status)).toEqual([
      'accepted',
      'refused',
    ]);
    await phase('submission');
  });

  it('merge: happens only when the main author of every project consents; a refusal drops it', async () => {
    const a = await submitted(anna, 'Plac zabaw przy Opackiej');
    const b = await submitted(ben, 'Huśtawki przy Opackiej');
    await as(cecylia).post(`/api/v1/projects/${b}/endorsement`).expect(200);
    const c = await submitted(cecylia, 'Piaskownica przy Opackiej');
    await phase('formal_review');

    const merge = {
      projectIds: [a, b],
      title: 'Plac zabaw z huśtawkami przy Opackiej',
      costItems: [{ description: 'Plac zabaw z huśtawkami', amount: 9_000_000 }],
      justification: 'Oba projekty dotyczą tego samego placu.',
    };
    await as(anna).post(`/api/v1/editions/${editionId}/merges`).send(merge).expect(403);
    await as(official)
      .post(`/api/v1/editions/${editionId}/merges`)
      .send({ ...merge, projectIds: [a, a] })
      .expect(409);
    const proposed = await as(official).post(`/api/v1/editions/${editionId}/merges`).send(merge).expect(201);
    expect(proposed.body.consents).toEqual([
      { projectId: a, consent: null },
      { projectId: b, consent: null },
    ]);
    // One project, one pending merge at a time.
    expect(
      (
        await as(official)
          .post(`/api/v1/editions/${editionId}/merges`)
          .send({ ...merge, projectIds: [b, c] })
          .expect(409)
      ).body.code,
    ).toBe('merge_invalid');

    await as(cecylia).post(`/api/v1/merges/${proposed.body.id}/consent`).send({ consent: true }).expect(404);
    const half = await as(anna).post(`/api/v1/merges/${proposed.body.id}/consent`).send({ consent: true }).expect(200);
    expect(half.body.status).toBe('pending');
    expect((await t.http().get(`/api/v1/projects/${b}`).expect(200)).body.status).toBe('submitted');
    const done = await as(ben).post(`/api/v1/merges/${proposed.body.id}/consent`).send({ consent: true }).expect(200);
    expect(done.body.status).toBe('accepted');

    const target = (await t.http().get(`/api/v1/projects/${a}`).expect(200)).body;
    expect(target).toMatchObject({ title: 'Plac zabaw z huśtawkami przy Opackiej', totalCost: 9_000_000, endorsements: 1 });
    expect(target.authors.map((x: { displayName: string }) => x.displayName)).toEqual(['Anna', 'Ben']);
    const source = (await t.http().get(`/api/v1/projects/${b}`).expect(200)).body;
    expect(source).toMatchObject({ status: 'merged', mergedInto: a });
    expect(source.history.at(-1)).toMatchObject({ action: 'merged', toStatus: 'merged', reason: 'Oba projekty dotyczą tego samego placu.' });
    expect((await as(anna).post(`/api/v1/merges/${proposed.body.id}/consent`).send({ consent: false }).expect(409)).body.code).toBe('invalid_transition');

    // A refusal: nothing changes.
    const second = await as(official)
      .post(`/api/v1/editions/${editionId}/merges`)
      .send({ projectIds: [a, c], justification: 'Ten sam plac.' })
      .expect(201);
    const refused = await as(cecylia).post(`/api/v1/merges/${second.body.id}/consent`).send({ consent: false }).expect(200);
    expect(refused.body.status).toBe('refused');
    expect((await t.http().get(`/api/v1/projects/${c}`).expect(200)).body.status).toBe('submitted');
    await phase('submission');
  });

  it('mutually exclusive projects: one pool, shown on each project, removable before voting', async () => {
    const x = await submitted(anna, 'Parking przy Oliwskiej');
    const y = await submitted(ben, 'Skwer przy Oliwskiej');
    const other = await submitted(ben, 'Projekt z innej puli', supportPoolId);
    await as(anna)
      .post(`/api/v1/editions/${editionId}/exclusions`)
      .send({ projectIds: [x, y], reason: 'Ta sama działka.' })
      .expect(403);
    expect(
      (
        await as(official)
          .post(`/api/v1/editions/${editionId}/exclusions`)
          .send({ projectIds: [x, other], reason: 'r' })
          .expect(422)
      ).body.code,
    ).toBe('exclusion_invalid');
    await as(official)
      .post(`/api/v1/editions/${editionId}/exclusions`)
      .send({ projectIds: [x], reason: 'r' })
      .expect(422);
    const group = await as(official)
      .post(`/api/v1/editions/${editionId}/exclusions`)
      .send({ projectIds: [x, y], reason: 'Ta sama działka.' })
      .expect(201);
    expect((await t.http().get(`/api/v1/projects/${x}`).expect(200)).body.exclusiveWith).toEqual([
      { groupId: group.body.id, projectIds: [y], reason: 'Ta sama działka.' },
    ]);
    expect((await t.http().get(`/api/v1/editions/${editionId}/exclusions`).expect(200)).body).toHaveLength(1);
    await as(official).delete(`/api/v1/exclusions/${group.body.id}`).expect(204);
    expect((await t.http().get(`/api/v1/projects/${y}`).expect(200)).body.exclusiveWith).toEqual([]);
  });

  it('the history is a hash chain: every entry covers the one before it', async () => {
    const rows = (await db.query(
      `SELECT h.project_id, h.prev_hash, h.hash, budget_history_entry_hash(h.prev_hash, h) AS recomputed,
              lag(h.hash) OVER (PARTITION BY h.project_id ORDER BY h.id) AS previous
         FROM budget_project_history h`,
    )) as Array<{ prev_hash: string | null; hash: string; recomputed: string; previous: string | null }>;
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(r.hash).toBe(r.recomputed);
      expect(r.prev_hash).toBe(r.previous);
    }
    await expect(db.query(`UPDATE budget_project_history SET reason = 'zmienione' WHERE id = (SELECT min(id) FROM budget_project_history)`)).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('participatory budget: the ballot list drawn up by the phase job (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let district: string;

  const as = (u: TestUser) => actingAs(t, u);
  const review = (id: string, stage: 'formal' | 'merit', outcome: 'positive' | 'negative') =>
    as(official)
      .post(`/api/v1/projects/${id}/reviews`)
      .send({ stage, outcome, criteria: outcome === 'positive' ? ALL_MET : withUnmet('cost', 'Za drogo.'), justification: 'Uzasadnienie.' })
      .expect(200);

  /** An edition with admitted projects (titles given), one rejected, run up to the appeals phase. */
  async function editionWith(name: string, ballotOrder: 'alphabetical' | 'lottery', titles: string[]) {
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name, year: 2027, phases: scheduleWith('submission'), ballotOrder })
      .expect(201);
    const id = e.body.id as string;
    const pools = await as(admin)
      .post(`/api/v1/admin/editions/${id}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${id}/publish`).expect(200);
    const ids: string[] = [];
    for (const title of [...titles, 'Odrzucony']) {
      const p = await as(anna)
        .post(`/api/v1/editions/${id}/projects`)
        .send({
          poolId: pools.body.pools[0].id,
          title,
          summary: 's',
          description: 'd',
          justification: 'j',
          areaId: district,
          costItems: [{ description: 'K', amount: 1_000_000 }],
        })
        .expect(201);
      await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
      ids.push(p.body.id);
    }
    await as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith('formal_review') })
      .expect(200);
    for (const p of ids) await review(p, 'formal', 'positive');
    await as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith('merit_review') })
      .expect(200);
    for (const p of ids.slice(0, -1)) await review(p, 'merit', 'positive');
    await review(ids.at(-1)!, 'merit', 'negative');
    await as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith('appeals') })
      .expect(200);
    return { id, ids, poolId: pools.body.pools[0].id as string };
  }

  const tick = async () => {
    const scheduler = t.app.get(Scheduler);
    await scheduler.setNextRun('advance-budget-phases', new Date(Date.now() - 1000));
    expect(await scheduler.tickOnce()).toContain('advance-budget-phases');
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    anna = await createUser(t, { displayName: 'Anna' });
  });
  afterAll(() => t?.close());

  it('alphabetical (Polish collation): drawn by the phase job once appeals end and no decision is pending', async () => {
    const { id, ids } = await editionWith('BO lista alfabetyczna', 'alphabetical', ['Żłobek', 'Ławki', 'Zieleń', 'Łąka kwietna', 'Altana']);
    // During appeals: not yet.
    expect((await as(admin).post(`/api/v1/admin/editions/${id}/ballot`).expect(409)).body.code).toBe('ballot_not_ready');
    // The rejected project appeals; its appeal is undecided when the appeals phase ends: the list waits.
    await as(anna)
      .post(`/api/v1/projects/${ids.at(-1)}/appeal`)
      .send({ justification: 'Koszt jest realny.' })
      .expect(200);
    await as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith('ballot_list') })
      .expect(200);
    await tick();
    await eventually(
      async () =>
        ((await db.query(`SELECT current_phase FROM budget_editions WHERE id = $1`, [id])) as Array<{ current_phase: string }>)[0].current_phase ===
        'ballot_list',
      10_000,
      'the phase job',
    );
    const waiting = await t.http().get(`/api/v1/editions/${id}/ballot`).expect(409);
    expect(waiting.body.code).toBe('ballot_not_ready');
    expect((await as(admin).post(`/api/v1/admin/editions/${id}/ballot`).expect(409)).body.detail).toContain('1');

    // The appeal is dismissed; the next run of the job draws the list up.
    await as(official)
      .post(`/api/v1/projects/${ids.at(-1)}/appeal-decision`)
      .send({ upheld: false, justification: 'Brak podstaw.' })
      .expect(200);
    await tick();
    const ballot = await eventually(
      async () => {
        const r = await t.http().get(`/api/v1/editions/${id}/ballot`);
        return r.status === 200 ? r.body : false;
      },
      10_000,
      'the ballot list',
    );
    expect(ballot).toHaveLength(1);
    expect(ballot[0]).toMatchObject({ ordering: 'alphabetical', seed: null });
    expect(ballot[0].projects.map((p: { title: string }) => p.title)).toEqual(['Altana', 'Ławki', 'Łąka kwietna', 'Zieleń', 'Żłobek']);
    const first = (await t.http().get(`/api/v1/projects/${ballot[0].projects[0].id}`).expect(200)).body;
    expect(first).toMatchObject({ status: 'on_ballot', ballotPosition: 1 });
    expect(
      (
        await t
          .http()
          .get(`/api/v1/projects/${ids.at(-1)}`)
          .expect(200)
      ).body.status,
    ).toBe('appeal_dismissed');
    // Drawing again changes nothing.
    const again = await as(admin).post(`/api/v1/admin/editions/${id}/ballot`).expect(200);
    expect(again.body).toEqual(ballot);
    await as(anna).post(`/api/v1/admin/editions/${id}/ballot`).expect(403);

    // Voting opens on schedule: the edition's subscribers hear of it once, however many runs of the job follow.
    await as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);
    await tick();
    const opened = () =>
      db.query(`SELECT facts FROM notification_events WHERE kind = 'voting.opened' AND facts->>'editionId' = $1`, [id]) as Promise<
        Array<{ facts: { editionName: string } }>
      >;
    await eventually(async () => (await opened()).length === 1, 10_000, 'the voting.opened event');
    await tick();
    await eventually(
      async () =>
        ((await db.query(`SELECT current_phase FROM budget_editions WHERE id = $1`, [id])) as Array<{ current_phase: string }>)[0].current_phase === 'voting',
      10_000,
      'the phase',
    );
    expect(await opened()).toEqual([{ facts: expect.objectContaining({ editionName: 'BO lista alfabetyczna' }) }]);
  });

  it('by lot: the seed is recorded and published, and anyone can recompute the order from it', async () => {
    const titles = ['Projekt A', 'Projekt B', 'Projekt C', 'Projekt D', 'Projekt E', 'Projekt F'];
    const { id, ids } = await editionWith('BO lista losowana', 'lottery', titles);
    await as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith('ballot_list') })
      .expect(200);
    // The rejected project can still be appealed (its 7 days run): the list cannot be final yet.
    expect((await as(admin).post(`/api/v1/admin/editions/${id}/ballot`).expect(409)).body.code).toBe('ballot_not_ready');
    await db.query(`UPDATE budget_projects SET appeal_deadline = now() - interval '1 minute' WHERE id = $1`, [ids.at(-1)]);
    const drawn = await as(admin).post(`/api/v1/admin/editions/${id}/ballot`).expect(200);
    const list = drawn.body[0];
    expect(list.ordering).toBe('lottery');
    expect(list.seed).toMatch(/^[0-9a-f]{32}$/);
    const key = (n: number) => createHash('sha256').update(`${list.seed}:${n}`).digest('hex');
    const recomputed = [...list.projects].sort((a: { number: number }, b: { number: number }) => (key(a.number) < key(b.number) ? -1 : 1));
    expect(list.projects.map((p: { id: string }) => p.id)).toEqual(recomputed.map((p: { id: string }) => p.id));
    expect(list.projects.map((p: { position: number }) => p.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await t.http().get(`/api/v1/editions/${id}/ballot`).expect(200)).body[0].seed).toBe(list.seed);
  });
});
