import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { AppConfig, Clock } from '@civitas/config';
import { MailTransport } from '@civitas/mail';
import { OutboxService } from '@civitas/queue';
import { LinkTokens } from './link-tokens';
import { NotificationsError } from './notifications.errors';
import { MailRenderer } from './rendering/mail-renderer';
import { SubscriptionRepository } from './subscription.repository';
import { TopicCatalog } from './topic-catalog';
import { normaliseTopics } from './topics';

export type Frequency = 'immediate' | 'daily';
export type TopicsStatus = 'none' | 'pending' | 'confirmed' | 'unsubscribed';

export interface SubscriptionView {
  subscriberId: string;
  email: string;
  locale: Locale;
  frequency: Frequency;
  status: TopicsStatus;
  ownActivity: boolean;
  topics: string[];
}

export interface SubscriptionChange {
  locale?: Locale;
  frequency?: Frequency;
  topics?: string[];
  ownActivity?: boolean;
}

/** A confirmation link lasts a week. */
const CONFIRM_LIFETIME_MS = 7 * 24 * 3600_000;
/** At most one confirmation mail a minute, and one "already subscribed" notice per 10 minutes, per address. */
const CONFIRM_MAIL_INTERVAL_S = 60;
const NOTICE_MAIL_INTERVAL_S = 600;

/** How long a job's claim on a subscription mail holds before another job may send it. */
const SEND_LEASE_SECONDS = 300;

/** Thrown to have the queue retry later: the subscription mail is being sent by another live job. */
export class SubscriptionMailBusyError extends Error {}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Subscriptions: double opt-in for addresses without an account, the personal links of every mail (unsubscribe,
 * manage), and the subscription of an account. A request never reveals whether an address is subscribed.
 */
@Injectable()
export class SubscriptionService {
  private readonly logger = new Logger('Subscriptions');

