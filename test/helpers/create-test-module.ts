import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule, SettableClock } from '@civitas/config';
import { DatabaseModule } from '@civitas/database';
import { MailModule } from '@civitas/mail';
import { OutboxOnlyModule } from '../../apps/cli/src/outbox-only.module';
import { createTestConfig } from './create-test-app';

/** A domain module's services on a database of their own, without HTTP: the middle layer of the tests. */
export interface TestModule {
  app: INestApplicationContext;
  db: DataSource;
  /** The time every service reads: it follows the system time until a test moves it (`advance`, `set`). */
  clock: SettableClock;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * `createTestModule([BudgetModule])`: the given modules with what every process has — configuration, a settable
 * clock, the database (the embedded one copied from the run's migrated template, or a fresh PostgreSQL database in
 * services mode), mail — and an outbox whose jobs stay there (no job runs; a spec reads `outbox` to see what a use
 * case enqueued). Service specs call the use cases directly, as the controllers do.
 */
export async function createTestModule(
  imports: Array<Type<unknown> | DynamicModule>,
  opts: { env?: Record<string, string | undefined>; clock?: SettableClock } = {},
): Promise<TestModule> {
  const { config, cleanup } = await createTestConfig(opts.env ?? {}, { redis: false });
  const clock = opts.clock ?? new SettableClock();
  @Module({ imports: [ConfigModule.forRoot(config, clock), DatabaseModule.forRoot(), MailModule, OutboxOnlyModule, ...imports] })
  class TestRootModule {}
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(TestRootModule, { logger: false, abortOnError: false });
  } catch (err) {
    await cleanup();
    throw err;
  }
  return {
    app,
    db: app.get(DataSource),
    clock,
    get: <T>(type: Type<T>) => app.get(type, { strict: false }),
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}
