import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxService } from '@civitas/queue';
import { DeliveryRepository } from './delivery.repository';
import { NotificationsError } from './notifications.errors';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'queued', 'in_digest'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryView {
  id: string;
  eventId: string;
  eventKind: string;
  status: DeliveryStatus;
  reason: 'topic' | 'direct';
  /** The address, masked (a***@example.pl). */
  recipient: string | null;
  attempts: number;
  interrupted: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
}

export interface EventView {
  id: string;
  kind: string;
  createdAt: Date;
  fanOutCompletedAt: Date | null;
  counts: Partial<Record<DeliveryStatus, number>>;
}

/** a***@example.pl: enough to tell recipients apart in an admin list without showing the address. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** What officials see of deliveries, and the retry of failed ones. */
@Injectable()
export class DeliveriesAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async list(filter: {
    status?: DeliveryStatus;
    eventId?: string;
    id?: string;
    page: number;
    pageSize: number;
  }): Promise<{ items: DeliveryView[]; total: number }> {
    const total = await this.deliveries.count(filter);
    const rows = await this.deliveries.listPage(filter, filter.pageSize, (filter.page - 1) * filter.pageSize);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        eventId: r.eventId,
        eventKind: r.eventKind,
        status: r.status,
        reason: r.reason,
        recipient: maskEmail(r.email),
        attempts: r.attempts,
        interrupted: r.interrupted,
        lastError: r.lastError,
        messageId: r.messageId,
        createdAt: r.createdAt,
        sentAt: r.sentAt,
        failedAt: r.failedAt,
      })),
    };
  }

  /** Puts a failed delivery back in the queue (a new job; the delivery keeps counting its attempts). */
  async retry(id: string): Promise<DeliveryView> {
    await this.ds.transaction(async (m) => {
      const status = await this.deliveries.lockStatus(m, id);
      if (status === undefined) throw NotificationsError.deliveryNotFound();
      if (status !== 'failed') throw NotificationsError.deliveryNotFailed(status);
      await this.deliveries.requeueFailed(m, id);
      await this.outbox.enqueue(m, 'send-email', { deliveryId: id });
    });
    return (await this.list({ id, page: 1, pageSize: 1 })).items[0];
  }

  /** Retries every failed delivery (of one event, or all); returns how many. */
  async retryFailed(eventId?: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      const ids = await this.deliveries.requeueAllFailed(m, eventId ?? null);
      await this.outbox.enqueueMany(
        m,
        'send-email',
        ids.map((id) => ({ deliveryId: id })),
      );
      return ids.length;
    });
  }

  async events(page: number, pageSize: number): Promise<{ items: EventView[]; total: number }> {
    const total = await this.deliveries.countEvents();
    const items = await this.deliveries.listEvents(pageSize, (page - 1) * pageSize);
    return { total, items };
  }
}
