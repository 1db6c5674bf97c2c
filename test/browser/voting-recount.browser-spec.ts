import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, pabulibDir } from '@civitas/test';
import { parsePabulib, tally } from '@civitas/tally';
import { PabulibImportService } from '@civitas/voting';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

const WARSAW = 'Poland_Warszawa_2026.pb';
const SMALL = 'Poland_Gdynia_2023_Chwarzno-Wiczlino__small.pb';
const PIATKOWO = 'Poland_Poznan_2023_3_-_Piatkowo_Polnoc_Piatkowo.pb';
const text = (file: string) => readFileSync(join(pabulibDir, file), 'utf8');
const plain = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const grouped = (n: number) => plain(n.toLocaleString('pl-PL'));

/** Problems the browser reports on a page: script errors and anything the Content Security Policy blocked. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** Waits for the recount in a section to end; its state (agrees, differs, done, failed). */
async function ended(page: Page, section: string, timeout = 120_000): Promise<string> {
  await page.waitForFunction(
    (s) => ['agrees', 'differs', 'done', 'failed'].includes(document.querySelector<HTMLElement>(s)?.dataset.recountState ?? ''),
    section,
    {
      timeout,
    },
  );
  return (await page.locator(section).getAttribute('data-recount-state'))!;
}

/**
 * The recount in the browser, in real Chromium: Warsaw 2026 city-wide (61,668 ballots) imported as `import-pb` does,
 * tallied by the job and published; its recount page recounts the published results.pb in a Web Worker and says the
 * recount agrees (keyboard only, under the pages' CSP, axe before and after); a tampered copy of the file chosen in the
 * pool shows exactly where it differs; the page for any file gives a chosen file's own outcome and hashes (a tampered
 * Warsaw, Poznań Piątkowo with its rule and top-up, a broken file, no file); the embargo before publication; every
 * page without JavaScript and 320 CSS px wide.
 */
