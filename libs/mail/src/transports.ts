import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { MailMessage, MailTransport, SentMail } from './mail.types';

function envelope(from: string, m: MailMessage) {
  return { from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers, messageId: m.messageId };
}

/** Pooled SMTP delivery (SMTP_URL). */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    const u = new URL(url);
    // pool=true unless the URL says otherwise; connection and socket timeouts so a dead server fails a job, not hangs it.
    if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
    this.transporter = createTransport(u.toString(), {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as object);
  }

  async send(m: MailMessage): Promise<SentMail> {
    const info = (await this.transporter.sendMail(envelope(this.from, m))) as { messageId: string; response?: string };
    return { messageId: info.messageId, location: info.response ?? 'smtp' };
  }

  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** The embedded mode: every message becomes an .eml file under ./var/mail, and its path is logged. */
export class FileMailTransport extends MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    super();
    this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(m: MailMessage): Promise<SentMail> {
    const info = (await this.transporter.sendMail(envelope(this.from, m))) as { messageId: string; message: Buffer };
    mkdirSync(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(this.dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
    writeFileSync(file, info.message);
    // The path only: the address and content stay out of the log.
    this.logger.log(`Mail written to ${file}`);
    return { messageId: info.messageId, location: file };
  }

  async verify(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
