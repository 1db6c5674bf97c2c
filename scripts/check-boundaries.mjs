// The import boundaries of the monorepo (docs/architecture.md, "Boundaries"), checked on every lint run:
//
// * a lib or an app imports another lib only through its public entry, `@civitas/<lib>` (or a sub-entry declared
//   in tsconfig.json's paths, such as `@civitas/web/testing`), never a file inside it by a relative path or a deep
//   `@civitas/<lib>/src/...` path;
// * a lib never imports an app, and an app never imports another app's files;
// * production code never imports the test helpers (`@civitas/test`, test/...); specs may;
// * the libs' dependencies on each other form no cycle;
// * the HTTP controllers, pages and desk (files under a lib's http/, web/ or desk/ other than services) import no
//   repository: they get the services' views, never rows;
// * a domain lib's tables (scripts/table-owners.json) are named in SQL by that lib only — another lib or an app
//   reaches them through the owner's exported services and repositories; every table a migration creates has an
//   owner there.
//
//   node scripts/check-boundaries.mjs [--graph]
//
// Exits 1 and names each offending import (file:line) or cycle. `--graph` also prints each lib's dependencies.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// BOUNDARIES_ROOT: another tree to check (the check's own spec builds small ones).
const root = process.env.BOUNDARIES_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const showGraph = process.argv.includes('--graph');

// Parse tsconfig.json's paths (the file has no comments) to know the public entries.
const paths = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions.paths;
const entries = new Set(Object.keys(paths));
const libs = readdirSync(join(root, 'libs')).filter((d) => statSync(join(root, 'libs', d)).isDirectory());
const apps = readdirSync(join(root, 'apps')).filter((d) => statSync(join(root, 'apps', d)).isDirectory());

const SPEC = /\.(spec|e2e-spec|integration-spec|browser-spec)\.tsx?$/;
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)'([^']+)'/g;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** `lib:budget`, `app:api`, `test` or `other` for a path inside the repository. */
function unitOf(path) {
  const [top, name] = relative(root, path).split(sep);
  if (top === 'libs' && libs.includes(name)) return `lib:${name}`;
  if (top === 'apps' && apps.includes(name)) return `app:${name}`;
  if (top === 'test') return 'test';
  return 'other';
}

const problems = [];
const graph = new Map(libs.map((l) => [l, new Set()]));
let files = 0;
let imports = 0;

for (const unit of [...libs.map((l) => ['libs', l]), ...apps.map((a) => ['apps', a])]) {
  const base = join(root, ...unit);
  const own = `${unit[0] === 'libs' ? 'lib' : 'app'}:${unit[1]}`;
  for (const file of walk(base)) {
    files++;
    const text = readFileSync(file, 'utf8');
    const spec = SPEC.test(file);
    const where = (index) => `${relative(root, file)}:${text.slice(0, index).split('\n').length}`;
    const rel = relative(root, file).split(sep).join('/');
    if (!spec && /^libs\/[^/]+\/src\/(http|web|desk)\//.test(rel) && !/\.service\.tsx?$/.test(rel)) {
      for (const m of text.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
        const names = m[1].match(/\b\w+Repository\b/g);
        if (names) problems.push(`${where(m.index)}: a controller or page imports ${names.join(', ')}; ask a service for its view`);
      }
    }
    for (const m of text.matchAll(IMPORT)) {
      const spec_ = m[1];
      imports++;
      if (spec_.startsWith('.')) {
        const target = unitOf(resolve(dirname(file), spec_));
        if (target === own) continue;
        if (target === 'test' && spec) continue;
        if (target === 'test') problems.push(`${where(m.index)}: production code imports the test helpers ('${spec_}')`);
        else if (target.startsWith('lib:'))
          problems.push(`${where(m.index)}: reaches into ${target.slice(4)} ('${spec_}'); import '@civitas/${target.slice(4)}'`);
        else if (target.startsWith('app:')) problems.push(`${where(m.index)}: imports the app ${target.slice(4)} ('${spec_}')`);
        else problems.push(`${where(m.index)}: leaves its ${own.replace(':', ' ')} ('${spec_}')`);
        continue;
      }
      const alias = /^@civitas\/([a-z-]+)(\/.*)?$/.exec(spec_);
      if (!alias) continue;
      const [, name, sub] = alias;
      if (name === 'test') {
        if (!spec) problems.push(`${where(m.index)}: production code imports the test helpers ('${spec_}')`);
        continue;
      }
      if (sub && !entries.has(spec_)) {
        problems.push(`${where(m.index)}: deep import '${spec_}'; import '@civitas/${name}' (or declare a sub-entry)`);
        continue;
      }
      if (!libs.includes(name)) {
        problems.push(`${where(m.index)}: '${spec_}' is no lib`);
        continue;
      }
      if (own === `lib:${name}`) {
        // A spec may test its lib through the public entry; production code going through its own barrel risks
        // an import cycle.
        if (spec) continue;
        problems.push(`${where(m.index)}: imports its own lib through '${spec_}'; use a relative path`);
        continue;
      }
      // Specs may use other libs to set up a scene; only production code makes a dependency.
      if (own.startsWith('lib:') && !spec) graph.get(own.slice(4)).add(name);
    }
  }
}

