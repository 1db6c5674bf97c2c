import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient, type Page } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const UUID = '00000000-0000-4000-8000-000000000000';
/** Text with every kind of space as one space. */
const plain = (s: string) => s.replace(/\s+/g, ' ').trim();
const cards = (page: Page) => page.all('.civitas-card h3 a');

/**
 * The consultations' pages for residents and organisations through the app, as a browser without JavaScript sees
 * them: the list (filters, empty states), a consultation (schedule, organiser, files, ways to take part, cancelled),
 * the document (versions and what changed, comments per section with "show all", a comment form per section while
 * open, pre-moderation, NGO-only), one section's page, and "report this comment"; CSRF and bad input change nothing.
 */
describe('consultation pages: list, consultation, document and comments (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let moderator: TestUser;
  let anna: TestUser;
  let piotr: TestUser;
  let ngo: TestUser;
  let jezyce: string;
  let wilda: string;
  let n = 0;

  const as = (u: TestUser) => actingAs(t, u);
  const signedIn = (u: TestUser) => {
    const c = new PageClient(t.app);
    c.setCookie('civitas_session', u.token);
    return c;
  };
  const anonymous = () => new PageClient(t.app);
  const count = async (sql: string, params: unknown[] = []) => Number(((await db.query(sql, params)) as Array<{ n: number }>)[0].n);
  const commentsOf = (id: string) => count(`SELECT count(*)::int AS n FROM consultation_comments WHERE consultation_id = $1`, [id]);

  async function consultation(
    opts: {
      title?: string;
      topic?: string;
      areaIds?: string[];
      moderation?: 'pre' | 'post';
      audience?: 'everyone' | 'ngo';
      state?: 'draft' | 'announced' | 'open';
    } = {},
  ): Promise<string> {
    n += 1;
    const created = await as(official)
      .post('/api/v1/admin/consultations')
      .send({
        title: opts.title ?? `Konsultacje ${n}: park nad Wartą`,
        summary: 'Jak urządzić park?',
        body: '## Po co\n\nChcemy **nowy** park. [Plan](https://example.org/plan)',
        topic: opts.topic ?? 'Zieleń',
        organiserUnit: 'Wydział Zieleni',
        contact: 'zielen@example.org, tel. 61 000 00 00',
        areaIds: opts.areaIds ?? [jezyce],
        moderation: opts.moderation ?? 'post',
        audience: opts.audience ?? 'everyone',
        opensAt: new Date(Date.now() + 8 * DAY).toISOString(),
        closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      })
      .expect(201);
    const id = created.body.id as string;
    if (opts.state === 'draft') return id;
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    if (opts.state === 'announced') return id;
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
    return id;
  }

  const putDocument = async (id: string, sections: Array<{ key: string; heading?: string; body: string }>, note?: string) =>
    (await as(official).put(`/api/v1/admin/consultations/${id}/document`).send({ note, sections }).expect(200)).body as {
      sections: Array<{ id: string; key: string }>;
    };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    // The list is empty before any consultation exists.
    const city = await createArea(t, { name: 'Poznań', kind: 'city' });
    jezyce = await createArea(t, { name: 'Jeżyce', kind: 'district', parentId: city });
    wilda = await createArea(t, { name: 'Wilda', kind: 'district', parentId: city });
    official = await createUser(t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    moderator = await createUser(t, { grants: [{ role: 'moderator', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Kowalska' });
    piotr = await createUser(t, { displayName: 'Piotr Nowak' });
    ngo = await createUser(t, { displayName: 'Jan z fundacji' });
    await as(admin).put(`/api/v1/admin/users/${ngo.id}/organisation`).send({ name: 'Fundacja Zielony Poznań', krs: '0000123456' }).expect(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('the list says so when there is no consultation yet', async () => {
    const page = await anonymous().get('/consultations');
    expect(page.status).toBe(200);
    expect(page.h1).toBe('Konsultacje społeczne');
    expect(page.text('#consultations-empty')).toContain('nie ogłosiło jeszcze żadnych konsultacji');
    expect(page.text('#found')).toBe('0 konsultacji');
  });

  describe('with consultations', () => {
    let open: string;
    let announced: string;
    let cancelled: string;
    let wildaOne: string;
    let draft: string;

    beforeAll(async () => {
      open = await consultation({ title: 'Park nad Wartą' });
      await putDocument(open, [
        { key: '§ 1', heading: 'Przedmiot', body: 'Park ma trzy strefy.' },
        { key: '§ 2', body: 'Sadzimy 40 drzew.' },
      ]);
      await as(anna).post(`/api/v1/consultations/${open}/comments`).send({ body: 'Więcej ławek.' }).expect(201);
      announced = await consultation({ title: 'Plan Wildy', state: 'announced', areaIds: [wilda], topic: 'Transport' });
      cancelled = await consultation({ title: 'Odwołane konsultacje', state: 'announced' });
      await as(official).post(`/api/v1/admin/consultations/${cancelled}/cancel`).send({ reason: 'Zmiana przepisów.' }).expect(200);
      wildaOne = await consultation({ title: 'Rynek Wildecki', areaIds: [wilda], audience: 'ngo', topic: 'Transport' });
      draft = await consultation({ title: 'Tajny projekt', state: 'draft' });
    }, 60_000);

    it('lists open ones first with dates, area, audience, ways to take part and the count of comments; never drafts', async () => {
      const page = await anonymous().get('/consultations');
      expect(page.status).toBe(200);
      const titles = cards(page);
      expect(titles).not.toContain('Tajny projekt');
      expect(titles.slice(0, 2).sort()).toEqual(['Park nad Wartą', 'Rynek Wildecki']);
      expect(titles).toEqual(expect.arrayContaining(['Plan Wildy', 'Odwołane konsultacje']));
      const park = plain(page.text(`[data-consultation-id="${open}"]`));
      expect(park).toContain('Trwają');
      expect(park).toContain('ObszarJeżyce');
      expect(park).toContain('Formy udziałuuwagi do dokumentu');
      expect(park).toContain('Uwagi1 uwaga');
      expect(park).toContain('każdy zalogowany mieszkaniec');
      const rynek = plain(page.text(`[data-consultation-id="${wildaOne}"]`));
      expect(rynek).toContain('Tylko dla organizacji pozarządowych');
      expect(plain(page.text(`[data-consultation-id="${announced}"]`))).toMatch(/Zapowiedziane.*od \d/);
    });

    it('filters by state, area and topic; a bad filter is a 422 naming it; empty fields leave the address', async () => {
      const c = anonymous();
      expect(cards(await c.get('/consultations?status=announced'))).toEqual(['Plan Wildy']);
      expect(cards(await c.get(`/consultations?area=${wilda}`)).sort()).toEqual(['Plan Wildy', 'Rynek Wildecki']);
      expect(cards(await c.get('/consultations?topic=Transport&status=open'))).toEqual(['Rynek Wildecki']);
      const none = await c.get('/consultations?status=cancelled&topic=Transport');
      expect(none.text('#consultations-empty')).toContain('Żadne konsultacje nie pasują');
      const bad = await c.get(`/consultations?status=draft&area=${UUID}`);
      expect(bad.status).toBe(422);
      expect(bad.errorSummary.map((e) => e.field)).toEqual(expect.arrayContaining(['status']));
      const badArea = await c.get(`/consultations?area=${UUID}`);
      expect(badArea.status).toBe(422);
      expect(badArea.fieldError('area')).toContain('Wybierz obszar z listy');
      const emptied = await c.get('/consultations?status=&area=&topic=Transport', { follow: false });
      expect(emptied.status).toBe(303);
      expect(emptied.location).toBe('/consultations?topic=Transport');
      expect((await c.get('/consultations?page=9')).status).toBe(404);
    });

    it('a consultation: summary, body from Markdown, schedule, organiser and contact, area, ways to take part, subscribe link', async () => {
      const page = await anonymous().get(`/consultations/${open}`);
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Park nad Wartą');
      expect(page.title).toMatch(/^Park nad Wartą — Konsultacje — /);
      const main = plain(page.text());
      expect(main).toContain('Jak urządzić park?');
      expect(page.doc.querySelector('.civitas-markdown strong')?.textContent).toBe('nowy');
      expect(page.doc.querySelector('.civitas-markdown a')?.getAttribute('href')).toBe('https://example.org/plan');
      expect(main).toContain('Wydział Zieleni');
      expect(main).toContain('zielen@example.org');
      expect(main).toContain('Jeżyce');
      expect(main).toMatch(/uwagi do dokumentu: możesz zgłaszać uwagi do \d/);
      expect(page.doc.querySelector(`a[href="/subscriptions/new?topic=${encodeURIComponent(`consultation:${open}`)}"]`)).not.toBeNull();
      expect(page.all('.civitas-subnav a')).toEqual(['Informacje', 'Dokument i uwagi']);
      expect(page.doc.querySelector('.civitas-subnav a[aria-current="page"]')?.textContent).toBe('Informacje');
    });

    it('announced, cancelled (with the public reason), drafts and unknown ids', async () => {
      expect(plain((await anonymous().get(`/consultations/${announced}`)).text())).toMatch(/Konsultacje rozpoczną się \d/);
      const gone = await anonymous().get(`/consultations/${cancelled}`);
      expect(gone.banner).toContain('Konsultacje zostały odwołane');
      expect(plain(gone.text())).toContain('Powód: Zmiana przepisów.');
      expect((await anonymous().get(`/consultations/${draft}`)).status).toBe(404);
      expect((await anonymous().get(`/consultations/${UUID}`)).status).toBe(404);
      expect((await anonymous().get('/consultations/not-a-uuid')).status).toBe(404);
      expect((await signedIn(official).get(`/consultations/${draft}/document`)).status).toBe(404);
    });

    it('in English', async () => {
      const page = await new PageClient(t.app, { headers: { 'accept-language': 'en' } }).get(`/consultations/${open}`);
      expect(page.h1).toBe('Park nad Wartą');
      expect(page.all('.civitas-subnav a')).toEqual(['Overview', 'Document and comments']);
      expect(plain(page.text())).toContain('Tell me about this consultation by e-mail');
    });
  });

  describe('the document and its comments', () => {
    let id: string;
    let s1: string;
    let s2: string;
    let s3: string;

    beforeAll(async () => {
      id = await consultation({ title: 'Uchwała o zieleni' });
      const v1 = await putDocument(id, [
        { key: '§ 1', heading: 'Przedmiot', body: 'Park ma trzy strefy.' },
        { key: '§ 2', heading: 'Zieleń', body: 'Sadzimy 40 drzew.' },
      ]);
      [s1, s2] = v1.sections.map((s) => s.id);
      await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: s2, body: 'Za mało drzew w wersji 1.' }).expect(201);
      const v2 = await putDocument(
        id,
        [
          { key: '§ 1', heading: 'Przedmiot', body: 'Park ma cztery strefy.' },
          { key: '§ 3', heading: 'Oświetlenie', body: 'Lampy LED.' },
          { key: '§ 2', heading: 'Zieleń', body: 'Sadzimy 40 drzew.' },
        ],
        'Po spotkaniu z mieszkańcami',
      );
      s3 = v2.sections.find((s) => s.key === '§ 3')!.id;
    }, 60_000);

    it('shows the current version with what changed since the one before, and earlier versions on request', async () => {
      const page = await anonymous().get(`/consultations/${id}/document`);
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Dokument i uwagi');
      expect(page.title).toContain('Dokument i uwagi — Uchwała o zieleni');
      expect(plain(page.text('.civitas-changes'))).toContain('Zmiany względem wersji 1');
      expect(page.all('.civitas-changes li').map(plain)).toEqual(['§ 1: zmieniony', '§ 3: dodany']);
      expect(plain(page.text(`#section-${s1}`))).toContain('Park ma cztery strefy.');
      expect(plain(page.text(`#section-${s1} details`))).toContain('Park ma trzy strefy.');
      expect(plain(page.text())).toContain('Co się zmieniło: Po spotkaniu z mieszkańcami');
      // A comment made on version 1 says so and links to it.
      const onV1 = page.doc.querySelector(`#section-${s2} .civitas-comment__meta a`);
      expect(onV1?.textContent).toBe('zgłoszona do wersji 1');
      expect(onV1?.getAttribute('href')).toBe(`/consultations/${id}/document?version=1#section-${s2}`);
      // Anonymous visitors are asked to sign in; there is no form.
      expect(page.doc.querySelector('main form[method="post"]')).toBeNull();
      expect(page.all('main a').some((a) => a === 'Zaloguj się, aby zgłosić uwagę')).toBe(true);

      const v1 = await anonymous().get(`/consultations/${id}/document?version=1`);
      expect(v1.status).toBe(200);
      expect(plain(v1.text())).toContain('Oglądasz wersję 1, a nie obecną wersję 2');
      expect(plain(v1.text(`#section-${s1}`))).toContain('Park ma trzy strefy.');
      expect(v1.doc.querySelector(`#section-${s3}`)).toBeNull();
      expect(v1.doc.querySelector('#version option[selected]')?.getAttribute('value')).toBe('1');
      expect((await anonymous().get(`/consultations/${id}/document?version=7`)).status).toBe(404);
      expect((await anonymous().get(`/consultations/${id}/document?version=x`)).status).toBe(404);
    });

    it('a resident comments on a section from the document page; others see it with a report link', async () => {
      const c = signedIn(anna);
      const doc = await c.get(`/consultations/${id}/document`);
      expect(plain(doc.text(`#section-${s3}`))).toContain('Uwaga będzie podpisana Twoim imieniem i nazwiskiem z konta: Anna Kowalska.');
      const done = await c.submit(doc, { body: 'Lampy powinny być ciepłe.', proposedWording: 'Lampy LED o barwie ciepłej.' }, { form: `#section-${s3} form` });
      expect(done.status).toBe(200);
      expect(done.banner).toContain('Twoja uwaga została opublikowana.');
      expect(done.url).toContain(`/consultations/${id}/document/sections/${s3}`);
      expect(plain(done.text('.civitas-comments'))).toContain('Lampy powinny być ciepłe.');
      expect(plain(done.text('.civitas-comments'))).toContain('Twoja uwaga');

      const other = await signedIn(piotr).get(`/consultations/${id}/document`);
      const thread = plain(other.text(`#section-${s3}`));
      expect(thread).toContain('Anna Kowalska');
      expect(thread).toContain('Proponowane brzmienieLampy LED o barwie ciepłej.');
      expect(other.all(`#section-${s3} .civitas-comment a`).map(plain)[0]).toMatch(/^Zgłoś tę uwagę \(Zgłoś uwagę: Anna Kowalska, /);
    });

    it('bad input comes back on the section page (422) and stores nothing; without the form token nothing is stored (403)', async () => {
      const c = signedIn(anna);
      const before = await commentsOf(id);
      const doc = await c.get(`/consultations/${id}/document`);
      const empty = await c.submit(doc, { body: '   ' }, { form: `#section-${s1} form` });
      expect(empty.status).toBe(422);
      expect(empty.title).toMatch(/^Błąd:/);
      expect(empty.errorSummary).toEqual([{ text: 'Wpisz treść uwagi.', field: 'body' }]);
      const forged = await c.submit(doc, { body: 'Bez tokenu' }, { form: `#section-${s1} form`, drop: ['_csrf'] });
      expect(forged.status).toBe(403);
      const wrongSection = await c.post(`/consultations/${id}/document/comments`, {
        _csrf: doc.form(`#section-${s1} form`).fields._csrf,
        sectionId: UUID,
        body: 'x',
      });
      expect(wrongSection.status).toBe(422);
      expect(await commentsOf(id)).toBe(before);
      // Anonymous posts are sent to sign in.
      const anon = await anonymous().post(`/consultations/${id}/document/comments`, { body: 'x' }, { follow: false });
      expect([303, 403]).toContain(anon.status);
      expect(await commentsOf(id)).toBe(before);
    });

    it('long threads show the first five and "show all N"; the section page shows them all with its form', async () => {
      for (let i = 1; i <= 6; i++)
        await as(piotr)
          .post(`/api/v1/consultations/${id}/comments`)
          .send({ sectionId: s1, body: `Uwaga numer ${i}.` })
          .expect(201);
      const page = await anonymous().get(`/consultations/${id}/document`);
      expect(page.doc.querySelectorAll(`#section-${s1} .civitas-comment`).length).toBe(5);
      const more = page.doc.querySelector(`#section-${s1} a[href="/consultations/${id}/document/sections/${s1}"]`);
      expect(more?.textContent).toBe('Pokaż wszystkie uwagi do fragmentu § 1 (6)');
      const all = await signedIn(anna).get(`/consultations/${id}/document/sections/${s1}`);
      expect(all.status).toBe(200);
      expect(all.h1).toBe('Uwagi do fragmentu § 1');
      expect(all.doc.querySelectorAll('.civitas-comment').length).toBe(6);
      expect(all.doc.querySelector('main form textarea#body')).not.toBeNull();
      expect((await anonymous().get(`/consultations/${id}/document/sections/${UUID}`)).status).toBe(404);
    });

    it('report a comment once, with a reason; hidden comments read "hidden (reason)"', async () => {
      const [target] = (await db.query(`SELECT id FROM consultation_comments WHERE consultation_id = $1 AND body = 'Uwaga numer 1.'`, [id])) as Array<{
        id: string;
      }>;
      const c = signedIn(anna);
      const form = await c.get(`/consultations/${id}/comments/${target.id}/report`);
      expect(form.h1).toBe('Zgłoś uwagę moderatorom');
      expect(plain(form.text())).toContain('Uwaga numer 1.');
      const tooLong = await c.submit(form, { reason: 'x'.repeat(1001) });
      expect(tooLong.status).toBe(422);
      expect(await count(`SELECT count(*)::int AS n FROM consultation_comment_reports WHERE comment_id = $1`, [target.id])).toBe(0);
      const done = await c.submit(form, { reason: 'Obraźliwa.' });
      expect(done.banner).toContain('Moderatorzy sprawdzą zgłoszoną uwagę');
      expect(plain(done.text(`#comment-${target.id}`))).toContain('Zgłosiłeś lub zgłosiłaś tę uwagę moderatorom.');
      const again = await c.get(`/consultations/${id}/comments/${target.id}/report`);
      expect(again.banner).toContain('Ta uwaga została już przez Ciebie zgłoszona.');
      const twice = await c.post(`/consultations/${id}/comments/${target.id}/report`, { _csrf: form.form().fields._csrf, reason: 'Znowu' });
      expect(twice.banner).toContain('już przez Ciebie zgłoszona');
      expect(await count(`SELECT count(*)::int AS n FROM consultation_comment_reports WHERE comment_id = $1`, [target.id])).toBe(1);
      expect((await anonymous().get(`/consultations/${id}/comments/${target.id}/report`, { follow: false })).location).toContain('/sign-in?next=');

      await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${target.id}/hide`).send({ reason: 'offensive' }).expect(200);
      const section = await anonymous().get(`/consultations/${id}/document/sections/${s1}`);
      expect(plain(section.text(`#comment-${target.id}`))).toContain('Uwaga ukryta (obraźliwa)');
      expect(plain(section.text())).not.toContain('Uwaga numer 1.');
      expect((await c.get(`/consultations/${id}/comments/${target.id}/report`)).status).toBe(404);
    });
  });

  it('pre-moderation: the author sees "waiting for moderation", others see nothing until approved', async () => {
    const id = await consultation({ moderation: 'pre', title: 'Z moderacją' });
    const c = signedIn(anna);
    const doc = await c.get(`/consultations/${id}/document`);
    expect(plain(doc.text())).toContain('sprawdzane przez moderatora przed publikacją');
    expect(plain(doc.text())).toContain('nie mają dokumentu z podziałem na fragmenty');
    const done = await c.submit(doc, { body: 'Czekam na moderację.' }, { form: '#general form' });
    expect(done.banner).toContain('czeka na moderację');
    expect(plain(done.text('.civitas-comments'))).toContain('Czeka na moderację');
    expect(plain((await signedIn(piotr).get(`/consultations/${id}/document`)).text())).not.toContain('Czekam na moderację.');
    expect(plain((await anonymous().get(`/consultations/${id}/document/general`)).text())).not.toContain('Czekam na moderację.');
  });

  it('NGO-only: an organisation comments under its name; a resident is told why not and refused', async () => {
    const id = await consultation({ audience: 'ngo', title: 'Program współpracy z NGO' });
    await putDocument(id, [{ key: '§ 1', body: 'Priorytety.' }]);
    const resident = signedIn(anna);
    const page = await resident.get(`/consultations/${id}/document`);
    expect(plain(page.text())).toContain('uwagi zgłaszają tylko organizacje pozarządowe. Twoje konto nie jest kontem organizacji.');
    expect(page.doc.querySelector('main form[method="post"]')).toBeNull();
    const csrf = (await resident.get(`/consultations/${id}/document/general`)).doc.querySelector('header input[name="_csrf"]')?.getAttribute('value') ?? '';
    const refused = await resident.post(`/consultations/${id}/document/comments`, { _csrf: csrf, body: 'Chcę też.' });
    expect(refused.status).toBe(403);
    expect(await commentsOf(id)).toBe(0);

    const org = signedIn(ngo);
    const doc = await org.get(`/consultations/${id}/document`);
    expect(plain(doc.text())).toContain('w imieniu organizacji: Fundacja Zielony Poznań');
    const done = await org.submit(doc, { body: 'Więcej środków na seniorów.' }, { form: 'section.civitas-section form' });
    expect(done.banner).toContain('opublikowana');
    expect(plain(done.text('.civitas-comments'))).toContain('Fundacja Zielony Poznań');
  });

  it('who may open what: a route × role table of the consultation pages', async () => {
    const id = await consultation({ title: 'Tabela dostępu' });
    const [s] = (await putDocument(id, [{ key: '§ 1', body: 'Tekst.' }])).sections;
    const k = (await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: s.id, body: 'Do zgłoszenia.' }).expect(201)).body.id as string;
    const draft = await consultation({ state: 'draft' });
    const who = { anonymous: null, resident: anna, organisation: ngo, official } as const;
    const routes: Array<[string, Record<keyof typeof who, number>]> = [
      ['/consultations', { anonymous: 200, resident: 200, organisation: 200, official: 200 }],
      [`/consultations/${id}`, { anonymous: 200, resident: 200, organisation: 200, official: 200 }],
      [`/consultations/${id}/document`, { anonymous: 200, resident: 200, organisation: 200, official: 200 }],
      [`/consultations/${id}/document/sections/${s.id}`, { anonymous: 200, resident: 200, organisation: 200, official: 200 }],
      [`/consultations/${id}/document/general`, { anonymous: 200, resident: 200, organisation: 200, official: 200 }],
      [`/consultations/${id}/comments/${k}/report`, { anonymous: 303, resident: 200, organisation: 200, official: 200 }],
      [`/consultations/${draft}`, { anonymous: 404, resident: 404, organisation: 404, official: 404 }],
      [`/consultations/${draft}/document`, { anonymous: 404, resident: 404, organisation: 404, official: 404 }],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const [path, expected] of routes)
      for (const [role, user] of Object.entries(who) as Array<[keyof typeof who, TestUser | null]>) {
        const c = user ? signedIn(user) : anonymous();
        const page = await c.get(path, { follow: false });
        got.push(`${role} GET ${path} ${page.status}`);
        want.push(`${role} GET ${path} ${expected[role]}`);
      }
    expect(got).toEqual(want);
  });
});
