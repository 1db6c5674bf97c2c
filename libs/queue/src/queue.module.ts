import { DynamicModule, Global, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { nextDailyAt } from '@civitas/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { AppConfig } from '@civitas/config';
import { READINESS_CHECKS, ReadinessCheck } from '@civitas/common';
import { BullMqDriver } from './bullmq.driver';
import { InlineDriver } from './inline.driver';
import { JobDriver } from './job-driver';
import { JobExecutionRepository } from './job-execution.repository';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { QueueStateService } from './queue-state.service';
import { ScheduleRepository } from './schedule.repository';
import { Scheduler } from './scheduler';

@Global()
@Module({})
export class QueueModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly driver: JobDriver,
    private readonly scheduler: Scheduler,
  ) {}

  /** Dispatched outbox rows are kept a week (to look into), then purged every night at 03:30. */
  onModuleInit(): void {
    this.scheduler.register({ name: 'purge-outbox', job: 'purge-outbox', next: (after) => nextDailyAt(after, 3, 30), payload: () => ({ days: 7 }) });
  }

  /**
   * The outbox writer, the relay, and the job driver for the configured mode: BullMQ on Redis (REDIS_URL) or the
   * in-process driver. With Redis, /health/ready also checks Redis. With metrics in the process, the outbox's lag is
   * measured at each scrape.
   */
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        OutboxRepository,
        ScheduleRepository,
        JobExecutionRepository,
        OutboxService,
        OutboxRelay,
        OutboxMetrics,
        Scheduler,
        QueueStateService,
        {
          provide: JobDriver,
          inject: [AppConfig, DiscoveryService],
          useFactory: (config: AppConfig, discovery: DiscoveryService): JobDriver =>
            config.queue.kind === 'redis' ? new BullMqDriver(config.queue.url, config.queue.prefix, config.queue) : new InlineDriver(discovery),
        },
        {
          provide: READINESS_CHECKS,
          inject: [JobDriver],
          useFactory: (driver: JobDriver): ReadinessCheck[] =>
            driver instanceof BullMqDriver
              ? [
                  async () => {
                    try {
                      await driver.ping();
                      return { redis: { status: 'up' as const } };
                    } catch (err) {
                      return { redis: { status: 'down' as const, message: (err as Error).message } };
                    }
                  },
                ]
              : [],
        },
      ],
      exports: [OutboxRepository, ScheduleRepository, OutboxService, OutboxRelay, Scheduler, JobDriver, QueueStateService, READINESS_CHECKS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}
