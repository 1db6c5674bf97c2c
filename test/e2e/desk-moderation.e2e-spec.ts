import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { Page, PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { mailTo } from '../helpers/mail-files';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const QUEUE = '/desk/consultations/moderation';
const HIDDEN = '/desk/consultations/moderation/hidden';

/**
 * The consultations' moderation desk through the app: the queue of reported and pending comments across the
 * consultations one may moderate (filters, paging, the desk's count), hide with a reason from the fixed list and a
 * note, approve, keep, restore — each one step from the queue, through the API's service, the author told by mail —,
 * a comment's page, a consultation's comments and a comment received on paper entered by its official. Bad input and
 * a forged form change nothing.
 */
describe('consultations desk: moderation (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let district: string;
  let official: TestUser;
  let otherOfficial: TestUser;
  let moderator: TestUser;
  let anna: TestUser;
  let piotr: TestUser;
  let resident: TestUser;
  let postId: string;
  let preId: string;
  let reported: string;
  let pending: string;

  const as = (u: TestUser) => actingAs(t, u);
  const statusOf = async (commentId: string) =>
    ((await db.query(`SELECT status FROM consultation_comments WHERE id = $1`, [commentId])) as Array<{ status: string }>)[0].status;
  /** The headings of the comments a queue page shows (one h2 per comment: "Uwaga: author, date"). */
  const authors = (page: Page) => page.all('main section[id^="c-"] h2').map((h) => h.replace(/^Uwaga: /, '').replace(/, .*$/, ''));

  async function openConsultation(moderation: 'pre' | 'post', title: string): Promise<string> {
    const id = (
      await as(official)
        .post('/api/v1/admin/consultations')
        .send({
          title,
          areaIds: [district],
          moderation,
          opensAt: new Date(Date.now() + 8 * DAY).toISOString(),
          closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
        })
        .expect(201)
    ).body.id as string;
    await as(official)
      .put(`/api/v1/admin/consultations/${id}/document`)
      .send({ sections: [{ key: '§ 1', heading: 'Zieleń', body: 'Sadzimy czterdzieści drzew wzdłuż alei.' }] })
      .expect(200);
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    district = await createArea(t, { name: 'Jeżyce', kind: 'district' });
    const other = await createArea(t, { name: 'Wilda', kind: 'district' });
    official = await createUser(t, { displayName: 'Urzędnik Jeżyc', grants: [{ role: 'official', areaId: district }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    moderator = await createUser(t, { displayName: 'Moderatorka', grants: [{ role: 'moderator', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Kowalska' });
    piotr = await createUser(t, { displayName: 'Piotr Nowak' });
    resident = await createUser(t, { displayName: 'Ewa Zgłaszająca' });

    postId = await openConsultation('post', 'Park nad Wartą');
    preId = await openConsultation('pre', 'Rynek Jeżycki');
    reported = (await as(anna).post(`/api/v1/consultations/${postId}/comments`).send({ body: 'Sąsiad spod 5 hałasuje po nocach.' }).expect(201)).body.id;
    await as(resident).post(`/api/v1/consultations/${postId}/comments/${reported}/reports`).send({ reason: 'Dane osobowe sąsiada' }).expect(201);
    await as(piotr).post(`/api/v1/consultations/${postId}/comments/${reported}/reports`).send({}).expect(201);
    pending = (await as(piotr).post(`/api/v1/consultations/${preId}/comments`).send({ body: 'Więcej ławek przy fontannie.' }).expect(201)).body.id;
    // A visible comment nobody reported: not in the queue.
    await as(piotr).post(`/api/v1/consultations/${postId}/comments`).send({ body: 'Dobry pomysł.' }).expect(201);
  }, 120_000);
  afterAll(() => t?.close());

  it('route × role: anonymous to sign in, a resident 403; the moderator sees both; another area’s official sees nothing; the desk counts them', async () => {
    const anon = await new PageClient(t.app).get(QUEUE, { follow: false });
    expect(anon.status).toBe(303);
    expect(anon.location).toBe(`/sign-in?next=${encodeURIComponent(QUEUE)}`);
    const residentDesk = await signedIn(t, resident);
    for (const p of [QUEUE, HIDDEN, `/desk/consultations/${postId}/comments`, `/desk/consultations/${postId}/comments/${reported}`])
      expect((await residentDesk.get(p)).status).toBe(403);
    expect((await (await signedIn(t, moderator)).get(`/desk/consultations/${postId}/comments/new`)).status).toBe(403);

    const mod = await signedIn(t, moderator);
    const queue = await mod.get(QUEUE);
    expect(queue.status).toBe(200);
    expect(queue.h1).toBe('Moderacja uwag');
    expect(authors(queue).sort()).toEqual(['Anna Kowalska', 'Piotr Nowak']);
    expect(queue.text()).toContain('Sąsiad spod 5 hałasuje po nocach.');
    expect(queue.text()).toContain('Dane osobowe sąsiada');
    expect(queue.text()).toContain('2 do rozpatrzenia (wszystkich: 2)');

    const official$ = await signedIn(t, official);
    expect(authors(await official$.get(QUEUE)).sort()).toEqual(['Anna Kowalska', 'Piotr Nowak']);
    const stranger = await signedIn(t, otherOfficial);
    expect(authors(await stranger.get(QUEUE))).toEqual([]);
    expect((await stranger.get(`/desk/consultations/${postId}/comments/${reported}`)).status).toBe(403);

    const count = async (client: PageClient) => {
      const page = await client.get('/desk/consultations');
      const row = page.doc.querySelectorAll('table tr').find((tr) => tr.text.includes('Uwagi do moderacji'));
      return row?.querySelector('td')?.text.trim();
    };
    expect(await count(mod)).toBe('2');
    expect(await count(stranger)).toBe('0');
  });

  it('filters: kind and consultation narrow the queue; an unknown value is 422 with the whole queue; a page past the end 404', async () => {
    const mod = await signedIn(t, moderator);
    expect(authors(await mod.get(`${QUEUE}?kind=reported`))).toEqual(['Anna Kowalska']);
    expect(authors(await mod.get(`${QUEUE}?kind=pending`))).toEqual(['Piotr Nowak']);
    expect(authors(await mod.get(`${QUEUE}?consultation=${preId}`))).toEqual(['Piotr Nowak']);
    expect(authors(await mod.get(`${QUEUE}?sort=reports`))).toEqual(['Anna Kowalska', 'Piotr Nowak']);
    const bad = await mod.get(`${QUEUE}?kind=wszystko`);
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.length).toBeGreaterThan(0);
    expect(authors(bad).sort()).toEqual(['Anna Kowalska', 'Piotr Nowak']);
    expect((await mod.get(`${QUEUE}?page=2`)).status).toBe(404);
    expect((await mod.get(`${QUEUE}?page=abc`)).status).toBe(404);
  });

  it('hide from the queue: "other" without a note is 422 and a forged form 403, nothing changed; then hidden with a reason, the author mailed', async () => {
    const mod = await signedIn(t, moderator);
    const queue = await mod.get(`${QUEUE}?kind=reported`);
    const form = `main form[action="/desk/consultations/${postId}/comments/${reported}/hide"]`;
    const noNote = await mod.submit(queue, { [`c-${reported}-reason`]: 'other' }, { form });
    expect(noNote.status).toBe(422);
    expect(noNote.fieldError(`c-${reported}-note`)).toBeTruthy();
    expect(await statusOf(reported)).toBe('visible');
    const forged = await mod.submit(queue, { [`c-${reported}-reason`]: 'spam' }, { form, drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    expect(await statusOf(reported)).toBe('visible');

    const done = await mod.submit(
      queue,
      { [`c-${reported}-reason`]: 'personal_data', [`c-${reported}-note`]: 'Proszę nie podawać adresów sąsiadów.' },
      { form },
    );
    expect(done.status).toBe(200);
    expect(done.url).toContain(QUEUE);
    expect(done.banner).toBe('Uwaga autorstwa Anna Kowalska została ukryta. Autor dostanie wiadomość e-mail.');
    expect(authors(done)).toEqual([]);
    expect(await statusOf(reported)).toBe('hidden');
    const mail = await mailTo(t, anna.email, 'Park nad Wartą');
    expect(mail).toContain('Moderator ukrył Twój komentarz w konsultacjach „Park nad Wartą”');
    expect(mail).toContain('Proszę nie podawać adresów sąsiadów.');
    // The public sees that a comment was hidden, not its words.
    const publicDoc = await new PageClient(t.app).get(`/consultations/${postId}/document`);
    expect(publicDoc.text()).not.toContain('Sąsiad spod 5');
  });

  it('hidden comments: listed with the reason and restored in one step (the author told); the API refuses a second restore', async () => {
    const mod = await signedIn(t, moderator);
    const hidden = await mod.get(HIDDEN);
    expect(authors(hidden)).toEqual(['Anna Kowalska']);
    expect(hidden.text()).toContain('Zawiera dane osobowe');
    const restored = await mod.submit(hidden, {}, { form: `main form[action="/desk/consultations/${postId}/comments/${reported}/restore"]` });
    expect(restored.banner).toBe('Uwaga autorstwa Anna Kowalska została przywrócona. Autor dostanie wiadomość e-mail.');
    expect(restored.text()).toContain('Nie ma ukrytych uwag.');
    expect(await statusOf(reported)).toBe('visible');
    expect(await mailTo(t, anna.email, 'przywrócił')).toContain('Park nad Wartą');
    await as(moderator).post(`/api/v1/admin/consultations/${postId}/comments/${reported}/restore`).send({}).expect(409);
  });

  it('keep: the reports count as dealt with and the comment leaves the queue until reported again; approve publishes a pending one', async () => {
    const mod = await signedIn(t, moderator);
    // Restored after hiding, its reports were dealt with; a new report brings it back.
    await as(official).post(`/api/v1/consultations/${postId}/comments/${reported}/reports`).send({ reason: 'Nadal dane' }).expect(201);
    const queue = await mod.get(QUEUE);
    expect(authors(queue).sort()).toEqual(['Anna Kowalska', 'Piotr Nowak']);
    const kept = await mod.submit(queue, {}, { form: `main form[action="/desk/consultations/${postId}/comments/${reported}/keep"]` });
    expect(kept.banner).toBe('Uwaga autorstwa Anna Kowalska pozostaje widoczna; zgłoszenia rozpatrzone.');
    expect(authors(kept)).toEqual(['Piotr Nowak']);
    expect(await statusOf(reported)).toBe('visible');
    const again = await as(moderator).post(`/api/v1/admin/consultations/${postId}/comments/${reported}/keep`).expect(409);
    expect(again.body.code).toBeTruthy();

    const approved = await mod.submit(kept, {}, { form: `main form[action="/desk/consultations/${preId}/comments/${pending}/approve"]` });
    expect(approved.banner).toBe('Uwaga autorstwa Piotr Nowak została zatwierdzona i jest widoczna. Autor dostanie wiadomość e-mail.');
    expect(authors(approved)).toEqual([]);
    expect(await statusOf(pending)).toBe('visible');
    expect(await mailTo(t, piotr.email, 'Rynek Jeżycki')).toContain('Moderator dopuścił Twój komentarz');
    const api = await as(moderator).get('/api/v1/admin/comments/moderation').expect(200);
    expect(api.body).toMatchObject({ rows: [], total: 0, page: 1, pageSize: 25 });
  });

  it('a pending comment rejected from its own page with a reason; the API queue answers with the comment in its context', async () => {
    const late = (await as(anna).post(`/api/v1/consultations/${preId}/comments`).send({ body: 'KUP TANIO www' }).expect(201)).body.id as string;
    const listed = await as(official).get(`/api/v1/admin/comments/moderation?kind=pending`).expect(200);
    expect(listed.body.total).toBe(1);
    expect(listed.body.rows[0]).toMatchObject({ id: late, consultationId: preId, consultationTitle: 'Rynek Jeżycki', status: 'pending' });
    await as(official).get(`/api/v1/admin/comments/moderation?kind=nowe`).expect(422);

    const desk = await signedIn(t, official);
    const page = await desk.get(`/desk/consultations/${preId}/comments/${late}`);
    expect(page.status).toBe(200);
    expect(page.text()).toContain('KUP TANIO www');
    const rejected = await desk.submit(page, { [`c-${late}-reason`]: 'spam' }, { form: `main form[action$="/hide"]` });
    expect(rejected.banner).toBe('Uwaga autorstwa Anna Kowalska została odrzucona. Autor dostanie wiadomość e-mail.');
    expect(await statusOf(late)).toBe('hidden');
  });

  it('entering a comment received on paper: bad input is 422 with nothing stored; then it is visible in the consultation’s comments', async () => {
    const count = async () =>
      Number(((await db.query(`SELECT count(*)::int AS n FROM consultation_comments WHERE consultation_id = $1`, [postId])) as Array<{ n: number }>)[0].n);
    const before = await count();
    const desk = await signedIn(t, official);
    const form = await desk.get(`/desk/consultations/${postId}/comments/new`);
    expect(form.status).toBe(200);
    const bad = await desk.submit(form, { channel: 'paper', receivedOn: '2027-02-30', contactEmail: 'nie-adres', body: ' ' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field).sort()).toEqual(['body', 'contactEmail', 'receivedOn']);
    expect(await count()).toBe(before);
    const saved = await desk.submit(form, {
      channel: 'paper',
      receivedOn: zonedDate(new Date()),
      authorName: 'Rada Osiedla Jeżyce',
      body: 'Prosimy o stojaki na rowery.',
    });
    expect(saved.banner).toBe('Uwaga została wpisana i jest widoczna.');
    expect(saved.url).toContain(`/desk/consultations/${postId}/comments`);
    expect(saved.text()).toContain('Rada Osiedla Jeżyce');
    expect(await count()).toBe(before + 1);
    const paper = await desk.get(`/desk/consultations/${postId}/comments?status=visible`);
    expect(paper.text()).toContain('Rada Osiedla Jeżyce');
    expect((await desk.get(`/desk/consultations/${postId}/comments?status=nijaki`)).status).toBe(422);
    // Another area's official may neither enter nor list.
    expect((await (await signedIn(t, otherOfficial)).get(`/desk/consultations/${postId}/comments/new`)).status).toBe(403);
  });
});
