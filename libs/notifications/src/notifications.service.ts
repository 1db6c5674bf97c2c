import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@civitas/queue';
import { DeliveryRepository } from './delivery.repository';
import { NOTIFICATION_KINDS, NotificationEvent } from './events';
import { NotificationsError } from './notifications.errors';
import { SubscriptionRepository } from './subscription.repository';
import { TOPIC_PATTERN } from './topics';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The one entry point of other libraries: `publish(manager, event)` inside the transaction that makes the change.
 * It stores the event and a fan-out job in that transaction, so the mails go out if and only if the change commits.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly subscriptions: SubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  /** Returns the event id. Throws NotificationsError on a malformed event (a programming error of the caller). */
  async publish(manager: EntityManager, event: NotificationEvent): Promise<string> {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(event.kind)) throw NotificationsError.invalidEvent(`unknown kind ${event.kind}`);
    const topics = [...new Set(event.topics ?? [])];
    const bad = topics.filter((t) => !TOPIC_PATTERN.test(t) || t.startsWith('area:'));
    if (bad.length > 0) throw NotificationsError.invalidEvent(`bad topics ${bad.join(', ')} (give areas as areaIds)`);
    const areaIds = [...new Set(event.areaIds ?? [])];
    const userIds = [...new Set(event.userIds ?? [])];
    if (![...areaIds, ...userIds].every((id) => UUID.test(id))) throw NotificationsError.invalidEvent('areaIds and userIds must be UUIDs');
    const emails = (event.emails ?? []).map((e) => ({ email: e.email.trim().toLowerCase(), locale: e.locale }));
    if (!emails.every((e) => EMAIL.test(e.email) && e.email.length <= 254 && (e.locale === 'pl' || e.locale === 'en'))) {
      throw NotificationsError.invalidEvent('bad e-mail recipient');
    }
    if (areaIds.length > 0) {
      // Subscribers of an area hear about everything inside it: the event concerns its areas and all their ancestors.
      const above = await this.subscriptions.listAreasAbove(manager, areaIds);
      topics.push(...above.map((areaId) => `area:${areaId}`));
    }
    const id = await this.deliveries.insertEvent(manager, { kind: event.kind, facts: event.facts, topics, userIds, emails });
    await this.outbox.enqueue(manager, 'fan-out', { eventId: id });
    return id;
  }
}
