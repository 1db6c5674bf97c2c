import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig, type Clock } from '@civitas/config';
import { buildDataSourceOptions } from '@civitas/database';
import { workerSettings } from '@civitas/queue';
import { WorkerModule } from './worker.module';

/** Waits until the API has applied every migration (the worker never migrates). */
export async function waitForMigrations(config: AppConfig, timeoutMs = 120_000): Promise<void> {
  const { options } = await buildDataSourceOptions(config.database);
  const ds = new DataSource(options as DataSourceOptions);
  await ds.initialize();
  try {
    const deadline = Date.now() + timeoutMs;
    while (await ds.showMigrations()) {
      if (Date.now() > deadline) throw new Error('Pending database migrations: start the API (it migrates) or run `npm run cli -- migrate`');
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await ds.destroy();
  }
}

/** Starts the worker: every @JobProcessor becomes a BullMQ worker (WORKER_CONCURRENCY, WORKER_LOCK_MS). */
export async function createWorkerApp(config: AppConfig, opts: { clock?: Clock } = {}): Promise<INestApplicationContext> {
  if (config.queue.kind !== 'redis') throw new Error('apps/worker needs REDIS_URL');
  workerSettings.concurrency = config.queue.concurrency;
  workerSettings.lockMs = config.queue.lockMs;
  workerSettings.queueConcurrency = { mail: config.queue.mailConcurrency };
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, opts.clock), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM: running jobs finish (WorkerDrain), connections close, then exit 0.
  app.enableShutdownHooks([], { useProcessExit: true });
  await app.init();
  return app;
}
