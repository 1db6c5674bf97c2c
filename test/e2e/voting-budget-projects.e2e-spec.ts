import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, bearer, createUser, TestUser } from '../factories/users.factory';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));

/**
 * The vote on projects that residents wrote on the platform (no public code, unlike an imported Pabulib file): the
 * tally honours their exclusion groups, and publication makes them selected or not_selected.
 */
describe('voting on projects submitted on the platform (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let editionId: string;
  let poolId: string;
  const p = { park: '', gym: '', mural: '' };
  const as = (u: TestUser) => actingAs(t, u);
  const phase = (ph: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith(ph) })
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Sopot', kind: 'city', residentCount: 35_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: city }] });
    const author = await createUser(t);
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'Budżet Sopotu 2027', year: 2027, phases: scheduleWith('submission') })
      .expect(201);
    editionId = e.body.id;
    const pools = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Sopot', areaId: city, amount: 10_000_000, signaturesRequired: 0 });
    poolId = pools.body.pools[0].id;
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    const project = async (title: string, cost: number) => {
      const res = await as(author)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({
          poolId,
          areaId: city,
          title,
          summary: 'Krótko.',
          description: 'Opis.',
          justification: 'Potrzebne.',
          costItems: [{ description: 'Wykonanie', amount: cost }],
        })
        .expect(201);
      await as(author).post(`/api/v1/projects/${res.body.id}/submit`).expect(200);
      return res.body.id as string;
    };
    p.park = await project('Park na wydmie', 4_000_000);
    p.gym = await project('Siłownia na tej samej działce', 3_000_000);
    p.mural = await project('Mural przy molo', 5_000_000);
    for (const stage of ['formal', 'merit'] as const) {
      await phase(stage === 'formal' ? 'formal_review' : 'merit_review');
      for (const id of Object.values(p)) {
        await as(official).post(`/api/v1/projects/${id}/reviews`).send({ stage, outcome: 'positive', criteria: ALL_MET, justification: 'Dobrze.' }).expect(200);
      }
    }
    await phase('ballot_list');
    await as(admin).post(`/api/v1/admin/editions/${editionId}/ballot`).expect(200);
    // The park and the gym need the same plot: at most one of them can be carried out.
    await as(official)
      .post(`/api/v1/editions/${editionId}/exclusions`)
      .send({ projectIds: [p.park, p.gym], reason: 'Ta sama działka.' })
      .expect(201);
    await as(admin)
      .put(`/api/v1/admin/editions/${editionId}/voting-policy`)
      .send({ methods: ['account'] })
      .expect(200);
    await as(admin).put(`/api/v1/admin/pools/${poolId}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 2 }).expect(200);
    await phase('voting');
    // Park 3 votes, gym 2, mural 1: without the exclusion the park and the gym would win (7 of 10 mln) and the mural
    // would not fit; with it, the gym is skipped and the mural fits.
    for (const choice of [
      [p.park, p.gym],
      [p.park, p.gym],
      [p.park, p.mural],
    ]) {
      const voter = await createUser(t);
      await t
        .http()
        .post(`/api/v1/editions/${editionId}/ballots`)
        .set(...bearer(voter.token))
        .send({ identity: { firstName: 'Jan', lastName: 'Głosujący', areaId: city }, choices: [{ poolId, projectIds: choice }] })
        .expect(201);
    }
    await phase('vote_verification');
  }, 120_000);

  afterAll(() => t?.close());

  it('the tally honours the exclusion group and publication marks every project selected or not', async () => {
    expect(
      ((await db.query(`SELECT count(*)::int AS n FROM budget_projects WHERE edition_id = $1 AND code IS NOT NULL`, [editionId])) as Array<{ n: number }>)[0].n,
    ).toBe(0);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
    await eventually(
      async () => {
        const res = await as(admin).get(`/api/v1/admin/editions/${editionId}/results`).expect(200);
        if (res.body.run?.status === 'failed') throw new Error(`tally failed: ${JSON.stringify(res.body.run)}`);
        return res.body.run?.status === 'done' || undefined;
      },
      60_000,
      'the tally',
    );
    const review = await as(admin).get(`/api/v1/admin/editions/${editionId}/results`).expect(200);
    const rows = review.body.pools[0].projects as Array<{ projectId: string | null; title: string; selected: boolean }>;
    expect(rows.every((r) => r.projectId !== null)).toBe(true);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(200);
    const status = async (id: string) => (await t.http().get(`/api/v1/projects/${id}`).expect(200)).body.status as string;
    expect({ park: await status(p.park), gym: await status(p.gym), mural: await status(p.mural) }).toEqual({
      park: 'selected',
      gym: 'not_selected',
      mural: 'selected',
    });
  });
});
