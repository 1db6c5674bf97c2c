import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@civitas/config';
import { OutboxService } from '@civitas/queue';
import { DeliveryRepository, type FanOutEvent } from './delivery.repository';
import { SubscriptionRepository } from './subscription.repository';

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
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async run(eventId: string): Promise<FanOutResult | null> {
    const event = await this.deliveries.findEventForFanOut(eventId);
    if (!event) {
      this.logger.warn({ eventId }, 'Notification event not found');
      return null;
    }
    if (event.fanoutCompletedAt) return { created: 0, recipients: await this.deliveries.countOfEvent(eventId) };
    let created = await this.ds.transaction((m) => this.direct(m, event));
    if (event.topics.length > 0) {
      let cursor = event.fanoutCursor;
      for (;;) {
        const chunk = await this.ds.transaction((m) => this.topicChunk(m, event, cursor));
        created += chunk.created;
        cursor = chunk.last;
        if (chunk.size < this.config.notifications.fanoutChunk) break;
      }
    }
    const recipients = await this.deliveries.countOfEvent(eventId);
    await this.deliveries.completeFanOut(eventId, recipients);
    this.logger.log({ eventId, recipients, created }, 'Fan-out complete');
    return { created, recipients };
  }

  /** The accounts and addresses the event concerns directly, unless they turned such mails off. */
  private async direct(m: EntityManager, event: FanOutEvent): Promise<number> {
    if (event.userIds.length === 0 && event.emails.length === 0) return 0;
    const ids = await this.subscriptions.ensureRecipients(m, event.userIds, event.emails);
    if (ids.length === 0) return 0;
    const created = await this.deliveries.insertDirect(m, event.id, ids);
    await this.outbox.enqueueMany(
      m,
      'send-email',
      created.map((id) => ({ deliveryId: id })),
    );
    return created.length;
  }

  private async topicChunk(m: EntityManager, event: FanOutEvent, cursor: string | null): Promise<{ created: number; size: number; last: string | null }> {
    const subs = await this.subscriptions.listConfirmedOfTopics(m, event.topics, cursor, this.config.notifications.fanoutChunk);
    if (subs.length === 0) return { created: 0, size: 0, last: cursor };
    const rows = await this.deliveries.insertTopic(m, event.id, subs);
    await this.outbox.enqueueMany(
      m,
      'send-email',
      rows.filter((r) => r.status === 'pending').map((r) => ({ deliveryId: r.id })),
    );
    const last = subs[subs.length - 1].id;
    await this.deliveries.setFanOutCursor(m, event.id, last);
    return { created: rows.length, size: subs.length, last };
  }
}
