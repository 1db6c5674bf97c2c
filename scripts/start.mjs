// `npm start`: builds if needed, then runs the API (with the embedded database and job driver unless
// DATABASE_URL / REDIS_URL are set).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuild, root } from './ensure-build.mjs';

ensureBuild();
const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
