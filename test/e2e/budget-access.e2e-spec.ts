import type { Response, Test } from 'supertest';
import { DataSource } from 'typeorm';
import { BudgetHttpModule } from '@civitas/budget';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, bearer, createUser, TestUser, uniqueEmail } from '../factories/users.factory';
import { declaredRoutes } from '../helpers/routes';

/**
 * The budget's route × role matrix: every route of the budget controllers, called by each kind of caller, with the
 * status each must get. Callers: the six of the accounts/areas matrix, plus the project's author (and, on the
 * co-author routes, the invited co-author). Where an action changes state, every caller expected to succeed gets a
 * fixture of its own, so that each attempt is judged on its permission and never on what another caller left.
 */
const WHO = ['anonymous', 'resident', 'moderator', 'official', 'officialElsewhere', 'admin'] as const;
type Who = (typeof WHO)[number];
type Caller = Who | 'author' | 'invitee';

type Expect = Partial<Record<Caller, number>>;

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const withUnmet = (criterion: string) => ALL_MET.map((c) => (c.criterion === criterion ? { ...c, met: false, justification: 'Niespełnione.' } : c));
const PDF = Buffer.from('%PDF-1.4\n% macierz uprawnień\n%%EOF\n', 'latin1');
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

/** The same status for the six callers and the author. */
const everyone = (status: number, extra: Caller[] = ['author']): Expect => Object.fromEntries([...WHO, ...extra].map((w) => [w, status]));
/** Signed-in callers get `others` unless overridden; anonymous callers 401 unless overridden. */
const signedIn = (others: number, over: Expect = {}, extra: Caller[] = ['author']): Expect => ({ ...everyone(others, extra), anonymous: 401, ...over });
/** Admin routes: 401 without a session, 403 for everybody but the admin. */
const adminOnly = (ok: number): Expect => ({ ...signedIn(403, {}, []), admin: ok });
/** Routes for officials of the project's area (and admins): 403 for the rest, whatever their relation to the project. */
const areaOfficials = (ok: number): Expect => signedIn(403, { official: ok, admin: ok });

interface Row<F> {
  route: string;
  fixture?: () => Promise<F>;
  call: (f: F) => Test;
  expect: Expect;
  /** Every caller expected to succeed gets a fixture of its own. */
  fresh?: boolean;
}
const row = <F>(r: Row<F>): Row<unknown> => r as Row<unknown>;

