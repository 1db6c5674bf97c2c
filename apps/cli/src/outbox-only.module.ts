import { Global, Module } from '@nestjs/common';
import { OutboxRepository, OutboxService, Scheduler, ScheduleRepository } from '@civitas/queue';

/** Registers schedules like the real one but never runs them: a short-lived command enqueues no periodic jobs. */
class DormantScheduler extends Scheduler {
  override onApplicationBootstrap(): void {}
}

/**
 * For commands that change domain data: jobs go to the outbox and stay there — no relay and no job driver in this
 * process — so they are delivered by the API or the worker once the platform runs (never run half-way here, never
 * marked failed for want of a processor).
 */
@Global()
@Module({
  providers: [OutboxRepository, ScheduleRepository, OutboxService, { provide: Scheduler, useClass: DormantScheduler }],
  exports: [OutboxService, Scheduler],
})
export class OutboxOnlyModule {}
