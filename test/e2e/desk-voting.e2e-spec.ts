import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { closeVoting, deskVotingEdition, type DeskVotingEdition } from '../factories/voting-desk.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

/**
 * The voting desk through the app, as a browser without JavaScript: paper sheets keyed twice (first, second matching,
 * a mismatch settled by a third operator, the same operator refused with the API's message, invalid sheets, bad input
 * with nothing stored, CSRF), the turnout, the tally (refused before voting closes and before a run, run, reviewed,
 * re-run identical, published) and the audit log; who may open which page.
 */
describe('desk: voting — paper keying, turnout, tally, audit (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let ops: TestUser[];
  let districtOfficial: TestUser;
  let resident: TestUser;
  let district: string;
  let ed: DeskVotingEdition;
  const clients = new Map<TestUser, PageClient>();
  const as = async (u: TestUser) => {
    if (!clients.has(u)) clients.set(u, await signedIn(t, u));
    return clients.get(u)!;
  };
  const entries = async () => ((await db.query(`SELECT count(*)::int AS n FROM paper_entries WHERE edition_id = $1`, [ed.id])) as Array<{ n: number }>)[0].n;
  const paper = () => `/desk/voting/${ed.id}/paper`;
  /** Keys a sheet on the paper page as `u` would: the card's fields over the empty form. */
  const key = async (u: TestUser, fields: Record<string, string | string[]>) => {
    const c = await as(u);
    const page = await c.get(paper());
    expect(page.status).toBe(200);
    return c.submit(page, { areaId: district, ...fields }, { form: '#sheet-form' });
  };

  beforeAll(async () => {
    t = await createTestApp({ VOTING_IP_LIMIT_PER_MINUTE: '100000' });
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 400_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    ops = [
      await createUser(t, { displayName: 'Operator Pierwszy', grants: [{ role: 'official', areaId: null }] }),
      await createUser(t, { displayName: 'Operator Drugi', grants: [{ role: 'official', areaId: null }] }),
      await createUser(t, { displayName: 'Operator Trzeci', grants: [{ role: 'official', areaId: null }] }),
    ];
    districtOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    resident = await createUser(t);
    ed = await deskVotingEdition(t, admin, {
      name: 'BO Gdańsk 2027',
      district,
      titles: ['Ławki nad Motławą', 'Rowerowy Gdańsk', 'Zielone przystanki', 'Poidełka'],
    });
  });
  afterAll(() => t.close());

  it('route × role: anonymous → sign in, resident → 403, an official of another area may key (as the API), unknown editions → 404', async () => {
    const anon = await new PageClient(t.app).get(paper(), { follow: false });
    expect(anon.status).toBe(303);
    expect(anon.location).toBe(`/sign-in?next=${encodeURIComponent(paper())}`);
    const r = await as(resident);
    for (const path of [
      '/desk/voting/editions',
      paper(),
      `${paper()}/mismatches`,
      `/desk/voting/${ed.id}/turnout`,
      `/desk/voting/${ed.id}/tally`,
      `/desk/voting/${ed.id}/audit`,
    ])
      expect((await r.get(path)).status).toBe(403);
    const d = await as(districtOfficial);
    for (const path of [
      '/desk/voting/editions',
      `/desk/voting/${ed.id}`,
      paper(),
      `${paper()}/mismatches`,
      `/desk/voting/${ed.id}/turnout`,
      `/desk/voting/${ed.id}/tally`,
      `/desk/voting/${ed.id}/audit`,
    ])
      expect((await d.get(path)).status).toBe(200);
    expect((await d.get('/desk/voting/00000000-0000-4000-8000-000000000000/paper')).status).toBe(404);
    expect((await d.get('/desk/voting/not-an-id/tally')).status).toBe(404);
    expect((await d.get(`${paper()}/mismatches?page=2`)).status).toBe(404);
    expect((await d.get(`${paper()}/mismatches?page=x`)).status).toBe(404);
    expect((await d.get(`${paper()}/mismatches/NO-SUCH`)).status).toBe(404);
  });

  it('the keying page mirrors the card: the sheet number first and focused, validity next, the voter, the projects numbered in ballot order', async () => {
    const page = await (await as(ops[0])).get(paper());
    expect(page.h1).toBe('Wprowadzanie kart papierowych');
    const names = page.doc
      .querySelectorAll('#sheet-form input:not([type=hidden]), #sheet-form select')
      .map((i) => i.getAttribute('name'))
      .filter((n, i, all) => all.indexOf(n) === i);
    expect(names.slice(0, 6)).toEqual(['sheet', 'invalid', 'firstName', 'lastName', 'areaId', 'email']);
    expect(page.doc.querySelector('#sheet')?.hasAttribute('autofocus')).toBe(true);
    expect(
      page
        .all('#sheet-form .govuk-checkboxes__label')
        .slice(0, 4)
        .map((s) => s.replace(/\s*\(.*\)$/, '')),
    ).toEqual(['1. Ławki nad Motławą', '2. Rowerowy Gdańsk', '3. Zielone przystanki', '4. Poidełka']);
  });

  it('double keying: first, second matching, same operator refused (409, the API’s words), an invalid sheet, a mismatch settled by a third', async () => {
    const first = await key(ops[0], { sheet: 'A-1', firstName: 'Anna', lastName: 'Nowak', 'pool1-numbers': '1 3' });
    expect(first.status).toBe(200);
    expect(first.banner).toBe('Karta A-1 wprowadzona po raz pierwszy. Czeka na wprowadzenie przez drugiego operatora.');
    expect(first.value('sheet')).toBe('');
    // The second operator's form is empty: nothing of the first keying is shown.
    const fresh = await (await as(ops[1])).get(paper());
    expect(fresh.text()).not.toContain('Nowak');
    // Ticked boxes and typed numbers are one and the same (names compared as the API normalises them).
    const second = await key(ops[1], { sheet: 'A-1', firstName: ' anna ', lastName: 'NOWAK', pool1: ['3'], 'pool1-numbers': '1' });
    expect(second.banner).toMatch(/^Karta A-1: oba wprowadzenia są zgodne\. Głos [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4} jest ważny\.$/);

    await key(ops[0], { sheet: 'A-2', firstName: 'Jan', lastName: 'Kowal', 'pool1-numbers': '2' });
    const again = await key(ops[0], { sheet: 'A-2', firstName: 'Jan', lastName: 'Kowal', 'pool1-numbers': '2' });
    expect(again.status).toBe(409);
    expect(again.errorSummary.map((e) => e.text)).toEqual(['Ta karta została już przez Ciebie wprowadzona; drugie wprowadzenie musi wykonać inny operator.']);
    expect(again.value('firstName')).toBe('Jan');
    const closed = await key(ops[2], { sheet: 'A-1', firstName: 'Anna', lastName: 'Nowak', 'pool1-numbers': '1 3' });
    expect(closed.status).toBe(409);
    expect(closed.errorSummary[0].text).toBe('Ta karta została już rozstrzygnięta.');

    // An unsigned sheet: one arrow key away, nothing else read.
    await key(ops[0], { sheet: 'A-4', invalid: 'unsigned', areaId: '' });
    const unsigned = await key(ops[1], { sheet: 'A-4', invalid: 'unsigned', firstName: 'ignored', areaId: '' });
    expect(unsigned.banner).toMatch(/^Karta A-4: oba wprowadzenia są zgodne\. Głos .+ jest nieważny \(bez podpisu\)\.$/);

    // A mismatch goes to the settlement queue; the third operator sees both keyings side by side.
    await key(ops[0], { sheet: 'A-3', firstName: 'Ewa', lastName: 'Lis', 'pool1-numbers': '1 2' });
    const mismatch = await key(ops[1], { sheet: 'A-3', firstName: 'Ewa', lastName: 'Lis', 'pool1-numbers': '1 4' });
    expect(mismatch.banner).toBe('Karta A-3: wprowadzenia się różnią. Karta trafiła do rozstrzygnięcia przez trzeciego operatora.');
    const queue = await (await as(ops[2])).get(`${paper()}/mismatches`);
    expect(queue.all('main tbody th')).toEqual(['Rozstrzygnij kartę A-3']);
    const mine = await (await as(ops[0])).get(`${paper()}/mismatches/A-3`);
    expect(mine.text()).toContain('To Ty wprowadzałeś tę kartę.');
    expect(mine.doc.querySelector('#sheet-form')).toBeNull();
    const settle = await (await as(ops[2])).get(`${paper()}/mismatches/A-3`);
    const rows = settle.doc.querySelectorAll('main table tbody tr').map((tr) => tr.querySelectorAll('th, td').map((c) => c.text.replace(/\s+/g, ' ').trim()));
    expect(rows.find((r) => r[0].startsWith('Ogólnomiejska'))).toEqual(['Ogólnomiejska różni się', '1, 2', '1, 4']);
    expect(rows.find((r) => r[0].startsWith('Nazwisko'))).toEqual(['Nazwisko', 'lis', 'lis']);
    expect(
      settle
        .all('main thead th')
        .slice(1)
        .map((h) => h.replace(/, .*$/, '')),
    ).toEqual(['Wprowadzenie 1: Operator Pierwszy', 'Wprowadzenie 2: Operator Drugi']);
    const settled = await (
      await as(ops[2])
    ).submit(settle, { firstName: 'Ewa', lastName: 'Lis', areaId: district, 'pool1-numbers': '1 2' }, { form: '#sheet-form' });
    expect(settled.url).toBe(`${paper()}/mismatches`);
    expect(settled.banner).toMatch(/^Karta A-3 rozstrzygnięta/);
    expect(settled.text()).toContain('Nic tu nie czeka.');
    const sheets = await (await as(ops[2])).get(`${paper()}/sheets?status=resolved`);
    expect(sheets.all('main tbody th')).toEqual(['A-3']);
  });

  it('bad input: the form again (422) with the API’s words on the fields, nothing stored; a valid sheet cannot be marked invalid; CSRF', async () => {
    const before = await entries();
    const bad = await key(ops[0], { sheet: '', firstName: '', lastName: 'Nowak', areaId: '', 'pool1-numbers': '9' });
    expect(bad.status).toBe(422);
    expect(bad.title).toMatch(/^Błąd: /);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['sheet', 'firstName', 'areaId', 'pool1']);
    expect(bad.fieldError('pool1')).toContain('Na karcie nie ma projektu o numerze 9 (są od 1 do 4).');
    expect(bad.value('lastName')).toBe('Nowak');
    const tooMany = await key(ops[0], { sheet: 'B-1', firstName: 'Ola', lastName: 'Zych', 'pool1-numbers': '1 2 3 4' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.fieldError('pool1')).not.toBeNull();
    const notInvalid = await key(ops[0], { sheet: 'B-2', invalid: 'content', firstName: 'Ola', lastName: 'Zych', 'pool1-numbers': '1' });
    expect(notInvalid.status).toBe(422);
    expect(notInvalid.errorSummary[0].text).toBe('Karta wypełniona tak, jak ją wprowadzono, jest ważna: wprowadź ją bez oznaczenia „nieważna (treść)”.');
    // Filled against the rules (four projects of three), keyed as read: an invalid vote once both agree.
    const content = { sheet: 'B-3', invalid: 'content', firstName: 'Ola', lastName: 'Zych', 'pool1-numbers': '1 2 3 4' };
    expect((await key(ops[0], content)).banner).toMatch(/wprowadzona po raz pierwszy/);
    expect((await key(ops[1], content)).banner).toMatch(/jest nieważny \(wypełniona wbrew zasadom\)/);
    const stored = await entries();
    expect(stored).toBe(before + 2);
    const c = await as(ops[0]);
    const page = await c.get(paper());
    const forged = await c.submit(
      page,
      { sheet: 'C-1', firstName: 'A', lastName: 'B', areaId: district, 'pool1-numbers': '1' },
      { form: '#sheet-form', drop: ['_csrf'] },
    );
    expect(forged.status).toBe(403);
    expect(await entries()).toBe(stored);
  });

  it('the desk counts what waits: sheets keyed once, mismatches, listed per edition', async () => {
    await key(ops[0], { sheet: 'W-1', firstName: 'Iga', lastName: 'Sowa', 'pool1-numbers': '2' });
    const desk = await (await as(ops[2])).get('/desk');
    expect(desk.text()).toContain('Karty papierowe do drugiego wprowadzenia');
    const editions = await (await as(ops[2])).get('/desk/voting/editions');
    const row = editions.doc.querySelector('main tbody tr')!;
    expect(row.querySelector('th')!.text.trim()).toBe('BO Gdańsk 2027');
    expect(
      row
        .querySelectorAll('td')
        .map((c) => c.text.trim())
        .slice(2, 4),
    ).toEqual(['2', '0']);
    const turnout = await (await as(ops[2])).get(`/desk/voting/${ed.id}/turnout`);
    expect(turnout.h1).toBe('Frekwencja');
    const summary = turnout.doc
      .querySelectorAll('main dl .govuk-summary-list__row')
      .map((r) => `${r.querySelector('dt')!.text.trim()}: ${r.querySelector('dd')!.text.trim()}`);
    expect(summary).toEqual([
      'Ważne głosy: 2',
      'Czekające na kod z e-maila: 0',
      'Nieważne karty papierowe: 2',
      'Karty do drugiego wprowadzenia: 2',
      'Karty rozbieżne: 0',
    ]);
  });

  it('the tally: refused while voting is open and before a run (the API’s words), run, reviewed, re-run identical, published; the audit log', async () => {
    const c = await as(ops[2]);
    let page = await c.get(`/desk/voting/${ed.id}/tally`);
    expect(page.text()).toContain('Głosów tej edycji jeszcze nie liczono.');
    const early = await c.submit(page, {}, { form: `form[action="/desk/voting/${ed.id}/tally"]` });
    expect(early.status).toBe(409);
    expect(early.errorSummary[0].text).toBe('Głosy można policzyć dopiero po zakończeniu głosowania (w fazie weryfikacji głosów lub później).');
    const noRun = await c.submit(page, {}, { form: `form[action$="/tally/publish"]` });
    expect(noRun.status).toBe(409);
    expect(noRun.errorSummary[0].text).toBe('Nie ma zakończonego liczenia głosów tej edycji: najpierw policz głosy.');
    await closeVoting(t, admin, ed.id);
    const waitDone = () =>
      eventually(
        async () => {
          const res = await actingAs(t, ops[2]).get(`/api/v1/admin/editions/${ed.id}/results`).expect(200);
          return res.body.run?.status === 'done' || undefined;
        },
        60_000,
        'the tally',
      );
    const queued = await c.submit(page, {}, { form: `form[action="/desk/voting/${ed.id}/tally"]` });
    expect(queued.banner).toBe('Liczenie głosów zlecone. Odśwież stronę, aby zobaczyć jego stan.');
    await waitDone();
    page = await c.get(`/desk/voting/${ed.id}/tally`);
    expect(page.text()).toContain('zakończone');
    expect(page.text()).toMatch(/Skrót SHA-256 danych wejściowych\s*[0-9a-f]{16}/);
    // Under embargo: which projects are selected, never votes.
    expect(page.all('main section table thead th').slice(0, 5)).toEqual(['Kod', 'Projekt', 'Koszt', 'Wybrany', 'Kod']);
    expect(page.all('main section table thead th')).not.toContain('Głosy');
    await c.submit(page, {}, { form: `form[action="/desk/voting/${ed.id}/tally"]` });
    await waitDone();
    page = await c.get(`/desk/voting/${ed.id}/tally`);
    expect(page.text()).toMatch(/Ponowne liczenie dało to samo: ten sam skrót danych i te same wybrane projekty co liczenie z /);
    // An official whose grants do not cover the city-wide pool: the API's 403.
    const d = await as(districtOfficial);
    const theirs = await d.get(`/desk/voting/${ed.id}/tally`);
    expect(theirs.text()).toContain('Żadna z policzonych pul nie należy do Twoich obszarów.');
    expect((await d.submit(theirs, {}, { form: 'form[action$="/tally/publish"]' })).status).toBe(403);
    const published = await c.submit(page, {}, { form: 'form[action$="/tally/publish"]' });
    expect(published.banner).toMatch(/^Wyniki opublikowane: \d+ wybranych projektów\.$/);
    expect(published.text()).toContain('Wyniki opublikowano');
    expect(published.all('main section table thead th')).toContain('Dlaczego');
    const token = published.doc.querySelector('input[name="_csrf"]')!.getAttribute('value')!;
    const twice = await c.post(`/desk/voting/${ed.id}/tally/publish`, { _csrf: token });
    expect(twice.status).toBe(409);

    const audit = await c.get(`/desk/voting/${ed.id}/audit`);
    expect(audit.text()).toContain('Łańcuch nienaruszony: każdy wpis zgadza się ze swoim skrótem.');
    const what = audit.doc.querySelectorAll('main tbody tr').map((tr) => tr.querySelectorAll('td')[3].text.trim());
    expect(what).toContain('Karta A-1: wprowadzenie nr 2 — zgodna.');
    expect(what).toContain('Karta A-3: wprowadzenie nr 3 — rozstrzygnięta.');
    expect(what).toContain('Zlecono liczenie głosów.');
    expect(what.filter((w) => w.startsWith('Opublikowano wyniki'))).toHaveLength(1);
    const englishOfficial = await createUser(t, { locale: 'en', grants: [{ role: 'official', areaId: null }] });
    const english = await (await signedIn(t, englishOfficial)).get(`/desk/voting/${ed.id}/audit`);
    expect(english.text()).toContain('Chain intact: every entry matches its hash.');
    expect(english.text()).toContain('Sheet A-1: keying no. 2 — matched.');
  });
});
