// Builds dist/ when it is missing or older than any source file, so that `npm start` and `npm run cli` work
// straight after `npm install`. Build output goes to stderr: stdout stays clean for `npm run --silent cli -- ... --json`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetsStale, buildAssets } from './build-assets.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const watched = ['apps', 'libs', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function ensureBuild() {
  // The stylesheet and scripts of the pages (sass, fingerprinting, compression) are part of the build.
  if (assetsStale()) buildAssets();
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const sources = Math.max(...watched.map((p) => newest(join(root, p))));
  if (built >= sources) return;
  process.stderr.write('civitas: building (dist/ is missing or older than the sources)…\n');
  const res = spawnSync(process.execPath, [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (res.status !== 0) {
    process.stderr.write('civitas: build failed\n');
    process.exit(res.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuild();
