import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { metaValue } from './election';
import { parsePabulib } from './pabulib.reader';
import { writePabulib } from './pabulib.writer';
import { RuleName, tally } from './tally';

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
 */
const metaRule = (file: string) => metaValue(load(file), 'rule') as RuleName;

const withSelected = files.filter((f) => load(f).projectColumns.includes('selected'));
const withoutSelected = files.filter((f) => !load(f).projectColumns.includes('selected'));

describe('real elections (Pabulib)', () => {
  it('finds the 25 files', () => {
    expect(files).toHaveLength(25);
    expect(withSelected).toHaveLength(22);
    expect(withoutSelected.every((f) => f.startsWith('Poland_Gdansk_2020'))).toBe(true);
  });

  it.each(withSelected)('%s: the META rule reproduces the official winners', (file) => {
    const e = load(file);
    const official = e.projects.filter((p) => p.fields.selected?.trim() === '1').map((p) => p.id);
    const result = tally(e, { rule: metaRule(file) });
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
    const a = tally(e, { rule: metaRule(file) });
    const b = tally(e, { rule: metaRule(file) });
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
    const a = tally(e, { rule: metaRule(file) });
    const b = tally(again, { rule: metaRule(file) });
    expect(b.selected).toEqual(a.selected);
    expect(b.inputSha256).toBe(a.inputSha256);
  });

  it('Gdynia (greedy-no-skip) applies the META threshold; the official result does not depend on it', () => {
    const e = load('Poland_Gdynia_2023_Chwarzno-Wiczlino__small.pb');
    const official = e.projects.filter((p) => p.fields.selected === '1').map((p) => p.id).sort();
    const withThreshold = tally(e, { rule: 'greedy-no-skip' });
    expect(withThreshold.threshold).toBe(50);
    expect([...withThreshold.selected].sort()).toEqual(official);
    expect([...tally(e, { rule: 'greedy-no-skip', threshold: 0 }).selected].sort()).toEqual(official);
    // The stop: 2023/CHW/0004 (13 500 PLN) does not fit, and nothing after it is considered.
    expect(withThreshold.projects.find((p) => p.id === '2023/CHW/0004')!.reason.code).toBe('stopped-here');
  });

  it('the threshold rules need their threshold: without it Warsaw 2026 would fund other projects', () => {
    const e = load('Poland_Warszawa_2026.pb');
    const official = e.projects.filter((p) => p.fields.selected === '1').map((p) => p.id).sort();
    expect([...tally(e, { rule: 'greedy' }).selected].sort()).not.toEqual(official);
  });

  it('Wieliczka: Equal Shares wins the comparison with greedy', () => {
    const r = tally(load('Poland_Wieliczka_2023_Green_Budget.pb'), { rule: 'equalshares/add1-comparison' });
    expect(r.comparison?.winner).toBe('equalshares');
    expect(r.comparison!.preferMes).toBeGreaterThan(r.comparison!.preferGreedy);
  });
});
