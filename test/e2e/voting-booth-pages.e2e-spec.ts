import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient, type Page } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { bearer, createUser, TestUser } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';

interface Setup {
  editionId: string;
  pools: Record<'city' | 'green' | 'a' | 'b', string>;
  projects: Record<'city' | 'green' | 'a' | 'b', string[]>;
}

/**
 * The voting booth through the app, as a browser without JavaScript uses it: start, identity (the API's own checks
 * on each field), pools, one ballot per vote type (approval with a cost cap and its meter, choose-1, cumulative,
 * ordinal), review, cast, the mailed code, the receipt; the already-voted, not-open and closed pages; "did my vote
 * count?". Choices never appear in an address, a cookie or the database in clear.
 */
describe('voting booth pages (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let city: string;
  let oliwa: string;
  let wrzeszcz: string;
  let main: Setup;
  let n = 0;

  const api = (u: TestUser) => ({
    post: (p: string) =>
      t
        .http()
        .post(p)
        .set(...bearer(u.token)),
    put: (p: string) =>
      t
        .http()
        .put(p)
        .set(...bearer(u.token)),
    patch: (p: string) =>
      t
        .http()
        .patch(p)
        .set(...bearer(u.token)),
  });

  /** An edition with four pools on the ballot: approval with a cost cap (city), choose-1 (city), cumulative (Oliwa), ordinal (Wrzeszcz). */
  async function setup(phase: 'voting' | 'ballot_list' | 'vote_verification' = 'voting', policy: Record<string, unknown> = {}): Promise<Setup> {
    n += 1;
    const e = await api(admin)
      .post('/api/v1/admin/editions')
      .send({ name: `BO Gdańsk ${n}`, year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    const editionId = e.body.id as string;
    const addPool = async (name: string, areaId: string | null) =>
      (
        await api(admin).post(`/api/v1/admin/editions/${editionId}/pools`).send({ name, areaId, amount: 100_000_000, signaturesRequired: 0 }).expect(201)
      ).body.pools.find((p: { name: string }) => p.name === name).id as string;
    const pools = {
      city: await addPool('Ogólnomiejska', null),
      green: await addPool('Zielona', city),
      a: await addPool('Oliwa', oliwa),
      b: await addPool('Wrzeszcz', wrzeszcz),
    };
    let number = 0;
    const project = async (pool: string, cost: number) => {
      number += 1;
      const [{ id }] = (await db.query(
        `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by, ballot_position) VALUES ($1, $2, $3, 'on_ballot', $4, $5, $6, $3) RETURNING id`,
        [editionId, pool, number, `Projekt ${number}`, cost, admin.id],
      )) as Array<{ id: string }>;
      return id;
    };
    const projects = {
      city: [
        await project(pools.city, 400_000_00),
        await project(pools.city, 300_000_00),
        await project(pools.city, 200_000_00),
        await project(pools.city, 100_000_00),
      ],
      green: [await project(pools.green, 50_000_00), await project(pools.green, 60_000_00)],
      a: [await project(pools.a, 10_000_00), await project(pools.a, 20_000_00), await project(pools.a, 30_000_00)],
      b: [await project(pools.b, 10_000_00), await project(pools.b, 20_000_00), await project(pools.b, 30_000_00), await project(pools.b, 40_000_00)],
    };
    for (const [k, ids] of Object.entries(projects)) {
      await db.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, project_ids) VALUES ($1, $2, 'alphabetical', $3)`, [
        editionId,
        pools[k as keyof typeof pools],
        ids,
      ]);
    }
    await api(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    await api(admin).put(`/api/v1/admin/editions/${editionId}/voting-policy`).send(policy).expect(200);
    const spec = (pool: string, s: Record<string, unknown>) => api(admin).put(`/api/v1/admin/pools/${pool}/ballot-spec`).send(s).expect(200);
    await spec(pools.city, { voteType: 'approval', minLength: 1, maxLength: 3, maxSumCost: 600_000_00 });
    await spec(pools.green, { voteType: 'choose-1' });
    await spec(pools.a, { voteType: 'cumulative', minLength: 1, pointsTotal: 5, maxPointsPerProject: 3 });
    await spec(pools.b, { voteType: 'ordinal', maxLength: 3, exactLength: true });
    if (phase !== 'ballot_list')
      await api(admin)
        .patch(`/api/v1/admin/editions/${editionId}`)
        .send({ phases: scheduleWith(phase) })
        .expect(200);
    return { editionId, pools, projects };
  }

  const vote = (s: Setup, rest = '') => `/budget/${s.editionId}/vote${rest}`;
  let voter = 0;
  const person = () => {
    voter += 1;
    return { firstName: 'Anna', lastName: `Nowak-${voter}`, email: `anna.${voter}@example.pl` };
  };

  /** From the start page to the first ballot, as a voter of Oliwa. */
  async function toFirstBallot(client: PageClient, s: Setup, who: { firstName: string; lastName: string; email: string }): Promise<Page> {
    const start = await client.get(vote(s));
    const identity = await client.submit(start, {});
    expect(identity.url).toBe(vote(s, '/identity'));
    const pools = await client.submit(identity, { ...who, areaId: oliwa });
    expect(pools.url).toBe(vote(s, '/pools'));
    return client.submit(pools, {});
  }

  beforeAll(async () => {
    t = await createTestApp({ VOTING_IP_LIMIT_PER_MINUTE: '100000' });
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 400_000 });
    oliwa = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    wrzeszcz = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    main = await setup();
  });

  afterAll(async () => {
    await t.close();
  });

  it('the start page says what is decided, until when, who may vote, how the vote is confirmed, and that it is secret', async () => {
    const page = await new PageClient(t.app).get(vote(main));
    expect(page.status).toBe(200);
    expect(page.h1).toBe(`Głosowanie: BO Gdańsk 1`);
    const text = page.text();
    for (const pool of ['Ogólnomiejska', 'Zielona', 'Oliwa', 'Wrzeszcz']) expect(text).toContain(pool);
    expect(text).toContain('Każdy mieszkaniec i każda mieszkanka miasta — raz.');
    expect(text).toContain('(najwyżej 1)');
    expect(text).toContain('Podasz: imię, nazwisko, obszar zamieszkania, adres e-mail.');
    expect(text).toContain('Na podany adres wyślemy 6-cyfrowy kod.');
    expect(text).toContain('Nikt nie widzi, na co głosujesz.');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('a resident votes from the start to the receipt: each step checks its fields as the API does; the choices stay in an encrypted draft', async () => {
    const client = new PageClient(t.app);
    const who = person();
    const start = await client.get(vote(main));
    const identity = await client.submit(start, {});
    // The identity: empty → every required field named; no e-mail under email_code → the API's own words.
    const empty = await client.submit(identity, {});
    expect(empty.status).toBe(422);
    expect(empty.errorSummary.map((e) => e.field)).toEqual(expect.arrayContaining(['firstName', 'lastName', 'areaId']));
    const noMail = await client.submit(identity, { firstName: who.firstName, lastName: who.lastName, areaId: oliwa });
    expect(noMail.status).toBe(422);
    expect(noMail.fieldError('email')).toContain('Podaj adres e-mail: wyślemy na niego kod potwierdzający głos.');
    expect(noMail.value('firstName')).toBe('Anna');
    const pools = await client.submit(identity, { ...who, areaId: oliwa });
    // Pools: the city-wide ones and Oliwa's (not Wrzeszcz's), all ticked.
    expect(pools.all('input[name="pools"] + label')).toEqual(['Ogólnomiejska', 'Zielona', 'Oliwa']);
    expect(pools.value('pools')).toEqual([main.pools.city, main.pools.green, main.pools.a]);
    const none = await client.submit(pools, { pools: [] });
    expect(none.status).toBe(422);
    expect(none.fieldError('pools')).toContain('Wybierz co najmniej jedną pulę.');
    const ballot = await client.submit(pools, {});
    expect(ballot.url).toBe(vote(main, `/pools/${main.pools.city}`));
    expect(ballot.h1).toBe('Karta do głosowania: Ogólnomiejska');
    expect(ballot.text('#rules')).toBe('Zaznacz od 1 do 3 projektów. Łączny koszt wybranych projektów nie może przekroczyć 600 000 zł.');
    expect(ballot.text('#meter')).toBe('Wybrano 0 projektów za 0 zł z 600 000 zł.');
    // Over the cap: the API's reason on the list; "check my choices" computes the meter without JavaScript.
    const over = await client.submit(ballot, { projectIds: [main.projects.city[0], main.projects.city[1]], check: '1' });
    expect(over.status).toBe(422);
    expect(over.fieldError('projectIds')).toContain('przekracza limit 600000.00 zł');
    expect(over.text('#meter')).toBe('Wybrano 2 projekty za 700 000 zł z 600 000 zł.');
    const checked = await client.submit(ballot, { projectIds: [main.projects.city[0], main.projects.city[2]], check: '1' });
    expect(checked.status).toBe(200);
    expect(checked.text('#meter')).toBe('Wybrano 2 projekty za 600 000 zł z 600 000 zł.');
    expect(checked.text('main')).toContain('Twój wybór jest zgodny z zasadami tej puli.');
    // "About this project" keeps the ticks: the project's page, then the ballot again with them.
    const shown = await client.submit(checked, { projectIds: [main.projects.city[0], main.projects.city[2]], show: main.projects.city[3] }, { follow: false });
    expect(shown.status).toBe(303);
    expect(shown.location).toBe(`/projects/${main.projects.city[3]}`);
    const back = await client.get(vote(main, `/pools/${main.pools.city}`));
    expect(back.value('projectIds')).toEqual([main.projects.city[0], main.projects.city[2]]);
    const green = await client.submit(back, {});
    expect(green.h1).toBe('Karta do głosowania: Zielona');
    expect((await client.submit(green, {})).fieldError('projectIds')).toContain('wskazano 0 projektów, a trzeba co najmniej 1');
    const oliwaBallot = await client.submit(green, { projectIds: main.projects.green[1] });
    expect(oliwaBallot.h1).toBe('Karta do głosowania: Oliwa');
    expect(oliwaBallot.text('#meter')).toBe('Zostało 5 punktów do rozdzielenia.');
    const [p1, p2, p3] = main.projects.a;
    const tooMany = await client.submit(oliwaBallot, { [`points.${p1}`]: '4', [`points.${p2}`]: 'dwa' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.fieldError(`points.${p2}`)).toContain('Wpisz liczbę całkowitą od 0 do 3.');
    const overMax = await client.submit(oliwaBallot, { [`points.${p1}`]: '4' });
    expect(overMax.fieldError(`points.${p1}`)).toContain('4 punktów dla jednego projektu, a można najwyżej 3.');
    const review = await client.submit(oliwaBallot, { [`points.${p1}`]: '3', [`points.${p2}`]: '2', [`points.${p3}`]: '' });
    expect(review.url).toBe(vote(main, '/review'));
    expect(review.text('main')).toContain('1. Projekt 1');
    expect(review.text('main')).toContain('Projekt 3');
    expect(review.text(`#pool-${main.pools.a}`)).toContain('7. Projekt 7 — 3 pkt');
    expect(review.text(`#pool-${main.pools.a}`)).toContain('8. Projekt 8 — 2 pkt');
    expect(review.text('main')).toContain(`Anna ${who.lastName}, Oliwa, ${who.email}`);
    // The draft: encrypted, nothing of the voter or the choices readable in the database.
    const drafts = (await db.query(`SELECT state FROM booth_drafts WHERE edition_id = $1`, [main.editionId])) as Array<{ state: Buffer }>;
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) for (const secret of [who.lastName, who.email, main.projects.city[0]]) expect(d.state.toString('latin1')).not.toContain(secret);
    // No declaration: refused, nothing cast.
    const undeclared = await client.submit(review, {});
    expect(undeclared.status).toBe(422);
    expect(undeclared.fieldError('declaration')).toContain('Potwierdź oświadczenie');
    const ballots = async () =>
      ((await db.query(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1`, [main.editionId])) as Array<{ n: number }>)[0].n;
    const before = await ballots();
    expect(before).toBe(0);
    const confirm = await client.submit(review, { declaration: 'yes' });
    expect(confirm.url).toBe(vote(main, '/confirm'));
    expect(confirm.h1).toBe('Wpisz kod z wiadomości e-mail');
    const reference = /Numer Twojego głosu: (\S+)/.exec(confirm.text('main'))![1];
    expect(await ballots()).toBe(1);
    // A wrong code: the attempts left; then the mailed one.
    const wrong = await client.submit(confirm, { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.fieldError('code')).toMatch(/Nieprawidłowy kod|pozostało|prób/i);
    const mail = await mailTo(t, who.email, reference);
    const code = /(\d{6})/.exec(mail)![1];
    const done = await client.submit(wrong, { code });
    expect(done.url).toBe(vote(main, '/done'));
    expect(done.text('.govuk-panel__title')).toBe('Twój głos został oddany');
    expect(done.text('#reference')).toBe(reference);
    expect(done.doc.querySelector(`a[href="/ballots/${reference}"]`)).not.toBeNull();
    // What was cast: exactly the choices made.
    const rows = (await db.query(
      `SELECT c.pool_id, c.project_id, c.points FROM ballot_choices c JOIN ballots b ON b.id = c.ballot_id WHERE b.reference = $1 ORDER BY c.pool_id, c.project_id`,
      [reference],
    )) as Array<{ pool_id: string; project_id: string; points: number }>;
    const want = [
      { pool_id: main.pools.city, project_id: main.projects.city[0], points: 1 },
      { pool_id: main.pools.city, project_id: main.projects.city[2], points: 1 },
      { pool_id: main.pools.green, project_id: main.projects.green[1], points: 1 },
      { pool_id: main.pools.a, project_id: p1, points: 3 },
      { pool_id: main.pools.a, project_id: p2, points: 2 },
    ].sort((x, y) => x.pool_id.localeCompare(y.pool_id) || x.project_id.localeCompare(y.project_id));
    expect(rows).toEqual(want);
    // Did my vote count? Yes.
    const check = await client.get(`/ballots/${reference}`);
    expect(check.h1).toBe(`Głos ${reference}`);
    expect(check.text('main')).toContain('Głos jest ważny i zostanie policzony.');
    // Choices were never in an address or a cookie.
    for (const p of client.visited)
      for (const id of [...main.projects.city, ...main.projects.a]) expect(p.url.includes(id) && !p.url.startsWith('/projects/')).toBe(false);
    for (const c of ['civitas_booth']) expect(client.cookie(c) ?? '').not.toMatch(new RegExp(main.projects.city.join('|')));
  });

  it('the same person again: the already-voted page, nothing more cast', async () => {
    const who = person();
    const first = new PageClient(t.app);
    const ballot = await toFirstBallot(first, main, who);
    const second = new PageClient(t.app);
    const ballot2 = await toFirstBallot(second, main, who);
    for (const [c, b] of [
      [first, ballot],
      [second, ballot2],
    ] as const) {
      let page = await c.submit(b, { projectIds: main.projects.city[3] });
      page = await c.submit(page, { projectIds: main.projects.green[0] });
      page = await c.submit(page, { [`points.${main.projects.a[0]}`]: '1' });
      expect(page.url).toBe(vote(main, '/review'));
      page = await c.submit(page, { declaration: 'yes' });
      if (c === second) {
        expect(page.status).toBe(409);
        expect(page.h1).toBe('Już zagłosowano');
        expect(page.text('main')).toContain('Każda osoba głosuje raz, a pierwszy głos się liczy.');
      } else expect(page.url).toBe(vote(main, '/confirm'));
    }
  });

  it('two clicks on "cast my vote" at once cast one ballot (the draft is the idempotency key)', async () => {
    const client = new PageClient(t.app);
    let page = await toFirstBallot(client, main, person());
    page = await client.submit(page, { projectIds: main.projects.city[3] });
    page = await client.submit(page, { projectIds: main.projects.green[0] });
    const review = await client.submit(page, { [`points.${main.projects.a[0]}`]: '1' });
    const count = async () => ((await db.query(`SELECT count(*)::int AS n FROM ballots WHERE edition_id = $1`, [main.editionId])) as Array<{ n: number }>)[0].n;
    const before = await count();
    const answers = await Promise.all([1, 2, 3].map(() => client.submit(review, { declaration: 'yes' }, { follow: false })));
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303]);
    expect(new Set(answers.map((a) => a.location))).toEqual(new Set([vote(main, '/confirm')]));
    expect(await count()).toBe(before + 1);
  });

  it('ordinal: places in order, a project twice refused on its place, a gap refused; choose-1 a radio', async () => {
    const client = new PageClient(t.app);
    const start = await client.get(vote(main));
    const identity = await client.submit(start, {});
    const pools = await client.submit(identity, { ...person(), areaId: wrzeszcz });
    expect(pools.all('input[name="pools"] + label')).toEqual(['Ogólnomiejska', 'Zielona', 'Wrzeszcz']);
    const ballot = await client.submit(pools, { pools: main.pools.b });
    expect(ballot.h1).toBe('Karta do głosowania: Wrzeszcz');
    expect(ballot.doc.querySelectorAll('select[name^="rank."]').length).toBe(3);
    const [b1, b2, b3] = main.projects.b;
    const twice = await client.submit(ballot, { 'rank.1': b1, 'rank.2': b1, 'rank.3': b2 });
    expect(twice.status).toBe(422);
    expect(twice.fieldError('rank.2')).toContain('ten projekt wskazano więcej niż raz');
    const gap = await client.submit(ballot, { 'rank.1': '', 'rank.2': b1, 'rank.3': b2 });
    expect(gap.fieldError('rank.1')).toContain('Wypełnij miejsca po kolei');
    const short = await client.submit(ballot, { 'rank.1': b1, 'rank.2': b2, 'rank.3': '' });
    expect(short.fieldError('rank.1')).toContain('trzeba uszeregować dokładnie 3 projekty');
    const review = await client.submit(ballot, { 'rank.1': b3, 'rank.2': b1, 'rank.3': b2 });
    expect(review.url).toBe(vote(main, '/review'));
    expect(review.all(`#pool-${main.pools.b} .govuk-summary-card__content li`)).toEqual([
      'Miejsce 1: 12. Projekt 12',
      'Miejsce 2: 10. Projekt 10',
      'Miejsce 3: 11. Projekt 11',
    ]);
  });

  it('before voting, after it, and without a draft: pages that say so; steps lead back to the start', async () => {
    const early = await setup('ballot_list');
    const notOpen = await new PageClient(t.app).get(vote(early));
    expect(notOpen.h1).toBe('Głosowanie jeszcze się nie zaczęło');
    expect(notOpen.text('main')).toMatch(/Głosowanie potrwa od .+ do .+\./);
    const late = await setup('vote_verification');
    const closed = await new PageClient(t.app).get(vote(late));
    expect(closed.h1).toBe('Głosowanie zakończone');
    expect(closed.doc.querySelector(`a[href="/budget/${late.editionId}/results"]`)).not.toBeNull();
    // A step without a draft, or of an edition not voting: back to the start.
    const lost = await new PageClient(t.app).get(vote(main, '/review'), { follow: false });
    expect(lost.status).toBe(303);
    expect(lost.location).toBe(vote(main));
    const lateStep = await new PageClient(t.app).get(vote(late, '/identity'), { follow: false });
    expect(lateStep.location).toBe(vote(late));
    // Unknown and malformed ids: the 404 page.
    expect((await new PageClient(t.app).get('/budget/00000000-0000-4000-8000-000000000000/vote')).status).toBe(404);
    expect((await new PageClient(t.app).get('/budget/nie-ma/vote')).status).toBe(404);
  });

  it('"did my vote count?": a GET form, bad and unknown references said so, look-alike letters read', async () => {
    const client = new PageClient(t.app);
    const form = await client.get('/ballots/check');
    expect(form.h1).toBe('Czy mój głos został policzony?');
    const bad = await client.get('/ballots/check?reference=abc');
    expect(bad.status).toBe(422);
    expect(bad.fieldError('reference')).toContain('Numer ma 12 znaków');
    const unknown = await client.get('/ballots/check?reference=0000-0000-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.fieldError('reference')).toContain('Nie ma głosu o tym numerze');
    const [{ reference }] = (await db.query(`SELECT reference FROM ballots WHERE edition_id = $1 LIMIT 1`, [main.editionId])) as Array<{ reference: string }>;
    const typed = await client.get(`/ballots/check?reference=${reference.toLowerCase().replace(/-/g, '')}`);
    expect(typed.url).toBe(`/ballots/${reference}`);
    expect(typed.status).toBe(200);
  });
});
