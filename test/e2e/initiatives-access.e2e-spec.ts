import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { InitiativesHttpModule } from '@civitas/initiatives';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, bearer, createUser, TestUser } from '../factories/users.factory';
import { codeOf, MatrixRow, routeMatrix } from '../helpers/routes';

/**
 * The local initiatives' route × role matrix: every route of the initiatives' controllers, called by each kind of
 * caller, with the status (and, for a refusal, the problem code) each must get. The applications belong to one
 * district (d1) and are written by one resident (the author); they are taken from state to state through the API.
 * Where an action changes state, every caller expected to succeed gets a fixture of its own, so that each attempt is
 * judged on its permission and never on what another caller left.
 */
const WHO = ['anonymous', 'resident', 'author', 'official', 'officialElsewhere', 'cityOfficial', 'moderator', 'admin'] as const;
type Who = (typeof WHO)[number];

/** `'200'` for a success, `'403 forbidden'` for a refusal: the status and the problem's code. */
type Expect = Record<Who, string>;

const TODAY = zonedDate(new Date());
const NO_SUCH = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.from('%PDF-1.4\n% wniosek\n');

const UNAUTHENTICATED = '401 authentication_required';
const FORBIDDEN = '403 forbidden';
const NOT_YOURS = '403 not_your_application';
const NOT_FOUND = '404 initiative_not_found';
const OUT_OF_ORDER = '409 invalid_transition';

/** The same answer for every caller. */
const everyone = (s: string, over: Partial<Expect> = {}): Expect => ({ ...(Object.fromEntries(WHO.map((w) => [w, s])) as Expect), ...over });
/** Any signed-in caller gets `s`; anonymous callers 401. */
const signedIn = (s: string, over: Partial<Expect> = {}): Expect => everyone(s, { anonymous: UNAUTHENTICATED, ...over });
/** @Roles('official') routes: every official (and the admin), whatever the area, passes the role check. */
const officials = (ok: string): Expect => signedIn(ok, { resident: FORBIDDEN, author: FORBIDDEN, moderator: FORBIDDEN });
/** Officials who handle the application: a grant covering its area (the district's, the city's unrestricted one, the admin). */
const runners = (ok: string): Expect => ({ ...officials(ok), officialElsewhere: NOT_YOURS });
/** The author's own routes: `ok` for the author, `others` for everyone else signed in. */
const authorOnly = (ok: string, others: string): Expect => signedIn(others, { author: ok });
/** Admin routes. */
const adminOnly = (ok: string): Expect => signedIn(FORBIDDEN, { admin: ok });

type Row<F> = MatrixRow<Who, F>;
const row = <F>(r: Row<F>): Row<unknown> => r as Row<unknown>;

/** The states an application is taken through, in order. */
const STAGES = [
  'draft',
  'submitted',
  'registered',
  'formal_check',
  'evaluation',
  'scored',
  'approved',
  'agreement_drafted',
  'agreement_signed',
  'in_progress',
  'reported',
] as const;
type Stage = (typeof STAGES)[number];

