// Figures of the domain libs' shape (docs/architecture.md): where SQL lives, unchecked casts of rows, direct reads
// of the clock, and the largest services. Prints a table; `--json` prints the figures as JSON.
//
//   node scripts/shape-metrics.mjs [--json]
//
// Counted over production code (specs, tests and migrations left out) of every lib under libs/. The statements of
// libs/database's query helpers and driver (HELPER_FILES) are counted in a column of their own: they are the layer
// the repositories run on, not SQL that belongs in a repository.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asJson = process.argv.includes('--json');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'migrations' && name !== 'test') walk(p, out);
    } else if (/\.tsx?$/.test(name) && !/\.(spec|e2e-spec|integration-spec)\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const count = (text, re) => (text.match(re) ?? []).length;
/** libs/database's query helpers (sql-rows.ts: queryRows, queryOne, appendAudit; area-tree.ts) and driver (pglite-pool.ts). */
const HELPER_FILES = new Set(['sql-rows.ts', 'pglite-pool.ts', 'area-tree.ts'].map((f) => join('libs', 'database', 'src', f)));
const ZERO = { queries: 0, queriesInRepositories: 0, queriesInHelpers: 0, rowCasts: 0, clockReads: 0, files: 0, lines: 0 };
const perLib = new Map();
const services = [];
for (const lib of readdirSync(join(root, 'libs'))) {
  const src = join(root, 'libs', lib, 'src');
  const row = { ...ZERO };
  try {
    statSync(src);
  } catch {
    continue;
  }
  for (const file of walk(src)) {
    const text = readFileSync(file, 'utf8');
    // Statements: a manager's .query( and the typed queryRows( / queryOne( of @civitas/database.
    const q = count(text, /\.query(<[^>]*>)?\(|(?<!function )\bquery(Rows|One)(<[^>]*>)?\(/g);
    if (/\.repository\.ts$/.test(file)) row.queriesInRepositories += q;
    else if (HELPER_FILES.has(relative(root, file))) row.queriesInHelpers += q;
    else row.queries += q;
    row.rowCasts += count(text, /\bas Array</g);
    // The system clock itself (libs/config/src/clock.ts) is where the time is read.
    if (!file.endsWith(join('config', 'src', 'clock.ts'))) row.clockReads += count(text, /new Date\(\)|Date\.now\(\)/g);
    row.files++;
    const lines = text.split('\n').length;
    row.lines += lines;
    if (/\.service\.ts$/.test(file)) services.push({ file: relative(root, file).split(sep).join('/'), lines });
  }
  perLib.set(lib, row);
}

const total = { ...ZERO };
for (const r of perLib.values()) for (const k of Object.keys(total)) total[k] += r[k];
services.sort((a, b) => b.lines - a.lines);
const largest = services.slice(0, 5);

if (asJson) {
  process.stdout.write(JSON.stringify({ total, libs: Object.fromEntries(perLib), largestServices: largest }, null, 2) + '\n');
} else {
  const head = ['lib', 'files', 'lines', 'query( outside repositories', 'query( in repositories', 'query( in db helpers', 'as Array<', 'new Date()/Date.now()'];
  const cells = (name, r) => [name, r.files, r.lines, r.queries, r.queriesInRepositories, r.queriesInHelpers, r.rowCasts, r.clockReads];
  const rows = [...perLib].sort(([a], [b]) => a.localeCompare(b)).map(([lib, r]) => cells(lib, r));
  rows.push(cells('total', total));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head)}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(
    `\n"query( in db helpers": libs/database's query helpers and driver (${[...HELPER_FILES].map((f) => f.split(sep).pop()).join(', ')}),\n` +
      `counted apart from "outside repositories" (they are what repositories run their SQL through).\n`,
  );
  process.stdout.write(`\nlargest services (lines):\n`);
  for (const s of largest) process.stdout.write(`  ${String(s.lines).padStart(5)}  ${s.file}\n`);
}
