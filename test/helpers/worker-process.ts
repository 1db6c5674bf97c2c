import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { TestApp } from './create-test-app';

const root = join(__dirname, '..', '..');

export interface WorkerProcess {
  proc: ChildProcess;
  /** Resolves once the worker says it is processing jobs. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/** Builds dist/ if the sources are newer (the worker processes run the built apps/worker). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.mjs')], { cwd: root, stdio: 'ignore' });
}

/** A real worker process (the built apps/worker) on the test app's database and Redis prefix. */
export function startWorker(t: TestApp, env: Record<string, string> = {}): WorkerProcess {
  const q = t.config.queue as { url: string; prefix: string };
  const proc = spawn(process.execPath, [join(root, 'dist/apps/worker/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      NODE_OPTIONS: '',
      LOG_LEVEL: 'warn',
      DATABASE_URL: (t.config.database as { url: string }).url,
      REDIS_URL: q.url,
      QUEUE_PREFIX: q.prefix,
      JWT_SECRET: t.config.auth.jwtSecret,
      WORKER_LOCK_MS: '1500',
      VAR_DIR: t.config.varDir,
      PUBLIC_URL: t.config.http.publicUrl,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('processing jobs')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  return { proc, ready, exited };
}
