import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Locale } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { MailTransport } from '@civitas/mail';
import type { NotificationKind } from './events';
import { LinkTokens } from './link-tokens';
import { MailRenderer } from './rendering/mail-renderer';
import type { RenderedMail } from './rendering/contract';
import { TopicCatalog } from './topic-catalog';

/** How long a claim on a delivery lasts while its mail is being sent (longer than every SMTP timeout). */
const SEND_LEASE_SECONDS = 300;

export type SendOutcome = 'sent' | 'skipped' | 'failed' | 'already_done' | 'missing';

interface Claimed {
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

/** Thrown to have the queue retry later: the delivery is being sent by another live job. */
export class DeliveryBusyError extends Error {}

/**
 * Sends one delivery. The claim (pending → sending, with the job id and a lease) makes every other run of the same
 * delivery a no-op while it lasts, and `sent` is final: whatever the queue repeats, a sent delivery is never sent
 * again. The one case that can repeat a mail is a worker dying between the SMTP server's acceptance and the commit
 * of `sent` (RFC 1047); the delivery is then sent again by the job's retry, counted in `interrupted`, with the same
 * Message-ID, so that the receiving side can recognise the copy.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Delivery');
  private readonly messageIdHost: string;

  constructor(
    private readonly ds: DataSource,
    private readonly mail: MailTransport,
    private readonly renderer: MailRenderer,
    private readonly links: LinkTokens,
    private readonly topics: TopicCatalog,
    private readonly config: AppConfig,
  ) {
    this.messageIdHost = new URL(config.http.publicUrl).hostname || 'civitas.localhost';
  }

  async send(deliveryId: string, job: { id?: string; attemptsMade: number }): Promise<SendOutcome> {
    const jobId = job.id ?? `direct-${deliveryId}`;
    const claimed = await this.claim(deliveryId, jobId);
    if (!claimed) return this.unclaimed(deliveryId);

    if (!this.stillWanted(claimed)) {
      await this.finish(deliveryId, jobId, 'skipped');
      return 'skipped';
    }
    let rendered: RenderedMail | null;
    const scope = claimed.reason === 'direct' ? 'own' : 'topics';
    const unsubscribeUrl = this.links.unsubscribeUrl(claimed.subscriber_id!, scope);
    const links = { publicUrl: this.config.http.publicUrl, unsubscribeUrl, manageUrl: this.links.manageUrl(claimed.subscriber_id!) };
    try {
      rendered = await this.render(claimed, links);
    } catch (err) {
      // A template that cannot render will not render on a retry either.
      await this.fail(deliveryId, jobId, `render: ${(err as Error).message}`);
      this.logger.error({ deliveryId }, `Delivery could not be rendered: ${(err as Error).message}`);
      return 'failed';
    }
    if (!rendered) {
      await this.finish(deliveryId, jobId, 'skipped');
      return 'skipped';
    }
    try {
      const sent = await this.mail.send({
        to: claimed.email!,
        ...rendered,
        messageId: `<${deliveryId}@${this.messageIdHost}>`,
        headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      await this.ds.query(
        `UPDATE deliveries SET status = 'sent', sent_at = now(), updated_at = now(), lease_until = NULL, last_error = NULL,
                email = $3, locale = $4, message_id = $5, smtp_response = $6
          WHERE id = $1 AND sending_job = $2`,
        [deliveryId, jobId, claimed.email, claimed.locale, sent.messageId, sent.location.slice(0, 500)],
      );
      return 'sent';
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string };
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
      const last = job.attemptsMade + 1 >= this.config.queue.attempts;
      const summary = `${e.responseCode ?? e.code ?? 'error'}: ${e.message}`.slice(0, 1000);
      // The delivery id and the SMTP code only: the server's answer may quote the address.
      this.logger.warn({ deliveryId, code: e.responseCode ?? e.code }, `Mail not accepted${permanent || last ? ', delivery failed' : ', will retry'}`);
      if (permanent || last) {
        await this.fail(deliveryId, jobId, summary);
        return 'failed';
      }
      await this.ds.query(
        `UPDATE deliveries SET status = 'pending', lease_until = NULL, last_error = $3, updated_at = now() WHERE id = $1 AND sending_job = $2`,
        [deliveryId, jobId, summary],
      );
      throw err;
    }
  }

  /** Claims the delivery and reads what its mail needs, in one statement. */
  private async claim(deliveryId: string, jobId: string): Promise<Claimed | null> {
    const rows = (await this.ds.query(
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
      [deliveryId, jobId, SEND_LEASE_SECONDS],
    )) as Claimed[];
    return rows[0] ?? null;
  }

  private async unclaimed(deliveryId: string): Promise<SendOutcome> {
    const [row] = (await this.ds.query(`SELECT status FROM deliveries WHERE id = $1`, [deliveryId])) as Array<{ status: string }>;
    if (!row) return 'missing';
    if (row.status === 'sending') throw new DeliveryBusyError(`Delivery ${deliveryId} is being sent by another job`);
    return 'already_done';
  }

  /** A subscriber who unsubscribed (or turned own-activity mails off) after the fan-out gets nothing. */
  private stillWanted(d: Claimed): boolean {
    if (!d.subscriber_id || !d.email || !d.locale) return false;
    if (d.kind === 'digest' || d.reason === 'topic') return d.topics_status === 'confirmed';
    return d.own_activity === true;
  }

  private async render(d: Claimed, links: { publicUrl: string; unsubscribeUrl: string; manageUrl: string }): Promise<RenderedMail | null> {
    const locale = d.locale!;
    if (d.kind === 'digest') {
      const items = (await this.ds.query(
        `SELECT e.kind, e.facts, e.created_at FROM deliveries i JOIN notification_events e ON e.id = i.event_id
          WHERE i.digest_id = $1 ORDER BY e.created_at, e.id`,
        [d.id],
      )) as Array<{ kind: NotificationKind; facts: never; created_at: Date }>;
      if (items.length === 0) return null;
      return this.renderer.renderDigest({
        locale,
        links,
        day: String(d.facts.day),
        items: items.map((i) => ({ kind: i.kind, facts: i.facts, occurredAt: new Date(i.created_at).toISOString() })),
      });
    }
    const reason =
      d.reason === 'direct'
        ? ({ why: 'direct' } as const)
        : {
            why: 'topic' as const,
            topicLabels: await this.topics.labels(
              (d.subscriber_topics ?? []).filter((t) => d.event_topics.includes(t)),
              locale,
            ),
          };
    return this.renderer.renderEvent({ kind: d.kind, facts: d.facts as never, locale, links, reason });
  }

  private async finish(deliveryId: string, jobId: string, status: 'skipped'): Promise<void> {
    await this.ds.query(`UPDATE deliveries SET status = $3, lease_until = NULL, updated_at = now() WHERE id = $1 AND sending_job = $2`, [
      deliveryId,
      jobId,
      status,
    ]);
  }

  private async fail(deliveryId: string, jobId: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE deliveries SET status = 'failed', failed_at = now(), lease_until = NULL, last_error = $3, updated_at = now()
        WHERE id = $1 AND sending_job = $2`,
      [deliveryId, jobId, error],
    );
  }
}
