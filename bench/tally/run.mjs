// Tally benchmark.
//
//   node bench/tally/run.mjs [--repeat N] [--json]          (npm run bench:tally)
//   node bench/tally/run.mjs --all [--file SUBSTRING] [--rule RULE] [--json]
//
// Default: Warsaw 2026 and Kraków 2024, each with plain greedy and with equalshares/add1, the add1 completion both
// by breakpoints (the engine's method) and by steps of one PLN (the previous method, kept in the engine as
// `add1Search: 'steps'`), in the same run. Each row is N runs (default 5) of a child process that parses the file,
// tallies it and writes the JSON result as `tally --json` does: parse and tally wall-clock time inside the process,
// and the whole process from spawn to exit (Node's start-up included); min / median of the N. Then the real command,
// `node dist/apps/cli/src/main.js tally FILE --rule RULE --json`, timed the same way (breakpoints only).
//
// --all: every file with each applicable rule (its META rule, greedy, greedy-no-skip, greedy-threshold where the
// file has a threshold, equalshares/add1 and equalshares/add1-comparison), once each: voters, distinct ballots, parse
// and rule time, peak RSS and the CPU time of the child process.
//
// Data: PABULIB_DIR, or ../shared/pabulib beside the repository. Uses the compiled engine in dist/ (built first if
// stale, like `npm run cli`). Wall-clock times depend on other load on the machine; run it on an idle one.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';
import { intOption } from '../common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.env.PABULIB_DIR ?? resolve(root, '../shared/pabulib');

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const onlyFile = option('--file');
const onlyRule = option('--rule');
const asJson = process.argv.includes('--json');
const all = process.argv.includes('--all');
const repeat = intOption('--repeat', 5);

/** The rules worth running on a file: its own rule, plain greedy, the no-skip and threshold variants, and Equal Shares. */
function rulesFor(text) {
  const meta = {};
  for (const line of text.slice(0, text.indexOf('PROJECTS')).split(/\r?\n/).slice(2)) {
    const [k, v] = line.split(';');
    if (k) meta[k] = v;
  }
  const known = ['greedy', 'greedy-threshold', 'greedy-no-skip', 'equalshares', 'equalshares/add1', 'equalshares-comparison', 'equalshares/add1-comparison'];
  const rules = new Set([meta.rule === 'greedy-exclusive' ? 'greedy' : known.includes(meta.rule) ? meta.rule : undefined, 'greedy', 'greedy-no-skip']);
  if (meta.min_project_score_threshold) rules.add('greedy-threshold');
  rules.add('equalshares/add1');
  rules.add('equalshares/add1-comparison');
  return [...rules].filter((r) => r && (!onlyRule || r === onlyRule));
}

/** One child process; returns its report and its wall-clock time from spawn to exit. */
function child(args) {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 0) throw new Error(`${args.join(' ')} failed:\n${res.stderr}`);
  return { out: res.stdout, wallMs };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2 };
};
const mm = (x) => `${x.min.toFixed(0).padStart(5)} /${x.median.toFixed(0).padStart(5)}`;

function focused() {
  const files = ['Poland_Warszawa_2026.pb', 'Poland_Krakow_2024.pb'];
  const cases = [];
  for (const file of files) {
    cases.push({ file, rule: 'greedy', method: 'breakpoints', label: 'greedy' });
    cases.push({ file, rule: 'equalshares/add1', method: 'steps', label: 'add1, steps (before)' });
    cases.push({ file, rule: 'equalshares/add1', method: 'breakpoints', label: 'add1, breakpoints (after)' });
  }
  const rows = [];
  if (!asJson) {
    process.stdout.write(
      `min / median of ${repeat} runs, ms\n` +
        `${'file'.padEnd(22)} ${'rule'.padEnd(26)} ${'parse'.padStart(12)} ${'tally'.padStart(12)} ${'process'.padStart(12)} ${'tally CLI'.padStart(12)} ${'ES runs'.padStart(8)}\n`,
    );
  }
  for (const c of cases) {
    const path = join(dir, c.file);
    const reports = [];
    const walls = [];
    for (let i = 0; i < repeat; i++) {
      const { out, wallMs } = child([join(here, 'one.cjs'), path, c.rule, c.method]);
      reports.push(JSON.parse(out));
      walls.push(wallMs);
    }
    let cli;
    if (c.method === 'breakpoints') {
      const cliWalls = [];
      for (let i = 0; i < repeat; i++) cliWalls.push(child([join(root, 'dist/apps/cli/src/main.js'), 'tally', path, '--rule', c.rule, '--json']).wallMs);
      cli = stats(cliWalls);
    }
    const row = {
      file: c.file,
      rule: c.rule,
      add1Search: c.rule.startsWith('equalshares') ? c.method : undefined,
      parseMs: stats(reports.map((r) => r.parseMs)),
      tallyMs: stats(reports.map((r) => r.ruleMs)),
      processMs: stats(walls),
      cliMs: cli,
      runs: reports[0].runs,
      selected: reports[0].selected,
    };
    rows.push(row);
    if (!asJson) {
      process.stdout.write(
        `${c.file.replace(/^Poland_|\.pb$/g, '').padEnd(22)} ${c.label.padEnd(26)} ${mm(row.parseMs)} ${mm(row.tallyMs)} ${mm(row.processMs)} ${cli ? mm(cli) : ''.padStart(12)} ${String(row.runs ?? '').padStart(8)}\n`,
      );
    }
  }
  if (asJson) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}

function sweep() {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pb') && (!onlyFile || f.includes(onlyFile)))
    .sort();

  const rows = [];
  if (!asJson) {
    process.stdout.write(
      `${'file'.padEnd(46)} ${'rule'.padEnd(28)} ${'voters'.padStart(6)} ${'groups'.padStart(7)} ${'parse'.padStart(6)} ${'rule'.padStart(7)} ${'total'.padStart(7)} ${'RSS'.padStart(6)} ${'cpu'.padStart(7)} ${'sel'.padStart(4)}\n` +
        `${''.padEnd(46)} ${''.padEnd(28)} ${''.padStart(6)} ${''.padStart(7)} ${'ms'.padStart(6)} ${'ms'.padStart(7)} ${'ms'.padStart(7)} ${'MB'.padStart(6)} ${'ms'.padStart(7)}\n`,
    );
  }
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const rule of rulesFor(text)) {
      const res = spawnSync(process.execPath, [join(here, 'one.cjs'), join(dir, file), rule, 'breakpoints', 'distinct'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (res.status !== 0) {
        process.stderr.write(`${file} ${rule}: failed\n${res.stderr}\n`);
        process.exitCode = 1;
        continue;
      }
      const row = { file, rule, ...JSON.parse(res.stdout) };
      rows.push(row);
      if (!asJson) {
        process.stdout.write(
          `${file.replace(/\.pb$/, '').padEnd(46)} ${rule.padEnd(28)} ${String(row.voters).padStart(6)} ${String(row.distinct).padStart(7)} ` +
            `${row.parseMs.toFixed(0).padStart(6)} ${row.ruleMs.toFixed(0).padStart(7)} ${(row.parseMs + row.ruleMs).toFixed(0).padStart(7)} ` +
            `${row.maxRssMb.toFixed(0).padStart(6)} ${row.cpuMs.toFixed(0).padStart(7)} ${String(row.selected).padStart(4)}${row.runs ? `  (${row.runs} MES runs)` : ''}\n`,
        );
      }
    }
  }
  if (asJson) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}

ensureBuild();
if (all) sweep();
else focused();
