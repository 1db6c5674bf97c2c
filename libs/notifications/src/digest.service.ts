import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { nextDailyAt, zonedDate } from '@civitas/common';
import { AppConfig, Clock } from '@civitas/config';
import { OutboxService, ScheduleDefinition } from '@civitas/queue';

export const DIGEST_SCHEDULE = 'daily-digest';

/**
 * Daily digests: events for subscribers who chose `daily` wait as `queued` deliveries; at DIGEST_HOUR (Europe/Warsaw)
 * each such subscriber gets one digest delivery (unique per day and subscriber: the day's digest event) carrying
 * every item queued until the run. A re-run of the same day adds nothing twice and never moves an item into a
 * digest that has already started sending.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('Digest');

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  schedule(): ScheduleDefinition<'send-digests'> {
    return {
      name: DIGEST_SCHEDULE,
      job: 'send-digests',
      next: (after) => nextDailyAt(after, this.config.notifications.digestHour),
      payload: (scheduledFor) => ({ scheduledFor: scheduledFor.toISOString() }),
    };
  }

  /**
   * Builds the digests of the run due at `scheduledFor` (which names the day) from everything queued until now;
   * returns how many digest deliveries it created.
   */
  async run(scheduledFor: Date): Promise<number> {
    const day = zonedDate(scheduledFor);
    const cut = new Date(Math.max(this.clock.ms(), scheduledFor.getTime()));
    const eventId = await this.digestEvent(day);
    let cursor: string | null = null;
    let created = 0;
    for (;;) {
      const chunk = await this.ds.transaction((m) => this.chunk(m, eventId, cut, cursor));
      created += chunk.created;
      cursor = chunk.last;
      if (chunk.size < this.config.notifications.fanoutChunk) break;
    }
    this.logger.log({ day, created }, 'Daily digests built');
    return created;
  }

  private async digestEvent(day: string): Promise<string> {
    await this.ds.query(
      `INSERT INTO notification_events (kind, facts, dedupe_key, fanout_completed_at)
       VALUES ('digest', $1::jsonb, $2, now()) ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
      [JSON.stringify({ day }), `digest:${day}`],
    );
    const [{ id }] = (await this.ds.query(`SELECT id FROM notification_events WHERE dedupe_key = $1`, [`digest:${day}`])) as Array<{ id: string }>;
    return id;
  }

  private async chunk(m: EntityManager, eventId: string, cut: Date, cursor: string | null): Promise<{ created: number; size: number; last: string | null }> {
    const subs = (await m.query(
      `SELECT DISTINCT subscriber_id AS id FROM deliveries
        WHERE status = 'queued' AND created_at <= $1 AND subscriber_id IS NOT NULL AND ($2::uuid IS NULL OR subscriber_id > $2::uuid)
        ORDER BY subscriber_id LIMIT $3`,
      [cut, cursor, this.config.notifications.fanoutChunk],
    )) as Array<{ id: string }>;
    if (subs.length === 0) return { created: 0, size: 0, last: cursor };
    const ids = subs.map((s) => s.id);
    const inserted = (await m.query(
      `INSERT INTO deliveries (event_id, subscriber_id, reason, status)
       SELECT $1, id, 'topic', 'pending' FROM unnest($2::uuid[]) AS id
       ON CONFLICT (event_id, subscriber_id) DO NOTHING RETURNING id`,
      [eventId, ids],
    )) as Array<{ id: string }>;
    // Only digests not yet being sent take items; the lock keeps a send from starting while items move in.
    const open = (await m.query(
      `SELECT id, subscriber_id FROM deliveries WHERE event_id = $1 AND subscriber_id = ANY($2::uuid[]) AND status = 'pending' FOR UPDATE`,
      [eventId, ids],
    )) as Array<{ id: string; subscriber_id: string }>;
    if (open.length > 0) {
      await m.query(
        `UPDATE deliveries i SET status = 'in_digest', digest_id = d.id, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[]) AS d(id, subscriber_id)
          WHERE i.subscriber_id = d.subscriber_id AND i.status = 'queued' AND i.created_at <= $3`,
        [open.map((o) => o.id), open.map((o) => o.subscriber_id), cut],
      );
    }
    await this.outbox.enqueueMany(
      m,
      'send-email',
      inserted.map((r) => ({ deliveryId: r.id })),
    );
    return { created: inserted.length, size: subs.length, last: ids[ids.length - 1] };
  }
}
