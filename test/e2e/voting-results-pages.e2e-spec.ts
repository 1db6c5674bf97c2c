import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { PabulibImportService } from '@civitas/voting';
import { HTMLElement, Node, TextNode } from 'node-html-parser';
import { PageClient, type Page } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';

const PABULIB = process.env.PABULIB_DIR ?? join(__dirname, '../../../shared/pabulib');
/** 475 approval ballots, greedy with a threshold: projects that did not fit and one below the threshold. */
const ALEKSANDROW = 'Poland_Warszawa_2018_Aleksandrow.pb';
/** 201 cumulative ballots (points), greedy: three projects that did not fit. */
const GRABOWKA = 'Poland_Czestochowa_2020_Grabowka.pb';
/** 2553 approval ballots, the Method of Equal Shares with the add1 completion. */
const SWIECIE = 'Poland_Swiecie_2023.pb';
const UUID = '00000000-0000-4000-8000-000000000000';

/** Text with every kind of space as one space. */
const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text of an element as a person reads it: the texts of its nodes apart, spaces collapsed. */
function words(el: HTMLElement | null | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof TextNode) parts.push(n.text);
    else for (const c of n.childNodes) walk(c);
  };
  walk(el);
  return plain(parts.join(' ')).replace(/ ([.,:;)])/g, '$1');
}

/** The rows of a table as the text of their cells. */
function tableRows(page: Page, selector: string): string[][] {
  const table = page.doc.querySelector(selector);
  if (!table) throw new Error(`No table ${selector} on ${page.url}`);
  return table.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('th, td').map((c) => words(c)));
}

/** The selected (0) and not selected (1) tables of the n-th pool of a results page: the projects' lines. */
function poolTable(page: Page, pool: number, which: 0 | 1): Array<{ place: string; title: string; href: string | null; cell: string; figure: string }> {
  const tables = page.doc.querySelectorAll(`section[aria-labelledby="pool-${pool}"] table`);
  const table = tables[which];
  if (!table) throw new Error(`No table ${which} in pool ${pool} on ${page.url}`);
  return table.querySelectorAll('tbody tr').map((tr) => {
    const cells = tr.querySelectorAll('td');
    const link = cells[1].querySelector('a');
    return {
      place: words(cells[0]),
      title: link ? words(link) : words(cells[1]),
      href: link?.getAttribute('href') ?? null,
      cell: words(cells[1]),
      figure: words(cells[2]),
    };
  });
}

/** A CSV document (RFC 4180) as records of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length) throw new Error('CSV does not end with CRLF');
  return records;
}

/**
 * The turnout and results pages through the app, as a browser without JavaScript sees them: turnout during the vote
 * with nothing per project (the embargo, also for an official), the results page before publication (no counts, when
 * they will be), after publication (order, votes, reasons, the tie-break with its seed, money spent and left, the
 * downloads — the CSV read back), an empty edition, unknown and malformed addresses, and the results of two real
 * elections imported from Pabulib with their reasons. Every page is valid HTML (PageClient checks each).
 */
