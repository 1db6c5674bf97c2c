import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { Page, PageClient } from '@civitas/web/testing';
import { UPLOAD_MAX_BYTES } from '@civitas/common';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, TestUser, uniqueEmail } from '../factories/users.factory';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const withUnmet = (criterion: string, justification: string) => ALL_MET.map((c) => (c.criterion === criterion ? { ...c, met: false, justification } : c));

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')]);

/** The task list as a person reads it: each section's name and status, and whether it is a link. */
function taskList(page: Page): Record<string, { status: string; link: string | null }> {
  const out: Record<string, { status: string; link: string | null }> = {};
  for (const li of page.doc.querySelectorAll('.govuk-task-list__item')) {
    const a = li.querySelector('a.govuk-task-list__link');
    const name = (a ?? li.querySelector('.govuk-task-list__name-and-hint div'))!.textContent.trim();
    out[name] = { status: li.querySelector('.govuk-task-list__status')!.textContent.replace(/\s+/g, ' ').trim(), link: a?.getAttribute('href') ?? null };
  }
  return out;
}

describe('budget: the author’s pages — submission wizard and my projects (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let city: string;
  let district: string;
  let otherDistrict: string;
  let editionId: string;
  let districtPool: string;
  let cityPool: string;
  let categoryId: string;

  const as = (u: TestUser) => actingAs(t, u);

  async function signIn(u: TestUser, headers: Record<string, string> = {}): Promise<PageClient> {
    const client = new PageClient(t.app, { headers });
    const page = await client.get('/sign-in');
    const home = await client.submit(page, { email: u.email, password: u.password });
    expect(home.status).toBe(200);
    return client;
  }

  const projectRow = async (id: string) => ((await db.query(`SELECT * FROM budget_projects WHERE id = $1`, [id])) as Array<Record<string, unknown>>)[0];

  /** Posts the page's upload form as a browser does (multipart/form-data). */
  const upload = (
    client: PageClient,
    page: Page,
    file: { name: string; type: string; content: Buffer } | null,
    values: Record<string, string> = { kind: 'document' },
    opts: { drop?: string[] } = {},
  ) => client.upload(page, file, values, { drop: opts.drop });

  /** A project made through the API (for the review journeys; the wizard itself is tested through the pages). */
  const apiProject = async (author: TestUser, title: string, edition = editionId, pool = districtPool, amount = 5_000_000) =>
    (
      await as(author)
        .post(`/api/v1/editions/${edition}/projects`)
        .send({ poolId: pool, title, summary: 's', description: 'd', justification: 'j', areaId: district, costItems: [{ description: 'Koszt', amount }] })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000' });
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    otherDistrict = await createArea(t, { name: 'Zaspa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Autorka' });
    ben = await createUser(t, { displayName: 'Ben Sąsiad' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027', year: 2027, phases: scheduleWith('submission'), categories: [{ namePl: 'Zieleń', nameEn: 'Greenery' }] })
      .expect(201);
    editionId = e.body.id;
    categoryId = e.body.categories[0].id;
    await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, minCost: 1_000_000, maxCost: 50_000_000, signaturesRequired: 0 })
      .expect(201);
    const pools = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Ogólnomiejska', amount: 200_000_000, signaturesRequired: 0 })
      .expect(201);
    districtPool = pools.body.pools.find((p: { name: string }) => p.name === 'Oliwa').id;
    cityPool = pools.body.pools.find((p: { name: string }) => p.name === 'Ogólnomiejska').id;
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
  });
  afterAll(() => t?.close());

  let draftId: string;

  it('a resident writes a project over two sessions: start, each section saved, resumed on another device', async () => {
    // Anonymous: sent to sign in and back.
    const anonymous = await new PageClient(t.app).get(`/budget/${editionId}/submit`, { follow: false });
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe(`/sign-in?next=${encodeURIComponent(`/budget/${editionId}/submit`)}`);

    const first = await signIn(anna);
    const start = await first.get(`/budget/${editionId}/submit`);
    expect(start.h1).toBe('Zgłoś projekt');
    expect(start.title).toBe('Zgłoś projekt: BO 2027 — Budżet obywatelski — Miasto Testowe'.replace('Miasto Testowe', start.title.split(' — ').at(-1)!));
    expect(start.all('main .govuk-radios__label')).toEqual(['Ogólnomiejska', 'Oliwa']);
    const empty = await first.submit(start, {});
    expect(empty.status).toBe(422);
    expect(empty.title).toMatch(/^Błąd: /);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(['title', 'poolId']);
    expect(empty.fieldError('title')).toBe('Pole „Tytuł projektu” nie może być puste.');
    expect(((await db.query(`SELECT count(*)::int AS n FROM budget_projects`)) as Array<{ n: number }>)[0].n).toBe(0);

    const tasks = await first.submit(empty, { title: 'Ławki nad stawem', poolId: districtPool });
    expect(tasks.url).toMatch(/^\/projects\/[0-9a-f-]{36}\/edit$/);
    draftId = tasks.url.split('/')[2];
    expect(tasks.banner).toContain('Utworzono wersję roboczą');
    expect(tasks.h1).toBe('Zgłoszenie projektu');
    expect(taskList(tasks)).toEqual({
      'Podstawowe informacje': { status: 'W toku', link: `/projects/${draftId}/edit/basics` },
      'Opis projektu': { status: 'Nie rozpoczęto', link: `/projects/${draftId}/edit/description` },
      Lokalizacja: { status: 'Nie rozpoczęto', link: `/projects/${draftId}/edit/location` },
      Kosztorys: { status: 'Nie rozpoczęto', link: `/projects/${draftId}/edit/costs` },
      Załączniki: { status: 'Nie rozpoczęto', link: `/projects/${draftId}/edit/attachments` },
      Współautorzy: { status: 'Nie rozpoczęto', link: `/projects/${draftId}/edit/authors` },
      'Sprawdź i zgłoś projekt': { status: 'Nie można jeszcze rozpocząć', link: null },
    });

    // Basic information: bad input is explained and nothing is saved.
    const basics = await first.get(`/projects/${draftId}/edit/basics`);
    expect(basics.value('title')).toBe('Ławki nad stawem');
    const badBasics = await first.submit(basics, { title: '   ', categoryId: 'nie-uuid', areaId: otherDistrict.slice(0, 8) });
    expect(badBasics.status).toBe(422);
    expect(badBasics.errorSummary.map((e) => e.field)).toEqual(['title', 'categoryId', 'areaId']);
    expect(badBasics.value('title')).toBe('   ');
    expect((await projectRow(draftId)).title).toBe('Ławki nad stawem');
    const savedBasics = await first.submit(badBasics, { title: 'Ławki i zieleń nad stawem', categoryId, areaId: district });
    expect(savedBasics.url).toBe(`/projects/${draftId}/edit`);
    expect(savedBasics.banner).toBe('Zapisano sekcję „Podstawowe informacje”.');
    expect(taskList(savedBasics)['Podstawowe informacje'].status).toBe('Ukończono');
    expect(await projectRow(draftId)).toMatchObject({ title: 'Ławki i zieleń nad stawem', category_id: categoryId, area_id: district });

    // Description: a text over its limit is refused on its field.
    const description = await first.get(`/projects/${draftId}/edit/description`);
    const long = await first.submit(description, { summary: 'x'.repeat(1001), description: 'Pięć ławek i nasadzenia.' });
    expect(long.status).toBe(422);
    expect(long.fieldError('summary')).toBe('Pole „Streszczenie” może mieć najwyżej 1000 znaków.');
    expect((await projectRow(draftId)).description).toBe('');
    const half = await first.submit(long, {
      summary: 'Ławki nad stawem w parku.',
      description: 'Pięć ławek i nasadzenia.',
      justification: '',
      beneficiaries: '',
    });
    expect(taskList(half)['Opis projektu'].status).toBe('W toku');

    // Another device, the same account: the draft is in "my projects" and goes on from where it was.
    const second = await signIn(anna);
    const mine = await second.get('/budget/my-projects');
    expect(mine.h1).toBe('Moje projekty');
    const card = mine.doc.querySelectorAll('.govuk-summary-card').find((c) => c.textContent.includes('Ławki i zieleń nad stawem'))!;
    expect(card.querySelector('.govuk-summary-card__actions a')!.getAttribute('href')).toBe(`/projects/${draftId}/edit`);
    expect(card.textContent).toContain('Wersja robocza');
    const resumed = await second.get(`/projects/${draftId}/edit`);
    expect(taskList(resumed)['Podstawowe informacje'].status).toBe('Ukończono');
    expect(taskList(resumed)['Opis projektu'].status).toBe('W toku');
    const description2 = await second.get(`/projects/${draftId}/edit/description`);
    expect(description2.value('summary')).toBe('Ławki nad stawem w parku.');
    const described = await second.submit(description2, { justification: 'Brakuje miejsc do odpoczynku.', beneficiaries: 'Spacerowicze.' });
    expect(taskList(described)['Opis projektu'].status).toBe('Ukończono');

    // Location: coordinates are numbers (a comma is a decimal point); nothing else.
    const location = await second.get(`/projects/${draftId}/edit/location`);
    const badLocation = await second.submit(location, { address: 'Park nad stawem', latitude: 'abc', longitude: '1e400' });
    expect(badLocation.status).toBe(422);
    expect(badLocation.fieldError('latitude')).toBe('Pole „Szerokość geograficzna” musi być liczbą.');
    expect(badLocation.fieldError('longitude')).toBe('Pole „Długość geograficzna” musi być liczbą.');
    expect(badLocation.value('latitude')).toBe('abc');
    const outOfRange = await second.submit(badLocation, { latitude: '95', longitude: '18,5' });
    expect(outOfRange.fieldError('latitude')).toBe('Pole „Szerokość geograficzna” musi być szerokością geograficzną od -90 do 90.');
    expect((await projectRow(draftId)).address).toBe('');
    const located = await second.submit(outOfRange, { address: 'Park nad stawem', latitude: '54,4065', longitude: '18.5636' });
    expect(taskList(located).Lokalizacja.status).toBe('Ukończono');
    expect(await projectRow(draftId)).toMatchObject({ address: 'Park nad stawem', latitude: 54.4065, longitude: 18.5636 });
    const relocated = await second.get(`/projects/${draftId}/edit/location`);
    expect(relocated.value('latitude')).toBe('54,4065');
  });

  it('costs: rows added and removed, the total recalculated by the server without JavaScript, bad amounts refused, saved on "save"', async () => {
    const client = await signIn(anna);
    const costs = await client.get(`/projects/${draftId}/edit/costs`);
    expect(costs.h1).toBe('Kosztorys');
    // The live total's script is on the page; the total is in the page without it.
    expect(costs.doc.querySelectorAll('script[type="module"]').some((s) => /cost-total\.[0-9a-f]+\.js$/.test(s.getAttribute('src') ?? ''))).toBe(true);
    expect(costs.text('[data-cost-total]')).toBe('0 zł');
    expect(costs.value('costItems.0.description')).toBe('');

    const added = await client.submit(costs, { 'costItems.0.description': 'Ławki', 'costItems.0.amount': '12 000', action: 'add' });
    expect(added.status).toBe(200);
    expect(added.all('main legend')).toEqual(['Pozycja 1', 'Pozycja 2']);
    expect(added.value('costItems.0.amount')).toBe('12 000');
    const recalculated = await client.submit(added, { 'costItems.1.description': 'Nasadzenia', 'costItems.1.amount': '3500,50', action: 'recalculate' });
    expect(recalculated.status).toBe(200);
    expect(recalculated.text('[data-cost-total]')).toBe('15 500,50 zł');
    expect(Number((await projectRow(draftId)).total_cost)).toBe(0);

    const bad = await client.submit(recalculated, {
      'costItems.0.amount': '12,345',
      'costItems.1.amount': '99999999999999999',
      'costItems.2.description': '',
      'costItems.2.amount': '500',
      action: 'save',
    });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary).toEqual([
      { field: 'costItems.0.amount', text: 'Kwota pozycji 1 musi być liczbą złotych z najwyżej dwoma miejscami po przecinku, np. 1500 lub 1500,50.' },
      { field: 'costItems.1.amount', text: 'Kwota pozycji 2 jest zbyt duża.' },
      { field: 'costItems.2.description', text: 'Pole „Opis pozycji 3” nie może być puste.' },
    ]);
    expect(Number((await projectRow(draftId)).total_cost)).toBe(0);

    const removed = await client.submit(bad, { action: 'remove-2' });
    expect(removed.all('main legend')).toEqual(['Pozycja 1', 'Pozycja 2']);
    const saved = await client.submit(removed, { 'costItems.0.amount': '12 000', 'costItems.1.amount': '3500,50', action: 'save' });
    expect(saved.url).toBe(`/projects/${draftId}/edit`);
    expect(taskList(saved).Kosztorys.status).toBe('Ukończono');
    expect(taskList(saved)['Sprawdź i zgłoś projekt']).toEqual({ status: 'Nie rozpoczęto', link: `/projects/${draftId}/edit/check` });
    const items = (await db.query(`SELECT description, amount FROM budget_cost_items WHERE project_id = $1 ORDER BY position`, [draftId])) as Array<{
      description: string;
      amount: string;
    }>;
    expect(items.map((i) => [i.description, Number(i.amount)])).toEqual([
      ['Ławki', 1_200_000],
      ['Nasadzenia', 350_050],
    ]);
    // Back on the page: the saved rows, written back as typed in Polish, and an empty row to add one.
    const again = await client.get(`/projects/${draftId}/edit/costs`);
    expect([again.value('costItems.0.amount'), again.value('costItems.1.amount'), again.value('costItems.2.amount')]).toEqual(['12000', '3500,50', '']);
  });

  it('attachments: a PDF uploaded from a form (multipart), a wrong type or a file too big refused on the field, a file removed', async () => {
    const client = await signIn(anna);
    const page = await client.get(`/projects/${draftId}/edit/attachments`);
    expect(page.h1).toBe('Załączniki');
    expect(page.text()).toContain('Nie dodano jeszcze żadnych plików.');
    const count = async () =>
      ((await db.query(`SELECT count(*)::int AS n FROM budget_attachments WHERE project_id = $1`, [draftId])) as Array<{ n: number }>)[0].n;

    const none = await upload(client, page, null);
    expect(none.status).toBe(422);
    expect(none.errorSummary).toEqual([{ field: 'file', text: 'Wybierz plik do dodania.' }]);
    const text = await upload(client, page, { name: 'notatka.txt', type: 'text/plain', content: Buffer.from('zwykły tekst') });
    expect(text.status).toBe(422);
    expect(text.fieldError('file')).toBe('Załącznik musi być plikiem PDF, PNG lub JPEG, a jego zawartość musi odpowiadać podanemu typowi.');
    const fake = await upload(client, page, { name: 'udawany.pdf', type: 'application/pdf', content: Buffer.from('to nie jest PDF') });
    expect(fake.fieldError('file')).toBe('Załącznik musi być plikiem PDF, PNG lub JPEG, a jego zawartość musi odpowiadać podanemu typowi.');
    const big = await upload(client, page, { name: 'ogromny.pdf', type: 'application/pdf', content: Buffer.concat([PDF, Buffer.alloc(UPLOAD_MAX_BYTES)]) });
    expect(big.status).toBe(422);
    expect(big.fieldError('file')).toBe('Załącznik jest zbyt duży: najwyżej 10 MB.');
    // Without the form's token: refused before anything is read into the project.
    const forged = await upload(client, page, { name: 'mapa.pdf', type: 'application/pdf', content: PDF }, { kind: 'document' }, { drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    expect(await count()).toBe(0);

    const uploaded = await upload(client, page, { name: 'mapa.pdf', type: 'application/pdf', content: PDF });
    expect(uploaded.url).toBe(`/projects/${draftId}/edit/attachments`);
    expect(uploaded.banner).toBe('Dodano plik „mapa.pdf”.');
    expect(uploaded.text('main table')).toContain('mapa.pdf');
    expect(await count()).toBe(1);
    const removed = await client.submit(uploaded, {}, { form: 'main table form' });
    expect(removed.banner).toBe('Usunięto plik „mapa.pdf”.');
    expect(await count()).toBe(0);
    const again = await upload(client, removed, { name: 'wizualizacja.pdf', type: 'application/pdf', content: PDF });
    expect(again.banner).toBe('Dodano plik „wizualizacja.pdf”.');
    expect(taskList(await client.get(`/projects/${draftId}/edit`)).Załączniki.status).toBe('Ukończono');
  });

  let cecylia: TestUser;

  it('co-authors: the main author invites by e-mail and withdraws; the invitee accepts on their own page and can edit, not invite', async () => {
    cecylia = await createUser(t, { displayName: 'Cecylia Współautorka', email: uniqueEmail('cecylia') });
    const client = await signIn(anna);
    const page = await client.get(`/projects/${draftId}/edit/authors`);
    expect(page.h1).toBe('Współautorzy');
    const bad = await client.submit(page, { email: 'nie-adres' });
    expect(bad.status).toBe(422);
    expect(bad.fieldError('email')).toBe('Pole „Adres e-mail współautora” musi być poprawnym adresem e-mail.');
    const invited = await client.submit(bad, { email: cecylia.email });
    expect(invited.banner).toBe(`Wysłano zaproszenie do ${cecylia.email}.`);
    const other = uniqueEmail('dawid');
    const invited2 = await client.submit(invited, { email: other }, { form: 'main form[action$="/authors"]' });
    expect(invited2.all('#invitations > li')).toHaveLength(2);
    const withdrawn = await client.submit(invited2, {}, { form: '#invitations > li:nth-child(2) form' });
    expect(withdrawn.banner).toBe(`Wycofano zaproszenie dla ${other}.`);
    expect(withdrawn.all('#invitations > li')[1]).toContain('Wycofane');
    expect(taskList(await client.get(`/projects/${draftId}/edit`)).Współautorzy.status).toBe('W toku');

    // The invitee: the invitation waits in "my projects"; accepting makes them a co-author.
    const invitee = await signIn(cecylia);
    const mine = await invitee.get('/budget/my-projects');
    expect(mine.text()).toContain('Zaproszenie do współautorstwa projektu „Ławki i zieleń nad stawem”');
    const invitation = await invitee.get(mine.doc.querySelector(`main a[href="/projects/${draftId}/invitation"]`)!.getAttribute('href')!);
    expect(invitation.h1).toBe('Zaproszenie do współautorstwa');
    expect(invitation.text('.govuk-warning-text')).toContain('Twoje imię i nazwisko będzie widoczne publicznie');
    const accepted = await invitee.submit(invitation, {}, { form: `main form[action="/projects/${draftId}/invitation/accept"]` });
    expect(accepted.url).toBe(`/projects/${draftId}/edit`);
    expect(accepted.banner).toBe('Jesteś współautorem projektu „Ławki i zieleń nad stawem”.');
    expect(taskList(accepted).Współautorzy.status).toBe('Ukończono');
    expect((await invitee.get(`/projects/${draftId}/invitation`)).status).toBe(404);

    // A co-author sees the authors but cannot invite (no form; a forged post is refused).
    const coPage = await invitee.get(`/projects/${draftId}/edit/authors`);
    expect(coPage.text()).toContain('Współautorów zaprasza autor główny projektu.');
    expect(coPage.doc.querySelector('main input[name="email"]')).toBeNull();
    const forged = await invitee.post(`/projects/${draftId}/edit/authors`, {
      _csrf: coPage.form('header form').fields._csrf as string,
      email: uniqueEmail('x'),
    });
    expect(forged.status).toBe(403);
  });

  it('check and submit: missing required fields link to their sections; the declaration is needed; the confirmation gives the number', async () => {
    // An incomplete draft: only a title, in the city-wide pool.
    const client = await signIn(ben);
    const start = await client.get(`/budget/${editionId}/submit`);
    const tasks = await client.submit(start, { title: 'Niedokończony', poolId: cityPool });
    const id = tasks.url.split('/')[2];
    expect(taskList(tasks)['Sprawdź i zgłoś projekt'].link).toBeNull();
    const check = await client.get(`/projects/${id}/edit/check`);
    expect(check.h1).toBe('Sprawdź i zgłoś projekt');
    const undeclared = await client.submit(check, {});
    expect(undeclared.status).toBe(422);
    expect(undeclared.errorSummary).toEqual([{ text: 'Zaznacz oświadczenie, aby zgłosić projekt.', field: 'declaration' }]);
    expect(undeclared.fieldError('declaration')).toBe('Zaznacz oświadczenie, aby zgłosić projekt.');
    const incomplete = await client.submit(check, { declaration: 'yes' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.doc.querySelectorAll('.govuk-error-summary__list a').map((a) => [a.textContent.trim(), a.getAttribute('href')])).toEqual([
      ['Podaj krótki opis (streszczenie) projektu', `/projects/${id}/edit/description#summary`],
      ['Podaj opis projektu', `/projects/${id}/edit/description#description`],
      ['Podaj uzasadnienie projektu', `/projects/${id}/edit/description#justification`],
      ['Wybierz obszar, w którym projekt zostanie zrealizowany', `/projects/${id}/edit/basics#areaId`],
      ['Dodaj co najmniej jedną pozycję kosztorysu', `/projects/${id}/edit/costs#costItems.0.description`],
    ]);
    expect((await projectRow(id)).status).toBe('draft');

    // Outside the pool's cost limits: the limit is named and linked to the costs.
    const anna1 = await signIn(anna);
    const costs = await anna1.get(`/projects/${draftId}/edit/costs`);
    await anna1.submit(costs, { 'costItems.0.amount': '600000', action: 'save' });
    const over = await anna1.submit(await anna1.get(`/projects/${draftId}/edit/check`), { declaration: 'yes' });
    expect(over.status).toBe(422);
    expect(over.errorSummary[0].text).toMatch(/^Koszt projektu \(603500\.50 zł\) jest poza limitem puli: co najmniej 10000\.00 zł, najwyżej 500000\.00 zł\.$/);
    expect(over.doc.querySelector('.govuk-error-summary__list a')!.getAttribute('href')).toBe(`/projects/${draftId}/edit/costs#costItems.0.description`);
    await anna1.submit(await anna1.get(`/projects/${draftId}/edit/costs`), { 'costItems.0.amount': '12000', action: 'save' });

    // The complete draft: a summary of every section with "change" links, then submitted.
    const ready = await anna1.get(`/projects/${draftId}/edit/check`);
    expect(ready.all('main h2.govuk-heading-m')).toEqual(['Podstawowe informacje', 'Opis projektu', 'Lokalizacja', 'Kosztorys', 'Załączniki', 'Współautorzy']);
    expect(ready.text()).toContain('Park nad stawem');
    expect(ready.text()).toContain('Cecylia Współautorka (współautor)');
    expect(ready.doc.querySelector(`main a[href="/projects/${draftId}/edit/location#address"]`)).not.toBeNull();
    const done = await anna1.submit(ready, { declaration: 'yes' });
    expect(done.url).toBe(`/projects/${draftId}/submitted`);
    expect(done.h1).toBe('Projekt zgłoszony');
    expect(done.text('.govuk-panel')).toMatch(/Numer projektu\s*1$/);
    expect(done.text()).toContain('ocena formalna: od');
    expect(await projectRow(draftId)).toMatchObject({ status: 'submitted', number: 1 });
    // No longer editable: the task list says so, a section's form changes nothing.
    const closed = await anna1.get(`/projects/${draftId}/edit`);
    expect(closed.h1).toBe('Tego projektu nie można już zmieniać');
    const late = await anna1.post(`/projects/${draftId}/edit/description`, { _csrf: closed.form('header form').fields._csrf as string, summary: 'Zmiana' });
    expect(late.status).toBe(409);
    expect((await projectRow(draftId)).summary).toBe('Ławki nad stawem w parku.');
  });

  describe('after submission: what waits on the authors, on their pages (officials act through the API)', () => {
    let reviewEdition: string;
    let reviewPool: string;
    const ids: Record<string, string> = {};
    let dorota: TestUser;
    const phase = (p: Parameters<typeof scheduleWith>[0]) =>
      as(admin)
        .patch(`/api/v1/admin/editions/${reviewEdition}`)
        .send({ phases: scheduleWith(p) })
        .expect(200);
    const review = (id: string, body: object) => as(official).post(`/api/v1/projects/${id}/reviews`).send(body).expect(200);

    beforeAll(async () => {
      dorota = await createUser(t, { displayName: 'Dorota', email: uniqueEmail('dorota') });
      const e = await as(admin)
        .post('/api/v1/admin/editions')
        .send({ name: 'BO 2028', year: 2028, phases: scheduleWith('submission') })
        .expect(201);
      reviewEdition = e.body.id;
      const pools = await as(admin)
        .post(`/api/v1/admin/editions/${reviewEdition}/pools`)
        .send({ name: 'Oliwa 2028', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
        .expect(201);
      reviewPool = pools.body.pools[0].id;
      await as(admin).post(`/api/v1/admin/editions/${reviewEdition}/publish`).expect(200);
      for (const [key, author] of [
        ['fix', anna],
        ['reject', anna],
        ['costA', anna],
        ['costB', ben],
        ['mergeA', anna],
        ['mergeB', ben],
      ] as const) {
        ids[key] = await apiProject(author, `Projekt ${key}`, reviewEdition, reviewPool);
      }
      // Dorota co-authors mergeA (invited and accepted while it is a draft).
      await as(anna).post(`/api/v1/projects/${ids.mergeA}/invitations`).send({ email: dorota.email }).expect(201);
      await as(dorota).post(`/api/v1/projects/${ids.mergeA}/invitation/accept`).expect(200);
      for (const id of Object.values(ids))
        await as(id === ids.costB || id === ids.mergeB ? ben : anna)
          .post(`/api/v1/projects/${id}/submit`)
          .expect(200);
      await phase('formal_review');
    });

    it('outside the submission phase, the start page says when submission ran', async () => {
      const page = await (await signIn(ben)).get(`/budget/${reviewEdition}/submit`);
      expect(page.status).toBe(200);
      expect(page.h1).toBe('Zgłaszanie projektów teraz nie trwa');
      expect(page.text()).toMatch(/Zgłaszanie projektów do edycji „BO 2028” zakończyło się \d+ \S+ \d{4}\./);
      expect(page.doc.querySelector('main form')).toBeNull();
    });

    it('a correction request: the deadline and the reasons in my projects, corrected through the task list, resubmitted', async () => {
      await review(ids.fix, {
        stage: 'formal',
        outcome: 'correction',
        criteria: withUnmet('formal_requirements', 'Brak dokładnego adresu.'),
        justification: 'Proszę podać adres działki.',
      });
      const client = await signIn(anna);
      const mine = await client.get('/budget/my-projects');
      expect(mine.text()).toMatch(/Popraw projekt „Projekt fix” do \d+ \S+ \d{4}/);
      expect(mine.text()).toContain('Uzasadnienie urzędnika: Proszę podać adres działki.');
      const tasks = await client.get(mine.doc.querySelector(`main a[href="/projects/${ids.fix}/edit"]`)!.getAttribute('href')!);
      expect(tasks.h1).toBe('Poprawki projektu');
      expect(tasks.text('.govuk-inset-text')).toContain('Proszę podać adres działki.');
      expect(tasks.text('.govuk-inset-text')).toContain('Wymogi formalne: Brak dokładnego adresu.');
      expect(taskList(tasks)['Sprawdź i wyślij poprawiony projekt'].status).toBe('Nie rozpoczęto');
      const location = await client.get(`/projects/${ids.fix}/edit/location`);
      await client.submit(location, { address: 'ul. Opacka 12, działka 45/3' });
      const check = await client.get(`/projects/${ids.fix}/edit/check`);
      expect(check.h1).toBe('Sprawdź i wyślij poprawiony projekt');
      expect(check.text('main form button')).toBe('Wyślij poprawiony projekt');
      const done = await client.submit(check, { declaration: 'yes' });
      expect(done.h1).toBe('Poprawiony projekt wysłany');
      expect(await projectRow(ids.fix)).toMatchObject({ status: 'formal_review', address: 'ul. Opacka 12, działka 45/3' });
    });

    it('a cost correction: one author accepts it (the costs are replaced), another refuses it with a comment', async () => {
      for (const key of ['costA', 'costB']) {
        await as(official)
          .post(`/api/v1/projects/${ids[key]}/cost-proposals`)
          .send({ costItems: [{ description: 'Ławki wg cennika', amount: 4_200_000 }], justification: 'Ceny według cennika miejskiego.' })
          .expect(201);
      }
      const annaClient = await signIn(anna);
      const mine = await annaClient.get('/budget/my-projects');
      expect(mine.text()).toContain('Urzędnik proponuje korektę kosztu projektu „Projekt costA”: 50 000 zł → 42 000 zł');
      const page = await annaClient.get(mine.doc.querySelector(`main a[href^="/projects/${ids.costA}/cost-proposals/"]`)!.getAttribute('href')!);
      expect(page.h1).toBe('Korekta kosztu projektu');
      expect(page.all('main table caption')).toEqual(['Obecny kosztorys', 'Proponowany kosztorys']);
      expect(page.text('.govuk-warning-text')).toContain('koszt wyniesie 42 000 zł');
      const unanswered = await annaClient.submit(page, {});
      expect(unanswered.status).toBe(422);
      expect(unanswered.errorSummary).toEqual([{ text: 'Wybierz, czy przyjmujesz korektę.', field: 'accept' }]);
      const accepted = await annaClient.submit(unanswered, { accept: 'true' });
      expect(accepted.url).toBe('/budget/my-projects');
      expect(accepted.banner).toBe('Przyjęto korektę kosztu projektu „Projekt costA”.');
      expect(Number((await projectRow(ids.costA)).total_cost)).toBe(4_200_000);
      expect((await annaClient.get(page.url)).status).toBe(404);

      const benClient = await signIn(ben);
      const benMine = await benClient.get('/budget/my-projects');
      const benPage = await benClient.get(benMine.doc.querySelector(`main a[href^="/projects/${ids.costB}/cost-proposals/"]`)!.getAttribute('href')!);
      // Another resident's answer to Ben's proposal is refused (not their project).
      expect((await annaClient.get(benPage.url)).status).toBe(403);
      const refused = await benClient.submit(benPage, { accept: 'false', response: 'Ławki muszą być z drewna dębowego.' });
      expect(refused.banner).toBe('Odrzucono korektę kosztu projektu „Projekt costB”.');
      expect(Number((await projectRow(ids.costB)).total_cost)).toBe(5_000_000);
      const [p] = (await db.query(`SELECT status, response FROM budget_cost_proposals WHERE project_id = $1`, [ids.costB])) as Array<{
        status: string;
        response: string;
      }>;
      expect(p).toEqual({ status: 'refused', response: 'Ławki muszą być z drewna dębowego.' });
    });

    it('a merge: a co-author reads it, each main author consents on their page; the last consent merges', async () => {
      const merge = await as(official)
        .post(`/api/v1/editions/${reviewEdition}/merges`)
        .send({ projectIds: [ids.mergeA, ids.mergeB], title: 'Wspólny park', justification: 'Oba projekty dotyczą tego samego parku.' })
        .expect(201);
      const path = `/projects/${ids.mergeA}/merges/${merge.body.id}`;
      const co = await (await signIn(dorota)).get(path);
      expect(co.text()).toContain('O połączeniu decyduje autor główny projektu.');
      expect(co.doc.querySelector('main input[name="consent"]')).toBeNull();

      const annaClient = await signIn(anna);
      const mine = await annaClient.get('/budget/my-projects');
      expect(mine.text()).toContain('Propozycja połączenia projektu „Projekt mergeA” z innymi');
      const page = await annaClient.get(path);
      expect(page.h1).toBe('Propozycja połączenia projektów');
      expect(page.text('.govuk-warning-text')).toContain('„Wspólny park” będzie kontynuowany');
      const none = await annaClient.submit(page, {});
      expect(none.fieldError('consent')).toBe('Wybierz, czy zgadzasz się na połączenie.');
      const agreed = await annaClient.submit(none, { consent: 'true' });
      expect(agreed.banner).toBe('Zgodziłeś się na połączenie projektu „Projekt mergeA”.');
      expect((await projectRow(ids.mergeB)).status).toBe('submitted');
      // Someone without a project in the merge: no such merge for them.
      expect((await (await signIn(cecylia)).get(`/projects/${ids.mergeB}/merges/${merge.body.id}`)).status).toBe(403);

      const benClient = await signIn(ben);
      const benPage = await benClient.get(`/projects/${ids.mergeB}/merges/${merge.body.id}`);
      await benClient.submit(benPage, { consent: 'true' });
      expect(await projectRow(ids.mergeB)).toMatchObject({ status: 'merged', merged_into: ids.mergeA });
      expect((await projectRow(ids.mergeA)).title).toBe('Wspólny park');
    });

    it('a rejected author appeals within the deadline, with a justification', async () => {
      await review(ids.reject, { stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'Kompletny.' });
      await phase('merit_review');
      await review(ids.reject, {
        stage: 'merit',
        outcome: 'negative',
        criteria: withUnmet('technical_feasibility', 'Teren zalewowy.'),
        justification: 'Teren nie nadaje się pod zabudowę.',
      });
      const client = await signIn(anna);
      const mine = await client.get('/budget/my-projects');
      expect(mine.text()).toMatch(/Projekt „Projekt reject” odrzucono — możesz się odwołać do \d+/);
      const page = await client.get(mine.doc.querySelector(`main a[href="/projects/${ids.reject}/appeal"]`)!.getAttribute('href')!);
      expect(page.h1).toBe('Odwołanie od odrzucenia projektu');
      expect(page.text()).toContain('Teren nie nadaje się pod zabudowę.');
      expect(page.text()).toContain('Wykonalność techniczna: Teren zalewowy.');
      const empty = await client.submit(page, { justification: '   ' });
      expect(empty.status).toBe(422);
      expect(empty.fieldError('justification')).toBe('Pole „Uzasadnienie odwołania” nie może być puste.');
      expect((await projectRow(ids.reject)).status).toBe('rejected');
      const filed = await client.submit(empty, { justification: 'Opinia hydrologa wskazuje, że teren nie jest zalewowy.' });
      expect(filed.banner).toBe('Złożono odwołanie w sprawie projektu „Projekt reject”.');
      expect((await projectRow(ids.reject)).status).toBe('appealed');
      // Once appealed, there is nothing to appeal.
      expect((await client.get(`/projects/${ids.reject}/appeal`)).status).toBe(409);
    });
  });

  it('drafts are private, and who may open what: a route × role table', async () => {
    const draft = await apiProject(anna, 'Szkic prywatny');
    await as(anna).post(`/api/v1/projects/${draft}/invitations`).send({ email: cecylia.email }).expect(201);
    await as(cecylia).post(`/api/v1/projects/${draft}/invitation/accept`).expect(200);
    const invitedDraft = await apiProject(anna, 'Szkic z zaproszeniem');
    await as(anna).post(`/api/v1/projects/${invitedDraft}/invitations`).send({ email: ben.email }).expect(201);
    const clients = {
      anonymous: new PageClient(t.app),
      resident: await signIn(ben),
      author: await signIn(anna),
      'co-author': await signIn(cecylia),
      official: await signIn(official),
      admin: await signIn(admin),
    };
    const routes: Array<[string, Record<keyof typeof clients, number>]> = [
      [`/budget/${editionId}/submit`, { anonymous: 303, resident: 200, author: 200, 'co-author': 200, official: 200, admin: 200 }],
      ['/budget/my-projects', { anonymous: 303, resident: 200, author: 200, 'co-author': 200, official: 200, admin: 200 }],
      ...['', '/basics', '/description', '/location', '/costs', '/attachments', '/authors', '/check'].map(
        (s) =>
          [`/projects/${draft}/edit${s}`, { anonymous: 303, resident: 404, author: 200, 'co-author': 200, official: 404, admin: 404 }] as [
            string,
            Record<keyof typeof clients, number>,
          ],
      ),
      [`/projects/${draft}/submitted`, { anonymous: 303, resident: 404, author: 303, 'co-author': 303, official: 404, admin: 404 }],
      [`/projects/${draft}/appeal`, { anonymous: 303, resident: 404, author: 409, 'co-author': 409, official: 404, admin: 404 }],
      [`/projects/${draftId}/edit`, { anonymous: 303, resident: 403, author: 200, 'co-author': 200, official: 403, admin: 403 }],
      [`/projects/${invitedDraft}/invitation`, { anonymous: 303, resident: 200, author: 404, 'co-author': 404, official: 404, admin: 404 }],
      [`/projects/${invitedDraft}/edit`, { anonymous: 303, resident: 404, author: 200, 'co-author': 404, official: 404, admin: 404 }],
    ];
    const seen: Array<[string, string, number]> = [];
    const expected: Array<[string, string, number]> = [];
    for (const [path, table] of routes) {
      for (const [role, client] of Object.entries(clients)) {
        const page = await client.get(path, { follow: false });
        seen.push([path, role, page.status]);
        expected.push([path, role, table[role as keyof typeof clients]]);
        if (page.status === 404) expect(page.h1).toBe('Nie znaleziono strony');
        if (page.status === 303 && role === 'anonymous') expect(page.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
    }
    expect(seen).toEqual(expected);
  });

  it('every form refuses a POST without its CSRF token (403) and changes nothing', async () => {
    const draft = await apiProject(anna, 'Szkic CSRF');
    const client = await signIn(anna);
    const before = await projectRow(draft);
    const forms: Array<[string, Record<string, string>]> = [
      [`/budget/${editionId}/submit`, { title: 'Podrobiony', poolId: districtPool }],
      [`/projects/${draft}/edit/basics`, { title: 'Podrobiony' }],
      [`/projects/${draft}/edit/description`, { summary: 'Podrobiony' }],
      [`/projects/${draft}/edit/location`, { address: 'Podrobiony' }],
      [`/projects/${draft}/edit/costs`, { 'costItems.0.description': 'X', 'costItems.0.amount': '1', action: 'save' }],
      [`/projects/${draft}/edit/authors`, { email: uniqueEmail('csrf') }],
      [`/projects/${draft}/edit/check`, { declaration: 'yes' }],
    ];
    for (const [path, values] of forms) {
      const page = await client.get(path);
      const refused = await client.submit(page, values, { drop: ['_csrf'], follow: false, form: 'main form[method="post"]' });
      expect({ path, status: refused.status, h1: refused.h1 }).toEqual({ path, status: 403, h1: 'Formularz wygasł' });
    }
    expect(await projectRow(draft)).toEqual(before);
    expect(((await db.query(`SELECT count(*)::int AS n FROM budget_author_invitations WHERE project_id = $1`, [draft])) as Array<{ n: number }>)[0].n).toBe(0);
  });

  it('bad input is never a 500: NUL bytes, wrong types, huge numbers, malformed and other people’s ids', async () => {
    const draft = await apiProject(anna, 'Szkic odporny');
    const client = await signIn(anna);
    const basics = await client.get(`/projects/${draft}/edit/basics`);
    const token = basics.form('header form').fields._csrf as string;
    const nul = await client.submit(basics, { title: 'A\u0000B' });
    expect(nul.status).toBe(422);
    const list = await client.post(`/projects/${draft}/edit/basics`, { _csrf: token, title: ['a', 'b'], poolId: districtPool });
    expect(list.status).toBe(422);
    expect(list.fieldError('title')).toBe('Pole „Tytuł projektu” musi być tekstem.');
    const unknown = await client.post(`/projects/${draft}/edit/basics`, { _csrf: token, title: 'T', poolId: districtPool, summary: 'z innej sekcji' });
    expect(unknown.status).toBe(422);
    expect(unknown.errorSummary.at(-1)).toEqual({ text: 'Pole summary jest nieznane.', field: null });
    const foreignPool = await client.post(`/projects/${draft}/edit/basics`, { _csrf: token, title: 'T', poolId: '00000000-0000-4000-8000-000000000000' });
    expect(foreignPool.status).toBe(422);
    expect(foreignPool.fieldError('poolId')).toBe('Nieznana pula.');
    const huge = await client.post(`/projects/${draft}/edit/location`, { _csrf: token, latitude: '9'.repeat(400), longitude: '-' });
    expect(huge.status).toBe(422);
    const rows = await client.post(`/projects/${draft}/edit/costs`, {
      _csrf: token,
      'costItems.0.description': 'x',
      'costItems.0.amount': '1e9',
      'costItems.999.amount': '0',
      action: 'save',
    });
    expect(rows.status).toBe(422);
    expect(rows.errorSummary.map((e) => e.text)).toEqual([
      'Kwota pozycji 1 musi być liczbą złotych z najwyżej dwoma miejscami po przecinku, np. 1500 lub 1500,50.',
      'Pole „Opis pozycji 2” nie może być puste.',
      'Kwota pozycji 2 musi być większa od zera.',
    ]);
    expect(await projectRow(draft)).toMatchObject({ title: 'Szkic odporny', address: '', latitude: null, total_cost: '5000000' });
    for (const path of [
      '/projects/nie-uuid/edit',
      '/projects/00000000-0000-4000-8000-000000000000/edit/costs',
      '/budget/nie-uuid/submit',
      `/projects/${draft}/cost-proposals/nie-uuid`,
      `/projects/${draft}/merges/00000000-0000-4000-8000-000000000000`,
      `/projects/${draft}/invitation`,
    ]) {
      const page = await client.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
    }
    // Multipart that is not one file and a few fields: an error page, never a 500; and never on the JSON API.
    const cookie = `civitas_session=${client.cookie('civitas_session')}; civitas_csrf=${client.cookie('civitas_csrf')}`;
    const part = (name: string, file?: string) =>
      `--b\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\nContent-Type: application/pdf` : ''}\r\n\r\n${file ? PDF.toString('latin1') : token}\r\n`;
    const multipart = (url: string, payload: string) =>
      t.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'POST', url, payload, headers: { 'content-type': 'multipart/form-data; boundary=b', cookie } });
    const twoFiles = await multipart(`/projects/${draft}/edit/attachments`, `${part('_csrf')}${part('file', 'a.pdf')}${part('file', 'b.pdf')}--b--\r\n`);
    expect(twoFiles.statusCode).toBe(413);
    expect(twoFiles.headers['content-type']).toMatch(/text\/html/);
    const broken = await multipart(
      `/projects/${draft}/edit/attachments`,
      `${part('_csrf')}--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n%PDF`,
    );
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    const api = await multipart(`/api/v1/projects/${draft}/attachments?name=a.pdf&kind=document`, `${part('file', 'a.pdf')}--b--\r\n`);
    expect(api.statusCode).toBe(415);
    expect(((await db.query(`SELECT count(*)::int AS n FROM budget_attachments WHERE project_id = $1`, [draft])) as Array<{ n: number }>)[0].n).toBe(0);
    for (const path of [
      `/projects/${draft}/edit/attachments/00000000-0000-4000-8000-000000000000/remove`,
      `/projects/${draft}/edit/authors/invitations/x/withdraw`,
    ]) {
      expect({ path, status: (await client.post(path, { _csrf: token })).status }).toEqual({ path, status: 404 });
    }
  });
});
