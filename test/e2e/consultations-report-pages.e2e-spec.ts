import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient, type Page } from '@civitas/web/testing';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const UUID = '00000000-0000-4000-8000-000000000000';

/** The comments of a section of the report page: number, words (or the hidden label), verdict, justification. */
function commentsOf(page: Page, heading: string) {
  const section = page.doc.querySelectorAll('main section.civitas-report-section').find((s) => s.querySelector('h3')?.text.trim() === heading);
  if (!section) throw new Error(`No section ${heading}`);
  return section.querySelectorAll('article').map((a) => ({
    heading: a.querySelector('h4')!.text.trim(),
    text: a.text.replace(/\s+/g, ' ').trim(),
  }));
}

/**
 * The report page through the app: before publication (what it waits for; 404 for drafts), and published —
 * participation with tables and charts, every comment with the city's response grouped by section (a hidden comment
 * as "hidden (reason)"), the survey's results, the conclusions as safe HTML, the CSV and JSON downloads (read back),
 * and the print stylesheet the page links.
 */
describe('consultations: the report page (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let official: TestUser;
  let moderator: TestUser;
  let anna: TestUser;
  let piotr: TestUser;
  let id: string;
  let empty: string;
  let draft: string;
  const comments: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(t, u);
  const anonymous = () => new PageClient(t.app);
  const signedIn = (u: TestUser) => {
    const c = new PageClient(t.app);
    c.setCookie('civitas_session', u.token);
    return c;
  };
  async function timePasses(cid: string, opensDaysAgo: number, closesInDays: number): Promise<void> {
    await db.query(`UPDATE consultations SET opens_at = now() - make_interval(days => $2), closes_at = now() + make_interval(days => $3) WHERE id = $1`, [
      cid,
      opensDaysAgo,
      closesInDays,
    ]);
    await t.app.get(ConsultationsService).advance();
  }
  const create = async (title: string) =>
    (
      await as(official)
        .post('/api/v1/admin/consultations')
        .send({ title, opensAt: inDays(8), closesAt: inDays(40) })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    moderator = await createUser(t, { grants: [{ role: 'moderator', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    piotr = await createUser(t, { displayName: 'Piotr Wiśniewski' });

    id = await create('Park Miejski: projekt planu');
    const doc = await as(official)
      .put(`/api/v1/admin/consultations/${id}/document`)
      .send({
        sections: [
          { key: '§ 1', heading: 'Przeznaczenie', body: 'Teren zieleni publicznej.' },
          { key: '§ 2', heading: 'Zabudowa', body: 'Bez nowej zabudowy.' },
        ],
      })
      .expect(200);
    const sections = doc.body.sections as Array<{ id: string }>;
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/survey`)
      .send({ questions: [{ kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie'] }] })
      .expect(200);
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    await timePasses(id, 1, 10);
    comments.anna = (
      await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: sections[0].id, body: 'Proszę dodać plac zabaw.' }).expect(201)
    ).body.id;
    comments.piotr = (await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Obraźliwy wpis' }).expect(201)).body.id;
    comments.paper = (
      await as(official)
        .post(`/api/v1/admin/consultations/${id}/comments`)
        .send({
          channel: 'paper',
          receivedOn: new Date().toISOString().slice(0, 10),
          authorName: 'Jan Kowalski',
          sectionId: sections[1].id,
          body: 'Dopuścić kawiarnię.',
        })
        .expect(201)
    ).body.id;
    await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${comments.piotr}/hide`).send({ reason: 'offensive' }).expect(200);
    const q = (await t.http().get(`/api/v1/consultations/${id}/survey`).expect(200)).body.questions as Array<{ id: string }>;
    await as(anna)
      .post(`/api/v1/consultations/${id}/survey/responses`)
      .send({ answers: [{ questionId: q[0].id, choice: 0 }] })
      .expect(201);

    // Another consultation that only gets announced, and a draft.
    empty = await create('Konsultacje bez raportu');
    await as(official).post(`/api/v1/admin/consultations/${empty}/announce`).expect(200);
    draft = await create('Szkic konsultacji');
  }, 120_000);
  afterAll(() => t?.close());

  it('before publication: a page that says what the report waits for; drafts and unknown ids are 404', async () => {
    const announced = await anonymous().get(`/consultations/${empty}/report`);
    expect(announced.status).toBe(200);
    expect(announced.h1).toBe('Raport nie został jeszcze opublikowany');
    expect(announced.text()).toContain('Raport zostanie opublikowany po zakończeniu konsultacji');
    const open = await anonymous().get(`/consultations/${id}/report`);
    expect(open.h1).toBe('Raport nie został jeszcze opublikowany');
    expect(open.text()).not.toContain('Proszę dodać plac zabaw.');

    await timePasses(id, 20, -1);
    const closed = await anonymous().get(`/consultations/${id}/report`);
    expect(closed.status).toBe(200);
    expect(closed.text()).toContain('Urząd przygotowuje odpowiedzi na uwagi');
    expect(closed.text()).not.toContain('Proszę dodać plac zabaw.');

    expect((await signedIn(official).get(`/consultations/${draft}/report`)).status).toBe(404);
    expect((await anonymous().get(`/consultations/${UUID}/report`)).status).toBe(404);
    expect((await anonymous().get(`/consultations/nope/report`)).status).toBe(404);
  });

  it('published: participation, every comment with the response by section, the hidden one as "hidden (reason)", survey, conclusions, downloads', async () => {
    const respond = (comment: string, verdict: string, justification: string) =>
      as(official).put(`/api/v1/admin/consultations/${id}/comments/${comment}/response`).send({ verdict, justification }).expect(200);
    await respond(comments.anna, 'partially_accepted', 'Plac zabaw w mniejszej wersji.');
    await respond(comments.paper, 'rejected', 'Sprzeczne ze studium.');
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/report/conclusions`)
      .send({ conclusions: '## Co dalej\n\nProjekt zostanie zmieniony. [zły link](javascript:alert(1)) <script>alert(1)</script>' })
      .expect(200);
    await as(official).post(`/api/v1/admin/consultations/${id}/report/publish`).expect(200);

    const page = await anonymous().get(`/consultations/${id}/report`);
    expect(page.status).toBe(200);
    expect(page.h1).toBe('Raport z konsultacji');
    expect(page.title).toContain('Park Miejski: projekt planu');
    expect(page.text('.civitas-subnav [aria-current="page"]')).toBe('Raport');

    // Participation: a table that says everything, a chart beside it.
    const figures = page.doc.querySelectorAll('#participation-figures tbody tr').map((tr) => tr.querySelectorAll('th, td').map((c) => c.text.trim()));
    expect(figures).toEqual([
      ['Osoby i organizacje biorące udział', '3'],
      ['Uwagi', '3'],
      ['Odpowiedzi na ankietę', '1'],
      ['Zapisy na spotkania', '0'],
    ]);
    expect(page.doc.querySelectorAll('#by-channel tbody tr').map((tr) => tr.querySelectorAll('th, td').map((c) => c.text.trim()))).toEqual([
      ['przez internet', '2'],
      ['na papierze', '1'],
      ['e-mailem', '0'],
      ['na spotkaniu', '0'],
    ]);
    expect(page.doc.querySelectorAll('main figure svg.civitas-chart').length).toBeGreaterThanOrEqual(4);

    // Comments grouped by section, in the document's order, those without a section last.
    expect(page.all('main section.civitas-report-section h3')).toEqual(['§ 1. Przeznaczenie', '§ 2. Zabudowa', 'Całość (bez wskazania fragmentu)']);
    const s1 = commentsOf(page, '§ 1. Przeznaczenie');
    expect(s1).toHaveLength(1);
    expect(s1[0].text).toContain('Proszę dodać plac zabaw.');
    expect(s1[0].text).toContain('Anna Nowak');
    expect(s1[0].text).toContain('Odpowiedź urzędu: uwzględniona częściowo');
    expect(s1[0].text).toContain('Uzasadnienie: Plac zabaw w mniejszej wersji.');
    const s2 = commentsOf(page, '§ 2. Zabudowa');
    expect(s2[0].text).toContain('Jan Kowalski');
    expect(s2[0].text).toContain('na papierze');
    expect(s2[0].text).toContain('nieuwzględniona');
    const whole = commentsOf(page, 'Całość (bez wskazania fragmentu)');
    expect(whole[0].text).toContain('ukryta (obraźliwa)');
    expect(whole[0].text).not.toContain('Obraźliwy wpis');
    expect(page.html).not.toContain('Obraźliwy wpis');

    // Survey results and the conclusions (safe HTML: no script, no javascript: link).
    expect(page.text('main')).toContain('Liczba osób, które odpowiedziały: 1.');
    const conclusions = page.doc.querySelector('main .civitas-markdown')!;
    expect(conclusions.querySelector('h2')?.text).toBe('Co dalej');
    expect(conclusions.text).toContain('Projekt zostanie zmieniony.');
    expect(conclusions.querySelector('script')).toBeNull();
    expect(conclusions.querySelectorAll('a').filter((a) => (a.getAttribute('href') ?? '').startsWith('javascript'))).toHaveLength(0);

    // Downloads: the API's CSV and JSON, read back through the links.
    const csvHref = page.doc.querySelector('main a.civitas-download[href$="report.csv"]')!.getAttribute('href')!;
    expect(csvHref).toBe(`/api/v1/consultations/${id}/report.csv`);
    const csv = await t.http().get(csvHref).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain('ukryta (obraźliwa)');
    expect(csv.text).toContain('Proszę dodać plac zabaw.');
    const jsonHref = page.doc.querySelector('main a.civitas-download[href$="/report"]')!.getAttribute('href')!;
    expect((await t.http().get(jsonHref).expect(200)).body.participation.comments).toBe(3);

    // For print: the stylesheet the page links has the print block that leaves navigation and forms out.
    const css = page.doc
      .querySelectorAll('link[rel="stylesheet"]')
      .map((l) => l.getAttribute('href')!)
      .find((h) => /civitas\.[0-9a-f]+\.css$/.test(h))!;
    const sheet = await t.http().get(css).expect(200);
    const print = sheet.text.slice(sheet.text.indexOf('@media print'));
    expect(sheet.text).toContain('@media print');
    for (const selector of ['.govuk-service-navigation', '.civitas-subnav', '.govuk-footer', '.govuk-skip-link', 'main form', '.civitas-download:after'])
      expect(print.replace(/::after/g, ':after')).toContain(selector);
    expect(print).toMatch(/\.civitas-report-comment[^{]*\{[^}]*break-inside:\s*avoid/);

    // In English.
    const en = await new PageClient(t.app, { headers: { 'accept-language': 'en' } }).get(`/consultations/${id}/report`);
    expect(en.h1).toBe('Consultation report');
    expect(en.text()).toContain('hidden (offensive)');
    expect(en.text()).toContain('partially accepted');
  });

  it('a published report without comments or survey says so', async () => {
    const bare = await create('Konsultacje bez uwag');
    await as(official).post(`/api/v1/admin/consultations/${bare}/announce`).expect(200);
    await timePasses(bare, 20, -1);
    await as(official).post(`/api/v1/admin/consultations/${bare}/report/publish`).expect(200);
    const page = await signedIn(anna).get(`/consultations/${bare}/report`);
    expect(page.status).toBe(200);
    expect(page.text()).toContain('W konsultacjach nie zgłoszono uwag.');
    expect(page.text()).toContain('W tych konsultacjach nie było ankiety.');
    expect(page.text()).toContain('Urząd nie dodał wniosków.');
    expect(page.doc.querySelectorAll('main section.civitas-report-section')).toHaveLength(0);
  });

  it('route × role: the report page is public, drafts 404 for everyone', async () => {
    const clients = [anonymous(), signedIn(anna), signedIn(official)];
    const got = [];
    for (const c of clients) got.push([(await c.get(`/consultations/${id}/report`)).status, (await c.get(`/consultations/${draft}/report`)).status]);
    expect(got).toEqual([
      [200, 404],
      [200, 404],
      [200, 404],
    ]);
  });
});
