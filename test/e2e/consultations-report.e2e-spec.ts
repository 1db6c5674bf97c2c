import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

/** The report of a consultation: a response to every comment, participation, survey results, JSON and CSV. */
describe('consultations: the report (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let otherOfficial: TestUser;
  let moderator: TestUser;
  let anna: TestUser;
  let piotr: TestUser;
  let ngo: TestUser;
  let oliwa: string;
  let id: string;
  let sections: Array<{ id: string; key: string }>;
  const comments: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(t, u);
  const status = async () => ((await db.query(`SELECT status FROM consultations WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  const responses = async () => ((await db.query(`SELECT count(*)::int AS n FROM consultation_comment_responses`)) as Array<{ n: number }>)[0].n;
  /** Moves the consultation's dates as time passing would (the API rightly refuses such dates), then runs the schedule. */
  async function timePasses(opensDaysAgo: number, closesInDays: number): Promise<void> {
    await db.query(`UPDATE consultations SET opens_at = now() - make_interval(days => $2), closes_at = now() + make_interval(days => $3) WHERE id = $1`, [
      id,
      opensDaysAgo,
      closesInDays,
    ]);
    await t.app.get(ConsultationsService).advance();
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    oliwa = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const wrzeszcz = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: oliwa }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: wrzeszcz }] });
    moderator = await createUser(t, { grants: [{ role: 'moderator', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    piotr = await createUser(t, { displayName: 'Piotr Wiśniewski' });
    ngo = await createUser(t, { displayName: 'Konto fundacji' });
    await as(admin).put(`/api/v1/admin/users/${ngo.id}/organisation`).send({ name: 'Fundacja Zielona Oliwa', krs: '0000654321' }).expect(200);

    const c = await as(official)
      .post('/api/v1/admin/consultations')
      .send({ title: 'Park Oliwski: projekt planu', areaIds: [oliwa], opensAt: inDays(8), closesAt: inDays(40) })
      .expect(201);
    id = c.body.id;
    const doc = await as(official)
      .put(`/api/v1/admin/consultations/${id}/document`)
      .send({
        sections: [
          { key: '§ 1', heading: 'Przeznaczenie', body: 'Teren zieleni publicznej.' },
          { key: '§ 2', heading: 'Zabudowa', body: 'Bez nowej zabudowy.' },
        ],
      })
      .expect(200);
    sections = doc.body.sections;
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/survey`)
      .send({
        questions: [
          { kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie'] },
          { kind: 'text', prompt: 'Uwagi' },
        ],
      })
      .expect(200);
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    await timePasses(1, 10);

    comments.anna = (
      await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: sections[0].id, body: 'Proszę dodać plac zabaw.' }).expect(201)
    ).body.id;
    comments.piotr = (await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Obraźliwy wpis' }).expect(201)).body.id;
    comments.ngo = (
      await as(ngo)
        .post(`/api/v1/consultations/${id}/comments`)
        .send({ sectionId: sections[1].id, body: 'Dopuścić kawiarnię.', proposedWording: 'Dopuszcza się obiekt gastronomiczny.' })
        .expect(201)
    ).body.id;
    comments.paper = (
      await as(official)
        .post(`/api/v1/admin/consultations/${id}/comments`)
        .send({
          channel: 'paper',
          receivedOn: today(),
          authorName: 'Jan Kowalski',
          contactEmail: 'jan.kowalski@example.pl',
          sectionId: sections[0].id,
          body: '=HYPERLINK("http://zly.example","kliknij")',
        })
        .expect(201)
    ).body.id;
    await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${comments.piotr}/hide`).send({ reason: 'offensive' }).expect(200);
    const q = (await t.http().get(`/api/v1/consultations/${id}/survey`).expect(200)).body.questions as Array<{ id: string }>;
    await as(anna)
      .post(`/api/v1/consultations/${id}/survey/responses`)
      .send({
        answers: [
          { questionId: q[0].id, choice: 0 },
          { questionId: q[1].id, text: 'Więcej ławek' },
        ],
      })
      .expect(201);
  }, 120_000);
  afterAll(() => t?.close());

  it('is prepared only after closing and stays private until published', async () => {
    const early = await as(official)
      .put(`/api/v1/admin/consultations/${id}/comments/${comments.anna}/response`)
      .send({ verdict: 'accepted', justification: 'Tak' })
      .expect(409);
    expect(early.body.code).toBe('consultation_not_closed');
    await as(official).get(`/api/v1/admin/consultations/${id}/report`).expect(409);
    expect((await t.http().get(`/api/v1/consultations/${id}/report`).expect(409)).body.code).toBe('report_not_published');
    await t.http().get(`/api/v1/consultations/${id}/report.csv`).expect(409);

    await timePasses(20, -1);
    expect(await status()).toBe('closed');
    const draft = await as(official).get(`/api/v1/admin/consultations/${id}/report`).expect(200);
    expect(draft.body.unanswered).toBe(3);
    await t.http().get(`/api/v1/consultations/${id}/report`).expect(409);
  });

  it('is refused while a comment has no response; bad responses change nothing', async () => {
    const refused = await as(official).post(`/api/v1/admin/consultations/${id}/report/publish`).expect(409);
    expect(refused.body.code).toBe('comments_unanswered');
    expect(refused.body.detail).toContain('3');
    expect(await status()).toBe('closed');

    const before = await responses();
    const url = `/api/v1/admin/consultations/${id}/comments/${comments.anna}/response`;
    expect((await as(official).put(url).send({ verdict: 'maybe', justification: 'x' }).expect(422)).body.errors[0].field).toBe('verdict');
    expect((await as(official).put(url).send({ verdict: 'accepted', justification: '  <b></b> ' }).expect(422)).body.errors[0].field).toBe('justification');
    await as(official).put(url).send({ verdict: 'accepted' }).expect(422);
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/comments/00000000-0000-4000-8000-000000000000/response`)
      .send({ verdict: 'accepted', justification: 'x' })
      .expect(404);
    // Only the officials running it.
    await t.http().put(url).send({ verdict: 'accepted', justification: 'x' }).expect(401);
    await as(anna).put(url).send({ verdict: 'accepted', justification: 'x' }).expect(403);
    await as(otherOfficial).put(url).send({ verdict: 'accepted', justification: 'x' }).expect(403);
    await as(otherOfficial).post(`/api/v1/admin/consultations/${id}/report/publish`).expect(403);
    await as(anna).get(`/api/v1/admin/consultations/${id}/report`).expect(403);
    expect(await responses()).toBe(before);
  });

  it('is published with a response to every comment: JSON with participation and survey, CSV without formulas, and everyone told', async () => {
    const respond = (comment: string, verdict: string, justification: string) =>
      as(official).put(`/api/v1/admin/consultations/${id}/comments/${comment}/response`).send({ verdict, justification }).expect(200);
    const first = await respond(comments.anna, 'partially_accepted', 'Plac zabaw w wersji mniejszej <script>alert(1)</script>');
    expect(first.body.response).toMatchObject({ verdict: 'partially_accepted', label: { pl: 'uwzględniona częściowo', en: 'partially accepted' } });
    expect(first.body.response.justification).toBe('Plac zabaw w wersji mniejszej alert(1)');
    await respond(comments.ngo, 'rejected', '-Sprzeczne ze studium');
    await respond(comments.paper, 'not_applicable', 'Nie dotyczy projektu');
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/report/conclusions`)
      .send({ conclusions: '## Wnioski\n\nProjekt zostanie zmieniony. [x](javascript:alert(1))' })
      .expect(200);

    const published = await as(official).post(`/api/v1/admin/consultations/${id}/report/publish`).expect(200);
    expect(published.body.status).toBe('report_published');
    await as(official).post(`/api/v1/admin/consultations/${id}/report/publish`).expect(409);
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/comments/${comments.anna}/response`)
      .send({ verdict: 'accepted', justification: 'Za późno' })
      .expect(409);

    const report = (await t.http().get(`/api/v1/consultations/${id}/report`).expect(200)).body;
    expect(report.participation).toEqual({
      people: 4,
      comments: 4,
      bySection: [
        { sectionId: null, key: null, comments: 1 },
        { sectionId: sections[0].id, key: '§ 1', comments: 2 },
        { sectionId: sections[1].id, key: '§ 2', comments: 1 },
      ],
      byChannel: { online: 3, paper: 1, email: 0, meeting: 0 },
      surveyRespondents: 1,
      meetingRegistrations: 0,
    });
    const byId = new Map(report.comments.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(comments.piotr)).toMatchObject({
      status: 'hidden',
      body: null,
      hiddenLabel: { pl: 'ukryta (obraźliwa)', en: 'hidden (offensive)' },
      response: null,
    });
    expect(byId.get(comments.ngo)).toMatchObject({ authorName: 'Fundacja Zielona Oliwa', sectionKey: '§ 2', version: 1, response: { verdict: 'rejected' } });
    expect(byId.get(comments.paper)).toMatchObject({ channel: 'paper', receivedOn: today(), authorName: 'Jan Kowalski' });
    expect(JSON.stringify(report)).not.toContain('jan.kowalski@example.pl');
    expect(report.survey.respondents).toBe(1);
    expect(report.survey.questions[0].options).toEqual([
      { index: 0, option: 'Tak', count: 1 },
      { index: 1, option: 'Nie', count: 0 },
    ]);
    expect(report.conclusionsHtml).toContain('<h2>Wnioski</h2>');
    expect(report.conclusionsHtml).not.toMatch(/href="javascript:/);

    const file = await t.http().get(`/api/v1/consultations/${id}/report.csv`).expect(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    const lines = file.text
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('nr,fragment,wersja,autor,kanał,data,uwaga,proponowane brzmienie,status,odpowiedź,uzasadnienie');
    expect(lines).toHaveLength(5);
    // No cell starts a formula: the paper comment and the justification starting with "-" are prefixed.
    const cells = lines.slice(1).flatMap((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')));
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect(file.text).toContain(`'=HYPERLINK`);
    expect(file.text).toContain(`'-Sprzeczne ze studium`);
    expect(file.text).toContain('ukryta (obraźliwa)');
    expect(file.text).not.toContain('Obraźliwy wpis');

    // Subscribers, every account that took part, and the address left on paper hear of it — once.
    const events = (await db.query(
      `SELECT topics, user_ids, emails FROM notification_events WHERE kind = 'consultation.report_published' AND facts->>'consultationId' = $1`,
      [id],
    )) as Array<{ topics: string[]; user_ids: string[]; emails: Array<{ email: string }> }>;
    expect(events).toHaveLength(1);
    expect(events[0].topics).toEqual(expect.arrayContaining([`consultation:${id}`, `area:${oliwa}`]));
    expect([...events[0].user_ids].sort()).toEqual([anna.id, piotr.id, ngo.id].sort());
    expect(events[0].emails.map((e) => e.email)).toEqual(['jan.kowalski@example.pl']);
  });
});
