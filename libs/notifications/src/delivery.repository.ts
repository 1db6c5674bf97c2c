import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import type { DeliveryStatus, DeliveryView, EventView } from './deliveries-admin.service';
import type { NotificationKind } from './events';
import type { Frequency } from './subscription.service';

/** A notification event to store: its kind, facts, topics and the people it concerns directly. */
export interface NewEvent {
  kind: string;
  facts: unknown;
  topics: string[];
  userIds: string[];
  emails: Array<{ email: string; locale: string }>;
}

/** An event as its fan-out reads it: its topics, the people it concerns directly, and how far the fan-out got. */
export interface FanOutEvent {
  id: string;
  topics: string[];
  userIds: string[];
  emails: Array<{ email: string; locale: 'pl' | 'en' }>;
  fanoutCursor: string | null;
  fanoutCompletedAt: Date | null;
}

/** A delivery claimed by a job, with what its mail needs: the subscriber (if still there), the event, the topics. */
export interface ClaimedDelivery {
  id: string;
  reason: 'topic' | 'direct';
  interrupted: number;
  subscriberId: string | null;
  topicsStatus: string | null;
  ownActivity: boolean | null;
  locale: Locale | null;
  email: string | null;
  kind: NotificationKind | 'digest';
  facts: Record<string, unknown>;
  eventTopics: string[];
  subscriberTopics: string[] | null;
}

/** What the sending of a delivery records once the mail was accepted. */
export interface SentMail {
  email: string | null;
  locale: Locale | null;
  messageId: string;
  smtpResponse: string;
}

/** An event carried by a digest. */
export interface DigestItem {
  kind: NotificationKind;
  facts: never;
  createdAt: Date;
}

/** Which deliveries an admin list shows (every given filter applies). */
export interface DeliveryFilter {
  status?: DeliveryStatus;
  eventId?: string;
  id?: string;
}

/** A delivery as officials list it, with its recipient's address unmasked. */
export type DeliveryRecord = Omit<DeliveryView, 'recipient'> & { email: string | null };

interface EventRow {
  id: string;
  topics: string[];
  user_ids: string[];
  emails: Array<{ email: string; locale: 'pl' | 'en' }>;
  fanout_cursor: string | null;
  fanout_completed_at: Date | null;
}

interface ClaimedRow {
  id: string;
  reason: 'topic' | 'direct';
  interrupted: number;
  subscriber_id: string | null;
  topics_status: string | null;
  own_activity: boolean | null;
  locale: Locale | null;
  email: string | null;
  kind: NotificationKind | 'digest';
  facts: Record<string, unknown>;
  event_topics: string[];
  subscriber_topics: string[] | null;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  kind: string;
  status: DeliveryStatus;
  reason: 'topic' | 'direct';
  email: string | null;
  attempts: number;
  interrupted: number;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
}

interface EventCountsRow {
  id: string;
  kind: string;
  created_at: Date;
  fanout_completed_at: Date | null;
  counts: EventView['counts'];
}

const fanOutEventOf = (r: EventRow): FanOutEvent => ({
  id: r.id,
  topics: r.topics,
  userIds: r.user_ids,
  emails: r.emails,
  fanoutCursor: r.fanout_cursor,
  fanoutCompletedAt: r.fanout_completed_at,
});

const claimedOf = (r: ClaimedRow): ClaimedDelivery => ({
  id: r.id,
  reason: r.reason,
  interrupted: r.interrupted,
  subscriberId: r.subscriber_id,
  topicsStatus: r.topics_status,
  ownActivity: r.own_activity,
  locale: r.locale,
  email: r.email,
  kind: r.kind,
  facts: r.facts,
  eventTopics: r.event_topics,
  subscriberTopics: r.subscriber_topics,
});

const deliveryOf = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  eventId: r.event_id,
  eventKind: r.kind,
  status: r.status,
  reason: r.reason,
  email: r.email,
  attempts: r.attempts,
  interrupted: r.interrupted,
  lastError: r.last_error,
  messageId: r.message_id,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  failedAt: r.failed_at,
});

const eventViewOf = (r: EventCountsRow): EventView => ({
  id: r.id,
  kind: r.kind,
  createdAt: r.created_at,
  fanOutCompletedAt: r.fanout_completed_at,
  counts: r.counts,
});

