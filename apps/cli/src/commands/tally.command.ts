import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { resolveFromInvocation } from '../invocation';
import {
  PabulibFormatError,
  RULES,
  TallyError,
  TallyProgress,
  TallyResult,
  customRuleHelp,
  formatFraction,
  formatMoney,
  isRuleName,
  parsePabulib,
  percentHundredths,
  tally,
  tallyResultToJson,
} from '@civitas/tally';
import { CliCommand, UsageError } from '../command';

const USAGE = `Usage: npm run --silent cli -- tally FILE.pb [--rule RULE] [--seed S] [--json]
       [--threshold N] [--exclude ID,ID,...]... [--completion utilitarian] [--eligibility K]
       [--top-up P] [--all-voter-groups]

Recounts a Pabulib .pb file with an outcome rule.

  --rule RULE        ${RULES.join(', ')}
                     (default: the file's META rule)
  --seed S           seed of the lot that breaks remaining ties (default: empty)
  --json             print one JSON object on stdout instead of a table
  --threshold N      minimum score for a project to be eligible (default: META
                     min_project_score_threshold for greedy-threshold and greedy-no-skip)
  --exclude IDS      a group of mutually exclusive projects (repeatable)
  --completion utilitarian
                     after Equal Shares, fill the leftover budget greedily by score
  --eligibility K    before Equal Shares, drop projects with votes/voters < cost/(K*budget)
  --top-up P         greedy-no-skip: fund the project where selection stops when the money
                     left covers at least P % of its cost (0 < P <= 100), the rest coming from
                     a reserve; Poznań's rule (Pabulib's greedy-custom) is --rule greedy-no-skip --top-up 80
  --all-voter-groups with --json: list every Equal Shares voter group (default: the 50 largest)

A file written by Civitas (results.pb) carries its seed, tie-break chains, exclusion groups and
rule options in META (civitas_* keys); they apply unless given here.

Exit codes: 0 success, 1 unreadable or malformed file, 2 bad arguments.`;

export interface TallyArgs {
  file: string;
  rule?: string;
  seed?: string;
  json: boolean;
  allVoterGroups: boolean;
  threshold?: number;
  exclusions: string[][];
  completion?: 'none' | 'utilitarian';
  eligibilityK?: number;
  topUpPercent?: number;
}

/** Parses the command line; throws UsageError on anything it does not understand. */
export function parseTallyArgs(args: readonly string[]): TallyArgs {
  const out: TallyArgs = { file: '', json: false, allVoterGroups: false, exclusions: [] };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--json':
        out.json = true;
        break;
      case '--all-voter-groups':
        out.allVoterGroups = true;
        break;
      case '--rule': {
        const r = value();
        const help = customRuleHelp(r);
        if (help) throw new UsageError(`${help.pl}\n${help.en}`);
        if (!isRuleName(r)) throw new UsageError(`unknown rule "${r}" (known: ${RULES.join(', ')})`);
        out.rule = r;
        break;
      }
      case '--seed':
        out.seed = value();
        break;
      case '--threshold': {
        const v = value();
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--threshold must be a non-negative number, got "${v}"`);
        out.threshold = n;
        break;
      }
      case '--exclude': {
        const ids = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (ids.length < 2) throw new UsageError('--exclude needs at least two project ids separated by commas');
        out.exclusions.push(ids);
        break;
      }
      case '--completion': {
        const v = value();
        if (v !== 'utilitarian' && v !== 'none') throw new UsageError(`--completion must be "utilitarian" or "none", got "${v}"`);
        out.completion = v;
        break;
      }
      case '--eligibility': {
        const v = value();
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--eligibility must be a positive whole number, got "${v}"`);
        out.eligibilityK = n;
        break;
      }
      case '--top-up': {
        const v = value();
        const n = Number(v.trim().replace(/%$/, ''));
        if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 100 || percentHundredths(n) === null) {
          throw new UsageError(`--top-up must be a percentage above 0 and at most 100 with at most 2 decimals, got "${v}"`);
        }
        out.topUpPercent = n;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        files.push(args[i]);
    }
  }
  if (files.length === 0) throw new UsageError('missing FILE.pb');
  if (files.length > 1) throw new UsageError(`expected one file, got ${files.length}: ${files.join(' ')}`);
  out.file = files[0];
  return out;
}

