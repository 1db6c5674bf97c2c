import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobName, JobPayloads } from './job-registry';
import { OutboxService } from './outbox.service';
import { ScheduleRepository } from './schedule.repository';
import { Clock } from '@civitas/config';

/** A job that runs repeatedly: `next(after)` is the first run time after `after`. */
export interface ScheduleDefinition<N extends JobName = JobName> {
  name: string;
  job: N;
  next: (after: Date) => Date;
  /** The job's payload for the run due at `scheduledFor`. */
  payload: (scheduledFor: Date) => JobPayloads[N];
}

const TICK_MS = 30_000;

/**
 * Runs repeated jobs from the database, in every API and worker process at once: each due run is claimed by one
 * atomic UPDATE of its `schedules` row and written to the outbox in the same transaction, so it is enqueued exactly
 * once however many processes tick. Runs missed while everything was down collapse into one.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly definitions = new Map<string, ScheduleDefinition>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly schedules: ScheduleRepository,
  ) {}

  register<N extends JobName>(definition: ScheduleDefinition<N>): void {
    this.definitions.set(definition.name, definition as unknown as ScheduleDefinition);
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      this.tickOnce().catch((err: Error) => this.logger.warn(`Schedule tick failed: ${err.message}`));
      this.timer = setTimeout(tick, TICK_MS);
      this.timer.unref?.();
    };
    this.timer = setTimeout(tick, 1000);
    this.timer.unref?.();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Enqueues every run that is due; returns the names of the schedules that fired. */
  async tickOnce(now = this.clock.now()): Promise<string[]> {
    const fired: string[] = [];
    for (const def of this.definitions.values()) {
      await this.schedules.ensure(def.name, def.next(now));
      const ran = await this.ds.transaction(async (m) => {
        const due = await this.schedules.lockDue(m, def.name, now);
        if (!due) return false;
        await this.schedules.advance(m, def.name, def.next(now), now);
        await this.outbox.enqueue(m, def.job, def.payload(due));
        return true;
      });
      if (ran) fired.push(def.name);
    }
    return fired;
  }

  /** Moves a schedule's next run (tests, operations). */
  setNextRun(name: string, at: Date): Promise<void> {
    return this.schedules.setNextRun(name, at);
  }
}
