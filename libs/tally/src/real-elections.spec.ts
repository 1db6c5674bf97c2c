import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { metaValue } from './election';
import { parsePabulib } from './pabulib.reader';
import { writePabulib } from './pabulib.writer';
import { RuleName, TallyOptions, tally } from './tally';

// Real Polish elections from Pabulib with the official results (`selected` column). CI checks the repository out
// with `shared/` beside it; PABULIB_DIR points elsewhere.
const DIR = process.env.PABULIB_DIR ?? resolve(__dirname, '../../../../shared/pabulib');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.pb'))
  .sort();

const cache = new Map<string, ReturnType<typeof parsePabulib>>();
const load = (file: string) => {
  let e = cache.get(file);
  if (!e) cache.set(file, (e = parsePabulib(readFileSync(resolve(DIR, file), 'utf8'))));
  return e;
};

/**
 * The rule named in META, as the engine runs it. `greedy-exclusive` (Warsaw 2024 Ursynów): the conflicting
 * pairs are not in the file and the official result equals plain greedy, so it runs without exclusions.
 * `greedy-custom` (Poznań): no skipping, and the project where selection stops is funded when the money left
 * covers 80 % of its cost (the file's comment); it is marked `selected` = 2.
 */
const metaRule = (file: string): TallyOptions & { rule: RuleName } => {
  const rule = metaValue(load(file), 'rule');
  return rule === 'greedy-custom' ? { rule: 'greedy-no-skip', topUpPercent: 80 } : { rule: rule as RuleName };
};
/** The official winners: `selected` = 1, and for Poznań's rule also 2 (funded with a top-up from the reserve). */
const officialWinners = (file: string) => {
  const e = load(file);
  const funded = metaValue(e, 'rule') === 'greedy-custom' ? ['1', '2'] : ['1'];
  return e.projects.filter((p) => funded.includes(p.fields.selected?.trim())).map((p) => p.id);
};

const withSelected = files.filter((f) => load(f).projectColumns.includes('selected'));
const withoutSelected = files.filter((f) => !load(f).projectColumns.includes('selected'));

