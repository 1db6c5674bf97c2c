import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, RequestLocale } from '@civitas/auth';
import { DomainError, type Locale } from '@civitas/common';
import { maskEmail } from '../deliveries-admin.service';
import { NotificationsError } from '../notifications.errors';
import { PageRenderer } from '../rendering/page-renderer';
import type { PageInput } from '../rendering/contract';
import { SubscriptionService, type SubscriptionChange } from '../subscription.service';
import { TopicCatalog } from '../topic-catalog';
import { TOPIC_PATTERN } from '../topics';

type Form = Record<string, string | string[] | undefined>;

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The pages behind the links in mails: confirm a subscription, unsubscribe (GET shows a page, POST unsubscribes at
 * once: RFC 8058 one-click), and manage topics, language and frequency. Plain HTML forms, no JavaScript.
 */
@ApiExcludeController()
@Public()
@Controller('subscriptions')
export class SubscriptionPagesController {
  constructor(
    private readonly subscriptions: SubscriptionService,
    private readonly catalog: TopicCatalog,
    private readonly pages: PageRenderer,
  ) {}

  private send(reply: FastifyReply, status: number, input: PageInput): void {
    void reply
      .status(status)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(this.pages.render(input));
  }

  private invalid(reply: FastifyReply, locale: Locale): void {
    this.send(reply, 404, { page: 'invalid_link', locale });
  }

  private action(path: string, token: string): string {
    return `/subscriptions/${path}?token=${encodeURIComponent(token)}`;
  }

  @Get('confirm')
  async confirmPage(@Query('token') token: string | undefined, @RequestLocale() locale: Locale, @Res() reply: FastifyReply): Promise<void> {
    const found = token ? await this.subscriptions.confirmTokenLocale(token) : null;
    if (!found) return this.invalid(reply, locale);
    this.send(reply, 200, { page: 'confirm', locale: found, action: this.action('confirm', token!) });
  }

  @Post('confirm')
  async confirm(@Query('token') token: string | undefined, @RequestLocale() locale: Locale, @Res() reply: FastifyReply): Promise<void> {
    try {
      const view = await this.subscriptions.confirm(token ?? '');
      this.send(reply, 200, {
        page: 'confirmed',
        locale: view.locale,
        manageUrl: this.subscriptions.manageUrl(view.subscriberId),
        topicLabels: await this.catalog.labels(view.topics, view.locale),
      });
    } catch (err) {
      if (err instanceof NotificationsError) return this.invalid(reply, locale);
      throw err;
    }
  }

  @Get('unsubscribe')
  async unsubscribePage(@Query('token') token: string | undefined, @RequestLocale() locale: Locale, @Res() reply: FastifyReply): Promise<void> {
    try {
      const view = await this.subscriptions.viewByLink(token ?? '', ['topics', 'own', 'manage']);
      this.send(reply, 200, {
        page: 'unsubscribe',
        locale: view.locale,
        action: this.action('unsubscribe', token!),
        scope: view.scope === 'own' ? 'own' : 'topics',
      });
    } catch (err) {
      if (err instanceof NotificationsError) return this.invalid(reply, locale);
      throw err;
    }
  }

  /** RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click`; the form on the page posts here too. */
  @Post('unsubscribe')
  async unsubscribe(@Query('token') token: string | undefined, @RequestLocale() locale: Locale, @Res() reply: FastifyReply): Promise<void> {
    try {
      const done = await this.subscriptions.unsubscribe(token ?? '');
      this.send(reply, 200, {
        page: 'unsubscribed',
        locale: done.locale,
        scope: done.scope === 'own' ? 'own' : 'topics',
        manageUrl: this.subscriptions.manageUrl(done.subscriberId),
      });
    } catch (err) {
      if (err instanceof NotificationsError) return this.invalid(reply, locale);
      throw err;
    }
  }

  @Get('manage')
  async managePage(@Query('token') token: string | undefined, @RequestLocale() locale: Locale, @Res() reply: FastifyReply): Promise<void> {
    try {
      await this.renderManage(reply, token ?? '', 200);
    } catch (err) {
      if (err instanceof NotificationsError) return this.invalid(reply, locale);
      throw err;
    }
  }

  @Post('manage')
  async manage(@Query('token') token: string | undefined, @Body() body: Form | undefined, @RequestLocale() locale: Locale, @Res() reply: FastifyReply): Promise<void> {
    let view;
    try {
      view = await this.subscriptions.viewByLink(token ?? '');
    } catch (err) {
      if (err instanceof NotificationsError) return this.invalid(reply, locale);
      throw err;
    }
    const form = body ?? {};
    const change: SubscriptionChange = {
      topics: list(form.topics),
      ownActivity: list(form.ownActivity).includes('true'),
    };
    const errors: string[] = [];
    const lang = list(form.locale)[0];
    const frequency = list(form.frequency)[0];
    const fallback = view.locale;
    if (lang === 'pl' || lang === 'en') change.locale = lang;
    else errors.push(fallback === 'pl' ? 'Wybierz język: polski albo angielski.' : 'Choose a language: Polish or English.');
    if (frequency === 'immediate' || frequency === 'daily') change.frequency = frequency;
    else errors.push(fallback === 'pl' ? 'Wybierz, jak często wysyłać wiadomości.' : 'Choose how often to send mail.');
    if (!change.topics!.every((t) => TOPIC_PATTERN.test(t))) {
      errors.push(fallback === 'pl' ? 'Wybrano nieznany temat.' : 'An unknown topic was chosen.');
    }
    if (errors.length === 0) {
      try {
        const saved = await this.subscriptions.updateByLink(token!, change);
        return this.send(reply, 200, { page: 'saved', locale: saved.locale, manageUrl: this.subscriptions.manageUrl(saved.subscriberId) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        errors.push(...(err.fields?.length ? err.fields.map((f) => f.text[fallback]) : [err.text[fallback]]));
      }
    }
    await this.renderManage(reply, token!, 422, errors);
  }

  private async renderManage(reply: FastifyReply, token: string, status: number, errors?: string[]): Promise<void> {
    const view = await this.subscriptions.viewByLink(token);
    const options = await this.catalog.options(view.topics, view.locale);
    const subscribed = view.status === 'confirmed' ? new Set(view.topics) : new Set<string>();
    this.send(reply, status, {
      page: 'manage',
      locale: view.locale,
      action: this.action('manage', token),
      unsubscribeAction: this.action('unsubscribe', token),
      frequency: view.frequency,
      ownActivity: view.ownActivity,
      maskedEmail: maskEmail(view.email) ?? '',
      topics: options.map((o) => ({ ...o, checked: subscribed.has(o.value) })),
      errors,
    });
  }
}
