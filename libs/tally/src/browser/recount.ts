/**
 * The entry of the engine's browser build (scripts/build-assets.mjs bundles it with esbuild into the fingerprinted
 * asset `tally.js`): only what a recount needs — read a `.pb` file, tally it with the file's rule and options (the
 * `civitas_*` META keys of a file Civitas wrote, or a rule given), and give the outcome with its input hash and the
 * SHA-256 of the file. The same code as `npm run cli -- tally FILE.pb --json`; `node:crypto` is replaced by the plain
 * TypeScript SHA-256 of ./sha256.ts in the bundle.
 */
import { metaValue } from '../election';
import { PabulibFormatError } from '../pabulib.errors';
import { parsePabulib } from '../pabulib.reader';
import { tallyResultToJson, type TallyResultJson } from '../result-json';
import { customRuleHelp, isRuleName, RULES, tally, TallyError, type RuleName, type TallyProgress } from '../tally';
import { sha256Hex } from './sha256';

export { RULES, sha256Hex };

export interface RecountRequest {
  /** The file's bytes (UTF-8 text, read as `readFileSync(file, 'utf8')` reads it). */
  readonly bytes: Uint8Array;
  /** A rule over the file's META `rule` (`--rule`); empty or absent: the file's. */
  readonly rule?: string;
  /** `greedy-no-skip`: Poznań's top-up from a reserve (`--top-up`). */
  readonly topUpPercent?: number;
}

/** What the page shows while a recount runs: a phase, and for Equal Shares with add1 the run under way. */
export interface RecountProgress {
  readonly phase: 'read' | 'parse' | TallyProgress['phase'];
  readonly run?: number;
  readonly ballots?: number;
}

export interface RecountOutcome {
  readonly ok: true;
  /** SHA-256 of the file's bytes. */
  readonly fileSha256: string;
  readonly bytes: number;
  /** META description, when the file has one. */
  readonly description: string | null;
  /** Milliseconds spent reading (decoding and hashing the file), parsing and tallying. */
  readonly timings: { readonly read: number; readonly parse: number; readonly tally: number };
  /** The result as `tally --json` prints it. */
  readonly result: TallyResultJson;
}

export interface RecountFailure {
  readonly ok: false;
  /** `format`: not a readable `.pb` file; `options`: the rule or its options cannot run; `input`: the election does not allow it. */
  readonly kind: 'format' | 'options' | 'input' | 'internal';
  readonly en: string;
  readonly pl: string;
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** Reads, parses and tallies a `.pb` file; never throws (a failure is an answer the page shows). */
export function recount(request: RecountRequest, onProgress: (p: RecountProgress) => void = () => undefined): RecountOutcome | RecountFailure {
  try {
    const t0 = now();
    onProgress({ phase: 'read' });
    const fileSha256 = sha256Hex(request.bytes);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(request.bytes);
    const t1 = now();
    onProgress({ phase: 'parse' });
    const election = parsePabulib(text);
    const t2 = now();
    let rule: RuleName | undefined;
    if (request.rule) {
      if (!isRuleName(request.rule)) {
        const help = customRuleHelp(request.rule);
        throw new TallyError(
          help?.en ?? `unknown rule "${request.rule}" (known: ${RULES.join(', ')})`,
          'options',
          help?.pl ?? `nieznana reguła „${request.rule}” (dostępne: ${RULES.join(', ')})`,
        );
      }
      rule = request.rule;
    }
    const result = tally(election, {
      rule,
      topUpPercent: request.topUpPercent,
      onProgress: (p) => {
        const run = /\(run (\d+)\)/.exec(p.message);
        const ballots = /^counting (\d+) ballots/.exec(p.message);
        onProgress({ phase: p.phase, ...(run ? { run: Number(run[1]) } : {}), ...(ballots ? { ballots: Number(ballots[1]) } : {}) });
      },
    });
    const json = tallyResultToJson(result);
    const t3 = now();
    return {
      ok: true,
      fileSha256,
      bytes: request.bytes.length,
      description: metaValue(election, 'description') ?? null,
      timings: { read: t1 - t0, parse: t2 - t1, tally: t3 - t2 },
      result: json,
    };
  } catch (err) {
    if (err instanceof PabulibFormatError) {
      return { ok: false, kind: 'format', en: `not a readable Pabulib file: ${err.message}`, pl: `to nie jest czytelny plik Pabulib: ${plLine(err)}` };
    }
    if (err instanceof TallyError) return { ok: false, kind: err.kind, en: err.message, pl: err.pl ?? err.message };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, kind: 'internal', en: message, pl: message };
  }
}

/** The reader's problems are worded in English; the Polish text names the line and quotes the problem. */
function plLine(err: PabulibFormatError): string {
  return `wiersz ${err.line}: ${err.problem}`;
}
