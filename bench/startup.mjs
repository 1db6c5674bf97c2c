// Measures the time from `npm start` (node scripts/start.mjs) to the first 200 on /health/ready, and the resident
// memory (VmRSS) of the API process once ready, after a short settle and after 200 health requests.
//
//   node bench/startup.mjs                       embedded mode: cold (new ./var), warm (existing ./var)
//   node bench/startup.mjs --build               also a build from scratch (removes dist/ first)
//   DATABASE_URL=... REDIS_URL=... node bench/startup.mjs --services
//
// Uses a separate VAR_DIR (bench/.var-startup) and port 3917 so it never touches ./var or a running instance.
import { spawn, execSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = 3917;
const varDir = join(root, 'bench', '.var-startup');
const args = new Set(process.argv.slice(2));

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function apiPid(parent) {
  // scripts/start.mjs spawns the API as its child.
  const out = execSync(`pgrep -P ${parent} || true`).toString().trim().split('\n').filter(Boolean);
  return out.length ? Number(out[0]) : parent;
}

async function ready() {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return res.status === 200;
  } catch {
    return false;
  }
}

async function run(label, env) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', VAR_DIR: varDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 180_000;
  while (!(await ready())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      console.error(stderr);
      throw new Error(`${label}: the API did not become ready`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - t0;
  const pid = apiPid(child.pid);
  await new Promise((r) => setTimeout(r, 2000));
  const settled = rssMb(pid);
  for (let i = 0; i < 200; i++) await fetch(`http://127.0.0.1:${port}/health/ready`);
  const loaded = rssMb(pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  console.log(`${label.padEnd(44)} ready after ${(ms / 1000).toFixed(2).padStart(6)} s   RSS ${settled} MB settled, ${loaded} MB after 200 requests`);
}

if (args.has('--build')) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  rmSync(varDir, { recursive: true, force: true });
  await run('embedded, no dist/ (build) and new database', {});
}
if (args.has('--services')) {
  if (!process.env.DATABASE_URL) throw new Error('--services needs DATABASE_URL (and REDIS_URL for BullMQ)');
  await run('PostgreSQL + Redis, first start', {});
  await run('PostgreSQL + Redis, again', {});
} else {
  execSync('node scripts/ensure-build.mjs', { cwd: root, stdio: 'inherit' });
  rmSync(varDir, { recursive: true, force: true });
  await run('embedded, new database (cold)', { DATABASE_URL: '', REDIS_URL: '' });
  if (!existsSync(varDir)) throw new Error('no var dir');
  await run('embedded, existing database (warm)', { DATABASE_URL: '', REDIS_URL: '' });
  await run('embedded, existing database (warm, again)', { DATABASE_URL: '', REDIS_URL: '' });
}
rmSync(varDir, { recursive: true, force: true });
