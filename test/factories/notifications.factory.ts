import { DataSource } from 'typeorm';
import { NotificationEvent, NotificationsService } from '@civitas/notifications';
import type { TestApp } from '@civitas/test';
import { eventually } from '@civitas/test';

/** Publishes an event in its own transaction, as a domain library would inside its change; returns the event id. */
export async function publishEvent(t: TestApp, event: NotificationEvent): Promise<string> {
  return t.app.get(DataSource).transaction((m) => t.app.get(NotificationsService).publish(m, event));
}

/** Waits until the event is fanned out and none of its deliveries is pending or being sent; returns status counts. */
export async function settled(t: TestApp, eventId: string, timeoutMs = 30_000): Promise<Record<string, number>> {
  const ds = t.app.get(DataSource);
  return eventually(
    async () => {
      const [ev] = (await ds.query(`SELECT fanout_completed_at FROM notification_events WHERE id = $1`, [eventId])) as Array<{
        fanout_completed_at: Date | null;
      }>;
      if (!ev?.fanout_completed_at) return false;
      const rows = (await ds.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE event_id = $1 GROUP BY status`, [eventId])) as Array<{
        status: string;
        n: number;
      }>;
      const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      return counts.pending || counts.sending ? false : counts;
    },
    timeoutMs,
    `event ${eventId} to be delivered`,
  );
}

/** Confirmed topic subscribers written straight to the database (many at once); returns their addresses. */
export async function createSubscribers(
  t: TestApp,
  n: number,
  opts: { topics: string[]; locale?: 'pl' | 'en'; frequency?: 'immediate' | 'daily'; prefix?: string },
): Promise<string[]> {
  const ds = t.app.get(DataSource);
  const prefix = opts.prefix ?? `sub${Date.now().toString(36)}`;
  const emails = Array.from({ length: n }, (_, i) => `${prefix}.${i}@example.pl`);
  await ds.query(
    `WITH s AS (
       INSERT INTO subscribers (email, locale, frequency, topics_status, confirmed_at)
       SELECT e, $2, $3, 'confirmed', now() FROM unnest($1::text[]) AS e RETURNING id)
     INSERT INTO subscriber_topics (subscriber_id, topic) SELECT s.id, t FROM s CROSS JOIN unnest($4::text[]) AS t`,
    [emails, opts.locale ?? 'pl', opts.frequency ?? 'immediate', opts.topics],
  );
  return emails;
}
