import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AxeResults, Result as AxeViolation, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '@civitas/test';
import { expectValidHtml } from '@civitas/web/testing';
import { BROWSER_ENDPOINT_ENV } from './chromium';
import { recordChecks, type CheckedPage } from './report';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * A browser spec's world: the app listening on a local port (its own database, file mail), the shared Chromium,
 * and the record of every page state checked with axe.
 */
export class Harness {
  t!: TestApp;
  base!: string;
  browser!: Browser;
  readonly checked: CheckedPage[] = [];
  readonly journeys: string[] = [];
  axeVersion = '';
  private mirror: Page | undefined;
  /** The page states checked so far (see check). */
  private readonly seen = new Set<string>();

  async start(env: Record<string, string> = {}): Promise<void> {
    this.t = await createTestApp({ THROTTLE_AUTH_LIMIT: '1000', ...env });
    await this.t.app.listen(0, '127.0.0.1');
    const address = this.t.app.getHttpServer().address() as { port: number };
    this.base = `http://127.0.0.1:${address.port}`;
    this.browser = await chromium.connect(process.env[BROWSER_ENDPOINT_ENV]!);
  }

  async stop(file: string): Promise<void> {
    recordChecks(file, this.checked, { axeVersion: this.axeVersion, chromium: this.browser?.version() ?? '', journeys: this.journeys });
    await this.browser?.close();
    await this.t?.close();
  }

  async context(opts: BrowserContextOptions = {}): Promise<BrowserContext> {
    const ctx = await this.browser.newContext({ baseURL: this.base, locale: 'pl-PL', ...opts });
    if (opts.javaScriptEnabled === false) noScript.add(ctx);
    ctx.on('page', (p) => track(p));
    return ctx;
  }

  /**
   * Opens a page, checks its HTML with html-validate and the rendered page with axe (WCAG 2.1 A/AA), and records
   * the result. Fails on any violation, naming the rules and the elements.
   */
  async visit(page: Page, path: string, state: string, expectStatus = 200): Promise<void> {
    const res = await page.goto(path);
    if (!res) throw new Error(`No response for ${path}`);
    if (res.status() !== expectStatus) throw new Error(`${path}: ${res.status()} (expected ${expectStatus})`);
    await this.check(page, state, await res.text());
  }

  /**
   * Checks the page as it is now (after a form was submitted, say): the HTML the server sent for it, and axe. axe
   * needs JavaScript; a page of a context without it is checked as a copy of its served HTML, its scripts removed
   * (so rendered exactly as without JavaScript), in a second page that can run axe.
   */
  async check(page: Page, state: string, html?: string): Promise<void> {
    const path = new URL(page.url()).pathname;
    const served = html ?? (await lastDocument.get(page));
    if (served === undefined) throw new Error(`No document seen for ${path}: open pages from Harness.context()`);
    // A page state already checked in this spec — the same HTML served (the form tokens aside) and, with
    // JavaScript, the same live document, at the same size — gives the same results: it is recorded, not rechecked.
    const withScript = !noScript.has(page.context());
    const size = page.viewportSize();
    const sameAs = createHash('sha256')
      .update(`${withScript}|${size?.width}x${size?.height}|${withoutTokens(served)}|${withScript ? withoutTokens(await page.content()) : ''}`)
      .digest('hex');
    if (this.seen.has(sameAs)) {
      this.checked.push({ path, state, violations: 0, rules: [] });
      return;
    }
    await expectValidHtml(served, `${path} (${state})`);
    let target = page;
    if (noScript.has(page.context())) {
      this.mirror ??= await (await this.browser.newContext({ locale: 'pl-PL', viewport: page.viewportSize() ?? undefined })).newPage();
      const copy = served.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace('<head>', `<head><base href="${this.base}/">`);
      await this.mirror.setContent(copy, { waitUntil: 'load' });
      target = this.mirror;
    }
    const violations = await this.axe(target);
    this.checked.push({ path, state, violations: violations.length, rules: violations.map((v) => v.id) });
    if (violations.length > 0) {
      const detail = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`).join('\n  ');
      throw new Error(`axe found ${violations.length} violation(s) on ${path} (${state}):\n  ${detail}`);
    }
    this.seen.add(sameAs);
  }

  /**
   * The axe violations (WCAG 2.1 A/AA) of the page as it is rendered now: axe-core is put into the document once (a
   * page checked again in the same document reuses it) and run there, with only the violations collected. (The
   * @axe-core/playwright builder put the 580 kB script in twice per run, with several more round trips: about
   * 0.6 s a check here, against about 0.3 s this way, for the same violations. The pages have no frames.)
   */
  async axe(target: Page): Promise<AxeViolation[]> {
    if (!(await target.evaluate('typeof window.axe === "object"'))) await target.evaluate(AXE_SOURCE);
    const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
    const result = await target.evaluate(async (o) => {
      const r = await (window as unknown as { axe: { run: (c: Document, o: RunOptions) => Promise<AxeResults> } }).axe.run(document, o);
      return { version: r.testEngine.version, violations: r.violations };
    }, options);
    this.axeVersion = result.version;
    return result.violations;
  }
}

/** axe-core's script, as the page runs it. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The HTML without the values of the forms' anti-forgery tokens, which differ on every response. */
function withoutTokens(html: string): string {
  return html.replace(/(name="_csrf"[^>]*?value=")[^"]*"/g, '$1"').replace(/(value=")[^"]*("[^>]*?name="_csrf")/g, '$1$2');
}

const lastDocument = new WeakMap<Page, Promise<string>>();
const noScript = new WeakSet<BrowserContext>();

/** Remembers the HTML of every document the page's main frame receives (the served HTML, not the live DOM). */
export function track(page: Page): void {
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document' && r.frame() === page.mainFrame() && r.status() < 300) {
      lastDocument.set(page, r.text());
    }
  });
}

/** Presses Tab (Shift-Tab with back) until `selector` has the focus; fails after `max` presses. Returns the presses. */
export async function tabTo(page: Page, selector: string, opts: { max?: number; back?: boolean } = {}): Promise<number> {
  const max = opts.max ?? 60;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    // One round trip a press: whether the focus reached the element and, if so, whether it is visible (GOV.UK draws
    // a yellow focus state: an outline or a box-shadow / background).
    const reached = await page.evaluate((s) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.matches(s)) return null;
      const st = getComputedStyle(el);
      return (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none' || st.backgroundColor === 'rgb(255, 221, 0)';
    }, selector);
    if (reached !== null) {
      if (!reached) throw new Error(`The focus on ${selector} is not visible`);
      return i;
    }
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

/** Types into the focused field (keyboard only). */
export async function typeHere(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
}

/** The page is no wider than the viewport (no horizontal scrolling at 320 CSS px). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  if (scroll > client) throw new Error(`${page.url()}: ${scroll} px wide in a ${client} px viewport`);
}
