import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createArea } from '../factories/areas.factory';
import { CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, createUser, uniqueEmail, type TestUser } from '../factories/users.factory';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Moves the focus to a field with Tab and types into it. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, { max: 200 });
  await page.keyboard.type(text);
}

/** Tabs to a link or button and activates it with Enter, waiting for the next page. */
async function activate(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, { max: 250 });
  await pressAndLoad(page);
}

const banner = (page: Page) => page.textContent('.govuk-notification-banner__heading');
const h1 = async (page: Page) => ((await page.textContent('h1')) ?? '').replace(/\s+/g, ' ').trim();
const summaryFocused = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false);

/**
 * A resident applies for a local initiative with the keyboard only, JavaScript off and 320 CSS px wide: starts the
 * application, signs out, signs in again and finishes it, submits it; answers the official's correction request,
 * reads the agreement and files the final report. Every page on the way passes html-validate and axe, without
 * horizontal scrolling.
 */
describe('local initiatives: a resident’s application, keyboard only, JavaScript off, 320 px (browser)', () => {
  const h = new Harness();
  let official: TestUser;
  const OPTS: BrowserContextOptions = { javaScriptEnabled: false, viewport: { width: 320, height: 640 } };

  beforeAll(async () => {
    await h.start();
    const admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(h.t, { displayName: 'Urzędniczka', grants: [{ role: 'official', areaId: null }] });
    await createArea(h.t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    await actingAs(h.t, admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: 10_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
      .expect(200);
  });
  afterAll(() => h.stop('initiatives'));

  const as = (u: TestUser) => actingAs(h.t, u);
  const admin_ = (id: string, path: string) => `/api/v1/admin/initiatives/${id}${path}`;

  // The journey's state, carried from one part to the next (the parts run in order).
  let anna: TestUser;
  let second: Page;
  let id = '';
  let tasks = '';
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
  });

  const open = async () => {
    const ctx = await h.context(OPTS);
    contexts.push(ctx);
    return ctx.newPage();
  };
  const step = async (page: Page, state: string) => {
    await h.check(page, `initiative applicant: ${state}`);
    await expectNoHorizontalScroll(page);
  };
  const signIn = async (page: Page) => {
    await page.goto('/sign-in?next=%2Finitiatives%2Fmine');
    await typeInto(page, '#email', anna.email);
    await typeInto(page, '#password', anna.password);
    await activate(page, 'main button[type="submit"]');
    expect(await h1(page)).toBe('Moje wnioski o inicjatywę lokalną');
  };

  it('starts an application, signs out, signs in again, finishes and submits it', async () => {
    anna = await createUser(h.t, { displayName: 'Anna Mieszkanka', email: uniqueEmail('anna') });
    {
      // The programme, read first.
      const first = await open();
      await h.visit(first, '/initiatives', 'initiative: programme');
      await expectNoHorizontalScroll(first);
      await h.visit(first, '/initiatives/register', 'initiative: register, empty');
      await expectNoHorizontalScroll(first);

      // First session: signed in, a new application started, its applicants given.
      await signIn(first);
      await step(first, 'my applications, none');
      await activate(first, 'main a[href="/initiatives/apply"]');
      expect(await h1(first)).toBe('Nowy wniosek o inicjatywę lokalną');
      await step(first, 'start');
      await activate(first, 'main form button[type="submit"]');
      expect(await summaryFocused(first)).toBe(true);
      await step(first, 'start, errors');
      await typeInto(first, '#title', 'Ogród społeczny przy szkole');
      await tabTo(first, '#applicantType');
      await first.keyboard.press('Space');
      await activate(first, 'main form button[type="submit"]');
      expect(await h1(first)).toBe('Wniosek o inicjatywę lokalną');
      tasks = new URL(first.url()).pathname;
      id = tasks.split('/')[2];
      await step(first, 'task list, new');
      await activate(first, `a[href="${tasks}/applicants"]`);
      await step(first, 'applicants');
      const people = [
        ['Anna', 'Mieszkanka', 'ul. Lipowa 1'],
        ['Piotr', 'Sąsiad', 'ul. Lipowa 3'],
        ['Ewa', 'Sąsiadka', 'ul. Lipowa 5'],
      ];
      for (const [i, [fn, ln, addr]] of people.entries()) {
        await typeInto(first, `[id="applicants.${i}.firstName"]`, fn);
        await typeInto(first, `[id="applicants.${i}.lastName"]`, ln);
        await typeInto(first, `[id="applicants.${i}.address"]`, addr);
      }
      await activate(first, 'main button[value="save"]');
      expect(await banner(first)).toBe('Zapisano część „Wnioskodawcy”.');
      await step(first, 'task list, applicants done');
      // Signed out with the header's button.
      await activate(first, 'header form button');

      // Second session: signed in again, the draft continued from "my applications".
      second = await open();
      await signIn(second);
      await step(second, 'my applications, a draft');
      await activate(second, `main a[href="${tasks}"]`);
      expect(await second.textContent('#task-applicants-status')).toContain('Ukończono');
      await activate(second, `a[href="${tasks}/contact"]`);
      await step(second, 'contact');
      await typeInto(second, '#contactName', 'Anna Mieszkanka');
      await activate(second, 'main button[value="save"]');
      await activate(second, `a[href="${tasks}/task"]`);
      await step(second, 'task');
      await typeInto(second, '#description', 'Mieszkańcy zakładają grządki i kompostownik; miasto daje ziemię i narzędzia.');
      await typeInto(second, '#beneficiaries', 'Uczniowie i sąsiedzi');
      await typeInto(second, '#beneficiariesCount', 'sto');
      await activate(second, 'main button[value="save"]');
      expect(await summaryFocused(second)).toBe(true);
      await step(second, 'task, errors');
      await second.fill('#beneficiariesCount', '');
      await typeInto(second, '#beneficiariesCount', '300');
      await activate(second, 'main button[value="save"]');
      expect(await banner(second)).toBe('Zapisano część „Zadanie”.');
      await activate(second, `a[href="${tasks}/location"]`);
      await step(second, 'location');
      await typeInto(second, '#location', 'Teren szkoły, ul. Lipowa 10');
      await activate(second, 'main button[value="save"]');
      await activate(second, `a[href="${tasks}/schedule"]`);
      await step(second, 'schedule');
      await typeInto(second, '[id="schedule.0.from"]', `${YEAR}-05-01`);
      await typeInto(second, '[id="schedule.0.to"]', `${YEAR}-05-31`);
      await typeInto(second, '[id="schedule.0.activity"]', 'Grządki i kompostownik');
      await activate(second, 'main button[value="save"]');
      await activate(second, `a[href="${tasks}/costs"]`);
      await step(second, 'costs');
      await typeInto(second, '#totalCost', '12 000');
      await typeInto(second, '#volunteerPeople', '10');
      await typeInto(second, '#volunteerHours', '6');
      await typeInto(second, '[id="inKind.0.item"]', 'Sadzonki z własnych ogrodów');
      await typeInto(second, '[id="inKind.0.value"]', '400');
      await typeInto(second, '[id="cityShare.0.description"]', 'Ziemia i narzędzia');
      await typeInto(second, '[id="cityShare.0.value"]', '8 000');
      await activate(second, 'main button[value="more"]');
      expect(await banner(second)).toBe('Zapisano część „Koszty i wkład mieszkańców”.');
      expect(await second.textContent('[data-share-check]')).toContain('mieści się');
      await step(second, 'costs, saved with the sums');
      await activate(second, `main a[href="${tasks}"]`);
      await activate(second, `a[href="${tasks}/check"]`);
      await step(second, 'check');
      await tabTo(second, '#declaration', { max: 250 });
      await second.keyboard.press('Space');
      await activate(second, 'main form button[type="submit"]');
      expect(await h1(second)).toBe('Wniosek złożony');
      await step(second, 'submitted');
    }
  }, 240_000);

  it('answers the official’s correction request', async () => {
    expect(id).not.toBe('');
    {
      // The official registers it and asks for a correction (through the API).
      await as(official).post(admin_(id, '/register')).expect(200);
      await as(official).post(admin_(id, '/formal-check')).expect(200);
      await as(official).post(admin_(id, '/request-correction')).send({ note: 'Dopiszcie numer działki.' }).expect(200);
      await second.goto('/initiatives/mine');
      await step(second, 'my applications, a correction requested');
      await activate(second, `main a[href="/initiatives/${id}/correction"]`);
      expect(await h1(second)).toBe('Prośba o poprawienie wniosku');
      await step(second, 'correction request');
      await activate(second, `main a[href="${tasks}"]`);
      await step(second, 'task list, correction');
      await activate(second, `a[href="${tasks}/location"]`);
      await tabTo(second, '#location', { max: 200 });
      await second.keyboard.press('End');
      await second.keyboard.type(', działka 45/3');
      await activate(second, 'main button[value="save"]');
      await second.goto(`/initiatives/${id}/correction`);
      await activate(second, 'main form button[type="submit"]');
      expect(await banner(second)).toBe('Poprawiony wniosek odesłany. Wraca do oceny formalnej.');
      await step(second, 'my application, corrected');
    }
  });

  it('reads the agreement and files the final report', async () => {
    expect(id).not.toBe('');
    {
      // Approved, the agreement drafted and signed at the office, the task started.
      await as(official).post(admin_(id, '/formal-check/pass')).expect(200);
      await as(official)
        .put(admin_(id, '/scores'))
        .send({ scores: { volunteer: 9, purpose: 8, cost: 4 } })
        .expect(200);
      await as(official)
        .post(admin_(id, '/decision'))
        .send({ approve: true, purposefulness: 'Ogród służy szkole i sąsiadom.', reason: 'Duży wkład pracy mieszkańców.' })
        .expect(200);
      await as(official)
        .post(admin_(id, '/agreement'))
        .send({ termFrom: `${YEAR}-05-01`, termTo: `${YEAR}-05-31` })
        .expect(200);
      await as(official).post(admin_(id, '/agreement/sign')).send({ signedOn: '2020-04-20' }).expect(200);
      await as(official).post(admin_(id, '/start')).expect(200);
      await second.goto(`/initiatives/${id}`);
      await step(second, 'my application, in progress');
      await activate(second, `main a[href="/initiatives/${id}/agreement"]`);
      expect(await h1(second)).toBe('Umowa o realizację inicjatywy lokalnej');
      await step(second, 'agreement');
      await activate(second, `main a[href="/initiatives/${id}/agreement/document"]`);
      expect(await second.textContent('body')).toContain('Ogród społeczny przy szkole');
      await second.goto(`/initiatives/${id}`);
      await activate(second, `main a[href="/initiatives/${id}/final-report"]`);
      expect(await h1(second)).toBe('Sprawozdanie końcowe');
      await step(second, 'final report');
      await activate(second, 'main form button[type="submit"]');
      expect(await summaryFocused(second)).toBe(true);
      await step(second, 'final report, errors');
      await typeInto(second, '#summary', 'Założyliśmy 12 grządek i kompostownik.');
      await activate(second, 'main form button[type="submit"]');
      expect(await banner(second)).toBe('Złożono sprawozdanie końcowe.');
      await step(second, 'my application, report filed');
      h.journeys.push('local initiative applicant: keyboard only, JavaScript off, 320 px');
    }
  });
});
