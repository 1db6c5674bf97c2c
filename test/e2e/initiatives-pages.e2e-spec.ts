import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { Page, PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PROGRAMME = { intake: 'continuous', allocation: 2_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500, correctionDays: 7 };

/** Distinctive personal data: none of it may appear on a public page. */
const SECRET = {
  firstName: 'Zbigniewa',
  lastName: 'Kwiatkowska-Przybył',
  address: 'ul. Sekretna 77/3, Gdańsk',
  contactName: 'Zbigniewa Kwiatkowska-Przybył',
  contactEmail: 'tajny.kontakt@example.pl',
  contactPhone: '+48 611 222 333',
};
const SECRETS = ['Zbigniewa', 'Kwiatkowska', 'Sekretna', 'tajny.kontakt', '611 222 333'];

/** A page's main text with every kind of space as a plain one (money is formatted with no-break spaces). */
const said = (page: Page, selector = 'main') => page.text(selector).replace(/[\s \u202f]+/g, ' ');

/** The task list as a person reads it: each part's name and status. */
function taskList(page: Page): Record<string, string> {
  const out: Record<string, string> = {};
  for (const li of page.doc.querySelectorAll('.govuk-task-list__item'))
    out[li.querySelector('a')!.textContent.trim()] = li.querySelector('.govuk-task-list__status')!.textContent.replace(/\s+/g, ' ').trim();
  return out;
}

describe('local initiatives: the pages for residents and organisations (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let ngoUser: TestUser;
  let zofia: TestUser;
  let area: string;

  const as = (u: TestUser) => actingAs(t, u);
  const row = async (id: string) => ((await db.query(`SELECT * FROM initiatives WHERE id = $1`, [id])) as Array<Record<string, unknown>>)[0];
  const count = async () => ((await db.query(`SELECT count(*)::int AS n FROM initiatives`)) as Array<{ n: number }>)[0].n;

  async function signIn(u: TestUser): Promise<PageClient> {
    const client = new PageClient(t.app);
    const page = await client.get('/sign-in');
    expect((await client.submit(page, { email: u.email, password: u.password })).status).toBe(200);
    return client;
  }

  /** Posts the page's upload form as a browser does (multipart/form-data). */
  const upload = (
    client: PageClient,
    page: Page,
    file: { name: string; type: string; content: Buffer } | null,
    values: Record<string, string>,
    drop: string[] = [],
    field = 'file',
  ) => client.upload(page, file, values, { drop, field });

  /** An application made and submitted through the API (the wizard itself is tested through the pages). */
  async function submitted(author: TestUser, o: Record<string, unknown> = {}): Promise<string> {
    const id = (
      await as(author)
        .post('/api/v1/initiatives')
        .send(application({ areaId: area, ...o }))
        .expect(201)
    ).body.id as string;
    await as(author).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    return id;
  }
  const admin_ = (id: string, path: string) => `/api/v1/admin/initiatives/${id}${path}`;
  /** Registered, approved, its agreement drafted, signed and started (all by the official, through the API). */
  async function inProgress(id: string, signed = true): Promise<void> {
    await as(official).post(admin_(id, '/register')).expect(200);
    await as(official).post(admin_(id, '/formal-check')).expect(200);
    await as(official).post(admin_(id, '/formal-check/pass')).expect(200);
    await as(official)
      .put(admin_(id, '/scores'))
      .send({ scores: { volunteer: 8, purpose: 6, cost: 5 } })
      .expect(200);
    await as(official)
      .post(admin_(id, '/decision'))
      .send({ approve: true, purposefulness: 'Skwer służy całemu osiedlu.', reason: 'Wysoka ocena i znaczny wkład pracy mieszkańców.' })
      .expect(200);
    await as(official)
      .post(admin_(id, '/agreement'))
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-06-30` })
      .expect(200);
    if (!signed) return;
    await as(official).post(admin_(id, '/agreement/sign')).send({ signedOn: '2020-05-20' }).expect(200);
    await as(official).post(admin_(id, '/start')).expect(200);
  }

  beforeAll(async () => {
    t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000' });
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    area = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    ben = await createUser(t, { displayName: 'Ben Sąsiad' });
    ngoUser = await createUser(t, { displayName: 'Stowarzyszenie' });
    zofia = await createUser(t, { displayName: 'Zofia' });
  }, 120_000);
  afterAll(() => t?.close());

  it('empty data: no programme for the year is a page that says so; the register and my applications are empty', async () => {
    const anon = new PageClient(t.app);
    const programme = await anon.get('/initiatives');
    expect([programme.status, programme.h1]).toEqual([200, `Brak programu na rok ${YEAR}`]);
    expect(programme.text()).toContain('nie ogłosiło programu');
    const other = await anon.get(`/initiatives?year=${YEAR + 1}`);
    expect(other.h1).toBe(`Brak programu na rok ${YEAR + 1}`);
    expect((await anon.get('/initiatives?year=abc')).status).toBe(404);
    const register = await anon.get('/initiatives/register');
    expect([register.status, register.h1]).toEqual([200, 'Rejestr wniosków o inicjatywę lokalną']);
    expect(register.text()).toContain('Nie ma wniosków spełniających te warunki.');
    const client = await signIn(anna);
    const apply = await client.get('/initiatives/apply');
    expect([apply.status, apply.h1]).toEqual([200, `Brak programu na rok ${YEAR}`]);
    expect(apply.doc.querySelector('main form')).toBeNull();
    const mine = await client.get('/initiatives/mine');
    expect([mine.status, mine.h1]).toEqual([200, 'Moje wnioski o inicjatywę lokalną']);
    expect(mine.text()).toContain('Nie masz jeszcze wniosków.');
    // In English too.
    const en = await new PageClient(t.app, { headers: { 'accept-language': 'en' } }).get('/initiatives');
    expect(en.h1).toBe(`No programme for ${YEAR}`);
  });

  it('the programme: allocation and what is left, intake, task areas, criteria with weights, minimum applicants, documents', async () => {
    await as(admin).put(`/api/v1/admin/initiative-programmes/${YEAR}`).send(PROGRAMME).expect(200);
    const page = await new PageClient(t.app).get('/initiatives');
    expect([page.status, page.h1]).toEqual([200, `Inicjatywa lokalna w roku ${YEAR}`]);
    const text = said(page);
    expect(text).toContain('20 000 zł');
    expect(text).toContain('przez cały rok, do wyczerpania kwoty');
    expect(text).toContain('3 mieszkańców');
    expect(text).toContain('35 zł');
    expect(text).toContain('Rewitalizacja');
    expect(text).toContain('Nabór trwa');
    const criteria = page.doc.querySelectorAll('main table tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()));
    expect(criteria).toEqual([
      ['Wkład pracy społecznej (wkład pracy społecznej — wymagany ustawą)', '3', '10'],
      ['Celowość', '2', '10'],
      ['Koszt', '1', '5'],
    ]);
    expect(text).toContain('zgoda właściciela terenu');
    expect(page.doc.querySelector(`a[href="/initiatives/register?year=${YEAR}"]`)).not.toBeNull();
    const en = await new PageClient(t.app, { headers: { 'accept-language': 'en' } }).get('/initiatives');
    expect(en.h1).toBe(`Local initiative in ${YEAR}`);
    expect(said(en)).toContain('PLN 20,000');
  });

  it('a resident applies through the task list over two sessions; bad input is refused with nothing changed', async () => {
    let client = await signIn(zofia);
    // Start: both fields are needed.
    const start = await client.get('/initiatives/apply');
    expect(start.h1).toBe('Nowy wniosek o inicjatywę lokalną');
    const before = await count();
    const empty = await client.submit(start, {});
    expect(empty.status).toBe(422);
    expect(empty.title).toMatch(/^Błąd:/);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(['title', 'applicantType']);
    expect(await count()).toBe(before);
    const tasks = await client.submit(start, { title: 'Ogród przy bibliotece', applicantType: 'residents' });
    expect(tasks.banner).toBe('Utworzono wniosek. Uzupełnij kolejne części.');
    expect(tasks.h1).toBe('Wniosek o inicjatywę lokalną');
    const id = /\/initiatives\/([0-9a-f-]{36})\/edit$/.exec(tasks.url)![1];
    expect(taskList(tasks)).toMatchObject({ Wnioskodawcy: 'Nie rozpoczęto', 'Koszty i wkład mieszkańców': 'Nie rozpoczęto' });
    expect((await row(id)).contact_email).toBe(zofia.email);

    // Applicants: a bad KRS for an organisation, and a half-filled row, are refused; nothing is stored.
    let page = await client.get(`/initiatives/${id}/edit/applicants`);
    expect(page.h1).toBe('Wnioskodawcy');
    const bad = await client.submit(page, { applicantType: 'ngo', ngoName: 'Stowarzyszenie', ngoKrs: '12', 'applicants.0.firstName': 'Anna' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(expect.arrayContaining(['ngoKrs', 'applicants.0.lastName']));
    expect(bad.fieldError('applicants.0.lastName')).toContain('Nazwisko (mieszkaniec 1)');
    expect(bad.value('ngoKrs')).toBe('12');
    expect(await row(id)).toMatchObject({ applicant_type: 'residents', ngo_name: null });
    // CSRF: without the token nothing changes.
    const forged = await client.submit(page, { 'applicants.0.firstName': 'X', 'applicants.0.lastName': 'Y', 'applicants.0.address': 'Z' }, { drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    expect((await db.query(`SELECT count(*)::int AS n FROM initiative_applicants WHERE initiative_id = $1`, [id]))[0].n).toBe(0);
    // Two residents, saved and staying to add more rows; then a third.
    page = await client.submit(page, {
      applicantType: 'residents',
      'applicants.0.firstName': SECRET.firstName,
      'applicants.0.lastName': SECRET.lastName,
      'applicants.0.address': SECRET.address,
      'applicants.1.firstName': 'Piotr',
      'applicants.1.lastName': 'Wiśniewski',
      'applicants.1.address': 'ul. Klonowa 3',
      action: 'more',
    });
    expect([page.h1, page.banner]).toEqual(['Wnioskodawcy', 'Zapisano część „Wnioskodawcy”.']);
    expect(page.value('applicants.1.lastName')).toBe('Wiśniewski');
    page = await client.submit(page, { 'applicants.2.firstName': 'Ewa', 'applicants.2.lastName': 'Kamińska', 'applicants.2.address': 'ul. Klonowa 5' });
    expect(taskList(page).Wnioskodawcy).toBe('Ukończono');

    // In English too.
    client.setCookie('civitas_lang', 'en');
    const english = await client.get(`/initiatives/${id}/edit`);
    expect(english.h1).toBe('Local-initiative application');
    expect(taskList(english)).toMatchObject({ Applicants: 'Completed', 'Check and submit': 'In progress' });
    client.setCookie('civitas_lang', 'pl');

    // The first session ends; the draft waits in "my applications".
    await client.submit(page, {}, { form: 'header form' });
    client = await signIn(zofia);
    const mine = await client.get('/initiatives/mine');
    expect(mine.text()).toContain('Ogród przy bibliotece');
    expect(mine.text()).toContain('Wersja robocza');
    page = await client.get(mine.doc.querySelector(`a[href="/initiatives/${id}/edit"]`)!.getAttribute('href')!);
    expect(taskList(page).Wnioskodawcy).toBe('Ukończono');

    // Contact person: an e-mail address that is not one is refused.
    page = await client.get(`/initiatives/${id}/edit/contact`);
    expect(page.value('contactEmail')).toBe(zofia.email);
    const badMail = await client.submit(page, { contactName: SECRET.contactName, contactEmail: 'nie-adres' });
    expect([badMail.status, badMail.errorSummary[0].field]).toEqual([422, 'contactEmail']);
    expect((await row(id)).contact_email).toBe(zofia.email);
    page = await client.submit(page, { contactName: SECRET.contactName, contactEmail: SECRET.contactEmail, contactPhone: SECRET.contactPhone });
    expect(page.banner).toBe('Zapisano część „Osoba do kontaktu”.');
    expect((await row(id)).contact_public).toBe(false);

    // The task.
    page = await client.get(`/initiatives/${id}/edit/task`);
    const badCount = await client.submit(page, { taskArea: 'nature', description: 'Rabaty i ławki.', beneficiaries: 'Czytelnicy', beneficiariesCount: 'dużo' });
    expect([badCount.status, badCount.errorSummary[0].field]).toEqual([422, 'beneficiariesCount']);
    expect((await row(id)).description).toBe('');
    page = await client.submit(page, {
      taskArea: 'nature',
      description: 'Mieszkańcy sadzą rabaty i ustawiają ławki, miasto daje sadzonki.',
      beneficiaries: 'Czytelnicy i sąsiedzi',
      beneficiariesCount: '400',
    });
    expect(taskList(page).Zadanie).toBe('Ukończono');

    // Location: the land is someone else's (the consent comes as an attachment).
    page = await client.get(`/initiatives/${id}/edit/location`);
    page = await client.submit(page, { location: 'Ogród przy Bibliotece Oliwa', areaId: area, landOwner: 'other' });
    expect(taskList(page)['Miejsce i teren']).toBe('Ukończono');
    expect(await row(id)).toMatchObject({ area_id: area, land_owner: 'other' });

    // Schedule: a date that is not one is refused.
    page = await client.get(`/initiatives/${id}/edit/schedule`);
    const badDate = await client.submit(page, { 'schedule.0.from': 'jutro', 'schedule.0.to': `${YEAR}-06-30`, 'schedule.0.activity': 'Sadzenie' });
    expect([badDate.status, badDate.errorSummary[0].field]).toEqual([422, 'schedule.0.from']);
    expect((await row(id)).schedule).toEqual([]);
    page = await client.submit(page, { 'schedule.0.from': `${YEAR}-06-01`, 'schedule.0.to': `${YEAR}-06-30`, 'schedule.0.activity': 'Sadzenie' });
    expect(taskList(page).Harmonogram).toBe('Ukończono');

    // Costs: an amount that is not one is refused; the sums are computed and checked against what is left.
    page = await client.get(`/initiatives/${id}/edit/costs`);
    expect(said(page)).toContain('35 zł za godzinę');
    const costs = {
      totalCost: '25 000',
      volunteerPeople: '10',
      volunteerHours: '8',
      'inKind.0.item': 'Narzędzia',
      'inKind.0.value': '300',
      cash: '500,50',
      'cityShare.0.kind': 'materials',
      'cityShare.0.description': 'Sadzonki i ziemia',
      'cityShare.0.value': '21 000',
    };
    const badMoney = await client.submit(page, { ...costs, cash: 'pięćset' });
    expect([badMoney.status, badMoney.errorSummary[0].field, badMoney.value('cash')]).toEqual([422, 'cash', 'pięćset']);
    expect(badMoney.fieldError('cash')).toContain('Wkład pieniężny mieszkańców');
    expect(Number((await row(id)).total_cost)).toBe(0);
    page = await client.submit(page, { ...costs, action: 'more' });
    expect(page.banner).toBe('Zapisano część „Koszty i wkład mieszkańców”.');
    const sums = said(page);
    expect(sums).toContain('10 os. × 8 godz. × 35 zł = 2800 zł');
    expect(sums).toContain('3600,50 zł');
    // 21 000 zł asked for, 20 000 zł left: the page says so.
    expect(said(page, '[data-share-check="over"]')).toContain('o 1000 zł');
    page = await client.submit(page, { 'cityShare.0.kind': 'materials', 'cityShare.0.value': '15 000' });
    expect(taskList(page)['Koszty i wkład mieszkańców']).toBe('Ukończono');
    expect(Number((await row(id)).city_share_total)).toBe(1_500_000);

    // Check: the missing owner's consent is named and links to the attachments.
    let check = await client.get(`/initiatives/${id}/edit/check`);
    expect(check.h1).toBe('Sprawdź i złóż wniosek');
    const noDeclaration = await client.submit(check, {});
    expect([noDeclaration.status, noDeclaration.errorSummary[0].text]).toEqual([422, 'Zaznacz oświadczenie, aby złożyć wniosek.']);
    const missing = await client.submit(check, { declaration: 'yes' });
    expect(missing.status).toBe(422);
    expect(missing.doc.querySelector('.govuk-error-summary a')!.getAttribute('href')).toBe(`/initiatives/${id}/edit/attachments#file`);
    expect((await row(id)).status).toBe('draft');

    // Attachments: no file, then a file that is not a PDF, then the consent.
    page = await client.get(`/initiatives/${id}/edit/attachments`);
    expect(page.value('kind')).toEqual(['owner_consent']);
    const noFile = await upload(client, page, null, {});
    expect([noFile.status, noFile.fieldError('file')]).toEqual([422, 'Wybierz plik.']);
    const fake = await upload(client, page, { name: 'zgoda.pdf', type: 'application/pdf', content: Buffer.from('not a pdf') }, {});
    expect(fake.status).toBe(422);
    expect(fake.fieldError('file')).toContain('PDF');
    const noCsrf = await upload(client, page, { name: 'zgoda.pdf', type: 'application/pdf', content: PDF }, {}, ['_csrf']);
    expect(noCsrf.status).toBe(403);
    expect((await db.query(`SELECT count(*)::int AS n FROM initiative_attachments WHERE initiative_id = $1`, [id]))[0].n).toBe(0);
    page = await upload(client, page, { name: 'zgoda.pdf', type: 'application/pdf', content: PDF }, { kind: 'owner_consent' });
    expect(page.banner).toBe('Dodano plik „zgoda.pdf”.');
    expect(page.doc.querySelector(`a[href^="/api/v1/initiatives/${id}/attachments/"]`)!.textContent).toBe('zgoda.pdf');

    check = await client.get(`/initiatives/${id}/edit/check`);
    expect(check.text()).toContain(`${SECRET.firstName} ${SECRET.lastName}, ${SECRET.address}`);
    const done = await client.submit(check, { declaration: 'yes' });
    expect(done.url).toBe(`/initiatives/${id}/submitted`);
    expect(done.h1).toBe('Wniosek złożony');
    expect(done.text()).toContain('nada mu numer sprawy');
    expect((await row(id)).status).toBe('submitted');
    // Submitted: the sections are closed (409 after a POST, nothing changed).
    const closed = await client.get(`/initiatives/${id}/edit/task`);
    expect(closed.h1).toBe('Tego wniosku nie można już zmienić');
    const late = await client.post(`/initiatives/${id}/edit/task`, { ...closed.form('header form').fields, title: 'Zmiana' });
    expect(late.status).toBe(409);
    expect((await row(id)).title).toBe('Ogród przy bibliotece');

    // The public register and the application's public page carry no personal data.
    await as(official).post(admin_(id, '/register')).expect(200);
    for (const viewer of [new PageClient(t.app), await signIn(ben)]) {
      const register = await viewer.get('/initiatives/register');
      expect(register.text()).toContain('Ogród przy bibliotece');
      const pub = await viewer.get(`/initiatives/${id}`);
      expect(pub.h1).toBe('Ogród przy bibliotece');
      expect(pub.text()).toContain(`IL/${YEAR}/`);
      expect(pub.text()).toContain('grupa mieszkańców (3)');
      for (const s of SECRETS) {
        expect(register.html).not.toContain(s);
        expect(pub.html).not.toContain(s);
      }
    }
    // The author sees it whole, as their own.
    const own = await client.get(`/initiatives/${id}`);
    expect(own.text()).toContain('Mój wniosek');
    expect(own.text()).toContain('Zarejestrowany');
  });

  it('the public register: filters by year, status and task area, and pages of 20', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push(await submitted(ben, { title: `Wniosek ${String(i).padStart(2, '0')}`, taskArea: i === 0 ? 'charity' : 'culture' }));
    const anon = new PageClient(t.app);
    const first = await anon.get(`/initiatives/register?year=${YEAR}&status=submitted`);
    expect(first.text()).toContain('Wniosków: 21');
    expect(first.all('.civitas-register > li')).toHaveLength(20);
    const second = await anon.get(first.doc.querySelector('.govuk-pagination__next a')!.getAttribute('href')!);
    expect(second.all('.civitas-register > li')).toHaveLength(1);
    const charity = await anon.get('/initiatives/register?taskArea=charity');
    expect(charity.all('.civitas-register h2')).toEqual(['Wniosek 00']);
    expect(charity.value('taskArea')).toBe('');
    expect(charity.doc.querySelector('#taskArea option[selected]')!.getAttribute('value')).toBe('charity');
    const none = await anon.get(`/initiatives/register?year=${YEAR - 1}`);
    expect(none.text()).toContain('Nie ma wniosków spełniających te warunki.');
    // Filters not understood are left out.
    expect((await anon.get('/initiatives/register?status=lost&year=x&page=zzz')).status).toBe(200);
  });

  it('a correction request is answered, the decision read with its reasons and score, the agreement read, the final report filed', async () => {
    const client = await signIn(anna);
    const id = await submitted(anna, { title: 'Mural na przystanku' });
    await as(official).post(admin_(id, '/register')).expect(200);
    await as(official).post(admin_(id, '/formal-check')).expect(200);
    await as(official).post(admin_(id, '/request-correction')).send({ note: 'Dołączcie mapkę terenu.' }).expect(200);

    const mine = await client.get('/initiatives/mine');
    const link = mine.doc.querySelector(`a[href="/initiatives/${id}/correction"]`)!;
    expect(link.textContent).toContain('Popraw wniosek do');
    const own = await client.get(`/initiatives/${id}`);
    expect(own.text()).toContain('Urząd prosi o poprawienie wniosku');
    expect(own.text()).toContain('Dołączcie mapkę terenu.');
    // The task list is open again for changes.
    let page = await client.get(`/initiatives/${id}/edit/task`);
    page = await client.submit(page, { title: 'Mural na przystanku Oliwa' });
    expect(page.h1).toBe('Popraw wniosek');
    const correction = await client.get(`/initiatives/${id}/correction`);
    expect(correction.h1).toBe('Prośba o poprawienie wniosku');
    const forged = await client.submit(correction, {}, { drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    expect((await row(id)).status).toBe('correction_requested');
    const sent = await client.submit(correction, {});
    expect(sent.banner).toBe('Poprawiony wniosek odesłany. Wraca do oceny formalnej.');
    expect((await row(id)).status).toBe('formal_check');
    expect((await client.get(`/initiatives/${id}/correction`)).text()).toContain('Urząd nie prosi o poprawienie tego wniosku.');
    expect((await client.post(`/initiatives/${id}/correction`, correction.form().fields)).status).toBe(409);

    // Approved: the decision with its reasons and score; the agreement drafted, not yet signed.
    await as(official).post(admin_(id, '/formal-check/pass')).expect(200);
    await as(official)
      .put(admin_(id, '/scores'))
      .send({ scores: { volunteer: 8, purpose: 6, cost: 5 } })
      .expect(200);
    await as(official)
      .post(admin_(id, '/decision'))
      .send({ approve: true, purposefulness: 'Przystanek służy całemu osiedlu.', reason: 'Wysoka ocena i znaczny wkład pracy mieszkańców.' })
      .expect(200);
    let agreement = await client.get(`/initiatives/${id}/agreement`);
    expect(agreement.text()).toContain('Umowy jeszcze nie przygotowano.');
    await as(official)
      .post(admin_(id, '/agreement'))
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-06-30` })
      .expect(200);
    const decided = await client.get(`/initiatives/${id}`);
    expect(decided.text()).toContain('Wniosek zatwierdzony do realizacji.');
    expect(decided.text()).toContain('Wysoka ocena i znaczny wkład pracy mieszkańców.');
    expect(decided.text()).toContain('76,7 pkt na 100');
    agreement = await client.get(`/initiatives/${id}/agreement`);
    expect(agreement.h1).toBe('Umowa o realizację inicjatywy lokalnej');
    expect(agreement.text()).toContain('jeszcze niepodpisana');
    expect(agreement.text()).toContain('podpisuje się w urzędzie');
    // The document is the API's own HTML (not a page of the site's layout): read without the site's HTML checks.
    const reader = new PageClient(t.app, { validate: false });
    reader.setCookie('civitas_session', client.cookie('civitas_session')!);
    const doc = await reader.get(`/initiatives/${id}/agreement/document`);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toMatch(/^text\/html/);
    expect(doc.headers['content-disposition']).toMatch(/^inline/);
    expect(doc.headers['cache-control']).toBe('no-store');
    expect(doc.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(doc.html).toContain('Mural na przystanku Oliwa');
    expect(doc.html).toContain('Nowak');
    const dl = await reader.get(`/initiatives/${id}/agreement/download`);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''umowa-IL-/);
    // Nobody else reads it.
    const benClient = await signIn(ben);
    expect((await benClient.get(`/initiatives/${id}/agreement/document`)).status).toBe(403);
    expect((await new PageClient(t.app).get(`/initiatives/${id}/agreement/document`, { follow: false })).status).toBe(303);

    // The final report only once the task is under way.
    let report = await client.get(`/initiatives/${id}/final-report`);
    expect(report.text()).toContain('Sprawozdanie składa się w trakcie realizacji');
    await as(official).post(admin_(id, '/agreement/sign')).send({ signedOn: '2020-05-20' }).expect(200);
    expect((await client.get(`/initiatives/${id}/agreement`)).text()).toContain('podpisana 20 maja 2020');
    // A photo for the report is taken only while the task is carried out (the API as the page).
    const early = await as(anna).post(`/api/v1/initiatives/${id}/attachments?kind=report_photo&name=wczesne.png`).set('content-type', 'image/png').send(PNG);
    expect([early.status, early.body.code]).toEqual([409, 'invalid_transition']);
    await as(official).post(admin_(id, '/start')).expect(200);
    report = await client.get(`/initiatives/${id}/final-report`);
    expect(report.h1).toBe('Sprawozdanie końcowe');
    expect(report.value('volunteerPeople')).toBe('10');
    expect(report.value('inKind.0.item')).toBe('Pędzle i wałki');
    const emptySummary = await client.submit(report, { summary: '', 'cityShare.0.kind': 'materials', 'cityShare.1.kind': 'equipment' });
    expect(emptySummary.status).toBe(422);
    expect(emptySummary.errorSummary.map((e) => e.field)).toContain('summary');
    const badCash = await client.submit(report, { summary: 'Zrobione.', cash: 'dużo', 'cityShare.0.kind': 'materials', 'cityShare.1.kind': 'equipment' });
    expect([badCash.status, badCash.errorSummary[0].field]).toEqual([422, 'cash']);
    const noToken = await client.submit(
      report,
      { summary: 'Zrobione.', 'cityShare.0.kind': 'materials', 'cityShare.1.kind': 'equipment' },
      { drop: ['_csrf'] },
    );
    expect(noToken.status).toBe(403);
    expect((await row(id)).final_report).toBeNull();
    const filed = await client.submit(report, {
      summary: 'Mural namalowany w dwa weekendy.',
      volunteerPeople: '12',
      'cityShare.0.kind': 'materials',
      'cityShare.1.kind': 'equipment',
    });
    expect(filed.banner).toBe('Złożono sprawozdanie końcowe.');
    expect((await row(id)).final_report).toMatchObject({ summary: 'Mural namalowany w dwa weekendy.', volunteerPeople: 12, volunteerValue: 12 * 8 * 3_500 });
    expect(filed.text()).toContain('Sprawozdanie końcowe');
    // The public page shows the report's totals, not its words.
    const pub = await new PageClient(t.app).get(`/initiatives/${id}`);
    expect(pub.text()).toContain('Faktyczny wkład mieszkańców');
    expect(pub.text()).not.toContain('Mural namalowany');

    // Photos of what was done: PNG or JPEG, shown on the report page to its author, never on the public page.
    report = await client.get(`/initiatives/${id}/final-report`);
    expect(report.text('#photos-none')).toContain('Nie dodano jeszcze zdjęć.');
    const none = await upload(client, report, null, {}, [], 'photo');
    expect([none.status, none.errorSummary]).toEqual([422, [{ field: 'photo', text: 'Wybierz zdjęcie do dodania.' }]]);
    const pdf = await upload(client, report, { name: 'raport.pdf', type: 'application/pdf', content: PDF }, {}, [], 'photo');
    expect(pdf.status).toBe(422);
    expect(pdf.fieldError('photo')).toContain('PNG lub JPEG');
    const forgedPhoto = await upload(client, report, { name: 'mural.png', type: 'image/png', content: PNG }, {}, ['_csrf'], 'photo');
    expect(forgedPhoto.status).toBe(403);
    expect(await db.query(`SELECT 1 FROM initiative_attachments WHERE initiative_id = $1 AND kind = 'report_photo'`, [id])).toHaveLength(0);
    const added = await upload(client, report, { name: 'mural.png', type: 'image/png', content: PNG }, {}, [], 'photo');
    expect(added.banner).toBe('Dodano zdjęcie mural.png.');
    const img = added.doc.querySelector('.civitas-photos img');
    expect(img?.getAttribute('alt')).toBe('Zdjęcie z realizacji: mural.png');
    expect((await t.http().get(img!.getAttribute('src')!).set('cookie', `civitas_session=${anna.token}`)).status).toBe(200);
    expect((await t.http().get(img!.getAttribute('src')!)).status).toBe(401);
    expect((await new PageClient(t.app).get(`/initiatives/${id}`)).text()).not.toContain('mural.png');
  });

  it('route × role: anonymous to sign-in, the author 200, others 404 for a draft and 403 otherwise', async () => {
    await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ ...PROGRAMME, allocation: 100_000_000 })
      .expect(200);
    const draft = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ title: 'Szkic Anny' }))
        .expect(201)
    ).body.id as string;
    const sent = await submitted(anna, { title: 'Wniosek Anny' });
    const ngoDraft = (
      await as(ngoUser)
        .post('/api/v1/initiatives')
        .send(application({ applicantType: 'ngo', ngoName: 'Stowarzyszenie Lipowa', ngoKrs: '0000111222', title: 'Wniosek organizacji' }))
        .expect(201)
    ).body.id as string;
    const running = await submitted(anna, { title: 'W realizacji' });
    await inProgress(running);
    const clients = {
      anonymous: new PageClient(t.app),
      resident: await signIn(anna),
      other: await signIn(ben),
      official: await signIn(official),
      ngo: await signIn(ngoUser),
    };
    type Who = keyof typeof clients;
    const expectStatus = async (path: string, want: Record<Who, number>) => {
      const got: Record<string, number> = {};
      for (const [who, c] of Object.entries(clients)) got[who] = (await c.get(path, { follow: false })).status;
      expect({ path, got }).toEqual({ path, got: want });
    };
    const everyone = { anonymous: 200, resident: 200, other: 200, official: 200, ngo: 200 };
    const signedIn = { anonymous: 303, resident: 200, other: 200, official: 200, ngo: 200 };
    await expectStatus('/initiatives', everyone);
    await expectStatus('/initiatives/register', everyone);
    await expectStatus('/initiatives/apply', signedIn);
    await expectStatus('/initiatives/mine', signedIn);
    await expectStatus(`/initiatives/${sent}`, everyone);
    await expectStatus(`/initiatives/${draft}`, { anonymous: 404, resident: 200, other: 404, official: 404, ngo: 404 });
    await expectStatus(`/initiatives/${ngoDraft}`, { anonymous: 404, resident: 404, other: 404, official: 404, ngo: 200 });
    await expectStatus('/initiatives/00000000-0000-4000-8000-000000000000', { anonymous: 404, resident: 404, other: 404, official: 404, ngo: 404 });
    await expectStatus('/initiatives/not-an-id', { anonymous: 404, resident: 404, other: 404, official: 404, ngo: 404 });
    for (const s of ['', '/applicants', '/contact', '/task', '/location', '/schedule', '/costs', '/attachments', '/check'])
      await expectStatus(`/initiatives/${draft}/edit${s}`, { anonymous: 303, resident: 200, other: 404, official: 404, ngo: 404 });
    await expectStatus(`/initiatives/${ngoDraft}/edit/applicants`, { anonymous: 303, resident: 404, other: 404, official: 404, ngo: 200 });
    for (const s of ['/edit', '/submitted', '/correction', '/agreement'])
      await expectStatus(`/initiatives/${sent}${s}`, { anonymous: 303, resident: 200, other: 403, official: 403, ngo: 403 });
    for (const s of ['/final-report', '/agreement'])
      await expectStatus(`/initiatives/${running}${s}`, { anonymous: 303, resident: 200, other: 403, official: 403, ngo: 403 });
    // A submitted application's confirmation; a draft's goes back to its task list.
    expect((await clients.resident.get(`/initiatives/${draft}/submitted`, { follow: false })).location).toBe(`/initiatives/${draft}/edit`);
    // A POST by someone else changes nothing.
    const page = await clients.other.get('/initiatives/mine');
    const forged = await clients.other.post(`/initiatives/${draft}/edit/task`, { ...page.form('header form').fields, title: 'Przejęty' });
    expect(forged.status).toBe(404);
    expect((await row(draft)).title).toBe('Szkic Anny');
    const anonymousPost = await clients.anonymous.post(`/initiatives/${draft}/edit/task`, { title: 'Przejęty' }, { follow: false });
    expect([403, 303]).toContain(anonymousPost.status);
    expect((await row(draft)).title).toBe('Szkic Anny');
    // The NGO applicant's own page says who applies.
    const ngoPage = await clients.ngo.get(`/initiatives/${ngoDraft}`);
    expect(ngoPage.text()).toContain('Stowarzyszenie Lipowa, w imieniu mieszkańców (3)');
  });
});
