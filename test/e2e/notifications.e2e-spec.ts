import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationsService } from '@civitas/notifications';
import { Scheduler } from '@civitas/queue';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { publishEvent, settled } from '../factories/notifications.factory';
import { bearer, createUser, uniqueEmail } from '../factories/users.factory';
import { ReceivedMail, startTestSmtp, TestSmtp } from '../helpers/smtp';

const PUBLIC_URL = 'https://civitas.test';

/** The personal link with a token in a mail's text, e.g. link(mail, '/subscriptions/confirm'). */
function link(mail: ReceivedMail, path: string): { url: string; pathAndQuery: string; token: string } {
  const m = new RegExp(`${PUBLIC_URL}(${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_.-]+))`).exec(mail.text);
  if (!m) throw new Error(`No ${path} link in "${mail.subject}":\n${mail.text}`);
  return { url: `${PUBLIC_URL}${m[1]}`, pathAndQuery: m[1], token: decodeURIComponent(m[2]) };
}

/** The one List-Unsubscribe URL of a mail (RFC 2369 angle brackets). */
function listUnsubscribe(mail: ReceivedMail): string {
  const m = /^List-Unsubscribe: <([^>]+)>/im.exec(mail.raw.replace(/\r?\n[ \t]+/g, ' '));
  if (!m) throw new Error(`No List-Unsubscribe header in "${mail.subject}"`);
  return m[1];
}

const to = (smtp: TestSmtp, email: string) => smtp.messages.filter((m) => m.to.includes(email));

