import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@civitas/config';
import { MailTransport } from '@civitas/mail';
import { type ClaimedDelivery, DeliveryRepository } from './delivery.repository';
import { LinkTokens } from './link-tokens';
import { MailRenderer } from './rendering/mail-renderer';
import type { RenderedMail } from './rendering/contract';
import { TopicCatalog } from './topic-catalog';

/** How long a claim on a delivery lasts while its mail is being sent (longer than every SMTP timeout). */
const SEND_LEASE_SECONDS = 300;

export type SendOutcome = 'sent' | 'skipped' | 'failed' | 'already_done' | 'missing';

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
    private readonly deliveries: DeliveryRepository,
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
    const claimed = await this.deliveries.claim(deliveryId, jobId, SEND_LEASE_SECONDS);
    if (!claimed) return this.unclaimed(deliveryId);

    if (!this.stillWanted(claimed)) {
      await this.deliveries.finish(deliveryId, jobId, 'skipped');
      return 'skipped';
    }
    let rendered: RenderedMail | null;
    const scope = claimed.reason === 'direct' ? 'own' : 'topics';
    const unsubscribeUrl = this.links.unsubscribeUrl(claimed.subscriberId!, scope);
    const links = { publicUrl: this.config.http.publicUrl, unsubscribeUrl, manageUrl: this.links.manageUrl(claimed.subscriberId!) };
    try {
      rendered = await this.render(claimed, links);
    } catch (err) {
      // A template that cannot render will not render on a retry either.
      await this.deliveries.markFailed(deliveryId, jobId, `render: ${(err as Error).message}`);
      this.logger.error({ deliveryId }, `Delivery could not be rendered: ${(err as Error).message}`);
      return 'failed';
    }
    if (!rendered) {
      await this.deliveries.finish(deliveryId, jobId, 'skipped');
      return 'skipped';
    }
    try {
      const sent = await this.mail.send({
        to: claimed.email!,
        ...rendered,
        messageId: `<${deliveryId}@${this.messageIdHost}>`,
        headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      await this.deliveries.markSent(deliveryId, jobId, {
        email: claimed.email,
        locale: claimed.locale,
        messageId: sent.messageId,
        smtpResponse: sent.location.slice(0, 500),
      });
      return 'sent';
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string };
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
      const last = job.attemptsMade + 1 >= this.config.queue.attempts;
      const summary = `${e.responseCode ?? e.code ?? 'error'}: ${e.message}`.slice(0, 1000);
      // The delivery id and the SMTP code only: the server's answer may quote the address.
      this.logger.warn({ deliveryId, code: e.responseCode ?? e.code }, `Mail not accepted${permanent || last ? ', delivery failed' : ', will retry'}`);
      if (permanent || last) {
        await this.deliveries.markFailed(deliveryId, jobId, summary);
        return 'failed';
      }
      await this.deliveries.releaseForRetry(deliveryId, jobId, summary);
      throw err;
    }
  }

  private async unclaimed(deliveryId: string): Promise<SendOutcome> {
    const status = await this.deliveries.statusOf(deliveryId);
    if (status === undefined) return 'missing';
    if (status === 'sending') throw new DeliveryBusyError(`Delivery ${deliveryId} is being sent by another job`);
    return 'already_done';
  }

  /** A subscriber who unsubscribed (or turned own-activity mails off) after the fan-out gets nothing. */
  private stillWanted(d: ClaimedDelivery): boolean {
    if (!d.subscriberId || !d.email || !d.locale) return false;
    if (d.kind === 'digest' || d.reason === 'topic') return d.topicsStatus === 'confirmed';
    return d.ownActivity === true;
  }

  private async render(d: ClaimedDelivery, links: { publicUrl: string; unsubscribeUrl: string; manageUrl: string }): Promise<RenderedMail | null> {
    const locale = d.locale!;
    if (d.kind === 'digest') {
      const items = await this.deliveries.listDigestItems(d.id);
      if (items.length === 0) return null;
      return this.renderer.renderDigest({
        locale,
        links,
        day: String(d.facts.day),
        items: items.map((i) => ({ kind: i.kind, facts: i.facts, occurredAt: new Date(i.createdAt).toISOString() })),
      });
    }
    const reason =
      d.reason === 'direct'
        ? ({ why: 'direct' } as const)
        : {
            why: 'topic' as const,
            topicLabels: await this.topics.labels(
              (d.subscriberTopics ?? []).filter((t) => d.eventTopics.includes(t)),
              locale,
            ),
          };
    return this.renderer.renderEvent({ kind: d.kind, facts: d.facts as never, locale, links, reason });
  }
}
