// `npm run cli -- <command> [args]`: builds if needed, then runs apps/cli in the project root.
// Relative paths given on the command line are resolved against the directory npm was called from (INIT_CWD).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuild, root } from './ensure-build.mjs';

ensureBuild();
const res = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CIVITAS_INVOCATION_DIR: process.env.INIT_CWD ?? process.cwd() },
});
process.exit(res.status ?? 1);
