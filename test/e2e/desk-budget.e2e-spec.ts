import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

const CRITERIA = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'];

/** The review form's fields: every criterion met unless named, with a justification each. */
function verdicts(unmet: string[] = []): Record<string, string> {
  const v: Record<string, string> = {};
  CRITERIA.forEach((c, i) => {
    v[`criteria.${i}.met`] = unmet.includes(c) ? 'false' : 'true';
    v[`criteria.${i}.justification`] = unmet.includes(c) ? 'Brak mapy lokalizacji.' : 'Spełnione.';
  });
  return v;
}

describe('the budget’s desk: review queue, review page, appeals (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let editionId: string;
  const ids: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(t, u);
  const phase = (p: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith(p) })
      .expect(200);
  const status = async (id: string) => ((await db.query(`SELECT status FROM budget_projects WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  const reviewsOf = async (id: string) =>
    ((await db.query(`SELECT count(*)::int AS n FROM budget_reviews WHERE project_id = $1`, [id])) as Array<{ n: number }>)[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    const district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Zaspa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027 biurko', year: 2027, phases: scheduleWith('submission') })
      .expect(201);
    editionId = e.body.id;
    const pool = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    for (const key of ['fixed', 'rejected', 'appealed']) {
      const p = await as(anna)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({
          poolId: pool.body.pools[0].id,
          title: `Projekt ${key}`,
          summary: 's',
          description: 'd',
          justification: 'j',
          areaId: district,
          costItems: [{ description: 'Koszt', amount: 5_000_000 }],
        })
        .expect(201);
      await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
      ids[key] = p.body.id;
    }
    await phase('formal_review');
  });
  afterAll(() => t?.close());

  it('route × role: anonymous → sign in, resident → 403, official of another area → empty queue and the API’s 403, own official and admin → 200', async () => {
    const review = `/desk/budget/projects/${ids.fixed}/review`;
    const anon = new PageClient(t.app);
    for (const path of ['/desk/budget/reviews', review]) {
      const res = await anon.get(path, { follow: false });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    const resident = await signedIn(t, anna);
    expect((await resident.get('/desk/budget/reviews')).status).toBe(403);
    expect((await resident.get(review)).status).toBe(403);
    const stranger = await signedIn(t, otherOfficial);
    const empty = await stranger.get('/desk/budget/reviews');
    expect(empty.status).toBe(200);
    expect(empty.text()).toContain('Nic tu nie czeka.');
    expect((await stranger.get(review)).status).toBe(403);
    // The API gives the same answer to the same person.
    await as(otherOfficial)
      .post(`/api/v1/projects/${ids.fixed}/reviews`)
      .send({ stage: 'formal', outcome: 'positive', criteria: CRITERIA.map((criterion) => ({ criterion, met: true, justification: 'x' })), justification: 'x' })
      .expect(403);
    const own = await signedIn(t, official);
    const queue = await own.get('/desk/budget/reviews');
    expect(queue.status).toBe(200);
    expect(queue.h1).toBe('Ocena projektów');
    expect(queue.all('tbody th a')).toEqual(['Projekt fixed', 'Projekt rejected', 'Projekt appealed'].map((x, i) => `${i + 1}. ${x}`));
    expect((await own.get(review)).status).toBe(200);
    expect((await own.get('/desk/budget/projects/00000000-0000-4000-8000-000000000000/review')).status).toBe(404);
    expect((await own.get('/desk/budget/reviews?page=2')).status).toBe(404);
    expect((await own.get('/desk/budget/reviews?page=x')).status).toBe(404);
    const bad = await own.get('/desk/budget/reviews?edition=nope&status=later');
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['edition', 'status']);
    expect((await signedIn(t, admin).then((c) => c.get(review))).status).toBe(200);
    // The desk's start page counts the official's queues.
    const desk = await own.get('/desk');
    expect(desk.text()).toContain('Projekty do oceny');
  });

  it('a correction request, the authors correct, then admitted (formal, then merit); bad input and a missing token change nothing', async () => {
    const c = await signedIn(t, official);
    const page = await c.get(`/desk/budget/projects/${ids.fixed}/review`);
    expect(page.text()).toContain('Ocena formalna');
    // Nothing chosen: the verdicts and the outcome are missing, the justification empty → 422, nothing stored.
    const empty = await c.submit(page, { justification: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.title).toMatch(/^Błąd:/);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(expect.arrayContaining(['criteria.0.met', 'outcome', 'justification']));
    // Inconsistent: positive with an unmet criterion → the service's 422 on the form.
    const inconsistent = await c.submit(page, { ...verdicts(['cost']), outcome: 'positive', justification: 'OK' });
    expect(inconsistent.status).toBe(422);
    expect(inconsistent.errorSummary.length).toBe(1);
    const csrf = await c.submit(
      page,
      { ...verdicts(['formal_requirements']), outcome: 'correction', justification: 'Proszę dołączyć mapę.' },
      { drop: ['_csrf'] },
    );
    expect(csrf.status).toBe(403);
    expect(await reviewsOf(ids.fixed)).toBe(0);
    expect(await status(ids.fixed)).toBe('submitted');

    const asked = await c.submit(page, { ...verdicts(['formal_requirements']), outcome: 'correction', justification: 'Proszę dołączyć mapę.' });
    expect(asked.status).toBe(200);
    expect(asked.url).toBe('/desk/budget/reviews');
    expect(asked.banner).toContain('Projekt fixed');
    expect(await status(ids.fixed)).toBe('correction_requested');
    const corrections = await c.get('/desk/budget/reviews?status=correction');
    expect(corrections.all('tbody th a')).toEqual(['1. Projekt fixed']);
    const waiting = await c.get(`/desk/budget/projects/${ids.fixed}/review`);
    expect(waiting.text()).toContain('Autorzy poprawiają projekt do');
    await as(anna).patch(`/api/v1/projects/${ids.fixed}`).send({ address: 'ul. Opacka 12' }).expect(200);
    await as(anna).post(`/api/v1/projects/${ids.fixed}/resubmit`).expect(200);

    const again = await c.get(`/desk/budget/projects/${ids.fixed}/review`);
    expect(again.text()).toContain('urzędnicy poprosili o poprawki');
    await c.submit(again, { ...verdicts(), outcome: 'positive', justification: 'Kompletny.' });
    expect(await status(ids.fixed)).toBe('merit_review');
    await phase('merit_review');
    const merit = await c.get(`/desk/budget/projects/${ids.fixed}/review`);
    expect(merit.text()).toContain('Ocena merytoryczna');
    expect(merit.doc.querySelectorAll('input[name="outcome"]').map((i) => i.getAttribute('value'))).toEqual(['positive', 'negative']);
    const done = await c.submit(merit, { ...verdicts(), outcome: 'positive', justification: 'Wykonalny.' });
    expect(done.banner).toContain('Projekt fixed');
    expect(await status(ids.fixed)).toBe('admitted');
    const history = (await db.query(`SELECT action FROM budget_project_history WHERE project_id = $1 ORDER BY id`, [ids.fixed])) as Array<{ action: string }>;
    expect(history.map((h) => h.action)).toEqual(['created', 'submitted', 'formal_review', 'corrected', 'resubmitted', 'formal_review', 'merit_review']);
  });

  it('a rejection, then the appeal upheld (bad input first: nothing stored)', async () => {
    const c = await signedIn(t, official);
    await phase('formal_review');
    for (const key of ['rejected', 'appealed']) {
      const form = await c.get(`/desk/budget/projects/${ids[key]}/review`);
      await c.submit(form, { ...verdicts(), outcome: 'positive', justification: 'Kompletny.' });
    }
    await phase('merit_review');
    for (const key of ['rejected', 'appealed']) {
      const merit = await c.get(`/desk/budget/projects/${ids[key]}/review`);
      await c.submit(merit, { ...verdicts(['technical_feasibility']), outcome: 'negative', justification: 'Niewykonalny na tej działce.' });
      expect(await status(ids[key])).toBe('rejected');
    }
    await as(anna).post(`/api/v1/projects/${ids.appealed}/appeal`).send({ justification: 'Działka jest miejska.' }).expect(200);
    const appeals = await c.get('/desk/budget/reviews?status=appeal');
    expect(appeals.all('tbody th a')).toEqual(['3. Projekt appealed']);
    const page = await c.get(`/desk/budget/projects/${ids.appealed}/review`);
    expect(page.text()).toContain('Działka jest miejska.');
    const bad = await c.submit(page, { justification: '' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['upheld', 'justification']);
    expect(await status(ids.appealed)).toBe('appealed');
    const upheld = await c.submit(page, { upheld: 'true', justification: 'Działka należy do miasta.' });
    expect(upheld.banner).toContain('Projekt appealed');
    expect(await status(ids.appealed)).toBe('admitted');
    // Decided: no decision waits, and a second one is the service's refusal on the form.
    const after = await c.get(`/desk/budget/projects/${ids.appealed}/review`);
    expect(after.text()).toContain('nie czeka na decyzję');
    const twice = await c.submit(page, { upheld: 'false', justification: 'Jednak nie.' });
    expect(twice.status).toBe(422);
    expect(twice.errorSummary).toHaveLength(1);
    expect(await status(ids.appealed)).toBe('admitted');
  });
});
