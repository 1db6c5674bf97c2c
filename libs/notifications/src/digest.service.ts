import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { nextDailyAt, zonedDate } from '@civitas/common';
import { AppConfig, Clock } from '@civitas/config';
import { OutboxService, ScheduleDefinition } from '@civitas/queue';
import { DeliveryRepository } from './delivery.repository';

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
    private readonly deliveries: DeliveryRepository,
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
    const eventId = await this.deliveries.digestEventOf(day);
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

  private async chunk(m: EntityManager, eventId: string, cut: Date, cursor: string | null): Promise<{ created: number; size: number; last: string | null }> {
    const ids = await this.deliveries.listQueuedSubscribers(m, cut, cursor, this.config.notifications.fanoutChunk);
    if (ids.length === 0) return { created: 0, size: 0, last: cursor };
    const inserted = await this.deliveries.insertDigests(m, eventId, ids);
    // Only digests not yet being sent take items; the lock keeps a send from starting while items move in.
    const open = await this.deliveries.lockOpenDigests(m, eventId, ids);
    if (open.length > 0) await this.deliveries.moveQueuedIntoDigests(m, open, cut);
    await this.outbox.enqueueMany(
      m,
      'send-email',
      inserted.map((id) => ({ deliveryId: id })),
    );
    return { created: inserted.length, size: ids.length, last: ids[ids.length - 1] };
  }
}
