import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { eventually } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { closeVoting, deskVotingEdition, type DeskVotingEdition } from '../factories/voting-desk.factory';
import { Harness, tabTo } from './harness';

const OPTS: BrowserContextOptions = { javaScriptEnabled: false, viewport: { width: 1024, height: 768 } };

const h1 = async (page: Page) => ((await page.textContent('h1')) ?? '').replace(/\s+/g, ' ').trim();
const banner = async (page: Page) => ((await page.textContent('.govuk-notification-banner__heading')) ?? '').replace(/\s+/g, ' ').trim();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/**
 * The keyboard of one operator, counting every key pressed: a typed character is one press, a capital letter two
 * (Shift and the letter), Tab, the arrows and Enter one each.
 */
class Keys {
  presses = 0;
  constructor(private readonly page: Page) {}

  async type(text: string): Promise<void> {
    this.presses += [...text].length + [...text].filter((c) => c !== c.toLowerCase()).length;
    await this.page.keyboard.type(text);
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      this.presses += 1;
      await this.page.keyboard.press(key);
    }
  }

  /** Enter, and the next page loaded (the form posts, the server answers 303, the next empty sheet loads). */
  async submit(): Promise<void> {
    this.presses += 1;
    await Promise.all([this.page.waitForEvent('load'), this.page.keyboard.press('Enter')]);
  }
}

interface Sheet {
  sheet: string;
  first: string;
  last: string;
  numbers: string;
}

const FIRST = ['Anna', 'Jan', 'Ewa', 'Piotr', 'Ola', 'Adam', 'Iga', 'Marek', 'Zofia', 'Kamil'];
const LAST = ['Nowak', 'Lis', 'Wójcik', 'Kowal', 'Zając', 'Sowa', 'Bąk', 'Mazur', 'Krawiec', 'Pawlak'];
const MARKS = ['1 3', '2', '2 4', '1 2 3', '4', '3', '1 4', '2 3', '1', '3 4'];

/** Twenty sheets of the approval card: different voters, one to three projects marked. */
const SHEETS: Sheet[] = Array.from({ length: 20 }, (_, i) => ({
  sheet: String(1001 + i),
  first: FIRST[i % 10],
  last: `${LAST[(i * 3) % 10]}${i >= 10 ? 'ska' : ''}`,
  numbers: MARKS[i % 10],
}));

/**
 * The voting desk with the keyboard only, JavaScript off, 1024 px wide: two operators key twenty paper sheets of an
 * approval card — the sheet number, the voter, the numbers marked, Enter — the second reading one sheet otherwise,
 * and a third settles that mismatch with both keyings side by side; the keystrokes and seconds per sheet are
 * measured. Then an official runs the tally, watches it, reviews it and publishes the results. Every page state on
 * the way passes html-validate and axe.
 */
