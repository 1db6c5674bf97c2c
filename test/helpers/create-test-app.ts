import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AppConfig, Clock, loadConfig } from '@civitas/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import { guardResponseSchemas } from './response-schema-guard';
import { createServicesDatabase, randomSuffix, TEMPLATE_ENV, testDatabaseUrl, testMode, testRedisUrl } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  /** The in-process worker that runs the jobs when the test app uses Redis (services mode). */
  worker: INestApplicationContext | null;
  config: AppConfig;
  /** A supertest client for the running app. */
  http: () => ReturnType<typeof request>;
  /** Stops the app and removes its database, Redis prefix and files. */
  close: () => Promise<void>;
}

/**
 * The environment of one test application: its own database (embedded in memory from the run's template, or a
 * fresh PostgreSQL database), its own Redis key prefix in services mode, its own var/ directory.
 */
export async function createTestConfig(
  env: Record<string, string | undefined> = {},
  opts: { redis?: boolean } = {},
): Promise<{ config: AppConfig; cleanup: () => Promise<void> }> {
  const varDir = mkdtempSync(join(tmpdir(), 'civitas-test-'));
  const cleanups: Array<() => Promise<void> | void> = [() => rmSync(varDir, { recursive: true, force: true })];
  const base: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    VAR_DIR: varDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '100',
    // Pages show at once what a test just changed.
    HOME_CACHE_MS: '0',
  };
  if (testMode === 'services') {
    const db = await createServicesDatabase();
    cleanups.push(db.drop);
    base.DATABASE_URL = db.url;
  } else {
    base.DATABASE_EMBEDDED_DIR = 'memory';
    base.DATABASE_EMBEDDED_TEMPLATE = process.env[TEMPLATE_ENV];
  }
  if ((opts.redis ?? testMode === 'services') && testRedisUrl) {
    base.REDIS_URL = testRedisUrl;
    base.QUEUE_PREFIX = `civitas_test_${randomSuffix()}`;
  }
  const config = loadConfig({ ...base, ...env }, varDir);
  return {
    config,
    cleanup: async () => {
      for (const c of cleanups.reverse()) await c();
    },
  };
}

/**
 * Starts the API as production runs it, on its own database (with `clock`, a SettableClock say, as the time every
 * service and job reads). Jobs are processed in both modes: in-process without
 * Redis, by a worker started here (BullMQ) with Redis — pass `{ worker: false }` to leave jobs waiting in Redis.
 */
export async function createTestApp(
  env: Record<string, string | undefined> = {},
  opts: { redis?: boolean; worker?: boolean; clock?: Clock } = {},
): Promise<TestApp> {
  const { config, cleanup } = await createTestConfig(env, opts);
  let app: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | null = null;
  try {
    app = await createApiApp(config, { clock: opts.clock });
    guardResponseSchemas(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    if (config.queue.kind === 'redis' && config.database.kind === 'postgres' && opts.worker !== false)
      worker = await createWorkerApp(config, { clock: opts.clock });
  } catch (err) {
    await app?.close();
    await cleanup();
    throw err;
  }
  const api = app;
  return {
    app: api,
    worker,
    config,
    http: () => request(api.getHttpServer()),
    close: async () => {
      await worker?.close();
      await api.close();
      await cleanup();
    },
  };
}

export { testDatabaseUrl, testMode, testRedisUrl };
