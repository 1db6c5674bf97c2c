import { DataSource } from 'typeorm';
import { DeliveryBusyError, DeliveryService, FanOutService, SubscriptionMailBusyError, SubscriptionService } from '@civitas/notifications';
import { OutboxRelay } from '@civitas/queue';
import { closedPort, createTestApp, eventually, TestApp } from '@civitas/test';
import { createSubscribers, publishEvent } from '../../../test/factories/notifications.factory';
import { linkToken, startTestSmtp, TestSmtp } from '../../../test/helpers/smtp';

const results = (name: string) => ({
  kind: 'results.published' as const,
  facts: { editionId: '5d1f0a8e-6c2b-4b7a-8e3f-1a2b3c4d5e6f', editionName: name, winners: 5, totalCost: '100000' },
  topics: ['results'],
});

describe('fan-out and delivery under concurrency', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // The relay is stopped: the test runs the fan-out and the sends itself, several at once.
    t = await createTestApp({ SMTP_URL: smtp.url, FANOUT_CHUNK: '10' }, { worker: false });
    ds = t.app.get(DataSource);
    await t.app.get(OutboxRelay).stop();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const count = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ n: number }>)[0].n;

  it('three fan-outs of one event at once create one delivery and one send job per recipient', async () => {
    await createSubscribers(t, 45, { topics: ['results'], prefix: 'parallel' });
    const eventId = await publishEvent(t, results('Równolegle'));
    const fanOut = t.app.get(FanOutService);
    const runs = await Promise.all([fanOut.run(eventId), fanOut.run(eventId), fanOut.run(eventId)]);
    expect(runs.reduce((sum, r) => sum + r!.created, 0)).toBe(45);
    expect(await count(`SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1`, [eventId])).toBe(45);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'send-email' AND payload->>'deliveryId' IN (SELECT id::text FROM deliveries WHERE event_id = $1)`,
        [eventId],
      ),
    ).toBe(45);
    // A fourth run after completion changes nothing.
    expect(await fanOut.run(eventId)).toEqual({ created: 0, recipients: 45 });
  });

  it('two jobs sending the same delivery at once send one mail; a sent delivery is never sent again', async () => {
    const [email] = await createSubscribers(t, 1, { topics: ['results'], prefix: 'twice' });
    const eventId = await publishEvent(t, results('Dwa razy'));
    await t.app.get(FanOutService).run(eventId);
    const [{ id }] = (await ds.query(`SELECT d.id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.event_id = $1 AND s.email = $2`, [
      eventId,
      email,
    ])) as Array<{ id: string }>;
    const deliveries = t.app.get(DeliveryService);
    const outcomes = await Promise.allSettled([deliveries.send(id, { id: 'job-a', attemptsMade: 0 }), deliveries.send(id, { id: 'job-b', attemptsMade: 0 })]);
    const sent = outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent');
    expect(sent).toHaveLength(1);
    // The other found it claimed (busy: retried later) or already sent.
    for (const o of outcomes.filter((x) => !(x.status === 'fulfilled' && x.value === 'sent'))) {
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(DeliveryBusyError);
      else expect(o.value).toBe('already_done');
    }
    await eventually(async () => smtp.messages.some((m) => m.to.includes(email)) || undefined);
    expect(await deliveries.send(id, { id: 'job-a', attemptsMade: 0 })).toBe('already_done');
    expect(await deliveries.send(id, { id: 'job-c', attemptsMade: 3 })).toBe('already_done');
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
    const [row] = (await ds.query(`SELECT status, attempts, message_id, email FROM deliveries WHERE id = $1`, [id])) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ status: 'sent', attempts: 1, email });
    expect(row.message_id).toContain(id);
  });

  const subscribe = async (email: string): Promise<string> => {
    await t
      .http()
      .post('/api/v1/subscriptions')
      .send({ email, locale: 'pl', topics: ['results'] })
      .expect(202);
    const [{ id }] = (await ds.query(
      `SELECT m.id FROM subscription_mails m JOIN subscribers s ON s.id = m.subscriber_id WHERE s.email = $1 AND m.purpose = 'confirm'`,
      [email],
    )) as Array<{ id: string }>;
    return id;
  };

  it('two jobs sending the same subscription mail at once send it once', async () => {
    const email = 'sub-twice@example.pl';
    const mailId = await subscribe(email);
    const subscriptions = t.app.get(SubscriptionService);
    const outcomes = await Promise.allSettled([subscriptions.sendMail(mailId, { id: 'job-a' }), subscriptions.sendMail(mailId, { id: 'job-b' })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent')).toHaveLength(1);
    for (const o of outcomes.filter((x) => !(x.status === 'fulfilled' && x.value === 'sent'))) {
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(SubscriptionMailBusyError);
      else expect(o.value).toBe('already_sent');
    }
    expect(await subscriptions.sendMail(mailId, { id: 'job-c' })).toBe('already_sent');
    await eventually(async () => smtp.messages.some((m) => m.to.includes(email)) || undefined);
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('a subscription mail whose send was cut off before it was recorded goes again as the same message, and its link works', async () => {
    const email = 'sub-cut@example.pl';
    const mailId = await subscribe(email);
    const subscriptions = t.app.get(SubscriptionService);
    expect(await subscriptions.sendMail(mailId, { id: 'job-killed' })).toBe('sent');
    // What a worker killed between the send and recording it leaves: the claim of a dead job, nothing recorded.
    await ds.query(`UPDATE subscription_mails SET sent_at = NULL, sending_job = 'job-killed', lease_until = now() - interval '1 second' WHERE id = $1`, [
      mailId,
    ]);
    expect(await subscriptions.sendMail(mailId, { id: 'job-retry' })).toBe('sent');
    const mails = await eventually(async () => {
      const found = smtp.messages.filter((m) => m.to.includes(email));
      return found.length === 2 ? found : undefined;
    });
    expect(mails[0].headers.get('message-id')).toBe(mails[1].headers.get('message-id'));
    expect(String(mails[0].headers.get('message-id'))).toContain(mailId);
    const first = linkToken(mails[0], '/subscriptions/confirm');
    expect(linkToken(mails[1], '/subscriptions/confirm').token).toBe(first.token);
    const [row] = (await ds.query(`SELECT interrupted, sending_job, sent_at FROM subscription_mails WHERE id = $1`, [mailId])) as Array<
      Record<string, unknown>
    >;
    expect(row).toMatchObject({ interrupted: 1, sending_job: null });
    expect(row.sent_at).not.toBeNull();
    // The first mail's link confirms the subscription.
    const confirmed = await t.http().post('/api/v1/subscriptions/confirm').send({ token: first.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
  });

  it('a live claim of another job makes a run wait (retried later) instead of sending', async () => {
    const email = 'sub-busy@example.pl';
    const mailId = await subscribe(email);
    await ds.query(`UPDATE subscription_mails SET sending_job = 'job-live', lease_until = now() + interval '5 minutes' WHERE id = $1`, [mailId]);
    await expect(t.app.get(SubscriptionService).sendMail(mailId, { id: 'job-other' })).rejects.toBeInstanceOf(SubscriptionMailBusyError);
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(0);
  });
});

describe('notifications while Redis is unreachable', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` }, { worker: false });
  });
  afterAll(() => t?.close());

  it('a subscription request is accepted and its mail waits in the outbox, retried, not lost', async () => {
    await t
      .http()
      .post('/api/v1/subscriptions')
      .send({ email: 'kasia@example.pl', locale: 'pl', topics: ['results'] })
      .expect(202);
    const ds = t.app.get(DataSource);
    const row = await eventually(
      async () => {
        const [r] = (await ds.query(`SELECT attempts, dispatched_at, failed_at, last_error FROM outbox WHERE job_name = 'send-subscription-mail'`)) as Array<
          Record<string, unknown>
        >;
        return r && (r.attempts as number) > 0 ? r : undefined;
      },
      20_000,
      'the relay to try',
    );
    expect(row).toMatchObject({ dispatched_at: null, failed_at: null });
    expect(String(row.last_error)).toMatch(/Redis/);
  });
});
