import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxService } from '@civitas/queue';
import { rowsOf } from '@civitas/database';
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
  ) {}

  async list(filter: {
    status?: DeliveryStatus;
    eventId?: string;
    id?: string;
    page: number;
    pageSize: number;
  }): Promise<{ items: DeliveryView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`d.status = $${params.push(filter.status)}`);
    if (filter.eventId) where.push(`d.event_id = $${params.push(filter.eventId)}`);
    if (filter.id) where.push(`d.id = $${params.push(filter.id)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM deliveries d ${clause}`, params)) as Array<{ total: number }>;
    const rows = (await this.ds.query(
      `SELECT d.id, d.event_id, e.kind, d.status, d.reason, COALESCE(d.email, u.email, s.email) AS email, d.attempts, d.interrupted,
              d.last_error, d.message_id, d.created_at, d.sent_at, d.failed_at
         FROM deliveries d
         JOIN notification_events e ON e.id = d.event_id
         LEFT JOIN subscribers s ON s.id = d.subscriber_id
         LEFT JOIN users u ON u.id = s.user_id
         ${clause}
        ORDER BY d.created_at DESC, d.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    )) as Array<Record<string, never>>;
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        eventId: r.event_id,
        eventKind: r.kind,
        status: r.status,
        reason: r.reason,
        recipient: maskEmail(r.email),
        attempts: r.attempts,
        interrupted: r.interrupted,
        lastError: r.last_error,
        messageId: r.message_id,
        createdAt: r.created_at,
        sentAt: r.sent_at,
        failedAt: r.failed_at,
      })),
    };
  }

  /** Puts a failed delivery back in the queue (a new job; the delivery keeps counting its attempts). */
  async retry(id: string): Promise<DeliveryView> {
    await this.ds.transaction(async (m) => {
      const [row] = (await m.query(`SELECT status FROM deliveries WHERE id = $1 FOR UPDATE`, [id])) as Array<{ status: string }>;
      if (!row) throw NotificationsError.deliveryNotFound();
      if (row.status !== 'failed') throw NotificationsError.deliveryNotFailed(row.status);
      await m.query(`UPDATE deliveries SET status = 'pending', failed_at = NULL, updated_at = now() WHERE id = $1`, [id]);
      await this.outbox.enqueue(m, 'send-email', { deliveryId: id });
    });
    return (await this.list({ id, page: 1, pageSize: 1 })).items[0];
  }

  /** Retries every failed delivery (of one event, or all); returns how many. */
  async retryFailed(eventId?: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      const rows = rowsOf<{ id: string }>(
        await m.query(
          `UPDATE deliveries SET status = 'pending', failed_at = NULL, updated_at = now()
            WHERE status = 'failed' AND ($1::uuid IS NULL OR event_id = $1::uuid)
            RETURNING id`,
          [eventId ?? null],
        ),
      );
      await this.outbox.enqueueMany(
        m,
        'send-email',
        rows.map((r) => ({ deliveryId: r.id })),
      );
      return rows.length;
    });
  }

  async events(page: number, pageSize: number): Promise<{ items: EventView[]; total: number }> {
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM notification_events`)) as Array<{ total: number }>;
    const rows = (await this.ds.query(
      `SELECT e.id, e.kind, e.created_at, e.fanout_completed_at,
              COALESCE((SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM deliveries WHERE event_id = e.id GROUP BY status) c), '{}') AS counts
         FROM notification_events e ORDER BY e.created_at DESC, e.id LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    )) as Array<{ id: string; kind: string; created_at: Date; fanout_completed_at: Date | null; counts: EventView['counts'] }>;
    return {
      total,
      items: rows.map((r) => ({ id: r.id, kind: r.kind, createdAt: r.created_at, fanOutCompletedAt: r.fanout_completed_at, counts: r.counts })),
    };
  }
}
