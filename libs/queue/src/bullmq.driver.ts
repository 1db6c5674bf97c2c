import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';
import { JobDriver, OutboxRow } from './job-driver';
import { QueueName, QUEUES } from './job-registry';

/**
 * Job options: retries with exponential backoff. Completed jobs stay an hour, so that an outbox row dispatched again
 * (its relay died between the add and marking the row; claims last a minute) is recognised by its job id and not run
 * again; processors are idempotent besides. Failed jobs stay a week for inspection.
 */
export function bullMqJobOptions(retry: { attempts: number; backoffMs: number }) {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential' as const, delay: retry.backoffMs },
    removeOnComplete: { age: 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/**
 * Connection options for producers: fail fast while Redis is away (no offline queue), so the relay notices, keeps
 * the row pending and retries later, instead of hanging.
 */
export function producerRedisOptions(): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  };
}

export const BULL_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type BullState = (typeof BULL_STATES)[number];

/** One BullMQ queue as the desk's queue view shows it. */
export interface BullQueueState {
  queue: QueueName;
  counts: Record<BullState, number>;
  failed: Array<{ id: string; name: string; attempts: number; error: string; failedAt: Date | null }>;
}

/** Hands jobs to BullMQ on Redis (REDIS_URL). Processing happens in apps/worker. */
export class BullMqDriver extends JobDriver {
  readonly mode = 'handoff' as const;
  private readonly logger = new Logger('BullMqDriver');
  private readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly jobOptions: ReturnType<typeof bullMqJobOptions>;

  constructor(
    url: string,
    private readonly prefix: string,
    retry: { attempts: number; backoffMs: number } = { attempts: 8, backoffMs: 2000 },
  ) {
    super();
    this.jobOptions = bullMqJobOptions(retry);
    this.connection = new IORedis(url, producerRedisOptions());
    // Errors surface through dispatch(); without a listener ioredis would print every reconnection failure.
    this.connection.on('error', () => undefined);
  }

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix, skipWaitingForReady: true });
      q.on('error', (err) => this.logger.warn(`Queue ${name}: ${err.message}`));
      this.queues.set(name, q);
    }
    return q;
  }

  async dispatch(row: OutboxRow): Promise<void> {
    await this.dispatchMany([row]);
  }

  /** Adds the rows' jobs with one round trip per queue (addBulk). Throws when Redis is unreachable. */
  override async dispatchMany(rows: OutboxRow[]): Promise<void> {
    if (this.connection.status !== 'ready') throw new Error(`Redis is not reachable (connection ${this.connection.status})`);
    const byQueue = new Map<QueueName, OutboxRow[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    // jobId = outbox id: BullMQ ignores a second add of an id it still holds, so a re-dispatch never runs twice.
    await Promise.all(
      [...byQueue].map(([name, list]) =>
        this.queue(name).addBulk(list.map((row) => ({ name: row.job_name, data: row.payload, opts: { ...this.jobOptions, jobId: row.id } }))),
      ),
    );
  }

  /**
   * What each queue holds now (jobs by state) and its last failed jobs (name, id, attempts, the error; never the
   * payload). Throws when Redis is unreachable.
   */
  async state(failedPerQueue = 5): Promise<BullQueueState[]> {
    if (this.connection.status !== 'ready') throw new Error(`Redis is not reachable (connection ${this.connection.status})`);
    return Promise.all(
      QUEUES.map(async (name) => {
        const q = this.queue(name);
        const [counts, failed] = await Promise.all([q.getJobCounts(...BULL_STATES), q.getFailed(0, failedPerQueue - 1)]);
        return {
          queue: name,
          counts: Object.fromEntries(BULL_STATES.map((s) => [s, counts[s] ?? 0])) as Record<BullState, number>,
          failed: failed.map((j) => ({
            id: String(j.id),
            name: j.name,
            attempts: j.attemptsMade,
            error: (j.failedReason ?? '').slice(0, 500),
            failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
          })),
        };
      }),
    );
  }

  async ping(): Promise<void> {
    if (this.connection.status !== 'ready') throw new Error(`connection ${this.connection.status}`);
    await this.connection.ping();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
