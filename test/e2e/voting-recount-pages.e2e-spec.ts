import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, eventually, pabulibDir, TestApp } from '@civitas/test';
import { RULES } from '@civitas/tally';
import { PabulibImportService } from '@civitas/voting';
import { AssetsService } from '@civitas/web';
import { PageClient } from '@civitas/web/testing';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const FILE = 'Poland_Gdynia_2023_Chwarzno-Wiczlino__small.pb';
const text = (file: string) => readFileSync(join(pabulibDir, file), 'utf8');

/**
 * The recount pages as a browser without JavaScript sees them (PageClient checks each with html-validate): the
 * edition's page before publication (nothing of any count, also once tallied), after it (per pool the published input
 * hash, the downloads, the recount's controls for the module, the command line), in English; the page for any file;
 * and the engine's browser bundle as served, run on the published results.pb, giving the published input hash.
 */
describe('voting: the recount pages (e2e)', () => {
  let t: TestApp;
  let official: TestUser;
  let client: PageClient;
  let editionId: string;
  let poolId: string;
  const dir = mkdtempSync(join(tmpdir(), 'civitas-recount-pages-'));

  const as = (u: TestUser) => actingAs(t, u);
  const path = () => `/budget/${editionId}/results/recount`;

  beforeAll(async () => {
    t = await createTestApp();
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    client = new PageClient(t.app);
    ({ editionId, poolId } = await t.app.get(PabulibImportService).importText(text(FILE)));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('unknown editions are 404 pages', async () => {
    expect((await client.get('/budget/00000000-0000-4000-8000-000000000000/results/recount')).status).toBe(404);
    expect((await client.get('/budget/not-an-id/results/recount')).status).toBe(404);
  });

  let inputsSha256 = '';

  it('before publication the page says the recount comes with the results, and shows no count, also once tallied', async () => {
    const before = await client.get(path());
    expect(before.status).toBe(200);
    expect(before.h1).toBe('Przelicz wyniki w swojej przeglądarce');
    expect(before.title).toMatch(/^Przelicz wyniki w swojej przeglądarce: .+ — Budżet obywatelski — /);
    expect(before.text()).toContain('Wyniki tej edycji nie zostały jeszcze opublikowane.');
    expect(before.text()).toContain('Przeliczenie przychodzi razem z wynikami');
    expect(before.html).not.toMatch(/data-recount-pool|results\.pb|recount\.[0-9a-f]{12}\.js/);

    await as(official).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
    const done = await eventually(
      async () => {
        const res = await as(official).get(`/api/v1/admin/editions/${editionId}/results`).expect(200);
        return res.body.run?.status === 'done' ? res.body : undefined;
      },
      60_000,
      'the tally',
    );
    inputsSha256 = done.pools[0].inputsSha256;
    const tallied = await client.get(path());
    expect(tallied.text()).toContain('Wyniki tej edycji nie zostały jeszcze opublikowane.');
    expect(tallied.html).not.toContain(inputsSha256);
    expect(tallied.html).not.toMatch(/data-recount-pool|results\.pb/);
  });

  it('once published: per pool the published input hash, the downloads and the recount controls; without JavaScript the command line', async () => {
    await as(official).post(`/api/v1/admin/editions/${editionId}/results/publish`).expect(200);
    const page = await client.get(path());
    expect(page.status).toBe(200);
    const section = page.doc.querySelector(`[data-recount-pool="${poolId}"]`)!;
    expect(section).toBeTruthy();
    expect(section.getAttribute('data-pb')).toBe(`/api/v1/editions/${editionId}/pools/${poolId}/results.pb`);
    expect(section.getAttribute('data-results')).toBe(`/api/v1/editions/${editionId}/results`);
    expect(section.getAttribute('data-sha256')).toBe(inputsSha256);
    expect(page.text(`[data-recount-pool="${poolId}"] [data-recount-published-sha]`)).toBe(inputsSha256);
    expect(page.all(`[data-recount-pool="${poolId}"] a`).join('\n')).toMatch(/results\.pb, format Pabulib[\s\S]*\(JSON\)/);
    // The controls are for the module (hidden without it); the page says the recount needs JavaScript and shows the way without.
    expect(section.querySelector('[data-recount-js]')!.hasAttribute('hidden')).toBe(true);
    expect(page.text('[data-recount-js] button')).toMatch(/^Przelicz pulę /);
    expect(page.text('[data-recount-nojs]')).toContain('wymaga JavaScriptu');
    expect(page.text()).toContain('npm run cli -- tally results.pb');
    expect(section.querySelector('[role="status"][aria-live="polite"]')).toBeTruthy();
    // The module and its worker are served fingerprinted.
    const assets = t.app.get(AssetsService);
    expect(page.html).toContain(`<script type="module" src="${assets.url('recount.js')}"></script>`);
    expect(page.doc.querySelector('[data-civitas-recount]')!.getAttribute('data-worker')).toBe(assets.url('recount-worker.js'));
    const texts = JSON.parse(page.doc.querySelector('[data-civitas-recount]')!.getAttribute('data-texts')!);
    expect(texts.agrees).toBe('Przeliczenie zgadza się');
    // The downloads answer.
    expect((await t.http().get(section.getAttribute('data-pb')!)).status).toBe(200);

    const en = await client.get(path(), { headers: { 'accept-language': 'en' } });
    expect(en.h1).toBe('Recount the results in your browser');
    expect(en.text('[data-recount-nojs]')).toContain('needs JavaScript');
    expect(JSON.parse(en.doc.querySelector('[data-civitas-recount]')!.getAttribute('data-texts')!).agrees).toBe('The recount agrees');
  });

  it('the engine as the browser gets it (tally.js, no Node built-ins) recounts the published results.pb to the published input hash', async () => {
    const assets = t.app.get(AssetsService);
    const fetchAsset = async (name: string) =>
      (
        await t
          .http()
          .get(assets.url(name))
          .buffer(true)
          .parse((res, cb) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => cb(null, Buffer.concat(chunks)));
          })
      ).body as Buffer;
    const tallyJs = (await fetchAsset('tally.js')).toString('utf8');
    expect(tallyJs).not.toMatch(/["']node:|require\(/);
    const worker = (await fetchAsset('recount-worker.js')).toString('utf8');
    expect(worker).toContain(`from '${assets.url('tally.js').replace('/assets/', './')}'`);
    const recountJs = (await fetchAsset('recount.js')).toString('utf8');
    expect(recountJs).toContain(`import('${assets.url('tally.js').replace('/assets/', './')}')`);

    const pb = await t.http().get(`/api/v1/editions/${editionId}/pools/${poolId}/results.pb`).expect(200);
    writeFileSync(join(dir, 'tally.mjs'), tallyJs);
    writeFileSync(join(dir, 'results.pb'), pb.text);
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { recount } from ${JSON.stringify(join(dir, 'tally.mjs'))};
         import { readFileSync } from 'node:fs';
         const out = recount({ bytes: new Uint8Array(readFileSync(${JSON.stringify(join(dir, 'results.pb'))})) });
         process.stdout.write(JSON.stringify({ ok: out.ok, sha: out.result?.inputSha256, selected: out.result?.selected }));`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ ok: true, sha: inputsSha256 });
    const published = (await t.http().get(`/api/v1/editions/${editionId}/results`).expect(200)).body.pools[0].projects;
    expect(out.selected).toEqual(
      published
        .filter((p: { selected: boolean }) => p.selected)
        .sort((a: { rank: number }, b: { rank: number }) => a.rank - b.rank)
        .map((p: { code: string }) => p.code),
    );
  });

  it('/recount: a file chosen in the browser, with the rule and top-up, and the command line without JavaScript', async () => {
    const page = await client.get('/recount');
    expect(page.status).toBe(200);
    expect(page.h1).toBe('Przelicz plik Pabulib');
    expect(page.doc.querySelector('input[type="file"]#recount-file')).toBeTruthy();
    expect(page.doc.querySelector('label[for="recount-file"]')).toBeTruthy();
    expect(page.all('#recount-rule option').slice(1)).toEqual([...RULES]);
    expect(page.text('[data-recount-nojs]')).toContain('wymaga JavaScriptu');
    expect(page.text()).toContain('npm run cli -- tally PLIK.pb');
    expect(page.text()).toContain('nie jest nigdzie wysyłany');
    const en = await client.get('/recount', { headers: { 'accept-language': 'en' } });
    expect(en.h1).toBe('Recount a Pabulib file');
    expect(en.text()).toContain('npm run cli -- tally FILE.pb');
  });
});
