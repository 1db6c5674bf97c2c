import type { Download, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { actingAs, createUser, uniqueEmail, type TestUser } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';
import { expectNoHorizontalScroll, Harness, tabTo, typeHere } from './harness';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

/** Presses a key and waits for the page it leads to. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Presses Enter on the focused download link and reads the file the browser saves. */
async function downloadHere(page: Page): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])) as [Download, void];
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** Problems the browser reports: script errors and anything the Content Security Policy blocked. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The re-rendered form (422) is reported as a failed load: not a problem of the page.
    if (m.type() === 'error' && !/the server responded with a status of 422/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/**
 * The consultation's survey, meetings and report in real Chromium, keyboard only, JavaScript off, 320 CSS px wide,
 * axe (WCAG 2.1 A/AA) and html-validate on every page: an anonymous resident answers the survey (a missing required
 * answer first) and confirms with the e-mailed code; signed in, registers for a meeting and downloads its .ics file;
 * a reader opens a published report, downloads its CSV and prints it (navigation and forms left out).
 */
describe('consultations: survey, meetings and report (browser)', () => {
  const h = new Harness();
  let official: TestUser;
  let anna: TestUser;
  let surveyed: { id: string; title: string };
  let reported: string;

  const as = (u: TestUser) => actingAs(h.t, u);
  async function consultation(title: string, opts: { surveyAccess?: 'email_code' } = {}): Promise<string> {
    return (
      await as(official)
        .post('/api/v1/admin/consultations')
        .send({ title, surveyAccess: opts.surveyAccess ?? 'account', opensAt: inDays(8), closesAt: inDays(30) })
        .expect(201)
    ).body.id as string;
  }
  async function timePasses(id: string, opensDaysAgo: number, closesInDays: number): Promise<void> {
    await h.t.app
      .get(DataSource)
      .query(`UPDATE consultations SET opens_at = now() - make_interval(days => $2), closes_at = now() + make_interval(days => $3) WHERE id = $1`, [
        id,
        opensDaysAgo,
        closesInDays,
      ]);
    await h.t.app.get(ConsultationsService).advance();
  }

  beforeAll(async () => {
    await h.start();
    official = await createUser(h.t, { grants: [{ role: 'official', areaId: null }] });
    anna = await createUser(h.t, { displayName: 'Anna Nowak' });

    // An open consultation with an e-mail code survey and a meeting.
    const title = 'Plac przy dworcu: ankieta i spotkanie';
    const id = await consultation(title, { surveyAccess: 'email_code' });
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/survey`)
      .send({
        questions: [
          { kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie'] },
          { kind: 'multiple', prompt: 'Co jest najważniejsze?', options: ['Zieleń', 'Ławki', 'Cień'] },
          { kind: 'scale', prompt: 'Jak oceniasz projekt?', required: true, scaleMin: 1, scaleMax: 5 },
          { kind: 'text', prompt: 'Uwagi' },
        ],
      })
      .expect(200);
    await as(official)
      .post(`/api/v1/admin/consultations/${id}/meetings`)
      .send({
        title: 'Spotkanie w bibliotece',
        place: 'Biblioteka, ul. Krótka 2',
        startsAt: inDays(10),
        endsAt: inDays(10.1),
        capacity: 30,
        latitude: 54.35,
        longitude: 18.65,
      })
      .expect(201);
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    await timePasses(id, 0, 20);
    surveyed = { id, title };

    // A published report: two sections, a hidden comment, a response to each of the others, a survey answer.
    reported = await consultation('Park nad rzeką: projekt planu');
    const doc = await as(official)
      .put(`/api/v1/admin/consultations/${reported}/document`)
      .send({
        sections: [
          { key: '§ 1', heading: 'Przeznaczenie', body: 'Teren zieleni.' },
          { key: '§ 2', heading: 'Zabudowa', body: 'Bez zabudowy.' },
        ],
      })
      .expect(200);
    const sections = doc.body.sections as Array<{ id: string }>;
    await as(official)
      .put(`/api/v1/admin/consultations/${reported}/survey`)
      .send({ questions: [{ kind: 'scale', prompt: 'Jak oceniasz plan?', required: true, scaleMin: 1, scaleMax: 5 }] })
      .expect(200);
    await as(official).post(`/api/v1/admin/consultations/${reported}/announce`).expect(200);
    await timePasses(reported, 1, 10);
    const c1 = (
      await as(anna).post(`/api/v1/consultations/${reported}/comments`).send({ sectionId: sections[0].id, body: 'Więcej drzew przy ścieżce.' }).expect(201)
    ).body.id as string;
    const c2 = (await as(anna).post(`/api/v1/consultations/${reported}/comments`).send({ sectionId: sections[1].id, body: 'Spam spam spam' }).expect(201)).body
      .id as string;
    const q = (await h.t.http().get(`/api/v1/consultations/${reported}/survey`).expect(200)).body.questions as Array<{ id: string }>;
    await as(anna)
      .post(`/api/v1/consultations/${reported}/survey/responses`)
      .send({ answers: [{ questionId: q[0].id, value: 4 }] })
      .expect(201);
    await timePasses(reported, 20, -1);
    const moderator = await createUser(h.t, { grants: [{ role: 'moderator', areaId: null }] });
    await as(moderator).post(`/api/v1/admin/consultations/${reported}/comments/${c2}/hide`).send({ reason: 'spam' }).expect(200);
    await as(official)
      .put(`/api/v1/admin/consultations/${reported}/comments/${c1}/response`)
      .send({ verdict: 'accepted', justification: 'Dodamy szpaler drzew.' })
      .expect(200);
    await as(official).put(`/api/v1/admin/consultations/${reported}/report/conclusions`).send({ conclusions: 'Plan zostanie uzupełniony.' }).expect(200);
    await as(official).post(`/api/v1/admin/consultations/${reported}/report/publish`).expect(200);
  }, 180_000);
  afterAll(() => h.stop('consultations-participation'));

  it('keyboard only, JavaScript off, 320 px: the survey with an e-mailed code, a meeting and its .ics, the report with its CSV and in print', async () => {
    const ctx = await h.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    const step = async (state: string) => {
      await h.check(page, state);
      await expectNoHorizontalScroll(page);
    };
    try {
      // The survey, anonymous: question 1 answered, question 3 (required) forgotten.
      await h.visit(page, `/consultations/${surveyed.id}/survey`, 'survey form, anonymous (e-mail code)');
      await expectNoHorizontalScroll(page);
      await tabTo(page, '#q1');
      await page.keyboard.press('Space');
      await tabTo(page, '#q4');
      await typeHere(page, 'Więcej cienia przy ławkach.');
      await tabTo(page, '#email');
      const email = uniqueEmail('mieszkanka');
      await typeHere(page, email);
      await tabTo(page, 'main button[value="submit"]');
      await pressAndLoad(page);
      expect(await page.title()).toMatch(/^Błąd:/);
      expect(await page.locator('.govuk-error-summary a[href="#q3"]').textContent()).toBe('Pytanie 3 jest obowiązkowe: „Jak oceniasz projekt?”.');
      await step('survey with a required answer missing');
      // From the summary (it has the focus) to the question, then send.
      // A radio group takes one Tab; the arrows choose within it (and select).
      await tabTo(page, '#q3');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      expect(await page.isChecked('#q3-4')).toBe(true);
      await tabTo(page, 'main button[value="submit"]');
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Wpisz kod z wiadomości e-mail');
      await step('survey code page');
      const code = /kod: (\d{6})/.exec(await mailTo(h.t, email, surveyed.title))![1];
      await tabTo(page, '#code');
      await typeHere(page, code);
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-panel__title')).toBe('Twoje odpowiedzi zostały zapisane');
      await step('survey answers recorded');

      // Signed in: a meeting, registered for with the keyboard; its calendar file.
      await ctx.addCookies([{ name: 'civitas_session', value: anna.token, url: h.base }]);
      await h.visit(page, `/consultations/${surveyed.id}/meetings`, 'meetings, signed in');
      await expectNoHorizontalScroll(page);
      // Without JavaScript the map stays hidden: the list says everything.
      expect(await page.isVisible('[data-civitas-map-section]')).toBe(false);
      await tabTo(page, 'section[aria-labelledby="meeting-1"] form button', { max: 80 });
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toBe('Zapisaliśmy Cię na spotkanie.');
      expect(await page.textContent('section[aria-labelledby="meeting-1"]')).toContain('Masz zapis na to spotkanie');
      await step('meetings, registered');
      await tabTo(page, 'section[aria-labelledby="meeting-1"] a[href$=".ics"]', { max: 80 });
      const ics = await downloadHere(page);
      expect(ics.name).toMatch(/^meeting-[0-9a-f-]+\.ics$/);
      expect(ics.text).toContain('BEGIN:VEVENT');
      expect(ics.text).toContain('SUMMARY:Spotkanie w bibliotece');

      // A reader: a report not published yet, survey results, the published report, its CSV, and the page in print.
      await ctx.clearCookies();
      await h.visit(page, `/consultations/${surveyed.id}/report`, 'report not published yet');
      await expectNoHorizontalScroll(page);
      await h.visit(page, `/consultations/${reported}/survey`, 'survey results');
      await expectNoHorizontalScroll(page);
      expect(await page.textContent('h1')).toBe('Wyniki ankiety');
      await h.visit(page, `/consultations/${reported}/report`, 'published report');
      await expectNoHorizontalScroll(page);
      expect(await page.textContent('main')).toContain('ukryta (spam)');
      await tabTo(page, `main a[href="/api/v1/consultations/${reported}/report.csv"]`, { max: 80 });
      const csv = await downloadHere(page);
      expect(csv.name).toMatch(/\.csv$/);
      expect(csv.text).toContain('Więcej drzew przy ścieżce.');
      expect(csv.text).toContain('ukryta (spam)');

      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.govuk-service-navigation', '.civitas-subnav', '.govuk-footer', '.govuk-breadcrumbs', '.govuk-skip-link'])
        expect([hidden, await page.locator(hidden).first().isVisible()]).toEqual([hidden, false]);
      expect(await page.locator('#participation-figures').isVisible()).toBe(true);
      expect(await page.locator('main h1').isVisible()).toBe(true);
      expect(await page.locator('article.civitas-report-comment').first().isVisible()).toBe(true);
      const after = await page.evaluate(() => getComputedStyle(document.querySelector('a.civitas-download')!, '::after').content);
      expect(after).toContain('report.csv');
      await page.emulateMedia({ media: 'screen' });
      expect(await page.locator('.civitas-subnav').isVisible()).toBe(true);
      expect(problems).toEqual([]);
      h.journeys.push(
        'consultations: survey with an e-mailed code, a meeting and its .ics, the report and its CSV and print (keyboard only, JavaScript off, 320 px)',
      );
    } finally {
      await ctx.close();
    }
  });

  it('with JavaScript the meetings map draws its marker under the CSP; Tab and Enter open its card linking to the meeting', async () => {
    const ctx = await h.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    try {
      await h.visit(page, `/consultations/${surveyed.id}/meetings`, 'meetings with a map (JavaScript)');
      await page.waitForSelector('.civitas-map__marker');
      expect(await page.isVisible('[data-civitas-map-section]')).toBe(true);
      await tabTo(page, '.civitas-map__marker[aria-label="Spotkanie w bibliotece"]', { max: 80 });
      await page.keyboard.press('Enter');
      await page.waitForSelector('.leaflet-popup a.govuk-link');
      // The card fades in: axe reads its colours once it is fully drawn (half-faded text fails the contrast rule).
      await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')!).opacity === '1');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#meeting-1');
      await h.check(page, 'meetings, a marker’s card open');
      expect(problems).toEqual([]);
      h.journeys.push('consultations: the meetings map with the keyboard (JavaScript)');
    } finally {
      await ctx.close();
    }
  });
});
