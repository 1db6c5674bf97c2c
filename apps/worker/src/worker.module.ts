import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { AppConfig, Clock, ConfigModule } from '@civitas/config';
import { loggerModule, MetricsModule } from '@civitas/common';
import { DatabaseModule } from '@civitas/database';
import { MailModule } from '@civitas/mail';
import { QUEUES, QueueModule, redisOptionsFromUrl } from '@civitas/queue';
import { JOB_MODULES } from './job-modules';
import { WorkerDrain } from './worker-drain';
import { WorkerMetricsServer } from './metrics-server';

/**
 * The worker process: BullMQ processors for every queue, plus an outbox relay (so jobs flow even when no API
 * process is up). No HTTP server. It never runs migrations: the API does, and the worker waits for them.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    if (config.queue.kind !== 'redis') throw new Error('apps/worker needs REDIS_URL; without Redis the API runs jobs itself');
    const { url, prefix } = config.queue;
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        loggerModule,
        DatabaseModule.forRoot({ runMigrations: false }),
        MailModule,
        QueueModule.forRoot(),
        BullModule.forRoot({ connection: { ...redisOptionsFromUrl(url), maxRetriesPerRequest: null } as ConnectionOptions, prefix }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
        DiscoveryModule,
        MetricsModule.forRoot(),
        ...JOB_MODULES,
      ],
      providers: [WorkerDrain, WorkerMetricsServer],
    };
  }
}
