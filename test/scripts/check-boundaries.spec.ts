import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const script = join(__dirname, '..', '..', 'scripts', 'check-boundaries.mjs');

/** A small tree with two libs (a, b) and one app (api), plus `files`; the check's exit code and output on it. */
function check(files: Record<string, string>): { status: number | null; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
  try {
    const tree: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          paths: {
            '@civitas/a': ['./libs/a/src'],
            '@civitas/b': ['./libs/b/src'],
            '@civitas/b/testing': ['./libs/b/src/testing'],
            '@civitas/test': ['./test/helpers'],
          },
        },
      }),
      'libs/a/src/index.ts': "export * from './a';\n",
      'libs/a/src/a.ts': "import { b } from '@civitas/b';\nexport const a = b;\n",
      'libs/b/src/index.ts': 'export const b = 1;\n',
      'libs/b/src/testing/index.ts': 'export const t = 1;\n',
      'apps/api/src/main.ts': "import { a } from '@civitas/a';\nimport { t } from '@civitas/b/testing';\nconsole.log(a, t);\n",
      'test/helpers/index.ts': 'export const h = 1;\n',
      ...files,
    };
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const res = spawnSync(process.execPath, [script], { env: { ...process.env, BOUNDARIES_ROOT: root }, encoding: 'utf8' });
    return { status: res.status, out: res.stdout + res.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('the import boundary check (scripts/check-boundaries.mjs)', () => {
  it('passes a tree whose libs and apps use only public entries', () => {
    const r = check({ 'libs/a/src/a.spec.ts': "import { h } from '@civitas/test';\nimport { a } from '@civitas/a';\n" });
    expect(r.out).toContain('no violation');
    expect(r.status).toBe(0);
  });

  it("fails on a lib reaching into another lib's files, by a relative or a deep path", () => {
    const r = check({ 'libs/a/src/c.ts': "import { b } from '../../b/src/index';\nimport { t } from '@civitas/b/src/testing';\n" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("libs/a/src/c.ts:1: reaches into b ('../../b/src/index'); import '@civitas/b'");
    expect(r.out).toContain("libs/a/src/c.ts:2: deep import '@civitas/b/src/testing'");
  });

  it('fails on a lib importing an app, and on production code importing the test helpers', () => {
    const r = check({ 'libs/b/src/c.ts': "import { x } from '../../../apps/api/src/main';\nimport { h } from '@civitas/test';\n" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("libs/b/src/c.ts:1: imports the app api ('../../../apps/api/src/main')");
    expect(r.out).toContain("libs/b/src/c.ts:2: production code imports the test helpers ('@civitas/test')");
  });

  it('fails on a cycle between libs', () => {
    const r = check({ 'libs/b/src/c.ts': "import { a } from '@civitas/a';\nexport const c = a;\n" });
    expect(r.status).toBe(1);
    expect(r.out).toContain('cycle between libs: a → b → a');
  });

  it('fails on a controller or a page importing a repository; a service beside them may', () => {
    const r = check({
      'libs/a/src/item.repository.ts': 'export class ItemRepository {}\n',
      'libs/a/src/web/items.controller.tsx': "import { ItemRepository } from '../item.repository';\nexport const c = ItemRepository;\n",
      'libs/a/src/http/items.controller.ts': "import { type ItemRepository, b } from '../item.repository';\nexport const c = b;\n",
      'libs/a/src/web/drafts.service.ts': "import { ItemRepository } from '../item.repository';\nexport const s = ItemRepository;\n",
    });
    expect(r.status).toBe(1);
    expect(r.out).toContain('libs/a/src/web/items.controller.tsx:1: a controller or page imports ItemRepository; ask a service for its view');
    expect(r.out).toContain('libs/a/src/http/items.controller.ts:1: a controller or page imports ItemRepository');
    expect(r.out).not.toContain('drafts.service.ts');
  });

  describe('tables', () => {
    const owners = JSON.stringify({
      domains: { a: ['a_*'], b: ['b_things'] },
      shared: ['users'],
      exempt: { 'apps/api/src/restore.ts': 'counts every table of a restored database' },
    });
    const migration = 'export const up = `CREATE TABLE users (id uuid); CREATE TABLE a_items (id uuid); CREATE TABLE b_things (id uuid)`;\n';
    const tables = (files: Record<string, string>) =>
      check({ 'scripts/table-owners.json': owners, 'libs/database/src/migrations/1-init.ts': migration, 'libs/database/src/index.ts': '', ...files });

    it("passes a lib naming its own tables and the shared ones, an exempt file, and another lib's table in a spec", () => {
      const r = tables({
        'libs/a/src/a.repository.ts': 'export const q = `SELECT i.id FROM a_items i JOIN users u ON u.id = i.id`;\n',
        'libs/b/src/b.repository.ts': 'export const q = `UPDATE b_things SET id = $1`;\n',
        'libs/b/src/b.spec.ts': 'export const q = `INSERT INTO a_items (id) VALUES ($1)`;\n',
        'apps/api/src/restore.ts': 'export const q = `SELECT count(*) FROM a_items`;\n',
      });
      expect(r.out).toContain('no violation');
      expect(r.status).toBe(0);
    });

    it("fails on a lib or an app naming another domain lib's table in SQL", () => {
      const r = tables({
        'libs/b/src/b.repository.ts': 'export const q = `SELECT t.id FROM b_things t\n  JOIN a_items i ON i.id = t.id`;\n',
        'apps/api/src/seed.ts': 'export const q = `DELETE FROM b_things`;\n',
      });
      expect(r.status).toBe(1);
      expect(r.out).toContain('libs/b/src/b.repository.ts:2: names a_items, a table of the a lib; go through @civitas/a');
      expect(r.out).toContain('apps/api/src/seed.ts:1: names b_things, a table of the b lib; go through @civitas/b');
      expect(r.out).not.toContain('b.repository.ts:1');
    });

    it('fails on a table a migration creates without an owner', () => {
      const r = tables({ 'libs/database/src/migrations/2-more.ts': 'export const up = `CREATE TABLE IF NOT EXISTS c_loose (id uuid)`;\n' });
      expect(r.status).toBe(1);
      expect(r.out).toContain('libs/database/src/migrations/2-more.ts: table c_loose has no owner in scripts/table-owners.json');
    });
  });
});