/** A response body as JSON whatever the request parsed it as (downloads are collected as bytes). */
function bodyOf(res: Response): { code?: string } {
  if (Buffer.isBuffer(res.body)) {
    try {
      return JSON.parse(res.body.toString('utf8')) as { code?: string };
    } catch {
      return {};
    }
  }
  return res.body as { code?: string };
}
const asBytes = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('participatory budget: access and input (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let users: Record<Exclude<Caller, 'anonymous'>, TestUser>;
  let d1: string;
  let d2: string;
  /** Published, in the submission phase. */
  const sub = { id: '', pool: '' };
  /** Published, moved to the formal review with a stock of projects submitted beforehand. */
  const formal = { id: '', pool: '' };
  /** Published, past the appeals phase, with no project: the ballot can be drawn at once. */
  let ballotEdition: string;
  /** Drafts of editions (admin rows). */
  let draftEdition: string;
  let toPublish: string;
  const stock: string[] = [];
  let n = 0;

  const as = (u: TestUser) => actingAs(t, u);
  const send = (who: Caller, req: Test): Test => (who === 'anonymous' ? req : req.set(...bearer(users[who].token)));
  const count = async (table: string): Promise<number> => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;
  const phase = (editionId: string, p: Parameters<typeof scheduleWith>[0]) =>
    as(users.admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith(p) })
      .expect(200);

  async function edition(name: string, p: Parameters<typeof scheduleWith>[0], publish = true): Promise<{ id: string; pool: string }> {
    const e = await as(users.admin)
      .post('/api/v1/admin/editions')
      .send({ name, year: 2027, phases: scheduleWith(p) })
      .expect(201);
    const pools = await as(users.admin)
      .post(`/api/v1/admin/editions/${e.body.id}/pools`)
      .send({ name: 'Krzyki', areaId: d1, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    if (publish) await as(users.admin).post(`/api/v1/admin/editions/${e.body.id}/publish`).expect(200);
    return { id: e.body.id as string, pool: pools.body.pools[0].id as string };
  }

  /** A draft of the author's in the submission edition. */
  const draft = async (e = sub): Promise<string> =>
    (
      await as(users.author)
        .post(`/api/v1/editions/${e.id}/projects`)
        .send({
          poolId: e.pool,
          title: `Projekt ${++n}`,
          summary: 's',
          description: 'd',
          justification: 'j',
          areaId: d1,
          costItems: [{ description: 'Koszt', amount: 5_000_000 }],
        })
        .expect(201)
    ).body.id as string;
  const submitted = async (e = sub): Promise<string> => {
    const id = await draft(e);
    await as(users.author).post(`/api/v1/projects/${id}/submit`).expect(200);
    return id;
  };
  const upload = (u: TestUser | null, projectId: string, kind: 'document' | 'support_list' = 'document') => {
    const req = t.http().post(`/api/v1/projects/${projectId}/attachments`).query({ name: 'plan.pdf', kind }).set('content-type', 'application/pdf');
    return (u ? req.set(...bearer(u.token)) : req).send(PDF);
  };
  const attach = async (projectId: string, kind: 'document' | 'support_list' = 'document'): Promise<string> =>
    (await upload(users.author, projectId, kind).expect(201)).body.id as string;

  /** A project submitted in time, now in the formal review phase. */
  const take = (): string => {
    const id = stock.pop();
    if (!id) throw new Error('the stock of submitted projects ran out: raise STOCK');
    return id;
  };
  const review = (projectId: string, outcome: 'positive' | 'negative' | 'correction') =>
    as(users.official)
      .post(`/api/v1/projects/${projectId}/reviews`)
      .send({ stage: 'formal', outcome, criteria: outcome === 'positive' ? ALL_MET : withUnmet('formal_requirements'), justification: 'Uzasadnienie.' })
      .expect(200);
  const rejected = async (): Promise<string> => {
    const id = take();
    await review(id, 'negative');
    return id;
  };
  const appealed = async (): Promise<string> => {
    const id = await rejected();
    await as(users.author).post(`/api/v1/projects/${id}/appeal`).send({ justification: 'Nie zgadzam się.' }).expect(200);
    return id;
  };
  const costBody = { costItems: [{ description: 'Ławki (cennik miasta)', amount: 4_500_000 }], justification: 'Ceny według cennika miasta.' };
  const proposal = async (): Promise<{ project: string; proposal: string }> => {
    const project = take();
    const res = await as(users.official).post(`/api/v1/projects/${project}/cost-proposals`).send(costBody).expect(201);
    return { project, proposal: res.body.id as string };
  };
  const merge = async (): Promise<string> => {
    const res = await as(users.official)
      .post(`/api/v1/editions/${formal.id}/merges`)
      .send({ projectIds: [take(), take()], justification: 'Ten sam plac.' })
      .expect(201);
    return res.body.id as string;
  };
  /** A project as the publication of results leaves a winner (the vote itself is outside this matrix). */
  const selected = async (): Promise<string> => {
    const id = await submitted();
    await db.query(`UPDATE budget_projects SET status = 'selected' WHERE id = $1`, [id]);
    return id;
  };
  const progress = { status: 'implementing', percent: 30, note: 'Prace trwają.', happenedOn: new Date().toISOString().slice(0, 10) };
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
  const implementationUpdate = async (): Promise<{ project: string; update: string }> => {
    const project = await selected();
    const res = await as(users.official).post(`/api/v1/projects/${project}/implementation`).send(progress).expect(201);
    return { project, update: res.body.id as string };
  };
  const photoOf = (u: TestUser | null, updateId: string) => {
    const req = t.http().post(`/api/v1/implementation-updates/${updateId}/photos`).query({ name: 'plac.png' }).set('content-type', 'image/png');
    return (u ? req.set(...bearer(u.token)) : req).send(PNG);
  };
  let exclusionPair: string[] = [];
  let supportProject: string;

  const STOCK = 44;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Wrocław', kind: 'city', residentCount: 100_000 });
    d1 = await createArea(t, { name: 'Krzyki', kind: 'district', parentId: city, residentCount: 20_000 });
    d2 = await createArea(t, { name: 'Psie Pole', kind: 'district', parentId: city, residentCount: 20_000 });
    users = {
      resident: await createUser(t, { displayName: 'Mieszkanka' }),
      moderator: await createUser(t, { grants: [{ role: 'moderator', areaId: null }] }),
      official: await createUser(t, { grants: [{ role: 'official', areaId: d1 }] }),
      officialElsewhere: await createUser(t, { grants: [{ role: 'official', areaId: d2 }] }),
      admin: await createUser(t, { grants: [{ role: 'admin', areaId: null }] }),
      author: await createUser(t, { displayName: 'Autorka' }),
      invitee: await createUser(t, { email: uniqueEmail('wspolautor'), displayName: 'Współautor' }),
    };
    Object.assign(sub, await edition('BO 2027 — uprawnienia (zgłaszanie)', 'submission'));
    Object.assign(formal, await edition('BO 2027 — uprawnienia (ocena)', 'submission'));
    for (let i = 0; i < STOCK; i++) stock.push(await submitted(formal));
    await phase(formal.id, 'formal_review');
    exclusionPair = [take(), take()];
    supportProject = take();
    ballotEdition = (await edition('BO 2027 — uprawnienia (lista)', 'ballot_list')).id;
    draftEdition = (await edition('BO 2027 — uprawnienia (szkic)', 'submission', false)).id;
    toPublish = (await edition('BO 2027 — uprawnienia (do publikacji)', 'submission', false)).id;
  }, 180_000);
  afterAll(() => t?.close());

  describe('route × role matrix', () => {
    const routes: Array<Row<unknown>> = [
      // Editions (public reads).
      row({ route: 'GET /api/v1/editions', call: () => t.http().get('/api/v1/editions'), expect: everyone(200) }),
      row({ route: 'GET /api/v1/editions/:id', call: () => t.http().get(`/api/v1/editions/${sub.id}`), expect: everyone(200) }),
      row({
        route: 'GET /api/v1/editions/:id (a draft edition: hidden from everyone)',
        call: () => t.http().get(`/api/v1/editions/${draftEdition}`),
        expect: everyone(404),
      }),
      row({ route: 'GET /api/v1/editions/:id/projects', call: () => t.http().get(`/api/v1/editions/${sub.id}/projects`), expect: everyone(200) }),
      row({ route: 'GET /api/v1/editions/:id/exclusions', call: () => t.http().get(`/api/v1/editions/${formal.id}/exclusions`), expect: everyone(200) }),
      row({ route: 'GET /api/v1/editions/:id/ballot (not drawn yet)', call: () => t.http().get(`/api/v1/editions/${sub.id}/ballot`), expect: everyone(409) }),

      // Editions (admin).
      row({ route: 'GET /api/v1/admin/editions', call: () => t.http().get('/api/v1/admin/editions'), expect: adminOnly(200) }),
      row({ route: 'GET /api/v1/admin/editions/:id', call: () => t.http().get(`/api/v1/admin/editions/${draftEdition}`), expect: adminOnly(200) }),
      row({
        route: 'POST /api/v1/admin/editions',
        call: () =>
          t
            .http()
            .post('/api/v1/admin/editions')
            .send({ name: `Edycja ${++n}`, year: 2027, phases: scheduleWith('submission') }),
        expect: adminOnly(201),
      }),
      row({
        route: 'PATCH /api/v1/admin/editions/:id',
        call: () =>
          t
            .http()
            .patch(`/api/v1/admin/editions/${draftEdition}`)
            .send({ name: `Szkic ${++n}` }),
        expect: adminOnly(200),
      }),
      row({
        route: 'POST /api/v1/admin/editions/:id/categories',
        call: () =>
          t
            .http()
            .post(`/api/v1/admin/editions/${draftEdition}/categories`)
            .send({ namePl: `Kategoria ${++n}`, nameEn: `Category ${n}` }),
        expect: adminOnly(201),
      }),
      row({
        route: 'POST /api/v1/admin/editions/:id/pools',
        call: () =>
          t
            .http()
            .post(`/api/v1/admin/editions/${draftEdition}/pools`)
            .send({ name: `Pula ${++n}`, areaId: d2, amount: 1_000_000, signaturesRequired: 0 }),
        expect: adminOnly(201),
      }),
      row({
        route: 'POST /api/v1/admin/editions/:id/publish',
        call: () => t.http().post(`/api/v1/admin/editions/${toPublish}/publish`),
        expect: adminOnly(200),
      }),
      row({
        route: 'POST /api/v1/admin/editions/:id/ballot',
        call: () => t.http().post(`/api/v1/admin/editions/${ballotEdition}/ballot`),
        expect: adminOnly(200),
      }),
      // After the admin has drawn it (the row above).
      row({ route: 'GET /api/v1/editions/:id/ballot (drawn)', call: () => t.http().get(`/api/v1/editions/${ballotEdition}/ballot`), expect: everyone(200) }),

      // Projects.
      row({
        route: 'POST /api/v1/editions/:id/projects',
        call: () =>
          t
            .http()
            .post(`/api/v1/editions/${sub.id}/projects`)
            .send({ poolId: sub.pool, title: `Szkic ${++n}`, costItems: [{ description: 'Koszt', amount: 1_000_000 }] }),
        expect: signedIn(201),
      }),
      row({
        route: 'GET /api/v1/projects/:id (public)',
        fixture: () => submitted(),
        call: (id) => t.http().get(`/api/v1/projects/${id}`),
        expect: everyone(200),
      }),
      row({
        route: 'GET /api/v1/projects/:id (draft: its authors and the officials of its area)',
        fixture: () => draft(),
        call: (id) => t.http().get(`/api/v1/projects/${id}`),
        expect: { ...everyone(404), author: 200, official: 200, admin: 200 },
      }),
      row({
        route: 'PATCH /api/v1/projects/:id (draft)',
        fixture: () => draft(),
        call: (id) =>
          t
            .http()
            .patch(`/api/v1/projects/${id}`)
            .send({ summary: `Zmiana ${++n}` }),
        expect: signedIn(404, { author: 200 }),
      }),
      row({
        route: 'PATCH /api/v1/projects/:id (submitted)',
        fixture: () => submitted(),
        call: (id) => t.http().patch(`/api/v1/projects/${id}`).send({ summary: 'Zmiana' }),
        expect: signedIn(403, { author: 409 }),
      }),
      row({
        route: 'POST /api/v1/projects/:id/submit',
        fixture: () => draft(),
        call: (id) => t.http().post(`/api/v1/projects/${id}/submit`),
        expect: signedIn(404, { author: 200 }),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/endorsement',
        fixture: () => submitted(),
        call: (id) => t.http().post(`/api/v1/projects/${id}/endorsement`),
        expect: signedIn(200, { author: 409 }),
      }),
      row({
        route: 'DELETE /api/v1/projects/:id/endorsement',
        fixture: () => submitted(),
        call: (id) => t.http().delete(`/api/v1/projects/${id}/endorsement`),
        expect: signedIn(200, { author: 409 }),
      }),

      // Reviews and appeals.
      row({
        route: 'POST /api/v1/projects/:id/reviews',
        fixture: async () => take(),
        call: (id) =>
          t.http().post(`/api/v1/projects/${id}/reviews`).send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'Kompletny.' }),
        expect: areaOfficials(200),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/resubmit',
        fixture: async () => {
          const id = take();
          await review(id, 'correction');
          return id;
        },
        call: (id) => t.http().post(`/api/v1/projects/${id}/resubmit`),
        expect: signedIn(403, { author: 200 }),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/appeal',
        fixture: () => rejected(),
        call: (id) => t.http().post(`/api/v1/projects/${id}/appeal`).send({ justification: 'Opinia hydrologa w załączeniu.' }),
        expect: signedIn(403, { author: 200 }),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/appeal-decision',
        fixture: () => appealed(),
        call: (id) => t.http().post(`/api/v1/projects/${id}/appeal-decision`).send({ upheld: false, justification: 'Brak nowych argumentów.' }),
        expect: areaOfficials(200),
        fresh: true,
      }),

      // Co-authors.
      row({
        route: 'POST /api/v1/projects/:id/invitations (draft)',
        fixture: () => draft(),
        call: (id) =>
          t
            .http()
            .post(`/api/v1/projects/${id}/invitations`)
            .send({ email: uniqueEmail('zaproszenie') }),
        expect: signedIn(404, { author: 201 }),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/invitations (submitted)',
        fixture: () => submitted(),
        call: (id) =>
          t
            .http()
            .post(`/api/v1/projects/${id}/invitations`)
            .send({ email: uniqueEmail('zaproszenie') }),
        expect: signedIn(403, { author: 409 }),
      }),
      row({
        route: 'GET /api/v1/projects/:id/invitations (draft)',
        fixture: async () => {
          const id = await draft();
          await as(users.author).post(`/api/v1/projects/${id}/invitations`).send({ email: users.invitee.email }).expect(201);
          return id;
        },
        call: (id) => t.http().get(`/api/v1/projects/${id}/invitations`),
        // Officials of the area and the invitee see the draft, so they are told "not an author" rather than "no such project".
        expect: signedIn(404, { author: 200, official: 403, admin: 403, invitee: 403 }, ['author', 'invitee']),
      }),
      row({
        route: 'DELETE /api/v1/projects/:id/invitations/:invitationId',
        fixture: async () => {
          const id = await draft();
          const inv = await as(users.author)
            .post(`/api/v1/projects/${id}/invitations`)
            .send({ email: uniqueEmail('wycofane') })
            .expect(201);
          return { id, inv: inv.body.id as string };
        },
        call: (f) => t.http().delete(`/api/v1/projects/${f.id}/invitations/${f.inv}`),
        expect: signedIn(404, { author: 204 }),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/invitation/accept',
        fixture: async () => {
          const id = await draft();
          await as(users.author).post(`/api/v1/projects/${id}/invitations`).send({ email: users.invitee.email }).expect(201);
          return id;
        },
        call: (id) => t.http().post(`/api/v1/projects/${id}/invitation/accept`),
        expect: signedIn(404, { invitee: 200 }, ['author', 'invitee']),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/invitation/decline',
        fixture: async () => {
          const id = await draft();
          await as(users.author).post(`/api/v1/projects/${id}/invitations`).send({ email: users.invitee.email }).expect(201);
          return id;
        },
        call: (id) => t.http().post(`/api/v1/projects/${id}/invitation/decline`),
        expect: signedIn(404, { invitee: 200 }, ['author', 'invitee']),
        fresh: true,
      }),
      row({
        route: 'DELETE /api/v1/projects/:id/authors/:userId (the main author removes, the co-author leaves)',
        fixture: async () => {
          const id = await draft();
          await as(users.author).post(`/api/v1/projects/${id}/invitations`).send({ email: users.invitee.email }).expect(201);
          await as(users.invitee).post(`/api/v1/projects/${id}/invitation/accept`).expect(200);
          return id;
        },
        call: (id) => t.http().delete(`/api/v1/projects/${id}/authors/${users.invitee.id}`),
        expect: signedIn(404, { author: 204, invitee: 204 }, ['author', 'invitee']),
        fresh: true,
      }),
      row({
        route: 'GET /api/v1/me/project-invitations',
        call: () => t.http().get('/api/v1/me/project-invitations'),
        expect: signedIn(200, {}, ['author', 'invitee']),
      }),

      // Cost corrections.
      row({
        route: 'POST /api/v1/projects/:id/cost-proposals',
        fixture: async () => take(),
        call: (id) => t.http().post(`/api/v1/projects/${id}/cost-proposals`).send(costBody),
        expect: areaOfficials(201),
        fresh: true,
      }),
      row({
        route: 'GET /api/v1/projects/:id/cost-proposals',
        fixture: () => proposal(),
        call: (f) => t.http().get(`/api/v1/projects/${f.project}/cost-proposals`),
        expect: everyone(200),
      }),
      row({
        route: 'POST /api/v1/projects/:id/cost-proposals/:proposalId/answer',
        fixture: () => proposal(),
        call: (f) => t.http().post(`/api/v1/projects/${f.project}/cost-proposals/${f.proposal}/answer`).send({ accept: true }),
        expect: signedIn(403, { author: 200 }),
        fresh: true,
      }),

      // Merges.
      row({
        route: 'POST /api/v1/editions/:id/merges',
        fixture: async () => [take(), take()],
        call: (ids) => t.http().post(`/api/v1/editions/${formal.id}/merges`).send({ projectIds: ids, justification: 'Ten sam plac.' }),
        expect: areaOfficials(201),
        fresh: true,
      }),
      row({
        route: "GET /api/v1/merges/:id (its authors and the officials of its projects' areas)",
        fixture: () => merge(),
        call: (id) => t.http().get(`/api/v1/merges/${id}`),
        expect: signedIn(404, { author: 200, official: 200, admin: 200 }),
      }),
      row({
        route: 'POST /api/v1/merges/:id/consent',
        fixture: () => merge(),
        call: (id) => t.http().post(`/api/v1/merges/${id}/consent`).send({ consent: true }),
        expect: signedIn(404, { author: 200 }),
        fresh: true,
      }),

      // Mutually exclusive projects.
      row({
        route: 'POST /api/v1/editions/:id/exclusions',
        call: () => t.http().post(`/api/v1/editions/${formal.id}/exclusions`).send({ projectIds: exclusionPair, reason: 'Ta sama działka.' }),
        expect: areaOfficials(201),
      }),
      row({
        route: 'DELETE /api/v1/exclusions/:id',
        fixture: async () =>
          (
            await as(users.official)
              .post(`/api/v1/editions/${formal.id}/exclusions`)
              .send({ projectIds: exclusionPair, reason: 'Ta sama działka.' })
              .expect(201)
          ).body.id as string,
        call: (id) => t.http().delete(`/api/v1/exclusions/${id}`),
        expect: areaOfficials(204),
        fresh: true,
      }),

      // Attachments and paper support lists.
      row({
        route: 'POST /api/v1/projects/:id/attachments (draft)',
        fixture: () => draft(),
        call: (id) => upload(null, id),
        expect: signedIn(404, { author: 201 }),
      }),
      row({
        route: 'POST /api/v1/projects/:id/attachments (submitted, a document)',
        fixture: () => submitted(),
        call: (id) => upload(null, id),
        expect: signedIn(403, { author: 409 }),
      }),
      row({
        route: 'GET /api/v1/projects/:id/attachments (draft)',
        fixture: async () => {
          const id = await draft();
          await attach(id);
          return id;
        },
        call: (id) => t.http().get(`/api/v1/projects/${id}/attachments`),
        expect: { ...everyone(404), author: 200, official: 200, admin: 200 },
      }),
      row({
        route: 'GET /api/v1/projects/:id/attachments (submitted)',
        fixture: async () => {
          const id = await draft();
          await attach(id);
          await as(users.author).post(`/api/v1/projects/${id}/submit`).expect(200);
          return id;
        },
        call: (id) => t.http().get(`/api/v1/projects/${id}/attachments`),
        expect: everyone(200),
      }),
      row({
        route: 'GET /api/v1/projects/:id/attachments/:attachmentId (a draft’s document)',
        fixture: async () => {
          const id = await draft();
          return { id, file: await attach(id) };
        },
        call: (f) => t.http().get(`/api/v1/projects/${f.id}/attachments/${f.file}`).buffer(true).parse(asBytes),
        expect: { ...everyone(404), author: 200, official: 200, admin: 200 },
      }),
      row({
        route: 'GET /api/v1/projects/:id/attachments/:attachmentId (a submitted project’s document)',
        fixture: async () => {
          const id = await draft();
          const file = await attach(id);
          await as(users.author).post(`/api/v1/projects/${id}/submit`).expect(200);
          return { id, file };
        },
        call: (f) => t.http().get(`/api/v1/projects/${f.id}/attachments/${f.file}`).buffer(true).parse(asBytes),
        expect: everyone(200),
      }),
      row({
        route: 'GET /api/v1/projects/:id/attachments/:attachmentId (a submitted project’s scanned support list)',
        fixture: async () => {
          const id = await submitted();
          return { id, file: await attach(id, 'support_list') };
        },
        call: (f) => t.http().get(`/api/v1/projects/${f.id}/attachments/${f.file}`).buffer(true).parse(asBytes),
        expect: { ...everyone(404), author: 200, official: 200, admin: 200 },
      }),
      row({
        route: 'DELETE /api/v1/projects/:id/attachments/:attachmentId (draft)',
        fixture: async () => {
          const id = await draft();
          return { id, file: await attach(id) };
        },
        call: (f) => t.http().delete(`/api/v1/projects/${f.id}/attachments/${f.file}`),
        expect: signedIn(404, { author: 204 }),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/projects/:id/support-lists',
        fixture: () => attach(supportProject, 'support_list'),
        call: (file) => t.http().post(`/api/v1/projects/${supportProject}/support-lists`).send({ attachmentId: file, signatures: 3 }),
        expect: areaOfficials(201),
        fresh: true,
      }),
      row({
        route: 'GET /api/v1/projects/:id/support-lists',
        call: () => t.http().get(`/api/v1/projects/${supportProject}/support-lists`),
        expect: signedIn(403, { author: 200, official: 200, admin: 200 }),
      }),

      // Implementation of selected projects.
      row({
        route: 'POST /api/v1/projects/:id/implementation',
        fixture: () => selected(),
        call: (id) => t.http().post(`/api/v1/projects/${id}/implementation`).send(progress),
        expect: areaOfficials(201),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/implementation-updates/:id/photos',
        fixture: () => implementationUpdate(),
        call: (f) => photoOf(null, f.update),
        expect: areaOfficials(201),
      }),
      row({
        route: 'GET /api/v1/projects/:id/implementation',
        fixture: () => implementationUpdate(),
        call: (f) => t.http().get(`/api/v1/projects/${f.project}/implementation`),
        expect: everyone(200),
      }),
      row({
        route: 'GET /api/v1/projects/:id/implementation (not selected)',
        fixture: () => submitted(),
        call: (id) => t.http().get(`/api/v1/projects/${id}/implementation`),
        expect: everyone(409),
      }),
      row({
        route: 'GET /api/v1/projects/:id/implementation/photos/:photoId',
        fixture: async () => {
          const f = await implementationUpdate();
          return { ...f, photo: (await photoOf(users.official, f.update).expect(201)).body.id as string };
        },
        call: (f) => t.http().get(`/api/v1/projects/${f.project}/implementation/photos/${f.photo}`).buffer(true).parse(asBytes),
        expect: everyone(200),
      }),
      row({
        route: 'GET /api/v1/editions/:id/implementation',
        call: () => t.http().get(`/api/v1/editions/${sub.id}/implementation`),
        expect: everyone(200),
      }),
    ];

    it('covers every route of the budget controllers', () => {
      const declared = declaredRoutes(BudgetHttpModule);
      const covered = new Set(routes.map((r) => r.route.replace(/ \(.*$/, '')));
      expect([...covered].sort()).toEqual([...declared].sort());
    });

    for (const r of routes) {
      it(r.route, async () => {
        const shared = r.fixture ? await r.fixture() : undefined;
        const seen: Expect = {};
        const problems: Record<string, string> = {};
        for (const who of Object.keys(r.expect) as Caller[]) {
          const f = r.fresh && r.expect[who]! < 300 ? await r.fixture!() : shared;
          const res = await send(who, r.call(f));
          seen[who] = res.status;
          if (res.status >= 400) {
            const body = bodyOf(res);
            problems[who] = `${res.status} ${String(res.headers['content-type']).split(';')[0]} ${body.code}`;
          }
        }
        expect(seen).toEqual(r.expect);
        for (const [who, p] of Object.entries(problems)) {
          const [status, type, code] = p.split(' ');
          expect({ who, type }).toEqual({ who, type: 'application/problem+json' });
          if (status === '401') expect({ who, code }).toEqual({ who, code: 'authentication_required' });
          if (status === '403') expect({ who, code: ['forbidden', 'not_an_author'].includes(code) ? 'forbidden' : code }).toEqual({ who, code: 'forbidden' });
          if (status === '404') expect({ who, code }).toEqual({ who, code: expect.stringMatching(/_not_found$/) });
        }
      });
    }
  });

  describe('bad input on every write route', () => {
    let bad: {
      draft: string;
      underReview: string;
      proposal: { project: string; proposal: string };
      merge: string;
      rejected: string;
      appealed: string;
      supportList: string;
    };

    beforeAll(async () => {
      bad = {
        draft: await draft(),
        underReview: take(),
        proposal: await proposal(),
        merge: await merge(),
        rejected: await rejected(),
        appealed: await appealed(),
        supportList: await attach(supportProject, 'support_list'),
      };
    });

    const tables = [
      'budget_author_invitations',
      'budget_cost_proposals',
      'budget_merges',
      'budget_merge_consents',
      'budget_exclusion_groups',
      'budget_support_lists',
      'budget_reviews',
      'budget_project_history',
    ];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(x)] as const)));

    type Case = [who: Exclude<Caller, 'anonymous'>, method: 'post' | 'patch', path: () => string, body: () => object, field: string];
    const cases: Array<[string, Case[]]> = [
      [
        'POST /api/v1/projects/:id/invitations',
        [
          ['author', 'post', () => `/api/v1/projects/${bad.draft}/invitations`, () => ({ email: 'not-an-address' }), 'email'],
          ['author', 'post', () => `/api/v1/projects/${bad.draft}/invitations`, () => ({}), 'email'],
          ['author', 'post', () => `/api/v1/projects/${bad.draft}/invitations`, () => ({ email: uniqueEmail('x'), locale: 'de' }), 'locale'],
          ['author', 'post', () => `/api/v1/projects/${bad.draft}/invitations`, () => ({ email: uniqueEmail('x'), role: 'main' }), 'role'],
        ],
      ],
      [
        'POST /api/v1/projects/:id/cost-proposals',
        [
          ['official', 'post', () => `/api/v1/projects/${bad.underReview}/cost-proposals`, () => ({ ...costBody, costItems: [] }), 'costItems'],
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/cost-proposals`,
            () => ({ ...costBody, costItems: [{ description: 'x', amount: -5 }] }),
            'costItems.0.amount',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/cost-proposals`,
            () => ({ ...costBody, costItems: [{ description: '', amount: 5 }] }),
            'costItems.0.description',
          ],
          ['official', 'post', () => `/api/v1/projects/${bad.underReview}/cost-proposals`, () => ({ ...costBody, costItems: 'dużo' }), 'costItems'],
          ['official', 'post', () => `/api/v1/projects/${bad.underReview}/cost-proposals`, () => ({ ...costBody, justification: '' }), 'justification'],
          ['official', 'post', () => `/api/v1/projects/${bad.underReview}/cost-proposals`, () => ({ costItems: costBody.costItems }), 'justification'],
        ],
      ],
      [
        'POST /api/v1/projects/:id/cost-proposals/:proposalId/answer',
        [
          [
            'author',
            'post',
            () => `/api/v1/projects/${bad.proposal.project}/cost-proposals/${bad.proposal.proposal}/answer`,
            () => ({ accept: 'tak' }),
            'accept',
          ],
          ['author', 'post', () => `/api/v1/projects/${bad.proposal.project}/cost-proposals/${bad.proposal.proposal}/answer`, () => ({}), 'accept'],
          [
            'author',
            'post',
            () => `/api/v1/projects/${bad.proposal.project}/cost-proposals/${bad.proposal.proposal}/answer`,
            () => ({ accept: true, response: 7 }),
            'response',
          ],
        ],
      ],
      [
        'POST /api/v1/editions/:id/merges',
        [
          [
            'official',
            'post',
            () => `/api/v1/editions/${formal.id}/merges`,
            () => ({ projectIds: [exclusionPair[0], 'not-a-uuid'], justification: 'j' }),
            'projectIds',
          ],
          ['official', 'post', () => `/api/v1/editions/${formal.id}/merges`, () => ({ projectIds: [exclusionPair[0]], justification: 'j' }), 'projectIds'],
          ['official', 'post', () => `/api/v1/editions/${formal.id}/merges`, () => ({ projectIds: exclusionPair }), 'justification'],
          ['official', 'post', () => `/api/v1/editions/${formal.id}/merges`, () => ({ projectIds: exclusionPair, justification: 'j', title: '' }), 'title'],
          [
            'official',
            'post',
            () => `/api/v1/editions/${formal.id}/merges`,
            () => ({ projectIds: exclusionPair, justification: 'j', costItems: [{ description: 'x', amount: 0 }] }),
            'costItems.0.amount',
          ],
          [
            'official',
            'post',
            () => `/api/v1/editions/${formal.id}/merges`,
            () => ({ projectIds: exclusionPair, justification: 'j', costItems: [] }),
            'costItems',
          ],
        ],
      ],
      [
        'POST /api/v1/merges/:id/consent',
        [
          ['author', 'post', () => `/api/v1/merges/${bad.merge}/consent`, () => ({ consent: 'yes' }), 'consent'],
          ['author', 'post', () => `/api/v1/merges/${bad.merge}/consent`, () => ({}), 'consent'],
          ['author', 'post', () => `/api/v1/merges/${bad.merge}/consent`, () => ({ consent: true, projectId: bad.merge }), 'projectId'],
        ],
      ],
      [
        'POST /api/v1/editions/:id/exclusions',
        [
          ['official', 'post', () => `/api/v1/editions/${formal.id}/exclusions`, () => ({ projectIds: exclusionPair, reason: '' }), 'reason'],
          ['official', 'post', () => `/api/v1/editions/${formal.id}/exclusions`, () => ({ projectIds: exclusionPair }), 'reason'],
          ['official', 'post', () => `/api/v1/editions/${formal.id}/exclusions`, () => ({ projectIds: [exclusionPair[0]], reason: 'r' }), 'projectIds'],
          ['official', 'post', () => `/api/v1/editions/${formal.id}/exclusions`, () => ({ projectIds: [exclusionPair[0], 'x'], reason: 'r' }), 'projectIds'],
        ],
      ],
      [
        'POST /api/v1/projects/:id/support-lists',
        [
          ['official', 'post', () => `/api/v1/projects/${supportProject}/support-lists`, () => ({ attachmentId: 'lista', signatures: 3 }), 'attachmentId'],
          [
            'official',
            'post',
            () => `/api/v1/projects/${supportProject}/support-lists`,
            () => ({ attachmentId: bad.supportList, signatures: -1 }),
            'signatures',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${supportProject}/support-lists`,
            () => ({ attachmentId: bad.supportList, signatures: 2.5 }),
            'signatures',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${supportProject}/support-lists`,
            () => ({ attachmentId: bad.supportList, signatures: '3' }),
            'signatures',
          ],
          ['official', 'post', () => `/api/v1/projects/${supportProject}/support-lists`, () => ({ attachmentId: bad.supportList }), 'signatures'],
        ],
      ],
      [
        'POST /api/v1/projects/:id/reviews',
        [
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/reviews`,
            () => ({ stage: 'final', outcome: 'positive', criteria: ALL_MET, justification: 'j' }),
            'stage',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/reviews`,
            () => ({ stage: 'formal', outcome: 'maybe', criteria: ALL_MET, justification: 'j' }),
            'outcome',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/reviews`,
            () => ({
              stage: 'formal',
              outcome: 'positive',
              criteria: [{ criterion: 'beauty', met: true, justification: 'j' }, ...ALL_MET.slice(1)],
              justification: 'j',
            }),
            'criteria.0.criterion',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/reviews`,
            () => ({ stage: 'formal', outcome: 'positive', criteria: ALL_MET.map((c) => ({ ...c, met: 'tak' })), justification: 'j' }),
            'criteria.0.met',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/reviews`,
            () => ({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: '' }),
            'justification',
          ],
          [
            'official',
            'post',
            () => `/api/v1/projects/${bad.underReview}/reviews`,
            () => ({ stage: 'formal', outcome: 'positive', criteria: 'wszystkie', justification: 'j' }),
            'criteria',
          ],
        ],
      ],
      [
        'POST /api/v1/projects/:id/appeal',
        [
          ['author', 'post', () => `/api/v1/projects/${bad.rejected}/appeal`, () => ({ justification: '' }), 'justification'],
          ['author', 'post', () => `/api/v1/projects/${bad.rejected}/appeal`, () => ({}), 'justification'],
          ['author', 'post', () => `/api/v1/projects/${bad.rejected}/appeal`, () => ({ justification: 'x'.repeat(10_001) }), 'justification'],
        ],
      ],
      [
        'POST /api/v1/projects/:id/appeal-decision',
        [
          ['official', 'post', () => `/api/v1/projects/${bad.appealed}/appeal-decision`, () => ({ upheld: 'tak', justification: 'j' }), 'upheld'],
          ['official', 'post', () => `/api/v1/projects/${bad.appealed}/appeal-decision`, () => ({ upheld: true }), 'justification'],
          ['official', 'post', () => `/api/v1/projects/${bad.appealed}/appeal-decision`, () => ({ justification: 'j' }), 'upheld'],
        ],
      ],
      [
        'PATCH /api/v1/projects/:id',
        [
          ['author', 'patch', () => `/api/v1/projects/${bad.draft}`, () => ({ title: '' }), 'title'],
          ['author', 'patch', () => `/api/v1/projects/${bad.draft}`, () => ({ costItems: [{ description: 'x', amount: 0 }] }), 'costItems.0.amount'],
          ['author', 'patch', () => `/api/v1/projects/${bad.draft}`, () => ({ latitude: 123 }), 'latitude'],
          ['author', 'patch', () => `/api/v1/projects/${bad.draft}`, () => ({ poolId: 'pula' }), 'poolId'],
          ['author', 'patch', () => `/api/v1/projects/${bad.draft}`, () => ({ status: 'admitted' }), 'status'],
        ],
      ],
    ];

    for (const [route, list] of cases) {
      it(`${route}: 422 problem+json naming the field, nothing written`, async () => {
        const before = await counts();
        for (const [who, method, path, body, field] of list) {
          const res = await as(users[who])[method](path()).send(body());
          expect({ field, status: res.status, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
            field,
            status: 422,
            type: 'application/problem+json',
          });
          expect({ field, errors: (res.body.errors as Array<{ field: string }>).map((e) => e.field) }).toEqual({
            field,
            errors: expect.arrayContaining([field]),
          });
        }
        expect(await counts()).toEqual(before);
      });
    }

    it('the fixtures are untouched by the refused writes', async () => {
      const draft = await as(users.author).get(`/api/v1/projects/${bad.draft}`).expect(200);
      expect(draft.body).toMatchObject({ status: 'draft', totalCost: 5_000_000 });
      expect((await as(users.author).get(`/api/v1/merges/${bad.merge}`).expect(200)).body.status).toBe('pending');
      expect((await t.http().get(`/api/v1/projects/${bad.proposal.project}/cost-proposals`).expect(200)).body[0].status).toBe('pending');
      expect((await t.http().get(`/api/v1/projects/${bad.rejected}`).expect(200)).body.status).toBe('rejected');
      expect((await t.http().get(`/api/v1/projects/${bad.appealed}`).expect(200)).body.status).toBe('appealed');
      expect((await t.http().get(`/api/v1/projects/${bad.underReview}`).expect(200)).body.status).toBe('submitted');
    });

    it('a malformed UUID in the path: 404 problem+json (checked before the body), nothing written', async () => {
      const before = await counts();
      const p = bad.underReview;
      const calls: Array<[string, Test]> = [
        ['GET project', t.http().get('/api/v1/projects/not-a-uuid')],
        ['PATCH project', as(users.author).patch('/api/v1/projects/not-a-uuid').send({ summary: 's' })],
        ['submit', as(users.author).post('/api/v1/projects/not-a-uuid/submit')],
        ['endorsement', as(users.resident).post('/api/v1/projects/not-a-uuid/endorsement')],
        [
          'reviews',
          as(users.official).post('/api/v1/projects/not-a-uuid/reviews').send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'j' }),
        ],
        ['resubmit', as(users.author).post('/api/v1/projects/not-a-uuid/resubmit')],
        ['appeal', as(users.author).post('/api/v1/projects/not-a-uuid/appeal').send({ justification: 'j' })],
        ['appeal-decision', as(users.official).post('/api/v1/projects/not-a-uuid/appeal-decision').send({ upheld: true, justification: 'j' })],
        [
          'invite',
          as(users.author)
            .post('/api/v1/projects/not-a-uuid/invitations')
            .send({ email: uniqueEmail('x') }),
        ],
        ['revoke invitation', as(users.author).delete(`/api/v1/projects/${bad.draft}/invitations/not-a-uuid`)],
        ['accept', as(users.invitee).post('/api/v1/projects/not-a-uuid/invitation/accept')],
        ['remove author', as(users.author).delete(`/api/v1/projects/${bad.draft}/authors/not-a-uuid`)],
        ['cost proposal', as(users.official).post('/api/v1/projects/not-a-uuid/cost-proposals').send(costBody)],
        ['cost proposals', t.http().get('/api/v1/projects/not-a-uuid/cost-proposals')],
        ['answer', as(users.author).post(`/api/v1/projects/${bad.proposal.project}/cost-proposals/not-a-uuid/answer`).send({ accept: true })],
        ['merge', as(users.official).post('/api/v1/editions/not-a-uuid/merges').send({ projectIds: exclusionPair, justification: 'j' })],
        ['get merge', as(users.author).get('/api/v1/merges/not-a-uuid')],
        ['consent', as(users.author).post('/api/v1/merges/not-a-uuid/consent').send({ consent: true })],
        ['exclusion', as(users.official).post('/api/v1/editions/not-a-uuid/exclusions').send({ projectIds: exclusionPair, reason: 'r' })],
        ['exclusions', t.http().get('/api/v1/editions/not-a-uuid/exclusions')],
        ['remove exclusion', as(users.official).delete('/api/v1/exclusions/not-a-uuid')],
        ['support list', as(users.official).post('/api/v1/projects/not-a-uuid/support-lists').send({ attachmentId: bad.supportList, signatures: 1 })],
        ['support lists', as(users.official).get('/api/v1/projects/not-a-uuid/support-lists')],
        ['attachments', t.http().get('/api/v1/projects/not-a-uuid/attachments')],
        ['attachment', t.http().get(`/api/v1/projects/${p}/attachments/not-a-uuid`)],
        ['remove attachment', as(users.author).delete(`/api/v1/projects/${bad.draft}/attachments/not-a-uuid`)],
        ['upload', upload(users.author, 'not-a-uuid')],
        ['edition', t.http().get('/api/v1/editions/not-a-uuid')],
        ['admin edition', as(users.admin).get('/api/v1/admin/editions/not-a-uuid')],
        ['ballot', t.http().get('/api/v1/editions/not-a-uuid/ballot')],
        ['implementation', t.http().get('/api/v1/projects/not-a-uuid/implementation')],
        ['implementation update', as(users.official).post('/api/v1/projects/not-a-uuid/implementation').send(progress)],
        ['implementation photo', t.http().get(`/api/v1/projects/${p}/implementation/photos/not-a-uuid`)],
        ['implementation photo upload', photoOf(users.official, 'not-a-uuid')],
        ['edition implementation', t.http().get('/api/v1/editions/not-a-uuid/implementation')],
        ['unknown project', t.http().get(`/api/v1/projects/${NO_SUCH}`)],
      ];
      for (const [name, call] of calls) {
        const res = await call;
        expect({ name, status: res.status, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
          name,
          status: 404,
          type: 'application/problem+json',
        });
        expect({ name, code: res.body.code }).toEqual({ name, code: expect.stringMatching(/_not_found$/) });
      }
      expect(await counts()).toEqual(before);
    });
  });
});