/** The WHERE clause of an admin list of deliveries, with its parameters. */
function deliveryWhere(filter: DeliveryFilter): { clause: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) where.push(`d.status = $${params.push(filter.status)}`);
  if (filter.eventId) where.push(`d.event_id = $${params.push(filter.eventId)}`);
  if (filter.id) where.push(`d.id = $${params.push(filter.id)}`);
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * The SQL of `notification_events` and `deliveries` (digests are deliveries of a day's digest event), as named
 * methods with typed rows. Methods used in a transaction take its EntityManager first; the others read and write
 * through the DataSource.
 */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stores a notification event; returns its id. */
  async insertEvent(m: EntityManager, e: NewEvent): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO notification_events (kind, facts, topics, user_ids, emails) VALUES ($1, $2::jsonb, $3::text[], $4::uuid[], $5::jsonb) RETURNING id`,
      [e.kind, JSON.stringify(e.facts), e.topics, e.userIds, JSON.stringify(e.emails)],
    );
    return id;
  }

  /** The event as its fan-out reads it; undefined when there is none. */
  async findEventForFanOut(eventId: string): Promise<FanOutEvent | undefined> {
    const r = await queryOne<EventRow>(
      this.ds.manager,
      `SELECT id, topics, user_ids, emails, fanout_cursor, fanout_completed_at FROM notification_events WHERE id = $1`,
      [eventId],
    );
    return r && fanOutEventOf(r);
  }

  /** Saves how far the event's fan-out got (the last subscriber id done). */
  async setFanOutCursor(m: EntityManager, eventId: string, cursor: string): Promise<void> {
    await m.query(`UPDATE notification_events SET fanout_cursor = $2 WHERE id = $1`, [eventId, cursor]);
  }

  /** Marks the event's fan-out complete, with its number of recipients. */
  async completeFanOut(eventId: string, recipients: number): Promise<void> {
    await this.ds.manager.query(`UPDATE notification_events SET fanout_completed_at = now(), recipients = $2 WHERE id = $1`, [eventId, recipients]);
  }

  /** How many deliveries the event has. */
  async countOfEvent(eventId: string): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(this.ds.manager, `SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1`, [eventId]);
    return n;
  }

  /** Inserts the pending direct deliveries of the event to those subscribers who want own-activity mails; returns the new ones' ids. */
  async insertDirect(m: EntityManager, eventId: string, subscriberIds: string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `INSERT INTO deliveries (event_id, subscriber_id, reason, status)
       SELECT $1, s.id, 'direct', 'pending' FROM subscribers s WHERE s.id = ANY($2::uuid[]) AND s.own_activity
       ON CONFLICT (event_id, subscriber_id) DO NOTHING
       RETURNING id`,
      [eventId, subscriberIds],
    );
    return rows.map((r) => r.id);
  }

  /** Inserts the topic deliveries of the event (queued for daily subscribers, else pending); returns the new ones. */
  insertTopic(m: EntityManager, eventId: string, subscribers: Array<{ id: string; frequency: Frequency }>): Promise<Array<{ id: string; status: string }>> {
    return queryRows<{ id: string; status: string }>(
      m,
      `INSERT INTO deliveries (event_id, subscriber_id, reason, status)
       SELECT $1, x.id, 'topic', CASE WHEN x.frequency = 'daily' THEN 'queued' ELSE 'pending' END
         FROM unnest($2::uuid[], $3::text[]) AS x(id, frequency)
       ON CONFLICT (event_id, subscriber_id) DO NOTHING
       RETURNING id, status`,
      [eventId, subscribers.map((s) => s.id), subscribers.map((s) => s.frequency)],
    );
  }

  /**
   * Claims the delivery for the job (pending, or sending under the job or an expired lease) for `leaseSeconds` and
   * reads what its mail needs, in one statement; undefined when it cannot be claimed.
   */
  async claim(deliveryId: string, jobId: string, leaseSeconds: number): Promise<ClaimedDelivery | undefined> {
    const r = await queryOne<ClaimedRow>(
      this.ds.manager,
      `WITH claimed AS (
         UPDATE deliveries
            SET status = 'sending', attempts = attempts + 1, sending_job = $2, updated_at = now(),
                lease_until = now() + ($3::int * interval '1 second'),
                interrupted = interrupted + CASE WHEN status = 'sending' THEN 1 ELSE 0 END
          WHERE id = $1
            AND (status = 'pending' OR (status = 'sending' AND (sending_job = $2 OR lease_until < now())))
          RETURNING id, reason, interrupted, subscriber_id, event_id)
       SELECT c.id, c.reason, c.interrupted, c.subscriber_id, s.topics_status, s.own_activity, s.locale,
              COALESCE(u.email, s.email) AS email, e.kind, e.facts, e.topics AS event_topics,
              (SELECT array_agg(t.topic) FROM subscriber_topics t WHERE t.subscriber_id = s.id) AS subscriber_topics
         FROM claimed c
         JOIN notification_events e ON e.id = c.event_id
         LEFT JOIN subscribers s ON s.id = c.subscriber_id
         LEFT JOIN users u ON u.id = s.user_id`,
      [deliveryId, jobId, leaseSeconds],
    );
    return r && claimedOf(r);
  }

  /** The delivery's status; undefined when there is no such delivery. */
  async statusOf(deliveryId: string): Promise<string | undefined> {
    const r = await queryOne<{ status: string }>(this.ds.manager, `SELECT status FROM deliveries WHERE id = $1`, [deliveryId]);
    return r?.status;
  }

  /** Marks the job's delivery sent, with the address, language and the SMTP server's answer. */
  async markSent(deliveryId: string, jobId: string, s: SentMail): Promise<void> {
    await this.ds.manager.query(
      `UPDATE deliveries SET status = 'sent', sent_at = now(), updated_at = now(), lease_until = NULL, last_error = NULL,
              email = $3, locale = $4, message_id = $5, smtp_response = $6
        WHERE id = $1 AND sending_job = $2`,
      [deliveryId, jobId, s.email, s.locale, s.messageId, s.smtpResponse],
    );
  }

  /** Puts the job's delivery back to pending with the error, for the job's retry. */
  async releaseForRetry(deliveryId: string, jobId: string, error: string): Promise<void> {
    await this.ds.manager.query(
      `UPDATE deliveries SET status = 'pending', lease_until = NULL, last_error = $3, updated_at = now() WHERE id = $1 AND sending_job = $2`,
      [deliveryId, jobId, error],
    );
  }

  /** Ends the job's claim on the delivery with a final status that sends nothing. */
  async finish(deliveryId: string, jobId: string, status: 'skipped'): Promise<void> {
    await this.ds.manager.query(`UPDATE deliveries SET status = $3, lease_until = NULL, updated_at = now() WHERE id = $1 AND sending_job = $2`, [
      deliveryId,
      jobId,
      status,
    ]);
  }

  /** Marks the job's delivery failed, with the error. */
  async markFailed(deliveryId: string, jobId: string, error: string): Promise<void> {
    await this.ds.manager.query(
      `UPDATE deliveries SET status = 'failed', failed_at = now(), lease_until = NULL, last_error = $3, updated_at = now()
        WHERE id = $1 AND sending_job = $2`,
      [deliveryId, jobId, error],
    );
  }

  /** The events a digest carries, oldest first. */
  async listDigestItems(digestId: string): Promise<DigestItem[]> {
    const rows = await queryRows<{ kind: NotificationKind; facts: never; created_at: Date }>(
      this.ds.manager,
      `SELECT e.kind, e.facts, e.created_at FROM deliveries i JOIN notification_events e ON e.id = i.event_id
          WHERE i.digest_id = $1 ORDER BY e.created_at, e.id`,
      [digestId],
    );
    return rows.map((r) => ({ kind: r.kind, facts: r.facts, createdAt: r.created_at }));
  }

  /** How many deliveries the filter selects. */
  async count(filter: DeliveryFilter): Promise<number> {
    const { clause, params } = deliveryWhere(filter);
    const [{ total }] = await queryRows<{ total: number }>(this.ds.manager, `SELECT count(*)::int AS total FROM deliveries d ${clause}`, params);
    return total;
  }

  /** One page of the deliveries the filter selects, newest first. */
  async listPage(filter: DeliveryFilter, limit: number, offset: number): Promise<DeliveryRecord[]> {
    const { clause, params } = deliveryWhere(filter);
    const rows = await queryRows<DeliveryRow>(
      this.ds.manager,
      `SELECT d.id, d.event_id, e.kind, d.status, d.reason, COALESCE(d.email, u.email, s.email) AS email, d.attempts, d.interrupted,
              d.last_error, d.message_id, d.created_at, d.sent_at, d.failed_at
         FROM deliveries d
         JOIN notification_events e ON e.id = d.event_id
         LEFT JOIN subscribers s ON s.id = d.subscriber_id
         LEFT JOIN users u ON u.id = s.user_id
         ${clause}
        ORDER BY d.created_at DESC, d.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return rows.map(deliveryOf);
  }

  /** The delivery's status, its row locked for the rest of the transaction; undefined when there is none. */
  async lockStatus(m: EntityManager, id: string): Promise<string | undefined> {
    const r = await queryOne<{ status: string }>(m, `SELECT status FROM deliveries WHERE id = $1 FOR UPDATE`, [id]);
    return r?.status;
  }

  /** Puts a failed delivery back to pending. */
  async requeueFailed(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE deliveries SET status = 'pending', failed_at = NULL, updated_at = now() WHERE id = $1`, [id]);
  }

  /** Puts every failed delivery (of the event, or all when null) back to pending; returns their ids. */
  async requeueAllFailed(m: EntityManager, eventId: string | null): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await m.query(
        `UPDATE deliveries SET status = 'pending', failed_at = NULL, updated_at = now()
            WHERE status = 'failed' AND ($1::uuid IS NULL OR event_id = $1::uuid)
            RETURNING id`,
        [eventId],
      ),
    );
    return rows.map((r) => r.id);
  }

  /** How many events there are. */
  async countEvents(): Promise<number> {
    const [{ total }] = await queryRows<{ total: number }>(this.ds.manager, `SELECT count(*)::int AS total FROM notification_events`);
    return total;
  }

  /** One page of the events, newest first, each with its deliveries counted by status. */
  async listEvents(limit: number, offset: number): Promise<EventView[]> {
    const rows = await queryRows<EventCountsRow>(
      this.ds.manager,
      `SELECT e.id, e.kind, e.created_at, e.fanout_completed_at,
              COALESCE((SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM deliveries WHERE event_id = e.id GROUP BY status) c), '{}') AS counts
         FROM notification_events e ORDER BY e.created_at DESC, e.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return rows.map(eventViewOf);
  }

  /** The id of the day's digest event, created (its fan-out complete) when missing. */
  async digestEventOf(day: string): Promise<string> {
    await this.ds.manager.query(
      `INSERT INTO notification_events (kind, facts, dedupe_key, fanout_completed_at)
       VALUES ('digest', $1::jsonb, $2, now()) ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
      [JSON.stringify({ day }), `digest:${day}`],
    );
    const [{ id }] = await queryRows<{ id: string }>(this.ds.manager, `SELECT id FROM notification_events WHERE dedupe_key = $1`, [`digest:${day}`]);
    return id;
  }

  /** One chunk of the subscribers with deliveries queued until `cut`, in id order after `afterId`, at most `limit`. */
  async listQueuedSubscribers(m: EntityManager, cut: Date, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `SELECT DISTINCT subscriber_id AS id FROM deliveries
        WHERE status = 'queued' AND created_at <= $1 AND subscriber_id IS NOT NULL AND ($2::uuid IS NULL OR subscriber_id > $2::uuid)
        ORDER BY subscriber_id LIMIT $3`,
      [cut, afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Inserts the pending digest deliveries of the digest event to the subscribers lacking one; returns the new ones' ids. */
  async insertDigests(m: EntityManager, eventId: string, subscriberIds: string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `INSERT INTO deliveries (event_id, subscriber_id, reason, status)
       SELECT $1, id, 'topic', 'pending' FROM unnest($2::uuid[]) AS id
       ON CONFLICT (event_id, subscriber_id) DO NOTHING RETURNING id`,
      [eventId, subscriberIds],
    );
    return rows.map((r) => r.id);
  }

  /** The digests of the event to the subscribers not yet being sent, locked for the rest of the transaction. */
  async lockOpenDigests(m: EntityManager, eventId: string, subscriberIds: string[]): Promise<Array<{ id: string; subscriberId: string }>> {
    const rows = await queryRows<{ id: string; subscriber_id: string }>(
      m,
      `SELECT id, subscriber_id FROM deliveries WHERE event_id = $1 AND subscriber_id = ANY($2::uuid[]) AND status = 'pending' FOR UPDATE`,
      [eventId, subscriberIds],
    );
    return rows.map((r) => ({ id: r.id, subscriberId: r.subscriber_id }));
  }

  /** Moves each digest's subscriber's deliveries queued until `cut` into that digest. */
  async moveQueuedIntoDigests(m: EntityManager, digests: Array<{ id: string; subscriberId: string }>, cut: Date): Promise<void> {
    await m.query(
      `UPDATE deliveries i SET status = 'in_digest', digest_id = d.id, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[]) AS d(id, subscriber_id)
          WHERE i.subscriber_id = d.subscriber_id AND i.status = 'queued' AND i.created_at <= $3`,
      [digests.map((o) => o.id), digests.map((o) => o.subscriberId), cut],
    );
  }
}
