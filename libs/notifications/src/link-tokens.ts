import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@civitas/config';

/** What a personal link lets its holder do: unsubscribe from topics, from own-activity mails, or manage. */
export type LinkScope = 'topics' | 'own' | 'manage';

const SCOPE_CODE: Record<LinkScope, string> = { topics: 't', own: 'o', manage: 'm' };
const CODE_SCOPE: Record<string, LinkScope> = { t: 'topics', o: 'own', m: 'manage' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The personal links in notification mails: `<subscriber id>.<scope>.<HMAC-SHA256>` signed with
 * SUBSCRIPTION_SECRET. Unguessable, nothing stored, and they reveal no address (only a random id). They stay valid
 * as long as the secret does, as unsubscribe links in old mails must.
 */
@Injectable()
export class LinkTokens {
  constructor(private readonly config: AppConfig) {}

  private mac(subscriberId: string, scope: LinkScope): string {
    return createHmac('sha256', this.config.notifications.linkSecret).update(`subscriber:${scope}:${subscriberId}`).digest('base64url');
  }

  /**
   * The link token of one subscription mail (its confirmation link): derived from the mail's id, so a mail sent
   * again after an interrupted send carries the same link. Only its hash is stored.
   */
  mailToken(mailId: string): string {
    return createHmac('sha256', this.config.notifications.linkSecret).update(`subscription-mail:${mailId}`).digest('base64url');
  }

  sign(subscriberId: string, scope: LinkScope): string {
    return `${subscriberId}.${SCOPE_CODE[scope]}.${this.mac(subscriberId, scope)}`;
  }

  /** The subscriber id and scope of a valid token, or null. */
  verify(token: string | undefined | null): { subscriberId: string; scope: LinkScope } | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [id, code, mac, ...rest] = token.split('.');
    const scope = CODE_SCOPE[code];
    if (rest.length > 0 || !scope || !UUID.test(id ?? '') || !mac) return null;
    const expected = Buffer.from(this.mac(id, scope));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { subscriberId: id, scope };
  }

  url(path: string, subscriberId: string, scope: LinkScope): string {
    return `${this.config.http.publicUrl}${path}?token=${this.sign(subscriberId, scope)}`;
  }

  unsubscribeUrl(subscriberId: string, scope: 'topics' | 'own'): string {
    return this.url('/subscriptions/unsubscribe', subscriberId, scope);
  }

  manageUrl(subscriberId: string): string {
    return this.url('/subscriptions/manage', subscriberId, 'manage');
  }
}
