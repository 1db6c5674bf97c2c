import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@civitas/config';
import { OutboxService } from '@civitas/queue';
import { rowsOf } from '@civitas/database';

interface EventRow {
  id: string;
  topics: string[];
  user_ids: string[];
  emails: Array<{ email: string; locale: 'pl' | 'en' }>;
  fanout_cursor: string | null;
  fanout_completed_at: Date | null;
}

export interface FanOutResult {
  /** Deliveries created by this run (a re-run after a crash creates only the missing ones). */
  created: number;
  /** Every delivery of the event. */
  recipients: number;
}

/**
 * Turns an event into deliveries: first the people it concerns directly, then the confirmed subscribers of its
 * topics, FANOUT_CHUNK at a time in subscriber-id order, each chunk in its own transaction with its send-email jobs.
 * The unique (event, recipient) index makes a re-run after a crash create only what is missing; the cursor saved
 * with each chunk lets it resume where it stopped.
 */
@Injectable()
export class FanOutService {
  private readonly logger = new Logger('FanOut');

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  async run(eventId: string): Promise<FanOutResult | null> {
    const [event] = (await this.ds.query(`SELECT id, topics, user_ids, emails, fanout_cursor, fanout_completed_at FROM notification_events WHERE id = $1`, [
      eventId,
    ])) as EventRow[];
    if (!event) {
      this.logger.warn({ eventId }, 'Notification event not found');
      return null;
    }
    if (event.fanout_completed_at) return { created: 0, recipients: await this.count(eventId) };
    let created = await this.ds.transaction((m) => this.direct(m, event));
    if (event.topics.length > 0) {
      let cursor = event.fanout_cursor;
      for (;;) {
        const chunk = await this.ds.transaction((m) => this.topicChunk(m, event, cursor));
        created += chunk.created;
        cursor = chunk.last;
        if (chunk.size < this.config.notifications.fanoutChunk) break;
      }
    }
    const recipients = await this.count(eventId);
    await this.ds.query(`UPDATE notification_events SET fanout_completed_at = now(), recipients = $2 WHERE id = $1`, [eventId, recipients]);
    this.logger.log({ eventId, recipients, created }, 'Fan-out complete');
    return { created, recipients };
  }

  private async count(eventId: string): Promise<number> {
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1`, [eventId])) as Array<{ n: number }>;
    return n;
  }

  /** The accounts and addresses the event concerns directly, unless they turned such mails off. */
  private async direct(m: EntityManager, event: EventRow): Promise<number> {
    if (event.user_ids.length === 0 && event.emails.length === 0) return 0;
    const ids = await ensureRecipients(m, event.user_ids, event.emails);
    if (ids.length === 0) return 0;
    const rows = (await m.query(
      `INSERT INTO deliveries (event_id, subscriber_id, reason, status)
       SELECT $1, s.id, 'direct', 'pending' FROM subscribers s WHERE s.id = ANY($2::uuid[]) AND s.own_activity
       ON CONFLICT (event_id, subscriber_id) DO NOTHING
       RETURNING id`,
      [event.id, ids],
    )) as Array<{ id: string }>;
    await this.outbox.enqueueMany(
      m,
      'send-email',
      rows.map((r) => ({ deliveryId: r.id })),
    );
    return rows.length;
  }

  private async topicChunk(m: EntityManager, event: EventRow, cursor: string | null): Promise<{ created: number; size: number; last: string | null }> {
    const subs = (await m.query(
      `SELECT s.id, s.frequency FROM subscribers s
        WHERE s.topics_status = 'confirmed' AND ($2::uuid IS NULL OR s.id > $2::uuid)
          AND EXISTS (SELECT 1 FROM subscriber_topics t WHERE t.subscriber_id = s.id AND t.topic = ANY($1::text[]))
        ORDER BY s.id
        LIMIT $3`,
      [event.topics, cursor, this.config.notifications.fanoutChunk],
    )) as Array<{ id: string; frequency: 'immediate' | 'daily' }>;
    if (subs.length === 0) return { created: 0, size: 0, last: cursor };
    const rows = (await m.query(
      `INSERT INTO deliveries (event_id, subscriber_id, reason, status)
       SELECT $1, x.id, 'topic', CASE WHEN x.frequency = 'daily' THEN 'queued' ELSE 'pending' END
         FROM unnest($2::uuid[], $3::text[]) AS x(id, frequency)
       ON CONFLICT (event_id, subscriber_id) DO NOTHING
       RETURNING id, status`,
      [event.id, subs.map((s) => s.id), subs.map((s) => s.frequency)],
    )) as Array<{ id: string; status: string }>;
    await this.outbox.enqueueMany(
      m,
      'send-email',
      rows.filter((r) => r.status === 'pending').map((r) => ({ deliveryId: r.id })),
    );
    const last = subs[subs.length - 1].id;
    await m.query(`UPDATE notification_events SET fanout_cursor = $2 WHERE id = $1`, [event.id, last]);
    return { created: rows.length, size: subs.length, last };
  }
}

/**
 * The subscriber rows of accounts (verified, not disabled) and of plain addresses, created when missing (no topics,
 * own-activity mails on). Returns their ids. Safe under concurrent fan-outs: inserts skip rows another made.
 */
export async function ensureRecipients(m: EntityManager, userIds: string[], emails: Array<{ email: string; locale: 'pl' | 'en' }>): Promise<string[]> {
  const ids = new Set<string>();
  if (userIds.length > 0) {
    const users = (await m.query(`SELECT id, email, locale FROM users WHERE id = ANY($1::uuid[]) AND email_verified_at IS NOT NULL AND disabled_at IS NULL`, [
      userIds,
    ])) as Array<{ id: string; email: string; locale: string }>;
    for (const u of users) ids.add(await ensureAccountSubscriber(m, u));
  }
  if (emails.length > 0) {
    await m.query(`INSERT INTO subscribers (email, locale) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
      emails.map((e) => e.email),
      emails.map((e) => e.locale),
    ]);
    const rows = (await m.query(`SELECT id FROM subscribers WHERE email = ANY($1::text[])`, [emails.map((e) => e.email)])) as Array<{ id: string }>;
    for (const r of rows) ids.add(r.id);
  }
  return [...ids];
}

/** The subscriber row of an account: found by account, else by address (and linked), else created. */
export async function ensureAccountSubscriber(m: EntityManager, user: { id: string; email: string; locale: string }): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const byUser = (await m.query(`SELECT id FROM subscribers WHERE user_id = $1`, [user.id])) as Array<{ id: string }>;
    if (byUser[0]) return byUser[0].id;
    const linked = rowsOf<{ id: string }>(
      await m.query(`UPDATE subscribers SET user_id = $1, updated_at = now() WHERE email = $2 AND user_id IS NULL RETURNING id`, [user.id, user.email]),
    );
    if (linked[0]) return linked[0].id;
    const inserted = (await m.query(`INSERT INTO subscribers (email, locale, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [
      user.email,
      user.locale,
      user.id,
    ])) as Array<{ id: string }>;
    if (inserted[0]) return inserted[0].id;
  }
  throw new Error('Could not create the subscriber row of an account');
}
