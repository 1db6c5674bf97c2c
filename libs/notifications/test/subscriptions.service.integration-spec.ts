import { randomUUID } from 'node:crypto';
import { nextDailyAt } from '@civitas/common';
import { AppConfig, SettableClock } from '@civitas/config';
import {
  DeliveriesAdminService,
  DeliveryService,
  DigestService,
  FanOutService,
  LinkTokens,
  NotificationsModule,
  NotificationsService,
  SubscriptionService,
  type Frequency,
} from '@civitas/notifications';
import { Scheduler } from '@civitas/queue';
import { createTestModule, testMode, type TestModule, HOUR, MINUTE, refusal } from '@civitas/test';

const DIGEST = 'daily-digest';

const results = (editionName: string) => ({
  kind: 'results.published' as const,
  facts: { editionId: randomUUID(), editionName, winners: 3, totalCost: '30000000' },
  topics: ['results'],
});

/**
 * Subscriptions and their mails on the services alone (no HTTP): the double opt-in, and the daily digests, which go
 * out at DIGEST_HOUR of the city's clock — the test moves the clock to that hour instead of waiting for it. Jobs stay
 * in the outbox; the test runs the ones it needs (subscription mail, fan-out, digest, send) as the worker would.
 */
describe(`notifications: subscriptions and daily digests by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let subscriptions: SubscriptionService;
  let deliveries: DeliveriesAdminService;
  let digests: DigestService;
  let scheduler: Scheduler;
  let digestHour: number;
  /** The first event a daily subscriber is told of, and the first digest run after it. */
  let firstEvent: string;
  let firstRun: Date;

  /** The confirmation mail of the address's latest request, as its job sends it: the mail's id. */
  async function confirmationMail(email: string): Promise<string> {
    const [job] = (await t.db.query(
      `SELECT o.payload->>'mailId' AS id FROM outbox o
         JOIN subscription_mails m ON m.id::text = o.payload->>'mailId'
         JOIN subscribers s ON s.id = m.subscriber_id
        WHERE o.job_name = 'send-subscription-mail' AND s.email = $1 AND m.purpose = 'confirm'
        ORDER BY m.created_at DESC LIMIT 1`,
      [email],
    )) as Array<{ id: string }>;
    if (!job) throw new Error(`no confirmation mail to ${email}`);
    return job.id;
  }

  /** Subscribes, has the confirmation mail sent and follows its link. */
  async function subscribed(email: string, frequency: Frequency) {
    await subscriptions.subscribe({ email, locale: 'pl', topics: ['results'], frequency });
    const mailId = await confirmationMail(email);
    expect(await subscriptions.sendMail(mailId)).toBe('sent');
    return subscriptions.confirm(t.get(LinkTokens).mailToken(mailId));
  }

  /** Publishes an event in its own transaction, as a domain library does, and runs its fan-out job. */
  async function published(event: ReturnType<typeof results>): Promise<string> {
    const eventId = await t.db.transaction((m) => t.get(NotificationsService).publish(m, event));
    await t.get(FanOutService).run(eventId);
    return eventId;
  }

  /** What officials see of an event's deliveries: recipient (masked) → status. */
  const statuses = async (eventId: string) =>
    Object.fromEntries((await deliveries.list({ eventId, page: 1, pageSize: 50 })).items.map((d) => [d.recipient, d.status]));

  /** Ticks the scheduler at the clock's time: whether the digest fired, and the run it enqueued (its scheduled time). */
  async function tick(): Promise<Date | null> {
    if (!(await scheduler.tickOnce()).includes(DIGEST)) return null;
    const [job] = (await t.db.query(
      `SELECT payload->>'scheduledFor' AS at FROM outbox WHERE job_name = 'send-digests' ORDER BY payload->>'scheduledFor' DESC LIMIT 1`,
    )) as Array<{
      at: string;
    }>;
    return new Date(job.at);
  }

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([NotificationsModule], { clock: new SettableClock(new Date()) });
    subscriptions = t.get(SubscriptionService);
    deliveries = t.get(DeliveriesAdminService);
    digests = t.get(DigestService);
    scheduler = t.get(Scheduler);
    digestHour = t.get(AppConfig).notifications.digestHour;
  }, 120_000);
  afterAll(() => t?.close());

  it('double opt-in: nothing reaches an address until it follows the link of its confirmation mail', async () => {
    await subscriptions.subscribe({ email: 'celina@example.pl', locale: 'pl', topics: ['results'] });
    const before = await published(results('BO przed potwierdzeniem'));
    expect(await statuses(before)).toEqual({});

    const mailId = await confirmationMail('celina@example.pl');
    expect(await subscriptions.sendMail(mailId)).toBe('sent');
    expect(await subscriptions.sendMail(mailId)).toBe('already_sent');
    const token = t.get(LinkTokens).mailToken(mailId);
    expect(await subscriptions.confirm(token)).toMatchObject({ status: 'confirmed', topics: ['results'], frequency: 'immediate', locale: 'pl' });
    // Following the link twice is not an error.
    expect((await subscriptions.confirm(token)).status).toBe('confirmed');
    const after = await published(results('BO po potwierdzeniu'));
    expect(await statuses(after)).toEqual({ 'c***@example.pl': 'pending' });
  });

  it('refuses an unknown topic and a link it never sent', async () => {
    expect(await refusal(subscriptions.subscribe({ email: 'dawid@example.pl', locale: 'pl', topics: [`area:${randomUUID()}`] }))).toBe('unknown_topic');
    expect(await refusal(subscriptions.confirm('x'.repeat(43)))).toBe('invalid_subscription_link');
  });

  it('an event reaches an immediate subscriber at once; a daily subscriber’s item waits, and the digest is due at the next digest hour', async () => {
    await subscribed('ala@example.pl', 'immediate');
    expect((await subscribed('bartek@example.pl', 'daily')).frequency).toBe('daily');
    firstEvent = await published(results('BO 2027'));
    expect(await statuses(firstEvent)).toEqual({ 'a***@example.pl': 'pending', 'b***@example.pl': 'queued', 'c***@example.pl': 'pending' });

    // An hour later the scheduler first looks: the digest's next run is the next DIGEST_HOUR of the city's clock.
    t.clock.advance(HOUR);
    firstRun = nextDailyAt(t.clock.now(), digestHour);
    expect(await tick()).toBeNull();
    t.clock.set(new Date(firstRun.getTime() - MINUTE));
    expect(await tick()).toBeNull();
    t.clock.set(firstRun);
    expect(await tick()).toEqual(firstRun);
    // Due once a day: not again at the same hour.
    expect(await tick()).toBeNull();
  });

  it('the digest run collects the day’s queued items into one mail per daily subscriber; a second run of the day adds none', async () => {
    expect(await digests.run(firstRun)).toBe(1);
    expect(await statuses(firstEvent)).toMatchObject({ 'b***@example.pl': 'in_digest' });
    const digest = (await deliveries.events(1, 50)).items.find((e) => e.kind === 'digest')!;
    expect(digest.counts).toEqual({ pending: 1 });
    expect(await statuses(digest.id)).toEqual({ 'b***@example.pl': 'pending' });
    expect(await digests.run(firstRun)).toBe(0);

    const [mail] = (await deliveries.list({ eventId: digest.id, page: 1, pageSize: 1 })).items;
    expect(await t.get(DeliveryService).send(mail.id, { attemptsMade: 0 })).toBe('sent');
    expect(await statuses(digest.id)).toEqual({ 'b***@example.pl': 'sent' });
  });

  it('an item queued after the day’s digest went out waits for the next day’s', async () => {
    const later = await published(results('BO 2028'));
    expect(await statuses(later)).toMatchObject({ 'b***@example.pl': 'queued' });
    // The day's digest has been sent: a late run of that day moves nothing into it.
    expect(await digests.run(firstRun)).toBe(0);
    expect(await statuses(later)).toMatchObject({ 'b***@example.pl': 'queued' });

    const nextRun = nextDailyAt(firstRun, digestHour);
    t.clock.set(nextRun);
    expect(await tick()).toEqual(nextRun);
    expect(await digests.run(nextRun)).toBe(1);
    expect(await statuses(later)).toMatchObject({ 'b***@example.pl': 'in_digest' });
    expect((await deliveries.events(1, 50)).items.filter((e) => e.kind === 'digest').map((e) => e.counts)).toEqual([{ pending: 1 }, { sent: 1 }]);
  });

  it('a confirmation link lasts a week by the clock: followed in its last minute it confirms, a minute after the week it is refused', async () => {
    const sent = async (email: string) => {
      await subscriptions.subscribe({ email, locale: 'en', topics: ['results'] });
      const mailId = await confirmationMail(email);
      expect(await subscriptions.sendMail(mailId)).toBe('sent');
      return t.get(LinkTokens).mailToken(mailId);
    };
    const inTime = await sent('ewa@example.pl');
    const late = await sent('filip@example.pl');
    t.clock.advance(7 * 24 * HOUR - MINUTE);
    expect(await subscriptions.confirmTokenLocale(inTime)).toBe('en');
    expect((await subscriptions.confirm(inTime)).status).toBe('confirmed');
    t.clock.advance(2 * MINUTE);
    expect(await subscriptions.confirmTokenLocale(late)).toBeNull();
    expect(await refusal(subscriptions.confirm(late))).toBe('invalid_subscription_link');
  });
});
