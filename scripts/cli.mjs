// `npm run cli -- <command> [args]`: builds if needed, then runs apps/cli in the project root.
// Relative paths given on the command line are resolved against the directory npm was called from (INIT_CWD),
// passed to the CLI as its global option --cwd.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuild, root } from './ensure-build.mjs';

ensureBuild();
const invocationDir = process.env.INIT_CWD ?? process.cwd();
const res = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), '--cwd', invocationDir, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(res.status ?? 1);