describe('desk: voting — paper keying and the tally, keyboard only, JavaScript off (browser)', () => {
  const h = new Harness();
  let admin: TestUser;
  let ops: TestUser[];
  let ed: DeskVotingEdition;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    await h.start({ VOTING_IP_LIMIT_PER_MINUTE: '100000' });
    const city = await createArea(h.t, { name: 'Gdańsk', kind: 'city', residentCount: 400_000 });
    const oliwa = await createArea(h.t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    await createArea(h.t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    ops = [
      await createUser(h.t, { displayName: 'Operator Pierwszy', grants: [{ role: 'official', areaId: null }] }),
      await createUser(h.t, { displayName: 'Operator Drugi', grants: [{ role: 'official', areaId: null }] }),
      await createUser(h.t, { displayName: 'Urzędniczka Trzecia', grants: [{ role: 'official', areaId: null }] }),
    ];
    ed = await deskVotingEdition(h.t, admin, {
      name: 'BO Gdańsk 2027',
      district: oliwa,
      titles: ['Ławki nad Motławą', 'Rowerowy Gdańsk', 'Zielone przystanki', 'Poidełka w parkach'],
    });
    for (const op of ops) {
      const ctx = await h.context(OPTS);
      contexts.push(ctx);
      const page = await ctx.newPage();
      pages.push(page);
      await page.goto('/sign-in');
      await tabTo(page, '#email', { max: 80 });
      await page.keyboard.type(op.email);
      await tabTo(page, '#password', { max: 10 });
      await page.keyboard.type(op.password);
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h.stop('desk-voting');
  });

  const paper = () => `/desk/voting/${ed.id}/paper`;

  /** One sheet, keyboard only, from the focused sheet number to the next empty form; the presses and the time. */
  async function keySheet(page: Page, s: Sheet): Promise<{ presses: number; ms: number }> {
    const keys = new Keys(page);
    expect(await focused(page)).toBe('sheet');
    const started = Date.now();
    await keys.type(s.sheet);
    await keys.press('Tab', 2); // past "is the sheet valid?" (valid by default)
    await keys.type(s.first);
    await keys.press('Tab');
    await keys.type(s.last);
    await keys.press('Tab');
    await keys.type('o'); // the area by its first letter: Oliwa
    await keys.press('Tab', 2); // past the e-mail address, none on these sheets
    await keys.type(s.numbers);
    await keys.submit();
    return { presses: keys.presses, ms: Date.now() - started };
  }

  it('two operators key 20 sheets of an approval card; a third settles the mismatch (keystrokes and seconds per sheet)', async () => {
    const [first, second, third] = pages;
    await h.visit(first, paper(), 'voting desk: paper keying, empty');
    expect(await h1(first)).toBe('Wprowadzanie kart papierowych');

    // Enter on an empty sheet: the form again, the error summary focused.
    await Promise.all([first.waitForEvent('load'), first.keyboard.press('Enter')]);
    await h.check(first, 'voting desk: paper keying, errors');
    expect(await first.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false)).toBe(true);
    await h.visit(first, paper(), 'voting desk: paper keying, empty again');

    const figures: Array<{ presses: number; ms: number }> = [];
    for (const [i, s] of SHEETS.entries()) {
      figures.push(await keySheet(first, s));
      expect(await banner(first)).toBe(`Karta ${s.sheet} wprowadzona po raz pierwszy. Czeka na wprowadzenie przez drugiego operatora.`);
      if (i === 0) await h.check(first, 'voting desk: paper keying, keyed once');
    }

    await second.goto(paper());
    for (const [i, s] of SHEETS.entries()) {
      // The second operator misreads one sheet: 1 4 instead of 1 3.
      const read = s.sheet === '1001' ? { ...s, numbers: '1 4' } : s;
      figures.push(await keySheet(second, read));
      if (s.sheet === '1001') {
        expect(await banner(second)).toBe('Karta 1001: wprowadzenia się różnią. Karta trafiła do rozstrzygnięcia przez trzeciego operatora.');
        await h.check(second, 'voting desk: paper keying, mismatch');
      } else {
        expect(await banner(second)).toMatch(new RegExp(`^Karta ${s.sheet}: oba wprowadzenia są zgodne\\. Głos .+ jest ważny\\.$`));
        if (i === 1) await h.check(second, 'voting desk: paper keying, matched');
      }
    }

    // The third operator: the queue, the sheet with both keyings side by side, the paper sheet keyed again.
    await h.visit(third, `/desk/voting/${ed.id}/paper/mismatches`, 'voting desk: mismatches to settle');
    await tabTo(third, 'main tbody a', { max: 80 });
    await Promise.all([third.waitForEvent('load'), third.keyboard.press('Enter')]);
    await h.check(third, 'voting desk: settling a sheet');
    expect(await h1(third)).toBe('Rozstrzygnięcie karty 1001');
    const rows = await third.$$eval('main table tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | ')),
    );
    expect(rows).toContain('Ogólnomiejska różni się | 1, 3 | 1, 4');
    expect(rows).toContain('Nazwisko | nowak | nowak');
    const keys = new Keys(third);
    await tabTo(third, '#firstName', { max: 120 });
    await keys.type('Anna');
    await keys.press('Tab');
    await keys.type('Nowak');
    await keys.press('Tab');
    await keys.type('o');
    await keys.press('Tab', 2);
    await keys.type('1 3');
    await keys.submit();
    expect(await banner(third)).toMatch(/^Karta 1001 rozstrzygnięta: Twoje wprowadzenie zgadza się z jednym z wcześniejszych\. Głos /);
    await h.check(third, 'voting desk: mismatch settled');
    expect(await third.textContent('main')).toContain('Nic tu nie czeka.');

    const turnout = await actingAs(h.t, ops[2]).get(`/api/v1/editions/${ed.id}/turnout`).expect(200);
    expect(turnout.body).toMatchObject({ total: 20, byChannel: { paper: 20 } });

    const presses = figures.map((f) => f.presses);
    const seconds = figures.map((f) => f.ms / 1000);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `paper keying, 40 keyings of 20 approval sheets (JavaScript off, 1024 px): ${mean(presses).toFixed(1)} keystrokes per sheet (min ${Math.min(...presses)}, max ${Math.max(...presses)}), ${mean(seconds).toFixed(2)} s per sheet (median ${median(seconds).toFixed(2)} s, max ${Math.max(...seconds).toFixed(2)} s) from the first key to the next empty form loaded; settling the mismatch ${keys.presses} keystrokes after tabbing to the first name`,
    );
    h.journeys.push('voting desk: two operators key 20 approval sheets and a third settles a mismatch, keyboard only, JavaScript off, 1024 px');
  });

  it('an official runs the tally, watches it, reviews and publishes the results', async () => {
    const page = pages[2];
    const tally = `/desk/voting/${ed.id}/tally`;
    await h.visit(page, `/desk/voting/${ed.id}`, 'voting desk: an edition');
    await h.visit(page, `/desk/voting/${ed.id}/turnout`, 'voting desk: turnout');
    await h.visit(page, tally, 'voting desk: tally, none yet');
    // Publishing before any run: the API's refusal on the page.
    await tabTo(page, `form[action$="/tally/publish"] button`, { max: 80 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await page.textContent('.govuk-error-summary')).toContain('Nie ma zakończonego liczenia głosów tej edycji: najpierw policz głosy.');
    await h.check(page, 'voting desk: tally, publication refused');

    await closeVoting(h.t, admin, ed.id);
    await h.visit(page, tally, 'voting desk: tally, voting closed');
    await tabTo(page, `form[action="${tally}"] button`, { max: 80 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await banner(page)).toBe('Liczenie głosów zlecone. Odśwież stronę, aby zobaczyć jego stan.');
    await h.check(page, 'voting desk: tally requested');
    await eventually(
      async () => {
        const res = await actingAs(h.t, ops[2]).get(`/api/v1/admin/editions/${ed.id}/results`).expect(200);
        return res.body.run?.status === 'done' || undefined;
      },
      60_000,
      'the tally',
    );
    // Watching it: the refresh link (no script, no meta refresh).
    await tabTo(page, `main a[href="${tally}"]`, { max: 80 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await page.textContent('main')).toContain('zakończone');
    expect(await page.textContent('main')).toMatch(/Skrót SHA-256 danych wejściowych/);
    await h.check(page, 'voting desk: tally done, under embargo');

    await tabTo(page, `form[action$="/tally/publish"] button`, { max: 120 });
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await banner(page)).toMatch(/^Wyniki opublikowane: \d+ wybranych projektów\.$/);
    expect(await page.textContent('main')).toContain('Dlaczego');
    await h.check(page, 'voting desk: results published');

    await h.visit(page, `/desk/voting/${ed.id}/audit`, 'voting desk: audit log');
    expect(await page.textContent('main')).toContain('Łańcuch nienaruszony');
    await h.visit(page, '/desk/voting/editions', 'voting desk: editions');
    h.journeys.push('voting desk: an official runs the tally, reviews and publishes, keyboard only, JavaScript off, 1024 px');
  });
});
