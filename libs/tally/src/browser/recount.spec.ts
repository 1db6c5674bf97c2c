import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePabulib } from '../pabulib.reader';
import { tally, type RuleName } from '../tally';
import { tallyResultToJson } from '../result-json';
import type { recount as recountFn } from './recount';

// The repository's ../shared/pabulib, or PABULIB_DIR.
const DIR = process.env.PABULIB_DIR ?? resolve(__dirname, '../../../../../shared/pabulib');

/** Hashes made through the replacement of node:crypto. */
let shimHashes = 0;

/** The browser build's entry with node:crypto replaced by the plain TypeScript SHA-256, as esbuild's alias does. */
function browserRecount(): typeof recountFn {
  let fn: typeof recountFn | undefined;
  jest.isolateModules(() => {
    jest.doMock('node:crypto', () => {
      const shim = jest.requireActual('./node-crypto') as typeof import('./node-crypto');
      return {
        createHash: (algorithm: string) => {
          shimHashes++;
          return shim.createHash(algorithm);
        },
      };
    });
    fn = (jest.requireActual('./recount') as { recount: typeof recountFn }).recount;
  });
  return fn!;
}

const RULE_OF: Record<string, { rule: RuleName; topUpPercent?: number }> = {
  // Pabulib's greedy-custom: Poznań's rule as the CLI runs it.
  Poland_Poznan_2023: { rule: 'greedy-no-skip', topUpPercent: 80 },
  'Poland_Poznan_2023_3_-_Piatkowo_Polnoc_Piatkowo': { rule: 'greedy-no-skip', topUpPercent: 80 },
};

describe('the recount of the browser build', () => {
  const recount = browserRecount();
  const files = readdirSync(DIR).filter((f) => f.endsWith('.pb'));

  it('runs on the plain SHA-256, not on node:crypto', () => {
    const source = readFileSync(join(__dirname, 'recount.ts'), 'utf8');
    expect(source).not.toMatch(/from 'node:/);
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)(
    '%s: the same outcome, input hash and JSON as the engine in Node',
    (file) => {
      const bytes = readFileSync(join(DIR, file));
      const options = RULE_OF[file.replace(/\.pb$/, '')] ?? {};
      const expected = tallyResultToJson(tally(parsePabulib(bytes.toString('utf8')), options));
      const progress: string[] = [];
      shimHashes = 0;
      const got = recount({ bytes, rule: options.rule, topUpPercent: options.topUpPercent }, (p) => progress.push(p.phase));
      if (!got.ok) throw new Error(`${file}: ${got.en}`);
      expect(got.result).toEqual(expected);
      expect(got.result.inputSha256).toBe(expected.inputSha256);
      expect(shimHashes).toBeGreaterThan(0);
      expect(got.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(progress.slice(0, 3)).toEqual(['read', 'parse', 'profile']);
      expect(progress[progress.length - 1]).toBe('done');
    },
    60_000,
  );

  it('answers a broken file, an unknown rule and greedy-custom with their problem in Polish and English', () => {
    const bad = recount({ bytes: new TextEncoder().encode('META\nkey;value\nbudget;abc\n') });
    expect(bad).toMatchObject({
      ok: false,
      kind: 'format',
      en: expect.stringMatching(/^not a readable Pabulib file: line \d+/),
      pl: expect.stringMatching(/^to nie jest czytelny plik Pabulib: wiersz \d+/),
    });
    const poznan = readFileSync(join(DIR, 'Poland_Poznan_2023_3_-_Piatkowo_Polnoc_Piatkowo.pb'));
    expect(recount({ bytes: poznan })).toMatchObject({
      ok: false,
      kind: 'options',
      en: expect.stringContaining('greedy-custom'),
      pl: expect.stringContaining('greedy-custom'),
    });
    expect(recount({ bytes: poznan, rule: 'lottery' })).toMatchObject({ ok: false, kind: 'options', en: expect.stringContaining('unknown rule "lottery"') });
    expect(recount({ bytes: poznan, rule: 'greedy-no-skip', topUpPercent: 80 })).toMatchObject({ ok: true, result: { topUp: { project: 'III.1' } } });
  });
});
