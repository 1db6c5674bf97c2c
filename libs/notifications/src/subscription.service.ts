import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { MailTransport } from '@civitas/mail';
import { OutboxService } from '@civitas/queue';
import { rowsOf } from '@civitas/database';
import { ensureAccountSubscriber } from './fan-out.service';
import { LinkTokens } from './link-tokens';
import { NotificationsError } from './notifications.errors';
import { MailRenderer } from './rendering/mail-renderer';
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

interface SubscriberRow {
  id: string;
  email: string;
  locale: Locale;
  frequency: Frequency;
  topics_status: TopicsStatus;
  own_activity: boolean;
  user_id: string | null;
}

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
      await m.query(`INSERT INTO subscribers (email, locale, topics_status) VALUES ($1, $2, 'pending') ON CONFLICT DO NOTHING`, [input.email, input.locale]);
      const [sub] = (await m.query(`SELECT * FROM subscribers WHERE email = $1 FOR UPDATE`, [input.email])) as SubscriberRow[];
      if (sub.topics_status === 'confirmed') {
        await this.requestMail(m, sub.id, 'already_subscribed', NOTICE_MAIL_INTERVAL_S);
        return;
      }
      await m.query(`UPDATE subscribers SET locale = $2, frequency = $3, topics_status = 'pending', updated_at = now() WHERE id = $1`, [
        sub.id,
        input.locale,
        input.frequency ?? 'immediate',
      ]);
      await this.replaceTopics(m, sub.id, topics);
      await this.requestMail(m, sub.id, 'confirm', CONFIRM_MAIL_INTERVAL_S);
    });
  }

  private async requestMail(m: EntityManager, subscriberId: string, purpose: 'confirm' | 'already_subscribed', intervalS: number): Promise<void> {
    const recent = (await m.query(
      `SELECT 1 FROM subscription_mails WHERE subscriber_id = $1 AND purpose = $2 AND created_at > now() - ($3::int * interval '1 second')`,
      [subscriberId, purpose, intervalS],
    )) as unknown[];
    if (recent.length > 0) return;
    const [{ id }] = (await m.query(
      `INSERT INTO subscription_mails (subscriber_id, purpose, expires_at) VALUES ($1, $2, now() + ($3::int * interval '1 millisecond')) RETURNING id`,
      [subscriberId, purpose, CONFIRM_LIFETIME_MS],
    )) as Array<{ id: string }>;
    await this.outbox.enqueue(m, 'send-subscription-mail', { mailId: id });
  }

  private async replaceTopics(m: EntityManager, subscriberId: string, topics: string[]): Promise<void> {
    await m.query(`DELETE FROM subscriber_topics WHERE subscriber_id = $1`, [subscriberId]);
    if (topics.length > 0) {
      await m.query(`INSERT INTO subscriber_topics (subscriber_id, topic) SELECT $1, unnest($2::text[])`, [subscriberId, topics]);
    }
  }

  /**
   * Sends a subscription mail; idempotent. The job claims the mail first (its id and a lease, like a notification
   * delivery), so two runs of one mail never both send it; a run that finds another live claim is retried later. A
   * send cut off before it was recorded (a worker killed) is repeated with the same Message-ID and the same link:
   * the confirmation token is derived from the mail's id, so the first mail's link keeps working.
   */
  async sendMail(mailId: string, job: { id?: string } = {}): Promise<'sent' | 'already_sent' | 'stale' | 'missing'> {
    const jobId = job.id ?? `direct-${mailId}`;
    const [row] = (await this.ds.query(
      `SELECT m.id, m.purpose, m.sent_at, m.expires_at < now() AS expired, s.id AS subscriber_id, s.locale, s.topics_status,
              COALESCE(u.email, s.email) AS email
         FROM subscription_mails m JOIN subscribers s ON s.id = m.subscriber_id LEFT JOIN users u ON u.id = s.user_id
        WHERE m.id = $1`,
      [mailId],
    )) as Array<{
      id: string;
      purpose: 'confirm' | 'already_subscribed';
      sent_at: Date | null;
      expired: boolean;
      subscriber_id: string;
      locale: Locale;
      topics_status: TopicsStatus;
      email: string;
    }>;
    if (!row) return 'missing';
    if (row.sent_at) return 'already_sent';
    if (row.expired || (row.purpose === 'confirm' && row.topics_status !== 'pending')) return 'stale';
    const token = row.purpose === 'confirm' ? this.links.mailToken(row.id) : null;
    const claimed = rowsOf(
      await this.ds.query(
        `UPDATE subscription_mails
            SET sending_job = $2, lease_until = now() + ($3::int * interval '1 second'),
                interrupted = interrupted + CASE WHEN sending_job IS NOT NULL THEN 1 ELSE 0 END,
                token_hash = COALESCE($4, token_hash)
          WHERE id = $1 AND sent_at IS NULL AND (sending_job IS NULL OR sending_job = $2 OR lease_until < now())
          RETURNING id`,
        [row.id, jobId, SEND_LEASE_SECONDS, token === null ? null : hash(token)],
      ),
    );
    if (claimed.length === 0) {
      const [now] = (await this.ds.query(`SELECT sent_at FROM subscription_mails WHERE id = $1`, [row.id])) as Array<{ sent_at: Date | null }>;
      if (!now || now.sent_at) return 'already_sent';
      throw new SubscriptionMailBusyError(`Subscription mail ${row.id} is being sent by another job`);
    }
    const topics = (await this.ds.query(`SELECT topic FROM subscriber_topics WHERE subscriber_id = $1 ORDER BY topic`, [row.subscriber_id])) as Array<{
      topic: string;
    }>;
    const topicLabels = await this.catalog.labels(
      topics.map((t) => t.topic),
      row.locale,
    );
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
            manageUrl: this.links.manageUrl(row.subscriber_id),
            unsubscribeUrl: this.links.unsubscribeUrl(row.subscriber_id, 'topics'),
            topicLabels,
          });
    try {
      await this.mail.send({ to: row.email, ...rendered, messageId: `<subscription-${row.id}@${this.messageIdHost}>` });
    } catch (err) {
      // Not sent: the next attempt may claim it at once.
      await this.ds.query(`UPDATE subscription_mails SET sending_job = NULL, lease_until = NULL WHERE id = $1 AND sending_job = $2`, [row.id, jobId]);
      throw err;
    }
    await this.ds.query(`UPDATE subscription_mails SET sent_at = now(), sending_job = NULL, lease_until = NULL WHERE id = $1`, [row.id]);
    this.logger.log({ mailId, purpose: row.purpose }, 'Subscription mail sent');
    return 'sent';
  }

  /** The language of a usable confirmation token's subscriber (for the page that asks to confirm), or null. */
  async confirmTokenLocale(token: string): Promise<Locale | null> {
    const rows = (await this.ds.query(
      `SELECT s.locale FROM subscription_mails m JOIN subscribers s ON s.id = m.subscriber_id
        WHERE m.token_hash = $1 AND m.purpose = 'confirm' AND m.expires_at > now()`,
      [hash(token)],
    )) as Array<{ locale: Locale }>;
    return rows[0]?.locale ?? null;
  }

  manageUrl(subscriberId: string): string {
    return this.links.manageUrl(subscriberId);
  }

  /** Confirms a subscription with the token of its confirmation mail. Confirming twice is not an error. */
  async confirm(token: string): Promise<SubscriptionView> {
    const subscriberId = await this.ds.transaction(async (m) => {
      const [row] = (await m.query(
        `SELECT m.id, m.subscriber_id, m.used_at, m.expires_at < now() AS expired, s.topics_status
           FROM subscription_mails m JOIN subscribers s ON s.id = m.subscriber_id
          WHERE m.token_hash = $1 AND m.purpose = 'confirm' FOR UPDATE OF m, s`,
        [hash(token)],
      )) as Array<{ id: string; subscriber_id: string; used_at: Date | null; expired: boolean; topics_status: TopicsStatus }>;
      if (!row || row.expired) throw NotificationsError.invalidLink();
      if (row.used_at) {
        if (row.topics_status === 'confirmed') return row.subscriber_id;
        throw NotificationsError.invalidLink();
      }
      await m.query(`UPDATE subscription_mails SET used_at = now() WHERE id = $1`, [row.id]);
      await m.query(`UPDATE subscribers SET topics_status = 'confirmed', confirmed_at = now(), unsubscribed_at = NULL, updated_at = now() WHERE id = $1`, [
        row.subscriber_id,
      ]);
      return row.subscriber_id;
    });
    return this.view(subscriberId);
  }

  /** One-click unsubscribe: `topics` ends topic mails, `own` mails about one's own activity, `manage` both. */
  async unsubscribe(token: string): Promise<{ scope: 'topics' | 'own' | 'manage'; subscriberId: string; locale: Locale }> {
    const link = this.links.verify(token);
    if (!link) throw NotificationsError.invalidLink();
    const set =
      link.scope === 'own'
        ? `own_activity = false`
        : `topics_status = CASE WHEN topics_status = 'none' THEN 'none' ELSE 'unsubscribed' END,
           unsubscribed_at = CASE WHEN topics_status = 'none' THEN unsubscribed_at ELSE now() END` + (link.scope === 'manage' ? `, own_activity = false` : '');
    const rows = rowsOf<{ locale: Locale }>(
      await this.ds.query(`UPDATE subscribers SET ${set}, updated_at = now() WHERE id = $1 RETURNING locale`, [link.subscriberId]),
    );
    if (rows.length === 0) throw NotificationsError.invalidLink();
    this.logger.log({ subscriberId: link.subscriberId, scope: link.scope }, 'Unsubscribed');
    return { scope: link.scope, subscriberId: link.subscriberId, locale: rows[0].locale };
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
    const [row] = (await this.ds.query(
      `SELECT id FROM subscribers WHERE user_id = $1 OR (user_id IS NULL AND email = $2) ORDER BY user_id NULLS LAST LIMIT 1`,
      [user.id, user.email],
    )) as Array<{ id: string }>;
    return row ? this.view(row.id) : null;
  }

  /** Sets the subscription of an account: its verified address needs no further confirmation. */
  async updateForUser(
    user: { id: string; email: string; locale: Locale; emailVerifiedAt: Date | null },
    change: SubscriptionChange,
  ): Promise<SubscriptionView> {
    if (!user.emailVerifiedAt) throw NotificationsError.emailNotVerified();
    const id = await this.ds.transaction(async (m) => {
      const subscriberId = await ensureAccountSubscriber(m, user);
      await this.apply(m, subscriberId, change);
      return subscriberId;
    });
    return this.view(id);
  }

  /** Topics given → confirmed (or none when empty); the holder has proven the address. */
  private async apply(m: EntityManager, subscriberId: string, change: SubscriptionChange): Promise<void> {
    const [sub] = (await m.query(`SELECT * FROM subscribers WHERE id = $1 FOR UPDATE`, [subscriberId])) as SubscriberRow[];
    if (!sub) throw NotificationsError.invalidLink();
    let status = sub.topics_status;
    if (change.topics) {
      const topics = await this.checkTopics(change.topics, m);
      await this.replaceTopics(m, subscriberId, topics);
      status = topics.length > 0 ? 'confirmed' : sub.topics_status === 'none' ? 'none' : 'unsubscribed';
    }
    await m.query(
      `UPDATE subscribers
          SET locale = $2, frequency = $3, own_activity = $4, topics_status = $5, updated_at = now(),
              confirmed_at = CASE WHEN $5 = 'confirmed' AND topics_status <> 'confirmed' THEN now() ELSE confirmed_at END,
              unsubscribed_at = CASE WHEN $5 = 'unsubscribed' AND topics_status <> 'unsubscribed' THEN now()
                                     WHEN $5 = 'confirmed' THEN NULL ELSE unsubscribed_at END
        WHERE id = $1`,
      [subscriberId, change.locale ?? sub.locale, change.frequency ?? sub.frequency, change.ownActivity ?? sub.own_activity, status],
    );
  }

  async view(subscriberId: string): Promise<SubscriptionView> {
    const [row] = (await this.ds.query(
      `SELECT s.id, COALESCE(u.email, s.email) AS email, s.locale, s.frequency, s.topics_status, s.own_activity,
              COALESCE((SELECT array_agg(t.topic ORDER BY t.topic) FROM subscriber_topics t WHERE t.subscriber_id = s.id), '{}') AS topics
         FROM subscribers s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [subscriberId],
    )) as Array<{ id: string; email: string; locale: Locale; frequency: Frequency; topics_status: TopicsStatus; own_activity: boolean; topics: string[] }>;
    if (!row) throw NotificationsError.invalidLink();
    return {
      subscriberId: row.id,
      email: row.email,
      locale: row.locale,
      frequency: row.frequency,
      status: row.topics_status,
      ownActivity: row.own_activity,
      topics: row.topics,
    };
  }
}
