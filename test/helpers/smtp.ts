import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  /** Envelope recipients, lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
}

export interface TestSmtp {
  /** For SMTP_URL. */
  url: string;
  /** Every message received so far, in order of arrival. */
  messages: ReceivedMail[];
  /**
   * Resolves with the first message to `to` (matching `subjectMatch`) not returned by an earlier call, as soon as it
   * arrives; rejects after `timeoutMs` (default 15 s).
   */
  waitForMail(to: string, opts?: { subjectMatch?: RegExp | string; timeoutMs?: number }): Promise<ReceivedMail>;
  /**
   * Decides per recipient whether the server refuses it (at RCPT TO): return e.g. `{ code: 451 }` (try again later) or
   * `{ code: 550 }` (permanent), or null to accept. Refused attempts are counted in `refused`.
   */
  refuse: ((to: string) => { code: number; message?: string } | null) | null;
  refused: string[];
  close(): Promise<void>;
}

interface Waiter {
  matches: (m: ReceivedMail) => boolean;
  resolve: (m: ReceivedMail) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** A real SMTP server (smtp-server + mailparser) on a random localhost port, for tests that read the mail sent. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters: Waiter[] = [];

  const deliver = (mail: ReceivedMail) => {
    messages.push(mail);
    const i = waiters.findIndex((w) => w.matches(mail));
    if (i >= 0) {
      const [w] = waiters.splice(i, 1);
      clearTimeout(w.timer);
      taken.add(mail);
      w.resolve(mail);
    }
  };

  const control: { refuse: TestSmtp['refuse']; refused: string[] } = { refuse: null, refused: [] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const answer = control.refuse?.(to);
      if (!answer) return callback();
      control.refused.push(to);
      const err = new Error(answer.message ?? (answer.code >= 500 ? 'Mailbox unavailable' : 'Try again later')) as Error & { responseCode: number };
      err.responseCode = answer.code;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            deliver({
              to: session.envelope.rcptTo.map((a) => a.address.toLowerCase()),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers as Map<string, unknown>,
              raw,
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client that dies mid-session (a killed worker) resets its connection: that is the client's failure, not the server's.
  server.on('error', (err: Error & { code?: string }) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refuse() {
      return control.refuse;
    },
    set refuse(fn) {
      control.refuse = fn;
    },
    get refused() {
      return control.refused;
    },
    waitForMail(to, opts = {}) {
      const address = to.toLowerCase();
      const subject = opts.subjectMatch;
      const matches = (m: ReceivedMail) =>
        !taken.has(m) &&
        m.to.includes(address) &&
        (subject === undefined || (typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject)));
      const already = messages.find(matches);
      if (already) {
        taken.add(already);
        return Promise.resolve(already);
      }
      return new Promise<ReceivedMail>((resolve, reject) => {
        const timeoutMs = opts.timeoutMs ?? 15_000;
        const timer = setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(
            new Error(
              `No mail to ${to}${subject ? ` matching ${String(subject)}` : ''} within ${timeoutMs} ms (received: ${messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'none'})`,
            ),
          );
        }, timeoutMs);
        const waiter: Waiter = { matches, resolve, reject, timer };
        waiters.push(waiter);
      });
    },
    async close() {
      for (const w of waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(new Error('SMTP server closed'));
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The token of a link in a mail's text, e.g. linkToken(mail, '/verify-email'). */
export function linkToken(mail: ReceivedMail, path: string): { url: string; token: string } {
  const match = new RegExp(`(https?://\\S+${path.replace(/[/.]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+))`).exec(mail.text);
  if (!match) throw new Error(`No ${path} link in the mail "${mail.subject}": ${mail.text}`);
  return { url: match[1], token: match[2] };
}
