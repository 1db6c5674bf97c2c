import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient, type Page } from '@civitas/web/testing';
import { actingAs, createUser, TestUser, uniqueEmail } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const UUID = '00000000-0000-4000-8000-000000000000';

const QUESTIONS = [
  { kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie', 'Nie mam zdania'] },
  { kind: 'multiple', prompt: 'Co jest najważniejsze?', options: ['Zieleń', 'Parking', 'Ścieżka rowerowa'] },
  { kind: 'scale', prompt: 'Jak oceniasz projekt?', required: true, scaleMin: 1, scaleMax: 5 },
  { kind: 'text', prompt: 'Uwagi', required: false },
];

/**
 * The survey and the meetings pages of a consultation through the app, as a browser without JavaScript uses them:
 * every question kind, required answers, the e-mailed code, answering twice, NGO-only consultations, a long survey
 * in pages, results once closed; meetings with places, registering and withdrawing with every refusal, the .ics
 * file; CSRF; and who gets what (route × role). Every page is valid HTML (PageClient checks each).
 */
describe('consultations: survey and meetings pages (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let ngo: TestUser;
  let n = 0;

  const as = (u: TestUser) => actingAs(t, u);
  const anonymous = () => new PageClient(t.app);
  const signedIn = (u: TestUser) => {
    const c = new PageClient(t.app);
    c.setCookie('civitas_session', u.token);
    return c;
  };
  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as Array<{ n: number }>)[0].n;
  const responses = (id: string) => count(`SELECT count(*)::int AS n FROM survey_responses WHERE consultation_id = $1`, [id]);
  const registrations = (meetingId: string) => count(`SELECT count(*)::int AS n FROM meeting_registrations WHERE meeting_id = $1`, [meetingId]);

  /** A consultation opening in 8 days (a draft until announced), with a survey and meetings as asked. */
  async function consultation(
    opts: {
      questions?: unknown[];
      surveyAccess?: 'account' | 'email_code';
      audience?: 'everyone' | 'ngo';
      meetings?: Array<Record<string, unknown>>;
      announce?: boolean;
      open?: boolean;
    } = {},
  ) {
    n += 1;
    const title = `Konsultacje stron ${n} ${Date.now().toString(36)}`;
    const c = await as(official)
      .post('/api/v1/admin/consultations')
      .send({
        title,
        surveyAccess: opts.surveyAccess ?? 'account',
        audience: opts.audience ?? 'everyone',
        opensAt: inDays(8),
        closesAt: inDays(30),
      })
      .expect(201);
    const id = c.body.id as string;
    if (opts.questions?.length) await as(official).put(`/api/v1/admin/consultations/${id}/survey`).send({ questions: opts.questions }).expect(200);
    const meetings: string[] = [];
    for (const m of opts.meetings ?? [])
      meetings.push((await as(official).post(`/api/v1/admin/consultations/${id}/meetings`).send(m).expect(201)).body.id as string);
    if (opts.announce !== false || opts.open) await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    if (opts.open) await open(id);
    return { id, title, meetings };
  }
  const open = async (id: string) => {
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
  };
  const close = async (id: string) => {
    await db.query(`UPDATE consultation_meetings SET starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours' WHERE consultation_id = $1`, [
      id,
    ]);
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 day', closes_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
  };
  const legends = (p: Page) => p.all('main legend, main label.govuk-label:not(.govuk-radios__label):not(.govuk-checkboxes__label)');

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    ben = await createUser(t, { displayName: 'Ben Kowalski' });
    ngo = await createUser(t, { displayName: 'Konto fundacji' });
    await as(admin).put(`/api/v1/admin/users/${ngo.id}/organisation`).send({ name: 'Fundacja Zielone Miasto', krs: '0000777001' }).expect(200);
  }, 120_000);
  afterAll(() => t?.close());

  describe('the survey', () => {
    it('a resident answers every kind of question on one page; a missing required answer is named and nothing stored; a second answer is refused', async () => {
      const c = await consultation({ questions: QUESTIONS, open: true });
      // Anonymous visitors of an account survey are asked to sign in.
      const anon = await anonymous().get(`/consultations/${c.id}/survey`);
      expect(anon.status).toBe(200);
      expect(anon.doc.querySelector('main form')).toBeNull();
      expect(anon.doc.querySelector(`main a[href="/sign-in?next=${encodeURIComponent(`/consultations/${c.id}/survey`)}"]`)?.text).toContain(
        'Zaloguj się, aby odpowiedzieć',
      );

      const client = signedIn(anna);
      const form = await client.get(`/consultations/${c.id}/survey`);
      expect(form.status).toBe(200);
      expect(form.h1).toBe('Ankieta');
      expect(form.title).toContain(c.title);
      expect(form.text('.civitas-subnav [aria-current="page"]')).toBe('Ankieta');
      expect(legends(form)).toEqual([
        'Pytanie 1. Czy popierasz projekt? (obowiązkowe)',
        'Pytanie 2. Co jest najważniejsze? (nieobowiązkowe)',
        'Pytanie 3. Jak oceniasz projekt? (obowiązkowe)',
        'Pytanie 4. Uwagi (nieobowiązkowe)',
      ]);
      expect(form.doc.querySelectorAll('input[name="q1"][type="radio"]')).toHaveLength(3);
      expect(form.doc.querySelectorAll('input[name="q2"][type="checkbox"]')).toHaveLength(3);
      expect(form.all('input[name="q3"] + label')).toEqual(['1 (najniżej)', '2', '3', '4', '5 (najwyżej)']);
      expect(form.doc.querySelector('textarea[name="q4"]')).not.toBeNull();
      // A signed-in participant gives no address.
      expect(form.doc.querySelector('input[name="email"]')).toBeNull();

      // Question 3 left out: 422, the summary names it and links to it, what was typed kept, nothing stored.
      const bad = await client.submit(form, { q1: '0', q2: ['0', '2'], q4: 'Więcej ławek' });
      expect(bad.status).toBe(422);
      expect(bad.title).toMatch(/^Błąd:/);
      expect(bad.errorSummary).toEqual([{ text: 'Pytanie 3 jest obowiązkowe: „Jak oceniasz projekt?”.', field: 'q3' }]);
      expect(bad.fieldError('q3')).toBe('Pytanie 3 jest obowiązkowe: „Jak oceniasz projekt?”.');
      expect(bad.value('q1')).toEqual(['0']);
      expect(bad.value('q2')).toEqual(['0', '2']);
      expect(bad.value('q4')).toBe('Więcej ławek');
      expect(await responses(c.id)).toBe(0);

      // Without the form's token: 403, nothing stored.
      const forged = await client.submit(bad, { q3: '4' }, { drop: ['_csrf'] });
      expect(forged.status).toBe(403);
      expect(await responses(c.id)).toBe(0);

      const done = await client.submit(bad, { q3: '4' });
      expect(done.url).toBe(`/consultations/${c.id}/survey/recorded`);
      expect(done.status).toBe(200);
      expect(done.text('.govuk-panel__title')).toBe('Twoje odpowiedzi zostały zapisane');
      const stored = (await db.query(
        `SELECT q.position, a.choices, a.value, a.text FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
          JOIN survey_responses r ON r.id = a.response_id WHERE r.consultation_id = $1 AND r.status = 'confirmed' ORDER BY q.position`,
        [c.id],
      )) as Array<{ position: number; choices: number[] | null; value: number | null; text: string | null }>;
      expect(stored).toEqual([
        { position: 1, choices: [0], value: null, text: null },
        { position: 2, choices: [0, 2], value: null, text: null },
        { position: 3, choices: null, value: 4, text: null },
        { position: 4, choices: null, value: null, text: 'Więcej ławek' },
      ]);
      // The confirmation is shown once; opened again, the survey page says where things stand.
      const again = await client.get(`/consultations/${c.id}/survey`);
      expect(again.h1).toBe('Ta ankieta ma już Twoje odpowiedzi');
      expect(again.doc.querySelector('main form')).toBeNull();
      const reopened = await client.get(`/consultations/${c.id}/survey/recorded`);
      expect(reopened.url).toBe(`/consultations/${c.id}/survey`);

      // The old form sent again (another tab): the refusal page, not a form error; nothing stored.
      const twice = await client.submit(bad, { q3: '2' });
      expect(twice.status).toBe(409);
      expect(twice.h1).toBe('Ta ankieta ma już Twoje odpowiedzi');
      expect(twice.text()).toContain('Na ankietę odpowiada się raz');
      expect(twice.errorSummary).toEqual([]);
      expect(await responses(c.id)).toBe(1);

      // In English.
      const en = await new PageClient(t.app, { headers: { 'accept-language': 'en' } }).get(`/consultations/${c.id}/survey`);
      expect(en.h1).toBe('Survey');
      expect(en.text()).toContain('Sign in to answer');
    });

    it('an anonymous visitor answers with an e-mailed code (email_code): a wrong code, then the right one', async () => {
      const c = await consultation({ questions: QUESTIONS, surveyAccess: 'email_code', open: true });
      const client = anonymous();
      const form = await client.get(`/consultations/${c.id}/survey`);
      expect(form.doc.querySelector('input[name="email"][type="email"]')).not.toBeNull();
      // No address and a bad one: named, nothing stored.
      const none = await client.submit(form, { q1: '1', q3: '3' });
      expect(none.status).toBe(422);
      expect(none.errorSummary.map((e) => e.field)).toEqual(['email']);
      const malformed = await client.submit(none, { email: 'not-an-address' });
      expect(malformed.status).toBe(422);
      expect(malformed.fieldError('email')).toContain('Adres e-mail');
      expect(await responses(c.id)).toBe(0);

      const email = uniqueEmail('ankieta');
      const pending = await client.submit(malformed, { email });
      expect(pending.url).toMatch(new RegExp(`^/consultations/${c.id}/survey/confirm\\?response=[0-9a-f-]{36}$`));
      expect(pending.h1).toBe('Wpisz kod z wiadomości e-mail');
      expect(pending.banner).toBe('Wysłaliśmy kod na podany adres e-mail.');
      expect(pending.html).not.toContain(email);
      const code = /kod: (\d{6})/.exec(await mailTo(t, email, c.title))![1];

      const wrong = await client.submit(pending, { code: code === '000000' ? '111111' : '000000' });
      expect(wrong.status).toBe(422);
      expect(wrong.errorSummary).toEqual([{ text: 'Błędny kod. Pozostałe próby: 4.', field: 'code' }]);
      const malformedCode = await client.submit(wrong, { code: '12' });
      expect(malformedCode.status).toBe(422);
      expect(malformedCode.errorSummary[0].field).toBe('code');
      const forged = await client.submit(wrong, { code }, { drop: ['_csrf'] });
      expect(forged.status).toBe(403);
      expect(await count(`SELECT count(*)::int AS n FROM survey_responses WHERE consultation_id = $1 AND status = 'confirmed'`, [c.id])).toBe(0);

      const done = await client.submit(wrong, { code });
      expect(done.url).toBe(`/consultations/${c.id}/survey/recorded`);
      expect(done.text('.govuk-panel__title')).toBe('Twoje odpowiedzi zostały zapisane');
      expect(await count(`SELECT count(*)::int AS n FROM survey_responses WHERE consultation_id = $1 AND status = 'confirmed'`, [c.id])).toBe(1);

      // The same address again: refused with the page that says so.
      const second = await client.get(`/consultations/${c.id}/survey`);
      const twice = await client.submit(second, { q1: '0', q3: '5', email: email.toUpperCase() });
      expect(twice.status).toBe(409);
      expect(twice.h1).toBe('Ta ankieta ma już Twoje odpowiedzi');
      expect(twice.text()).toContain('Jeśli ten adres nie został jeszcze potwierdzony kodem');

      // A signed-in participant of an email_code survey answers directly.
      const signed = signedIn(ben);
      const direct = await signed.submit(await signed.get(`/consultations/${c.id}/survey`), { q1: '2', q3: '1' });
      expect(direct.text('.govuk-panel__title')).toBe('Twoje odpowiedzi zostały zapisane');
      // Unknown or malformed responses have no code page.
      expect((await client.get(`/consultations/${c.id}/survey/confirm?response=abc`)).status).toBe(404);
      expect((await client.get(`/consultations/${c.id}/survey/confirm`)).status).toBe(404);
    });

    it('an NGO-only survey refuses a resident with a clear page and asks anonymous visitors to sign in as an organisation', async () => {
      const c = await consultation({ questions: QUESTIONS, audience: 'ngo', surveyAccess: 'email_code', open: true });
      const resident = signedIn(anna);
      const refused = await resident.get(`/consultations/${c.id}/survey`);
      expect(refused.status).toBe(403);
      expect(refused.h1).toBe('Ankieta tylko dla organizacji pozarządowych');
      expect(refused.text()).toContain('to konto nie jest kontem organizacji');
      expect(refused.doc.querySelector('main form')).toBeNull();
      // Posted anyway (a token from the header's form): the same refusal, nothing stored.
      const token = refused.form('header form').fields._csrf as string;
      const posted = await resident.post(`/consultations/${c.id}/survey`, { _csrf: token, q1: '0', q3: '3' });
      expect(posted.status).toBe(403);
      expect(posted.h1).toBe('Ankieta tylko dla organizacji pozarządowych');

      const anon = await anonymous().get(`/consultations/${c.id}/survey`);
      expect(anon.status).toBe(200);
      expect(anon.text()).toContain('Zaloguj się na konto organizacji');
      expect(anon.doc.querySelector('main form')).toBeNull();

      const organisation = signedIn(ngo);
      const done = await organisation.submit(await organisation.get(`/consultations/${c.id}/survey`), { q1: '0', q3: '5' });
      expect(done.text('.govuk-panel__title')).toBe('Twoje odpowiedzi zostały zapisane');
      expect(await responses(c.id)).toBe(1);
    });

    it('a long survey comes in pages of five, answers kept between them; results once closed as tables with charts', async () => {
      const questions = Array.from({ length: 12 }, (_, i) =>
        i === 11
          ? { kind: 'text', prompt: `Pytanie tekstowe ${i + 1}` }
          : { kind: 'single', prompt: `Pytanie wyboru ${i + 1}`, required: i % 2 === 0, options: ['Tak', 'Nie'] },
      );
      const c = await consultation({ questions, open: true });
      const client = signedIn(anna);
      const p1 = await client.get(`/consultations/${c.id}/survey`);
      expect(p1.text('main .govuk-caption-m')).toBe('Część 1 z 3');
      expect(p1.doc.querySelectorAll('main fieldset')).toHaveLength(5);
      expect(p1.doc.querySelector('main button[value="back"]')).toBeNull();
      // A required question of this page unanswered: stays on it.
      const stuck = await client.submit(p1, { q1: '0', q2: '1' }, {});
      expect(stuck.status).toBe(422);
      expect(stuck.errorSummary.map((e) => e.field)).toEqual(['q3', 'q5']);
      expect(stuck.text('main .govuk-caption-m')).toBe('Część 1 z 3');
      const p2 = await client.submit(stuck, { q3: '1', q5: '0', go: 'next' });
      expect(p2.status).toBe(200);
      expect(p2.text('main .govuk-caption-m')).toBe('Część 2 z 3');
      // The first page's answers travel in hidden fields.
      expect(p2.doc.querySelectorAll('input[type="hidden"][name="q1"]').map((i) => i.getAttribute('value'))).toEqual(['0']);
      const back = await client.submit(p2, { q6: '1', go: 'back' });
      expect(back.text('main .govuk-caption-m')).toBe('Część 1 z 3');
      expect(back.value('q3')).toEqual(['1']);
      const again2 = await client.submit(back, { go: 'next' });
      expect(again2.value('q6')).toEqual(['1']);
      const p3 = await client.submit(again2, { q7: '0', q9: '1', go: 'next' });
      expect(p3.text('main .govuk-caption-m')).toBe('Część 3 z 3');
      expect(p3.doc.querySelector('main button[value="submit"]')?.text).toBe('Wyślij odpowiedzi');
      // The last page without question 11 (required): the service names it, nothing stored.
      const missing = await client.submit(p3, { q12: 'Dziękuję', go: 'submit' });
      expect(missing.status).toBe(422);
      expect(missing.errorSummary).toEqual([{ text: 'Pytanie 11 jest obowiązkowe: „Pytanie wyboru 11”.', field: 'q11' }]);
      expect(await responses(c.id)).toBe(0);
      const done = await client.submit(missing, { q11: '1', go: 'submit' });
      expect(done.text('.govuk-panel__title')).toBe('Twoje odpowiedzi zostały zapisane');
      expect(
        await count(`SELECT count(*)::int AS n FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.consultation_id = $1`, [c.id]),
      ).toBe(9);

      // Closed: the results, question by question, a table and a chart of the same figures.
      await close(c.id);
      const results = await anonymous().get(`/consultations/${c.id}/survey`);
      expect(results.status).toBe(200);
      expect(results.h1).toBe('Wyniki ankiety');
      expect(results.text()).toContain('Liczba osób, które odpowiedziały: 1.');
      const first = results.doc.querySelector('main table')!;
      expect(first.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('th, td').map((x) => x.text.trim()))).toEqual([
        ['Tak', '1', '100%'],
        ['Nie', '0', '0%'],
      ]);
      expect(results.doc.querySelectorAll('main svg.civitas-chart[aria-hidden="true"]')).toHaveLength(11);
      expect(results.text()).toContain('Dziękuję');
      expect(results.doc.querySelector('main form')).toBeNull();
    });

    it('no survey, a draft, an announced and a cancelled consultation', async () => {
      const none = await consultation({ open: true });
      expect((await anonymous().get(`/consultations/${none.id}/survey`)).status).toBe(404);
      const draft = await consultation({ questions: QUESTIONS, announce: false });
      expect((await signedIn(official).get(`/consultations/${draft.id}/survey`)).status).toBe(404);
      expect((await anonymous().get(`/consultations/not-a-uuid/survey`)).status).toBe(404);
      expect((await anonymous().get(`/consultations/${UUID}/survey`)).status).toBe(404);

      const announced = await consultation({ questions: QUESTIONS });
      const annaClient = signedIn(anna);
      const preview = await annaClient.get(`/consultations/${announced.id}/survey`);
      expect(preview.status).toBe(200);
      expect(preview.text('.govuk-inset-text')).toContain('Ankieta zostanie otwarta razem z konsultacjami');
      expect(preview.all('main ol li')).toEqual([
        'Czy popierasz projekt? (obowiązkowe)',
        'Co jest najważniejsze? (nieobowiązkowe)',
        'Jak oceniasz projekt? (obowiązkowe)',
        'Uwagi (nieobowiązkowe)',
      ]);
      expect(preview.doc.querySelector('main form')).toBeNull();
      // Posted before it opens: the conflict page, nothing stored.
      const token = preview.form('header form').fields._csrf as string;
      const early = await annaClient.post(`/consultations/${announced.id}/survey`, { _csrf: token, q1: '0', q3: '1' });
      expect(early.status).toBe(409);
      expect(await responses(announced.id)).toBe(0);

      await as(official).post(`/api/v1/admin/consultations/${announced.id}/cancel`).send({ reason: 'Zmiana planów' }).expect(200);
      const cancelled = await anonymous().get(`/consultations/${announced.id}/survey`);
      expect(cancelled.text()).toContain('Konsultacje zostały odwołane, więc ankieta nie jest prowadzona.');
    });
  });

  describe('meetings and consultation points', () => {
    const meeting = (over: Record<string, unknown> = {}) => ({
      title: 'Spotkanie w ratuszu',
      place: 'Ratusz, sala 12, ul. Długa 1',
      startsAt: inDays(10),
      endsAt: new Date(Date.now() + 10 * DAY + 2 * 3_600_000).toISOString(),
      ...over,
    });

    it('lists meetings with place, time, online link, capacity and places left; register, withdraw, and every refusal', async () => {
      const c = await consultation({
        open: true,
        meetings: [
          meeting({ capacity: 1 }),
          meeting({ title: 'Spotkanie online', place: null, onlineUrl: 'https://spotkanie.example.org/abc', startsAt: inDays(11), endsAt: inDays(11.1) }),
          meeting({ kind: 'point', title: 'Punkt w bibliotece', place: 'Biblioteka, ul. Krótka 2', startsAt: inDays(12), endsAt: inDays(20) }),
        ],
      });
      const [hall, online, point] = c.meetings;

      const anon = await anonymous().get(`/consultations/${c.id}/meetings`);
      expect(anon.status).toBe(200);
      expect(anon.h1).toBe('Spotkania i punkty konsultacyjne');
      expect(anon.all('main h2')).toEqual(['Spotkanie w ratuszu', 'Spotkanie online', 'Punkt w bibliotece']);
      const first = anon.doc.querySelector('section[aria-labelledby="meeting-1"]')!;
      const rows = first.querySelectorAll('.govuk-summary-list__row').map((r) => [r.querySelector('dt')!.text.trim(), r.querySelector('dd')!.text.trim()]);
      expect(rows.map((r) => r[0])).toEqual(['Kiedy', 'Miejsce', 'Liczba miejsc', 'Zapisanych osób', 'Wolne miejsca']);
      expect(Object.fromEntries(rows)).toMatchObject({ Miejsce: 'Ratusz, sala 12, ul. Długa 1', 'Liczba miejsc': '1', 'Wolne miejsca': '1' });
      expect(anon.doc.querySelector('section[aria-labelledby="meeting-2"] a[href="https://spotkanie.example.org/abc"]')).not.toBeNull();
      expect(anon.text('section[aria-labelledby="meeting-2"]')).toContain('bez limitu');
      expect(anon.text('section[aria-labelledby="meeting-3"]')).toContain('Punkt konsultacyjny');
      expect(anon.doc.querySelectorAll('main form')).toHaveLength(0);
      expect(anon.all('main a').filter((a) => a === 'Zaloguj się, aby zapisać się na spotkanie')).toHaveLength(3);
      expect(anon.doc.querySelector(`a[href="/api/v1/consultations/${c.id}/meetings/${hall}.ics"]`)?.text).toContain('Dodaj do kalendarza');

      // The .ics file the link gives.
      const ics = await t.http().get(`/api/v1/consultations/${c.id}/meetings/${hall}.ics`).expect(200);
      expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(ics.text).toContain('BEGIN:VEVENT');
      expect(ics.text).toContain('SUMMARY:Spotkanie w ratuszu');

      const client = signedIn(anna);
      const page = await client.get(`/consultations/${c.id}/meetings`);
      // Without the token: 403, nobody registered.
      const forged = await client.submit(page, {}, { form: 'section[aria-labelledby="meeting-1"] form', drop: ['_csrf'] });
      expect(forged.status).toBe(403);
      expect(await registrations(hall)).toBe(0);

      const registered = await client.submit(page, {}, { form: 'section[aria-labelledby="meeting-1"] form' });
      expect(registered.url).toBe(`/consultations/${c.id}/meetings`);
      expect(registered.banner).toBe('Zapisaliśmy Cię na spotkanie.');
      expect(registered.text('section[aria-labelledby="meeting-1"]')).toContain('Masz zapis na to spotkanie');
      expect(registered.text('section[aria-labelledby="meeting-1"] button')).toContain('Wypisz się');
      expect(await registrations(hall)).toBe(1);

      // Registered already (the old page's form): the message on the page, nothing changed.
      const twice = await client.submit(page, {}, { form: 'section[aria-labelledby="meeting-1"] form' });
      expect(twice.status).toBe(409);
      expect(twice.errorSummary).toEqual([{ text: 'To konto jest już zapisane na to spotkanie. Niczego nie zmieniono.', field: null }]);
      expect(twice.title).toMatch(/^Błąd:/);

      // Full: Ben sees no button, and a post anyway is refused with the reason.
      const benClient = signedIn(ben);
      const benPage = await benClient.get(`/consultations/${c.id}/meetings`);
      expect(benPage.text('section[aria-labelledby="meeting-1"]')).toContain('brak wolnych miejsc');
      expect(benPage.doc.querySelector('section[aria-labelledby="meeting-1"] form')).toBeNull();
      const token = benPage.form('header form').fields._csrf as string;
      const full = await benClient.post(`/consultations/${c.id}/meetings/${hall}/register`, { _csrf: token });
      expect(full.status).toBe(409);
      expect(full.errorSummary[0].text).toBe('Na to spotkanie nie ma już wolnych miejsc. Niczego nie zmieniono.');
      expect(await registrations(hall)).toBe(1);
      const benOnline = await benClient.submit(benPage, {}, { form: 'section[aria-labelledby="meeting-2"] form' });
      expect(benOnline.banner).toBe('Zapisaliśmy Cię na spotkanie.');

      // Withdrawing frees the place.
      const withdrawn = await client.submit(registered, {}, { form: 'section[aria-labelledby="meeting-1"] form' });
      expect(withdrawn.banner).toBe('Wypisaliśmy Cię ze spotkania.');
      expect(await registrations(hall)).toBe(0);
      expect(withdrawn.text('section[aria-labelledby="meeting-1"]')).not.toContain('Masz zapis');

      // Started already: refused (register and withdraw).
      await db.query(`UPDATE consultation_meetings SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`, [point]);
      const started = await client.get(`/consultations/${c.id}/meetings`);
      expect(started.text('section[aria-labelledby="meeting-1"]')).toContain('To spotkanie już się rozpoczęło lub odbyło.');
      const over = await client.post(`/consultations/${c.id}/meetings/${point}/register`, {
        _csrf: token === '' ? '' : (started.form('header form').fields._csrf as string),
      });
      expect(over.status).toBe(409);
      expect(over.errorSummary[0].text).toContain('To spotkanie już się rozpoczęło lub odbyło');
      expect(await registrations(point)).toBe(0);

      // Unknown meetings: 404.
      const t2 = started.form('header form').fields._csrf as string;
      expect((await client.post(`/consultations/${c.id}/meetings/${UUID}/register`, { _csrf: t2 })).status).toBe(404);
      expect((await client.post(`/consultations/${c.id}/meetings/nope/register`, { _csrf: t2 })).status).toBe(404);

      // Closed: no more registration, the page says so.
      await close(c.id);
      const closed = await client.get(`/consultations/${c.id}/meetings`);
      expect(closed.text()).toContain('Zapisy trwają od ogłoszenia do zakończenia konsultacji; teraz są zamknięte.');
      expect(closed.doc.querySelectorAll('main form')).toHaveLength(0);
      await db.query(`UPDATE consultation_meetings SET starts_at = now() + interval '1 day', ends_at = now() + interval '2 days' WHERE id = $1`, [online]);
      const notOpen = await client.post(`/consultations/${c.id}/meetings/${online}/register`, { _csrf: closed.form('header form').fields._csrf as string });
      expect(notOpen.status).toBe(409);
      expect(notOpen.errorSummary[0].text).toContain('nie można się już zapisać');
    });

    it('an NGO-only consultation registers only organisations; no meetings says so', async () => {
      const c = await consultation({ audience: 'ngo', meetings: [meeting()] });
      const resident = signedIn(anna);
      const page = await resident.get(`/consultations/${c.id}/meetings`);
      expect(page.text()).toContain('zapisują się tylko organizacje pozarządowe');
      expect(page.doc.querySelector('main form')).toBeNull();
      const refused = await resident.post(`/consultations/${c.id}/meetings/${c.meetings[0]}/register`, {
        _csrf: page.form('header form').fields._csrf as string,
      });
      expect(refused.status).toBe(403);
      expect(refused.errorSummary[0].text).toContain('udział biorą tylko organizacje pozarządowe');
      expect(await registrations(c.meetings[0])).toBe(0);
      const organisation = signedIn(ngo);
      const ok = await organisation.submit(
        await organisation.get(`/consultations/${c.id}/meetings`),
        {},
        { form: 'section[aria-labelledby="meeting-1"] form' },
      );
      expect(ok.banner).toBe('Zapisaliśmy Cię na spotkanie.');

      // No coordinates: no map, no map script.
      expect(page.doc.querySelector('[data-civitas-map]')).toBeNull();
      expect(page.html).not.toContain('leaflet');

      const empty = await consultation({});
      const none = await anonymous().get(`/consultations/${empty.id}/meetings`);
      expect(none.status).toBe(200);
      expect(none.text()).toContain('Miasto nie zaplanowało spotkań ani punktów konsultacyjnych');
      const draft = await consultation({ announce: false, meetings: [meeting()] });
      expect((await anonymous().get(`/consultations/${draft.id}/meetings`)).status).toBe(404);
    });
  });

  it('places with coordinates get a map beside the list (hidden without JavaScript), each marker linking to its meeting', async () => {
    const c = await consultation({
      meetings: [
        { title: 'Spotkanie w parku', place: 'Park Miejski, altana', startsAt: inDays(10), endsAt: inDays(10.1), latitude: 54.4, longitude: 18.57 },
        { title: 'Spotkanie online', onlineUrl: 'https://spotkanie.example.org/x', startsAt: inDays(11), endsAt: inDays(11.1) },
      ],
    });
    const page = await anonymous().get(`/consultations/${c.id}/meetings`);
    expect(page.all('main section.civitas-meeting h2')).toEqual(['Spotkanie w parku', 'Spotkanie online']);
    const section = page.doc.querySelector('main [data-civitas-map-section]')!;
    expect(section.hasAttribute('hidden')).toBe(true);
    expect(section.querySelector('h2')?.text).toBe('Mapa miejsc');
    const points = JSON.parse(section.querySelector('[data-civitas-map]')!.getAttribute('data-civitas-map')!) as Array<Record<string, unknown>>;
    expect(points).toEqual([expect.objectContaining({ id: c.meetings[0], title: 'Spotkanie w parku', lat: 54.4, lng: 18.57, href: '#meeting-1' })]);
    expect(page.doc.querySelector('#meeting-1')?.text).toBe('Spotkanie w parku');
    expect(page.doc.querySelectorAll('link[rel="stylesheet"]').some((l) => /leaflet\.[0-9a-f]+\.css$/.test(l.getAttribute('href') ?? ''))).toBe(true);
  });

  describe('who gets what (route × role)', () => {
    const ROLES = ['anonymous', 'resident', 'organisation', 'official'] as const;
    type Role = (typeof ROLES)[number];
    const client = (role: Role) => (role === 'anonymous' ? anonymous() : signedIn({ resident: ben, organisation: ngo, official }[role]));
    let everyone: { id: string; meetings: string[] };
    let ngoOnly: { id: string; meetings: string[] };

    beforeAll(async () => {
      everyone = await consultation({
        questions: QUESTIONS,
        open: true,
        meetings: [{ title: 'Zebranie', place: 'Dom kultury', startsAt: inDays(10), endsAt: inDays(10.1) }],
      });
      ngoOnly = await consultation({ questions: QUESTIONS, audience: 'ngo', open: true });
    });

    it('GET pages', async () => {
      const routes: Array<[string, number[]]> = [
        [`/consultations/${everyone.id}/survey`, [200, 200, 200, 200]],
        [`/consultations/${ngoOnly.id}/survey`, [200, 403, 200, 403]],
        [`/consultations/${everyone.id}/meetings`, [200, 200, 200, 200]],
        [`/consultations/${everyone.id}/survey/recorded`, [303, 303, 303, 303]],
        [`/consultations/${UUID}/meetings`, [404, 404, 404, 404]],
      ];
      for (const [path, expected] of routes) {
        const got = [];
        for (const role of ROLES) got.push((await client(role).get(path, { follow: false })).status);
        expect([path, got]).toEqual([path, expected]);
      }
    });

    it('POST forms: sign-in first for what needs an account', async () => {
      const got: Record<string, number[]> = {};
      const meetingPath = `/consultations/${everyone.id}/meetings/${everyone.meetings[0]}`;
      for (const role of ROLES) {
        const c = client(role);
        const page = await c.get(role === 'anonymous' ? '/sign-in' : `/consultations/${everyone.id}/meetings`);
        const token = page.form(role === 'anonymous' ? 'main form' : 'header form').fields._csrf as string;
        const survey = await c.post(`/consultations/${everyone.id}/survey`, { _csrf: token, q1: '0', q3: '3' }, { follow: false });
        const register = await c.post(`${meetingPath}/register`, { _csrf: token }, { follow: false });
        const withdraw = await c.post(`${meetingPath}/withdraw`, { _csrf: token }, { follow: false });
        got[role] = [survey.status, register.status, withdraw.status];
        if (role === 'anonymous') {
          expect(survey.location).toBe(`/sign-in?next=${encodeURIComponent(`/consultations/${everyone.id}/survey`)}`);
          expect(register.location).toBe(`/sign-in?next=${encodeURIComponent(`/consultations/${everyone.id}/meetings`)}`);
        }
      }
      expect(got).toEqual({ anonymous: [303, 303, 303], resident: [303, 303, 303], organisation: [303, 303, 303], official: [303, 303, 303] });
      expect(await responses(everyone.id)).toBe(3);
      expect(await registrations(everyone.meetings[0])).toBe(0);
    });
  });
});
