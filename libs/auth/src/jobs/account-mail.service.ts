import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@civitas/config';
import { MailTransport } from '@civitas/mail';
import { AuthTokenRepository } from '../auth-token.repository';
import { generateToken, hashToken, TokenPurpose } from '../token';
import { renderAccountMail } from './account-mail.templates';

const PAGE_OF_PURPOSE: Partial<Record<TokenPurpose, string>> = {
  verify_email: 'verify-email',
  reset_password: 'reset-password',
};

export type AccountMailOutcome = 'sent' | 'already_sent' | 'stale' | 'missing';

/**
 * Mails what an auth_tokens request asks for. Idempotent: a request whose mail went out (sent_at) is skipped. A new
 * token is made on every attempt and only its SHA-256 is stored, replacing the hash of an earlier failed attempt; the
 * token itself exists only in the mail.
 */
@Injectable()
export class AccountMailService {
  private readonly logger = new Logger(AccountMailService.name);

  constructor(
    private readonly tokens: AuthTokenRepository,
    private readonly config: AppConfig,
    private readonly mail: MailTransport,
  ) {}

  async send(requestId: string): Promise<AccountMailOutcome> {
    const pending = await this.tokens.findPendingMail(requestId);
    if (!pending) {
      // The account was deleted (its requests with it): nothing to send, nothing to retry.
      this.logger.warn({ requestId }, 'Account mail request not found');
      return 'missing';
    }
    if (pending.sent) return 'already_sent';
    if (pending.stale) {
      this.logger.warn({ requestId }, 'Account mail request expired or superseded before it could be sent');
      return 'stale';
    }
    const page = PAGE_OF_PURPOSE[pending.purpose];
    let link: string | undefined;
    if (page) {
      const token = generateToken();
      if (!(await this.tokens.setHash(pending.id, hashToken(token)))) return 'already_sent';
      link = `${this.config.http.publicUrl}/${page}?token=${token}`;
    }
    const rendered = renderAccountMail(pending.purpose, pending.locale, {
      displayName: pending.displayName,
      link,
      publicUrl: this.config.http.publicUrl,
    });
    await this.mail.send({ to: pending.email, ...rendered });
    await this.tokens.markSent(pending.id);
    return 'sent';
  }
}