describe('real elections (Pabulib)', () => {
  it('finds the 29 files', () => {
    expect(files).toHaveLength(29);
    expect(withSelected).toHaveLength(24);
    expect(withoutSelected).toEqual([
      'Poland_Czestochowa_2020_Bleszno.pb',
      'Poland_Czestochowa_2020_Grabowka.pb',
      'Poland_Gdansk_2020.pb',
      'Poland_Gdansk_2020_Piecki_Migowo.pb',
      'Poland_Gdansk_2020_Srodmiescie.pb',
    ]);
  });

  it.each(withSelected)('%s: the META rule reproduces the official winners', (file) => {
    const e = load(file);
    const official = officialWinners(file);
    const result = tally(e, metaRule(file));
    expect([...result.selected].sort()).toEqual([...official].sort());
    expect(result.ballots.invalid).toEqual([]);
    expect(result.spent).toBeLessThanOrEqual(e.budget);
    // The recount from VOTES matches the counts the city published in PROJECTS.
    for (const p of result.projects) {
      const src = e.projects.find((x) => x.id === p.id)!;
      expect(String(p.votes)).toBe(src.fields.votes);
      if (src.fields.score !== undefined) expect(String(p.score)).toBe(src.fields.score);
    }
  });

  it.each(withoutSelected)('%s: the META rule runs and is deterministic', (file) => {
    const e = load(file);
    const a = tally(e, metaRule(file));
    const b = tally(e, metaRule(file));
    expect(a.selected.length).toBeGreaterThan(0);
    expect(b.selected).toEqual(a.selected);
    expect(b.inputSha256).toBe(a.inputSha256);
    expect(a.spent).toBeLessThanOrEqual(e.budget);
  });

  it.each(files)('%s: writing and reading back gives the same outcome and input hash', (file) => {
    const e = load(file);
    const again = parsePabulib(writePabulib(e));
    expect(again.projects).toEqual(e.projects);
    expect(again.ballots.length).toBe(e.ballots.length);
    const a = tally(e, metaRule(file));
    const b = tally(again, metaRule(file));
    expect(b.selected).toEqual(a.selected);
    expect(b.inputSha256).toBe(a.inputSha256);
  });

  it('Częstochowa 2020: the quotes a strict reader refuses are read as Pabulib reads them', () => {
    const bleszno = load('Poland_Czestochowa_2020_Bleszno.pb');
    expect(bleszno.projects.find((p) => p.id === '515')!.name).toBe(
      'Konkurs " NA NAJŁADNIEJSZĄ ARANŻACJĘ OGRODU PRZYDOMOWEGO W DZIELNICY BŁESZNO „ III edycja',
    );
    const grabowka = load('Poland_Czestochowa_2020_Grabowka.pb');
    expect(grabowka.projects.find((p) => p.id === '47')!.name).toBe(
      'Odkupmy i my - zakup i montaż nowoczesnych koszy na psie nieczystości w dzielnicy Grabówka',
    );
    // Every row has its fields: the recount matches the votes and scores the city published.
    for (const e of [bleszno, grabowka]) {
      const r = tally(e, { rule: 'greedy' });
      for (const p of r.projects) {
        const src = e.projects.find((x) => x.id === p.id)!;
        expect([String(p.votes), String(p.score)]).toEqual([src.fields.votes, src.fields.score]);
      }
    }
  });

  it('Poznań 2023 Piątkowo: III.1 is funded with a top-up of 143 150 PLN from the reserve (selected = 2)', () => {
    const e = load('Poland_Poznan_2023_3_-_Piatkowo_Polnoc_Piatkowo.pb');
    const r = tally(e, { rule: 'greedy-no-skip', topUpPercent: 80 });
    expect(r.selected).toEqual(['III.5', 'III.1']);
    expect(e.projects.find((p) => p.fields.selected === '2')!.id).toBe('III.1');
    // 1 140 000 − 483 150 = 656 850 PLN left, 82.10 % of 800 000.
    expect(r.topUp).toEqual({ project: 'III.1', fromBudget: 65685000n, reserve: 14315000n });
    expect(r.spent).toBe(e.budget);
    expect(r.projects.find((p) => p.id === 'III.1')!.reason.params).toMatchObject({ covered: '82.10', required: 80, reserve: '143150.00' });
    expect(r.projects.find((p) => p.id === 'III.6')!.reason.code).toBe('stopped-after-top-up');
    // Without the top-up, or with 83 %, selection stops at III.1.
    expect(tally(e, { rule: 'greedy-no-skip' }).selected).toEqual(['III.5']);
    expect(tally(e, { rule: 'greedy-no-skip', topUpPercent: 83 }).selected).toEqual(['III.5']);
  });

  it('Poznań 2023 city-wide: 1 000 PLN left is far from 80 % of the next project, so nothing is topped up', () => {
    const e = load('Poland_Poznan_2023.pb');
    const r = tally(e, { rule: 'greedy-no-skip', topUpPercent: 80 });
    expect(r.selected).toEqual(['7']);
    expect(r.topUp).toBeUndefined();
    expect(r.projects.find((p) => p.id === '10')!.reason.code).toBe('stopped-here-no-top-up');
    expect(() => tally(e)).toThrow(/greedy-custom/);
  });

  it('Gdynia (greedy-no-skip) applies the META threshold; the official result does not depend on it', () => {
    const e = load('Poland_Gdynia_2023_Chwarzno-Wiczlino__small.pb');
    const official = e.projects
      .filter((p) => p.fields.selected === '1')
      .map((p) => p.id)
      .sort();
    const withThreshold = tally(e, { rule: 'greedy-no-skip' });
    expect(withThreshold.threshold).toBe(50);
    expect([...withThreshold.selected].sort()).toEqual(official);
    expect([...tally(e, { rule: 'greedy-no-skip', threshold: 0 }).selected].sort()).toEqual(official);
    // The stop: 2023/CHW/0004 (13 500 PLN) does not fit, and nothing after it is considered.
    expect(withThreshold.projects.find((p) => p.id === '2023/CHW/0004')!.reason.code).toBe('stopped-here');
  });

  it('the threshold rules need their threshold: without it Warsaw 2026 would fund other projects', () => {
    const e = load('Poland_Warszawa_2026.pb');
    const official = e.projects
      .filter((p) => p.fields.selected === '1')
      .map((p) => p.id)
      .sort();
    expect([...tally(e, { rule: 'greedy' }).selected].sort()).not.toEqual(official);
  });

  it('Wieliczka: Equal Shares wins the comparison with greedy', () => {
    const r = tally(load('Poland_Wieliczka_2023_Green_Budget.pb'), { rule: 'equalshares/add1-comparison' });
    expect(r.comparison?.winner).toBe('equalshares');
    expect(r.comparison!.preferMes).toBeGreaterThan(r.comparison!.preferGreedy);
  });
});
