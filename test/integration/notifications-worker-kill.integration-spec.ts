import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { createTestApp, eventually, TestApp, testMode, testRedisUrl } from '@civitas/test';
import { createSubscribers, publishEvent } from '../factories/notifications.factory';
import { startTestSmtp, TestSmtp } from '../helpers/smtp';
import { ensureBuilt, startWorker } from '../helpers/worker-process';

const withServices = testMode === 'services' && testRedisUrl ? describe : describe.skip;

const RECIPIENTS = 2000;

withServices('notification fan-out survives a killed worker (BullMQ, real SMTP)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let ds: DataSource;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    smtp = await startTestSmtp();
    // No in-process worker: the jobs run only in the worker processes started below.
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://civitas.test' }, { worker: false });
    ds = t.app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await t?.close();
    await smtp?.close();
  });

  const state = async (eventId: string) =>
    (
      (await ds.query(
        `SELECT (SELECT count(*)::int FROM deliveries WHERE event_id = $1) AS created,
              (SELECT count(*)::int FROM deliveries WHERE event_id = $1 AND status = 'sent') AS sent,
              (SELECT fanout_completed_at IS NOT NULL FROM notification_events WHERE id = $1) AS fanned_out`,
        [eventId],
      )) as Array<{ created: number; sent: number; fanned_out: boolean }>
    )[0];

  it(`every one of ${RECIPIENTS} recipients gets the mail after the worker is killed mid fan-out and another takes over`, async () => {
    const emails = await createSubscribers(t, RECIPIENTS, { topics: ['results'], prefix: 'killtest' });
    const env = { SMTP_URL: `${smtp.url}?pool=true&maxConnections=4`, FANOUT_CHUNK: '20', MAIL_CONCURRENCY: '8' };
    const a = startWorker(t, env);
    workers.push(a.proc);
    await a.ready;

    const eventId = await publishEvent(t, {
      kind: 'results.published',
      facts: { editionId: '0b3f7c1e-2a4d-4e5f-9a6b-7c8d9e0f1a2b', editionName: 'BO 2027', winners: 7, totalCost: '420000000' },
      topics: ['results'],
    });
    // Kill it (SIGKILL: no clean-up of any kind) while the fan-out is under way.
    const poll = async (until: (s: Awaited<ReturnType<typeof state>>) => boolean, what: string) => {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const s = await state(eventId);
        if (until(s)) return s;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(s)}`);
      }
    };
    const atFirstKill = await poll((s) => s.created >= RECIPIENTS / 5, 'the fan-out to be under way');
    a.proc.kill('SIGKILL');
    await a.exited;
    expect(atFirstKill.fanned_out).toBe(false);
    expect((await state(eventId)).created).toBeLessThan(RECIPIENTS);

    // A second worker resumes the fan-out; it is killed in turn while it is sending.
    const b = startWorker(t, env);
    workers.push(b.proc);
    await b.ready;
    const atSecondKill = await poll((s) => s.fanned_out && s.sent >= RECIPIENTS / 2, 'half of the mails to be sent');
    b.proc.kill('SIGKILL');
    await b.exited;
    expect(atSecondKill.sent).toBeLessThan(RECIPIENTS);

    const c = startWorker(t, env);
    workers.push(c.proc);
    await c.ready;
    await eventually(async () => (await state(eventId)).sent === RECIPIENTS || undefined, 180_000, 'every delivery to be sent');
    expect(await state(eventId)).toEqual({ created: RECIPIENTS, sent: RECIPIENTS, fanned_out: true });
    // Let any straggler reach the server before counting.
    await new Promise((r) => setTimeout(r, 1000));

    const perRecipient = new Map<string, string[]>();
    for (const m of smtp.messages) {
      for (const rcpt of m.to) perRecipient.set(rcpt, [...(perRecipient.get(rcpt) ?? []), String(m.headers.get('message-id'))]);
    }
    // Nobody is missed, and nobody outside the topic is mailed.
    expect(emails.filter((e) => !perRecipient.has(e))).toEqual([]);
    expect(perRecipient.size).toBe(RECIPIENTS);
    // Every recipient got one message, identified by one Message-ID (the delivery's own).
    const ids = await ds.query(`SELECT d.message_id, s.email FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.event_id = $1`, [eventId]);
    const idOf = new Map((ids as Array<{ message_id: string; email: string }>).map((r) => [r.email, r.message_id]));
    for (const e of emails) expect(new Set(perRecipient.get(e))).toEqual(new Set([idOf.get(e)]));
    // A second copy can only come from a send the kill cut off after the server had accepted the message and before
    // the delivery was recorded as sent (RFC 1047); such sends are counted, and the copy carries the same Message-ID.
    const doubled = emails.filter((e) => perRecipient.get(e)!.length > 1);
    const resumed = (await ds.query(
      `SELECT s.email FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.event_id = $1 AND d.interrupted > 0`,
      [eventId],
    )) as Array<{ email: string }>;
    const resumedEmails = new Set(resumed.map((r) => r.email));
    expect(doubled.filter((e) => !resumedEmails.has(e))).toEqual([]);
    expect(doubled.every((e) => perRecipient.get(e)!.length === 2)).toBe(true);
    // Bounded by what was in flight at the two kills (MAIL_CONCURRENCY each).
    expect(resumed.length).toBeLessThanOrEqual(2 * 8);
    process.stderr.write(
      `worker kills: ${atFirstKill.created} deliveries at the first, ${atSecondKill.sent} sent at the second; ` +
        `${resumed.length} sends resumed, ${doubled.length} of them had reached the server before the kill\n`,
    );
  }, 300_000);
});
