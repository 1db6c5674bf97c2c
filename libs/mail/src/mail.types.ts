/** One message, fully rendered. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** A fixed Message-ID (`<id@host>`): a message sent again after an interrupted attempt carries the same one. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** Where the message went: an SMTP server's answer, or the .eml file written in the embedded mode. */
  location: string;
}

/** The mail transport: SMTP (pooled nodemailer) with SMTP_URL, .eml files under ./var/mail otherwise. */
export abstract class MailTransport {
  abstract send(message: MailMessage): Promise<SentMail>;
  abstract verify(): Promise<void>;
  abstract close(): Promise<void>;
}