  private get messageIdHost(): string {
    return new URL(this.config.http.publicUrl).hostname || 'civitas.localhost';
  }

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly catalog: TopicCatalog,
    private readonly links: LinkTokens,
    private readonly renderer: MailRenderer,
    private readonly mail: MailTransport,
    private readonly config: AppConfig,
    private readonly subscriptions: SubscriptionRepository,
    private readonly clock: Clock,
  ) {}

  private async checkTopics(topics: string[], m?: EntityManager): Promise<string[]> {
    const normalised = normaliseTopics(topics);
    const unknown = await this.catalog.unknown(normalised, m);
    if (unknown.length > 0) throw NotificationsError.unknownTopics(unknown);
    return normalised;
  }

  /**
   * A subscription request. New, pending or unsubscribed address: its topics, language and frequency are (re)set and
   * a confirmation mail goes out; nothing else is sent until it is confirmed. An address already confirmed changes
   * nothing: its owner is mailed the link to manage the subscription instead.
   */
  async subscribe(input: { email: string; locale: Locale; topics: string[]; frequency?: Frequency }): Promise<void> {
    const topics = await this.checkTopics(input.topics);
    await this.ds.transaction(async (m) => {
      await this.subscriptions.insertPending(m, input.email, input.locale);
      const sub = await this.subscriptions.lockByEmail(m, input.email);
      if (sub.topicsStatus === 'confirmed') {
        await this.requestMail(m, sub.id, 'already_subscribed', NOTICE_MAIL_INTERVAL_S);
        return;
      }
      await this.subscriptions.setPendingRequest(m, sub.id, input.locale, input.frequency ?? 'immediate');
      await this.subscriptions.replaceTopics(m, sub.id, topics);
      await this.requestMail(m, sub.id, 'confirm', CONFIRM_MAIL_INTERVAL_S);
    });
  }

  private async requestMail(m: EntityManager, subscriberId: string, purpose: 'confirm' | 'already_subscribed', intervalS: number): Promise<void> {
    if (await this.subscriptions.mailRequestedWithin(m, subscriberId, purpose, intervalS)) return;
    const id = await this.subscriptions.insertMail(m, subscriberId, purpose, new Date(this.clock.ms() + CONFIRM_LIFETIME_MS));
    await this.outbox.enqueue(m, 'send-subscription-mail', { mailId: id });
  }

  /**
   * Sends a subscription mail; idempotent. The job claims the mail first (its id and a lease, like a notification
   * delivery), so two runs of one mail never both send it; a run that finds another live claim is retried later. A
   * send cut off before it was recorded (a worker killed) is repeated with the same Message-ID and the same link:
   * the confirmation token is derived from the mail's id, so the first mail's link keeps working.
   */
  async sendMail(mailId: string, job: { id?: string } = {}): Promise<'sent' | 'already_sent' | 'stale' | 'missing'> {
    const jobId = job.id ?? `direct-${mailId}`;
    const row = await this.subscriptions.findMailToSend(mailId, this.clock.now());
    if (!row) return 'missing';
    if (row.sentAt) return 'already_sent';
    if (row.expired || (row.purpose === 'confirm' && row.topicsStatus !== 'pending')) return 'stale';
    const token = row.purpose === 'confirm' ? this.links.mailToken(row.id) : null;
    const claimed = await this.subscriptions.claimMail(row.id, jobId, SEND_LEASE_SECONDS, token === null ? null : hash(token));
    if (!claimed) {
      const now = await this.subscriptions.mailSentAt(row.id);
      if (!now || now.sentAt) return 'already_sent';
      throw new SubscriptionMailBusyError(`Subscription mail ${row.id} is being sent by another job`);
    }
    const topics = await this.subscriptions.listTopics(row.subscriberId);
    const topicLabels = await this.catalog.labels(topics, row.locale);
    const publicUrl = this.config.http.publicUrl;
    const rendered =
      token !== null
        ? this.renderer.renderSubscription({
            kind: 'confirm',
            locale: row.locale,
            publicUrl,
            confirmUrl: `${publicUrl}/subscriptions/confirm?token=${token}`,
            topicLabels,
          })
        : this.renderer.renderSubscription({
            kind: 'already_subscribed',
            locale: row.locale,
            publicUrl,
            manageUrl: this.links.manageUrl(row.subscriberId),
            unsubscribeUrl: this.links.unsubscribeUrl(row.subscriberId, 'topics'),
            topicLabels,
          });
    try {
      await this.mail.send({ to: row.email, ...rendered, messageId: `<subscription-${row.id}@${this.messageIdHost}>` });
    } catch (err) {
      // Not sent: the next attempt may claim it at once.
      await this.subscriptions.releaseMail(row.id, jobId);
      throw err;
    }
    await this.subscriptions.markMailSent(row.id);
    this.logger.log({ mailId, purpose: row.purpose }, 'Subscription mail sent');
    return 'sent';
  }

  /** The language of a usable confirmation token's subscriber (for the page that asks to confirm), or null. */
  async confirmTokenLocale(token: string): Promise<Locale | null> {
    return (await this.subscriptions.confirmTokenLocale(hash(token), this.clock.now())) ?? null;
  }

  manageUrl(subscriberId: string): string {
    return this.links.manageUrl(subscriberId);
  }

  /** Confirms a subscription with the token of its confirmation mail. Confirming twice is not an error. */
  async confirm(token: string): Promise<SubscriptionView> {
    const subscriberId = await this.ds.transaction(async (m) => {
      const row = await this.subscriptions.lockConfirmation(m, hash(token), this.clock.now());
      if (!row || row.expired) throw NotificationsError.invalidLink();
      if (row.usedAt) {
        if (row.topicsStatus === 'confirmed') return row.subscriberId;
        throw NotificationsError.invalidLink();
      }
      await this.subscriptions.markMailUsed(m, row.id);
      await this.subscriptions.confirm(m, row.subscriberId);
      return row.subscriberId;
    });
    return this.view(subscriberId);
  }

  /** One-click unsubscribe: `topics` ends topic mails, `own` mails about one's own activity, `manage` both. */
  async unsubscribe(token: string): Promise<{ scope: 'topics' | 'own' | 'manage'; subscriberId: string; locale: Locale }> {
    const link = this.links.verify(token);
    if (!link) throw NotificationsError.invalidLink();
    const row = await this.subscriptions.unsubscribe(link.subscriberId, link.scope);
    if (!row) throw NotificationsError.invalidLink();
    this.logger.log({ subscriberId: link.subscriberId, scope: link.scope }, 'Unsubscribed');
    return { scope: link.scope, subscriberId: link.subscriberId, locale: row.locale };
  }

  /** The subscriber a personal link points to (any scope), for the pages behind the links. */
  async viewByLink(token: string, scopes: Array<'topics' | 'own' | 'manage'> = ['manage']): Promise<SubscriptionView & { scope: 'topics' | 'own' | 'manage' }> {
    const link = this.links.verify(token);
    if (!link || !scopes.includes(link.scope)) throw NotificationsError.invalidLink();
    return { ...(await this.view(link.subscriberId)), scope: link.scope };
  }

  /** Changes a subscription through its manage link (which proves the address is the holder's). */
  async updateByLink(token: string, change: SubscriptionChange): Promise<SubscriptionView> {
    const link = this.links.verify(token);
    if (!link || link.scope !== 'manage') throw NotificationsError.invalidLink();
    await this.ds.transaction((m) => this.apply(m, link.subscriberId, change));
    return this.view(link.subscriberId);
  }

  /** The subscription of an account (defaults when it has none yet). */
  async forUser(user: { id: string; email: string; locale: Locale }): Promise<SubscriptionView | null> {
    const id = await this.subscriptions.findIdForUser(user.id, user.email);
    return id ? this.view(id) : null;
  }

  /** Sets the subscription of an account: its verified address needs no further confirmation. */
  async updateForUser(
    user: { id: string; email: string; locale: Locale; emailVerifiedAt: Date | null },
    change: SubscriptionChange,
  ): Promise<SubscriptionView> {
    if (!user.emailVerifiedAt) throw NotificationsError.emailNotVerified();
    const id = await this.ds.transaction(async (m) => {
      const subscriberId = await this.subscriptions.ensureAccountSubscriber(m, user);
      await this.apply(m, subscriberId, change);
      return subscriberId;
    });
    return this.view(id);
  }

  /** Topics given → confirmed (or none when empty); the holder has proven the address. */
  private async apply(m: EntityManager, subscriberId: string, change: SubscriptionChange): Promise<void> {
    const sub = await this.subscriptions.lockById(m, subscriberId);
    if (!sub) throw NotificationsError.invalidLink();
    let status = sub.topicsStatus;
    if (change.topics) {
      const topics = await this.checkTopics(change.topics, m);
      await this.subscriptions.replaceTopics(m, subscriberId, topics);
      status = topics.length > 0 ? 'confirmed' : sub.topicsStatus === 'none' ? 'none' : 'unsubscribed';
    }
    await this.subscriptions.updateSettings(m, subscriberId, {
      locale: change.locale ?? sub.locale,
      frequency: change.frequency ?? sub.frequency,
      ownActivity: change.ownActivity ?? sub.ownActivity,
      topicsStatus: status,
    });
  }

  async view(subscriberId: string): Promise<SubscriptionView> {
    const view = await this.subscriptions.findView(subscriberId);
    if (!view) throw NotificationsError.invalidLink();
    return view;
  }
}
