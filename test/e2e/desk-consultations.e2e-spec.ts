import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

/**
 * The consultations' desk pages through the app: the report (progress overall and per section, a response per
 * comment, the conclusions with a preview, publication refused with a link to the first unanswered comment, then
 * published) and the consultations' management (list, create, edit, document, announce, cancel) — each through the
 * API's services, with bad input, CSRF and the route × role check.
 */
describe('consultations desk: the report and the management pages (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let district: string;
  let other: string;
  let official: TestUser;
  let otherOfficial: TestUser;
  let resident: TestUser;
  let moderator: TestUser;
  let closedId: string;
  const comments: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(t, u);
  const responses = async () =>
    Number(
      (
        (await db.query(
          `SELECT count(*)::int AS n FROM consultation_comment_responses r JOIN consultation_comments c ON c.id = r.comment_id WHERE c.consultation_id = $1`,
          [closedId],
        )) as Array<{ n: number }>
      )[0].n,
    );

  async function timePasses(cid: string, opensDaysAgo: number, closesInDays: number): Promise<void> {
    await db.query(`UPDATE consultations SET opens_at = now() - make_interval(days => $2), closes_at = now() + make_interval(days => $3) WHERE id = $1`, [
      cid,
      opensDaysAgo,
      closesInDays,
    ]);
    await t.app.get(ConsultationsService).advance();
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    district = await createArea(t, { name: 'Stare Miasto', kind: 'district' });
    other = await createArea(t, { name: 'Nowe Miasto', kind: 'district' });
    official = await createUser(t, { displayName: 'Ewa Urzędniczka', grants: [{ role: 'official', areaId: district }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    resident = await createUser(t, { displayName: 'Anna Nowak' });
    moderator = await createUser(t, { grants: [{ role: 'moderator', areaId: null }] });
    const piotr = await createUser(t, { displayName: 'Piotr Wiśniewski' });

    closedId = (
      await as(official)
        .post('/api/v1/admin/consultations')
        .send({ title: 'Rynek: projekt planu', areaIds: [district], opensAt: inDays(8), closesAt: inDays(40) })
        .expect(201)
    ).body.id;
    const doc = await as(official)
      .put(`/api/v1/admin/consultations/${closedId}/document`)
      .send({
        sections: [
          { key: '§ 1', heading: 'Przeznaczenie', body: 'Plac publiczny.' },
          { key: '§ 2', heading: 'Zieleń', body: 'Nowe drzewa.' },
        ],
      })
      .expect(200);
    const sections = doc.body.sections as Array<{ id: string }>;
    await as(official).post(`/api/v1/admin/consultations/${closedId}/announce`).expect(200);
    await timePasses(closedId, 1, 10);
    comments.anna = (
      await as(resident).post(`/api/v1/consultations/${closedId}/comments`).send({ sectionId: sections[0].id, body: 'Więcej ławek.' }).expect(201)
    ).body.id;
    comments.piotr = (
      await as(piotr).post(`/api/v1/consultations/${closedId}/comments`).send({ sectionId: sections[1].id, body: 'Lipy zamiast klonów.' }).expect(201)
    ).body.id;
    comments.paper = (
      await as(official)
        .post(`/api/v1/admin/consultations/${closedId}/comments`)
        .send({ channel: 'paper', receivedOn: new Date().toISOString().slice(0, 10), authorName: 'Jan Kowalski', body: 'Bez parkingu.' })
        .expect(201)
    ).body.id;
    await timePasses(closedId, 20, -1);
  }, 120_000);
  afterAll(() => t?.close());

  it('route × role: anonymous to sign in, a resident and a moderator 403, an official of another area the API’s 403, the official 200', async () => {
    const path = `/desk/consultations/${closedId}/report`;
    const anon = await new PageClient(t.app).get(path, { follow: false });
    expect(anon.status).toBe(303);
    expect(anon.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    expect((await (await signedIn(t, resident)).get(path)).status).toBe(403);
    expect((await (await signedIn(t, moderator)).get(path)).status).toBe(403);
    const stranger = await signedIn(t, otherOfficial);
    const refused = await stranger.get(path);
    expect(refused.status).toBe(403);
    expect(refused.text()).toContain('Te konsultacje prowadzą urzędnicy obszarów, których dotyczą.');
    expect((await stranger.get('/desk/consultations/reports')).text()).toContain('Nic tu nie czeka.');
    const desk = await signedIn(t, official);
    expect((await desk.get(path)).status).toBe(200);
    expect((await desk.get('/desk/consultations/00000000-0000-4000-8000-000000000000/report')).status).toBe(404);
    expect((await desk.get('/desk/consultations/reports?page=2')).status).toBe(404);
  });

  it('the desk counts the comments without a response for the official who runs it, not for another area’s', async () => {
    const count = async (u: TestUser) => {
      const page = await (await signedIn(t, u)).get('/desk/consultations');
      const row = page.doc.querySelectorAll('table tr').find((tr) => tr.text.includes('Uwagi bez odpowiedzi w zamkniętych konsultacjach'));
      return row?.querySelector('td')?.text.trim();
    };
    expect(await count(official)).toBe('3');
    expect(await count(otherOfficial)).toBe('0');
    const queue = await (await signedIn(t, official)).get('/desk/consultations/reports');
    expect(queue.all('main table tbody th')).toEqual(['Rynek: projekt planu']);
    expect(queue.text()).toContain('0 z 3');
  });

  it('responses: progress per section, a missing justification is 422 with nothing stored, CSRF refused, then the next comment follows', async () => {
    const desk = await signedIn(t, official);
    const overview = await desk.get(`/desk/consultations/${closedId}/report`);
    expect(overview.h1).toBe('Odpowiedzi na uwagi i raport');
    expect(overview.text()).toContain('Odpowiedziano na 0 z 3 uwag.');
    expect(overview.all('main table tbody th')).toEqual(['§ 1. Przeznaczenie', '§ 2. Zieleń', 'Całość (bez wskazania fragmentu)']);
    const section = await desk.get(overview.doc.querySelector('main table tbody th a')!.getAttribute('href')!);
    expect(section.h1).toBe('§ 1. Przeznaczenie');
    expect(section.text()).toContain('W tym fragmencie odpowiedziano na 0 z 1 uwag.');
    expect(section.text()).toContain('Więcej ławek.');

    const next = overview.doc.querySelector('a.govuk-button')!.getAttribute('href')!;
    expect(next).toBe(`/desk/consultations/${closedId}/report/comments/${comments.anna}`);
    const form = await desk.get(next);
    expect(form.h1).toBe('Uwaga nr 2');
    const bad = await desk.submit(form, { verdict: 'accepted', justification: '   ' });
    expect(bad.status).toBe(422);
    expect(bad.title).toMatch(/^Błąd:/);
    expect(bad.fieldError('justification')).toBe('Uzasadnij odpowiedź.');
    const noVerdict = await desk.submit(form, { justification: 'Dobrze.' });
    expect(noVerdict.status).toBe(422);
    expect(noVerdict.errorSummary[0].field).toBe('verdict');
    const forged = await desk.submit(form, { verdict: 'accepted', justification: 'Tak.' }, { drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    expect(await responses()).toBe(0);

    const saved = await desk.submit(form, { verdict: 'partially_accepted', justification: 'Ławki w mniejszej liczbie.' });
    expect(saved.status).toBe(200);
    expect(saved.url).toBe(`/desk/consultations/${closedId}/report/comments/${comments.piotr}`);
    expect(saved.banner).toBe('Zapisano odpowiedź na uwagę nr 2.');
    expect(saved.text()).toContain('Odpowiedziano na 1 z 3 uwag.');
    expect(await responses()).toBe(1);
  });

  it('publishing is refused while a comment has no response, with the API’s error and a link to it; the conclusions are previewed and saved; then it is published', async () => {
    const desk = await signedIn(t, official);
    const overview = await desk.get(`/desk/consultations/${closedId}/report`);
    const refused = await desk.submit(overview, {}, { form: `main form[action="/desk/consultations/${closedId}/report/publish"]` });
    expect(refused.status).toBe(409);
    expect(refused.errorSummary[0].text).toBe('Raportu nie można opublikować: 2 uwag(i) bez odpowiedzi (lub czeka na moderację).');
    expect(refused.errorSummary[1].field).toBe('first-unanswered');
    expect(refused.doc.querySelector('#first-unanswered')!.getAttribute('href')).toBe(`/desk/consultations/${closedId}/report/comments/${comments.piotr}`);
    expect((await as(official).get(`/api/v1/admin/consultations/${closedId}/report`).expect(200)).body.status).toBe('closed');

    let page = await desk.get(refused.doc.querySelector('#first-unanswered')!.getAttribute('href')!);
    page = await desk.submit(page, { verdict: 'rejected', justification: 'Gatunki wybiera zarząd zieleni.' });
    expect(page.url).toBe(`/desk/consultations/${closedId}/report/comments/${comments.paper}`);
    page = await desk.submit(page, { verdict: 'accepted', justification: 'Parkingu nie będzie.' });
    expect(page.url).toBe(`/desk/consultations/${closedId}/report`);
    expect(page.banner).toBe('Zapisano odpowiedź na uwagę nr 1. Każda uwaga ma już odpowiedź.');
    expect(page.text()).toContain('Odpowiedziano na 3 z 3 uwag.');

    const conclusions = await desk.get(`/desk/consultations/${closedId}/report/conclusions`);
    const preview = await desk.submit(conclusions, { conclusions: '## Wnioski\n\nPlac **zostaje**. <script>x</script>', action: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.doc.querySelector('.civitas-preview strong')?.text).toBe('zostaje');
    expect(preview.doc.querySelector('.civitas-preview script')).toBeNull();
    expect((await as(official).get(`/api/v1/admin/consultations/${closedId}/report`).expect(200)).body.conclusions).toBe('');
    const savedConclusions = await desk.submit(preview, { conclusions: 'Plac **zostaje**.' });
    expect(savedConclusions.banner).toBe('Zapisano wnioski.');

    const published = await desk.submit(savedConclusions, {}, { form: `main form[action="/desk/consultations/${closedId}/report/publish"]` });
    expect(published.status).toBe(200);
    expect(published.banner).toBe('Raport opublikowano');
    expect(published.doc.querySelector(`a[href="/consultations/${closedId}/report"]`)).not.toBeNull();
    const report = (await t.http().get(`/api/v1/consultations/${closedId}/report`).expect(200)).body;
    expect(report.comments.map((c: { response: { verdict: string } }) => c.response.verdict)).toEqual(['accepted', 'partially_accepted', 'rejected']);
  });
});
