import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

const ALLOCATION = 2_000_000; // 20 000 zł
const TODAY = zonedDate(new Date());
const PAGE = '/desk/initiatives/applications';

describe('the local initiatives’ desk: queue, application page, every official act (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let evaluator: TestUser;
  let decider: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let area: string;
  let other: string;
  let first: string;

  const as = (u: TestUser) => actingAs(t, u);
  const api = (id: string, path = '') => `/api/v1/admin/initiatives/${id}${path}`;
  const page = (id: string, path = '') => `${PAGE}/${id}${path}`;
  const status = async (id: string) => ((await db.query(`SELECT status FROM initiatives WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  const evaluations = async (id: string) =>
    ((await db.query(`SELECT count(*)::int AS n FROM initiative_evaluations WHERE initiative_id = $1`, [id])) as Array<{ n: number }>)[0].n;

  /** Drafted and submitted by Anna. */
  const submitted = async (o: Record<string, unknown> = {}) => {
    const id = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ areaId: area, ...o }))
        .expect(201)
    ).body.id as string;
    await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    return id;
  };
  /** Registered, formally correct: to be scored (through the API). */
  const inEvaluation = async (o: Record<string, unknown> = {}) => {
    const id = await submitted(o);
    await as(official).post(api(id, '/register')).expect(200);
    await as(official).post(api(id, '/formal-check')).expect(200);
    await as(official).post(api(id, '/formal-check/pass')).expect(200);
    return id;
  };
  const decision = { approve: true, purposefulness: 'Służy osiedlu.', reason: 'Wysoka ocena.' };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    area = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    other = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { displayName: 'Olga Urzędniczka', grants: [{ role: 'official', areaId: area }] });
    evaluator = await createUser(t, { displayName: 'Edward Oceniający', grants: [{ role: 'official', areaId: area }] });
    decider = await createUser(t, { displayName: 'Dorota Decydująca', grants: [{ role: 'official', areaId: area }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: ALLOCATION, minApplicants: 3, criteria: CRITERIA, correctionDays: 5, volunteerHourValue: 3_500 })
      .expect(200);
    first = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ areaId: area, title: 'Mural przy szkole' }))
        .expect(201)
    ).body.id as string;
    await as(anna)
      .post(`/api/v1/initiatives/${first}/attachments?kind=owner_consent&name=zgoda.pdf`)
      .set('content-type', 'application/pdf')
      .send(Buffer.from('%PDF-1.4\n% zgoda\n'))
      .expect(201);
    await as(anna).post(`/api/v1/initiatives/${first}/submit`).expect(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('route × role: anonymous → sign in, resident → 403, another area’s official → empty queue and the API’s 403, own official and admin → 200', async () => {
    const app = page(first);
    const anon = new PageClient(t.app);
    for (const path of [PAGE, app]) {
      const res = await anon.get(path, { follow: false });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    const resident = await signedIn(t, anna);
    expect((await resident.get(PAGE)).status).toBe(403);
    expect((await resident.get(app)).status).toBe(403);
    const stranger = await signedIn(t, otherOfficial);
    const empty = await stranger.get(PAGE);
    expect(empty.status).toBe(200);
    expect(empty.text()).toContain('Nic tu nie czeka.');
    expect((await stranger.get(app)).status).toBe(403);
    expect((await stranger.get(page(first, '/decision'))).status).toBe(403);
    // The API gives the same answer to the same person.
    await as(otherOfficial).post(api(first, '/register')).expect(403);
    const own = await signedIn(t, official);
    const queue = await own.get(PAGE);
    expect(queue.status).toBe(200);
    expect(queue.h1).toBe('Wnioski inicjatywy lokalnej');
    expect(queue.all('tbody th a')).toEqual(['Mural przy szkole']);
    expect(queue.text('tbody')).toContain('rejestracja');
    const shown = await own.get(app);
    expect(shown.status).toBe(200);
    expect(shown.text()).toContain('Ewa Kamińska');
    expect(shown.text()).toContain('Farby elewacyjne');
    expect(shown.text()).toContain('złożony');
    // Its attachments, opened by the official through the API's route (never public).
    const file = shown.doc.querySelector('main a[href*="/attachments/"]');
    expect(file?.text).toBe('zgoda.pdf');
    const attachment = file!.getAttribute('href')!;
    expect((await as(official).get(attachment).expect(200)).headers['content-type']).toContain('application/pdf');
    await t.http().get(attachment).expect(401);
    expect((await own.get(page('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await own.get(page('nie-uuid'))).status).toBe(404);
    expect((await own.get(`${PAGE}?page=2`)).status).toBe(404);
    expect((await own.get(`${PAGE}?page=x`)).status).toBe(404);
    const bad = await own.get(`${PAGE}?status=later&year=dwa&area=nope`);
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['status', 'year', 'area']);
    expect((await signedIn(t, admin).then((c) => c.get(app))).status).toBe(200);
    // In English too.
    own.setCookie('civitas_lang', 'en');
    const en = await own.get(PAGE);
    expect(en.h1).toBe('Local initiative applications');
    expect(en.text('tbody')).toContain('registration');
    const enApp = await own.get(app);
    expect(enApp.h1).toBe('Local initiative application');
    expect(enApp.text()).toContain('Register the application');
    own.setCookie('civitas_lang', 'pl');
    // The desk's start page counts the official's queues and links to them.
    const desk = await own.get('/desk');
    expect(desk.text()).toContain('Wnioski do zarejestrowania');
    expect(desk.doc.querySelector(`a[href="${PAGE}?status=register"]`)).not.toBeNull();
    const part = await own.get('/desk/initiatives');
    expect(part.status).toBe(200);
    expect(part.text()).toContain('Wszystkie wnioski moich obszarów');
  });

  it('the queue: filters by what waits, year and area (inside areas), paged 25 a page in SQL, 404 past the end', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 25; i++) ids.push(await submitted({ title: `Wniosek ${String(i).padStart(2, '0')}` }));
    const c = await signedIn(t, official);
    const one = await c.get(`${PAGE}?status=register`);
    expect(one.text()).toContain('Pozycje 1–25 z 26');
    // The longest waiting first (no deadline to register).
    expect(one.all('tbody th a')[0]).toBe('Mural przy szkole');
    const two = await c.get(`${PAGE}?status=register&page=2`);
    expect(two.text()).toContain('Pozycje 26–26 z 26');
    expect(two.all('tbody th a')).toEqual(['Wniosek 25']);
    expect(two.doc.querySelector('a[href="/desk/initiatives/applications?status=register"]')).not.toBeNull();
    expect((await c.get(`${PAGE}?status=register&page=3`)).status).toBe(404);
    expect((await c.get(`${PAGE}?status=check`)).text()).toContain('Nic tu nie czeka.');
    expect((await c.get(`${PAGE}?year=${YEAR + 1}`)).text()).toContain('Nic tu nie czeka.');
    expect((await c.get(`${PAGE}?area=${other}`)).text()).toContain('Nic tu nie czeka.');
    expect((await c.get(`${PAGE}?area=${area}&year=${YEAR}&status=register`)).text()).toContain('z 26');
    // The filters are kept in the form.
    expect(one.doc.querySelector('select[name="status"] option[selected]')?.getAttribute('value')).toBe('register');
    // Another area's official sees none of them, also on the desk's start page.
    expect((await (await signedIn(t, otherOfficial)).get(`${PAGE}?status=register`)).text()).toContain('Nic tu nie czeka.');
    for (const id of ids) await as(official).post(api(id, '/register')).expect(200);
    for (const id of ids) await as(official).post(api(id, '/formal-check')).expect(200);
    for (const id of ids) await as(official).post(api(id, '/formal-check/fail')).send({ reason: 'Za mało wnioskodawców.' }).expect(200);
  });

  it('registers, starts the formal check, requests a correction (bad input and a forged form first: nothing stored)', async () => {
    const c = await signedIn(t, official);
    const shown = await c.get(page(first));
    const registered = await c.submit(shown, {}, { form: '#register-form' });
    expect(registered.url).toBe(page(first));
    expect(registered.banner).toContain('Mural przy szkole');
    expect(await status(first)).toBe('registered');
    const caseNumber = ((await db.query(`SELECT case_number FROM initiatives WHERE id = $1`, [first])) as Array<{ case_number: string }>)[0].case_number;
    expect(caseNumber).toMatch(new RegExp(`^IL/${YEAR}/\\d{4}$`));
    expect(registered.text()).toContain(caseNumber);
    // Pressing the button again: the service's refusal on the page, nothing changes.
    const twice = await c.submit(shown, {}, { form: '#register-form' });
    expect(twice.status).toBe(422);
    expect(twice.errorSummary).toHaveLength(1);
    expect(await status(first)).toBe('registered');

    const checking = await c.submit(registered, {}, { form: '#check-form' });
    expect(await status(first)).toBe('formal_check');
    expect(checking.text()).toContain('Poproś o poprawki');
    const empty = await c.submit(checking, { note: '   ' }, { form: '#correction-form' });
    expect(empty.status).toBe(422);
    expect(empty.title).toMatch(/^Błąd:/);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(['note']);
    const forged = await c.submit(checking, { note: 'Dołączcie zgodę właściciela.' }, { form: '#correction-form', drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    expect(await status(first)).toBe('formal_check');
    const asked = await c.submit(checking, { note: 'Dołączcie zgodę właściciela.' }, { form: '#correction-form' });
    expect(asked.status).toBe(200);
    expect(await status(first)).toBe('correction_requested');
    expect(asked.text()).toContain('Wnioskodawcy poprawiają wniosek do');
    expect(asked.text()).toContain('Dołączcie zgodę właściciela.');
    expect(asked.text()).toContain('prośba o poprawki');
    // The applicants correct it and send it back: the formal check again, passed on the desk.
    await as(anna).patch(`/api/v1/initiatives/${first}`).send({ description: 'Mural i ławki; zgoda właściciela w załączniku.' }).expect(200);
    await as(anna).post(`/api/v1/initiatives/${first}/submit`).expect(200);
    const back = await c.get(`${PAGE}?status=check`);
    expect(back.all('tbody th a')).toEqual(['Mural przy szkole']);
    const passed = await c.submit(await c.get(page(first)), {}, { form: '#pass-form' });
    expect(passed.status).toBe(200);
    expect(await status(first)).toBe('evaluation');
  });

  it('two evaluators score on their own: neither sees the other’s scores nor the mean until the decision (desk and API)', async () => {
    const olga = await signedIn(t, official);
    const edward = await signedIn(t, evaluator);
    expect((await olga.get(`${PAGE}?status=score`)).all('tbody th a')).toEqual(['Mural przy szkole']);
    const form = await olga.get(page(first));
    expect(form.text()).toContain('Złożone oceny: 0');
    // Out of range, not a number, missing: the service's words per field, nothing stored.
    const bad = await olga.submit(form, { 'scores.volunteer': '11', 'scores.purpose': 'sześć' }, { form: '#scores-form' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field).sort()).toEqual(['scores.cost', 'scores.purpose', 'scores.volunteer']);
    expect(bad.fieldError('scores.volunteer')).toContain('od 0 do 10');
    expect(await evaluations(first)).toBe(0);
    const mine = await olga.submit(
      form,
      { 'scores.volunteer': '8', 'scores.purpose': '6', 'scores.cost': '5', remarks: 'Dobry pomysł Olgi' },
      { form: '#scores-form' },
    );
    expect(mine.status).toBe(200);
    expect(await evaluations(first)).toBe(1);
    expect(mine.text()).toContain('Dobry pomysł Olgi');
    expect(mine.doc.querySelector('#scores-form')).toBeNull();
    expect((await olga.get(`${PAGE}?status=score`)).text()).toContain('Nic tu nie czeka.');

    // Edward sees that one evaluation exists — not its scores, remarks or result.
    const his = await edward.get(page(first));
    expect(his.text()).toContain('Złożone oceny: 1');
    expect(his.text()).not.toContain('Dobry pomysł Olgi');
    expect(his.text()).not.toContain('8 z 10 pkt');
    expect(his.doc.querySelector('#scores-form')).not.toBeNull();
    expect((await as(evaluator).get(api(first, '/scores')).expect(409)).body.code).toBe('scores_hidden');
    const after = await edward.submit(his, { 'scores.volunteer': '5', 'scores.purpose': '9', 'scores.cost': '2' }, { form: '#scores-form' });
    expect(after.status).toBe(200);
    expect(after.text()).toContain('9 z 10 pkt');
    expect(after.text()).not.toContain('Dobry pomysł Olgi');
    expect(after.text()).not.toContain('8 z 10 pkt');
    expect(after.text()).not.toContain('Olga Urzędniczka (');
    const apiView = (await as(evaluator).get(api(first, '/scores')).expect(200)).body;
    expect(apiView).toMatchObject({ submitted: 2, score: null });
    expect(apiView.evaluations.map((e: { evaluatorId: string }) => e.evaluatorId)).toEqual([evaluator.id]);
    // Olga's page still shows only her own; the public page shows no score.
    const olgaAgain = await olga.get(page(first));
    expect(olgaAgain.text()).not.toContain('9 z 10 pkt');
    expect((await t.http().get(`/api/v1/initiatives/${first}`).expect(200)).body.score).toBeNull();
    expect((await new PageClient(t.app).get(`/initiatives/${first}`)).text()).not.toContain('na 100');
    expect(await status(first)).toBe('evaluation');
  });

  it('the decision view shows every evaluation, the mean and what is left of the allocation (recorded); approves; refuses above what is left', async () => {
    const dorota = await signedIn(t, decider);
    expect((await dorota.get(`${PAGE}?status=decide`)).all('tbody th a')).toEqual(['Mural przy szkole']);
    const view = await dorota.get(page(first, '/decision'));
    expect(view.status).toBe(200);
    expect(view.text()).toContain('Olga Urzędniczka');
    expect(view.text()).toContain('Edward Oceniający');
    expect(view.text()).toContain('69,2 pkt na 100');
    expect(view.text()).toMatch(/Pozostało w puli\s*20\s000\szł/);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'initiatives.scores_disclosed' AND subject_id = $1`, [
      first,
    ])) as Array<{
      n: number;
    }>;
    expect(n).toBe(1);
    // Having seen them, Dorota no longer scores it.
    expect((await dorota.get(page(first))).text()).toContain('Widziałeś oceny do decyzji');
    const missing = await dorota.submit(view, { purposefulness: '', reason: 'Dobry.' });
    expect(missing.status).toBe(422);
    expect(missing.errorSummary.map((e) => e.field)).toEqual(['approve', 'purposefulness']);
    expect(await status(first)).toBe('evaluation');
    const approved = await dorota.submit(view, { approve: 'true', purposefulness: 'Służy całemu osiedlu.', reason: 'Wysoka ocena.' });
    expect(approved.status).toBe(200);
    expect(approved.url).toBe(page(first));
    expect(await status(first)).toBe('approved');
    // Decided: everyone's scores and the mean are shown to the evaluators and the public.
    const olga = await signedIn(t, official);
    const decided = await olga.get(page(first));
    expect(decided.text()).toContain('9 z 10 pkt');
    expect(decided.text()).toContain('8 z 10 pkt');
    expect((await t.http().get(`/api/v1/initiatives/${first}`).expect(200)).body.score).toBeCloseTo(69.167, 3);

    // 15 000 zł asked with 5 000 zł left: shown on the view, refused with the service's words.
    const big = await inEvaluation({ title: 'Drugi mural' });
    await as(official)
      .put(api(big, '/scores'))
      .send({ scores: { volunteer: 7, purpose: 7, cost: 3 } })
      .expect(200);
    const bigView = await dorota.get(page(big, '/decision'));
    expect(bigView.text()).toMatch(/Pozostało w puli\s*5\s?000\szł/);
    expect(bigView.text()).toContain('przekracza to, co zostało w puli');
    const refused = await dorota.submit(bigView, { approve: 'true', purposefulness: 'Celowe.', reason: 'Dobre.' });
    expect(refused.status).toBe(422);
    expect(refused.errorSummary).toHaveLength(1);
    expect(refused.errorSummary[0].text).toMatch(/pozostało 5\s000,00 zł/);
    expect(await status(big)).toBe('evaluation');
    const rejected = await dorota.submit(bigView, { approve: 'false', purposefulness: 'Celowe.', reason: 'Brak środków w puli.' });
    expect(rejected.status).toBe(200);
    expect(await status(big)).toBe('rejected');
  });

  it('the agreement generated and its signature recorded, the task started, the final report accepted: completed', async () => {
    const c = await signedIn(t, official);
    expect((await c.get(`${PAGE}?status=agreement`)).all('tbody th a')).toEqual(['Mural przy szkole']);
    const shown = await c.get(page(first));
    const wrong = await c.submit(shown, { termFrom: `${YEAR}-07-31`, termTo: `${YEAR}-06-01` }, { form: '#agreement-form' });
    expect(wrong.status).toBe(422);
    expect(wrong.errorSummary.map((e) => e.field)).toEqual(['termTo']);
    const notDates = await c.submit(shown, { termFrom: 'jutro', termTo: '' }, { form: '#agreement-form' });
    expect(notDates.status).toBe(422);
    expect(notDates.errorSummary.map((e) => e.field)).toEqual(['termFrom', 'termTo']);
    expect(await status(first)).toBe('approved');
    const drafted = await c.submit(shown, { termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-07-31` }, { form: '#agreement-form' });
    expect(drafted.status).toBe(200);
    expect(await status(first)).toBe('agreement_drafted');
    expect(drafted.text()).toMatch(new RegExp(`IL/${YEAR}/\\d{4}/U`));
    const doc = drafted.doc.querySelector(`a[href="/api/v1/admin/initiatives/${first}/agreement"]`);
    expect(doc).not.toBeNull();
    const future = await c.submit(drafted, { signedOn: `${YEAR + 1}-01-01` }, { form: '#sign-form' });
    expect(future.status).toBe(422);
    expect(future.errorSummary.map((e) => e.field)).toEqual(['signedOn']);
    const signed = await c.submit(drafted, { signedOn: TODAY }, { form: '#sign-form' });
    expect(signed.status).toBe(200);
    expect(await status(first)).toBe('agreement_signed');
    expect((await c.get(`${PAGE}?status=start`)).all('tbody th a')).toEqual(['Mural przy szkole']);
    const started = await c.submit(signed, {}, { form: '#start-form' });
    expect(await status(first)).toBe('in_progress');
    expect(started.text()).toContain('nie złożyli jeszcze sprawozdania');
    await as(anna)
      .post(`/api/v1/initiatives/${first}/final-report`)
      .send({
        summary: 'Mural namalowany, sześć ławek ustawionych.',
        volunteerPeople: 12,
        volunteerHours: 10,
        inKind: [{ item: 'Pędzle', value: 25_000 }],
        cash: 40_000,
        cityShare: [{ kind: 'materials', description: 'Farby', value: 550_000 }],
      })
      .expect(200);
    expect((await c.get(`${PAGE}?status=report`)).all('tbody th a')).toEqual(['Mural przy szkole']);
    const report = await c.get(page(first));
    expect(report.text()).toContain('Mural namalowany, sześć ławek ustawionych.');
    const completed = await c.submit(report, {}, { form: '#complete-form' });
    expect(completed.status).toBe(200);
    expect(await status(first)).toBe('completed');
    expect(completed.text()).toContain('Wniosek nie czeka teraz na urzędnika.');
    expect(completed.text()).toContain('zakończony');
  });

  it('terminates a signed agreement with a reason (none given first: nothing changes)', async () => {
    const id = await inEvaluation({ title: 'Mały festyn', cityShare: [{ kind: 'materials', description: 'Namiot', value: 300_000 }] });
    await as(official)
      .put(api(id, '/scores'))
      .send({ scores: { volunteer: 7, purpose: 7, cost: 3 } })
      .expect(200);
    await as(decider).post(api(id, '/decision')).send(decision).expect(200);
    await as(official)
      .post(api(id, '/agreement'))
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-06-30` })
      .expect(200);
    await as(official).post(api(id, '/agreement/sign')).send({ signedOn: TODAY }).expect(200);
    const c = await signedIn(t, official);
    const shown = await c.get(page(id));
    const none = await c.submit(shown, { reason: '' }, { form: '#terminate-form' });
    expect(none.status).toBe(422);
    expect(none.errorSummary.map((e) => e.field)).toEqual(['reason']);
    expect(await status(id)).toBe('agreement_signed');
    const done = await c.submit(shown, { reason: 'Wnioskodawcy zrezygnowali z zadania.' }, { form: '#terminate-form' });
    expect(done.status).toBe(200);
    expect(await status(id)).toBe('terminated');
    expect(done.text()).toContain('Wnioskodawcy zrezygnowali z zadania.');
  });

  it('the yearly programme for administrators: bad amounts and a missing volunteer criterion refused, nothing stored; saved with windows and criteria; criteria fixed once scored', async () => {
    const NEXT = YEAR + 2;
    const path = `/desk/initiatives/programmes/${NEXT}`;
    expect((await new PageClient(t.app).get(path, { follow: false })).status).toBe(303);
    expect((await (await signedIn(t, official)).get(path)).status).toBe(403);
    const a = await signedIn(t, admin);
    const index = await a.get('/desk/initiatives/programmes');
    expect(index.status).toBe(200);
    expect(index.all('main tbody th')).toEqual([String(YEAR - 1), String(YEAR), String(YEAR + 1)]);
    expect((await a.get('/desk/initiatives')).doc.querySelector('a[href="/desk/initiatives/programmes"]')).not.toBeNull();
    expect((await a.get('/desk/initiatives/programmes/dwa')).status).toBe(404);
    expect((await a.get('/desk/initiatives/programmes/1999')).status).toBe(404);
    const stored = () => t.http().get(`/api/v1/initiative-programmes/${NEXT}`);
    await stored().expect(404);

    let form = await a.get(path);
    expect(form.value('criteria.0.key')).toBe('volunteer');
    const bad = await a.submit(form, { allocation: 'dużo', volunteerHourValue: '35,50' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['allocation']);
    await stored().expect(404);

    form = await a.submit(form, { action: 'add-criterion' });
    expect(form.status).toBe(200);
    expect(form.value('criteria.1.key')).toBe('');
    const noVolunteer = await a.submit(form, {
      allocation: '150 000',
      volunteerHourValue: '35,50',
      intake: 'windows',
      'criteria.1.key': 'quality',
      'criteria.1.namePl': 'Jakość',
      'criteria.1.nameEn': 'Quality',
      'criteria.1.weight': '1,5',
      'criteria.1.maxPoints': '10',
      volunteerCriterion: [],
    });
    expect(noVolunteer.status).toBe(422);
    expect(noVolunteer.errorSummary.map((e) => e.field).sort()).toEqual(['volunteerCriterion']);
    // Windows chosen but none given: the service's words on the first window's field.
    const noWindows = await a.submit(noVolunteer, { volunteerCriterion: '0' });
    expect(noWindows.status).toBe(422);
    expect(noWindows.errorSummary).toEqual([{ field: 'windows.0.opensOn', text: 'Podaj co najmniej jeden nabór.' }]);
    await stored().expect(404);
    expect((await a.submit(noWindows, { 'windows.0.opensOn': `${NEXT}-03-01`, 'windows.0.closesOn': `${NEXT}-03-31` }, { drop: ['_csrf'] })).status).toBe(403);

    const saved = await a.submit(noWindows, { 'windows.0.opensOn': `${NEXT}-03-01`, 'windows.0.closesOn': `${NEXT}-03-31` });
    expect(saved.banner).toBe(`Zapisano program na rok ${NEXT}.`);
    expect((await stored().expect(200)).body).toMatchObject({
      intake: 'windows',
      windows: [{ opensOn: `${NEXT}-03-01`, closesOn: `${NEXT}-03-31` }],
      allocation: 15_000_000,
      minApplicants: 3,
      correctionDays: 7,
      volunteerHourValue: 3_550,
      criteria: [
        { key: 'volunteer', weight: 1, maxPoints: 10, volunteerWork: true },
        { key: 'quality', namePl: 'Jakość', nameEn: 'Quality', weight: 1.5, maxPoints: 10, volunteerWork: false },
      ],
    });
    expect(saved.value('allocation')).toBe('150000');
    expect(saved.value('criteria.1.weight')).toBe('1,5');

    // This year's applications have been scored: its criteria stay as they are (409, the service's words).
    const scored = await inEvaluation({ title: 'Ławki przy stawie' });
    await as(official)
      .put(api(scored, '/scores'))
      .send({ scores: { volunteer: 5, purpose: 5, cost: 3 } })
      .expect(200);
    const current = await a.get(`/desk/initiatives/programmes/${YEAR}`);
    const refused = await a.submit(current, { 'criteria.1.weight': '5' });
    expect(refused.status).toBe(409);
    expect(refused.errorSummary[0].text).toBe('Kryteriów nie można zmienić: wnioski z tego roku zostały już ocenione.');
    expect((await t.http().get(`/api/v1/initiative-programmes/${YEAR}`).expect(200)).body.criteria[1].weight).toBe(2);
  });
});