describe('notifications (e2e)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let db: DataSource;
  let district: string;
  let neighbourhood: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL, THROTTLE_AUTH_LIMIT: '1000', JOB_BACKOFF_MS: '200', JOB_ATTEMPTS: '4' });
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city' });
    district = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city });
    neighbourhood = await createArea(t, { name: 'Wrzeszcz Górny', kind: 'neighbourhood', parentId: district });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  afterEach(() => {
    smtp.refuse = null;
  });

  const subscribe = (body: object) => t.http().post('/api/v1/subscriptions').send(body);

  /** Subscribes and confirms through the page behind the mailed link; returns the confirmation mail. */
  async function subscribed(email: string, locale: 'pl' | 'en', topics: string[], frequency?: 'daily'): Promise<void> {
    await subscribe({ email, locale, topics, frequency }).expect(202);
    const mail = await smtp.waitForMail(email);
    const browser = new PageClient(t.app);
    const confirmed = await browser.submit(await browser.get(link(mail, '/subscriptions/confirm').pathAndQuery), {});
    expect(confirmed.status).toBe(200);
  }

  const opened = (title: string, consultationId = randomUUID()) => ({
    kind: 'consultation.opened' as const,
    facts: { consultationId, title, closesAt: '2026-12-20T23:59:00Z' },
    topics: [`consultation:${consultationId}`],
    areaIds: [neighbourhood],
  });

  it('double opt-in: only the confirmation mail before confirming, then exactly one mail per subscriber of the topic, in their language', async () => {
    const anna = uniqueEmail('anna');
    const ben = uniqueEmail('ben');
    const carl = uniqueEmail('carl');
    await subscribe({ email: ` ${anna.toUpperCase()} `, locale: 'pl', topics: [`area:${district}`] }).expect(202, { status: 'check_email' });
    await subscribe({ email: ben, locale: 'en', topics: [`area:${district}`, 'results'] }).expect(202);
    await subscribe({ email: carl, locale: 'pl', topics: [`area:${district}`] }).expect(202);

    const annaConfirm = await smtp.waitForMail(anna);
    expect(annaConfirm.subject).toMatch(/Potwierdź/);
    expect(annaConfirm.text).toContain('Wrzeszcz (dzielnica)');
    expect(annaConfirm.raw).not.toMatch(/List-Unsubscribe/i);
    const benConfirm = await smtp.waitForMail(ben);
    expect(benConfirm.subject).toMatch(/Confirm/);
    await smtp.waitForMail(carl);

    // The page behind the link asks first (a link scanner's GET confirms nothing), then the button confirms.
    const { pathAndQuery, token } = link(annaConfirm, '/subscriptions/confirm');
    const browser = new PageClient(t.app);
    const page = await browser.get(pathAndQuery);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.lang).toBe('pl');
    expect(page.h1).toBe('Potwierdź subskrypcję');
    expect((await db.query(`SELECT topics_status FROM subscribers WHERE email = $1`, [anna]))[0].topics_status).toBe('pending');
    // Without the form's CSRF token the button's POST changes nothing.
    const forged = await t.http().post(pathAndQuery).type('form').send({}).expect(403);
    expect(forged.text).toContain('Formularz wygasł');
    expect((await db.query(`SELECT topics_status FROM subscribers WHERE email = $1`, [anna]))[0].topics_status).toBe('pending');
    const confirmed = await browser.submit(page, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.h1).toBe('Subskrypcja potwierdzona');
    expect(confirmed.text()).toContain('Wrzeszcz (dzielnica)');
    expect(confirmed.doc.querySelector('main a[href^="https://civitas.test/subscriptions/manage?token="]')).not.toBeNull();
    // Confirming twice is not an error; an unknown token is.
    await t.http().post('/api/v1/subscriptions/confirm').send({ token }).expect(200);
    const bad = await t
      .http()
      .post('/api/v1/subscriptions/confirm')
      .send({ token: 'x'.repeat(43) })
      .expect(404);
    expect(bad.body.code).toBe('invalid_subscription_link');
    // The JSON API confirms as well.
    const benToken = link(benConfirm, '/subscriptions/confirm').token;
    const view = await t.http().post('/api/v1/subscriptions/confirm').send({ token: benToken }).expect(200);
    expect(view.body).toMatchObject({ status: 'confirmed', locale: 'en', topics: [`area:${district}`, 'results'].sort() });
    expect(view.body.email).toMatch(/^b\*\*\*@example\.pl$/);

    // An event in a neighbourhood of the district reaches the district's subscribers.
    const eventId = await publishEvent(t, opened('Park nad Strzyżą'));
    expect(await settled(t, eventId)).toEqual({ sent: 2 });
    const annaMail = await smtp.waitForMail(anna);
    expect(annaMail.subject).toContain('Park nad Strzyżą');
    expect(annaMail.html).toContain('lang="pl"');
    const benMail = await smtp.waitForMail(ben);
    expect(benMail.html).toContain('lang="en"');
    expect(to(smtp, anna)).toHaveLength(2); // confirmation + event
    expect(to(smtp, ben)).toHaveLength(2);
    expect(to(smtp, carl)).toHaveLength(1); // the confirmation only
    for (const m of [annaMail, benMail]) {
      expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
      expect(listUnsubscribe(m)).toMatch(new RegExp(`^${PUBLIC_URL}/subscriptions/unsubscribe\\?token=`));
      expect(listUnsubscribe(m)).not.toContain('example.pl');
      expect(m.text).toContain(listUnsubscribe(m));
    }

    // RFC 8058 one-click: a POST to the header's URL unsubscribes with no further step.
    const oneClick = listUnsubscribe(annaMail).slice(PUBLIC_URL.length);
    await t.http().post(oneClick).type('form').send('List-Unsubscribe=One-Click').expect(200);
    // The next event sends nothing to her, and still reaches the others.
    const next = await publishEvent(t, opened('Remont ulicy Grunwaldzkiej'));
    expect(await settled(t, next)).toEqual({ sent: 1 });
    await smtp.waitForMail(ben, { subjectMatch: 'Grunwaldzkiej' });
    expect(to(smtp, anna)).toHaveLength(2);
    expect(to(smtp, carl)).toHaveLength(1);
  });

  it('shows a confirmation page on GET of an unsubscribe link and changes nothing; a forged link is refused', async () => {
    const dora = uniqueEmail('dora');
    await subscribed(dora, 'en', ['results']);
    const id = await publishEvent(t, {
      kind: 'results.published',
      facts: { editionId: randomUUID(), editionName: 'BO 2027', winners: 12, totalCost: '1250000000' },
      topics: ['results'],
    });
    await settled(t, id);
    const mail = await smtp.waitForMail(dora, { subjectMatch: 'BO 2027' });
    const path = listUnsubscribe(mail).slice(PUBLIC_URL.length);
    const page = await t.http().get(path).expect(200);
    expect(page.text).toContain('<html lang="en"');
    expect(page.text).toContain(`action="${path.replace(/&/g, '&amp;')}"`);
    expect((await db.query(`SELECT topics_status FROM subscribers WHERE email = $1`, [dora]))[0].topics_status).toBe('confirmed');

    const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await t.http().post(forged).type('form').send('List-Unsubscribe=One-Click').expect(404);
    expect(refused.text).toContain('<html');
    await t
      .http()
      .post(`/api/v1/subscriptions/unsubscribe?token=${encodeURIComponent(forged.split('token=')[1])}`)
      .expect(404);
    expect((await db.query(`SELECT topics_status FROM subscribers WHERE email = $1`, [dora]))[0].topics_status).toBe('confirmed');
  });

  it('sends nothing for an event whose transaction rolls back', async () => {
    const eve = uniqueEmail('eve');
    await subscribed(eve, 'pl', [`area:${district}`]);
    const before = ((await db.query(`SELECT count(*)::int AS n FROM notification_events`)) as Array<{ n: number }>)[0].n;
    await expect(
      db.transaction(async (m) => {
        await t.app.get(NotificationsService).publish(m, opened('Wycofane zdarzenie'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(((await db.query(`SELECT count(*)::int AS n FROM notification_events`)) as Array<{ n: number }>)[0].n).toBe(before);
    const later = await publishEvent(t, opened('Zdarzenie po wycofaniu'));
    await settled(t, later);
    await smtp.waitForMail(eve, { subjectMatch: 'po wycofaniu' });
    expect(to(smtp, eve).some((m) => m.subject.includes('Wycofane'))).toBe(false);
  });

  it('rejects bad subscription requests with field errors and creates nothing', async () => {
    const email = uniqueEmail('bad');
    const cases: Array<[object, string]> = [
      [{ email, locale: 'pl', topics: ['everything'] }, 'topics'],
      [{ email, locale: 'de', topics: ['results'] }, 'locale'],
      [{ email: 'not-an-address', locale: 'pl', topics: ['results'] }, 'email'],
      [{ email, locale: 'pl', topics: [] }, 'topics'],
      [{ email, locale: 'pl', topics: ['results'], frequency: 'hourly' }, 'frequency'],
    ];
    for (const [body, field] of cases) {
      const res = await subscribe(body).expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const unknown = await subscribe({ email, locale: 'en', topics: [`area:${randomUUID()}`] })
      .set('accept-language', 'en')
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'unknown_topic', errors: [expect.objectContaining({ field: 'topics', code: 'unknown_topic' })] });
    expect(await db.query(`SELECT 1 FROM subscribers WHERE email = $1`, [email])).toHaveLength(0);
  });

  it('a subscribed address asking again changes nothing and gets its manage link; the manage page changes language and topics', async () => {
    const fred = uniqueEmail('fred');
    await subscribed(fred, 'pl', [`area:${district}`]);
    await subscribe({ email: fred, locale: 'en', topics: ['results'] }).expect(202);
    const notice = await smtp.waitForMail(fred);
    expect(notice.subject).not.toMatch(/Potwierdź/);
    const manage = link(notice, '/subscriptions/manage');
    expect((await db.query(`SELECT locale FROM subscribers WHERE email = $1`, [fred]))[0].locale).toBe('pl');

    const browser = new PageClient(t.app);
    const page = await browser.get(manage.pathAndQuery);
    expect(page.status).toBe(200);
    expect(page.text()).toContain('f***@example.pl');
    expect(page.value('topics')).toEqual([`area:${district}`]);
    expect(page.value('locale')).toEqual(['pl']);
    // Switch to English and to results only (the form's checkboxes: the district unticked, results ticked).
    const saved = await browser.submit(page, { topics: ['results'], locale: 'en', frequency: 'immediate', ownActivity: 'true' });
    expect(saved.status).toBe(200);
    expect(saved.lang).toBe('en');
    const view = await t.http().get('/api/v1/subscriptions/manage').query({ token: manage.token }).expect(200);
    expect(view.body).toMatchObject({ locale: 'en', topics: ['results'], status: 'confirmed', frequency: 'immediate', ownActivity: true });
    const again = await browser.get(manage.pathAndQuery);
    const invalid = await browser.submit(again, { topics: 'nonsense', locale: 'xx' });
    expect(invalid.status).toBe(422);
    expect(invalid.lang).toBe('en');
    expect(invalid.fieldError('locale')).toBe('Field “Language of the messages” has a value that is not allowed.');
    expect(invalid.errorSummary.map((e) => e.field)).toEqual(['topics', 'locale']);
    // Nothing changed.
    const still = await t.http().get('/api/v1/subscriptions/manage').query({ token: manage.token }).expect(200);
    expect(still.body).toMatchObject({ locale: 'en', topics: ['results'] });

    const ev = await publishEvent(t, {
      kind: 'results.published',
      facts: { editionId: randomUUID(), editionName: 'BO Gdańsk 2027', winners: 3, totalCost: '99900' },
      topics: ['results'],
    });
    await settled(t, ev);
    const mail = await smtp.waitForMail(fred, { subjectMatch: 'BO Gdańsk 2027' });
    expect(mail.html).toContain('lang="en"');
  });

  it('tells an account about its own activity without a subscription; its one-click link turns those mails off', async () => {
    const author = await createUser(t, { locale: 'en', displayName: 'Olga' });
    const facts = {
      editionId: randomUUID(),
      editionName: 'BO 2027',
      projectId: randomUUID(),
      title: 'Ławki przy Jaśkowej Dolinie',
      status: 'rejected',
      reason: 'Teren nie należy do miasta.',
      deadline: '2026-12-05T15:00:00Z',
    };
    const id = await publishEvent(t, { kind: 'project.status_changed', facts, userIds: [author.id] });
    expect(await settled(t, id)).toEqual({ sent: 1 });
    const mail = await smtp.waitForMail(author.email);
    expect(mail.text).toContain('Teren nie należy do miasta.');
    expect(mail.html).toContain('lang="en"');
    await t.http().post(listUnsubscribe(mail).slice(PUBLIC_URL.length)).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const again = await publishEvent(t, { kind: 'project.status_changed', facts: { ...facts, status: 'admitted' }, userIds: [author.id] });
    expect(await settled(t, again)).toEqual({});
    const me = await t
      .http()
      .get('/api/v1/me/subscription')
      .set(...bearer(author.token))
      .expect(200);
    expect(me.body).toMatchObject({ email: author.email, ownActivity: false, status: 'none', topics: [] });
  });

  it('an account subscribes from its profile without a confirmation mail', async () => {
    const user = await createUser(t, { locale: 'pl' });
    await t.http().get('/api/v1/me/subscription').expect(401);
    const put = await t
      .http()
      .put('/api/v1/me/subscription')
      .set(...bearer(user.token))
      .send({ topics: ['initiatives'], frequency: 'immediate' })
      .expect(200);
    expect(put.body).toMatchObject({ status: 'confirmed', topics: ['initiatives'], ownActivity: true });
    const unverified = await createUser(t, { verified: false });
    // An unverified account cannot log in; its session (issued here directly) still cannot subscribe unconfirmed.
    const res = await t
      .http()
      .put('/api/v1/me/subscription')
      .set(...bearer(unverified.token))
      .send({ topics: ['results'] });
    expect([403, 409]).toContain(res.status);
    const ev = await publishEvent(t, {
      kind: 'initiative.status_changed',
      facts: { initiativeId: randomUUID(), caseNumber: 'IL/2026/0042', title: 'Mural na Zaspie', status: 'approved' },
      topics: ['initiatives'],
    });
    await settled(t, ev);
    const mail = await smtp.waitForMail(user.email);
    expect(mail.subject).toContain('IL/2026/0042');
    expect(to(smtp, user.email)).toHaveLength(1);
  });

  it('daily digest: queued events go out as one mail per subscriber at the digest run', async () => {
    const gosia = uniqueEmail('gosia');
    await subscribed(gosia, 'pl', [`area:${district}`], 'daily');
    const a = await publishEvent(t, opened('Pierwsza sprawa dnia'));
    const b = await publishEvent(t, opened('Druga sprawa dnia'));
    await settled(t, a);
    await settled(t, b);
    const queued = (await db.query(`SELECT d.status FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = $1`, [gosia])) as Array<{
      status: string;
    }>;
    expect(queued.map((q) => q.status)).toEqual(['queued', 'queued']);
    expect(to(smtp, gosia)).toHaveLength(1); // the confirmation only

    const scheduler = t.app.get(Scheduler);
    await scheduler.setNextRun('daily-digest', new Date(Date.now() - 1000));
    // Other schedules (the every-minute budget phase job) may fire in the same tick; the digest fires once.
    expect(await scheduler.tickOnce()).toContain('daily-digest');
    expect(await scheduler.tickOnce()).not.toContain('daily-digest'); // not due again until tomorrow
    const digest = await smtp.waitForMail(gosia, { timeoutMs: 20_000 });
    expect(digest.text).toContain('Pierwsza sprawa dnia');
    expect(digest.text).toContain('Druga sprawa dnia');
    await eventually(async () => {
      const rows = (await db.query(`SELECT d.status FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.email = $1 ORDER BY d.status`, [
        gosia,
      ])) as Array<{ status: string }>;
      return rows.map((r) => r.status).join() === 'in_digest,in_digest,sent' || undefined;
    });
    expect(to(smtp, gosia)).toHaveLength(2);
  });

  describe('delivery failures', () => {
    it('retries while the SMTP server refuses for a while, then delivers once', async () => {
      const hana = uniqueEmail('hana');
      await subscribed(hana, 'pl', [`area:${district}`]);
      let refusals = 0;
      smtp.refuse = (rcpt) => (rcpt === hana && refusals++ < 2 ? { code: 451 } : null);
      const id = await publishEvent(t, opened('Po dwóch odmowach'));
      expect(await settled(t, id)).toMatchObject({ sent: expect.any(Number) });
      const [row] = (await db.query(
        `SELECT d.status, d.attempts, d.last_error FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.event_id = $1 AND s.email = $2`,
        [id, hana],
      )) as Array<Record<string, unknown>>;
      expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
      expect(to(smtp, hana).filter((m) => m.subject.includes('Po dwóch odmowach'))).toHaveLength(1);
    });

    it('a permanent refusal ends as failed, visible to officials, and an admin retry delivers it', async () => {
      const ida = uniqueEmail('ida');
      await subscribed(ida, 'en', [`area:${district}`]);
      smtp.refuse = (rcpt) => (rcpt === ida ? { code: 550 } : null);
      const id = await publishEvent(t, opened('Permanent failure'));
      await settled(t, id);
      const official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
      const resident = await createUser(t);
      await t
        .http()
        .get('/api/v1/admin/deliveries?status=failed')
        .set(...bearer(resident.token))
        .expect(403);
      const list = await t
        .http()
        .get('/api/v1/admin/deliveries')
        .query({ status: 'failed', eventId: id })
        .set(...bearer(official.token))
        .expect(200);
      expect(list.body.total).toBe(1);
      const failed = list.body.items[0];
      expect(failed).toMatchObject({ status: 'failed', recipient: 'i***@example.pl', attempts: 1, eventKind: 'consultation.opened' });
      expect(failed.lastError).toMatch(/^550/);
      expect(JSON.stringify(list.body)).not.toContain(ida);

      smtp.refuse = null;
      const retried = await t
        .http()
        .post(`/api/v1/admin/deliveries/${failed.id}/retry`)
        .set(...bearer(official.token))
        .expect(202);
      expect(retried.body.status).toBe('pending');
      await settled(t, id);
      await smtp.waitForMail(ida, { subjectMatch: 'Permanent failure' });
      const again = await t
        .http()
        .post(`/api/v1/admin/deliveries/${failed.id}/retry`)
        .set(...bearer(official.token))
        .expect(409);
      expect(again.body.code).toBe('delivery_not_failed');
      await t
        .http()
        .post(`/api/v1/admin/deliveries/not-a-uuid/retry`)
        .set(...bearer(official.token))
        .expect(404);
      const events = await t
        .http()
        .get('/api/v1/admin/notification-events')
        .set(...bearer(official.token))
        .expect(200);
      expect(events.body.items.find((e: { id: string }) => e.id === id).counts).toMatchObject({ sent: expect.any(Number) });
    });

    it('a temporary refusal that outlasts every attempt ends as failed; retry-failed sends it', async () => {
      const jan = uniqueEmail('jan');
      await subscribed(jan, 'pl', [`area:${district}`]);
      smtp.refuse = (rcpt) => (rcpt === jan ? { code: 451 } : null);
      const id = await publishEvent(t, opened('Ciągle odmawia'));
      await settled(t, id);
      const [row] = (await db.query(
        `SELECT d.status, d.attempts FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.event_id = $1 AND s.email = $2`,
        [id, jan],
      )) as Array<Record<string, unknown>>;
      expect(row).toEqual({ status: 'failed', attempts: 4 });
      smtp.refuse = null;
      const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
      const res = await t
        .http()
        .post('/api/v1/admin/deliveries/retry-failed')
        .set(...bearer(admin.token))
        .send({ eventId: id })
        .expect(202);
      expect(res.body).toEqual({ retried: 1 });
      await settled(t, id);
      expect(to(smtp, jan).filter((m) => m.subject.includes('Ciągle odmawia'))).toHaveLength(1);
    });
  });
});
