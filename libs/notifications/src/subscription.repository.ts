import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { areaTree, queryOne, queryRows, rowsOf } from '@civitas/database';
import type { LinkScope } from './link-tokens';
import type { Frequency, SubscriptionView, TopicsStatus } from './subscription.service';

/** A subscriber's own row: address, language, frequency, topic status, own-activity mails, account. */
export interface Subscriber {
  id: string;
  email: string;
  locale: Locale;
  frequency: Frequency;
  topicsStatus: TopicsStatus;
  ownActivity: boolean;
  userId: string | null;
}

/** The settings a change of a subscription writes. */
export interface SubscriberSettings {
  locale: Locale;
  frequency: Frequency;
  ownActivity: boolean;
  topicsStatus: TopicsStatus;
}

/** What sending a subscription mail needs: the mail, its state and its subscriber's address and language. */
export interface MailToSend {
  id: string;
  purpose: 'confirm' | 'already_subscribed';
  sentAt: Date | null;
  expired: boolean;
  subscriberId: string;
  locale: Locale;
  topicsStatus: TopicsStatus;
  email: string;
}

/** A confirmation mail found by its token, locked with its subscriber. */
export interface LockedConfirmation {
  id: string;
  subscriberId: string;
  usedAt: Date | null;
  expired: boolean;
  topicsStatus: TopicsStatus;
}

/** A confirmed subscriber of an event's topics, with how often they want mail. */
export interface TopicSubscriber {
  id: string;
  frequency: Frequency;
}

/** The subscription of an account, for the export of its personal data (the keys as exported). */
export interface PersonalSubscription {
  email: string;
  locale: Locale;
  frequency: Frequency;
  topicsStatus: TopicsStatus;
  ownActivity: boolean;
  confirmedAt: Date | null;
  topics: string[];
}

/** An area a topic names. */
export interface TopicArea {
  id: string;
  name: string;
  kind: string;
}

interface SubscriberRow {
  id: string;
  email: string;
  locale: Locale;
  frequency: Frequency;
  topics_status: TopicsStatus;
  own_activity: boolean;
  user_id: string | null;
}

interface MailRow {
  id: string;
  purpose: 'confirm' | 'already_subscribed';
  sent_at: Date | null;
  expired: boolean;
  subscriber_id: string;
  locale: Locale;
  topics_status: TopicsStatus;
  email: string;
}

interface ConfirmationRow {
  id: string;
  subscriber_id: string;
  used_at: Date | null;
  expired: boolean;
  topics_status: TopicsStatus;
}

interface ViewRow {
  id: string;
  email: string;
  locale: Locale;
  frequency: Frequency;
  topics_status: TopicsStatus;
  own_activity: boolean;
  topics: string[];
}

const subscriberOf = (r: SubscriberRow): Subscriber => ({
  id: r.id,
  email: r.email,
  locale: r.locale,
  frequency: r.frequency,
  topicsStatus: r.topics_status,
  ownActivity: r.own_activity,
  userId: r.user_id,
});

const mailOf = (r: MailRow): MailToSend => ({
  id: r.id,
  purpose: r.purpose,
  sentAt: r.sent_at,
  expired: r.expired,
  subscriberId: r.subscriber_id,
  locale: r.locale,
  topicsStatus: r.topics_status,
  email: r.email,
});

const confirmationOf = (r: ConfirmationRow): LockedConfirmation => ({
  id: r.id,
  subscriberId: r.subscriber_id,
  usedAt: r.used_at,
  expired: r.expired,
  topicsStatus: r.topics_status,
});

const viewOf = (r: ViewRow): SubscriptionView => ({
  subscriberId: r.id,
  email: r.email,
  locale: r.locale,
  frequency: r.frequency,
  status: r.topics_status,
  ownActivity: r.own_activity,
  topics: r.topics,
});

