import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { randomUUID } from 'node:crypto';
import { createArea } from '../factories/areas.factory';
import { createSubscribers, publishEvent, settled } from '../factories/notifications.factory';
import { actingAs, createUser, signedIn, TestUser } from '../factories/users.factory';

describe('the desk’s administration: areas, accounts and roles (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let resident: TestUser;
  let city: string;
  let district: string;

  const areaRow = async (name: string) =>
    ((await db.query(`SELECT id, kind, parent_id, resident_count FROM areas WHERE name = $1`, [name])) as Array<Record<string, unknown>>)[0];
  const grants = async (userId: string) =>
    (
      (await db.query(`SELECT role, area_id FROM user_roles WHERE user_id = $1 ORDER BY role, area_id`, [userId])) as Array<{
        role: string;
        area_id: string | null;
      }>
    ).map((g) => `${g.role}:${g.area_id ?? '*'}`);

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 480_000 });
    district = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 60_000 });
    admin = await createUser(t, { displayName: 'Ada Admin', grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { displayName: 'Olga Urzędniczka', grants: [{ role: 'official', areaId: district }] });
    resident = await createUser(t, { displayName: 'Roman Mieszkaniec' });
  });
  afterAll(() => t.close());

  it('route × role: anonymous → sign in, resident and official → 403, admin → 200; unknown ids → 404', async () => {
    const paths = [
      '/desk/admin/jobs',
      '/desk/admin/areas',
      '/desk/admin/areas/new',
      `/desk/admin/areas/${district}`,
      '/desk/admin/accounts',
      `/desk/admin/accounts/${resident.id}`,
    ];
    const anon = new PageClient(t.app);
    for (const p of paths) expect([p, (await anon.get(p, { follow: false })).status]).toEqual([p, 303]);
    for (const u of [resident, official]) {
      const c = await signedIn(t, u);
      for (const p of paths) expect([p, (await c.get(p)).status]).toEqual([p, 403]);
    }
    const a = await signedIn(t, admin);
    for (const p of paths) expect([p, (await a.get(p)).status]).toEqual([p, 200]);
    expect((await a.get('/desk/admin/areas/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await a.get('/desk/admin/areas/not-an-id')).status).toBe(404);
    expect((await a.get('/desk/admin/accounts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await a.get('/desk/admin/accounts?page=0')).status).toBe(404);
    expect((await a.get('/desk/admin/accounts?page=9')).status).toBe(404);
    const part = await a.get('/desk/admin');
    expect(part.all('main a')).toEqual(expect.arrayContaining(['Konta i role', 'Obszary miasta']));
  });

  it('areas: the tree with resident counts; adding one with bad input changes nothing, then adding and changing it', async () => {
    const a = await signedIn(t, admin);
    const list = await a.get('/desk/admin/areas');
    expect(list.all('tbody th')).toEqual(['Gdańsk', 'Wrzeszcz']);
    expect(list.text('tbody')).toMatch(/480\s000/);

    let form = await a.get('/desk/admin/areas/new');
    let res = await a.submit(form, { name: '', kind: 'neighbourhood', parentId: '', residentCount: 'dużo' });
    expect(res.status).toBe(422);
    expect(res.errorSummary.map((e) => e.field)).toEqual(['residentCount']);
    res = await a.submit(form, { name: 'Strzyża', kind: 'neighbourhood', parentId: '', residentCount: '8 500' });
    expect(res.status).toBe(422);
    expect(res.errorSummary[0].text).toBe('Dzielnica i osiedle muszą mieć obszar nadrzędny.');
    expect(await areaRow('Strzyża')).toBeUndefined();

    res = await a.submit(form, { name: 'Strzyża', kind: 'neighbourhood', parentId: district, residentCount: '8 500' });
    expect(res.status).toBe(200);
    expect(res.banner).toBe('Dodano obszar „Strzyża”.');
    expect(res.all('tbody th')).toEqual(['Gdańsk', 'Wrzeszcz', 'Strzyża']);
    const added = await areaRow('Strzyża');
    expect(added).toMatchObject({ kind: 'neighbourhood', parent_id: district, resident_count: 8500 });

    form = await a.get(`/desk/admin/areas/${added.id as string}`);
    expect(form.doc.querySelector('#name')?.getAttribute('value')).toBe('Strzyża');
    // The area itself and neighbourhoods are not offered as its parent.
    expect(form.doc.querySelectorAll('#parentId option').map((o) => o.textContent)).toEqual(['Brak (miasto)', 'Gdańsk', '— Wrzeszcz']);
    res = await a.submit(form, { parentId: city, residentCount: '9000' });
    expect(res.banner).toBe('Zapisano obszar „Strzyża”.');
    expect(await areaRow('Strzyża')).toMatchObject({ parent_id: city, resident_count: 9000 });
  });

  it('a POST without the CSRF token changes nothing', async () => {
    const a = await signedIn(t, admin);
    const res = await a.post('/desk/admin/areas/new', { name: 'Oliwa', kind: 'district', parentId: city, residentCount: '1' });
    expect(res.status).toBe(403);
    expect(await areaRow('Oliwa')).toBeUndefined();
  });

  it('accounts: found by a part of the address or name and by role, paged; roles replaced with their area scopes', async () => {
    const a = await signedIn(t, admin, { 'accept-language': 'pl' });
    let list = await a.get('/desk/admin/accounts?q=roman');
    expect(list.all('tbody th')).toEqual(['Roman Mieszkaniec']);
    list = await a.get('/desk/admin/accounts?role=official');
    expect(list.all('tbody th')).toEqual(['Olga Urzędniczka']);
    expect(list.text('tbody')).toContain('Urzędnik (obszary: Wrzeszcz)');
    // The API answers the same search.
    const api = await actingAs(t, admin).get('/api/v1/users?role=official').expect(200);
    expect(api.body).toMatchObject({ total: 1, page: 1, items: [{ id: official.id, grants: [{ role: 'official', areaIds: [district] }] }] });

    let page = await a.get(`/desk/admin/accounts/${resident.id}`);
    expect(page.h1).toBe('Roman Mieszkaniec');
    // "Selected areas" with none ticked: the form again, nothing changed.
    let res = await a.submit(page, { scope_official: 'some', areas_official: [] });
    expect(res.status).toBe(422);
    expect(res.errorSummary.map((e) => e.field)).toEqual(['areas_official']);
    expect(await grants(resident.id)).toEqual([]);

    res = await a.submit(page, { scope_official: 'some', areas_official: [district], scope_moderator: 'all' });
    expect(res.banner).toBe(`Zapisano role konta ${resident.email}.`);
    expect(await grants(resident.id)).toEqual(['moderator:*', `official:${district}`]);
    expect(res.doc.querySelector('input[name="scope_official"][value="some"]')?.hasAttribute('checked')).toBe(true);

    // The last unrestricted administrator keeps the role: the service's refusal on the form.
    page = await a.get(`/desk/admin/accounts/${admin.id}`);
    res = await a.submit(page, { admin: 'no' });
    expect(res.status).toBe(409);
    expect(res.errorSummary[0].text).toBe('Nie można odebrać roli ostatniemu administratorowi.');
    expect(await grants(admin.id)).toEqual(['admin:*']);
  });

  it('mail deliveries: officials see the failed ones on the desk and in the list, and a retry sends the mail again', async () => {
    const consultationId = randomUUID();
    const [to] = await createSubscribers(t, 1, { topics: [`consultation:${consultationId}`], prefix: 'desk-mail' });
    const event = await publishEvent(t, {
      kind: 'consultation.opened',
      facts: { consultationId, title: 'Skwer przy dworcu', closesAt: '2026-12-20T23:59:00Z' },
      topics: [`consultation:${consultationId}`],
    });
    await settled(t, event);
    // The delivery refused by the mail server (the refusal itself is the notifications spec's).
    await db.query(`UPDATE deliveries SET status = 'failed', failed_at = now(), last_error = '550 mailbox unavailable' WHERE event_id = $1`, [event]);

    const o = await signedIn(t, official);
    const desk = await o.get('/desk');
    expect(desk.text()).toMatch(/Nieudane wysyłki e-maili\s*1/);
    const list = await o.get('/desk/admin/deliveries?status=failed');
    expect(list.status).toBe(200);
    expect(list.text('tbody')).toContain('550 mailbox unavailable');
    expect(list.text('tbody')).not.toContain(to);
    const res = await o.submit(list, {}, { form: 'tbody form' });
    expect(res.banner).toBe('Wysyłka wróciła do kolejki.');
    expect(await settled(t, event)).toEqual({ sent: 1 });
    expect((await o.get('/desk/admin/deliveries?status=failed')).text()).toContain('Nic tu nie czeka.');
    const plain = await createUser(t);
    expect((await (await signedIn(t, plain)).get('/desk/admin/deliveries')).status).toBe(403);
  });

  it('the job queues: the outbox by queue and job, read only, for administrators', async () => {
    const a = await signedIn(t, admin);
    const page = await a.get('/desk/admin/jobs');
    expect(page.h1).toBe('Kolejki zadań');
    expect(page.text()).toMatch(/Tryb: (zadania wykonywane w procesie serwera|kolejki w Redis)/);
    expect(page.doc.querySelectorAll('main form')).toHaveLength(0);
    expect((await (await signedIn(t, official)).get('/desk/admin/jobs')).status).toBe(403);
  });

  it('an account registered as an organisation’s (name, KRS) from its page; a bad KRS changes nothing', async () => {
    const ngo = await createUser(t, { displayName: 'Fundacja Konto' });
    const a = await signedIn(t, admin);
    const account = await a.get(`/desk/admin/accounts/${ngo.id}`);
    let page = await a.get(account.doc.querySelector(`a[href="/desk/admin/accounts/${ngo.id}/organisation"]`)!.getAttribute('href')!);
    expect(page.text()).toContain('To konto nie jest jeszcze kontem organizacji.');
    let res = await a.submit(page, { name: 'Fundacja Zielony Wrzeszcz', krs: '12345' });
    expect(res.status).toBe(422);
    expect(res.errorSummary).toEqual([{ text: 'Numer KRS to 10 cyfr, np. 0000123456.', field: 'krs' }]);
    expect(await db.query(`SELECT 1 FROM organisations WHERE user_id = $1`, [ngo.id])).toHaveLength(0);
    res = await a.submit(page, { name: 'Fundacja Zielony Wrzeszcz', krs: '0000 123 456' });
    expect(res.banner).toBe('Zapisano organizację „Fundacja Zielony Wrzeszcz”.');
    expect(await db.query(`SELECT name, krs FROM organisations WHERE user_id = $1`, [ngo.id])).toEqual([
      { name: 'Fundacja Zielony Wrzeszcz', krs: '0000123456' },
    ]);
    page = await a.get(`/desk/admin/accounts/${ngo.id}/organisation`);
    expect(page.text()).toContain('Obecnie: Fundacja Zielony Wrzeszcz, KRS 0000123456.');
    expect((await (await signedIn(t, official)).get(`/desk/admin/accounts/${ngo.id}/organisation`)).status).toBe(403);
  });

  it('requests to delete accounts: counted on the desk with their deadline; declined only with a reason; carried out, the account anonymised', async () => {
    const ask = async (u: TestUser, reason?: string) =>
      (await actingAs(t, u).post('/api/v1/me/deletion-request').send({ currentPassword: u.password, reason }).expect(201)).body.id as string;
    const ewa = await createUser(t, { displayName: 'Ewa Odchodząca' });
    const jan = await createUser(t, { displayName: 'Jan Zostający' });
    const ewaRequest = await ask(ewa, 'Wyprowadzam się z miasta.');
    const janRequest = await ask(jan);

    for (const u of [resident, official]) expect((await (await signedIn(t, u)).get('/desk/admin/deletions')).status).toBe(403);
    expect((await new PageClient(t.app).get('/desk/admin/deletions', { follow: false })).status).toBe(303);
    const a = await signedIn(t, admin);
    const desk = await a.get('/desk/admin');
    const row = desk.doc.querySelectorAll('table tr').find((tr) => tr.text.includes('Wnioski o usunięcie konta'));
    expect(row?.querySelector('td')?.text.trim()).toBe('2');
    expect((await (await signedIn(t, official)).get('/desk/admin')).text()).not.toContain('Wnioski o usunięcie konta');

    const list = await a.get('/desk/admin/deletions');
    expect(list.all('main tbody th').map((th) => th.split(ewa.email)[0].split(jan.email)[0].trim())).toEqual(['Ewa Odchodząca', 'Jan Zostający']);
    expect((await a.get('/desk/admin/deletions?page=2')).status).toBe(404);
    expect((await a.get(`/desk/admin/deletions/${randomUUID()}`)).status).toBe(404);

    // Declining needs a reason: the form again, nothing decided; a forged form is refused.
    let page = await a.get(`/desk/admin/deletions/${janRequest}`);
    expect(page.h1).toBe('Wniosek o usunięcie konta: Jan Zostający');
    expect(page.text()).toContain('(nie podano)');
    const declineForm = `main form[action="/desk/admin/deletions/${janRequest}/decline"]`;
    const noReason = await a.submit(page, { declineNote: '  ' }, { form: declineForm });
    expect(noReason.status).toBe(422);
    expect(noReason.fieldError('declineNote')).toBeTruthy();
    expect((await a.submit(page, { declineNote: 'Obowiązek archiwizacji.' }, { form: declineForm, drop: ['_csrf'] })).status).toBe(403);
    const status = async (id: string) =>
      ((await db.query(`SELECT status FROM account_deletion_requests WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
    expect(await status(janRequest)).toBe('pending');
    const declined = await a.submit(
      page,
      { declineNote: 'Trwa postępowanie dotyczące Pana projektu; dane przechowujemy do jego końca.' },
      { form: declineForm },
    );
    expect(declined.banner).toBe(`Odmówiono usunięcia konta ${jan.email}.`);
    expect(await status(janRequest)).toBe('declined');
    expect((await a.get(`/desk/admin/deletions/${janRequest}`)).status).toBe(404);

    // Carried out: the account is anonymised and can no longer sign in.
    page = await a.get(`/desk/admin/deletions/${ewaRequest}`);
    expect(page.text()).toContain('Wyprowadzam się z miasta.');
    const done = await a.submit(page, { completeNote: 'Sprawa 12/2026' }, { form: `main form[action="/desk/admin/deletions/${ewaRequest}/complete"]` });
    expect(done.banner).toBe(`Konto ${ewa.email} zostało zanonimizowane.`);
    expect(done.text()).toContain('Nie ma wniosków do rozpatrzenia.');
    expect(await status(ewaRequest)).toBe('completed');
    const gone = (await db.query(`SELECT email, disabled_at FROM users WHERE id = $1`, [ewa.id])) as Array<{ email: string; disabled_at: Date | null }>;
    expect(gone[0].email).toMatch(/@deleted\.invalid$/);
    expect(gone[0].disabled_at).not.toBeNull();
    await t.http().post('/api/v1/auth/login').send({ email: ewa.email, password: ewa.password }).expect(401);
  });
});
