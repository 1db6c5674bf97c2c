import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { ConsultationsHttpModule, ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { mailTo } from '../helpers/mail-files';
import { actingAs, bearer, createUser, TestUser, uniqueEmail } from '../factories/users.factory';
import { codeOf, MatrixRow, routeMatrix } from '../helpers/routes';

/**
 * The consultations' route × role matrix: every route of the consultations' controllers, called by each kind of
 * caller, with the status (and, for a refusal, the problem code) each must get. The consultations belong to one
 * district (d1) and are created through the API by an official of that district. Where an action changes state,
 * every caller expected to succeed gets a fixture of its own, so that each attempt is judged on its permission and
 * never on what another caller left.
 */
const WHO = ['anonymous', 'resident', 'organisation', 'moderator', 'official', 'officialElsewhere', 'cityOfficial', 'admin'] as const;
type Who = (typeof WHO)[number];

/** `'200'` for a success, `'403 forbidden'` for a refusal: the status and the problem's code. */
type Expect = Record<Who, string>;

const DAY = 86_400_000;
const inDays = (n: number, hours = 0) => new Date(Date.now() + n * DAY + hours * 3_600_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

const UNAUTHENTICATED = '401 authentication_required';
const FORBIDDEN = '403 forbidden';
const NOT_HIS_AREA = '403 not_an_official_of_area';

/** The same answer for every caller. */
const everyone = (s: string, over: Partial<Expect> = {}): Expect => ({ ...(Object.fromEntries(WHO.map((w) => [w, s])) as Expect), ...over });
/** Any signed-in caller gets `s`; anonymous callers 401. */
const signedIn = (s: string, over: Partial<Expect> = {}): Expect => everyone(s, { anonymous: UNAUTHENTICATED, ...over });
/** @Roles('official') routes that look at no area: every official (and the admin), whatever the area. */
const officials = (ok: string): Expect => signedIn(ok, { resident: FORBIDDEN, organisation: FORBIDDEN, moderator: FORBIDDEN });
/** Officials who run the consultation: a grant covering its area (the district's, the city's unrestricted one, the admin). */
const runners = (ok: string): Expect => ({ ...officials(ok), officialElsewhere: NOT_HIS_AREA });
/** Moderation: moderators (unrestricted here) and the officials who run the consultation. */
const moderators = (ok: string): Expect => ({ ...runners(ok), moderator: ok });
/** Admin routes. */
const adminOnly = (ok: string): Expect => signedIn(FORBIDDEN, { admin: ok });
/** Participants of an NGO-only consultation: only the organisation's account. */
const ngoOnly = (ok: string, anonymous = UNAUTHENTICATED): Expect => signedIn('403 ngo_only', { organisation: ok, anonymous });

type Row<F> = MatrixRow<Who, F>;
const row = <F>(r: Row<F>): Row<unknown> => r as Row<unknown>;

interface Consultation {
  id: string;
  /** The first section of its document. */
  section: string;
  /** The survey's only question. */
  question: string;
  /** A meeting (ten days after creation, within the consultation's dates). */
  meeting: string;
}

describe('consultations: access and input (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let users: Record<Exclude<Who, 'anonymous'>, TestUser>;
  let d1: string;
  let d2: string;
  /** A draft with a document, a survey and a meeting. */
  let draft: Consultation;
  /** Announced, opening in 8 days. */
  let announced: Consultation;
  /** Open, for everyone, post-moderated, survey answered with an e-mail code by anonymous participants. */
  let open: Consultation;
  /** Open, NGO-only, pre-moderated, survey for signed-in participants. */
  let ngo: Consultation;
  /** Closed, with one visible comment made while it was open. */
  let closed: Consultation & { comment: string };
  /** Closed, its report published. */
  let published: Consultation;
  /** A visible comment on `open` (reported by the callers). */
  let visible: string;
  let n = 0;

  const as = (u: TestUser) => actingAs(t, u);
  const send = (who: Who, req: Test): Test => (who === 'anonymous' ? req : req.set(...bearer(users[who].token)));
  const count = async (table: string): Promise<number> => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;
  const statusOf = async (id: string): Promise<string> =>
    ((await db.query(`SELECT status FROM consultations WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;

  /** A draft of d1's official: opening in 8 days, closing in 40, with a document, a one-question survey and a meeting. */
  async function consultation(
    opts: { audience?: 'everyone' | 'ngo'; moderation?: 'pre' | 'post'; surveyAccess?: 'account' | 'email_code'; dated?: boolean } = {},
  ): Promise<Consultation> {
    const { dated = true, ...rest } = opts;
    const c = await as(users.official)
      .post('/api/v1/admin/consultations')
      .send({ title: `Konsultacje ${++n}`, areaIds: [d1], ...(dated ? { opensAt: inDays(8), closesAt: inDays(40) } : {}), ...rest })
      .expect(201);
    const id = c.body.id as string;
    const doc = await as(users.official)
      .put(`/api/v1/admin/consultations/${id}/document`)
      .send({ sections: [{ key: '§ 1', heading: 'Przeznaczenie', body: 'Teren zieleni.' }] })
      .expect(200);
    const survey = await as(users.official)
      .put(`/api/v1/admin/consultations/${id}/survey`)
      .send({ questions: [{ kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie'] }] })
      .expect(200);
    const meeting = dated
      ? ((
          await as(users.official)
            .post(`/api/v1/admin/consultations/${id}/meetings`)
            .send({ title: 'Spotkanie', place: 'Rada osiedla', startsAt: inDays(10), endsAt: inDays(10, 2) })
            .expect(201)
        ).body.id as string)
      : '';
    return { id, section: doc.body.sections[0].id as string, question: survey.body.questions[0].id as string, meeting };
  }

  /** Announced, then open: SQL only simulates time passing (the opening date reached); the schedule job opens it. */
  async function opened(opts: Parameters<typeof consultation>[0] = {}): Promise<Consultation> {
    const c = await consultation(opts);
    await as(users.official).post(`/api/v1/admin/consultations/${c.id}/announce`).expect(200);
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [c.id]);
    await t.app.get(ConsultationsService).advance();
    expect(await statusOf(c.id)).toBe('open');
    return c;
  }

  /** Closed: SQL only simulates time passing (the closing date reached); the schedule job closes it. */
  async function close(id: string): Promise<void> {
    await db.query(`UPDATE consultations SET opens_at = now() - interval '2 minutes', closes_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
    expect(await statusOf(id)).toBe('closed');
  }

  const comment = async (c: Consultation, u: TestUser = users.resident): Promise<string> =>
    (
      await as(u)
        .post(`/api/v1/consultations/${c.id}/comments`)
        .send({ sectionId: c.section, body: `Uwaga ${++n}` })
        .expect(201)
    ).body.id as string;
  const PDF = Buffer.from('%PDF-1.4\n% Civitas\n');
  /** A file attached by d1's official. */
  const attachment = async (c: Consultation): Promise<string> =>
    (
      await as(users.official)
        .post(`/api/v1/admin/consultations/${c.id}/attachments?name=plan-${++n}.pdf`)
        .set('content-type', 'application/pdf')
        .send(PDF)
        .expect(201)
    ).body.id as string;
  const hidden = async (): Promise<string> => {
    const id = await comment(open);
    await as(users.moderator).post(`/api/v1/admin/consultations/${open.id}/comments/${id}/hide`).send({ reason: 'spam' }).expect(200);
    return id;
  };
  /** A visible comment someone reported. */
  const reported = async (): Promise<string> => {
    const id = await comment(open);
    await as(users.moderator).post(`/api/v1/consultations/${open.id}/comments/${id}/reports`).send({ reason: 'Nie na temat.' }).expect(201);
    return id;
  };
  /** NGO-only consultations are pre-moderated here: the organisation's comments wait for approval. */
  const pending = async (): Promise<string> => comment(ngo, users.organisation);
  const meeting = async (c: Consultation = draft): Promise<string> =>
    (
      await as(users.official)
        .post(`/api/v1/admin/consultations/${c.id}/meetings`)
        .send({ title: `Punkt ${++n}`, kind: 'point', place: 'Biblioteka', startsAt: inDays(11), endsAt: inDays(11, 3) })
        .expect(201)
    ).body.id as string;
  /** An anonymous survey response and the code mailed for it. */
  const anonymousResponse = async (): Promise<{ id: string; code: string }> => {
    const email = uniqueEmail('ankieta');
    const r = await t
      .http()
      .post(`/api/v1/consultations/${open.id}/survey/responses`)
      .send({ answers: [{ questionId: open.question, choice: 0 }], email })
      .expect(201);
    const mail = await mailTo(t, email, 'kod');
    return { id: r.body.id as string, code: /kod: (\d{6})/.exec(mail)![1] };
  };
  const freshClosed = async (): Promise<string> => {
    const c = await opened();
    await close(c.id);
    return c.id;
  };
  const freshDraft = async (): Promise<string> =>
    (
      await as(users.official)
        .post('/api/v1/admin/consultations')
        .send({ title: `Szkic ${++n}`, areaIds: [d1], opensAt: inDays(8), closesAt: inDays(40) })
        .expect(201)
    ).body.id as string;
  const krs = () => String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)).slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Poznań', kind: 'city', residentCount: 540_000 });
    d1 = await createArea(t, { name: 'Jeżyce', kind: 'district', parentId: city, residentCount: 30_000 });
    d2 = await createArea(t, { name: 'Wilda', kind: 'district', parentId: city, residentCount: 25_000 });
    users = {
      resident: await createUser(t, { displayName: 'Mieszkanka' }),
      organisation: await createUser(t, { displayName: 'Konto stowarzyszenia' }),
      moderator: await createUser(t, { grants: [{ role: 'moderator', areaId: null }] }),
      official: await createUser(t, { grants: [{ role: 'official', areaId: d1 }] }),
      officialElsewhere: await createUser(t, { grants: [{ role: 'official', areaId: d2 }] }),
      cityOfficial: await createUser(t, { grants: [{ role: 'official', areaId: null }] }),
      admin: await createUser(t, { grants: [{ role: 'admin', areaId: null }] }),
    };
    await as(users.admin)
      .put(`/api/v1/admin/users/${users.organisation.id}/organisation`)
      .send({ name: 'Stowarzyszenie Zielone Jeżyce', krs: krs() })
      .expect(200);

    draft = await consultation();
    announced = await consultation();
    await as(users.official).post(`/api/v1/admin/consultations/${announced.id}/announce`).expect(200);
    open = await opened({ surveyAccess: 'email_code' });
    ngo = await opened({ audience: 'ngo', moderation: 'pre' });
    visible = await comment(open);
    const c = await opened();
    const made = await comment(c);
    await close(c.id);
    closed = { ...c, comment: made };
    published = await opened();
    await close(published.id);
    await as(users.official).post(`/api/v1/admin/consultations/${published.id}/report/publish`).expect(200);
  }, 180_000);
  afterAll(() => t?.close());

  describe('route × role matrix', () => {
    const url =
      (c: () => Consultation, rest = '') =>
      () =>
        `/api/v1/consultations/${c().id}${rest}`;
    const admin =
      (c: () => Consultation, rest = '') =>
      () =>
        `/api/v1/admin/consultations/${c().id}${rest}`;
    const routes: Array<Row<unknown>> = [
      // Consultations (public reads).
      row({ route: 'GET /api/v1/consultations', call: () => t.http().get('/api/v1/consultations'), expect: everyone('200') }),
      row({ route: 'GET /api/v1/consultations/:id', call: () => t.http().get(url(() => open)()), expect: everyone('200') }),
      row({
        route: 'GET /api/v1/consultations/:id (a draft: hidden from everyone)',
        call: () => t.http().get(url(() => draft)()),
        expect: everyone('404 consultation_not_found'),
      }),

      // Consultations (officials).
      row({ route: 'GET /api/v1/admin/consultations', call: () => t.http().get('/api/v1/admin/consultations'), expect: officials('200') }),
      row({ route: 'GET /api/v1/admin/consultations/:id (a draft)', call: () => t.http().get(admin(() => draft)()), expect: officials('200') }),
      row({
        route: "POST /api/v1/admin/consultations (the district's)",
        call: () =>
          t
            .http()
            .post('/api/v1/admin/consultations')
            .send({ title: `Nowe ${++n}`, areaIds: [d1] }),
        expect: runners('201'),
      }),
      row({
        route: 'POST /api/v1/admin/consultations (city-wide: an unrestricted grant)',
        call: () =>
          t
            .http()
            .post('/api/v1/admin/consultations')
            .send({ title: `Miejskie ${++n}` }),
        expect: { ...runners('201'), official: NOT_HIS_AREA },
      }),
      row({
        route: 'PATCH /api/v1/admin/consultations/:id (a draft)',
        call: () =>
          t
            .http()
            .patch(admin(() => draft)())
            .send({ summary: `Streszczenie ${++n}` }),
        expect: runners('200'),
      }),
      row({
        route: 'PATCH /api/v1/admin/consultations/:id (announced: the opening date is fixed)',
        call: () =>
          t
            .http()
            .patch(admin(() => announced)())
            .send({ opensAt: inDays(9) }),
        expect: runners('409 consultation_not_editable'),
      }),
      row({
        route: 'PATCH /api/v1/admin/consultations/:id (closed: nothing changes any more)',
        call: () =>
          t
            .http()
            .patch(admin(() => closed)())
            .send({ summary: 'Za późno' }),
        expect: runners('409 consultation_not_editable'),
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/announce',
        fixture: freshDraft,
        call: (id) => t.http().post(`/api/v1/admin/consultations/${id as string}/announce`),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/cancel',
        fixture: freshDraft,
        call: (id) =>
          t
            .http()
            .post(`/api/v1/admin/consultations/${id as string}/cancel`)
            .send({ reason: 'Zmiana planów.' }),
        expect: runners('200'),
        fresh: true,
      }),
      row({
        route: 'PUT /api/v1/admin/users/:id/organisation',
        fixture: async () => (await createUser(t, { displayName: 'Fundacja' })).id,
        call: (id) =>
          t
            .http()
            .put(`/api/v1/admin/users/${id as string}/organisation`)
            .send({ name: 'Fundacja Wilda', krs: krs() }),
        expect: adminOnly('200'),
        fresh: true,
      }),

      // Attachments.
      row({
        route: 'POST /api/v1/admin/consultations/:id/attachments (a draft)',
        call: () =>
          t
            .http()
            .post(admin(() => draft, `/attachments?name=mapa-${++n}.pdf`)())
            .set('content-type', 'application/pdf')
            .send(PDF),
        expect: runners('201'),
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/attachments (closed)',
        call: () =>
          t
            .http()
            .post(admin(() => closed, '/attachments?name=za-pozno.pdf')())
            .set('content-type', 'application/pdf')
            .send(PDF),
        expect: runners('409 consultation_not_editable'),
      }),
      row({
        route: 'GET /api/v1/consultations/:id/attachments/:attachmentId',
        fixture: () => attachment(open),
        call: (a) => t.http().get(url(() => open, `/attachments/${a as string}`)()),
        expect: everyone('200'),
      }),
      row({
        route: 'GET /api/v1/consultations/:id/attachments/:attachmentId (a draft)',
        fixture: () => attachment(draft),
        call: (a) => t.http().get(url(() => draft, `/attachments/${a as string}`)()),
        expect: everyone('404 consultation_not_found'),
      }),
      row({
        route: 'GET /api/v1/admin/consultations/:id/attachments/:attachmentId (a draft)',
        fixture: () => attachment(draft),
        call: (a) => t.http().get(admin(() => draft, `/attachments/${a as string}`)()),
        expect: officials('200'),
      }),
      row({
        route: 'DELETE /api/v1/admin/consultations/:id/attachments/:attachmentId',
        fixture: () => attachment(open),
        call: (a) => t.http().delete(admin(() => open, `/attachments/${a as string}`)()),
        expect: runners('204'),
        fresh: true,
      }),

      // The document.
      row({ route: 'GET /api/v1/consultations/:id/document', call: () => t.http().get(url(() => open, '/document')()), expect: everyone('200') }),
      row({
        route: 'GET /api/v1/consultations/:id/document (a draft)',
        call: () => t.http().get(url(() => draft, '/document')()),
        expect: everyone('404 consultation_not_found'),
      }),
      row({
        route: 'GET /api/v1/admin/consultations/:id/document (a draft)',
        call: () => t.http().get(admin(() => draft, '/document')()),
        expect: officials('200'),
      }),
      row({
        route: 'PUT /api/v1/admin/consultations/:id/document (a draft)',
        call: () =>
          t
            .http()
            .put(admin(() => draft, '/document')())
            .send({ note: `Wersja ${++n}`, sections: [{ key: '§ 1', heading: 'Przeznaczenie', body: 'Teren zieleni.' }] }),
        expect: runners('200'),
      }),
      row({
        route: 'PUT /api/v1/admin/consultations/:id/document (closed)',
        call: () =>
          t
            .http()
            .put(admin(() => closed, '/document')())
            .send({ sections: [{ key: '§ 1', body: 'Za późno.' }] }),
        expect: runners('409 consultation_not_editable'),
      }),

      // Comments.
      row({ route: 'GET /api/v1/consultations/:id/comments', call: () => t.http().get(url(() => open, '/comments')()), expect: everyone('200') }),
      row({
        route: 'POST /api/v1/consultations/:id/comments (open)',
        call: () =>
          t
            .http()
            .post(url(() => open, '/comments')())
            .send({ body: `Uwaga ${++n}` }),
        expect: signedIn('201'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/comments (open, NGO-only)',
        call: () =>
          t
            .http()
            .post(url(() => ngo, '/comments')())
            .send({ body: `Uwaga ${++n}` }),
        expect: ngoOnly('201'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/comments (closed)',
        call: () =>
          t
            .http()
            .post(url(() => closed, '/comments')())
            .send({ body: 'Za późno' }),
        expect: signedIn('409 consultation_not_open'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/comments (announced, not open yet)',
        call: () =>
          t
            .http()
            .post(url(() => announced, '/comments')())
            .send({ body: 'Za wcześnie' }),
        expect: signedIn('409 consultation_not_open'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/comments (a draft)',
        call: () =>
          t
            .http()
            .post(url(() => draft, '/comments')())
            .send({ body: 'Za wcześnie' }),
        expect: signedIn('404 consultation_not_found'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/comments/:commentId/reports',
        call: () =>
          t
            .http()
            .post(url(() => open, `/comments/${visible}/reports`)())
            .send({ reason: 'Nie na temat.' }),
        expect: signedIn('201'),
      }),
      row({ route: 'GET /api/v1/admin/consultations/:id/comments', call: () => t.http().get(admin(() => open, '/comments')()), expect: moderators('200') }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/comments',
        call: () =>
          t
            .http()
            .post(admin(() => open, '/comments')())
            .send({ channel: 'paper', receivedOn: today(), authorName: 'Jan Kowalski', body: `Pismo ${++n}` }),
        expect: runners('201'),
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/comments/:commentId/hide',
        fixture: () => comment(open),
        call: (id) =>
          t
            .http()
            .post(admin(() => open, `/comments/${id as string}/hide`)())
            .send({ reason: 'off_topic' }),
        expect: moderators('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/comments/:commentId/restore',
        fixture: hidden,
        call: (id) =>
          t
            .http()
            .post(admin(() => open, `/comments/${id as string}/restore`)())
            .send({ note: 'Jednak na temat.' }),
        expect: moderators('200'),
        fresh: true,
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/comments/:commentId/keep',
        fixture: reported,
        call: (id) => t.http().post(admin(() => open, `/comments/${id as string}/keep`)()),
        expect: moderators('200'),
        fresh: true,
      }),
      row({
        route: 'GET /api/v1/admin/comments/moderation',
        call: () => t.http().get('/api/v1/admin/comments/moderation?kind=reported'),
        expect: { ...officials('200'), moderator: '200' },
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/comments/:commentId/approve',
        fixture: pending,
        call: (id) => t.http().post(admin(() => ngo, `/comments/${id as string}/approve`)()),
        expect: moderators('200'),
        fresh: true,
      }),

      // The survey.
      row({ route: 'GET /api/v1/consultations/:id/survey', call: () => t.http().get(url(() => open, '/survey')()), expect: everyone('200') }),
      row({
        route: 'GET /api/v1/consultations/:id/survey (a draft)',
        call: () => t.http().get(url(() => draft, '/survey')()),
        expect: everyone('404 consultation_not_found'),
      }),
      row({
        route: 'PUT /api/v1/admin/consultations/:id/survey (a draft)',
        call: () =>
          t
            .http()
            .put(admin(() => draft, '/survey')())
            .send({ questions: [{ kind: 'text', prompt: `Pytanie ${++n}` }] }),
        expect: runners('200'),
      }),
      row({
        route: 'PUT /api/v1/admin/consultations/:id/survey (open)',
        call: () =>
          t
            .http()
            .put(admin(() => open, '/survey')())
            .send({ questions: [{ kind: 'text', prompt: 'Za późno' }] }),
        expect: runners('409 survey_closed'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/survey/responses (open; anonymous with an e-mail code)',
        call: () =>
          t
            .http()
            .post(url(() => open, '/survey/responses')())
            .send({ answers: [{ questionId: open.question, choice: 1 }], email: uniqueEmail('ankieta') }),
        expect: everyone('201'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/survey/responses (open, NGO-only, signed in)',
        call: () =>
          t
            .http()
            .post(url(() => ngo, '/survey/responses')())
            .send({ answers: [{ questionId: ngo.question, choice: 0 }] }),
        expect: ngoOnly('201', '401 account_required'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/survey/responses (closed)',
        call: () =>
          t
            .http()
            .post(url(() => closed, '/survey/responses')())
            .send({ answers: [{ questionId: closed.question, choice: 0 }], email: uniqueEmail('ankieta') }),
        expect: everyone('409 consultation_not_open'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/survey/responses/:responseId/confirm (anyone holding the mailed code)',
        fixture: anonymousResponse,
        call: (r) => {
          const { id, code } = r as { id: string; code: string };
          return t
            .http()
            .post(url(() => open, `/survey/responses/${id}/confirm`)())
            .send({ code });
        },
        expect: everyone('200'),
        fresh: true,
      }),

      // The report.
      row({ route: 'GET /api/v1/consultations/:id/report (published)', call: () => t.http().get(url(() => published, '/report')()), expect: everyone('200') }),
      row({
        route: 'GET /api/v1/consultations/:id/report (not yet published)',
        call: () => t.http().get(url(() => closed, '/report')()),
        expect: everyone('409 report_not_published'),
      }),
      row({
        route: 'GET /api/v1/consultations/:id/report.csv (published)',
        call: () => t.http().get(url(() => published, '/report.csv')()),
        expect: everyone('200'),
      }),
      row({
        route: 'GET /api/v1/consultations/:id/report.csv (not yet published)',
        call: () => t.http().get(url(() => closed, '/report.csv')()),
        expect: everyone('409 report_not_published'),
      }),
      row({ route: 'GET /api/v1/admin/consultations/:id/report (closed)', call: () => t.http().get(admin(() => closed, '/report')()), expect: runners('200') }),
      row({
        route: 'GET /api/v1/admin/consultations/:id/report (open)',
        call: () => t.http().get(admin(() => open, '/report')()),
        expect: runners('409 consultation_not_closed'),
      }),
      row({
        route: 'PUT /api/v1/admin/consultations/:id/comments/:commentId/response (closed)',
        call: () =>
          t
            .http()
            .put(admin(() => closed, `/comments/${closed.comment}/response`)())
            .send({ verdict: 'accepted', justification: `Uwzględniono ${++n}.` }),
        expect: runners('200'),
      }),
      row({
        route: 'PUT /api/v1/admin/consultations/:id/comments/:commentId/response (open)',
        call: () =>
          t
            .http()
            .put(admin(() => open, `/comments/${visible}/response`)())
            .send({ verdict: 'accepted', justification: 'Za wcześnie.' }),
        expect: runners('409 consultation_not_closed'),
      }),
      row({
        route: 'PUT /api/v1/admin/consultations/:id/report/conclusions (closed)',
        call: () =>
          t
            .http()
            .put(admin(() => closed, '/report/conclusions')())
            .send({ conclusions: `Wnioski ${++n}` }),
        expect: runners('200'),
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/report/publish (closed, every comment answered)',
        fixture: freshClosed,
        call: (id) => t.http().post(`/api/v1/admin/consultations/${id as string}/report/publish`),
        expect: runners('200'),
        fresh: true,
      }),

      // Meetings.
      row({ route: 'GET /api/v1/consultations/:id/meetings', call: () => t.http().get(url(() => open, '/meetings')()), expect: everyone('200') }),
      row({
        route: 'GET /api/v1/consultations/:id/meetings (a draft)',
        call: () => t.http().get(url(() => draft, '/meetings')()),
        expect: everyone('404 consultation_not_found'),
      }),
      row({
        route: 'GET /api/v1/consultations/:id/meetings/:meetingId.ics',
        call: () => t.http().get(url(() => open, `/meetings/${open.meeting}.ics`)()),
        expect: everyone('200'),
      }),
      row({
        route: "GET /api/v1/consultations/:id/meetings/:meetingId.ics (a draft's meeting)",
        call: () => t.http().get(url(() => draft, `/meetings/${draft.meeting}.ics`)()),
        expect: everyone('404 consultation_not_found'),
      }),
      row({
        route: 'GET /api/v1/consultations/:id/meetings/:meetingId',
        call: () => t.http().get(url(() => open, `/meetings/${open.meeting}`)()),
        expect: everyone('200'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/meetings/:meetingId/registrations (open)',
        call: () => t.http().post(url(() => open, `/meetings/${open.meeting}/registrations`)()),
        expect: signedIn('201'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/meetings/:meetingId/registrations (open, NGO-only)',
        call: () => t.http().post(url(() => ngo, `/meetings/${ngo.meeting}/registrations`)()),
        expect: ngoOnly('201'),
      }),
      row({
        route: 'POST /api/v1/consultations/:id/meetings/:meetingId/registrations (announced: registration opens with the announcement)',
        call: () => t.http().post(url(() => announced, `/meetings/${announced.meeting}/registrations`)()),
        expect: signedIn('201'),
      }),
      row({
        route: "POST /api/v1/consultations/:id/meetings/:meetingId/registrations (a draft's meeting)",
        call: () => t.http().post(url(() => draft, `/meetings/${draft.meeting}/registrations`)()),
        expect: signedIn('404 consultation_not_found'),
      }),
      row({
        route: 'DELETE /api/v1/consultations/:id/meetings/:meetingId/registrations/me',
        call: () => t.http().delete(url(() => open, `/meetings/${open.meeting}/registrations/me`)()),
        expect: signedIn('204'),
      }),
      // Reading, like GET /api/v1/admin/consultations/:id, is open to every official; changes are the areas' officials'.
      row({
        route: 'GET /api/v1/admin/consultations/:id/meetings (a draft)',
        call: () => t.http().get(admin(() => draft, '/meetings')()),
        expect: officials('200'),
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/meetings (a draft)',
        call: () =>
          t
            .http()
            .post(admin(() => draft, '/meetings')())
            .send({ title: `Spacer ${++n}`, place: 'Rynek Jeżycki', startsAt: inDays(12), endsAt: inDays(12, 1) }),
        expect: runners('201'),
      }),
      row({
        route: 'POST /api/v1/admin/consultations/:id/meetings (closed)',
        call: () =>
          t
            .http()
            .post(admin(() => closed, '/meetings')())
            .send({ title: 'Za późno', place: 'Rynek', startsAt: inDays(12), endsAt: inDays(12, 1) }),
        expect: runners('409 consultation_not_editable'),
      }),
      row({
        route: 'PATCH /api/v1/admin/consultations/:id/meetings/:meetingId',
        call: () =>
          t
            .http()
            .patch(admin(() => draft, `/meetings/${draft.meeting}`)())
            .send({ title: `Spotkanie ${++n}` }),
        expect: runners('200'),
      }),
      row({
        route: 'DELETE /api/v1/admin/consultations/:id/meetings/:meetingId',
        fixture: () => meeting(),
        call: (id) => t.http().delete(admin(() => draft, `/meetings/${id as string}`)()),
        expect: runners('204'),
        fresh: true,
      }),
      row({
        route: 'GET /api/v1/admin/consultations/:id/meetings/:meetingId/registrations',
        call: () => t.http().get(admin(() => open, `/meetings/${open.meeting}/registrations`)()),
        expect: runners('200'),
      }),
    ];

    routeMatrix({ name: 'consultations', httpModule: ConsultationsHttpModule, routeCount: 46, rows: routes, callers: WHO, send });
  });

  describe('bad input on every write route', () => {
    let bad: { undated: string; hideable: string; response: { id: string; code: string } };

    beforeAll(async () => {
      bad = {
        undated: (await consultation({ dated: false })).id,
        hideable: await comment(open),
        response: await anonymousResponse(),
      };
    });

    const tables = [
      'consultations',
      'consultation_areas',
      'consultation_document_versions',
      'consultation_sections',
      'consultation_section_texts',
      'consultation_comments',
      'consultation_comment_reports',
      'consultation_comment_responses',
      'consultation_meetings',
      'meeting_registrations',
      'survey_questions',
      'survey_responses',
      'survey_answers',
      'organisations',
      'audit_log',
    ];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(x)] as const)));

    type Caller = Exclude<Who, 'anonymous'> | 'anonymous';
    type Case = [who: Caller, method: 'post' | 'put' | 'patch', path: () => string, body: () => object, field: string];
    const A =
      (rest = '', c: () => Consultation = () => draft) =>
      () =>
        `/api/v1/admin/consultations/${c().id}${rest}`;
    const P =
      (rest = '', c: () => Consultation = () => open) =>
      () =>
        `/api/v1/consultations/${c().id}${rest}`;
    const meetingBody = { title: 'Spotkanie', place: 'Rada osiedla', startsAt: inDays(12), endsAt: inDays(12, 2) };
    const entered = { channel: 'paper', receivedOn: today(), authorName: 'Jan Kowalski', body: 'Pismo' };
    const cases: Array<[string, Case[]]> = [
      [
        'POST /api/v1/admin/consultations',
        [
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ areaIds: [d1] }), 'title'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 7, areaIds: [d1] }), 'title'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: '<b></b>', areaIds: [d1] }), 'title'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: ['jezyce'] }), 'areaIds'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: [NO_SUCH] }), 'areaIds'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: [d1], audience: 'all' }), 'audience'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: [d1], moderation: 'none' }), 'moderation'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: [d1], surveyAccess: 'sms' }), 'surveyAccess'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: [d1], minNoticeDays: -1 }), 'minNoticeDays'],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: [d1], opensAt: 'jutro' }), 'opensAt'],
          [
            'official',
            'post',
            () => '/api/v1/admin/consultations',
            () => ({ title: 't', areaIds: [d1], opensAt: inDays(10), closesAt: inDays(9) }),
            'closesAt',
          ],
          ['official', 'post', () => '/api/v1/admin/consultations', () => ({ title: 't', areaIds: [d1], status: 'open' }), 'status'],
        ],
      ],
      [
        'PATCH /api/v1/admin/consultations/:id',
        [
          ['official', 'patch', A(), () => ({ title: '' }), 'title'],
          ['official', 'patch', A(), () => ({ summary: 'x'.repeat(2001) }), 'summary'],
          ['official', 'patch', A(), () => ({ closesAt: 'wczoraj' }), 'closesAt'],
          ['official', 'patch', A(), () => ({ closesAt: inDays(5) }), 'closesAt'],
          ['official', 'patch', A(), () => ({ areaIds: 'jezyce' }), 'areaIds'],
          ['official', 'patch', A(), () => ({ minNoticeDays: 1.5 }), 'minNoticeDays'],
        ],
      ],
      [
        'POST /api/v1/admin/consultations/:id/announce',
        [['official', 'post', () => `/api/v1/admin/consultations/${bad.undated}/announce`, () => ({}), 'opensAt']],
      ],
      [
        'POST /api/v1/admin/consultations/:id/cancel',
        [
          ['official', 'post', A('/cancel'), () => ({}), 'reason'],
          ['official', 'post', A('/cancel'), () => ({ reason: 5 }), 'reason'],
          ['official', 'post', A('/cancel'), () => ({ reason: ' <i></i> ' }), 'reason'],
        ],
      ],
      [
        'PUT /api/v1/admin/users/:id/organisation',
        [
          ['admin', 'put', () => `/api/v1/admin/users/${users.resident.id}/organisation`, () => ({ name: 'Fundacja', krs: '123' }), 'krs'],
          ['admin', 'put', () => `/api/v1/admin/users/${users.resident.id}/organisation`, () => ({ name: 'Fundacja' }), 'krs'],
          ['admin', 'put', () => `/api/v1/admin/users/${users.resident.id}/organisation`, () => ({ krs: krs() }), 'name'],
          ['admin', 'put', () => `/api/v1/admin/users/${users.resident.id}/organisation`, () => ({ name: '<b></b>', krs: krs() }), 'name'],
        ],
      ],
      [
        'PUT /api/v1/admin/consultations/:id/document',
        [
          ['official', 'put', A('/document'), () => ({ sections: [] }), 'sections'],
          ['official', 'put', A('/document'), () => ({ sections: 'całość' }), 'sections'],
          ['official', 'put', A('/document'), () => ({}), 'sections'],
          ['official', 'put', A('/document'), () => ({ sections: [{ key: '', body: 'b' }] }), 'sections.0.key'],
          ['official', 'put', A('/document'), () => ({ sections: [{ key: '§ 1' }] }), 'sections.0.body'],
          [
            'official',
            'put',
            A('/document'),
            () => ({
              sections: [
                { key: '§ 1', body: 'a' },
                { key: '§ 1', body: 'b' },
              ],
            }),
            'sections.1.key',
          ],
          ['official', 'put', A('/document'), () => ({ sections: [{ key: '§ 1', body: 'a', heading: 'x'.repeat(301) }] }), 'sections.0.heading'],
          ['official', 'put', A('/document'), () => ({ note: 5, sections: [{ key: '§ 1', body: 'a' }] }), 'note'],
        ],
      ],
      [
        'POST /api/v1/consultations/:id/comments',
        [
          ['resident', 'post', P('/comments'), () => ({}), 'body'],
          ['resident', 'post', P('/comments'), () => ({ body: '  <p></p> ' }), 'body'],
          ['resident', 'post', P('/comments'), () => ({ body: 'x'.repeat(10_001) }), 'body'],
          ['resident', 'post', P('/comments'), () => ({ body: 'b', sectionId: 'paragraf' }), 'sectionId'],
          ['resident', 'post', P('/comments'), () => ({ body: 'b', sectionId: NO_SUCH }), 'sectionId'],
          ['resident', 'post', P('/comments'), () => ({ body: 'b', sectionId: draft.section }), 'sectionId'],
          ['resident', 'post', P('/comments'), () => ({ body: 'b', proposedWording: 5 }), 'proposedWording'],
          ['resident', 'post', P('/comments'), () => ({ body: 'b', status: 'visible' }), 'status'],
        ],
      ],
      [
        'POST /api/v1/consultations/:id/comments/:commentId/reports',
        [
          ['resident', 'post', () => P(`/comments/${bad.hideable}/reports`)(), () => ({ reason: 5 }), 'reason'],
          ['resident', 'post', () => P(`/comments/${bad.hideable}/reports`)(), () => ({ reason: 'x'.repeat(1001) }), 'reason'],
        ],
      ],
      [
        'POST /api/v1/admin/consultations/:id/comments',
        [
          ['official', 'post', A('/comments', () => open), () => ({ ...entered, channel: 'online' }), 'channel'],
          ['official', 'post', A('/comments', () => open), () => ({ ...entered, receivedOn: '2026-13-01' }), 'receivedOn'],
          ['official', 'post', A('/comments', () => open), () => ({ ...entered, receivedOn: inDays(3).slice(0, 10) }), 'receivedOn'],
          ['official', 'post', A('/comments', () => open), () => ({ ...entered, authorName: 'x'.repeat(301) }), 'authorName'],
          ['official', 'post', A('/comments', () => open), () => ({ ...entered, authorName: '<b></b>' }), 'authorName'],
          ['official', 'post', A('/comments', () => open), () => ({ ...entered, contactEmail: 'nie-adres' }), 'contactEmail'],
          ['official', 'post', A('/comments', () => open), () => ({ ...entered, body: '' }), 'body'],
        ],
      ],
      [
        'POST /api/v1/admin/consultations/:id/comments/:commentId/hide',
        [
          ['moderator', 'post', () => A(`/comments/${bad.hideable}/hide`, () => open)(), () => ({ reason: 'brzydka' }), 'reason'],
          ['moderator', 'post', () => A(`/comments/${bad.hideable}/hide`, () => open)(), () => ({}), 'reason'],
          ['moderator', 'post', () => A(`/comments/${bad.hideable}/hide`, () => open)(), () => ({ reason: 'other' }), 'note'],
          ['moderator', 'post', () => A(`/comments/${bad.hideable}/hide`, () => open)(), () => ({ reason: 'spam', note: 'x'.repeat(1001) }), 'note'],
        ],
      ],
      [
        'POST /api/v1/admin/consultations/:id/comments/:commentId/restore',
        [
          ['moderator', 'post', () => A(`/comments/${bad.hideable}/restore`, () => open)(), () => ({ note: 5 }), 'note'],
          ['moderator', 'post', () => A(`/comments/${bad.hideable}/restore`, () => open)(), () => ({ reason: 'spam' }), 'reason'],
        ],
      ],
      [
        'PUT /api/v1/admin/consultations/:id/survey',
        [
          ['official', 'put', A('/survey'), () => ({ questions: 'dwa' }), 'questions'],
          ['official', 'put', A('/survey'), () => ({ questions: [{ kind: 'rank', prompt: 'p' }] }), 'questions.0.kind'],
          ['official', 'put', A('/survey'), () => ({ questions: [{ kind: 'text', prompt: '' }] }), 'questions.0.prompt'],
          ['official', 'put', A('/survey'), () => ({ questions: [{ kind: 'single', prompt: 'p', options: ['Tak'] }] }), 'questions.0.options'],
          ['official', 'put', A('/survey'), () => ({ questions: [{ kind: 'single', prompt: 'p', options: ['Tak', 'tak'] }] }), 'questions.0.options.1'],
          ['official', 'put', A('/survey'), () => ({ questions: [{ kind: 'scale', prompt: 'p', scaleMin: 5, scaleMax: 1 }] }), 'questions.0.scaleMax'],
          ['official', 'put', A('/survey'), () => ({ questions: [{ kind: 'text', prompt: 'p', required: 'tak' }] }), 'questions.0.required'],
        ],
      ],
      [
        'POST /api/v1/consultations/:id/survey/responses',
        [
          ['resident', 'post', P('/survey/responses'), () => ({ answers: [] }), 'answers'],
          ['resident', 'post', P('/survey/responses'), () => ({ answers: 'tak' }), 'answers'],
          ['resident', 'post', P('/survey/responses'), () => ({ answers: [{ questionId: 'pierwsze', choice: 0 }] }), 'answers.0.questionId'],
          ['resident', 'post', P('/survey/responses'), () => ({ answers: [{ questionId: NO_SUCH, choice: 0 }] }), 'answers.0.questionId'],
          ['resident', 'post', P('/survey/responses'), () => ({ answers: [{ questionId: open.question, choice: 7 }] }), 'answers.0.choice'],
          ['resident', 'post', P('/survey/responses'), () => ({ answers: [{ questionId: open.question, choice: 'tak' }] }), 'answers.0.choice'],
          ['anonymous', 'post', P('/survey/responses'), () => ({ answers: [{ questionId: open.question, choice: 0 }] }), 'email'],
          ['anonymous', 'post', P('/survey/responses'), () => ({ answers: [{ questionId: open.question, choice: 0 }], email: 'nie-adres' }), 'email'],
        ],
      ],
      [
        'POST /api/v1/consultations/:id/survey/responses/:responseId/confirm',
        [
          ['anonymous', 'post', () => P(`/survey/responses/${bad.response.id}/confirm`)(), () => ({ code: '12' }), 'code'],
          ['anonymous', 'post', () => P(`/survey/responses/${bad.response.id}/confirm`)(), () => ({}), 'code'],
          ['anonymous', 'post', () => P(`/survey/responses/${bad.response.id}/confirm`)(), () => ({ code: 123456 }), 'code'],
        ],
      ],
      [
        'POST /api/v1/admin/consultations/:id/meetings',
        [
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, title: undefined }), 'title'],
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, kind: 'webinar' }), 'kind'],
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, startsAt: 'jutro' }), 'startsAt'],
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, endsAt: inDays(11) }), 'endsAt'],
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, startsAt: inDays(2), endsAt: inDays(2, 1) }), 'startsAt'],
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, place: undefined }), 'place'],
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, place: undefined, onlineUrl: 'javascript:alert(1)' }), 'onlineUrl'],
          ['official', 'post', A('/meetings'), () => ({ ...meetingBody, capacity: 0 }), 'capacity'],
        ],
      ],
      [
        'PATCH /api/v1/admin/consultations/:id/meetings/:meetingId',
        [
          ['official', 'patch', () => A(`/meetings/${draft.meeting}`)(), () => ({ title: '' }), 'title'],
          ['official', 'patch', () => A(`/meetings/${draft.meeting}`)(), () => ({ capacity: 1.5 }), 'capacity'],
          ['official', 'patch', () => A(`/meetings/${draft.meeting}`)(), () => ({ onlineUrl: 'http://spotkanie.example.pl' }), 'onlineUrl'],
          ['official', 'patch', () => A(`/meetings/${draft.meeting}`)(), () => ({ endsAt: inDays(50) }), 'endsAt'],
        ],
      ],
      [
        'PUT /api/v1/admin/consultations/:id/comments/:commentId/response',
        [
          ['official', 'put', () => A(`/comments/${closed.comment}/response`, () => closed)(), () => ({ verdict: 'maybe', justification: 'j' }), 'verdict'],
          ['official', 'put', () => A(`/comments/${closed.comment}/response`, () => closed)(), () => ({ verdict: 'accepted' }), 'justification'],
          [
            'official',
            'put',
            () => A(`/comments/${closed.comment}/response`, () => closed)(),
            () => ({ verdict: 'accepted', justification: ' <b></b> ' }),
            'justification',
          ],
        ],
      ],
      [
        'PUT /api/v1/admin/consultations/:id/report/conclusions',
        [
          ['official', 'put', A('/report/conclusions', () => closed), () => ({}), 'conclusions'],
          ['official', 'put', A('/report/conclusions', () => closed), () => ({ conclusions: 5 }), 'conclusions'],
        ],
      ],
    ];

    for (const [route, list] of cases) {
      it(`${route}: 422 problem+json naming the field, nothing written`, async () => {
        const before = await counts();
        for (const [who, method, path, body, field] of list) {
          const req = t.http()[method](path());
          const res = await (who === 'anonymous' ? req : req.set(...bearer(users[who].token))).send(body());
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
        expect(await counts()).toEqual(before);
      });
    }

    it('the fixtures are untouched by the refused writes', async () => {
      const d = await as(users.official).get(`/api/v1/admin/consultations/${draft.id}`).expect(200);
      expect(d.body).toMatchObject({ status: 'draft', audience: 'everyone', moderation: 'post', minNoticeDays: 7 });
      expect(new Date(d.body.closesAt as string).getTime()).toBeGreaterThan(Date.now() + 39 * DAY);
      expect(await statusOf(bad.undated)).toBe('draft');
      const k = (await as(users.moderator).get(`/api/v1/admin/consultations/${open.id}/comments`).expect(200)).body as Array<{ id: string; status: string }>;
      expect(k.find((x) => x.id === bad.hideable)?.status).toBe('visible');
      expect((await db.query(`SELECT status FROM survey_responses WHERE id = $1`, [bad.response.id]))[0].status).toBe('pending');
      const m = await t
        .http()
        .get(`/api/v1/admin/consultations/${draft.id}/meetings`)
        .set(...bearer(users.official.token))
        .expect(200);
      expect((m.body as Array<{ id: string; onlineUrl: string | null; capacity: number | null }>).find((x) => x.id === draft.meeting)).toMatchObject({
        onlineUrl: null,
        capacity: null,
      });
      expect((await db.query(`SELECT count(*)::int AS n FROM organisations WHERE user_id = $1`, [users.resident.id]))[0].n).toBe(0);
    });

    it('a malformed UUID in the path: 404 problem+json (checked before the body), nothing written', async () => {
      const before = await counts();
      const X = 'not-a-uuid';
      const o = open.id;
      const dr = draft.id;
      const cl = closed.id;
      const mt = open.meeting;
      const calls: Array<[string, Test]> = [
        ['consultation', t.http().get(`/api/v1/consultations/${X}`)],
        ['admin consultation', as(users.official).get(`/api/v1/admin/consultations/${X}`)],
        ['update', as(users.official).patch(`/api/v1/admin/consultations/${X}`).send({ summary: 's' })],
        ['announce', as(users.official).post(`/api/v1/admin/consultations/${X}/announce`)],
        ['cancel', as(users.official).post(`/api/v1/admin/consultations/${X}/cancel`).send({ reason: 'r' })],
        ['organisation', as(users.admin).put(`/api/v1/admin/users/${X}/organisation`).send({ name: 'F', krs: krs() })],
        ['document', t.http().get(`/api/v1/consultations/${X}/document`)],
        ['admin document', as(users.official).get(`/api/v1/admin/consultations/${X}/document`)],
        [
          'put document',
          as(users.official)
            .put(`/api/v1/admin/consultations/${X}/document`)
            .send({ sections: [{ key: '§ 1', body: 'b' }] }),
        ],
        ['comments', t.http().get(`/api/v1/consultations/${X}/comments`)],
        ['comment', as(users.resident).post(`/api/v1/consultations/${X}/comments`).send({ body: 'b' })],
        ['report comment (consultation)', as(users.resident).post(`/api/v1/consultations/${X}/comments/${visible}/reports`).send({})],
        ['report comment (comment)', as(users.resident).post(`/api/v1/consultations/${o}/comments/${X}/reports`).send({})],
        ['admin comments', as(users.moderator).get(`/api/v1/admin/consultations/${X}/comments`)],
        ['enter comment', as(users.official).post(`/api/v1/admin/consultations/${X}/comments`).send(entered)],
        ['hide (consultation)', as(users.moderator).post(`/api/v1/admin/consultations/${X}/comments/${visible}/hide`).send({ reason: 'spam' })],
        ['hide (comment)', as(users.moderator).post(`/api/v1/admin/consultations/${o}/comments/${X}/hide`).send({ reason: 'spam' })],
        ['restore (consultation)', as(users.moderator).post(`/api/v1/admin/consultations/${X}/comments/${visible}/restore`).send({})],
        ['restore (comment)', as(users.moderator).post(`/api/v1/admin/consultations/${o}/comments/${X}/restore`).send({})],
        ['approve (consultation)', as(users.moderator).post(`/api/v1/admin/consultations/${X}/comments/${visible}/approve`)],
        ['approve (comment)', as(users.moderator).post(`/api/v1/admin/consultations/${ngo.id}/comments/${X}/approve`)],
        ['survey', t.http().get(`/api/v1/consultations/${X}/survey`)],
        [
          'put survey',
          as(users.official)
            .put(`/api/v1/admin/consultations/${X}/survey`)
            .send({ questions: [{ kind: 'text', prompt: 'p' }] }),
        ],
        [
          'respond',
          as(users.resident)
            .post(`/api/v1/consultations/${X}/survey/responses`)
            .send({ answers: [{ questionId: open.question, choice: 0 }] }),
        ],
        ['confirm (consultation)', t.http().post(`/api/v1/consultations/${X}/survey/responses/${bad.response.id}/confirm`).send({ code: '123456' })],
        ['confirm (response)', t.http().post(`/api/v1/consultations/${o}/survey/responses/${X}/confirm`).send({ code: '123456' })],
        ['report', t.http().get(`/api/v1/consultations/${X}/report`)],
        ['report.csv', t.http().get(`/api/v1/consultations/${X}/report.csv`)],
        ['admin report', as(users.official).get(`/api/v1/admin/consultations/${X}/report`)],
        [
          'response (consultation)',
          as(users.official).put(`/api/v1/admin/consultations/${X}/comments/${closed.comment}/response`).send({ verdict: 'accepted', justification: 'j' }),
        ],
        [
          'response (comment)',
          as(users.official).put(`/api/v1/admin/consultations/${cl}/comments/${X}/response`).send({ verdict: 'accepted', justification: 'j' }),
        ],
        ['conclusions', as(users.official).put(`/api/v1/admin/consultations/${X}/report/conclusions`).send({ conclusions: 'c' })],
        ['publish', as(users.official).post(`/api/v1/admin/consultations/${X}/report/publish`)],
        ['meetings', t.http().get(`/api/v1/consultations/${X}/meetings`)],
        ['ics (consultation)', t.http().get(`/api/v1/consultations/${X}/meetings/${mt}.ics`)],
        ['ics (meeting)', t.http().get(`/api/v1/consultations/${o}/meetings/${X}.ics`)],
        ['meeting (consultation)', t.http().get(`/api/v1/consultations/${X}/meetings/${mt}`)],
        ['meeting (meeting)', t.http().get(`/api/v1/consultations/${o}/meetings/${X}`)],
        ['register (consultation)', as(users.resident).post(`/api/v1/consultations/${X}/meetings/${mt}/registrations`)],
        ['register (meeting)', as(users.resident).post(`/api/v1/consultations/${o}/meetings/${X}/registrations`)],
        ['withdraw (consultation)', as(users.resident).delete(`/api/v1/consultations/${X}/meetings/${mt}/registrations/me`)],
        ['withdraw (meeting)', as(users.resident).delete(`/api/v1/consultations/${o}/meetings/${X}/registrations/me`)],
        ['admin meetings', as(users.official).get(`/api/v1/admin/consultations/${X}/meetings`)],
        ['add meeting', as(users.official).post(`/api/v1/admin/consultations/${X}/meetings`).send(meetingBody)],
        ['change meeting (consultation)', as(users.official).patch(`/api/v1/admin/consultations/${X}/meetings/${draft.meeting}`).send({ title: 't' })],
        ['change meeting (meeting)', as(users.official).patch(`/api/v1/admin/consultations/${dr}/meetings/${X}`).send({ title: 't' })],
        ['remove meeting (consultation)', as(users.official).delete(`/api/v1/admin/consultations/${X}/meetings/${draft.meeting}`)],
        ['remove meeting (meeting)', as(users.official).delete(`/api/v1/admin/consultations/${dr}/meetings/${X}`)],
        ['registrants (consultation)', as(users.official).get(`/api/v1/admin/consultations/${X}/meetings/${mt}/registrations`)],
        ['registrants (meeting)', as(users.official).get(`/api/v1/admin/consultations/${o}/meetings/${X}/registrations`)],
        // Well-formed ids of nothing.
        ['unknown consultation', t.http().get(`/api/v1/consultations/${NO_SUCH}`)],
        ['unknown user', as(users.admin).put(`/api/v1/admin/users/${NO_SUCH}/organisation`).send({ name: 'F', krs: krs() })],
        ['unknown comment', as(users.moderator).post(`/api/v1/admin/consultations/${o}/comments/${NO_SUCH}/hide`).send({ reason: 'spam' })],
        ['unknown meeting', t.http().get(`/api/v1/consultations/${o}/meetings/${NO_SUCH}`)],
        ['unknown response', t.http().post(`/api/v1/consultations/${o}/survey/responses/${NO_SUCH}/confirm`).send({ code: '123456' })],
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
      expect(await counts()).toEqual(before);
    });
  });
});