describe('voting: turnout and results pages (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let operators: TestUser[];
  let city: string;
  let orlowo: string;
  let redlowo: string;
  let editionId: string;
  let cityPool: string;
  let orlowoPool: string;
  let seed: string;
  const p: Record<'park' | 'bikes' | 'benches' | 'greenery' | 'mural' | 'playground' | 'lights', { id: string; code: string; title: string }> = {} as never;

  const as = (u: TestUser) => actingAs(t, u);
  const anonymous = () => new PageClient(t.app);
  const signedIn = (u: TestUser) => {
    const c = new PageClient(t.app);
    c.setCookie('civitas_session', u.token);
    return c;
  };
  const english = () => new PageClient(t.app, { headers: { 'accept-language': 'en' } });
  const phase = (id: string, ph: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${id}`)
      .send({ phases: scheduleWith(ph) })
      .expect(200);
  const tallyAndPublish = async (id: string) => {
    await as(official).post(`/api/v1/admin/editions/${id}/tally`).expect(202);
    await eventually(
      async () => {
        const res = await as(official).get(`/api/v1/admin/editions/${id}/results`).expect(200);
        if (res.body.run?.status === 'failed') throw new Error(`tally failed: ${JSON.stringify(res.body.run)}`);
        return res.body.run?.status === 'done' || undefined;
      },
      60_000,
      'the tally',
    );
    await as(official).post(`/api/v1/admin/editions/${id}/results/publish`).expect(200);
  };

  let sheets = 0;
  /** A paper sheet keyed twice by two operators (matched: a valid paper ballot; or an invalid vote). */
  const paper = async (body: Record<string, unknown>) => {
    sheets += 1;
    const url = `/api/v1/admin/editions/${editionId}/paper-ballots`;
    const sheet = { sheet: `K-${sheets}`, ...body };
    await as(operators[0]).post(url).send(sheet).expect(201);
    const res = await as(operators[1]).post(url).send(sheet).expect(201);
    expect(res.body.status).toBe('matched');
  };
  let voters = 0;
  /** An online ballot (pending its e-mailed code); confirmed with the code from the mail when asked. */
  const online = async (areaId: string, choices: unknown[], confirm: boolean) => {
    voters += 1;
    const email = `glosujacy.${voters}@example.pl`;
    const res = await t
      .http()
      .post(`/api/v1/editions/${editionId}/ballots`)
      .send({ identity: { firstName: 'Ewa', lastName: `Wyborcza-${voters}`, areaId, email }, choices })
      .expect(201);
    expect(res.body.status).toBe('pending');
    if (!confirm) return;
    const ref = res.body.reference as string;
    const text = await mailTo(t, email, ref);
    const code = /(\d{6})/.exec(text.split(ref)[0])?.[1] ?? /(\d{6})/.exec(text)![1];
    await t.http().post(`/api/v1/ballots/${ref}/confirm`).send({ code }).expect(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ VOTING_IP_LIMIT_PER_MINUTE: '100000' });
    db = t.app.get(DataSource);
    city = await createArea(t, { name: 'Gdynia', kind: 'city', residentCount: 245_000 });
    orlowo = await createArea(t, { name: 'Orłowo', kind: 'district', parentId: city, residentCount: 6_000 });
    redlowo = await createArea(t, { name: 'Redłowo', kind: 'district', parentId: city, residentCount: 12_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { displayName: 'Olga Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    operators = [await createUser(t, { grants: [{ role: 'official', areaId: null }] }), await createUser(t, { grants: [{ role: 'official', areaId: null }] })];

    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO Gdynia 2027', year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    editionId = e.body.id;
    const addPool = async (name: string, areaId: string | null, amount: number) =>
      (await as(admin).post(`/api/v1/admin/editions/${editionId}/pools`).send({ name, areaId, amount, signaturesRequired: 0 }).expect(201)).body.pools.find(
        (x: { name: string }) => x.name === name,
      ).id as string;
    cityPool = await addPool('Ogólnomiejska', null, 105_000_000);
    orlowoPool = await addPool('Orłowo', orlowo, 20_000_000);
    let number = 0;
    const project = async (pool: string, title: string, cost: number) => {
      number += 1;
      const [{ id }] = (await db.query(
        `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by, ballot_position)
         VALUES ($1, $2, $3, 'on_ballot', $4, $5, $6, $3) RETURNING id`,
        [editionId, pool, number, title, cost, admin.id],
      )) as Array<{ id: string }>;
      return { id, code: `P${number}`, title };
    };
    p.park = await project(cityPool, 'Park kieszonkowy przy plaży', 50_000_000);
    p.bikes = await project(cityPool, 'Ścieżka rowerowa wzdłuż bulwaru', 40_000_000);
    p.benches = await project(cityPool, 'Ławki na bulwarze', 15_000_000);
    p.greenery = await project(cityPool, 'Zieleń przy szkole', 15_000_000);
    // A title a spreadsheet would take for a formula (the CSV must not).
    p.mural = await project(cityPool, '=Mural, "sztuka" i już', 5_000_000);
    p.playground = await project(orlowoPool, 'Plac zabaw w Orłowie', 15_000_000);
    p.lights = await project(orlowoPool, 'Oświetlenie ulicy Orłowskiej', 10_000_000);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    await as(admin).put(`/api/v1/admin/editions/${editionId}/voting-policy`).send({}).expect(200);
    await as(admin).put(`/api/v1/admin/pools/${cityPool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 3 }).expect(200);
    await as(admin).put(`/api/v1/admin/pools/${orlowoPool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 1 }).expect(200);
    seed = (await t.http().get(`/api/v1/editions/${editionId}/voting`).expect(200)).body.tieSeed;
    await phase(editionId, 'voting');

    // Park 5, bikes 4, benches 3, greenery 3 (the same cost: the lot decides), mural 1; in Orłowo playground 2, lights 1.
    const c = (ids: string[], district?: string) => [
      { poolId: cityPool, projectIds: ids },
      ...(district ? [{ poolId: orlowoPool, projectIds: [district] }] : []),
    ];
    await online(orlowo, c([p.park.id, p.bikes.id, p.benches.id], p.playground.id), true);
    await online(orlowo, c([p.park.id, p.bikes.id, p.greenery.id], p.playground.id), true);
    await paper({ identity: { firstName: 'Jan', lastName: 'Papierowy', areaId: orlowo }, choices: c([p.park.id, p.bikes.id, p.benches.id], p.lights.id) });
    await paper({ identity: { firstName: 'Ola', lastName: 'Papierowa', areaId: redlowo }, choices: c([p.park.id, p.bikes.id, p.greenery.id]) });
    await paper({ identity: { firstName: 'Piotr', lastName: 'Karta', areaId: redlowo }, choices: c([p.park.id, p.benches.id, p.greenery.id]) });
    await paper({ identity: { firstName: 'Zofia', lastName: 'Karta', areaId: redlowo }, choices: c([p.mural.id]) });
    await paper({ invalid: 'illegible' });
    // Cast, its code never entered: pending.
    await online(redlowo, c([p.mural.id]), false);
  }, 180_000);

  afterAll(() => t?.close());

  it('turnout during the vote: per pool, channel and area, pending and invalid, with the time and a refresh link — nothing per project', async () => {
    const api = (await t.http().get(`/api/v1/editions/${editionId}/turnout`).expect(200)).body;
    expect(api).toMatchObject({ total: 6, pending: 1, invalid: 1, byChannel: { online: 2, paper: 4 } });
    const page = await anonymous().get(`/budget/${editionId}/turnout`);
    expect(page.status).toBe(200);
    expect(page.h1).toBe('Frekwencja');
    expect(page.title).toBe('Frekwencja: BO Gdynia 2027 — Budżet obywatelski — Civitas');
    const totals = page.doc.querySelectorAll('.govuk-summary-list__row').map(words);
    expect(totals).toEqual(['Ważne głosy 6 głosów', 'Czekają na potwierdzenie kodem z e-maila 1 głos', 'Nieważne karty papierowe 1 głos']);
    expect(tableRows(page, 'section[aria-labelledby="by-pool"] table')).toEqual([
      ['Ogólnomiejska', '6'],
      ['Orłowo', '3'],
    ]);
    expect(tableRows(page, 'section[aria-labelledby="by-channel"] table')).toEqual([
      ['Przez internet', '2'],
      ['Na papierze', '4'],
    ]);
    expect(tableRows(page, 'section[aria-labelledby="by-area"] table')).toEqual([
      ['Orłowo', '3'],
      ['Redłowo', '3'],
    ]);
    // The charts: SVG hidden from assistive technology (the tables are their text), no inline style or script.
    const charts = page.doc.querySelectorAll('main svg');
    expect(charts.length).toBe(3);
    for (const svg of charts) expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(page.html).not.toMatch(/style=|<script(?![^>]*\bsrc=)/);
    // When the figures were read, and a link that reads them again (the page works without JavaScript).
    expect(words(page.doc.querySelector('main'))).toMatch(/Stan na \d{1,2} \S+ \d{4}\D+\d{2}:\d{2}\./);
    expect(page.doc.querySelector('main a[href$="/turnout"]')?.getAttribute('href')).toBe(`/budget/${editionId}/turnout`);
    expect(words(page.doc.querySelector('main'))).toContain('pozostają tajne do ogłoszenia wyników');

    // The embargo: no project and no per-project figure, for anyone — an official included.
    for (const client of [anonymous(), signedIn(official), signedIn(admin)]) {
      const seen = await client.get(`/budget/${editionId}/turnout`);
      expect(seen.status).toBe(200);
      for (const x of Object.values(p)) {
        expect(seen.html).not.toContain(x.title.replace(/"/g, '&quot;'));
        expect(seen.html).not.toContain(x.id);
      }
      expect(seen.html).not.toContain('/projects/');
    }

    const en = await english().get(`/budget/${editionId}/turnout`);
    expect(en.h1).toBe('Turnout');
    expect(words(en.doc.querySelector('.govuk-summary-list__row'))).toBe('Valid ballots 6 ballots');
    expect(words(en.doc.querySelector('main'))).toMatch(/Figures as of \d{1,2} \S+ \d{4}\D+\d{2}:\d{2}\./);
  });

  it('results before publication: a page that says when, with no counts — during the vote and after the tally, for an official too', async () => {
    const during = await anonymous().get(`/budget/${editionId}/results`);
    expect(during.status).toBe(200);
    expect(during.h1).toBe('Wyniki głosowania');
    expect(words(during.doc.querySelector('main'))).toContain('Wyniki nie zostały jeszcze ogłoszone.');
    expect(words(during.doc.querySelector('main'))).toMatch(/Głosowanie trwa do .+\. Wyniki zostaną ogłoszone do \d{1,2} \S+ \d{4}\./);
    expect(during.doc.querySelector(`main a[href="/budget/${editionId}/turnout"]`)).not.toBeNull();
    await t.http().get(`/api/v1/editions/${editionId}/results.csv`).expect(409);

    await phase(editionId, 'vote_verification');
    await as(official).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
    await eventually(
      async () => (await as(official).get(`/api/v1/admin/editions/${editionId}/results`).expect(200)).body.run?.status === 'done' || undefined,
      60_000,
      'the tally',
    );
    for (const client of [anonymous(), signedIn(official), signedIn(admin)]) {
      const page = await client.get(`/budget/${editionId}/results`);
      expect(page.status).toBe(200);
      expect(words(page.doc.querySelector('main'))).toContain('Głosowanie się zakończyło; głosy są sprawdzane i liczone.');
      expect(page.doc.querySelectorAll('main table').length).toBe(0);
      for (const x of Object.values(p)) expect(page.html).not.toContain(x.id);
      const turnout = await client.get(`/budget/${editionId}/turnout`);
      for (const x of Object.values(p)) expect(turnout.html).not.toContain(x.id);
    }
    const csv = await t.http().get(`/api/v1/editions/${editionId}/results.csv`).expect(409);
    expect(csv.body.code).toBe('results_not_published');
    const en = await english().get(`/budget/${editionId}/results`);
    expect(words(en.doc.querySelector('main'))).toContain('The results have not been published yet.');
  });

  it('results once published: order, votes, reasons, the tie-break with its seed, money spent and left, turnout and downloads', async () => {
    await as(official).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(200);
    const page = await anonymous().get(`/budget/${editionId}/results`);
    expect(page.status).toBe(200);
    expect(page.h1).toBe('Wyniki głosowania');
    expect(words(page.doc.querySelector('main'))).toContain('Wybrano 4 projekty za łączną kwotę 1 200 000 zł.');
    // The tie between the benches and the greenery (3 votes, 150 000 zł each) goes to the lower key of the lot.
    const key = (code: string) => createHash('sha256').update(`${seed}\n${code}`).digest('hex');
    const [won, lost] = key(p.benches.code) < key(p.greenery.code) ? [p.benches, p.greenery] : [p.greenery, p.benches];

    const selected = poolTable(page, 1, 0);
    expect(selected.map((r) => [r.place, r.title, r.figure])).toEqual([
      ['1', p.park.title, '5'],
      ['2', p.bikes.title, '4'],
      ['3', won.title, '3'],
    ]);
    expect(selected.map((r) => r.href)).toEqual([`/projects/${p.park.id}`, `/projects/${p.bikes.id}`, `/projects/${won.id}`]);
    expect(selected[0].cell).toContain('Koszt: 500 000 zł');
    expect(selected[0].cell).toContain('Dlaczego: Wybrany jako 1. według wyniku; po nim w puli zostało 550 000 zł.');
    expect(selected[1].cell).toContain('Dlaczego: Wybrany jako 2. według wyniku; po nim w puli zostało 150 000 zł.');
    expect(selected[2].cell).toContain('Dlaczego: Wybrany jako 3. według wyniku; po nim w puli zostało 0 zł.');
    const notSelected = poolTable(page, 1, 1);
    expect(notSelected.map((r) => [r.place, r.title, r.figure])).toEqual([
      ['4', lost.title, '3'],
      ['5', p.mural.title, '1'],
    ]);
    expect(notSelected[0].cell).toContain('Dlaczego: Nie zmieścił się: kosztuje 150 000 zł, a w puli zostało tylko 0 zł.');
    expect(notSelected[1].cell).toContain('Dlaczego: Nie zmieścił się: kosztuje 50 000 zł, a w puli zostało tylko 0 zł.');
    const pool1 = words(page.doc.querySelector('section[aria-labelledby="pool-1"]'));
    expect(pool1).toContain('Kwota puli 1 050 000 zł');
    expect(pool1).toContain('Przeznaczono na wybrane projekty 1 050 000 zł');
    expect(pool1).toContain('Zostało w puli 0 zł');
    expect(pool1).toContain('Policzone głosy 6 głosów');
    expect(pool1).toContain('Projekty ustawiono od najlepszego wyniku.');
    expect(pool1).toContain(`Ziarno losowania, opublikowane przed głosowaniem: ${seed}`);
    expect(pool1).toContain(`Kolejność według wyniku: „${won.title}” przed „${lost.title}” — rozstrzygnęło kryterium: losowanie z opublikowanym ziarnem.`);
    expect(pool1).toContain(
      `Klucze losowania (SHA-256 z ziarna, znaku nowej linii i numeru projektu; niższy wygrywa): „${won.title}”: ${key(won.code)} „${lost.title}”: ${key(lost.code)}`,
    );
    // The chart: a bar per project in rank order and the funding line after the selected ones.
    const chart = page.doc.querySelector('section[aria-labelledby="pool-1"] svg')!;
    expect(chart.getAttribute('aria-hidden')).toBe('true');
    expect(chart.querySelectorAll('rect').length).toBe(5);
    expect(chart.querySelectorAll('line').length).toBe(1);
    expect(words(chart)).toContain('linia finansowania');

    const orlowoSelected = poolTable(page, 2, 0);
    expect(orlowoSelected.map((r) => [r.title, r.figure])).toEqual([[p.playground.title, '2']]);
    const orlowoOut = poolTable(page, 2, 1);
    expect(orlowoOut.map((r) => [r.title, r.figure])).toEqual([[p.lights.title, '1']]);
    expect(orlowoOut[0].cell).toContain('Nie zmieścił się: kosztuje 100 000 zł, a w puli zostało tylko 50 000 zł.');
    expect(words(page.doc.querySelector('section[aria-labelledby="pool-2"]'))).toContain('Żaden remis nie wpłynął na wynik.');

    // Links: the recount, the downloads (CSV, JSON, each pool's results.pb).
    const hrefs = page.doc.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain(`/budget/${editionId}/results/recount`);
    expect(page.all('main a').filter((x) => x === 'Przelicz w przeglądarce').length).toBeGreaterThan(0);
    for (const h of [
      `/api/v1/editions/${editionId}/results.csv`,
      `/api/v1/editions/${editionId}/results`,
      `/api/v1/editions/${editionId}/pools/${cityPool}/results.pb`,
      `/api/v1/editions/${editionId}/pools/${orlowoPool}/results.pb`,
    ]) {
      expect(hrefs).toContain(h);
      await t.http().get(h).expect(200);
    }

    // The CSV: UTF-8 with a BOM, RFC 4180, the same rows as the JSON, Polish letters intact, no formula.
    const res = await t
      .http()
      .get(`/api/v1/editions/${editionId}/results.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="BO_Gdynia_2027_results\.csv"$/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.toString('utf8').slice(1));
    expect(records[0]).toEqual([
      'pool_id',
      'pool',
      'rank',
      'code',
      'project_id',
      'title',
      'cost_pln',
      'votes',
      'score',
      'selected',
      'from_reserve_pln',
      'reason_code',
      'reason_pl',
      'reason_en',
    ]);
    const json = (await t.http().get(`/api/v1/editions/${editionId}/results`).expect(200)).body;
    const expected = json.pools.flatMap((pool: { poolId: string; name: string; projects: Array<Record<string, unknown>> }) =>
      pool.projects.map((r) => [pool.poolId, pool.name, String(r.rank), r.code, r.projectId, r.title, String(r.votes), r.selected ? '1' : '0']),
    );
    expect(records.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5].replace(/^'=/, '='), r[7], r[9]])).toEqual(expected);
    const mural = records.find((r) => r[3] === p.mural.code)!;
    expect(mural[5]).toBe(`'${p.mural.title}`);
    expect(mural.slice(6, 12)).toEqual(['50000.00', '1', '1', '0', '', 'did-not-fit']);
    expect(mural[12]).toBe('nie zmieścił się: kosztuje 50000.00 zł, pozostało tylko 0.00 zł');
    const park = records.find((r) => r[3] === p.park.code)!;
    expect(park.slice(1, 12)).toEqual(['Ogólnomiejska', '1', p.park.code, p.park.id, p.park.title, '500000.00', '5', '5', '1', '', 'selected']);

    // In English: the reasons, the tie and the money in the visitor's language.
    const en = await english().get(`/budget/${editionId}/results`);
    expect(en.h1).toBe('Results of the vote');
    const enLines = poolTable(en, 1, 1);
    expect(enLines[0].cell).toContain('Why: Did not fit: it costs PLN 150,000, only PLN 0 was left.');
    expect(words(en.doc.querySelector('section[aria-labelledby="pool-1"]'))).toContain(
      `Order by result: “${won.title}” before “${lost.title}” — decided by: the lot drawn with the published seed.`,
    );
    expect(words(en.doc.querySelector('main'))).toContain('4 projects selected for PLN 1,200,000 in total.');

    // A signed-in official reads the same page; the turnout page now links to the results.
    const asOfficial = await signedIn(official).get(`/budget/${editionId}/results`);
    expect(poolTable(asOfficial, 1, 0).map((r) => r.title)).toEqual(selected.map((r) => r.title));
    const turnout = await anonymous().get(`/budget/${editionId}/turnout`);
    expect(turnout.doc.querySelector(`main a[href="/budget/${editionId}/results"]`)).not.toBeNull();
  });

  it('an empty edition: turnout and results pages with nothing to show, before and after publication', async () => {
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO pusta edycja', year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    const id = e.body.id as string;
    await as(admin).post(`/api/v1/admin/editions/${id}/publish`).expect(200);
    await as(admin).put(`/api/v1/admin/editions/${id}/voting-policy`).send({}).expect(200);
    const before = await anonymous().get(`/budget/${id}/turnout`);
    expect(before.status).toBe(200);
    expect(words(before.doc.querySelector('main'))).toMatch(/Głosowanie rozpocznie się .+ i potrwa do .+\./);
    expect(words(before.doc.querySelector('main'))).toContain('Ta edycja nie ma pul.');
    expect(words(before.doc.querySelector('main'))).toContain('Nie oddano jeszcze żadnego ważnego głosu.');
    const pending = await anonymous().get(`/budget/${id}/results`);
    expect(pending.status).toBe(200);
    expect(words(pending.doc.querySelector('main'))).toMatch(/Głosowanie odbędzie się od .+ do .+\./);
    expect(pending.doc.querySelector(`main a[href="/budget/${id}/turnout"]`)).toBeNull();
    await phase(id, 'vote_verification');
    await tallyAndPublish(id);
    const published = await anonymous().get(`/budget/${id}/results`);
    expect(published.status).toBe(200);
    expect(words(published.doc.querySelector('main'))).toContain('Wybrano 0 projektów za łączną kwotę 0 zł.');
    expect(published.doc.querySelectorAll('main table').length).toBe(0);
    const csv = await t.http().get(`/api/v1/editions/${id}/results.csv`).expect(200);
    expect(csv.text).toBe('\uFEFFpool_id,pool,rank,code,project_id,title,cost_pln,votes,score,selected,from_reserve_pln,reason_code,reason_pl,reason_en\r\n');
  });

  it('unknown, malformed and draft editions are the 404 page; bad input is never a 500', async () => {
    const draft = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO szkic', year: 2027, phases: scheduleWith('voting') })
      .expect(201);
    const client = anonymous();
    for (const path of [
      `/budget/${UUID}/turnout`,
      `/budget/${UUID}/results`,
      `/budget/not-a-uuid/turnout`,
      `/budget/not-a-uuid/results`,
      `/budget/${draft.body.id}/turnout`,
      `/budget/${draft.body.id}/results`,
      `/budget/${editionId}/results/nothing-here`,
      `/budget/${editionId}/turnout/x`,
      `/budget/${encodeURIComponent("' OR 1=1 --")}/turnout`,
    ]) {
      const page = await client.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
    }
    // A NUL in the address is refused before any route (the platform's hardening): a client error, not a 500.
    const nul = await client.get(`/budget/%00/results`);
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
    await t.http().get(`/api/v1/editions/${UUID}/results.csv`).expect(404);
    await t.http().get(`/api/v1/editions/not-a-uuid/results.csv`).expect(404);
    // Queries and headers that mean nothing here change nothing.
    for (const path of [`/budget/${editionId}/results?pool=<script>`, `/budget/${editionId}/turnout?refresh=${'x'.repeat(3000)}`]) {
      const page = await client.get(path, { headers: { 'accept-language': 'zz;q=abc,,;' } });
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('<script>');
    }
    // A project in the results links to its page, which answers.
    expect((await client.get(`/projects/${p.park.id}`)).status).toBe(200);
  });

  it('results of real elections imported from Pabulib: the reasons for real projects', async () => {
    const text = (f: string) => readFileSync(join(PABULIB, f), 'utf8');
    const importer = t.app.get(PabulibImportService);

    // Warsaw 2018, Aleksandrów: approval, greedy with a threshold of 48 votes.
    const w = await importer.importText(text(ALEKSANDROW));
    await tallyAndPublish(w.editionId);
    const page = await anonymous().get(`/budget/${w.editionId}/results`);
    expect(page.status).toBe(200);
    const chosen = poolTable(page, 1, 0);
    expect(chosen.map((r) => [r.place, r.figure])).toEqual([
      ['1', '368'],
      ['2', '311'],
    ]);
    expect(chosen[0].title).toBe('Remont ulicy Zagórzańskiej (wykonanie nawierzchni bitumicznej z poboczem) od końca istniejącej nawierzchni na północ');
    expect(chosen[0].cell).toContain('nr 515');
    expect(chosen[0].href).toMatch(/^\/projects\/[0-9a-f-]{36}$/);
    const out = poolTable(page, 1, 1);
    const byCode = (code: string) => out.find((r) => r.cell.includes(`nr ${code}`))!;
    expect(byCode('458').cell).toContain('Dlaczego: Nie zmieścił się: kosztuje 36 000 zł, a w puli zostało tylko 431 zł.');
    expect(byCode('361').cell).toContain('Dlaczego: Nie zmieścił się: kosztuje 68 360 zł, a w puli zostało tylko 431 zł.');
    expect(byCode('975').cell).toContain('Dlaczego: Nie osiągnął progu: zdobył 25 głosów, próg wynosił 48.');
    const pool = words(page.doc.querySelector('section[aria-labelledby="pool-1"]'));
    expect(pool).toContain('Kwota puli 117 431 zł');
    expect(pool).toContain('Zostało w puli 431 zł');
    expect(pool).toContain('Pod uwagę brano tylko projekty z wynikiem co najmniej 48.');
    expect(pool).toContain('Policzone głosy 475 głosów');
    const en = await english().get(`/budget/${w.editionId}/results`);
    expect(poolTable(en, 1, 1).find((r) => r.cell.includes('no. 975'))!.cell).toContain('Why: Below the threshold: it got 25 votes, the threshold was 48.');

    // Częstochowa 2020, Grabówka: cumulative ballots — points, and the number of voters who gave them.
    const g = await importer.importText(text(GRABOWKA));
    await tallyAndPublish(g.editionId);
    const cz = await anonymous().get(`/budget/${g.editionId}/results`);
    expect(cz.doc.querySelector('section[aria-labelledby="pool-1"] thead')!.textContent).toContain('Punkty');
    const top = poolTable(cz, 1, 0);
    expect(top[0]).toMatchObject({ place: '1', title: 'Doświetlenie przejścia dla pieszych przy ul. Odrodzenia', figure: '435' });
    expect(top[0].cell).toContain('Koszt: 25 000 zł · nr 196 · 72 głosujących');
    expect(top.map((r) => r.title)).toContain('Odkupmy i my - zakup i montaż nowoczesnych koszy na psie nieczystości w dzielnicy Grabówka');
    const station = poolTable(cz, 1, 1).find((r) => r.cell.includes('nr 448'))!;
    expect(station.cell).toContain('Dlaczego: Nie zmieścił się: kosztuje 141 450 zł, a w puli zostało tylko 44 068 zł.');
    expect(words(cz.doc.querySelector('section[aria-labelledby="pool-1"]'))).toContain(
      'Głosujący rozdzielali punkty między projekty; wynik projektu to suma jego punktów.',
    );

    // Świecie 2023: the Method of Equal Shares — its rule in two paragraphs and a figure, its reasons per round.
    const s = await importer.importText(text(SWIECIE));
    await tallyAndPublish(s.editionId);
    const mes = await anonymous().get(`/budget/${s.editionId}/results`);
    const mesPool = words(mes.doc.querySelector('section[aria-labelledby="pool-1"]'));
    expect(mesPool).toContain('Zasada wyboru metoda równych udziałów z uzupełnieniem „add1”');
    expect(mesPool).toContain('Metoda równych udziałów dzieli pulę po równo między wszystkich głosujących: każdy dostaje ten sam udział (662 zł).');
    expect(mesPool).toContain('W każdej rundzie wybierany jest projekt, za który jego zwolennicy zapłacą najmniej na osobę');
    expect(mesPool).toContain('Potem udział każdego głosującego zwiększano o 1 zł');
    expect(mes.doc.querySelectorAll('section[aria-labelledby="pool-1"] figure').length).toBe(2);
    expect(words(mes.doc.querySelectorAll('section[aria-labelledby="pool-1"] figure figcaption')[1])).toContain('Przykład: pula 600 zł i 6 głosujących');
    const first = poolTable(mes, 1, 0)[0];
    expect(first.cell).toContain('nr c12');
    expect(first.cell).toMatch(
      /Dlaczego: Wybrany w 1\. rundzie metody równych udziałów: 1030 zwolenników pokryło jego koszt, każdy najwyżej \d[\d ]*(,\d\d)? zł\./,
    );
    const c8 = poolTable(mes, 1, 1).find((r) => r.cell.includes('nr c8'))!;
    expect(c8.cell).toContain(
      'Dlaczego: Jego zwolennicy nie mogli go opłacić w 1. rundzie metody równych udziałów: zostało im razem 412 426 zł, a projekt kosztuje 413 000 zł.',
    );
    const mesEn = await english().get(`/budget/${s.editionId}/results`);
    expect(poolTable(mesEn, 1, 1).find((r) => r.cell.includes('no. c8'))!.cell).toContain(
      'Why: Its supporters could not pay for it in round 1 of Equal Shares: together they had PLN 412,426 left, and it costs PLN 413,000.',
    );

    const turnout = await anonymous().get(`/budget/${g.editionId}/turnout`);
    expect(tableRows(turnout, 'section[aria-labelledby="by-channel"] table')).toEqual([
      ['Przez internet', '0'],
      ['Na papierze', '201'],
    ]);
  });
});
