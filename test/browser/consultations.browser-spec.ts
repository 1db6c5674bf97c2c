import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

const DAY = 86_400_000;

/** Presses a key and waits for the page it leads to. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/**
 * The consultations' pages for residents in real Chromium: axe (WCAG 2.1 A/AA) and html-validate on every page and
 * state (the list, a consultation, the document with versions and comments, a long thread, empty and refused states),
 * and keyboard-only journeys without JavaScript, 320 CSS px wide — a resident reads a consultation, comments on a
 * section and reports another comment; an organisation comments on an NGO-only consultation, where a resident is
 * told why not.
 */
describe('consultation pages (browser)', () => {
  const h = new Harness();
  let official: TestUser;
  let piotr: TestUser;
  let ngo: TestUser;
  let open: string;
  let ngoOnly: string;
  let sections: Array<{ id: string; key: string }>;

  const as = (u: TestUser) => actingAs(h.t, u);

  async function consultation(title: string, audience: 'everyone' | 'ngo' = 'everyone'): Promise<string> {
    const created = await as(official)
      .post('/api/v1/admin/consultations')
      .send({
        title,
        summary: 'Jak urządzić park nad Wartą?',
        body: '## Po co\n\nChcemy **nowy** park dla mieszkańców.',
        topic: 'Zieleń',
        organiserUnit: 'Wydział Zieleni',
        contact: 'zielen@example.org',
        audience,
        opensAt: new Date(Date.now() + 8 * DAY).toISOString(),
        closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      })
      .expect(201);
    const id = created.body.id as string;
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    await h.t.app.get(DataSource).query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await h.t.app.get(ConsultationsService).advance();
    return id;
  }

  async function signedIn(user: TestUser, opts: BrowserContextOptions = {}): Promise<{ c: BrowserContext; p: Page }> {
    const c = await h.context(opts);
    await c.addCookies([{ name: 'civitas_session', value: user.token, url: h.base }]);
    return { c, p: await c.newPage() };
  }

  beforeAll(async () => {
    await h.start();
    const admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(h.t, { grants: [{ role: 'official', areaId: null }] });
    piotr = await createUser(h.t, { displayName: 'Piotr Nowak' });
    ngo = await createUser(h.t, { displayName: 'Jan z fundacji' });
    await as(admin).put(`/api/v1/admin/users/${ngo.id}/organisation`).send({ name: 'Fundacja Zielony Poznań', krs: '0000123456' }).expect(200);
    open = await consultation('Park nad Wartą');
    await as(official)
      .put(`/api/v1/admin/consultations/${open}/document`)
      .send({
        sections: [
          { key: '§ 1', heading: 'Przedmiot', body: 'Park ma trzy strefy.' },
          { key: '§ 2', body: 'Sadzimy 40 drzew.' },
        ],
      })
      .expect(200);
    const v2 = await as(official)
      .put(`/api/v1/admin/consultations/${open}/document`)
      .send({
        note: 'Po spotkaniu',
        sections: [
          { key: '§ 1', heading: 'Przedmiot', body: 'Park ma cztery strefy.' },
          { key: '§ 2', body: 'Sadzimy 40 drzew.' },
        ],
      })
      .expect(200);
    sections = v2.body.sections;
    for (let i = 1; i <= 6; i++)
      await as(piotr)
        .post(`/api/v1/consultations/${open}/comments`)
        .send({ sectionId: sections[0].id, body: `Uwaga Piotra nr ${i}.` })
        .expect(201);
    ngoOnly = await consultation('Program współpracy z organizacjami', 'ngo');
  }, 180_000);
  afterAll(() => h.stop('consultations'));

  it('every page and state passes axe and html-validate', async () => {
    const c = await h.context({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await c.newPage();
      await h.visit(page, '/consultations', 'consultations list');
      await h.visit(page, '/consultations?status=cancelled', 'consultations list, nothing matches');
      await h.visit(page, '/consultations?status=draft', 'consultations list, bad filter', 422);
      await h.visit(page, `/consultations/${open}`, 'a consultation');
      await h.visit(page, `/consultations/${open}/document`, 'document, version 2 with what changed');
      await h.visit(page, `/consultations/${open}/document?version=1`, 'document, version 1');
      await h.visit(page, `/consultations/${open}/document/sections/${sections[0].id}`, 'a section with all its comments');
      await h.visit(page, `/consultations/${ngoOnly}/document`, 'NGO-only document, anonymous');
    } finally {
      await c.close();
    }
  });

  it('keyboard only, JavaScript off, 320 px: a resident reads a consultation, comments on a section and reports a comment', async () => {
    const resident = await createUser(h.t, { displayName: 'Klara Mieszkanka' });
    const { c, p: page } = await signedIn(resident, { javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const step = async (state: string) => {
      await h.check(page, `resident journey: ${state}`);
      await expectNoHorizontalScroll(page);
    };
    try {
      await page.goto('/consultations');
      await step('the list');
      await tabTo(page, `.civitas-card a[href="/consultations/${open}"]`);
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Park nad Wartą');
      await step('the consultation');
      await tabTo(page, `#how ~ ul a[href="/consultations/${open}/document"]`);
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Dokument i uwagi');
      await step('the document');

      // § 2's comment form opens from its summary (a details element: no script needed).
      await tabTo(page, `#section-${sections[1].id} summary`, { max: 120 });
      await page.keyboard.press('Enter');
      await tabTo(page, `#section-${sections[1].id} textarea[name="body"]`);
      await page.keyboard.type('Posadźmy też krzewy.');
      await tabTo(page, `#section-${sections[1].id} form button`);
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toContain('Twoja uwaga została opublikowana.');
      expect(await page.textContent('.civitas-comments')).toContain('Posadźmy też krzewy.');
      await step('comment published, on the section page');

      // Back to the document; report one of Piotr's comments.
      await tabTo(page, 'main a[href^="/consultations/"][href*="/document#"]');
      await pressAndLoad(page);
      await tabTo(page, `#section-${sections[0].id} .civitas-comment a[href$="/report"]`, { max: 120 });
      await pressAndLoad(page);
      expect(await page.textContent('h1')).toBe('Zgłoś uwagę moderatorom');
      await step('report a comment');
      await tabTo(page, '#reason');
      await page.keyboard.type('Nie na temat.');
      await tabTo(page, 'main form button');
      await pressAndLoad(page);
      expect(await page.textContent('.govuk-notification-banner__heading')).toContain('Moderatorzy sprawdzą zgłoszoną uwagę');
      await step('comment reported');
      h.journeys.push('consultations: resident comments and reports, keyboard only, JavaScript off, 320 px');
    } finally {
      await c.close();
    }
  });

  it('keyboard only, JavaScript off, 320 px: an organisation comments on an NGO-only consultation; a resident is told why not', async () => {
    const resident = await signedIn(piotr, { javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    try {
      await resident.p.goto(`/consultations/${ngoOnly}/document`);
      expect(await resident.p.textContent('main')).toContain('Twoje konto nie jest kontem organizacji');
      expect(await resident.p.locator('main form[method="post"]').count()).toBe(0);
      await h.check(resident.p, 'NGO-only document, a resident');
    } finally {
      await resident.c.close();
    }
    const { c, p: page } = await signedIn(ngo, { javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    try {
      await page.goto(`/consultations/${ngoOnly}/document`);
      await h.check(page, 'NGO-only document, an organisation');
      await expectNoHorizontalScroll(page);
      await tabTo(page, '#general summary', { max: 80 });
      await page.keyboard.press('Enter');
      expect(await page.textContent('#general')).toContain('w imieniu organizacji: Fundacja Zielony Poznań');
      await tabTo(page, '#general textarea[name="body"]');
      await page.keyboard.type('Prosimy o konsultacje z seniorami.');
      await tabTo(page, '#general form button');
      await pressAndLoad(page);
      expect(await page.textContent('.civitas-comments')).toContain('Fundacja Zielony Poznań');
      await h.check(page, 'NGO comment published');
      await expectNoHorizontalScroll(page);
      h.journeys.push('consultations: an organisation comments on an NGO-only consultation, keyboard only, JavaScript off, 320 px');
    } finally {
      await c.close();
    }
  });
});
