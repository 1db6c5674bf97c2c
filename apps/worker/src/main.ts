import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { createWorkerApp, waitForMigrations } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit('civitas-worker');
  if (config.queue.kind !== 'redis') {
    process.stderr.write('civitas-worker: REDIS_URL is not set. Without Redis the API process runs jobs itself; no worker is needed.\n');
    process.exit(1);
  }
  if (config.database.kind === 'embedded') {
    process.stderr.write(
      'civitas-worker: DATABASE_URL is not set. The embedded database belongs to one process (the API); a separate worker needs PostgreSQL.\n',
    );
    process.exit(1);
  }
  await waitForMigrations(config);
  await createWorkerApp(config);
  // SIGTERM lets running jobs finish; a job that runs longer than SHUTDOWN_TIMEOUT_MS does not keep the process alive
  // (BullMQ gives it to another worker once its lock expires, and processors are idempotent).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`civitas-worker: did not stop within ${config.ops.shutdownTimeoutMs} ms of ${signal}; exiting\n`);
        process.exit(1);
      }, config.ops.shutdownTimeoutMs).unref();
    });
  }
  process.stderr.write(`civitas-worker: processing jobs (concurrency ${config.queue.concurrency})\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`civitas-worker: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
