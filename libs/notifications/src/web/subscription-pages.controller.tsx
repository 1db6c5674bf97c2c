import { Body, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthThrottlerGuard, CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { Public } from '@civitas/common';
import { emptyForm, formErrorsOf, PageController, parseForm, SkipCsrf, WebPages, type Choice, type FormState } from '@civitas/web';
import { maskEmail } from '../deliveries-admin.service';
import { SubscribeDto } from '../http/dto/subscription.dto';
import { NotificationsError } from '../notifications.errors';
import { SubscriptionService, type SubscriptionView } from '../subscription.service';
import { TopicCatalog } from '../topic-catalog';
import { TOPIC_PATTERN } from '../topics';
import { N } from './subscription.texts';
import {
  ConfirmedView,
  ConfirmView,
  InvalidLinkView,
  ManageView,
  SavedView,
  SUBSCRIBE_FIELDS,
  SubscribeSentView,
  SubscribeView,
  UnsubscribedView,
  UnsubscribeView,
} from './subscription.views';
import { SubscriptionSettingsForm } from './web.dto';

type Scope = 'topics' | 'own';

/**
 * Subscriptions for people: the subscribe page (an address with double opt-in, or a signed-in account's own
 * settings), and the pages behind the links in mails — confirm, unsubscribe (RFC 8058: mail clients POST to it
 * directly, so it takes no CSRF token; its URL is the authorization), manage.
 */
@Public()
@PageController('subscriptions')
export class SubscriptionPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly subscriptions: SubscriptionService,
    private readonly catalog: TopicCatalog,
  ) {}

  private action(path: string, token: string): string {
    return `/subscriptions/${path}?token=${encodeURIComponent(token)}`;
  }

  /** Runs a use case of a mailed link; an invalid or expired link (NotificationsError) answers the invalid-link page. */
  private async byLink<T>(reply: FastifyReply, use: () => Promise<T>, then: (value: T) => Promise<FastifyReply> | FastifyReply): Promise<FastifyReply> {
    let value: T;
    try {
      value = await use();
    } catch (err) {
      if (err instanceof NotificationsError) return this.invalid(reply);
      throw err;
    }
    return then(value);
  }

  private invalid(reply: FastifyReply): FastifyReply {
    return this.pages.send(reply, this.pages.context(reply), <InvalidLinkView />, { status: 404, caching: 'no-store' });
  }

  /** The pages behind a mail's links speak the subscriber's language unless the visitor chose one on the site. */
  private contextFor(reply: FastifyReply, locale: 'pl' | 'en') {
    return this.pages.context(reply, { preferLocale: locale });
  }

  private async topicChoices(current: string[], locale: 'pl' | 'en'): Promise<Choice[]> {
    return (await this.catalog.options(current, locale)).map((o) => ({ value: o.value, label: o.label }));
  }

  private settingsValues(view: SubscriptionView | null, fallbackLocale: 'pl' | 'en'): FormState['values'] {
    return {
      topics: view && view.status === 'confirmed' ? view.topics : [],
      locale: view?.locale ?? fallbackLocale,
      frequency: view?.frequency ?? 'immediate',
      ownActivity: view === null || view.ownActivity ? 'true' : undefined,
    };
  }

  @Get('new')
  async subscribePage(@Query('topic') topic: unknown, @CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const preset = typeof topic === 'string' && TOPIC_PATTERN.test(topic) ? [topic] : [];
    let values: FormState['values'];
    if (user) {
      const view = await this.subscriptions.forUser(user);
      values = this.settingsValues(view, page.locale);
      values.topics = [...new Set([...(values.topics as string[]), ...preset])];
    } else {
      values = { topics: preset.length ? preset : ['results'], locale: page.locale, frequency: 'immediate' };
    }
    const topics = await this.topicChoices(values.topics as string[], page.locale);
    return this.pages.send(reply, page, <SubscribeView form={emptyForm(values)} topics={topics} accountEmail={user?.email ?? null} />, { caching: 'no-store' });
  }

  @Post('new')
  @UseGuards(AuthThrottlerGuard)
  async subscribe(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const fail = async (form: FormState) =>
      this.pages.send(
        reply,
        page,
        <SubscribeView form={form} topics={await this.topicChoices(asList(form.values.topics), page.locale)} accountEmail={user?.email ?? null} />,
        {
          status: 422,
          caching: 'no-store',
        },
      );
    if (user) {
      const parsed = await parseForm(SubscriptionSettingsForm, body, SUBSCRIBE_FIELDS, page.locale);
      if (!parsed.ok) return fail(parsed);
      const v = parsed.value;
      try {
        await this.subscriptions.updateForUser(user, { topics: v.topics ?? [], locale: v.locale, frequency: v.frequency, ownActivity: v.ownActivity ?? false });
      } catch (err) {
        const errors = formErrorsOf(err, SUBSCRIBE_FIELDS, page.locale, new Set(['email_not_verified']));
        if (!errors) throw err;
        return fail({ values: parsed.values, errors });
      }
      return this.pages.redirect(reply, '/subscriptions/new', { kind: 'success', text: N.accountSaved });
    }
    const raw = { locale: page.locale, ...((body ?? {}) as Record<string, unknown>) };
    const parsed = await parseForm(SubscribeDto, raw, SUBSCRIBE_FIELDS, page.locale);
    if (!parsed.ok) return fail(parsed);
    try {
      await this.subscriptions.subscribe(parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, SUBSCRIBE_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.pages.redirect(reply, '/subscriptions/new/check-email');
  }

  @Get('new/check-email')
  sent(@Res() reply: FastifyReply): FastifyReply {
    return this.pages.send(reply, this.pages.context(reply), <SubscribeSentView />);
  }

  @Get('confirm')
  async confirmPage(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const found = token ? await this.subscriptions.confirmTokenLocale(token) : null;
    if (!found) return this.invalid(reply);
    return this.pages.send(reply, this.contextFor(reply, found), <ConfirmView action={this.action('confirm', token!)} />, { caching: 'no-store' });
  }

  @Post('confirm')
  confirm(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.byLink(
      reply,
      () => this.subscriptions.confirm(token ?? ''),
      async (view) => {
        const page = this.contextFor(reply, view.locale);
        const labels = await this.catalog.labels(view.topics, page.locale);
        return this.pages.send(reply, page, <ConfirmedView manageUrl={this.subscriptions.manageUrl(view.subscriberId)} topicLabels={labels} />, {
          caching: 'no-store',
        });
      },
    );
  }

  @Get('unsubscribe')
  unsubscribePage(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.byLink(
      reply,
      () => this.subscriptions.viewByLink(token ?? '', ['topics', 'own', 'manage']),
      (view) =>
        this.pages.send(
          reply,
          this.contextFor(reply, view.locale),
          <UnsubscribeView action={this.action('unsubscribe', token!)} scope={scopeOf(view.scope)} />,
          {
            caching: 'no-store',
          },
        ),
    );
  }

  /** RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` here; the page's button posts here too. */
  @Post('unsubscribe')
  @SkipCsrf()
  unsubscribe(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.byLink(
      reply,
      () => this.subscriptions.unsubscribe(token ?? ''),
      (done) =>
        this.pages.send(
          reply,
          this.contextFor(reply, done.locale),
          <UnsubscribedView scope={scopeOf(done.scope)} manageUrl={this.subscriptions.manageUrl(done.subscriberId)} />,
          {
            caching: 'no-store',
          },
        ),
    );
  }

  @Get('manage')
  managePage(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.byLink(
      reply,
      () => this.subscriptions.viewByLink(token ?? ''),
      (view) => this.renderManage(reply, token!, view, emptyForm(this.settingsValues(view, view.locale)), 200),
    );
  }

  @Post('manage')
  manage(@Query('token') token: string | undefined, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.byLink(
      reply,
      () => this.subscriptions.viewByLink(token ?? ''),
      (view) => this.saveManage(reply, token!, view, body),
    );
  }

  private async saveManage(reply: FastifyReply, token: string, view: SubscriptionView, body: unknown): Promise<FastifyReply> {
    const page = this.contextFor(reply, view.locale);
    const parsed = await parseForm(SubscriptionSettingsForm, body, SUBSCRIBE_FIELDS, page.locale);
    if (!parsed.ok) return this.renderManage(reply, token, view, parsed, 422);
    const v = parsed.value;
    try {
      const saved = await this.subscriptions.updateByLink(token, {
        topics: v.topics ?? [],
        locale: v.locale,
        frequency: v.frequency,
        ownActivity: v.ownActivity ?? false,
      });
      // The page answers in the language just chosen for the mails (unless the visitor chose one on the site).
      return this.pages.send(reply, this.contextFor(reply, saved.locale), <SavedView manageUrl={this.subscriptions.manageUrl(saved.subscriberId)} />, {
        caching: 'no-store',
      });
    } catch (err) {
      const errors = formErrorsOf(err, SUBSCRIBE_FIELDS, page.locale);
      if (!errors) throw err;
      return this.renderManage(reply, token, view, { values: parsed.values, errors }, 422);
    }
  }

  private async renderManage(reply: FastifyReply, token: string, view: SubscriptionView, form: FormState, status: number): Promise<FastifyReply> {
    const page = this.contextFor(reply, view.locale);
    const topics = await this.topicChoices([...view.topics, ...asList(form.values.topics)], page.locale);
    return this.pages.send(
      reply,
      page,
      <ManageView
        form={form}
        topics={topics}
        maskedEmail={maskEmail(view.email) ?? ''}
        action={this.action('manage', token)}
        unsubscribeAction={this.action('unsubscribe', token)}
      />,
      { status, caching: 'no-store' },
    );
  }
}

const scopeOf = (scope: 'topics' | 'own' | 'manage'): Scope => (scope === 'own' ? 'own' : 'topics');

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