/** Progress on stderr, only once a run has taken more than a second, at most twice a second. */
function progressReporter(stream: NodeJS.WriteStream): { report: (p: TallyProgress) => void; end: () => void } {
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    report: (p) => {
      const now = Date.now();
      if (p.phase === 'done' || now - started < 1000 || now - last < 500) return;
      last = now;
      shown = true;
      stream.write(stream.isTTY ? `\r\x1b[K${p.message}` : `${p.message}\n`);
    },
    end: () => {
      if (shown && stream.isTTY) stream.write('\r\x1b[K');
    },
  };
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** The readable table printed without --json. */
export function formatTallyTable(file: string, r: TallyResult): string {
  const lines: string[] = [];
  lines.push(`${file}`);
  lines.push(
    `rule ${r.rule} (${r.voteType} ballots)${r.threshold !== undefined ? `, threshold ${r.threshold}` : ''}${r.topUpPercent !== undefined ? `, top-up at ${r.topUpPercent} %` : ''}${r.seed ? `, seed "${r.seed}"` : ''}`,
  );
  lines.push(`budget ${formatMoney(r.budget)} PLN, spent ${formatMoney(r.spent)} PLN, left ${formatMoney(r.budget - r.spent)} PLN`);
  if (r.topUp) {
    lines.push(
      `top-up: ${r.topUp.project} gets ${formatMoney(r.topUp.fromBudget)} PLN from the budget and ${formatMoney(r.topUp.reserve)} PLN from the reserve (not in spent)`,
    );
  }
  lines.push(`ballots ${r.ballots.total} (${r.ballots.valid} valid, ${r.ballots.invalid.length} invalid)`);
  if (r.mes) {
    lines.push(
      `equal shares: per-voter budget ${formatFraction(r.mes.perVoterBudget.num, r.mes.perVoterBudget.den)}${r.mes.perVoterBudget.den === 1n ? '' : ' (rounded)'} PLN after ${r.mes.runs} run${r.mes.runs === 1 ? '' : 's'}`,
    );
  }
  if (r.comparison) {
    lines.push(`comparison: ${r.comparison.preferGreedy} voters prefer greedy, ${r.comparison.preferMes} prefer equal shares → ${r.comparison.winner}`);
  }
  const byId = new Map(r.projects.map((p) => [p.id, p]));
  const idW = Math.max(2, ...r.projects.map((p) => p.id.length));
  const costW = Math.max(4, ...r.projects.map((p) => formatMoney(p.cost).length));
  const head = `${pad('#', 4, true)}  ${pad('id', idW)}  ${pad('cost', costW, true)}  ${pad('score', 8, true)}  ${pad('votes', 7, true)}  `;
  const row = (pos: string, id: string, text: string) => {
    const p = byId.get(id)!;
    return `${pad(pos, 4, true)}  ${pad(id, idW)}  ${pad(formatMoney(p.cost), costW, true)}  ${pad(String(p.score), 8, true)}  ${pad(String(p.votes), 7, true)}  ${text}`;
  };
  lines.push('', `selected (${r.selected.length}):`, head + 'name');
  r.selected.forEach((id, k) => {
    const name = byId.get(id)!.name ?? '';
    const topUp = r.topUp?.project === id ? ` [top-up: ${formatMoney(r.topUp.reserve)} PLN from the reserve]` : '';
    lines.push(row(String(k + 1), id, name + topUp));
  });
  const rest = r.projects.filter((p) => !p.selected);
  if (rest.length) {
    lines.push('', `not selected (${rest.length}):`, head + 'reason');
    for (const p of [...rest].sort((a, b) => b.score - a.score)) lines.push(row('', p.id, p.reason?.en ?? ''));
  }
  if (r.tieBreaks.length) {
    lines.push('', 'tie-breaks:');
    for (const t of r.tieBreaks) lines.push(`  ${t.stage}: ${t.reason.en}`);
  }
  lines.push('', `input sha256 ${r.inputSha256}`);
  return lines.join('\n') + '\n';
}

export const tallyCommand: CliCommand = {
  summary: 'Recount a Pabulib .pb file with an outcome rule (greedy variants, Method of Equal Shares)',
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    const args = parseTallyArgs(argv);
    const path = resolveFromInvocation(args.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      process.stderr.write(`tally: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 1;
    }
    const progress = progressReporter(process.stderr);
    try {
      const election = parsePabulib(text);
      const result = tally(election, {
        rule: args.rule as TallyResult['rule'] | undefined,
        seed: args.seed,
        threshold: args.threshold,
        // Without --exclude, the exclusion groups of a file written by Civitas apply.
        exclusions: args.exclusions.length ? args.exclusions : undefined,
        completion: args.completion,
        eligibilityK: args.eligibilityK,
        topUpPercent: args.topUpPercent,
        onProgress: progress.report,
      });
      progress.end();
      const voterGroupLimit = args.allVoterGroups ? Infinity : 50;
      process.stdout.write(args.json ? JSON.stringify(tallyResultToJson(result, { voterGroupLimit })) + '\n' : formatTallyTable(basename(path), result));
      return 0;
    } catch (err) {
      progress.end();
      if (err instanceof PabulibFormatError) {
        process.stderr.write(`tally: ${path}: ${err.message}\n`);
        return 1;
      }
      if (err instanceof TallyError) {
        if (err.pl) process.stderr.write(`tally: ${path}: ${err.pl}\n`);
        process.stderr.write(`tally: ${path}: ${err.message}\n`);
        return err.kind === 'options' ? 2 : 1;
      }
      throw err;
    }
  },
};