// Tables: who owns each (scripts/table-owners.json; the check is skipped in a tree without it), which tables the
// migrations create, and every SQL statement of production code naming another domain's table.
const ownersFile = join(root, 'scripts', 'table-owners.json');
const migrationsDir = join(root, 'libs', 'database', 'src', 'migrations');
let tablesChecked = 0;
if (statSafe(ownersFile)) {
  const owners = JSON.parse(readFileSync(ownersFile, 'utf8'));
  const rules = [...Object.entries(owners.domains).flatMap(([lib, names]) => names.map((n) => [n, lib])), ...owners.shared.map((n) => [n, null])];
  const ownerOf = (table) => {
    const hit = rules.find(([n]) => (n.endsWith('*') ? table.startsWith(n.slice(0, -1)) : table === n));
    return hit === undefined ? undefined : hit[1];
  };
  const tables = new Set();
  if (statSafe(migrationsDir)) {
    for (const file of walk(migrationsDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_][a-z0-9_]*)/g)) {
        tables.add(m[1]);
        if (ownerOf(m[1]) === undefined) problems.push(`${relative(root, file)}: table ${m[1]} has no owner in scripts/table-owners.json`);
      }
    }
  }
  const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_][a-z0-9_]*)\b/g;
  for (const unit of [...libs.map((l) => ['libs', l]), ...apps.map((a) => ['apps', a])]) {
    for (const file of walk(join(root, ...unit))) {
      const rel = relative(root, file).split(sep).join('/');
      if (SPEC.test(file) || rel.startsWith('libs/database/src/migrations/') || owners.exempt?.[rel]) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(SQL_TABLE)) {
        if (!tables.has(m[1])) continue;
        tablesChecked++;
        const owner = ownerOf(m[1]);
        if (owner && !(unit[0] === 'libs' && unit[1] === owner))
          problems.push(`${rel}:${text.slice(0, m.index).split('\n').length}: names ${m[1]}, a table of the ${owner} lib; go through @civitas/${owner}`);
      }
    }
  }
}

function statSafe(p) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

// Cycles among the libs (depth-first search; each cycle is reported once, from its first lib in name order).
const state = new Map();
const stack = [];
const cycles = new Set();
function visit(lib) {
  state.set(lib, 'open');
  stack.push(lib);
  for (const dep of [...graph.get(lib)].sort()) {
    if (state.get(dep) === 'open') {
      const cycle = stack.slice(stack.indexOf(dep));
      const start = cycle.indexOf([...cycle].sort()[0]);
      cycles.add([...cycle.slice(start), ...cycle.slice(0, start), cycle[start]].join(' → '));
    } else if (!state.has(dep)) visit(dep);
  }
  stack.pop();
  state.set(lib, 'done');
}
for (const lib of [...libs].sort()) if (!state.has(lib)) visit(lib);
for (const c of cycles) problems.push(`cycle between libs: ${c}`);

if (showGraph) {
  for (const lib of [...libs].sort()) process.stdout.write(`${lib.padEnd(14)} → ${[...graph.get(lib)].sort().join(', ') || '—'}\n`);
  process.stdout.write('\n');
}
if (problems.length > 0) {
  process.stderr.write(`boundaries: ${problems.length} problem(s)\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(
  `boundaries: ${files} files, ${imports} imports, ${[...graph.values()].reduce((n, s) => n + s.size, 0)} dependencies between ${libs.length} libs, ${tablesChecked} table names in SQL, no violation\n`,
);
