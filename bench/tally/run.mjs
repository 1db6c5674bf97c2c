// Tally benchmark: every Pabulib file with each applicable rule. Each (file, rule) runs in its own child
// process, so that the peak memory (max RSS) belongs to that run alone. Columns: valid voters, distinct ballots,
// parse and rule wall-clock time (rule = profile, rule and input hash), peak RSS, and the CPU time of the whole
// child process (start-up included), which is less sensitive to other load on the machine.
//
//   node bench/tally/run.mjs [--file SUBSTRING] [--rule RULE] [--json]
//
// Data: PABULIB_DIR, or ../shared/pabulib beside the repository. Uses the compiled engine in dist/ (built first
// if stale, like `npm run cli`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, root } from '../../scripts/ensure-build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.env.PABULIB_DIR ?? resolve(root, '../shared/pabulib');

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const onlyFile = option('--file');
const onlyRule = option('--rule');
const asJson = process.argv.includes('--json');

/** The rules worth running on a file: its own rule, plain greedy, the no-skip and threshold variants, and Equal Shares. */
function rulesFor(text) {
  const meta = {};
  for (const line of text.slice(0, text.indexOf('PROJECTS')).split(/\r?\n/).slice(2)) {
    const [k, v] = line.split(';');
    if (k) meta[k] = v;
  }
  const rules = new Set([meta.rule === 'greedy-exclusive' ? 'greedy' : meta.rule, 'greedy', 'greedy-no-skip']);
  if (meta.min_project_score_threshold) rules.add('greedy-threshold');
  rules.add('equalshares/add1');
  rules.add('equalshares/add1-comparison');
  return [...rules].filter((r) => r && (!onlyRule || r === onlyRule));
}

ensureBuild();
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
    const res = spawnSync(process.execPath, [join(here, 'one.cjs'), join(dir, file), rule], {
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
