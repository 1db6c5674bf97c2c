import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HTMLElement } from 'node-html-parser';
import { expectValidHtml, parseHtml, textOf } from './html';

type Fields = Record<string, string | string[]>;

/** A rendered page as a person sees it: status, title, headings, the error summary, fields and their errors, forms. */
export class Page {
  readonly doc: HTMLElement;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Record<string, string | string[] | undefined>,
    readonly html: string,
  ) {
    this.doc = parseHtml(html);
  }

  get title(): string {
    return textOf(this.doc.querySelector('title'));
  }

  get h1(): string {
    return textOf(this.doc.querySelector('h1'));
  }

  get lang(): string | undefined {
    return this.doc.querySelector('html')?.getAttribute('lang');
  }

  text(selector = 'main'): string {
    return textOf(this.doc.querySelector(selector));
  }

  all(selector: string): string[] {
    return this.doc.querySelectorAll(selector).map((e) => textOf(e));
  }

  /** The error summary's entries, and the field each links to (null when it names no field). */
  get errorSummary(): Array<{ text: string; field: string | null }> {
    return this.doc.querySelectorAll('.govuk-error-summary__list li').map((li) => {
      const a = li.querySelector('a');
      return { text: textOf(li), field: a ? (a.getAttribute('href') ?? '').replace(/^#/, '') : null };
    });
  }

  /** The inline error of a field (its id), without the visually hidden "Błąd:" prefix. */
  fieldError(id: string): string | null {
    const el = this.doc.querySelector(`[id="${id}-error"]`);
    if (!el) return null;
    return textOf(el).replace(/^(Błąd|Error):\s*/, '');
  }

  /** The success or information banner (a flash message after a redirect). */
  get banner(): string | null {
    const el = this.doc.querySelector('.govuk-notification-banner__heading');
    return el ? textOf(el) : null;
  }

  /** The value a field shows (inputs; ticked checkboxes/radios as a list). */
  value(name: string): string | string[] | null {
    const inputs = this.doc.querySelectorAll(`[name="${name}"]`);
    if (inputs.length === 0) return null;
    const type = inputs[0].getAttribute('type');
    if (type === 'checkbox' || type === 'radio') return inputs.filter((i) => i.hasAttribute('checked')).map((i) => i.getAttribute('value') ?? '');
    if (inputs[0].tagName === 'TEXTAREA') return inputs[0].textContent;
    return inputs[0].getAttribute('value') ?? '';
  }

  form(selector = 'main form'): { action: string; fields: Fields } {
    const form = this.doc.querySelector(selector);
    if (!form) throw new Error(`No form ${selector} on ${this.url}`);
    const fields: Fields = {};
    for (const input of form.querySelectorAll('input, textarea, select')) {
      const name = input.getAttribute('name');
      if (!name) continue;
      const type = input.getAttribute('type');
      if ((type === 'checkbox' || type === 'radio') && !input.hasAttribute('checked')) continue;
      if (type === 'submit' || type === 'button') continue;
      // A select sends its chosen option (the first one when none is marked), as a browser does.
      const options = input.tagName === 'SELECT' ? input.querySelectorAll('option') : [];
      const chosen = options.find((o) => o.hasAttribute('selected')) ?? options[0];
      const value =
        input.tagName === 'TEXTAREA'
          ? input.textContent
          : input.tagName === 'SELECT'
            ? chosen
              ? (chosen.getAttribute('value') ?? chosen.textContent)
              : ''
            : (input.getAttribute('value') ?? '');
      const prev = fields[name];
      fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
    return { action: form.getAttribute('action') ?? this.url, fields };
  }

  get location(): string | undefined {
    const l = this.headers.location;
    return Array.isArray(l) ? l[0] : l;
  }
}

/**
 * A browser without JavaScript over the app (Fastify's inject: no port): keeps cookies, sends forms as a browser
 * would (with the hidden CSRF field the page carries), follows redirects, and checks that every HTML page it
 * receives is valid.
 */
export class PageClient {
  private readonly cookies = new Map<string, string>();
  /** Every HTML document received, for checks across a whole journey. */
  readonly visited: Page[] = [];

  constructor(
    private readonly app: NestFastifyApplication,
    private readonly opts: { headers?: Record<string, string>; validate?: boolean } = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  clearCookies(): void {
    this.cookies.clear();
  }

  async get(url: string, opts: { follow?: boolean; headers?: Record<string, string> } = {}): Promise<Page> {
    return this.request('GET', url, undefined, opts);
  }

  /** Submits a form of the page with these values over the form's own (hidden fields such as the CSRF token kept). */
  async submit(page: Page, values: Fields, opts: { form?: string; follow?: boolean; drop?: string[] } = {}): Promise<Page> {
    const { action, fields } = page.form(opts.form);
    const body = { ...fields, ...values };
    for (const k of opts.drop ?? []) delete body[k];
    return this.post(action, body, opts);
  }

  async post(url: string, body: Fields | string, opts: { follow?: boolean; headers?: Record<string, string> } = {}): Promise<Page> {
    const encoded = typeof body === 'string' ? body : encodeForm(body);
    return this.request('POST', url, encoded, opts);
  }

  /**
   * Submits the page's upload form (`multipart/form-data`, the first such form unless `opts.form` names another) as a
   * browser does: the form's fields with `values` over them, and the file in `opts.field` (default `file`; null
   * sends the field empty, as a browser does when no file was chosen).
   */
  async upload(
    page: Page,
    file: { name: string; type: string; content: Buffer } | null,
    values: Fields = {},
    opts: { form?: string; field?: string; drop?: string[]; follow?: boolean } = {},
  ): Promise<Page> {
    const field = opts.field ?? 'file';
    const { action, fields } = page.form(opts.form ?? 'form[enctype="multipart/form-data"]');
    const all: Fields = { ...fields, ...values };
    delete all[field];
    for (const k of opts.drop ?? []) delete all[k];
    const boundary = `----civitas${randomBytes(8).toString('hex')}`;
    const chunks: Buffer[] = [];
    for (const [k, v] of Object.entries(all))
      for (const x of Array.isArray(v) ? v : [v]) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file?.name ?? ''}"\r\nContent-Type: ${file?.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file?.content ?? Buffer.alloc(0),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return this.request('POST', action, Buffer.concat(chunks), { follow: opts.follow, contentType: `multipart/form-data; boundary=${boundary}` });
  }

  private async request(
    method: 'GET' | 'POST',
    url: string,
    body: string | Buffer | undefined,
    opts: { follow?: boolean; headers?: Record<string, string>; contentType?: string },
  ): Promise<Page> {
    const res = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        payload: body,
        headers: {
          ...(this.opts.headers ?? {}),
          ...(opts.headers ?? {}),
          ...(body !== undefined ? { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' } : {}),
          ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        },
      });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const page = new Page(url, res.statusCode, res.headers as Record<string, string | string[] | undefined>, res.body);
    if (/text\/html/.test(String(res.headers['content-type'] ?? ''))) {
      if (this.opts.validate !== false) await expectValidHtml(res.body, `${method} ${url} (${res.statusCode})`);
      this.visited.push(page);
    }
    if ((opts.follow ?? true) && res.statusCode >= 300 && res.statusCode < 400 && page.location) return this.get(page.location, { headers: opts.headers });
    return page;
  }
}

export function encodeForm(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return params.toString();
}
