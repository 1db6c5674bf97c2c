import type { BrowserContext, Page, Response } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';
import { Harness, tabTo } from './harness';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

/** Tabs to a link or button and activates it with Enter; the document that comes back (after redirects). */
async function activate(page: Page, selector: string): Promise<Response> {
  await tabTo(page, selector, { max: 250 });
  const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  if (!res) throw new Error(`No document after activating ${selector}`);
  return res;
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, { max: 250 });
  await page.keyboard.type(text);
}

const h1 = async (page: Page) => ((await page.textContent('h1')) ?? '').replace(/\s+/g, ' ').trim();
const banner = (page: Page) => page.textContent('.govuk-notification-banner__heading');
const summaryFocused = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false);

/**
 * An official answers every comment of a closed consultation and publishes the report — keyboard only, JavaScript
 * off, 1024 CSS px wide (officials work on desktops): from the desk's count to the reports queue, the report's
 * overview, a refused publication and its link to the first unanswered comment, each comment answered (one refused
 * for a missing justification), a section's page, the conclusions with their preview, and publication. Every page
 * on the way passes html-validate and axe.
 */
describe('consultations desk: the report, the management pages and moderation (browser)', () => {
  const h = new Harness();
  let official: TestUser;
  let id = '';
  let district = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await h.start();
    const t = h.t;
    const db = t.app.get(DataSource);
    const as = (u: TestUser) => actingAs(t, u);
    district = await createArea(t, { name: 'Stare Miasto', kind: 'district' });
    official = await createUser(t, { displayName: 'Ewa Urzędniczka', grants: [{ role: 'official', areaId: district }] });
    const moderator = await createUser(t, { grants: [{ role: 'moderator', areaId: null }] });
    const anna = await createUser(t, { displayName: 'Anna Nowak' });
    const piotr = await createUser(t, { displayName: 'Piotr Wiśniewski' });
    id = (
      await as(official)
        .post('/api/v1/admin/consultations')
        .send({ title: 'Rynek: projekt planu', areaIds: [district], opensAt: inDays(8), closesAt: inDays(40) })
        .expect(201)
    ).body.id;
    const doc = await as(official)
      .put(`/api/v1/admin/consultations/${id}/document`)
      .send({
        sections: [
          { key: '§ 1', heading: 'Przeznaczenie', body: 'Plac publiczny z **zielenią**.' },
          { key: '§ 2', heading: 'Zieleń', body: 'Nowe drzewa wzdłuż pierzei.' },
        ],
      })
      .expect(200);
    const sections = doc.body.sections as Array<{ id: string }>;
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    const move = async (opened: number, closes: number) => {
      await db.query(`UPDATE consultations SET opens_at = now() - make_interval(days => $2), closes_at = now() + make_interval(days => $3) WHERE id = $1`, [
        id,
        opened,
        closes,
      ]);
      await t.app.get(ConsultationsService).advance();
    };
    await move(1, 10);
    await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: sections[0].id, body: 'Więcej ławek.' }).expect(201);
    await as(piotr)
      .post(`/api/v1/consultations/${id}/comments`)
      .send({ sectionId: sections[1].id, body: 'Lipy zamiast klonów.', proposedWording: 'Nowe lipy wzdłuż pierzei.' })
      .expect(201);
    const rude = (await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Wpis obraźliwy' }).expect(201)).body.id as string;
    await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${rude}/hide`).send({ reason: 'offensive' }).expect(200);
    await move(20, -1);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h.stop('desk-consultations');
  });

  it('answers every comment, section by section, and publishes the report', async () => {
    const ctx = await h.context({ javaScriptEnabled: false, viewport: { width: 1024, height: 768 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    const check = async (state: string, res?: Response) => h.check(page, `consultations desk: ${state}`, res ? await res.text() : undefined);

    // Signed in, the desk shows what waits: two comments without a response.
    await page.goto('/sign-in?next=%2Fdesk');
    await typeInto(page, '#email', official.email);
    await typeInto(page, '#password', official.password);
    await activate(page, 'main button[type="submit"]');
    expect(await h1(page)).toBe('Co na mnie czeka');
    await check('desk start');
    const row = page.locator('main tr', { hasText: 'Uwagi bez odpowiedzi w zamkniętych konsultacjach' });
    expect((await row.locator('td').first().textContent())?.trim()).toBe('2');

    await activate(page, 'main a[href="/desk/consultations/reports"]');
    expect(await h1(page)).toBe('Raporty do przygotowania');
    await check('reports queue');
    await activate(page, `main a[href="/desk/consultations/${id}/report"]`);
    expect(await h1(page)).toBe('Odpowiedzi na uwagi i raport');
    expect(await page.textContent('main')).toContain('Odpowiedziano na 0 z 2 uwag.');
    await check('report overview, nothing answered');

    // Publishing too early: refused with the service's words and a link to the first unanswered comment.
    let res = await activate(page, `main form[action="/desk/consultations/${id}/report/publish"] button`);
    expect(res.status()).toBe(409);
    expect(await summaryFocused(page)).toBe(true);
    expect(await page.textContent('.govuk-error-summary')).toContain('Raportu nie można opublikować: 2 uwag(i) bez odpowiedzi');
    await check('report overview, publication refused', res);
    await activate(page, 'main a#first-unanswered');
    expect(await h1(page)).toBe('Uwaga nr 1');
    await check('comment 1');

    // No justification: the form again, nothing saved.
    await tabTo(page, '#verdict');
    await page.keyboard.press('Space');
    res = await activate(page, 'main form button[type="submit"]');
    expect(res.status()).toBe(422);
    expect(await summaryFocused(page)).toBe(true);
    await check('comment 1, no justification', res);
    await typeInto(page, '#justification', 'Ławki w mniejszej liczbie, przy placu zabaw.');
    await activate(page, 'main form button[type="submit"]');
    expect(await banner(page)).toBe('Zapisano odpowiedź na uwagę nr 1.');
    expect(await h1(page)).toBe('Uwaga nr 2');
    expect(await page.textContent('main')).toContain('Odpowiedziano na 1 z 2 uwag.');
    await check('comment 2, with the proposed wording');

    // "Rejected": the third choice, reached with the arrow keys.
    await tabTo(page, '#verdict');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#verdict-3')).toBe(true);
    await typeInto(page, '#justification', 'Gatunki drzew dobiera zarząd zieleni.');
    await activate(page, 'main form button[type="submit"]');
    expect(await banner(page)).toBe('Zapisano odpowiedź na uwagę nr 2. Każda uwaga ma już odpowiedź.');
    expect(await page.textContent('main')).toContain('Odpowiedziano na 2 z 2 uwag.');
    await check('report overview, every comment answered');

    // A section's page: its comments with their responses; the hidden comment needs none.
    await activate(page, 'main table tbody tr:nth-child(3) a');
    expect(await h1(page)).toBe('Całość (bez wskazania fragmentu)');
    expect(await page.textContent('main')).toContain('Ukryta uwaga nie wymaga odpowiedzi.');
    await check('section: the whole, a hidden comment');
    await activate(page, 'main a[rel="prev"]');
    expect(await h1(page)).toBe('§ 2. Zieleń');
    await check('section § 2, answered');
    await activate(page, `main a[href="/desk/consultations/${id}/report"]`);

    // The conclusions, previewed and saved.
    await activate(page, `main a[href="/desk/consultations/${id}/report/conclusions"]`);
    expect(await h1(page)).toBe('Wnioski z konsultacji');
    await check('conclusions, empty');
    await typeInto(page, '#conclusions', 'Plac **zostaje** zielony.');
    await activate(page, 'main button[value="preview"]');
    expect(await page.textContent('.civitas-preview strong')).toBe('zostaje');
    await check('conclusions, preview');
    await activate(page, 'main form button:not([value])');
    expect(await banner(page)).toBe('Zapisano wnioski.');

    // Published: the overview says so and links the residents' report.
    await activate(page, `main form[action="/desk/consultations/${id}/report/publish"] button`);
    expect(await banner(page)).toBe('Raport opublikowano');
    await check('report overview, published');
    await activate(page, `main a[href="/consultations/${id}/report"]`);
    expect(await h1(page)).toBe('Raport z konsultacji');
    expect(await page.textContent('main')).toContain('Gatunki drzew dobiera zarząd zieleni.');
    await check('the published report');
  }, 240_000);
  it('the management pages pass axe at 1024 px without JavaScript: list, create (and its errors), a consultation, edit, document, survey, meetings, attachments, cancel', async () => {
    const ctx = await h.context({ javaScriptEnabled: false, viewport: { width: 1024, height: 768 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto('/sign-in?next=%2Fdesk%2Fconsultations%2Flist');
    await typeInto(page, '#email', official.email);
    await typeInto(page, '#password', official.password);
    await activate(page, 'main button[type="submit"]');
    expect(await h1(page)).toBe('Konsultacje, które prowadzisz');
    await h.check(page, 'consultations desk: list');
    await activate(page, 'main a[href="/desk/consultations/new"]');
    await h.check(page, 'consultations desk: new consultation');
    const res = await activate(page, 'main form button:not([value])');
    expect(res.status()).toBe(422);
    expect(await summaryFocused(page)).toBe(true);
    await h.check(page, 'consultations desk: new consultation, errors', await res.text());
    const draft = (
      await actingAs(h.t, official)
        .post('/api/v1/admin/consultations')
        .send({ title: 'Biblioteka', areaIds: [district] })
        .expect(201)
    ).body.id as string;
    for (const [path, state] of [
      ['', 'a draft'],
      ['/edit', 'edit'],
      ['/document', 'document'],
      ['/survey', 'survey'],
      ['/meetings', 'meetings, none'],
      ['/meetings/new', 'new meeting'],
      ['/attachments', 'attachments, none'],
      ['/cancel', 'cancel'],
    ])
      await h.visit(page, `/desk/consultations/${draft}${path}`, `consultations desk: ${state}`);
  }, 120_000);

  it('a moderator hides a reported comment from the queue and its author gets the mail', async () => {
    const t = h.t;
    const db = t.app.get(DataSource);
    const moderator = await createUser(t, { displayName: 'Moderatorka', grants: [{ role: 'moderator', areaId: null }] });
    const marta = await createUser(t, { displayName: 'Marta Zielińska' });
    const reporter = await createUser(t);
    const cid = (
      await actingAs(t, official)
        .post('/api/v1/admin/consultations')
        .send({ title: 'Skwer przy bibliotece', areaIds: [district], moderation: 'post', opensAt: inDays(8), closesAt: inDays(40) })
        .expect(201)
    ).body.id as string;
    await actingAs(t, official).post(`/api/v1/admin/consultations/${cid}/announce`).expect(200);
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [cid]);
    await t.app.get(ConsultationsService).advance();
    const kid = (
      await actingAs(t, marta).post(`/api/v1/consultations/${cid}/comments`).send({ body: 'Pan Kowalski z bloku 7 parkuje na trawniku.' }).expect(201)
    ).body.id as string;
    await actingAs(t, reporter).post(`/api/v1/consultations/${cid}/comments/${kid}/reports`).send({ reason: 'Nazwisko sąsiada' }).expect(201);

    const ctx = await h.context({ javaScriptEnabled: false, viewport: { width: 1024, height: 768 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto('/sign-in?next=%2Fdesk');
    await typeInto(page, '#email', moderator.email);
    await typeInto(page, '#password', moderator.password);
    await activate(page, 'main button[type="submit"]');
    expect(await h1(page)).toBe('Co na mnie czeka');
    const row = page.locator('main tr', { hasText: 'Uwagi do moderacji' });
    expect((await row.locator('td').first().textContent())?.trim()).toBe('1');
    await h.check(page, 'moderation: desk start');

    await activate(page, 'main a[href="/desk/consultations/moderation"]');
    expect(await h1(page)).toBe('Moderacja uwag');
    expect(await page.textContent('main')).toContain('Nazwisko sąsiada');
    await h.check(page, 'moderation: queue');

    // "Other reason" without a note: refused on the comment's page, nothing changed.
    const hideButton = `main form[action="/desk/consultations/${cid}/comments/${kid}/hide"] button`;
    await tabTo(page, `input[name="c-${kid}-reason"]`, { max: 250 });
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect(await page.isChecked(`#c-${kid}-reason-5`)).toBe(true);
    let res = await activate(page, hideButton);
    expect(res.status()).toBe(422);
    expect(await summaryFocused(page)).toBe(true);
    await h.check(page, 'moderation: hide refused without a note', await res.text());
    expect(((await db.query(`SELECT status FROM consultation_comments WHERE id = $1`, [kid])) as Array<{ status: string }>)[0].status).toBe('visible');

    // "Personal data" with a note: hidden, back in the (now empty) queue.
    await tabTo(page, `input[name="c-${kid}-reason"]:checked`, { max: 250 });
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowUp');
    expect(await page.isChecked(`#c-${kid}-reason-3`)).toBe(true);
    await typeInto(page, `#c-${kid}-note`, 'Proszę nie podawać nazwisk sąsiadów.');
    res = await activate(page, hideButton);
    expect(res.status()).toBe(200);
    expect(await banner(page)).toBe('Uwaga autorstwa Marta Zielińska została ukryta. Autor dostanie wiadomość e-mail.');
    expect(await h1(page)).toBe('Moderacja uwag');
    await h.check(page, 'moderation: queue after hiding');

    const mail = await mailTo(t, marta.email, 'Skwer przy bibliotece');
    expect(mail).toContain('Moderator ukrył Twój komentarz w konsultacjach „Skwer przy bibliotece”');
    expect(mail).toContain('Proszę nie podawać nazwisk sąsiadów.');

    await activate(page, 'main a[href="/desk/consultations/moderation/hidden"]');
    expect(await h1(page)).toBe('Ukryte uwagi');
    expect(await page.textContent('main')).toContain('Zawiera dane osobowe');
    await h.check(page, 'moderation: hidden comments');
  }, 120_000);
});
