import type { Locale } from '@civitas/common';
import Handlebars from 'handlebars';
import { formatDateTime, formatDay, formatMoney } from './format';
import { INITIATIVE_STATUS_LABELS, label, MODERATION_REASON_LABELS, PROJECT_STATUS_LABELS } from './labels';
import { TemplateFiles } from './template-files';

/** `html` escapes every {{value}}; `text` (plain-text parts and subjects) escapes nothing. */
export type Mode = 'html' | 'text';

type HelperOptions = Handlebars.HelperOptions & { data: { locale: Locale } };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A link for an attribute or as text; only http(s) and root-relative links are accepted. */
function checkUrl(url: unknown): string {
  if (typeof url !== 'string' || !/^(https?:\/\/|\/(?!\/))/i.test(url)) throw new Error(`Not a web link: ${String(url)}`);
  return url;
}

function createEnvironment(mode: Mode): typeof Handlebars {
  const env = Handlebars.create();
  const locale = (o: HelperOptions) => o.data.locale;
  env.registerHelper({
    date: (iso: string, o: HelperOptions) => formatDateTime(iso, locale(o)),
    day: (day: string, o: HelperOptions) => formatDay(day, locale(o)),
    money: (grosze: string | number, o: HelperOptions) => formatMoney(grosze, locale(o)),
    projectStatus: (s: string, o: HelperOptions) => label(PROJECT_STATUS_LABELS, s, locale(o)),
    initiativeStatus: (s: string, o: HelperOptions) => label(INITIATIVE_STATUS_LABELS, s, locale(o)),
    moderationReason: (r: string, o: HelperOptions) => label(MODERATION_REASON_LABELS, r, locale(o)),
    list: (items: string[]) => items.join(', '),
    eq: (a: unknown, b: unknown) => a === b,
    // Handlebars escapes `=` as well, which would garble query strings in mails; escape only what HTML needs.
    href: (url: string) => (mode === 'html' ? new env.SafeString(checkUrl(url).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])) : checkUrl(url)),
  });
  return env;
}

/** Compiles each part of each template once per mode (strict: a missing variable throws). */
export class TemplateEngine {
  private readonly envs: Record<Mode, typeof Handlebars> = { html: createEnvironment('html'), text: createEnvironment('text') };
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(readonly files: TemplateFiles) {}

  /** Renders one part of a template file (`parts` null: the file is one template, named `part`). */
  render(mode: Mode, file: string, parts: readonly string[] | null, part: string, context: object, locale: Locale): string {
    const key = `${mode}\0${file}\0${part}`;
    let template = this.compiled.get(key);
    if (!template) {
      const source = this.files.part(file, parts, part);
      template = this.envs[mode].compile(source, { strict: true, noEscape: mode === 'text' });
      this.compiled.set(key, template);
    }
    return template(context, { data: { locale } });
  }
}
