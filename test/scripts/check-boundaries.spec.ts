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
});
