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
  process.stderr.write(`civitas-worker: processing jobs (concurrency ${config.queue.concurrency})\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`civitas-worker: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