/** What an unsubscribe link ends: topic mails (a subscriber without topics stays `none`). */
const END_TOPICS = `topics_status = CASE WHEN topics_status = 'none' THEN 'none' ELSE 'unsubscribed' END,
           unsubscribed_at = CASE WHEN topics_status = 'none' THEN unsubscribed_at ELSE now() END`;

/** What an unsubscribe link of each scope sets. */
const UNSUBSCRIBE_SET: Record<LinkScope, string> = {
  own: `own_activity = false`,
  topics: END_TOPICS,
  manage: `${END_TOPICS}, own_activity = false`,
};

/**
 * The SQL of `subscribers`, `subscriber_topics` and `subscription_mails` (the confirmation tokens), with the reads
 * of accounts and areas that subscriptions and topics need, as named methods with typed rows. Methods used in a
 * transaction take its EntityManager first; the others read and write through the DataSource.
 */
@Injectable()
export class SubscriptionRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts a pending subscriber of the address, unless the address has one. */
  async insertPending(m: EntityManager, email: string, locale: Locale): Promise<void> {
    await m.query(`INSERT INTO subscribers (email, locale, topics_status) VALUES ($1, $2, 'pending') ON CONFLICT DO NOTHING`, [email, locale]);
  }

  /** The subscriber of an address that has one, its row locked for the rest of the transaction. */
  async lockByEmail(m: EntityManager, email: string): Promise<Subscriber> {
    const [r] = await queryRows<SubscriberRow>(m, `SELECT * FROM subscribers WHERE email = $1 FOR UPDATE`, [email]);
    return subscriberOf(r);
  }

  /** The subscriber, its row locked for the rest of the transaction; undefined when there is none. */
  async lockById(m: EntityManager, id: string): Promise<Subscriber | undefined> {
    const r = await queryOne<SubscriberRow>(m, `SELECT * FROM subscribers WHERE id = $1 FOR UPDATE`, [id]);
    return r && subscriberOf(r);
  }

  /** Sets the language and frequency of a subscription request and makes it pending again. */
  async setPendingRequest(m: EntityManager, id: string, locale: Locale, frequency: Frequency): Promise<void> {
    await m.query(`UPDATE subscribers SET locale = $2, frequency = $3, topics_status = 'pending', updated_at = now() WHERE id = $1`, [id, locale, frequency]);
  }

  /** Writes a subscription's settings, stamping the time it was (re)confirmed or unsubscribed when its status changes so. */
  async updateSettings(m: EntityManager, id: string, s: SubscriberSettings): Promise<void> {
    await m.query(
      `UPDATE subscribers
          SET locale = $2, frequency = $3, own_activity = $4, topics_status = $5, updated_at = now(),
              confirmed_at = CASE WHEN $5 = 'confirmed' AND topics_status <> 'confirmed' THEN now() ELSE confirmed_at END,
              unsubscribed_at = CASE WHEN $5 = 'unsubscribed' AND topics_status <> 'unsubscribed' THEN now()
                                     WHEN $5 = 'confirmed' THEN NULL ELSE unsubscribed_at END
        WHERE id = $1`,
      [id, s.locale, s.frequency, s.ownActivity, s.topicsStatus],
    );
  }

  /** Confirms the subscriber's topics (and ends an earlier unsubscription). */
  async confirm(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE subscribers SET topics_status = 'confirmed', confirmed_at = now(), unsubscribed_at = NULL, updated_at = now() WHERE id = $1`, [id]);
  }

  /** Ends what an unsubscribe link of the scope ends; returns the subscriber's language, undefined when there is no such subscriber. */
  async unsubscribe(id: string, scope: LinkScope): Promise<{ locale: Locale } | undefined> {
    const rows = rowsOf<{ locale: Locale }>(
      await this.ds.manager.query(`UPDATE subscribers SET ${UNSUBSCRIBE_SET[scope]}, updated_at = now() WHERE id = $1 RETURNING locale`, [id]),
    );
    return rows[0];
  }

  /** The id of the account's subscriber (else of its address's, not linked to an account); undefined when there is none. */
  async findIdForUser(userId: string, email: string): Promise<string | undefined> {
    const r = await queryOne<{ id: string }>(
      this.ds.manager,
      `SELECT id FROM subscribers WHERE user_id = $1 OR (user_id IS NULL AND email = $2) ORDER BY user_id NULLS LAST LIMIT 1`,
      [userId, email],
    );
    return r?.id;
  }

  /** The subscription as its holder sees it (the account's address first); undefined when there is no such subscriber. */
  async findView(id: string, m: EntityManager = this.ds.manager): Promise<SubscriptionView | undefined> {
    const r = await queryOne<ViewRow>(
      m,
      `SELECT s.id, COALESCE(u.email, s.email) AS email, s.locale, s.frequency, s.topics_status, s.own_activity,
              COALESCE((SELECT array_agg(t.topic ORDER BY t.topic) FROM subscriber_topics t WHERE t.subscriber_id = s.id), '{}') AS topics
         FROM subscribers s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [id],
    );
    return r && viewOf(r);
  }

  /** Replaces the subscriber's topics. */
  async replaceTopics(m: EntityManager, subscriberId: string, topics: string[]): Promise<void> {
    await m.query(`DELETE FROM subscriber_topics WHERE subscriber_id = $1`, [subscriberId]);
    if (topics.length > 0) {
      await m.query(`INSERT INTO subscriber_topics (subscriber_id, topic) SELECT $1, unnest($2::text[])`, [subscriberId, topics]);
    }
  }

  /** The subscriber's topics, in order. */
  async listTopics(subscriberId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ topic: string }>(m, `SELECT topic FROM subscriber_topics WHERE subscriber_id = $1 ORDER BY topic`, [subscriberId]);
    return rows.map((r) => r.topic);
  }

  /** One chunk of the confirmed subscribers of any of the topics, in id order after `afterId`, at most `limit`. */
  listConfirmedOfTopics(m: EntityManager, topics: string[], afterId: string | null, limit: number): Promise<TopicSubscriber[]> {
    return queryRows<TopicSubscriber>(
      m,
      `SELECT s.id, s.frequency FROM subscribers s
        WHERE s.topics_status = 'confirmed' AND ($2::uuid IS NULL OR s.id > $2::uuid)
          AND EXISTS (SELECT 1 FROM subscriber_topics t WHERE t.subscriber_id = s.id AND t.topic = ANY($1::text[]))
        ORDER BY s.id
        LIMIT $3`,
      [topics, afterId, limit],
    );
  }

  /**
   * The subscriber rows of accounts (verified, not disabled) and of plain addresses, created when missing (no topics,
   * own-activity mails on). Returns their ids. Safe under concurrent fan-outs: inserts skip rows another made.
   */
  async ensureRecipients(m: EntityManager, userIds: string[], emails: Array<{ email: string; locale: 'pl' | 'en' }>): Promise<string[]> {
    const ids = new Set<string>();
    if (userIds.length > 0) {
      const users = await queryRows<{ id: string; email: string; locale: string }>(
        m,
        `SELECT id, email, locale FROM users WHERE id = ANY($1::uuid[]) AND email_verified_at IS NOT NULL AND disabled_at IS NULL`,
        [userIds],
      );
      for (const u of users) ids.add(await this.ensureAccountSubscriber(m, u));
    }
    if (emails.length > 0) {
      await m.query(`INSERT INTO subscribers (email, locale) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
        emails.map((e) => e.email),
        emails.map((e) => e.locale),
      ]);
      const rows = await queryRows<{ id: string }>(m, `SELECT id FROM subscribers WHERE email = ANY($1::text[])`, [emails.map((e) => e.email)]);
      for (const r of rows) ids.add(r.id);
    }
    return [...ids];
  }

  /** The id of an account's subscriber: found by account, else by address (and linked), else created. */
  async ensureAccountSubscriber(m: EntityManager, user: { id: string; email: string; locale: string }): Promise<string> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const byUser = await queryRows<{ id: string }>(m, `SELECT id FROM subscribers WHERE user_id = $1`, [user.id]);
      if (byUser[0]) return byUser[0].id;
      const linked = rowsOf<{ id: string }>(
        await m.query(`UPDATE subscribers SET user_id = $1, updated_at = now() WHERE email = $2 AND user_id IS NULL RETURNING id`, [user.id, user.email]),
      );
      if (linked[0]) return linked[0].id;
      const inserted = await queryRows<{ id: string }>(
        m,
        `INSERT INTO subscribers (email, locale, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [user.email, user.locale, user.id],
      );
      if (inserted[0]) return inserted[0].id;
    }
    throw new Error('Could not create the subscriber row of an account');
  }

  /** Whether a mail of the purpose was requested for the subscriber in the last `intervalS` seconds. */
  async mailRequestedWithin(m: EntityManager, subscriberId: string, purpose: MailToSend['purpose'], intervalS: number): Promise<boolean> {
    const rows = await queryRows<unknown>(
      m,
      `SELECT 1 FROM subscription_mails WHERE subscriber_id = $1 AND purpose = $2 AND created_at > now() - ($3::int * interval '1 second')`,
      [subscriberId, purpose, intervalS],
    );
    return rows.length > 0;
  }

  /** Inserts a subscription mail to send, valid until `expiresAt`; returns its id. */
  async insertMail(m: EntityManager, subscriberId: string, purpose: MailToSend['purpose'], expiresAt: Date): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO subscription_mails (subscriber_id, purpose, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [subscriberId, purpose, expiresAt],
    );
    return id;
  }

  /** The subscription mail with what sending it needs (expired: by `now`); undefined when there is none. */
  async findMailToSend(mailId: string, now: Date): Promise<MailToSend | undefined> {
    const r = await queryOne<MailRow>(
      this.ds.manager,
      `SELECT m.id, m.purpose, m.sent_at, m.expires_at < $2::timestamptz AS expired, s.id AS subscriber_id, s.locale, s.topics_status,
              COALESCE(u.email, s.email) AS email
         FROM subscription_mails m JOIN subscribers s ON s.id = m.subscriber_id LEFT JOIN users u ON u.id = s.user_id
        WHERE m.id = $1`,
      [mailId, now],
    );
    return r && mailOf(r);
  }

  /**
   * Claims an unsent mail for the job (free, already the job's, or its lease over) for `leaseSeconds`, storing the
   * hash of its confirmation token when given; false when another live job holds it or it was sent.
   */
  async claimMail(mailId: string, jobId: string, leaseSeconds: number, tokenHash: string | null): Promise<boolean> {
    const claimed = rowsOf(
      await this.ds.manager.query(
        `UPDATE subscription_mails
            SET sending_job = $2, lease_until = now() + ($3::int * interval '1 second'),
                interrupted = interrupted + CASE WHEN sending_job IS NOT NULL THEN 1 ELSE 0 END,
                token_hash = COALESCE($4, token_hash)
          WHERE id = $1 AND sent_at IS NULL AND (sending_job IS NULL OR sending_job = $2 OR lease_until < now())
          RETURNING id`,
        [mailId, jobId, leaseSeconds, tokenHash],
      ),
    );
    return claimed.length > 0;
  }

  /** When the mail was sent (null: not yet); undefined when there is no such mail. */
  async mailSentAt(mailId: string): Promise<{ sentAt: Date | null } | undefined> {
    const r = await queryOne<{ sent_at: Date | null }>(this.ds.manager, `SELECT sent_at FROM subscription_mails WHERE id = $1`, [mailId]);
    return r && { sentAt: r.sent_at };
  }

  /** Drops the job's claim on the mail (not sent: the next attempt may claim it at once). */
  async releaseMail(mailId: string, jobId: string): Promise<void> {
    await this.ds.manager.query(`UPDATE subscription_mails SET sending_job = NULL, lease_until = NULL WHERE id = $1 AND sending_job = $2`, [mailId, jobId]);
  }

  /** Marks the mail sent and drops its claim. */
  async markMailSent(mailId: string): Promise<void> {
    await this.ds.manager.query(`UPDATE subscription_mails SET sent_at = now(), sending_job = NULL, lease_until = NULL WHERE id = $1`, [mailId]);
  }

  /** The language of the subscriber of a confirmation token (by its hash) unexpired at `now`; undefined when there is none. */
  async confirmTokenLocale(tokenHash: string, now: Date): Promise<Locale | undefined> {
    const r = await queryOne<{ locale: Locale }>(
      this.ds.manager,
      `SELECT s.locale FROM subscription_mails m JOIN subscribers s ON s.id = m.subscriber_id
        WHERE m.token_hash = $1 AND m.purpose = 'confirm' AND m.expires_at > $2::timestamptz`,
      [tokenHash, now],
    );
    return r?.locale;
  }

  /**
   * The confirmation mail of a token (by its hash; expired: by `now`), locked with its subscriber for the rest of the
   * transaction; undefined when there is none.
   */
  async lockConfirmation(m: EntityManager, tokenHash: string, now: Date): Promise<LockedConfirmation | undefined> {
    const r = await queryOne<ConfirmationRow>(
      m,
      `SELECT m.id, m.subscriber_id, m.used_at, m.expires_at < $2::timestamptz AS expired, s.topics_status
         FROM subscription_mails m JOIN subscribers s ON s.id = m.subscriber_id
        WHERE m.token_hash = $1 AND m.purpose = 'confirm' FOR UPDATE OF m, s`,
      [tokenHash, now],
    );
    return r && confirmationOf(r);
  }

  /** Marks the mail's confirmation link used. */
  async markMailUsed(m: EntityManager, mailId: string): Promise<void> {
    await m.query(`UPDATE subscription_mails SET used_at = now() WHERE id = $1`, [mailId]);
  }

  /** The account's subscription with its topics, for the export of its personal data; null when it has none. */
  async personalData(m: EntityManager, userId: string): Promise<PersonalSubscription | null> {
    const r = await queryOne<PersonalSubscription>(
      m,
      `SELECT s.email, s.locale, s.frequency, s.topics_status AS "topicsStatus", s.own_activity AS "ownActivity", s.confirmed_at AS "confirmedAt",
                  COALESCE((SELECT array_agg(t.topic ORDER BY t.topic) FROM subscriber_topics t WHERE t.subscriber_id = s.id), '{}') AS topics
             FROM subscribers s WHERE s.user_id = $1`,
      [userId],
    );
    return r ?? null;
  }

  /** Deletes the account's subscriber (its topics and pending mails go with it). */
  async deleteOfUser(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM subscribers WHERE user_id = $1`, [userId]);
  }

  /** The areas among `ids` that exist, with their names and kinds. */
  listAreas(m: EntityManager, ids: string[]): Promise<TopicArea[]> {
    return queryRows<TopicArea>(m, `SELECT id, name, kind FROM areas WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** The ids of every area, in tree order (each under its parent, siblings by name). */
  async listAreaIdsInTreeOrder(m: EntityManager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `WITH RECURSIVE tree AS (
         SELECT id, name, 0 AS depth, ARRAY[lower(name)] AS path FROM areas WHERE parent_id IS NULL
         UNION ALL SELECT a.id, a.name, t.depth + 1, t.path || lower(a.name) FROM areas a JOIN tree t ON a.parent_id = t.id)
       SELECT id FROM tree ORDER BY path`,
    );
    return rows.map((r) => r.id);
  }

  /** The ids of the areas and of all their ancestors (the areas whose subscribers hear about them). */
  async listAreasAbove(m: EntityManager, areaIds: string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM ${areaTree.above('$1')} AS above`, [areaIds]);
    return rows.map((r) => r.id);
  }
}
