import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { closedPort, createTestApp, eventually, TestApp, testMode, testRedisUrl } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';
import { ensureBuilt } from '../helpers/worker-process';

const withServices = testMode === 'services' && testRedisUrl ? describe : describe.skip;
const root = join(__dirname, '..', '..');

/** A browser without JavaScript over real HTTP: cookies kept, the form's CSRF token sent back, redirects followed. */
class Browser {
  private readonly cookies = new Map<string, string>();
  readonly urls: string[] = [];
  constructor(private readonly base: string) {}

  async go(path: string, form?: Record<string, string | string[]>): Promise<{ url: string; status: number; html: string }> {
    let url = path;
    let method = form ? 'POST' : 'GET';
    let body: string | undefined;
    if (form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      body = params.toString();
    }
    for (;;) {
      this.urls.push(url);
      const res = await fetch(this.base + url, {
        method,
        body,
        redirect: 'manual',
        headers: {
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'sec-fetch-site': 'same-origin',
        },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        if (pair.slice(i + 1)) this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
        else this.cookies.delete(pair.slice(0, i));
      }
      if (res.status >= 300 && res.status < 400) {
        url = res.headers.get('location')!;
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url, status: res.status, html: await res.text() };
    }
  }

  cookieValues(): string[] {
    return [...this.cookies.values()];
  }
}
const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/**
 * The booth's promise that a voter's choices and identity never reach a log line: the real API and worker processes
 * at the debug level, a whole vote through the pages (identity, three ballots, the code, the receipt), and their
 * output searched for the voter's names, address, e-mail, the chosen projects and the code — none there. The choices
 * are never in an address or, in clear, in a cookie.
 */
withServices('voting booth: no identity or choice in logs, addresses or cookies (real processes)', () => {
  let t: TestApp;
  const procs: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp({}, { worker: false });
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await t?.close();
  });

  function start(app: 'api' | 'worker', env: Record<string, string>): { output: () => string } {
    const q = t.config.queue as { url: string; prefix: string };
    const proc = spawn(process.execPath, [join(root, `dist/apps/${app}/src/main.js`)], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        NODE_OPTIONS: '',
        LOG_LEVEL: 'debug',
        DATABASE_URL: (t.config.database as { url: string }).url,
        REDIS_URL: q.url,
        QUEUE_PREFIX: q.prefix,
        JWT_SECRET: t.config.auth.jwtSecret,
        VAR_DIR: t.config.varDir,
        PUBLIC_URL: t.config.http.publicUrl,
        VOTING_IP_LIMIT_PER_MINUTE: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    procs.push(proc);
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    return { output: () => out };
  }

  it('a whole vote through the pages leaves the voter and the choices out of every log line, address and cookie', async () => {
    const db = t.app.get(DataSource);
    const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 400_000 });
    const oliwa = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const as = actingAs(t, admin);
    const e = await as
      .post('/api/v1/admin/editions')
      .send({ name: 'BO logi', year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    const editionId = e.body.id as string;
    const pool = async (name: string, areaId: string | null) =>
      (
        await as.post(`/api/v1/admin/editions/${editionId}/pools`).send({ name, areaId, amount: 100_000_000, signaturesRequired: 0 }).expect(201)
      ).body.pools.find((p: { name: string }) => p.name === name).id as string;
    const pools = { city: await pool('Ogólnomiejska', null), a: await pool('Oliwa', oliwa) };
    const projects: Record<string, string[]> = { city: [], a: [] };
    let number = 0;
    for (const k of ['city', 'a'] as const) {
      for (let i = 0; i < 3; i++) {
        number += 1;
        const [{ id }] = (await db.query(
          `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, total_cost, created_by) VALUES ($1, $2, $3, 'on_ballot', $4, 1000000, $5) RETURNING id`,
          [editionId, pools[k], number, `Projekt ${number}`, admin.id],
        )) as Array<{ id: string }>;
        projects[k].push(id);
      }
      await db.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, project_ids) VALUES ($1, $2, 'alphabetical', $3)`, [
        editionId,
        pools[k],
        projects[k],
      ]);
    }
    await as.post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    await as.put(`/api/v1/admin/editions/${editionId}/voting-policy`).send({}).expect(200);
    await as.put(`/api/v1/admin/pools/${pools.city}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 2 }).expect(200);
    await as.put(`/api/v1/admin/pools/${pools.a}/ballot-spec`).send({ voteType: 'cumulative', minLength: 1, pointsTotal: 5 }).expect(200);
    await as
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);

    const port = await closedPort();
    const api = start('api', { PORT: String(port), HOST: '127.0.0.1' });
    const worker = start('worker', { WORKER_LOCK_MS: '1500' });
    await eventually(async () => (/listening on/.test(api.output()) ? true : undefined), 60_000, 'the API to listen');

    const voter = { firstName: 'Zdzisława', lastName: 'Przybyszewska-Łęcka', email: 'zdzislawa.przybyszewska@example.pl', address: 'ul. Tajna 17/4' };
    const b = new Browser(`http://127.0.0.1:${port}`);
    const vote = `/budget/${editionId}/vote`;
    let page = await b.go(vote);
    page = await b.go(`${vote}/start`, { _csrf: token(page.html) });
    expect(page.url).toBe(`${vote}/identity`);
    page = await b.go(`${vote}/identity`, { _csrf: token(page.html), ...voter, areaId: oliwa });
    expect(page.url).toBe(`${vote}/pools`);
    page = await b.go(`${vote}/pools`, { _csrf: token(page.html), pools: [pools.city, pools.a] });
    page = await b.go(`${vote}/pools/${pools.city}`, { _csrf: token(page.html), projectIds: [projects.city[0], projects.city[2]] });
    page = await b.go(`${vote}/pools/${pools.a}`, { _csrf: token(page.html), [`points.${projects.a[1]}`]: '4', [`points.${projects.a[2]}`]: '1' });
    expect(page.url).toBe(`${vote}/review`);
    page = await b.go(`${vote}/review`, { _csrf: token(page.html), declaration: 'yes' });
    expect(page.url).toBe(`${vote}/confirm`);
    const reference = /Numer Twojego głosu: (\S+)/.exec(page.html)![1].replace(/<.*$/, '');
    const code = /(\d{6})/.exec(await mailTo(t, voter.email, reference, 60_000))![1];
    page = await b.go(`${vote}/confirm`, { _csrf: token(page.html), code });
    expect(page.url).toBe(`${vote}/done`);
    expect(page.html).toContain('Twój głos został oddany');
    // The receipt, sent by the worker once the ballot counts: its lines are in the logs searched below.
    expect(await mailTo(t, voter.email, 'zostanie policzony', 60_000)).toContain(reference);

    const logs = api.output() + worker.output();
    expect(logs).toContain(`${vote}/review`); // the requests were logged…
    const secrets = [voter.firstName, voter.lastName, voter.email, voter.address, code, ...projects.city, ...projects.a, ...b.cookieValues()];
    for (const s of secrets) expect(logs.includes(s) ? s : null).toBeNull(); // …and nothing of the voter or the vote
    const chosen = [projects.city[0], projects.city[2], projects.a[1], projects.a[2]];
    for (const url of b.urls) for (const id of chosen) expect(url.includes(id) ? url : null).toBeNull();
    for (const c of b.cookieValues()) for (const s of [...chosen, voter.lastName, voter.email]) expect(decodeURIComponent(c).includes(s) ? c : null).toBeNull();
  }, 180_000);
});
