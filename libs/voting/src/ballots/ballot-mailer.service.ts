import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EditionRepository } from '@civitas/budget';
import { AppConfig } from '@civitas/config';
import { MailTransport } from '@civitas/mail';
import { renderCodeMail, renderReceiptMail } from './ballot-mail.templates';
import { awaitsCode, ballotState } from './ballot-status';
import { BallotsService } from './ballots.service';
import { type BallotRecipientRow, VotingConfigRepository } from './voting-config.repository';

/** Whom a ballot's mails go to: the ballot, its edition's name and the identity given with it (none once erased). */
type BallotRecipient = Omit<BallotRecipientRow, 'editionId'> & { edition: string };

/**
 * Mails ballot confirmation codes and receipts (jobs `send-ballot-code`, `send-ballot-receipt`; the payload is the
 * ballot id only). A code is drawn when its mail goes out and only its SHA-256 is stored: a retried job mails a new
 * code, replacing the earlier one. Logs name the ballot id, never the address or the code.
 */
@Injectable()
export class BallotMailer {
  private readonly logger = new Logger(BallotMailer.name);

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly mail: MailTransport,
    private readonly ballots: BallotsService,
    private readonly votingConfig: VotingConfigRepository,
    private readonly editions: EditionRepository,
  ) {}

  /**
   * The ballot and the identity given with it: the key's identity as it was when the ballot was cast (written by the
   * same statement, at the same transaction time), never one declared by a later ballot of the same key — a ballot
   * awaiting proof (see BallotsService.store) must not redirect or rename the mails of the voter's ballot.
   */
  private async recipient(ballotId: string): Promise<BallotRecipient | null> {
    const r = await this.votingConfig.findRecipient(ballotId);
    const edition = r && (await this.editions.findLabel(this.ds.manager, r.editionId));
    if (!r || !edition) return null;
    return {
      id: r.id,
      status: r.status,
      voidReason: r.voidReason,
      reference: r.reference,
      edition: edition.name,
      email: r.email,
      firstName: r.firstName,
      locale: r.locale,
    };
  }

  async sendCode(ballotId: string): Promise<void> {
    const r = await this.recipient(ballotId);
    // A ballot awaiting proof waits for its code like a pending one (its caster cannot tell them apart).
    if (!r || !awaitsCode(ballotState(r.status, r.voidReason)) || !r.email) {
      this.logger.log({ ballotId }, 'Ballot code not sent: the ballot is no longer pending or has no address');
      return;
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.ballots.setCode(this.ds.manager, ballotId, code);
    const mail = renderCodeMail(r.locale, { name: r.firstName ?? '', edition: r.edition, code, reference: r.reference, minutes: 15 });
    await this.mail.send({ to: r.email, ...mail });
  }

  async sendReceipt(ballotId: string): Promise<void> {
    const r = await this.recipient(ballotId);
    if (!r || r.status !== 'valid' || !r.email) return;
    const statusUrl = `${this.config.http.publicUrl}/api/v1/ballots/${encodeURIComponent(r.reference)}`;
    const mail = renderReceiptMail(r.locale, { name: r.firstName ?? '', edition: r.edition, reference: r.reference, statusUrl });
    // A fixed Message-ID: a receipt sent again after an interrupted attempt is recognisably the same message.
    await this.mail.send({ to: r.email, ...mail, messageId: `<ballot-receipt-${r.id}@civitas>` });
  }
}
