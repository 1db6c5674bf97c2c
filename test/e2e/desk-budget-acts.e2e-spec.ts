import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(32)]);

/**
 * The budget desk's other acts on a project, through a browser without JavaScript: cost corrections (amounts in
 * złoty), the signatures of a paper support list, merges, groups of mutually exclusive projects, and the
 * implementation updates of a selected project with a photo. Each: who may open it, bad input first (422, nothing
 * stored), a forged form (403), then the act, visible through the API.
 */
describe('the budget’s desk: cost corrections, paper support, merges, exclusions, implementation (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let editionId: string;
  let district: string;
  const ids: Record<string, string> = {};
  let listId: string;
  let selectedId: string;

  const as = (u: TestUser) => actingAs(t, u);
  const count = async (sql: string, params: unknown[]) => ((await db.query(sql, params)) as Array<{ n: number }>)[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Zaspa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027 czynności', year: 2027, phases: scheduleWith('submission') })
      .expect(201);
    editionId = e.body.id;
    const pool = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    for (const key of ['park', 'plac', 'lawki']) {
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
      ids[key] = p.body.id;
    }
    const list = await as(anna)
      .post(`/api/v1/projects/${ids.park}/attachments?name=lista.pdf&kind=support_list`)
      .set('content-type', 'application/pdf')
      .send(PDF)
      .expect(201);
    listId = list.body.id;
    for (const id of Object.values(ids)) await as(anna).post(`/api/v1/projects/${id}/submit`).expect(200);
    await as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith('formal_review') })
      .expect(200);

    // A project selected in published results of another edition (set directly: the vote is covered elsewhere).
    const done = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2026 realizacja', year: 2026, phases: scheduleWith('submission') })
      .expect(201);
    const donePool = await as(admin)
      .post(`/api/v1/admin/editions/${done.body.id}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${done.body.id}/publish`).expect(200);
    const sel = await as(anna)
      .post(`/api/v1/editions/${done.body.id}/projects`)
      .send({
        poolId: donePool.body.pools[0].id,
        title: 'Skwer wybrany',
        summary: 's',
        description: 'd',
        justification: 'j',
        areaId: district,
        costItems: [{ description: 'Koszt', amount: 1_000_000 }],
      })
      .expect(201);
    selectedId = sel.body.id;
    await as(anna).post(`/api/v1/projects/${selectedId}/submit`).expect(200);
    await db.query(`UPDATE budget_projects SET status = 'selected' WHERE id = $1`, [selectedId]);
    const [{ id: run }] = (await db.query(`INSERT INTO tally_runs (edition_id, status) VALUES ($1, 'done') RETURNING id`, [done.body.id])) as Array<{
      id: string;
    }>;
    await db.query(`INSERT INTO edition_results (edition_id, tally_run_id) VALUES ($1, $2)`, [done.body.id, run]);
    await db.query(`UPDATE budget_editions SET results_published_at = now() WHERE id = $1`, [done.body.id]);
  }, 120_000);
  afterAll(() => t?.close());

  it('route × role: anonymous → sign in, resident and an official of another area → 403, the area’s official and an admin → 200', async () => {
    const paths = [
      `/desk/budget/projects/${ids.park}/costs`,
      `/desk/budget/projects/${ids.park}/support-lists`,
      `/desk/budget/projects/${ids.park}/merge`,
      `/desk/budget/projects/${ids.park}/exclusions`,
      `/desk/budget/projects/${selectedId}/implementation`,
    ];
    const anon = new PageClient(t.app);
    for (const path of [...paths, '/desk/budget/implementation']) {
      const res = await anon.get(path, { follow: false });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    const resident = await signedIn(t, anna);
    const stranger = await signedIn(t, otherOfficial);
    const own = await signedIn(t, official);
    const boss = await signedIn(t, admin);
    for (const path of paths) {
      expect((await resident.get(path)).status).toBe(403);
      expect((await stranger.get(path)).status).toBe(403);
      expect((await own.get(path)).status).toBe(200);
      expect((await boss.get(path)).status).toBe(200);
    }
    expect((await resident.get('/desk/budget/implementation')).status).toBe(403);
    expect((await own.get('/desk/budget/projects/00000000-0000-4000-8000-000000000000/costs')).status).toBe(404);
    expect((await own.get('/desk/budget/projects/nope/merge')).status).toBe(404);
    // The API gives the official of another area the same refusal.
    await as(otherOfficial).post(`/api/v1/projects/${ids.park}/support-lists`).send({ attachmentId: listId, signatures: 3 }).expect(403);
    // The review page links to the acts its status allows; /desk/budget links to the implementation list.
    const review = await own.get(`/desk/budget/projects/${ids.park}/review`);
    expect(review.all('#actions-heading ~ ul a')).toEqual([
      'Zaproponuj korektę kosztu',
      'Wpisz podpisy z papierowej listy poparcia',
      'Połącz z innymi projektami',
      'Projekty wykluczające się',
    ]);
    const part = await own.get('/desk/budget');
    expect(part.doc.querySelector('main a[href="/desk/budget/implementation"]')?.textContent).toBe('Realizacja wybranych projektów');
    const mine = await own.get('/desk/budget/implementation');
    expect(mine.all('tbody th a')).toEqual(['1. Skwer wybrany']);
    expect((await stranger.get('/desk/budget/implementation')).text()).toContain('Nie ma projektów wybranych');
  });

  it('a paper support list: bad input and a forged form change nothing, then the signatures are counted once', async () => {
    const c = await signedIn(t, official);
    const page = await c.get(`/desk/budget/projects/${ids.park}/support-lists`);
    expect(page.h1).toBe('Podpisy z papierowych list poparcia');
    expect(page.doc.querySelectorAll('input[name="attachmentId"]').map((i) => i.getAttribute('value'))).toEqual([listId]);
    const bad = await c.submit(page, { signatures: 'dwanaście' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['attachmentId', 'signatures']);
    const negative = await c.submit(page, { attachmentId: listId, signatures: '-3' });
    expect(negative.status).toBe(422);
    expect(negative.errorSummary.map((e) => e.field)).toEqual(['signatures']);
    expect((await c.submit(page, { attachmentId: listId, signatures: '12' }, { drop: ['_csrf'] })).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM budget_support_lists WHERE project_id = $1`, [ids.park])).toBe(0);

    const done = await c.submit(page, { attachmentId: listId, signatures: '12' });
    expect(done.url).toBe(`/desk/budget/projects/${ids.park}/review`);
    expect(done.banner).toContain('Projekt park');
    const api = await as(official).get(`/api/v1/projects/${ids.park}/support-lists`).expect(200);
    expect(api.body.map((l: { signatures: number }) => l.signatures)).toEqual([12]);
    const after = await c.get(`/desk/budget/projects/${ids.park}/support-lists`);
    expect(after.text()).toContain('Nie ma nowych list poparcia do policzenia.');
    expect(after.text()).toContain('lista.pdf: 12 podpisów');
    // The same list again (an old form): the service's refusal on the form, nothing added.
    const twice = await c.submit(page, { attachmentId: listId, signatures: '5' });
    expect(twice.status).toBe(422);
    expect(twice.errorSummary).toHaveLength(1);
    expect(await count(`SELECT paper_signatures AS n FROM budget_projects WHERE id = $1`, [ids.park])).toBe(12);
  });

  it('a cost correction in złoty: bad amounts and a forged form change nothing, then the proposal is stored in grosze', async () => {
    const c = await signedIn(t, official);
    const page = await c.get(`/desk/budget/projects/${ids.park}/costs`);
    expect(page.h1).toBe('Korekta kosztu');
    expect(page.value('costItems.0.amount')).toBe('50000');
    const added = await c.submit(page, { action: 'add' });
    expect(added.status).toBe(200);
    expect(added.doc.querySelectorAll('input[name$=".amount"]')).toHaveLength(2);
    const bad = await c.submit(added, {
      action: 'save',
      'costItems.0.amount': '1,500',
      'costItems.1.description': 'Nasadzenia',
      'costItems.1.amount': '0',
      justification: '',
    });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['costItems.0.amount', 'costItems.1.amount', 'justification']);
    expect(bad.value('costItems.0.amount')).toBe('1,500');
    const csrf = await c.submit(
      added,
      { action: 'save', 'costItems.1.description': 'Nasadzenia', 'costItems.1.amount': '7 500,50', justification: 'Ceny miejskie.' },
      { drop: ['_csrf'] },
    );
    expect(csrf.status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM budget_cost_proposals WHERE project_id = $1`, [ids.park])).toBe(0);

    const done = await c.submit(added, {
      action: 'save',
      'costItems.1.description': 'Nasadzenia',
      'costItems.1.amount': '7 500,50',
      justification: 'Ceny według cennika miejskiego.',
    });
    expect(done.url).toBe(`/desk/budget/projects/${ids.park}/review`);
    expect(done.banner).toContain('Projekt park');
    const api = await t.http().get(`/api/v1/projects/${ids.park}/cost-proposals`).expect(200);
    expect(api.body).toHaveLength(1);
    expect(api.body[0]).toMatchObject({ total: 5_750_050, previousTotal: 5_000_000, status: 'pending' });
    expect(api.body[0].items).toEqual([
      { description: 'Koszt', amount: 5_000_000 },
      { description: 'Nasadzenia', amount: 750_050 },
    ]);
    // One pending at a time: a second proposal is the service's refusal on the form.
    const again = await c.get(`/desk/budget/projects/${ids.park}/costs`);
    expect(again.text()).toContain('czeka na autorów');
    const second = await c.submit(again, { action: 'save', justification: 'Jeszcze raz.' });
    expect(second.status).toBe(422);
    expect(await count(`SELECT count(*)::int AS n FROM budget_cost_proposals WHERE project_id = $1`, [ids.park])).toBe(1);
  });

  it('a merge: nothing ticked and a forged form change nothing, then the merge awaits the authors’ consent', async () => {
    const c = await signedIn(t, official);
    const page = await c.get(`/desk/budget/projects/${ids.park}/merge`);
    expect(page.h1).toBe('Połączenie projektów');
    expect(page.all('.govuk-checkboxes__label')).toEqual(['2. Projekt plac', '3. Projekt lawki']);
    const none = await c.submit(page, { justification: '' });
    expect(none.status).toBe(422);
    expect(none.errorSummary.map((e) => e.field)).toEqual(['projectIds']);
    const empty = await c.submit(page, { projectIds: ids.plac, justification: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(['justification']);
    expect((await c.submit(page, { projectIds: ids.plac, justification: 'Ten sam skwer.' }, { drop: ['_csrf'] })).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM budget_merges WHERE edition_id = $1`, [editionId])).toBe(0);

    const done = await c.submit(page, { projectIds: ids.plac, title: 'Park i plac', justification: 'Ten sam skwer.' });
    expect(done.url).toBe(`/desk/budget/projects/${ids.park}/review`);
    expect(done.banner).toContain('Projekt park');
    const [{ id }] = (await db.query(`SELECT id FROM budget_merges WHERE edition_id = $1`, [editionId])) as Array<{ id: string }>;
    const merge = await as(anna).get(`/api/v1/merges/${id}`).expect(200);
    expect(merge.body).toMatchObject({ targetId: ids.park, sourceIds: [ids.plac], title: 'Park i plac', status: 'pending' });
    // Another merge of the same project waits on this one: the service's refusal on the form.
    const busy = await c.submit(page, { projectIds: ids.lawki, justification: 'Też tu.' });
    expect(busy.status).toBe(422);
    expect(busy.errorSummary).toHaveLength(1);
  });

  it('a group of mutually exclusive projects: bad input and a forged form change nothing, then made and removed', async () => {
    const c = await signedIn(t, official);
    const page = await c.get(`/desk/budget/projects/${ids.lawki}/exclusions`);
    expect(page.h1).toBe('Projekty wykluczające się');
    expect(page.text()).toContain('Projekt nie należy do żadnej grupy.');
    const bad = await c.submit(page, { reason: '' }, { form: '#new-group' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['projectIds', 'reason']);
    expect((await c.submit(page, { projectIds: ids.park, reason: 'Ta sama działka.' }, { form: '#new-group', drop: ['_csrf'] })).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM budget_exclusion_groups WHERE edition_id = $1`, [editionId])).toBe(0);

    const done = await c.submit(page, { projectIds: ids.park, reason: 'Ta sama działka.' }, { form: '#new-group' });
    expect(done.url).toBe(`/desk/budget/projects/${ids.lawki}/exclusions`);
    expect(done.banner).toBe('Grupa projektów wykluczających się została utworzona.');
    expect(done.text()).toContain('Z projektami: 1. Projekt park');
    const api = await t.http().get(`/api/v1/editions/${editionId}/exclusions`).expect(200);
    expect(api.body).toHaveLength(1);
    expect([...api.body[0].projectIds].sort()).toEqual([ids.park, ids.lawki].sort());
    expect(api.body[0].reason).toBe('Ta sama działka.');

    const forged = await c.submit(done, {}, { form: 'form[action$="/remove"]', drop: ['_csrf'] });
    expect(forged.status).toBe(403);
    const removed = await c.submit(done, {}, { form: 'form[action$="/remove"]' });
    expect(removed.banner).toBe('Grupa projektów wykluczających się została usunięta.');
    expect((await t.http().get(`/api/v1/editions/${editionId}/exclusions`).expect(200)).body).toEqual([]);
  });

  it('implementation: bad updates and a forged form change nothing; an update is published, a photo added, visible through the API', async () => {
    const c = await signedIn(t, official);
    const path = `/desk/budget/projects/${selectedId}/implementation`;
    const page = await c.get(path);
    expect(page.h1).toBe('Realizacja projektu');
    expect(page.text()).toContain('Stan: Planowany, 0%.');
    expect(page.doc.querySelector('form[enctype="multipart/form-data"]')).toBeNull();
    const today = new Date().toISOString().slice(0, 10);
    const bad = await c.submit(page, { percent: 'dużo', note: '', happenedOn: '12.06.2027' });
    expect(bad.status).toBe(422);
    expect(bad.errorSummary.map((e) => e.field)).toEqual(['status', 'percent', 'note', 'happenedOn']);
    // The service's own rule: abandoned needs a reason.
    const noReason = await c.submit(page, { status: 'abandoned', note: 'Koniec.', happenedOn: today });
    expect(noReason.status).toBe(422);
    expect(noReason.errorSummary.map((e) => e.field)).toEqual(['reason']);
    expect((await c.submit(page, { status: 'implementing', percent: '40', note: 'Trwają prace.', happenedOn: today }, { drop: ['_csrf'] })).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM budget_implementation_updates WHERE project_id = $1`, [selectedId])).toBe(0);

    const done = await c.submit(page, { status: 'implementing', percent: '40', note: 'Trwają prace ziemne.', happenedOn: today });
    expect(done.url).toBe(path);
    expect(done.banner).toContain('Skwer wybrany');
    expect(done.text()).toContain('Stan: W realizacji, 40%.');
    // A lower percentage: the service's refusal, named on its field.
    const lower = await c.submit(done, { status: 'implementing', percent: '10', note: 'Mniej?', happenedOn: today }, { form: 'main form:not([enctype])' });
    expect(lower.status).toBe(422);
    expect(lower.errorSummary.map((e) => e.field)).toEqual(['percent']);

    // The photo: none chosen, a file that is not an image, a forged form — then a PNG.
    const empty = await c.upload(done, null);
    expect(empty.status).toBe(422);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(['file']);
    const notImage = await c.upload(done, { name: 'zdjecie.png', type: 'image/png', content: PDF });
    expect(notImage.status).toBe(422);
    expect((await c.upload(done, { name: 'plac.png', type: 'image/png', content: PNG }, {}, { drop: ['_csrf'] })).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM budget_implementation_photos`, [])).toBe(0);
    const photo = await c.upload(done, { name: 'plac.png', type: 'image/png', content: PNG });
    expect(photo.url).toBe(path);
    expect(photo.banner).toContain('plac.png');

    const api = await t.http().get(`/api/v1/projects/${selectedId}/implementation`).expect(200);
    expect(api.body).toMatchObject({ status: 'implementing', percent: 40 });
    expect(api.body.updates).toHaveLength(1);
    expect(api.body.updates[0].note).toBe('Trwają prace ziemne.');
    expect(api.body.updates[0].photos.map((p: { fileName: string }) => p.fileName)).toEqual(['plac.png']);
  });
});
