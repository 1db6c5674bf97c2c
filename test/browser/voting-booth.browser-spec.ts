import type { BrowserContextOptions, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, type TestUser } from '../factories/users.factory';
import { mailTo } from '../helpers/mail-files';
import { expectNoHorizontalScroll, Harness, tabTo } from './harness';

/** Presses a key and waits for the page it leads to. */
async function pressAndLoad(page: Page, key = 'Enter'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

/** Tabs to a field and types into it. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, { max: 150 });
  await page.keyboard.type(text);
}

/** Tabs to a link or button and activates it with Enter, waiting for the next page. */
async function activate(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, { max: 150 });
  await pressAndLoad(page);
}

/** Tabs to a checkbox and ticks it with the space bar. */
async function tick(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector, { max: 150 });
  await page.keyboard.press('Space');
}

const h1 = async (page: Page) => ((await page.textContent('h1')) ?? '').replace(/\s+/g, ' ').trim();
const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
const byId = (id: string) => `[id="${id}"]`;
const SAVE = '#ballot-form .govuk-button-group button:not([name])';

/**
 * The voting booth with the keyboard only, every page checked with axe and html-validate: a resident of a district
 * goes from the home page to the receipt without JavaScript on a 320 px screen (approval with a cost cap and the
 * server's meter, choose-1, cumulative), confirms with the mailed code and checks the vote; the same person cannot
 * vote again. With JavaScript: the meter follows the ticks, an ordinal ballot, a wrong code five times, a new code.
 */
