import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Metrics } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { producerRedisOptions, QUEUES } from '@civitas/queue';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/**
 * With Redis, the API's /metrics also shows how many jobs wait, run and failed in each BullMQ queue (read at each
 * scrape, from every worker's point of view at once). A connection of its own that fails fast while Redis is away.
 */
@Injectable()
export class QueueDepthMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private connection: IORedis | null = null;
  private queues: Queue[] = [];

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const q = this.config.queue;
    if (q.kind !== 'redis' || !this.config.ops.metricsToken) return;
    const connection = new IORedis(q.url, producerRedisOptions());
    connection.on('error', () => undefined);
    this.connection = connection;
    const gauge = this.metrics.gauge('civitas_queue_jobs', 'Jobs in each BullMQ queue by state', ['queue', 'state']);
    const up = this.metrics.gauge('civitas_redis_up', 'Whether the last scrape could read the job queues in Redis (1) or not (0)');
    this.metrics.addCollector('queues', async () => {
      try {
        if (connection.status !== 'ready') throw new Error(`Redis is not reachable (connection ${connection.status})`);
        // Created once Redis answers: a queue's first command (INFO) must not meet a closed connection.
        if (this.queues.length === 0) {
          this.queues = QUEUES.map((name) => new Queue(name, { connection, prefix: q.prefix, skipWaitingForReady: true }));
          for (const queue of this.queues) queue.on('error', () => undefined);
        }
        const counts = await Promise.all(this.queues.map((queue) => queue.getJobCounts(...STATES)));
        counts.forEach((c, i) => STATES.forEach((s) => gauge.set({ queue: this.queues[i].name, state: s }, c[s] ?? 0)));
        up.set(1);
      } catch (err) {
        up.set(0);
        throw err;
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
    this.connection?.disconnect();
  }
}
