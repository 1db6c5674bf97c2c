import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, DEFAULT_PASSWORD, uniqueEmail } from '../factories/users.factory';
import { startTestSmtp, TestSmtp } from '../helpers/smtp';

describe('subscribe pages (e2e)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let db: DataSource;
  let district: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://civitas.test', THROTTLE_AUTH_LIMIT: '1000' });
    db = t.app.get(DataSource);
    await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    const city = await createArea(t, { name: 'Lublin', kind: 'city' });
    district = await createArea(t, { name: 'Czuby', kind: 'district', parentId: city });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const subscriber = async (email: string) =>
    ((await db.query(`SELECT topics_status, locale, frequency FROM subscribers WHERE email = $1`, [email])) as Array<Record<string, string>>)[0];

  it('anyone subscribes with an address: topics, language, frequency; a confirmation mail, nothing more until confirmed', async () => {
    const browser = new PageClient(t.app);
    const page = await browser.get(`/subscriptions/new?topic=area:${district}`);
    expect(page.h1).toBe('Powiadomienia e-mail');
    expect(page.value('topics')).toEqual([`area:${district}`]);
    expect(page.value('locale')).toEqual(['pl']);
    expect(page.value('frequency')).toEqual(['immediate']);
    expect(page.all('label[for^="topics"]')).toEqual(expect.arrayContaining(['Wyniki głosowań budżetu obywatelskiego', 'Czuby (dzielnica)']));

    const none = await browser.submit(page, { email: 'ala@example.pl', topics: [] });
    expect(none.status).toBe(422);
    expect(none.fieldError('topics')).toBe('Lista „Tematy” musi mieć co najmniej 1 elementów.');
    const badEmail = await browser.submit(page, { email: 'ala(at)example.pl' });
    expect(badEmail.fieldError('email')).toBe('Pole „Adres e-mail” musi być poprawnym adresem e-mail.');
    const gone = await browser.submit(page, { email: 'ala@example.pl', topics: 'area:00000000-0000-4000-8000-000000000000' });
    expect(gone.status).toBe(422);
    expect(gone.errorSummary[0].field).toBe('topics');
    expect(((await db.query(`SELECT count(*)::int AS n FROM subscribers WHERE email = 'ala@example.pl'`)) as Array<{ n: number }>)[0].n).toBe(0);

    const email = uniqueEmail('ala');
    const sent = await browser.submit(page, { email, topics: [`area:${district}`, 'results'], locale: 'en', frequency: 'daily' });
    expect(sent.url).toBe('/subscriptions/new/check-email');
    expect(sent.h1).toBe('Sprawdź skrzynkę e-mail');
    expect(await subscriber(email)).toEqual({ topics_status: 'pending', locale: 'en', frequency: 'daily' });
    const mail = await smtp.waitForMail(email);
    expect(mail.subject).toMatch(/Confirm/);
  });

  it('the box on the home page subscribes to the city-wide topics', async () => {
    const browser = new PageClient(t.app);
    const home = await browser.get('/');
    const email = uniqueEmail('box');
    const sent = await browser.submit(home, { email }, { form: 'form#subscribe-box' });
    expect(sent.url).toBe('/subscriptions/new/check-email');
    expect(await subscriber(email)).toMatchObject({ topics_status: 'pending', locale: 'pl' });
    const topics = (await db.query(`SELECT t.topic FROM subscriber_topics t JOIN subscribers s ON s.id = t.subscriber_id WHERE s.email = $1 ORDER BY 1`, [
      email,
    ])) as Array<{ topic: string }>;
    expect(topics.map((r) => r.topic)).toEqual(['initiatives', 'results']);
  });

  it('a signed-in account sets its own notifications without a confirmation mail', async () => {
    const user = await createUser(t);
    const browser = new PageClient(t.app);
    await browser.submit(await browser.get('/sign-in'), { email: user.email, password: DEFAULT_PASSWORD });
    const page = await browser.get('/subscriptions/new');
    expect(page.doc.querySelector('input[name="email"]')).toBeNull();
    expect(page.text()).toContain(user.email);
    expect(page.value('ownActivity')).toEqual(['true']);
    const saved = await browser.submit(page, { topics: ['initiatives', `area:${district}`], frequency: 'daily', ownActivity: [] });
    expect(saved.url).toBe('/subscriptions/new');
    expect(saved.banner).toBe('Zapisano ustawienia powiadomień.');
    expect(saved.value('topics')).toEqual(expect.arrayContaining(['initiatives', `area:${district}`]));
    expect(saved.value('ownActivity')).toEqual([]);
    const me = await actingAs(t, user).get('/api/v1/me/subscription').expect(200);
    expect(me.body).toMatchObject({ status: 'confirmed', frequency: 'daily', ownActivity: false, topics: [`area:${district}`, 'initiatives'].sort() });
    const bad = await browser.submit(saved, { frequency: 'hourly' });
    expect(bad.status).toBe(422);
    expect(bad.fieldError('frequency')).toBe('Pole „Jak często” ma niedozwoloną wartość.');
    expect((await actingAs(t, user).get('/api/v1/me/subscription').expect(200)).body.frequency).toBe('daily');
  });
});