describe('voting: the booth with the keyboard only (browser)', () => {
  const h = new Harness();
  let admin: TestUser;
  let db: DataSource;
  let oliwa: string;
  let wrzeszcz: string;
  const ed = { id: '', pools: {} as Record<'city' | 'green' | 'a' | 'b', string>, projects: {} as Record<'city' | 'green' | 'a' | 'b', string[]> };

  beforeAll(async () => {
    await h.start({ VOTING_IP_LIMIT_PER_MINUTE: '100000' });
    db = h.t.app.get(DataSource);
    admin = await createUser(h.t, { grants: [{ role: 'admin', areaId: null }] });
    const city = await createArea(h.t, { name: 'Gdańsk', kind: 'city', residentCount: 400_000 });
    oliwa = await createArea(h.t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    wrzeszcz = await createArea(h.t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    const as = actingAs(h.t, admin);
    const e = await as
      .post('/api/v1/admin/editions')
      .send({ name: 'BO Gdańsk 2027', year: 2027, phases: scheduleWith('ballot_list') })
      .expect(201);
    ed.id = e.body.id;
    const addPool = async (name: string, areaId: string | null) =>
      (await as.post(`/api/v1/admin/editions/${ed.id}/pools`).send({ name, areaId, amount: 100_000_000, signaturesRequired: 0 }).expect(201)).body.pools.find(
        (p: { name: string }) => p.name === name,
      ).id as string;
    ed.pools = {
      city: await addPool('Ogólnomiejska', null),
      green: await addPool('Zielona', city),
      a: await addPool('Oliwa', oliwa),
      b: await addPool('Wrzeszcz', wrzeszcz),
    };
    const titles = {
      city: ['Ławki nad Motławą', 'Rowerowy Gdańsk', 'Zielone przystanki', 'Poidełka w parkach'],
      green: ['Łąka kwietna', 'Sad miejski'],
      a: ['Plac zabaw w Oliwie', 'Biblioteka plenerowa', 'Ścieżka zdrowia'],
      b: ['Siłownia pod chmurką', 'Kino letnie', 'Mural na Wajdeloty', 'Skatepark'],
    };
    const costs = {
      city: [400_000_00, 300_000_00, 200_000_00, 100_000_00],
      green: [50_000_00, 60_000_00],
      a: [10_000_00, 20_000_00, 30_000_00],
      b: [10_000_00, 20_000_00, 30_000_00, 40_000_00],
    };
    let number = 0;
    for (const k of ['city', 'green', 'a', 'b'] as const) {
      ed.projects[k] = [];
      for (let i = 0; i < titles[k].length; i++) {
        number += 1;
        const [{ id }] = (await db.query(
          `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, summary, total_cost, created_by, ballot_position) VALUES ($1, $2, $3, 'on_ballot', $4, 'Opis.', $5, $6, $3) RETURNING id`,
          [ed.id, ed.pools[k], number, titles[k][i], costs[k][i], admin.id],
        )) as Array<{ id: string }>;
        ed.projects[k].push(id);
      }
      await db.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, project_ids) VALUES ($1, $2, 'alphabetical', $3)`, [
        ed.id,
        ed.pools[k],
        ed.projects[k],
      ]);
    }
    await as.post(`/api/v1/admin/editions/${ed.id}/publish`).expect(200);
    await as.put(`/api/v1/admin/editions/${ed.id}/voting-policy`).send({}).expect(200);
    const spec = (pool: string, s: Record<string, unknown>) => as.put(`/api/v1/admin/pools/${pool}/ballot-spec`).send(s).expect(200);
    await spec(ed.pools.city, { voteType: 'approval', minLength: 1, maxLength: 3, maxSumCost: 600_000_00 });
    await spec(ed.pools.green, { voteType: 'choose-1' });
    await spec(ed.pools.a, { voteType: 'cumulative', minLength: 1, pointsTotal: 5, maxPointsPerProject: 3 });
    await spec(ed.pools.b, { voteType: 'ordinal', maxLength: 3, exactLength: true });
    await as
      .patch(`/api/v1/admin/editions/${ed.id}`)
      .send({ phases: scheduleWith('voting') })
      .expect(200);
  });
  afterAll(() => h.stop('voting-booth'));

  /** From the start page through identity and pools to the first ballot. */
  async function begin(page: Page, who: { lastName: string; email: string; area: string }, step: (state: string) => Promise<void>): Promise<void> {
    await activate(page, 'main form[action$="/start"] button');
    expect(await h1(page)).toBe('Twoje dane');
    await step('identity');
    await typeInto(page, '#firstName', 'Anna');
    await typeInto(page, '#lastName', who.lastName);
    // A select takes the keyboard's letters (the first option that starts with them).
    await tabTo(page, '#areaId');
    await page.keyboard.type(who.area);
    await typeInto(page, '#email', who.email);
    await activate(page, 'main form button');
    expect(await h1(page)).toBe('Pule, w których głosujesz');
    await step('pools');
  }

  it('a resident votes from the home page to the receipt: JavaScript off, 320 px; the same person cannot vote twice', async () => {
    const opts: BrowserContextOptions = { javaScriptEnabled: false, viewport: { width: 320, height: 640 } };
    const ctx = await h.context(opts);
    const page = await ctx.newPage();
    const step = async (state: string) => {
      await h.check(page, `booth, no JavaScript, 320 px: ${state}`);
      await expectNoHorizontalScroll(page);
    };
    const who = { lastName: 'Kowalska', email: 'anna.kowalska@example.pl', area: 'Oliwa' };
    try {
      await page.goto('/');
      await activate(page, `main a[href="/budget/${ed.id}"]`);
      await step('the edition');
      await activate(page, `main a[href="/budget/${ed.id}/vote"]`);
      expect(await h1(page)).toBe('Głosowanie: BO Gdańsk 2027');
      await step('start');
      await begin(page, who, step);
      await activate(page, 'main form button.govuk-button');
      // The city-wide ballot: two projects over the cap; "check my choices" says so and shows the meter.
      expect(await h1(page)).toBe('Karta do głosowania: Ogólnomiejska');
      await step('approval ballot with a cost cap');
      await tick(page, `input[value="${ed.projects.city[0]}"]`);
      await tick(page, `input[value="${ed.projects.city[1]}"]`);
      await activate(page, 'button[name="check"]');
      expect(await text(page, '#meter')).toBe('Wybrano 2 projekty za 700 000 zł z 600 000 zł.');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
      await step('approval ballot, over the cap');
      await tick(page, `input[value="${ed.projects.city[1]}"]`);
      await tick(page, `input[value="${ed.projects.city[2]}"]`);
      await activate(page, 'button[name="check"]');
      expect(await text(page, '#meter')).toBe('Wybrano 2 projekty za 600 000 zł z 600 000 zł.');
      await step('approval ballot, checked');
      await activate(page, SAVE);
      // Choose-1: a radio group is one Tab stop; the arrow keys choose.
      expect(await h1(page)).toBe('Karta do głosowania: Zielona');
      await tabTo(page, 'input[name="projectIds"]');
      await page.keyboard.press('ArrowDown');
      await activate(page, SAVE);
      expect(await h1(page)).toBe('Karta do głosowania: Oliwa');
      await step('cumulative ballot');
      await typeInto(page, byId(`points.${ed.projects.a[0]}`), '3');
      await typeInto(page, byId(`points.${ed.projects.a[2]}`), '2');
      await activate(page, SAVE);
      expect(await h1(page)).toBe('Sprawdź swój głos');
      await step('review');
      expect(await text(page, `[id="pool-${ed.pools.city}"]`)).toContain('Ławki nad Motławą');
      expect(await text(page, `[id="pool-${ed.pools.green}"]`)).toContain('Sad miejski');
      expect(await text(page, `[id="pool-${ed.pools.a}"]`)).toContain('Ścieżka zdrowia — 2 pkt');
      await tick(page, '#declaration');
      await activate(page, 'main form[action$="/review"] button');
      expect(await h1(page)).toBe('Wpisz kod z wiadomości e-mail');
      await step('the code');
      const reference = /Numer Twojego głosu: (\S+)/.exec(await text(page, 'main'))![1];
      const code = /(\d{6})/.exec(await mailTo(h.t, who.email, reference))![1];
      await typeInto(page, '#code', code);
      await activate(page, 'main form[action$="/confirm"] button');
      expect(await text(page, '.govuk-panel__title')).toBe('Twój głos został oddany');
      expect(await text(page, '#reference')).toBe(reference);
      expect(await page.isVisible('[data-civitas-copy]')).toBe(false);
      await step('cast');
      await activate(page, `main a[href="/ballots/${reference}"]`);
      expect(await text(page, 'main')).toContain('Głos jest ważny i zostanie policzony.');
      await step('did my vote count');
      // The same person, another device: refused with the page that says so.
      const again = await (await h.context(opts)).newPage();
      const step2 = async (state: string) => {
        await h.check(again, `booth, second vote: ${state}`);
        await expectNoHorizontalScroll(again);
      };
      await again.goto(`/budget/${ed.id}/vote`);
      await begin(again, who, step2);
      await activate(again, 'main form button.govuk-button');
      await tick(again, `input[value="${ed.projects.city[3]}"]`);
      await activate(again, SAVE);
      await tabTo(again, 'input[name="projectIds"]');
      await again.keyboard.press('Space');
      await activate(again, SAVE);
      await typeInto(again, byId(`points.${ed.projects.a[1]}`), '1');
      await activate(again, SAVE);
      await tick(again, '#declaration');
      await tabTo(again, 'main form[action$="/review"] button');
      const [answer] = await Promise.all([again.waitForResponse((r) => r.request().method() === 'POST'), again.keyboard.press('Enter')]);
      expect(answer.status()).toBe(409);
      await again.waitForLoadState('load');
      expect(await h1(again)).toBe('Już zagłosowano');
      await step2('already voted');
      await again.context().close();
    } finally {
      await ctx.close();
    }
  });

  it('with JavaScript: the meter follows the ticks; an ordinal ballot; a wrong code five times, then a new code', async () => {
    const ctx = await h.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const step = (state: string) => h.check(page, `booth, JavaScript: ${state}`);
    const who = { lastName: 'Wiśniewska', email: 'anna.wisniewska@example.pl', area: 'Wrzeszcz' };
    try {
      await page.goto(`/budget/${ed.id}/vote`);
      await begin(page, who, step);
      await activate(page, 'main form button.govuk-button');
      await tick(page, `input[value="${ed.projects.city[0]}"]`);
      expect(await text(page, '#meter')).toBe('Wybrano 1 projekt za 400 000 zł z 600 000 zł.');
      await tick(page, `input[value="${ed.projects.city[1]}"]`);
      expect(await text(page, '#meter')).toBe('Wybrano 2 projekty za 700 000 zł z 600 000 zł.');
      await page.keyboard.press('Space');
      expect(await text(page, '#meter')).toBe('Wybrano 1 projekt za 400 000 zł z 600 000 zł.');
      await step('approval ballot, the meter live');
      await activate(page, SAVE);
      await tabTo(page, 'input[name="projectIds"]');
      await page.keyboard.press('Space');
      await activate(page, SAVE);
      expect(await h1(page)).toBe('Karta do głosowania: Wrzeszcz');
      await step('ordinal ballot');
      // Places by the type-ahead of each select: the project numbers.
      const [b1, b2, b3] = ed.projects.b;
      const numberOf = async (id: string) =>
        ((await db.query(`SELECT number FROM budget_projects WHERE id = $1`, [id])) as Array<{ number: number }>)[0].number;
      for (const [place, id] of [
        [1, b3],
        [2, b1],
        [3, b1],
      ] as const) {
        await tabTo(page, byId(`rank.${place}`));
        await page.keyboard.type(`${await numberOf(id)}.`);
      }
      await activate(page, SAVE);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
      expect(await text(page, '.govuk-error-summary')).toContain('ten projekt wskazano więcej niż raz');
      await step('ordinal ballot, a project twice');
      await tabTo(page, byId('rank.3'));
      await page.keyboard.type(`${await numberOf(b2)}.`);
      await activate(page, SAVE);
      expect(await h1(page)).toBe('Sprawdź swój głos');
      await tick(page, '#declaration');
      await activate(page, 'main form[action$="/review"] button');
      const reference = /Numer Twojego głosu: (\S+)/.exec(await text(page, 'main'))![1];
      for (let i = 0; i < 5; i++) {
        await typeInto(page, '#code', '000000');
        await activate(page, 'main form[action$="/confirm"] button');
      }
      expect(await text(page, '.govuk-error-summary')).toContain('Wpisano błędny kod zbyt wiele razy');
      await step('the code, five wrong');
      // A minute later (moved back in the database) a new code may be mailed; the old one no longer works.
      await db.query(`UPDATE ballot_codes SET sent_at = now() - interval '2 minutes' WHERE ballot_id = (SELECT id FROM ballots WHERE reference = $1)`, [
        reference,
      ]);
      await mailTo(h.t, who.email, reference);
      const [first] = await allCodes(who.email, reference);
      await activate(page, 'main form[action$="/resend"] button');
      expect(await text(page, '.govuk-notification-banner')).toContain('Wysłaliśmy nowy kod.');
      await step('the code, a new one mailed');
      // The new code's mail (it may take the first one's file: one message per ballot and code).
      let code = first;
      for (let i = 0; i < 200 && code === first; i++) {
        const codes = await allCodes(who.email, reference);
        code = codes[codes.length - 1];
        if (code === first) await new Promise((r) => setTimeout(r, 100));
      }
      expect(code).not.toBe(first);
      await typeInto(page, '#code', code);
      await activate(page, 'main form[action$="/confirm"] button');
      expect(await text(page, '.govuk-panel__title')).toBe('Twój głos został oddany');
      expect(await page.isVisible('[data-civitas-copy]')).toBe(true);
      await step('cast, the copy button');
    } finally {
      await ctx.close();
    }
  });

  /** Every code mailed to the address for the reference, oldest first. */
  async function allCodes(address: string, reference: string): Promise<string[]> {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { simpleParser } = await import('mailparser');
    if (h.t.config.mail.kind !== 'file') return [];
    const dir = h.t.config.mail.dir;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort((x, y) => statSync(join(dir, x)).mtimeMs - statSync(join(dir, y)).mtimeMs);
    const out: string[] = [];
    for (const f of files) {
      const m = await simpleParser(readFileSync(join(dir, f)));
      const to = Array.isArray(m.to) ? m.to[0] : m.to;
      if (to?.value[0]?.address === address && (m.text ?? '').includes(reference)) {
        const c = /(\d{6})/.exec(m.text ?? '');
        if (c && !(m.text ?? '').includes('został oddany') && !(m.text ?? '').includes('has been cast')) out.push(c[1]);
      }
    }
    return out;
  }
});
