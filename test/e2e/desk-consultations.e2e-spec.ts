import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { Page, PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

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
    expect((await new PageClient(t.app).get('/desk/consultations/list', { follow: false })).status).toBe(303);
    const residentDesk = await signedIn(t, resident);
    const moderatorDesk = await signedIn(t, moderator);
    for (const p of [path, '/desk/consultations/list', '/desk/consultations/new', '/desk/consultations/reports', `/desk/consultations/${closedId}/survey`]) {
      expect((await residentDesk.get(p)).status).toBe(403);
      expect((await moderatorDesk.get(p)).status).toBe(403);
    }
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
  it('the list: the official’s consultations with a status filter and real paging; a bad filter is 422, a page past the end 404', async () => {
    const desk = await signedIn(t, official);
    const list = await desk.get('/desk/consultations/list');
    expect(list.status).toBe(200);
    expect(list.all('main table tbody th a')).toContain('Rynek: projekt planu');
    expect((await desk.get('/desk/consultations/list?status=draft')).all('main table tbody th a')).not.toContain('Rynek: projekt planu');
    expect((await desk.get('/desk/consultations/list?status=nope')).status).toBe(422);
    expect((await desk.get('/desk/consultations/list?page=2')).status).toBe(404);
    expect((await (await signedIn(t, otherOfficial)).get('/desk/consultations/list')).all('main table tbody th a')).toEqual([]);
    const start = await desk.get('/desk/consultations');
    expect(start.doc.querySelector('a[href="/desk/consultations/list"]')).not.toBeNull();
  });

  it('create: bad input is 422 with nothing stored, a city-wide one is refused for a district’s official; then created, changed, its document versioned', async () => {
    const count = async () => Number(((await db.query(`SELECT count(*)::int AS n FROM consultations`)) as Array<{ n: number }>)[0].n);
    const before = await count();
    const desk = await signedIn(t, official);
    const form = await desk.get('/desk/consultations/new');
    expect(form.h1).toBe('Nowe konsultacje');
    const bad = await desk.submit(form, { title: ' ', areaIds: [district], opensAt: '2027-02-30 10:00', closesAt: 'jutro', minNoticeDays: 'siedem' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(expect.arrayContaining(['minNoticeDays', 'opensAt', 'closesAt']));
    expect(bad.value('title')).toBe(' ');
    const cityWide = await desk.submit(form, { title: 'Cała Warszawa', areaIds: [] });
    expect(cityWide.status).toBe(403);
    expect(cityWide.errorSummary[0].text).toBe('Te konsultacje prowadzą urzędnicy obszarów, których dotyczą.');
    const empty = await desk.submit(form, { title: '  ', areaIds: [district] });
    expect(empty.status).toBe(422);
    expect(empty.fieldError('title')).toBe('Podaj tytuł konsultacji.');
    expect(await count()).toBe(before);

    const preview = await desk.submit(form, { title: 'Skwer', areaIds: [district], body: 'Nowy **skwer**.', action: 'preview' });
    expect(preview.doc.querySelector('.civitas-preview strong')?.text).toBe('skwer');
    expect(await count()).toBe(before);

    const created = await desk.submit(form, {
      title: 'Skwer przy szkole',
      summary: 'Jak urządzić skwer.',
      body: 'Nowy **skwer**.',
      topic: 'zieleń',
      organiserUnit: 'Wydział Zieleni',
      contact: 'zielen@example.pl',
      areaIds: [district],
      audience: 'ngo',
      moderation: 'pre',
      surveyAccess: 'email_code',
      minNoticeDays: '3',
      opensAt: '2027-03-01 09:00',
      closesAt: '2027-03-31 18:00',
    });
    expect(created.status).toBe(200);
    expect(created.banner).toBe('Utworzono szkic konsultacji.');
    const id = created.url.split('/').pop()!;
    const api = (await as(official).get(`/api/v1/admin/consultations/${id}`).expect(200)).body;
    expect(api).toMatchObject({ status: 'draft', audience: 'ngo', moderation: 'pre', surveyAccess: 'email_code', minNoticeDays: 3, areaIds: [district] });
    expect(api.opensAt).toBe('2027-03-01T08:00:00.000Z');
    expect(api.closesAt).toBe('2027-03-31T16:00:00.000Z');

    const stranger = await signedIn(t, otherOfficial);
    expect((await stranger.get(`/desk/consultations/${id}`)).status).toBe(403);
    expect((await stranger.get(`/desk/consultations/${id}/edit`)).status).toBe(403);

    const edit = await desk.get(`/desk/consultations/${id}/edit`);
    expect(edit.value('opensAt')).toBe('2027-03-01 09:00');
    const edited = await desk.submit(edit, { title: 'Skwer przy Szkole nr 5' });
    expect(edited.banner).toBe('Zapisano zmiany.');
    expect(edited.h1).toBe('Skwer przy Szkole nr 5');

    const docPage = await desk.get(`/desk/consultations/${id}/document`);
    const more = await desk.submit(docPage, { 'sections.0.key': '§ 1', 'sections.0.body': 'Ławki.', action: 'add' });
    expect(more.doc.querySelector('[name="sections.1.key"]')).not.toBeNull();
    const dup = await desk.submit(more, { 'sections.0.key': '§ 1', 'sections.0.body': 'Ławki.', 'sections.1.key': '§ 1', 'sections.1.body': 'Drzewa.' });
    expect(dup.status).toBe(422);
    expect(dup.fieldError('sections.1.key')).toBe('Oznaczenie „§ 1” występuje już we fragmencie nr 1.');
    expect((await as(official).get(`/api/v1/admin/consultations/${id}/document`).expect(200)).body.currentVersion).toBe(0);
    const saved = await desk.submit(dup, { 'sections.1.key': '§ 2', note: 'Pierwsza wersja' });
    expect(saved.banner).toBe('Zapisano wersję 1 dokumentu.');
    const doc = (await as(official).get(`/api/v1/admin/consultations/${id}/document`).expect(200)).body;
    expect(doc.sections.map((x: { key: string; body: string }) => [x.key, x.body])).toEqual([
      ['§ 1', 'Ławki.'],
      ['§ 2', 'Drzewa.'],
    ]);
  });

  it('announce (refused with the API’s words when too soon), then only the texts and a later closing date change; cancel with a public reason; CSRF', async () => {
    const id = (
      await as(official)
        .post('/api/v1/admin/consultations')
        .send({ title: 'Ścieżka rowerowa', areaIds: [district], opensAt: inDays(2), closesAt: inDays(30) })
        .expect(201)
    ).body.id as string;
    const desk = await signedIn(t, official);
    const page = await desk.get(`/desk/consultations/${id}`);
    const announceForm = `main form[action="/desk/consultations/${id}/announce"]`;
    const refused = await desk.submit(page, {}, { form: announceForm });
    expect(refused.status).toBe(422);
    expect(refused.errorSummary[0].text).toBe('Konsultacje ogłasza się co najmniej 7 dni przed ich rozpoczęciem.');
    const forged = await desk.submit(page, {}, { form: announceForm, drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    await as(official)
      .patch(`/api/v1/admin/consultations/${id}`)
      .send({ opensAt: inDays(10) })
      .expect(200);
    const announced = await desk.submit(await desk.get(`/desk/consultations/${id}`), {}, { form: announceForm });
    expect(announced.banner).toBe('Konsultacje ogłoszono.');
    expect(announced.text()).toContain('ogłoszone');

    const edit = await desk.get(`/desk/consultations/${id}/edit`);
    expect(edit.doc.querySelector('[name="areaIds"]')).toBeNull();
    expect(edit.doc.querySelector('[name="opensAt"]')).toBeNull();
    const shorter = await desk.submit(edit, { closesAt: '2026-01-01 10:00' });
    expect(shorter.status).toBe(422);
    expect(shorter.fieldError('closesAt')).toBe('Ogłoszonych konsultacji nie można skrócić, tylko przedłużyć.');
    expect((await desk.submit(edit, { summary: 'Trasa wzdłuż rzeki.' })).banner).toBe('Zapisano zmiany.');

    const cancelPage = await desk.get(`/desk/consultations/${id}/cancel`);
    expect((await (await signedIn(t, otherOfficial)).get(`/desk/consultations/${id}/cancel`)).status).toBe(403);
    const noReason = await desk.submit(cancelPage, { reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.fieldError('reason')).toBe('Podaj powód odwołania.');
    expect((await desk.submit(cancelPage, { reason: 'Nie ma.' }, { drop: ['_csrf'] })).status).toBe(403);
    expect((await as(official).get(`/api/v1/admin/consultations/${id}`).expect(200)).body.status).toBe('announced');
    const cancelled = await desk.submit(cancelPage, { reason: 'Trasa zmieni przebieg; ogłosimy nowe konsultacje.' });
    expect(cancelled.banner).toBe('Konsultacje odwołano.');
    const pub = (await t.http().get(`/api/v1/consultations/${id}`).expect(200)).body;
    expect(pub).toMatchObject({ status: 'cancelled', cancelledReason: 'Trasa zmieni przebieg; ogłosimy nowe konsultacje.' });
  });
  const upload = (client: PageClient, page: Page, file: { name: string; type: string; content: Buffer } | null) => client.upload(page, file);

  it('the survey builder (every kind of question), meetings and points, attachments — bad input refused with nothing stored', async () => {
    const id = (
      await as(official)
        .post('/api/v1/admin/consultations')
        .send({ title: 'Biblioteka', areaIds: [district], opensAt: '2030-03-01T08:00:00Z', closesAt: '2030-03-31T16:00:00Z' })
        .expect(201)
    ).body.id as string;
    const desk = await signedIn(t, official);
    const overview = await desk.get(`/desk/consultations/${id}`);
    expect(overview.doc.querySelector(`a[href="/desk/consultations/${id}/survey"]`)).not.toBeNull();
    expect((await (await signedIn(t, otherOfficial)).get(`/desk/consultations/${id}/survey`)).status).toBe(403);

    // The survey: one question of each kind; a choice question with one option is refused first.
    const survey = await desk.get(`/desk/consultations/${id}/survey`);
    const added = await desk.submit(survey, { 'questions.0.kind': 'single', 'questions.0.prompt': 'Czy korzystasz?', action: 'add' });
    expect(added.doc.querySelector('[name="questions.1.prompt"]')).not.toBeNull();
    const bad = await desk.submit(survey, { 'questions.0.kind': 'single', 'questions.0.prompt': 'Czy korzystasz?', 'questions.0.options': 'Tak' });
    expect(bad.status).toBe(422);
    expect(bad.fieldError('questions.0.options')).toBe('Pytanie wyboru ma od 2 do 20 odpowiedzi do wyboru.');
    const surveyOf = async () =>
      (await db.query(`SELECT kind FROM survey_questions WHERE consultation_id = $1 ORDER BY position`, [id])) as Array<{ kind: string }>;
    expect(await surveyOf()).toEqual([]);
    const saved = await desk.submit(survey, {
      'questions.0.kind': 'single',
      'questions.0.prompt': 'Czy korzystasz?',
      'questions.0.required': 'true',
      'questions.0.options': 'Tak\nNie',
      'questions.1.kind': 'multiple',
      'questions.1.prompt': 'Co czytasz?',
      'questions.1.options': 'Prasę\nKsiążki\nKomiksy',
      'questions.2.kind': 'scale',
      'questions.2.prompt': 'Jak oceniasz godziny otwarcia?',
      'questions.2.scaleMin': '1',
      'questions.2.scaleMax': '5',
      'questions.3.kind': 'text',
      'questions.3.prompt': 'Co zmienić?',
    });
    expect(saved.banner).toBe('Zapisano ankietę: pytań 4.');
    expect((await surveyOf()).map((q) => q.kind)).toEqual(['single', 'multiple', 'scale', 'text']);
    const again = await desk.get(`/desk/consultations/${id}/survey`);
    expect(again.value('questions.1.options')).toBe('Prasę\nKsiążki\nKomiksy');
    expect(again.value('questions.0.required')).toEqual(['true']);

    // A meeting: refused outside the consultation's dates, then added, changed and removed.
    const newMeeting = await desk.get(`/desk/consultations/${id}/meetings/new`);
    const early = await desk.submit(newMeeting, { title: 'Spotkanie otwarte', place: 'Sala A', startsAt: '2030-02-01 18:00', endsAt: '2030-02-01 20:00' });
    expect(early.status).toBe(422);
    expect(early.errorSummary.length).toBeGreaterThan(0);
    const noTimes = await desk.submit(newMeeting, { title: 'Spotkanie otwarte', place: 'Sala A' });
    expect(noTimes.status).toBe(422);
    expect((await as(official).get(`/api/v1/admin/consultations/${id}/meetings`).expect(200)).body).toEqual([]);
    const list = await desk.submit(newMeeting, {
      title: 'Spotkanie otwarte',
      place: 'Sala A',
      startsAt: '2030-03-10 18:00',
      endsAt: '2030-03-10 20:00',
      capacity: '30',
    });
    expect(list.banner).toBe('Zapisano „Spotkanie otwarte”.');
    const [meeting] = (await as(official).get(`/api/v1/admin/consultations/${id}/meetings`).expect(200)).body as Array<{
      id: string;
      startsAt: string;
      capacity: number;
    }>;
    expect(meeting).toMatchObject({ startsAt: '2030-03-10T17:00:00.000Z', capacity: 30 });
    const edit = await desk.get(`/desk/consultations/${id}/meetings/${meeting.id}/edit`);
    expect(edit.text()).toContain('Nikt się jeszcze nie zapisał.');
    const changed = await desk.submit(edit, { kind: 'point', title: 'Punkt w bibliotece', capacity: '' });
    expect(changed.banner).toBe('Zapisano „Punkt w bibliotece”.');
    expect((await as(official).get(`/api/v1/admin/consultations/${id}/meetings`).expect(200)).body[0]).toMatchObject({ kind: 'point', capacity: null });
    const removed = await desk.submit(await desk.get(`/desk/consultations/${id}/meetings/${meeting.id}/edit`), {}, { form: `main form[action$="/remove"]` });
    expect(removed.banner).toBe('Usunięto „Punkt w bibliotece”.');

    // Attachments: no file and a false PDF refused, a PDF uploaded and removed.
    const files = await desk.get(`/desk/consultations/${id}/attachments`);
    expect((await upload(desk, files, null)).fieldError('file')).toBe('Wybierz plik.');
    const fake = await upload(desk, files, { name: 'plan.pdf', type: 'application/pdf', content: Buffer.from('nie pdf') });
    expect(fake.status).toBe(422);
    expect(fake.fieldError('file')).toBe('Przyjmujemy pliki PDF, PNG i JPEG, których zawartość odpowiada podanemu typowi.');
    const uploaded = await upload(desk, files, { name: 'plan.pdf', type: 'application/pdf', content: PDF });
    expect(uploaded.banner).toBe('Dodano plik „plan.pdf”.');
    expect(uploaded.all('main table tbody th')).toEqual(['plan.pdf']);
    const gone = await desk.submit(uploaded, {}, { form: 'main table form' });
    expect(gone.banner).toBe('Usunięto plik „plan.pdf”.');
    expect((await as(official).get(`/api/v1/admin/consultations/${id}`).expect(200)).body.attachments).toEqual([]);
  });
});