const PROGRAMME = { intake: 'continuous', allocation: 100_000_000_00, minApplicants: 3, criteria: CRITERIA, correctionDays: 7, volunteerHourValue: 3_500 };
const SCORES = { scores: { volunteer: 8, purpose: 7, cost: 4 } };
const DECISION = { approve: true, purposefulness: 'Służy całemu osiedlu.', reason: 'Zgodny z programem.' };
const TERM = { termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-09-30` };
const REPORT = {
  summary: 'Mural namalowany, sześć ławek ustawionych.',
  volunteerPeople: 12,
  volunteerHours: 10,
  inKind: [{ item: 'Pędzle i wałki', value: 25_000 }],
  cash: 40_000,
  cityShare: [{ kind: 'materials', description: 'Farby elewacyjne', value: 550_000 }],
};

describe('local initiatives: access and input (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let users: Record<Exclude<Who, 'anonymous'>, TestUser>;
  let d1: string;
  let n = 0;

  const as = (u: TestUser) => actingAs(t, u);
  const send = (who: Who, req: Test): Test => (who === 'anonymous' ? req : req.set(...bearer(users[who].token)));
  const count = async (table: string): Promise<number> => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;
  const statusOf = async (id: string): Promise<string> =>
    ((await db.query(`SELECT status FROM initiatives WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  const A = (id: string, rest = '') => `/api/v1/admin/initiatives/${id}${rest}`;
  const P = (id: string, rest = '') => `/api/v1/initiatives/${id}${rest}`;

  /**
   * An application of the author's taken through the API up to `stage`: submitted by the author, then handled by the
   * official of d1 (scored once by that official; `reported`: in progress with the author's final report).
   */
  async function app(stage: Stage, o: Record<string, unknown> = {}): Promise<string> {
    const id = (
      await as(users.author)
        .post('/api/v1/initiatives')
        .send(application({ areaId: d1, title: `Ławki ${++n}`, ...o }))
        .expect(201)
    ).body.id as string;
    const steps: Array<[Stage, () => Promise<unknown>]> = [
      ['submitted', () => as(users.author).post(P(id, '/submit')).expect(200)],
      ['registered', () => as(users.official).post(A(id, '/register')).expect(200)],
      ['formal_check', () => as(users.official).post(A(id, '/formal-check')).expect(200)],
      ['evaluation', () => as(users.official).post(A(id, '/formal-check/pass')).expect(200)],
      ['scored', () => as(users.official).put(A(id, '/scores')).send(SCORES).expect(200)],
      ['approved', () => as(users.official).post(A(id, '/decision')).send(DECISION).expect(200)],
      ['agreement_drafted', () => as(users.official).post(A(id, '/agreement')).send(TERM).expect(200)],
      ['agreement_signed', () => as(users.official).post(A(id, '/agreement/sign')).send({ signedOn: TODAY }).expect(200)],
      ['in_progress', () => as(users.official).post(A(id, '/start')).expect(200)],
      ['reported', () => as(users.author).post(P(id, '/final-report')).send(REPORT).expect(200)],
    ];
    for (const [reached, step] of steps) {
      if (STAGES.indexOf(reached) > STAGES.indexOf(stage)) break;
      await step();
    }
    return id;
  }
  const at =
    (stage: Stage, o: Record<string, unknown> = {}) =>
    () =>
      app(stage, o);
  /** A draft with an attachment, taken to `stage` (attachments are added while it is a draft). */
  const withAttachment = (stage: Stage) => async (): Promise<{ id: string; attachment: string }> => {
    const id = await app('draft');
    const attachment = (
      await as(users.author)
        .post(P(id, `/attachments?kind=support_list&name=lista-${++n}.pdf`))
        .set('content-type', 'application/pdf')
        .send(PDF)
        .expect(201)
    ).body.id as string;
    if (stage !== 'draft') await as(users.author).post(P(id, '/submit')).expect(200);
    return { id, attachment };
  };
  /** Sent back for correction (the deadline a week away). */
  const inCorrection = async (): Promise<string> => {
    const id = await app('formal_check');
    await as(users.official).post(A(id, '/request-correction')).send({ note: 'Dołączcie listę poparcia.' }).expect(200);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    d1 = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const d2 = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    users = {
      resident: await createUser(t, { displayName: 'Mieszkaniec' }),
      author: await createUser(t, { displayName: 'Anna Nowak' }),
      official: await createUser(t, { grants: [{ role: 'official', areaId: d1 }] }),
      officialElsewhere: await createUser(t, { grants: [{ role: 'official', areaId: d2 }] }),
      cityOfficial: await createUser(t, { grants: [{ role: 'official', areaId: null }] }),
      moderator: await createUser(t, { grants: [{ role: 'moderator', areaId: null }] }),
      admin: await createUser(t, { grants: [{ role: 'admin', areaId: null }] }),
    };
    await as(users.admin).put(`/api/v1/admin/initiative-programmes/${YEAR}`).send(PROGRAMME).expect(200);
  }, 180_000);
  afterAll(() => t?.close());

  describe('route × role matrix', () => {
    const routes: Array<Row<unknown>> = [
      // The programme.
      row({ route: 'GET /api/v1/initiative-programmes/:year', call: () => t.http().get(`/api/v1/initiative-programmes/${YEAR}`), expect: everyone('200') }),
      row({
        route: 'GET /api/v1/initiative-programmes/:year (no programme that year)',
        call: () => t.http().get('/api/v1/initiative-programmes/1999'),
        expect: everyone('404 programme_not_found'),
      }),
      row({
        route: 'PUT /api/v1/admin/initiative-programmes/:year',
        call: () => t.http().put(`/api/v1/admin/initiative-programmes/${YEAR}`).send(PROGRAMME),
        expect: adminOnly('200'),
      }),

      // The public register and the author's applications.
      row({ route: 'GET /api/v1/initiatives', call: () => t.http().get(`/api/v1/initiatives?year=${YEAR}`), expect: everyone('200') }),
      row({ route: 'GET /api/v1/initiatives/:id (submitted)', fixture: at('submitted'), call: (id) => t.http().get(P(id as string)), expect: everyone('200') }),
      row({
        route: "GET /api/v1/initiatives/:id (a draft: its author's alone)",
        fixture: at('draft'),
        call: (id) => t.http().get(P(id as string)),
        expect: everyone(NOT_FOUND, { author: '200' }),
      }),
      row({ route: 'GET /api/v1/me/initiatives', call: () => t.http().get('/api/v1/me/initiatives'), expect: signedIn('200') }),
      row({
        route: 'POST /api/v1/initiatives',
        call: () =>
          t
            .http()
            .post('/api/v1/initiatives')
            .send({ year: YEAR, applicantType: 'residents', title: `Szkic ${++n}` }),
        expect: signedIn('201'),
      }),
      row({
        route: 'PATCH /api/v1/initiatives/:id (a draft)',
        fixture: at('draft'),
        call: (id) =>
          t
            .http()
            .patch(P(id as string))
            .send({ title: `Zmiana ${++n}` }),
        expect: authorOnly('200', NOT_FOUND),
      }),
      row({
        route: 'PATCH /api/v1/initiatives/:id (submitted)',
        fixture: at('submitted'),
        call: (id) =>
          t
            .http()
            .patch(P(id as string))
            .send({ title: 'Po złożeniu' }),
        expect: authorOnly(OUT_OF_ORDER, NOT_YOURS),
      }),
      row({
        route: 'PATCH /api/v1/initiatives/:id (sent back for correction)',
        fixture: inCorrection,
        call: (id) =>
          t
            .http()
            .patch(P(id as string))
            .send({ description: `Poprawiony opis ${++n}.` }),
        expect: authorOnly('200', NOT_YOURS),
      }),
      row({
        route: 'POST /api/v1/initiatives/:id/submit (a complete draft)',
        fixture: at('draft'),
        call: (id) => t.http().post(P(id as string, '/submit')),
        expect: authorOnly('200', NOT_FOUND),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/initiatives/:id/submit (submitted already)',
        fixture: at('submitted'),
        call: (id) => t.http().post(P(id as string, '/submit')),
        expect: authorOnly(OUT_OF_ORDER, NOT_YOURS),
      }),

      // Attachments.
      row({
        route: 'POST /api/v1/initiatives/:id/attachments (a draft)',
        fixture: at('draft'),
        call: (id) =>
          t
            .http()
            .post(P(id as string, `/attachments?kind=other&name=plan-${++n}.pdf`))
            .set('content-type', 'application/pdf')
            .send(PDF),
        expect: authorOnly('201', NOT_FOUND),
      }),
      row({
        route: 'POST /api/v1/initiatives/:id/attachments (submitted)',
        fixture: at('submitted'),
        call: (id) =>
          t
            .http()
            .post(P(id as string, '/attachments?kind=other&name=za-pozno.pdf'))
            .set('content-type', 'application/pdf')
            .send(PDF),
        expect: authorOnly(OUT_OF_ORDER, NOT_YOURS),
      }),
      row({
        route: 'GET /api/v1/initiatives/:id/attachments/:attachmentId (submitted: the author and the officials of the area)',
        fixture: withAttachment('submitted'),
        call: (f) => {
          const { id, attachment } = f as { id: string; attachment: string };
          return t.http().get(P(id, `/attachments/${attachment}`));
        },
        // Anyone else is told the application does not exist, although its public parts are in the register.
        expect: signedIn(NOT_FOUND, { author: '200', official: '200', cityOfficial: '200', admin: '200' }),
      }),
      row({
        route: "GET /api/v1/initiatives/:id/attachments/:attachmentId (a draft: its author's alone)",
        fixture: withAttachment('draft'),
        call: (f) => {
          const { id, attachment } = f as { id: string; attachment: string };
          return t.http().get(P(id, `/attachments/${attachment}`));
        },
        expect: authorOnly('200', NOT_FOUND),
      }),

      // Registration (officials).
      row({ route: 'GET /api/v1/admin/initiatives', call: () => t.http().get(`/api/v1/admin/initiatives?year=${YEAR}`), expect: officials('200') }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/register (submitted)',
        fixture: at('submitted'),
        call: (id) => t.http().post(A(id as string, '/register')),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/register (a draft)',
        fixture: at('draft'),
        call: (id) => t.http().post(A(id as string, '/register')),
        expect: officials(NOT_FOUND),
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/register (registered already)',
        fixture: at('registered'),
        call: (id) => t.http().post(A(id as string, '/register')),
        expect: runners(OUT_OF_ORDER),
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/register (naming no area)',
        fixture: async () => {
          const id = (
            await as(users.author)
              .post('/api/v1/initiatives')
              .send(application({ title: `Bez obszaru ${++n}` }))
              .expect(201)
          ).body.id as string;
          await as(users.author).post(P(id, '/submit')).expect(200);
          return id;
        },
        call: (id) => t.http().post(A(id as string, '/register')),
        // An application that names no area concerns the whole city: officials with a city-wide grant handle it.
        expect: { ...runners('200'), official: NOT_YOURS },
        fresh: true,
      }),

      // The formal check.
      row({
        route: 'POST /api/v1/admin/initiatives/:id/formal-check (registered)',
        fixture: at('registered'),
        call: (id) => t.http().post(A(id as string, '/formal-check')),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/formal-check (submitted, not registered)',
        fixture: at('submitted'),
        call: (id) => t.http().post(A(id as string, '/formal-check')),
        expect: runners(OUT_OF_ORDER),
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/request-correction',
        fixture: at('formal_check'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/request-correction'))
            .send({ note: 'Dołączcie listę poparcia.' }),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/formal-check/pass',
        fixture: at('formal_check'),
        call: (id) => t.http().post(A(id as string, '/formal-check/pass')),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/formal-check/fail',
        fixture: at('formal_check'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/formal-check/fail'))
            .send({ reason: 'Wniosek złożyło dwóch mieszkańców.' }),
        expect: runners('200'),
        fresh: true,
      }),

      // Scores and the decision.
      row({
        route: 'PUT /api/v1/admin/initiatives/:id/scores (evaluation)',
        fixture: at('evaluation'),
        call: (id) =>
          t
            .http()
            .put(A(id as string, '/scores'))
            .send(SCORES),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'PUT /api/v1/admin/initiatives/:id/scores (formal check: not being scored)',
        fixture: at('formal_check'),
        call: (id) =>
          t
            .http()
            .put(A(id as string, '/scores'))
            .send(SCORES),
        expect: runners(OUT_OF_ORDER),
      }),
      row({
        route: "GET /api/v1/admin/initiatives/:id/scores (before one's own)",
        fixture: at('evaluation'),
        call: (id) => t.http().get(A(id as string, '/scores')),
        expect: runners('409 scores_hidden'),
      }),
      row({
        route: 'GET /api/v1/admin/initiatives/:id/scores (forDecision: recorded)',
        fixture: at('scored'),
        call: (id) => t.http().get(A(id as string, '/scores?forDecision=true')),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/decision (scored)',
        fixture: at('scored'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/decision'))
            .send(DECISION),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/decision (no scores yet)',
        fixture: at('evaluation'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/decision'))
            .send(DECISION),
        expect: runners('409 no_scores'),
      }),

      // The agreement.
      row({
        route: 'POST /api/v1/admin/initiatives/:id/agreement (approved)',
        fixture: at('approved'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/agreement'))
            .send(TERM),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/agreement (registered)',
        fixture: at('registered'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/agreement'))
            .send(TERM),
        expect: runners(OUT_OF_ORDER),
      }),
      row({
        route: 'GET /api/v1/admin/initiatives/:id/agreement (drafted)',
        fixture: at('agreement_drafted'),
        call: (id) => t.http().get(A(id as string, '/agreement')),
        expect: runners('200'),
      }),
      row({
        route: 'GET /api/v1/admin/initiatives/:id/agreement (approved: none yet)',
        fixture: at('approved'),
        call: (id) => t.http().get(A(id as string, '/agreement')),
        expect: runners('404 agreement_not_found'),
      }),
      row({
        route: 'GET /api/v1/initiatives/:id/agreement (drafted: the author and the officials of the area)',
        fixture: at('agreement_drafted'),
        call: (id) => t.http().get(P(id as string, '/agreement')),
        expect: signedIn(NOT_YOURS, { author: '200', official: '200', cityOfficial: '200', admin: '200' }),
      }),
      row({
        route: 'GET /api/v1/initiatives/:id/agreement (approved: none yet)',
        fixture: at('approved'),
        call: (id) => t.http().get(P(id as string, '/agreement')),
        expect: signedIn(NOT_YOURS, {
          author: '404 agreement_not_found',
          official: '404 agreement_not_found',
          cityOfficial: '404 agreement_not_found',
          admin: '404 agreement_not_found',
        }),
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/agreement/sign (drafted)',
        fixture: at('agreement_drafted'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/agreement/sign'))
            .send({ signedOn: TODAY }),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/start (signed)',
        fixture: at('agreement_signed'),
        call: (id) => t.http().post(A(id as string, '/start')),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/start (drafted, not signed)',
        fixture: at('agreement_drafted'),
        call: (id) => t.http().post(A(id as string, '/start')),
        expect: runners(OUT_OF_ORDER),
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/terminate (signed)',
        fixture: at('agreement_signed'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/terminate'))
            .send({ reason: 'Wnioskodawcy zrezygnowali.' }),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/terminate (drafted: nothing signed)',
        fixture: at('agreement_drafted'),
        call: (id) =>
          t
            .http()
            .post(A(id as string, '/terminate'))
            .send({ reason: 'Brak.' }),
        expect: runners(OUT_OF_ORDER),
      }),
      row({
        route: 'POST /api/v1/initiatives/:id/final-report (in progress)',
        fixture: at('in_progress'),
        call: (id) =>
          t
            .http()
            .post(P(id as string, '/final-report'))
            .send(REPORT),
        expect: authorOnly('200', NOT_YOURS),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/initiatives/:id/final-report (signed, not started)',
        fixture: at('agreement_signed'),
        call: (id) =>
          t
            .http()
            .post(P(id as string, '/final-report'))
            .send(REPORT),
        expect: authorOnly(OUT_OF_ORDER, NOT_YOURS),
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/complete (reported)',
        fixture: at('reported'),
        call: (id) => t.http().post(A(id as string, '/complete')),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/initiatives/:id/complete (in progress, no report)',
        fixture: at('in_progress'),
        call: (id) => t.http().post(A(id as string, '/complete')),
        expect: runners('409 final_report_missing'),
      }),
    ];

    routeMatrix({ name: 'initiatives', httpModule: InitiativesHttpModule, routeCount: 27, rows: routes, callers: WHO, send, timeoutMs: 60_000 });
  });

  describe('bad input on every write route', () => {
    /** One application in each state a write route acts on, plus an incomplete draft. */
    let s: Record<'draft' | 'incomplete' | 'formalCheck' | 'evaluation' | 'scored' | 'approved' | 'drafted' | 'signed' | 'inProgress', string>;
    let before: Record<string, string>;

    beforeAll(async () => {
      s = {
        draft: await app('draft'),
        incomplete: (
          await as(users.author).post('/api/v1/initiatives').send({ year: YEAR, applicantType: 'residents', title: 'Niedokończony', areaId: d1 }).expect(201)
        ).body.id as string,
        formalCheck: await app('formal_check'),
        evaluation: await app('evaluation'),
        scored: await app('scored'),
        approved: await app('approved'),
        drafted: await app('agreement_drafted'),
        signed: await app('agreement_signed'),
        inProgress: await app('in_progress'),
      };
      before = Object.fromEntries(await Promise.all(Object.entries(s).map(async ([k, id]) => [k, await statusOf(id)] as const)));
    }, 120_000);

    const tables = [
      'initiative_programmes',
      'initiatives',
      'initiative_applicants',
      'initiative_attachments',
      'initiative_evaluations',
      'notification_events',
      'audit_log',
    ];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(x)] as const)));

    type Case = [who: Exclude<Who, 'anonymous'>, method: 'post' | 'put' | 'patch', path: () => string, body: () => object, field: string];
    const future = `${YEAR + 1}-01-01`;
    const cases: Array<[string, Case[]]> = [
      [
        'PUT /api/v1/admin/initiative-programmes/:year',
        [
          ['admin', 'put', () => `/api/v1/admin/initiative-programmes/${YEAR}`, () => ({ ...PROGRAMME, intake: 'monthly' }), 'intake'],
          ['admin', 'put', () => `/api/v1/admin/initiative-programmes/${YEAR}`, () => ({ ...PROGRAMME, intake: 'windows' }), 'windows'],
          [
            'admin',
            'put',
            () => `/api/v1/admin/initiative-programmes/${YEAR}`,
            () => ({ ...PROGRAMME, windows: [{ opensOn: '1 marca', closesOn: `${YEAR}-03-31` }] }),
            'windows.0.opensOn',
          ],
          ['admin', 'put', () => `/api/v1/admin/initiative-programmes/${YEAR}`, () => ({ ...PROGRAMME, allocation: 0 }), 'allocation'],
          ['admin', 'put', () => `/api/v1/admin/initiative-programmes/${YEAR}`, () => ({ ...PROGRAMME, minApplicants: 'trzech' }), 'minApplicants'],
          ['admin', 'put', () => `/api/v1/admin/initiative-programmes/${YEAR}`, () => ({ ...PROGRAMME, criteria: CRITERIA.slice(1) }), 'criteria'],
          [
            'admin',
            'put',
            () => `/api/v1/admin/initiative-programmes/${YEAR}`,
            () => ({ ...PROGRAMME, criteria: [{ ...CRITERIA[0], weight: 0 }, ...CRITERIA.slice(1)] }),
            'criteria.0.weight',
          ],
          [
            'admin',
            'put',
            () => `/api/v1/admin/initiative-programmes/${YEAR}`,
            () => ({ ...PROGRAMME, criteria: [...CRITERIA, { ...CRITERIA[1], volunteerWork: false }] }),
            'criteria.3.key',
          ],
          ['admin', 'put', () => `/api/v1/admin/initiative-programmes/${YEAR}`, () => ({ ...PROGRAMME, correctionDays: 0 }), 'correctionDays'],
          ['admin', 'put', () => `/api/v1/admin/initiative-programmes/${YEAR}`, () => ({ ...PROGRAMME, volunteerHourValue: undefined }), 'volunteerHourValue'],
        ],
      ],
      [
        'POST /api/v1/initiatives',
        [
          ['author', 'post', () => '/api/v1/initiatives', () => ({ year: YEAR, applicantType: 'residents' }), 'title'],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ title: '<b></b>' }), 'title'],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ applicantType: 'company' }), 'applicantType'],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ taskArea: 'lottery' }), 'taskArea'],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ ngoKrs: '12' }), 'ngoKrs'],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ contactEmail: 'nie-adres' }), 'contactEmail'],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ totalCost: -1 }), 'totalCost'],
          [
            'author',
            'post',
            () => '/api/v1/initiatives',
            () => application({ cityShare: [{ kind: 'cash', description: 'Pieniądze', value: 100 }] }),
            'cityShare.0.kind',
          ],
          [
            'author',
            'post',
            () => '/api/v1/initiatives',
            () => application({ schedule: [{ from: 'jutro', to: `${YEAR}-06-01`, activity: 'x' }] }),
            'schedule.0.from',
          ],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ areaId: NO_SUCH }), 'areaId'],
          ['author', 'post', () => '/api/v1/initiatives', () => application({ year: 1999 }), 'year'],
        ],
      ],
      [
        'PATCH /api/v1/initiatives/:id',
        [
          ['author', 'patch', () => P(s.draft), () => ({ title: 7 }), 'title'],
          ['author', 'patch', () => P(s.draft), () => ({ contactEmail: 'nie-adres' }), 'contactEmail'],
          ['author', 'patch', () => P(s.draft), () => ({ areaId: 'oliwa' }), 'areaId'],
          ['author', 'patch', () => P(s.draft), () => ({ areaId: NO_SUCH }), 'areaId'],
          ['author', 'patch', () => P(s.draft), () => ({ applicants: [{ firstName: 'Jan', lastName: 'Nowak' }] }), 'applicants.0.address'],
          ['author', 'patch', () => P(s.draft), () => ({ inKind: [{ item: '<i></i>', value: 5 }] }), 'inKind.0.item'],
          ['author', 'patch', () => P(s.draft), () => ({ volunteerHours: 1.5 }), 'volunteerHours'],
          ['author', 'patch', () => P(s.draft), () => ({ status: 'submitted' }), 'status'],
        ],
      ],
      ['POST /api/v1/initiatives/:id/submit', [['author', 'post', () => P(s.incomplete, '/submit'), () => ({}), 'description']]],
      [
        'POST /api/v1/initiatives/:id/attachments',
        [
          ['author', 'post', () => P(s.draft, '/attachments?kind=passport&name=x.pdf'), () => PDF, 'kind'],
          ['author', 'post', () => P(s.draft, '/attachments?kind=other'), () => PDF, 'name'],
        ],
      ],
      [
        'POST /api/v1/admin/initiatives/:id/request-correction',
        [
          ['official', 'post', () => A(s.formalCheck, '/request-correction'), () => ({}), 'note'],
          ['official', 'post', () => A(s.formalCheck, '/request-correction'), () => ({ note: '' }), 'note'],
          ['official', 'post', () => A(s.formalCheck, '/request-correction'), () => ({ note: '<b></b>' }), 'note'],
          ['official', 'post', () => A(s.formalCheck, '/request-correction'), () => ({ note: 'x'.repeat(5001) }), 'note'],
        ],
      ],
      [
        'POST /api/v1/admin/initiatives/:id/formal-check/fail',
        [
          ['official', 'post', () => A(s.formalCheck, '/formal-check/fail'), () => ({}), 'reason'],
          ['official', 'post', () => A(s.formalCheck, '/formal-check/fail'), () => ({ reason: ' ' }), 'reason'],
          ['official', 'post', () => A(s.formalCheck, '/formal-check/fail'), () => ({ reason: 5 }), 'reason'],
        ],
      ],
      [
        'PUT /api/v1/admin/initiatives/:id/scores',
        [
          ['official', 'put', () => A(s.evaluation, '/scores'), () => ({ scores: 'dziesięć' }), 'scores'],
          ['official', 'put', () => A(s.evaluation, '/scores'), () => ({}), 'scores'],
          ['official', 'put', () => A(s.evaluation, '/scores'), () => ({ scores: { volunteer: 11, purpose: 1, cost: 1 } }), 'scores.volunteer'],
          ['official', 'put', () => A(s.evaluation, '/scores'), () => ({ scores: { volunteer: 1, purpose: 2.5, cost: 1 } }), 'scores.purpose'],
          ['official', 'put', () => A(s.evaluation, '/scores'), () => ({ scores: { volunteer: 1, purpose: 1 } }), 'scores.cost'],
          ['official', 'put', () => A(s.evaluation, '/scores'), () => ({ scores: { volunteer: 1, purpose: 1, cost: 1, bogus: 1 } }), 'scores.bogus'],
          ['official', 'put', () => A(s.evaluation, '/scores'), () => ({ ...SCORES, remarks: 5 }), 'remarks'],
        ],
      ],
      [
        'POST /api/v1/admin/initiatives/:id/decision',
        [
          ['official', 'post', () => A(s.scored, '/decision'), () => ({ ...DECISION, approve: 'tak' }), 'approve'],
          ['official', 'post', () => A(s.scored, '/decision'), () => ({ approve: true }), 'purposefulness'],
          ['official', 'post', () => A(s.scored, '/decision'), () => ({ approve: true }), 'reason'],
          ['official', 'post', () => A(s.scored, '/decision'), () => ({ ...DECISION, purposefulness: '<p></p>' }), 'purposefulness'],
          ['official', 'post', () => A(s.scored, '/decision'), () => ({ ...DECISION, reason: 'x'.repeat(5001) }), 'reason'],
        ],
      ],
      [
        'POST /api/v1/admin/initiatives/:id/agreement',
        [
          ['official', 'post', () => A(s.approved, '/agreement'), () => ({ ...TERM, termFrom: 'jutro' }), 'termFrom'],
          ['official', 'post', () => A(s.approved, '/agreement'), () => ({ termFrom: TERM.termFrom }), 'termTo'],
          ['official', 'post', () => A(s.approved, '/agreement'), () => ({ termFrom: `${YEAR}-09-30`, termTo: `${YEAR}-06-01` }), 'termTo'],
          ['official', 'post', () => A(s.approved, '/agreement'), () => ({ ...TERM, number: '<b></b>' }), 'number'],
          ['official', 'post', () => A(s.approved, '/agreement'), () => ({ ...TERM, number: 5 }), 'number'],
        ],
      ],
      [
        'POST /api/v1/admin/initiatives/:id/agreement/sign',
        [
          ['official', 'post', () => A(s.drafted, '/agreement/sign'), () => ({}), 'signedOn'],
          ['official', 'post', () => A(s.drafted, '/agreement/sign'), () => ({ signedOn: future }), 'signedOn'],
          ['official', 'post', () => A(s.drafted, '/agreement/sign'), () => ({ signedOn: 'dziś' }), 'signedOn'],
        ],
      ],
      [
        'POST /api/v1/admin/initiatives/:id/terminate',
        [
          ['official', 'post', () => A(s.signed, '/terminate'), () => ({}), 'reason'],
          ['official', 'post', () => A(s.signed, '/terminate'), () => ({ reason: '<b> </b>' }), 'reason'],
        ],
      ],
      [
        'POST /api/v1/initiatives/:id/final-report',
        [
          ['author', 'post', () => P(s.inProgress, '/final-report'), () => ({ ...REPORT, summary: '<b></b>' }), 'summary'],
          ['author', 'post', () => P(s.inProgress, '/final-report'), () => ({ ...REPORT, volunteerPeople: -1 }), 'volunteerPeople'],
          ['author', 'post', () => P(s.inProgress, '/final-report'), () => ({ ...REPORT, cash: 'dużo' }), 'cash'],
          [
            'author',
            'post',
            () => P(s.inProgress, '/final-report'),
            () => ({ ...REPORT, cityShare: [{ kind: 'cash', description: 'Pieniądze', value: 1 }] }),
            'cityShare.0.kind',
          ],
          ['author', 'post', () => P(s.inProgress, '/final-report'), () => ({ ...REPORT, inKind: [{ item: '<i></i>', value: 0 }] }), 'inKind.0.item'],
          ['author', 'post', () => P(s.inProgress, '/final-report'), () => ({ ...REPORT, volunteerPeople: 0, inKind: [], cash: 0 }), 'volunteerHours'],
          ['author', 'post', () => P(s.inProgress, '/final-report'), () => ({ summary: 'Zrobione.' }), 'inKind'],
        ],
      ],
    ];

    for (const [route, list] of cases) {
      it(`${route}: 422 problem+json naming the field, nothing written`, async () => {
        const c0 = await counts();
        for (const [who, method, path, body, field] of list) {
          const b = body();
          const req = t
            .http()
            [method](path())
            .set(...bearer(users[who].token));
          const res = await (Buffer.isBuffer(b) ? req.set('content-type', 'application/pdf').send(b) : req.send(b));
          expect({ field, status: res.status, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
            field,
            status: 422,
            type: 'application/problem+json',
          });
          expect({ field, errors: ((res.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field) }).toEqual({
            field,
            errors: expect.arrayContaining([field]),
          });
        }
        expect(await counts()).toEqual(c0);
      });
    }

    it('the fixtures are untouched by the refused writes', async () => {
      const after = Object.fromEntries(await Promise.all(Object.entries(s).map(async ([k, id]) => [k, await statusOf(id)] as const)));
      expect(after).toEqual(before);
      const d = (await as(users.author).get(P(s.draft)).expect(200)).body;
      expect(d).toMatchObject({
        title: expect.stringMatching(/^Ławki \d+$/),
        contactEmail: 'anna.nowak@example.pl',
        areaId: d1,
        applicantsCount: 3,
        attachments: [],
      });
      const p = (await t.http().get(`/api/v1/initiative-programmes/${YEAR}`).expect(200)).body;
      expect(p).toMatchObject({ intake: 'continuous', allocation: PROGRAMME.allocation, minApplicants: 3, correctionDays: 7, volunteerHourValue: 3_500 });
      expect(p.criteria).toHaveLength(3);
      const r = (await db.query(`SELECT final_report FROM initiatives WHERE id = $1`, [s.inProgress])) as Array<{ final_report: unknown }>;
      expect(r[0].final_report).toBeNull();
      expect((await db.query(`SELECT agreement_number FROM initiatives WHERE id = $1`, [s.approved]))[0].agreement_number).toBeNull();
    });

    it('a malformed id in the path: 404 problem+json (checked before the body), nothing written', async () => {
      const c0 = await counts();
      const X = 'not-a-uuid';
      const u = users;
      const programme = { ...PROGRAMME };
      const att = (await as(u.author).post(P(s.draft, '/attachments?kind=other&name=plan.pdf')).set('content-type', 'application/pdf').send(PDF).expect(201))
        .body.id as string;
      const c1 = await counts();
      const pdf = (req: Test) => req.set('content-type', 'application/pdf').send(PDF);
      const calls: Array<[string, Test]> = [
        ['programme', t.http().get('/api/v1/initiative-programmes/dwa-tysiące')],
        ['put programme', as(u.admin).put('/api/v1/admin/initiative-programmes/dwa-tysiące').send(programme)],
        ['application', t.http().get(P(X))],
        ['application (signed in)', as(u.official).get(P(X))],
        ['update', as(u.author).patch(P(X)).send({ title: 't' })],
        ['submit', as(u.author).post(P(X, '/submit'))],
        ['attach', pdf(as(u.author).post(P(X, '/attachments?kind=other&name=a.pdf')))],
        ['download (application)', as(u.author).get(P(X, `/attachments/${att}`))],
        ['download (attachment)', as(u.author).get(P(s.draft, `/attachments/${X}`))],
        ['register', as(u.official).post(A(X, '/register'))],
        ['formal check', as(u.official).post(A(X, '/formal-check'))],
        ['request correction', as(u.official).post(A(X, '/request-correction')).send({ note: 'n' })],
        ['pass', as(u.official).post(A(X, '/formal-check/pass'))],
        ['fail', as(u.official).post(A(X, '/formal-check/fail')).send({ reason: 'r' })],
        ['score', as(u.official).put(A(X, '/scores')).send(SCORES)],
        ['scores', as(u.official).get(A(X, '/scores'))],
        ['decision', as(u.official).post(A(X, '/decision')).send(DECISION)],
        ['agreement', as(u.official).post(A(X, '/agreement')).send(TERM)],
        ['agreement document', as(u.official).get(A(X, '/agreement'))],
        ['sign', as(u.official).post(A(X, '/agreement/sign')).send({ signedOn: TODAY })],
        ['start', as(u.official).post(A(X, '/start'))],
        ['terminate', as(u.official).post(A(X, '/terminate')).send({ reason: 'r' })],
        ['complete', as(u.official).post(A(X, '/complete'))],
        ['my agreement document', as(u.author).get(P(X, '/agreement'))],
        ['final report', as(u.author).post(P(X, '/final-report')).send(REPORT)],
        // Well-formed ids (and years) of nothing.
        ['unknown year', t.http().get('/api/v1/initiative-programmes/1999')],
        ['unknown application', t.http().get(P(NO_SUCH))],
        ['unknown application (official)', as(u.official).post(A(NO_SUCH, '/register'))],
        ['unknown application (author)', as(u.author).post(P(NO_SUCH, '/final-report')).send(REPORT)],
        ['unknown attachment', as(u.author).get(P(s.draft, `/attachments/${NO_SUCH}`))],
        ["another application's attachment", as(u.author).get(P(s.formalCheck, `/attachments/${att}`))],
      ];
      for (const [name, call] of calls) {
        const res = await call;
        expect({ name, status: res.status, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
          name,
          status: 404,
          type: 'application/problem+json',
        });
        expect({ name, code: codeOf(res) }).toEqual({ name, code: expect.stringMatching(/_not_found$/) });
      }
      // A year beyond what the year column holds is no programme either (404 programme_not_found expected).
      const huge: Array<[string, Test]> = [
        ['year beyond any programme', t.http().get('/api/v1/initiative-programmes/99999999999')],
        ['put year beyond any programme', as(u.admin).put('/api/v1/admin/initiative-programmes/99999999999').send(programme)],
      ];
      const seen: string[] = [];
      for (const [name, call] of huge) {
        const res = await call;
        seen.push(`${name}: ${res.status} ${codeOf(res)}`);
      }
      expect(seen).toEqual(['year beyond any programme: 404 programme_not_found', 'put year beyond any programme: 404 programme_not_found']);
      expect(await counts()).toEqual(c1);
      expect(c1).toEqual({ ...c0, initiative_attachments: c0.initiative_attachments + 1 });
    });
  });
});
