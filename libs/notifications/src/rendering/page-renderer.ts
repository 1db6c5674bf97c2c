import type { PageInput } from './contract';
import { TemplateEngine } from './engine';
import { findTemplatesDir, TemplateFiles } from './template-files';

const PAGE_PARTS = ['title', 'body'] as const;

/** Renders the small server-side pages behind the links in mails (plain HTML forms, no JavaScript). */
export class PageRenderer {
  private readonly engine: TemplateEngine;

  constructor(templatesDir: string = findTemplatesDir()) {
    this.engine = new TemplateEngine(new TemplateFiles(templatesDir));
  }

  render(input: PageInput): string {
    const { locale } = input;
    const file = `pages/${locale}/${input.page}.hbs`;
    const context = input.page === 'manage' ? { ...input, errors: input.errors ?? [] } : input;
    const title = this.engine.render('text', file, PAGE_PARTS, 'title', context, locale).replace(/\s+/g, ' ').trim();
    const body = this.engine.render('html', file, PAGE_PARTS, 'body', context, locale);
    return this.engine.render('html', 'pages/layout.hbs', null, 'layout', { lang: locale, title, body }, locale);
  }
}
