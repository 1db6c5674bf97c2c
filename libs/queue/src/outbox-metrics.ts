import { Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { Metrics } from '@civitas/common';
import { OutboxRepository } from './outbox.repository';

/**
 * The outbox on the process's metrics, read from the database at each scrape: rows waiting, the age of the oldest
 * (the relay's lag), rows given up on, and whether the read succeeded. Nothing when the process has no metrics.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly outbox: OutboxRepository,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  onModuleInit(): void {
    const metrics = this.metrics;
    if (!metrics) return;
    const pending = metrics.gauge('civitas_outbox_pending_rows', 'Outbox rows waiting to be handed to the job queue (or run, without Redis)');
    const oldest = metrics.gauge('civitas_outbox_oldest_pending_age_seconds', 'Age of the oldest outbox row not yet dispatched (0 when none)');
    const failed = metrics.gauge('civitas_outbox_failed_rows', 'Outbox rows that failed for good (in-process driver, after the last attempt)');
    const up = metrics.gauge('civitas_database_up', 'Whether the last scrape could read the database (1) or not (0)');
    metrics.addCollector('outbox', async () => {
      try {
        const lag = await this.outbox.lag();
        pending.set(lag.pending);
        oldest.set(lag.oldestSeconds);
        failed.set(lag.failed);
        up.set(1);
      } catch (err) {
        up.set(0);
        this.logger.debug(`outbox metrics: ${(err as Error).message}`);
        throw err;
      }
    });
  }
}