describe('voting: the recount in the browser (browser)', () => {
  const h = new Harness();
  let official: TestUser;
  let warsaw: { editionId: string; poolId: string };
  let unpublished: string;
  let published: { inputsSha256: string; selected: string[]; valid: number };
  let pb: string;
  const timings: Record<string, number> = {};

  const as = (u: TestUser) => actingAs(h.t, u);
  const recountPath = () => `/budget/${warsaw.editionId}/results/recount`;

  /** The published pb with its last ballot removed: one ballot fewer, one vote fewer for each project on it. */
  function tampered(): { text: string; ballot: string[] } {
    const lines = pb.replace(/\n$/, '').split('\n');
    const last = lines.pop()!;
    const header = lines[lines.indexOf('VOTES') + 1].split(';');
    const ballot = last.split(';')[header.indexOf('vote')].split(',');
    const out = lines.map((l) => (l.startsWith('num_votes;') ? `num_votes;${Number(l.slice('num_votes;'.length)) - 1}` : l));
    return { text: out.join('\n') + '\n', ballot };
  }

  beforeAll(async () => {
    await h.start();
    official = await createUser(h.t, { grants: [{ role: 'official', areaId: null }] });
    const t0 = performance.now();
    warsaw = await h.t.app.get(PabulibImportService).importText(text(WARSAW));
    timings.importSeconds = (performance.now() - t0) / 1000;
    unpublished = (await h.t.app.get(PabulibImportService).importText(text(SMALL))).editionId;

    const t1 = performance.now();
    await as(official).post(`/api/v1/admin/editions/${warsaw.editionId}/tally`).expect(202);
    const done = await eventually(
      async () => {
        const res = await as(official).get(`/api/v1/admin/editions/${warsaw.editionId}/results`).expect(200);
        return res.body.run?.status === 'done' || res.body.run?.status === 'failed' ? res.body : undefined;
      },
      300_000,
      'the tally of Warsaw 2026',
    );
    expect(done.run.status).toBe('done');
    timings.tallySeconds = (performance.now() - t1) / 1000;
    await as(official).post(`/api/v1/admin/editions/${warsaw.editionId}/results/publish`).expect(200);
    const pool = (await h.t.http().get(`/api/v1/editions/${warsaw.editionId}/results`).expect(200)).body.pools[0];
    published = {
      inputsSha256: done.pools[0].inputsSha256,
      selected: pool.projects
        .filter((p: { selected: boolean }) => p.selected)
        .sort((a: { rank: number }, b: { rank: number }) => a.rank - b.rank)
        .map((p: { code: string }) => p.code),
      valid: pool.ballots.valid,
    };
    pb = (await h.t.http().get(`/api/v1/editions/${warsaw.editionId}/pools/${warsaw.poolId}/results.pb`).expect(200)).text;
    process.stderr.write(
      `recount browser spec: Warsaw 2026 imported in ${timings.importSeconds.toFixed(1)} s, tallied in ${timings.tallySeconds.toFixed(1)} s\n`,
    );
  }, 900_000);

  afterAll(async () => {
    process.stderr.write(`recount browser spec: ${JSON.stringify(timings)}\n`);
    await h.stop('voting-recount');
  });

  it('before publication the page says the recount comes with the results, with no count (axe, without JavaScript too)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const ctx = await h.context({ javaScriptEnabled });
      const page = await ctx.newPage();
      await h.visit(page, `/budget/${unpublished}/results/recount`, `before publication${javaScriptEnabled ? '' : ', without JavaScript'}`);
      await expect(page.locator('main').textContent()).resolves.toContain('Wyniki tej edycji nie zostały jeszcze opublikowane.');
      expect(await page.locator('[data-recount-pool], [data-recount-run]').count()).toBe(0);
      await ctx.close();
    }
  });

  it('Warsaw 2026: Recount, with the keyboard only, runs the engine in a Web Worker and says the recount agrees', async () => {
    const ctx = await h.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await h.visit(page, recountPath(), 'published, before the recount');
    const section = `[data-recount-pool="${warsaw.poolId}"]`;
    await expect(page.locator('[data-recount-nojs]').isHidden()).resolves.toBe(true);
    await expect(page.locator(`${section} [data-recount-js]`).isVisible()).resolves.toBe(true);
    await expect(page.locator(`${section} [data-recount-published-sha]`).textContent()).resolves.toBe(published.inputsSha256);

    await tabTo(page, `${section} [data-recount-run]`);
    await expect(page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim())).resolves.toMatch(/^Przelicz pulę /);
    const t0 = performance.now();
    await page.keyboard.press('Enter');
    // Progress is shown while it runs.
    await page.waitForFunction((s) => (document.querySelector(`${s} [data-recount-status]`)?.textContent ?? '') !== '', section);
    expect(await ended(page, section)).toBe('agrees');
    timings.browserRecountMs = performance.now() - t0;
    timings.pageRecountMs = Number(await page.locator(section).getAttribute('data-recount-ms'));
    for (const [key, attr] of Object.entries({ downloadMs: 'load', workerMs: 'run', engineMs: 'engine' })) {
      timings[key] = Number(await page.locator(section).getAttribute(`data-recount-${attr}-ms`));
    }
    expect(await page.locator(section).getAttribute('data-recount-where')).toBe('worker');
    expect(workers.some((u) => /\/assets\/recount-worker\.[0-9a-f]{12}\.js$/.test(u))).toBe(true);

    await expect(page.locator(`${section} [data-recount-status]`).textContent()).resolves.toBe('Przeliczenie zgadza się.');
    await expect(page.locator(`${section} [data-recount-verdict]`).textContent()).resolves.toBe('Przeliczenie zgadza się');
    await expect(page.locator(`${section} [data-recount-input-sha]`).textContent()).resolves.toBe(published.inputsSha256);
    const selected = await page.locator(`${section} [data-recount-selected] li`).allTextContents();
    expect(selected.map((s) => s.split(' — ')[0])).toEqual(published.selected);
    expect(plain(await page.locator(`${section} [data-recount-result]`).textContent())).toContain(`Ważne karty do głosowania${grouped(published.valid)}`);
    // The focus stays on the button; the outcome passes axe, also 320 px wide.
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-recount-run'))).resolves.toBe(true);
    await h.check(page, 'the recount agrees');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    expect(problems).toEqual([]);
    h.journeys.push('recount: Warsaw 2026 recounted in the browser (Web Worker), keyboard only, the recount agrees');
    await ctx.close();
  });

  it('a tampered copy of the file chosen in the pool: the recount says exactly where it differs; no file is a field error', async () => {
    const ctx = await h.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await h.visit(page, recountPath(), 'published');
    const section = `[data-recount-pool="${warsaw.poolId}"]`;

    // Nothing chosen: the field says so and takes the focus.
    await tabTo(page, `${section} [data-recount-own]`);
    await page.keyboard.press('Enter');
    expect(await ended(page, section)).toBe('failed');
    await expect(page.locator(`${section} [data-recount-file-error]`).textContent()).resolves.toBe('Wybierz plik .pb');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('own-file-0');
    await expect(page.locator('#own-file-0').getAttribute('aria-describedby')).resolves.toContain('own-file-0-error');
    await h.check(page, 'own file: none chosen');

    const { text: changed, ballot } = tampered();
    await page.locator('#own-file-0').setInputFiles({ name: 'results.pb', mimeType: 'text/plain', buffer: Buffer.from(changed) });
    await tabTo(page, `${section} [data-recount-own]`);
    await page.keyboard.press('Enter');
    expect(await ended(page, section)).toBe('differs');
    await expect(page.locator(`${section} [data-recount-file-error]`).isHidden()).resolves.toBe(true);
    await expect(page.locator(`${section} [data-recount-verdict]`).textContent()).resolves.toBe('Przeliczenie nie zgadza się');
    await expect(page.locator(`${section} [data-recount-status]`).textContent()).resolves.toMatch(
      /^Przeliczenie nie zgadza się\. Różnice z opublikowanymi wynikami: \d+\.$/,
    );

    const row = async (selector: string) =>
      (await page.locator(`${section} [data-recount-diffs] tr${selector}`).first().locator('th, td').allTextContents()).map(plain);
    expect(await row('[data-field="valid"]')).toEqual(['ważne karty do głosowania', grouped(published.valid), grouped(published.valid - 1)]);
    const votes = Object.fromEntries(parsePabulib(pb).projects.map((p) => [p.id, Number(p.fields.votes)]));
    for (const code of ballot) {
      const [what, expected, got] = await row(`[data-field="votes"][data-project="${code}"]`);
      expect(what).toMatch(new RegExp(`^projekt ${code} \\(.+\\): głosy$`));
      expect([expected, got]).toEqual([grouped(votes[code]), grouped(votes[code] - 1)]);
    }
    const recounted = tally(parsePabulib(changed));
    expect(await row('[data-field="sha"]')).toEqual(['skrót SHA-256 danych wejściowych', published.inputsSha256, recounted.inputSha256]);
    await h.check(page, 'own file: the recount differs');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    expect(problems).toEqual([]);
    h.journeys.push('recount: a tampered results.pb against the published result, keyboard only, 320 px');
    await ctx.close();
  });

  it('/recount: a chosen file gives its own outcome and hashes; the rule and top-up apply; a broken file and no file say so', async () => {
    const ctx = await h.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await h.visit(page, '/recount', 'any file');
    const section = '[data-recount-any]';
    const outcome = async () => ({
      input: await page.locator(`${section} [data-recount-input-sha]`).textContent(),
      file: await page.locator(`${section} [data-recount-file-sha]`).textContent(),
      selected: (await page.locator(`${section} [data-recount-selected] li`).allTextContents()).map((s) => s.split(' — ')[0]),
    });

    await tabTo(page, `${section} [data-recount-own]`);
    await page.keyboard.press('Enter');
    expect(await ended(page, section)).toBe('failed');
    await expect(page.locator('#recount-file-error').textContent()).resolves.toBe('Wybierz plik .pb');
    await h.check(page, 'any file: none chosen');

    // A tampered Warsaw: its own outcome, its input hash (not the published one) and the file's SHA-256.
    const { text: changed } = tampered();
    const expected = tally(parsePabulib(changed));
    await page.locator('#recount-file').setInputFiles({ name: 'warszawa.pb', mimeType: 'text/plain', buffer: Buffer.from(changed) });
    await tabTo(page, `${section} [data-recount-own]`);
    await page.keyboard.press('Enter');
    expect(await ended(page, section)).toBe('done');
    await expect(outcome()).resolves.toEqual({
      input: expected.inputSha256,
      file: createHash('sha256').update(changed).digest('hex'),
      selected: [...expected.selected],
    });
    expect(expected.inputSha256).not.toBe(published.inputsSha256);
    timings.fileWorkerMs = Number(await page.locator(section).getAttribute('data-recount-run-ms'));
    timings.fileEngineMs = Number(await page.locator(section).getAttribute('data-recount-engine-ms'));
    expect(plain(await page.locator(`${section} [data-recount-status]`).textContent())).toMatch(/^Przeliczono: wybrane projekty: \d+, wydano .+ zł\.$/);
    await h.check(page, 'any file: a tampered Warsaw 2026');

    // Poznań Piątkowo: greedy-custom in the file; refused with the file's rule, counted with greedy-no-skip and 80 %.
    const piatkowo = readFileSync(join(pabulibDir, PIATKOWO));
    await page.locator('#recount-file').setInputFiles({ name: PIATKOWO, mimeType: 'text/plain', buffer: piatkowo });
    await page.locator(`${section} [data-recount-own]`).click();
    expect(await ended(page, section)).toBe('failed');
    await expect(page.locator(`${section} [data-recount-status]`).textContent()).resolves.toMatch(/^Nie udało się przeliczyć: reguła „greedy-custom”/);
    await page.locator('#recount-rule').selectOption('greedy-no-skip');
    await page.locator('#recount-top-up').fill('osiemdziesiąt');
    await page.locator(`${section} [data-recount-own]`).click();
    await expect(page.locator('#recount-top-up-error').textContent()).resolves.toBe('Dopłata z rezerwy musi być liczbą, np. 80');
    await h.check(page, 'any file: a top-up that is no number');
    await page.locator('#recount-top-up').fill('80');
    await page.locator(`${section} [data-recount-own]`).click();
    expect(await ended(page, section)).toBe('done');
    const poznan = tally(parsePabulib(piatkowo.toString('utf8')), { rule: 'greedy-no-skip', topUpPercent: 80 });
    await expect(outcome()).resolves.toMatchObject({ input: poznan.inputSha256, selected: ['III.5', 'III.1'] });
    expect(plain(await page.locator(`${section} [data-recount-result]`).textContent())).toContain('143 150 zł z rezerwy');
    await h.check(page, 'any file: Poznań Piątkowo with a top-up');

    await page.locator('#recount-file').setInputFiles({ name: 'broken.pb', mimeType: 'text/plain', buffer: Buffer.from('META\nkey;value\nbudget;lots\n') });
    await page.locator('#recount-rule').selectOption('');
    await page.locator('#recount-top-up').fill('');
    await page.locator(`${section} [data-recount-own]`).click();
    expect(await ended(page, section)).toBe('failed');
    await expect(page.locator(`${section} [data-recount-status]`).textContent()).resolves.toMatch(
      /^Nie udało się przeliczyć: to nie jest czytelny plik Pabulib: wiersz \d+/,
    );
    await h.check(page, 'any file: a broken file');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    expect(problems).toEqual([]);
    h.journeys.push('recount: any .pb file chosen in the browser (tampered Warsaw, Poznań with a top-up, broken)');
    await ctx.close();
  });

  it('without JavaScript both pages say the recount needs it and how to recount on the command line, with the downloads; 320 px', async () => {
    const ctx = await h.context({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
    const page = await ctx.newPage();
    await h.visit(page, recountPath(), 'published, without JavaScript');
    await expect(page.locator('[data-recount-nojs]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-recount-js]').first().isHidden()).resolves.toBe(true);
    await expect(page.locator('main').textContent()).resolves.toContain('npm run cli -- tally results.pb');
    const download = page.locator(`a[href="/api/v1/editions/${warsaw.editionId}/pools/${warsaw.poolId}/results.pb"]`);
    await expect(download.isVisible()).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    await h.visit(page, '/recount', 'any file, without JavaScript');
    await expect(page.locator('[data-recount-nojs]').isVisible()).resolves.toBe(true);
    await expect(page.locator('#recount-file').isHidden()).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    h.journeys.push('recount: both pages without JavaScript, 320 px');
    await ctx.close();
  });
});
