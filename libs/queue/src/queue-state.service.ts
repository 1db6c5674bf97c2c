import { Injectable } from '@nestjs/common';
import { AppConfig } from '@civitas/config';
import { BullMqDriver, type BullQueueState } from './bullmq.driver';
import { JobDriver } from './job-driver';
import { OutboxRepository } from './outbox.repository';

/** Outbox rows not yet handed over, per queue and job. */
export interface OutboxGroup {
  queue: string;
  job: string;
  pending: number;
  /** Of those, rows that failed at least once (waiting for their next attempt). */
  retrying: number;
  oldest: Date;
  maxAttempts: number;
}

/** A pending outbox row with an error (never its payload). */
export interface OutboxProblem {
  id: string;
  queue: string;
  job: string;
  attempts: number;
  lastError: string;
  nextAttemptAt: Date;
}

export interface QueueState {
  mode: 'redis' | 'inline';
  outbox: { groups: OutboxGroup[]; problems: OutboxProblem[]; dispatchedLastHour: number };
  /** With Redis: each BullMQ queue's jobs; null in the in-process mode. */
  bullmq: { reachable: true; queues: BullQueueState[] } | { reachable: false; error: string } | null;
}

/**
 * A read-only view of the job machinery for the administration: what waits in the outbox (and why, when a handover
 * or an in-process run failed), and with Redis what each BullMQ queue holds and its last failures. Payloads are
 * never read: they are nobody's business here.
 */
@Injectable()
export class QueueStateService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly driver: JobDriver,
    private readonly config: AppConfig,
  ) {}

  async state(): Promise<QueueState> {
    const [groups, problems, dispatchedLastHour] = await Promise.all([
      this.outbox.pendingGroups(),
      this.outbox.problems(),
      this.outbox.countDispatchedLastHour(),
    ]);
    let bullmq: QueueState['bullmq'] = null;
    if (this.driver instanceof BullMqDriver) {
      try {
        bullmq = { reachable: true, queues: await this.driver.state() };
      } catch (err) {
        bullmq = { reachable: false, error: (err as Error).message };
      }
    }
    return { mode: this.config.queue.kind === 'redis' ? 'redis' : 'inline', outbox: { groups, problems, dispatchedLastHour }, bullmq };
  }
}
