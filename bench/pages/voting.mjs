// The voting pages of `run.mjs --voting`: Warsaw 2026 (Pabulib, 61,668 approval ballots, 83 projects, one city-wide
// pool) imported with `cli import-pb`, then — with the API running — tallied and published over the API by seed-demo's
// administrator, its phases moved so that voting is open again (the results stay published), and one booth draft
// walked per client as a browser without JavaScript walks it (start, identity, pools), so that every client opens the
// ballot page of the city-wide pool with its own cookies.
import { request } from 'node:http';
import { join } from 'node:path';
import { root } from '../../scripts/ensure-build.mjs';

export const WARSAW = join(root, '..', 'shared', 'pabulib', 'Poland_Warszawa_2026.pb');
/** seed-demo's administrator (apps/cli/src/commands/seed-demo/demo-city.ts); the password is run.mjs's. */
const ADMIN_EMAIL = 'admin@demo.example.org';

const PHASES = ['submission', 'formal_review', 'merit_review', 'appeals', 'ballot_list', 'voting', 'vote_verification', 'results', 'implementation'];
const DAY = 24 * 3600_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `current` under way (since a day ago, for 10 more days), earlier phases past, later ones ahead (test/factories/budget.factory.ts). */
function scheduleWith(current, daysLeft = 10) {
  const i = PHASES.indexOf(current);
  const now = Date.now();
  return PHASES.map((phase, j) => {
    const start = j < i ? now - DAY - (i - j) * 7 * DAY : j === i ? now - DAY : now + daysLeft * DAY + (j - i - 1) * 7 * DAY;
    return { phase, startsAt: new Date(start).toISOString(), endsAt: new Date(j === i ? now + daysLeft * DAY : start + 7 * DAY).toISOString() };
  });
}

async function api(port, method, path, token, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** One request of a browser without JavaScript: its cookies sent and kept (`jar`), a form urlencoded. */
function browse(port, jar, method, path, form) {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: {
          'accept-language': 'pl',
          ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
          ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie'] ?? [];
          for (const c of set) {
            const [pair, ...attrs] = c.split(';');
            const at = pair.indexOf('=');
            const name = pair.slice(0, at).trim();
            const value = pair.slice(at + 1).trim();
            const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
            if (expired || value === '') jar.delete(name);
            else jar.set(name, value);
          }
          resolve({ status: res.statusCode, location: res.headers.location, html: Buffer.concat(chunks).toString() });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET, following redirects (303 after each POST of the booth). */
async function follow(port, jar, res) {
  let r = res;
  for (let hops = 0; r.status >= 300 && r.status < 400 && r.location; hops++) {
    if (hops > 5) throw new Error(`too many redirects from ${r.location}`);
    r = await browse(port, jar, 'GET', r.location);
  }
  return r;
}

const csrfOf = (html) => /<input[^>]*name="_csrf"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /<input[^>]*value="([^"]+)"[^>]*name="_csrf"/.exec(html)?.[1];

/** One voter's walk from the start page to the first ballot: the cookies and the ballot's address. */
async function walkBooth(port, editionId, poolId, areaId, n) {
  const jar = new Map();
  const base = `/budget/${editionId}/vote`;
  const start = await browse(port, jar, 'GET', base);
  if (start.status !== 200) throw new Error(`GET ${base}: ${start.status}`);
  const identity = await follow(port, jar, await browse(port, jar, 'POST', `${base}/start`, { _csrf: csrfOf(start.html) }));
  if (!identity.html.includes(`action="${base}/identity"`)) throw new Error(`after start: ${identity.status}, not the identity form`);
  const pools = await follow(
    port,
    jar,
    await browse(port, jar, 'POST', `${base}/identity`, {
      _csrf: csrfOf(identity.html),
      firstName: 'Anna',
      lastName: `Bench-${n}`,
      areaId,
      email: `bench.voter.${n}@example.pl`,
    }),
  );
  if (!pools.html.includes(`action="${base}/pools"`)) throw new Error(`after identity: ${pools.status}, not the pools form: ${pools.html.slice(0, 300)}`);
  const posted = await browse(port, jar, 'POST', `${base}/pools`, { _csrf: csrfOf(pools.html), pools: poolId });
  if (posted.status !== 303 || posted.location !== `${base}/pools/${poolId}`) throw new Error(`after pools: ${posted.status} → ${posted.location}`);
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), path: posted.location };
}

/** The imported edition tallied, published and open for voting again; the pages to measure and their check. */
export async function prepareVoting(port, imported, { password, clients, log }) {
  const { editionId, poolId } = imported;
  const { accessToken } = await api(port, 'POST', '/api/v1/auth/login', null, { email: ADMIN_EMAIL, password });
  let t = performance.now();
  await api(port, 'POST', `/api/v1/admin/editions/${editionId}/tally`, accessToken);
  for (;;) {
    const review = await api(port, 'GET', `/api/v1/admin/editions/${editionId}/results`, accessToken);
    if (review.run?.status === 'done') break;
    if (review.run?.status === 'failed') throw new Error(`the tally failed: ${review.run.error}`);
    if (performance.now() - t > 15 * 60_000) throw new Error('the tally did not finish in 15 minutes');
    await sleep(200);
  }
  await api(port, 'POST', `/api/v1/admin/editions/${editionId}/results/publish`, accessToken);
  log(`tallied and published in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // Voting open again (the results stay published): the booth's ballot page needs it.
  await api(port, 'PATCH', `/api/v1/admin/editions/${editionId}`, accessToken, { phases: scheduleWith('voting') });
  const results = `/budget/${editionId}/results`;
  const check = await browse(port, new Map(), 'GET', results);
  if (check.status !== 200 || !check.html.includes('id="downloads"'))
    throw new Error(`${results} after moving the phases: ${check.status}, not the published results`);
  const { items: areas } = await api(port, 'GET', '/api/v1/areas');
  const areaId = areas[0].id; // the pool is city-wide: any area may vote in it
  t = performance.now();
  const voters = [];
  for (let i = 0; i < clients; i++) voters.push(await walkBooth(port, editionId, poolId, areaId, i + 1));
  log(`${clients} booth drafts walked to the ballot in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const hasForm = (html) => (html.includes('id="ballot-form"') ? null : 'no id="ballot-form" in the page');
  return [
    { label: 'results', path: results, check: (html) => (html.includes('id="downloads"') ? null : 'not the published results') },
    {
      label: 'booth ballot',
      path: voters[0].path,
      headers: (i) => ({ cookie: voters[i % voters.length].cookie }),
      check: hasForm,
      note: `one booth draft per client (${clients}), each with its own civitas_booth and civitas_csrf cookies`,
    },
  ];
}
