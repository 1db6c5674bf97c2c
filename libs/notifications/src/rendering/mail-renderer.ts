import type { Locale } from '@civitas/common';
import { EVENT_LINK, type NotificationKind } from '../events';
import type { DigestMailInput, EventMailInput, MailReason, RenderedMail, SubscriptionMailInput } from './contract';
import { TemplateEngine } from './engine';
import { findTemplatesDir, TemplateFiles } from './template-files';

const MAIL_PARTS = ['subject', 'text', 'html'] as const;
const FOOTER_PARTS = ['text', 'html'] as const;

/** What the footer says: why the mail came and, except for a confirmation request, how to stop it. */
type Footer =
  | { why: 'topic'; topicLabels: string[]; manageUrl: string; unsubscribeUrl: string }
  | { why: 'direct' | 'digest'; manageUrl: string; unsubscribeUrl: string }
  | { why: 'confirm' };

/** Renders notification mails (subject, plain text and HTML) from the files in the templates directory. */
export class MailRenderer {
  private readonly engine: TemplateEngine;

  constructor(templatesDir: string = findTemplatesDir()) {
    this.engine = new TemplateEngine(new TemplateFiles(templatesDir));
  }

  renderEvent(input: EventMailInput): RenderedMail {
    const { kind, facts, locale, links, reason } = input;
    const context = eventContext(kind, facts, links.publicUrl, reason);
    return this.mail(locale, `${locale}/${kind}.hbs`, context, { ...footerReason(reason), ...links });
  }

  /** One mail listing the day's events in the order given: each one's subject, time and link. */
  renderDigest(input: DigestMailInput): RenderedMail {
    const { locale, links, day } = input;
    const items = input.items.map((item) => {
      const context = eventContext(item.kind, item.facts, links.publicUrl, null);
      const subject = this.subject(locale, `${locale}/${item.kind}.hbs`, context);
      return { subject, link: context.link, occurredAt: item.occurredAt };
    });
    return this.mail(locale, `${locale}/digest.hbs`, { day, items, publicUrl: links.publicUrl }, { why: 'digest', ...links });
  }

  renderSubscription(input: SubscriptionMailInput): RenderedMail {
    const { locale } = input;
    if (input.kind === 'confirm') {
      const { confirmUrl, topicLabels, publicUrl } = input;
      return this.mail(locale, `${locale}/subscription-confirm.hbs`, { confirmUrl, topicLabels, publicUrl }, { why: 'confirm' });
    }
    const { manageUrl, unsubscribeUrl, topicLabels, publicUrl } = input;
    return this.mail(
      locale,
      `${locale}/subscription-already-subscribed.hbs`,
      { manageUrl, unsubscribeUrl, topicLabels, publicUrl },
      { why: 'topic', topicLabels, manageUrl, unsubscribeUrl },
    );
  }

  private subject(locale: Locale, file: string, context: object): string {
    return this.engine.render('text', file, MAIL_PARTS, 'subject', context, locale).replace(/\s+/g, ' ').trim();
  }

  private mail(locale: Locale, file: string, context: object, footer: Footer): RenderedMail {
    const render = this.engine.render.bind(this.engine);
    const footerFile = `${locale}/footer.hbs`;
    const footerContext = {
      topicLabels: [],
      manageUrl: null,
      unsubscribeUrl: null,
      ...footer,
      [footer.why]: true,
    };
    const subject = this.subject(locale, file, context);
    const text = tidy(
      `${render('text', file, MAIL_PARTS, 'text', context, locale)}\n\n` + render('text', footerFile, FOOTER_PARTS, 'text', footerContext, locale),
    );
    const html = render(
      'html',
      'layout.html.hbs',
      null,
      'layout',
      {
        lang: locale,
        subject,
        body: render('html', file, MAIL_PARTS, 'html', context, locale),
        footer: render('html', footerFile, FOOTER_PARTS, 'html', footerContext, locale),
      },
      locale,
    );
    return { subject, text, html };
  }
}

/** The link of an event: PUBLIC_URL + EVENT_LINK. */
export function eventUrl(publicUrl: string, kind: NotificationKind, facts: unknown): string {
  return publicUrl.replace(/\/+$/, '') + (EVENT_LINK[kind] as (f: unknown) => string)(facts);
}

function eventContext(kind: NotificationKind, facts: object, publicUrl: string, reason: MailReason | null) {
  return { ...facts, link: eventUrl(publicUrl, kind, facts), publicUrl, direct: reason?.why === 'direct' };
}

function footerReason(reason: MailReason): { why: 'topic'; topicLabels: string[] } | { why: 'direct' } {
  return reason.why === 'topic' ? { why: 'topic', topicLabels: reason.topicLabels } : { why: 'direct' };
}

/** Trailing spaces off, at most one blank line in a row. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
