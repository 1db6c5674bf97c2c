import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@civitas/config';
import { JobDriver, OutboxRow } from './job-driver';
import { retryDelayMs } from './job-registry';
import { OutboxRepository } from './outbox.repository';

/** Rows per pass: the in-process driver runs each job; a handoff driver adds them to Redis in bulk. */
const EXECUTE_BATCH = 50;
const HANDOFF_BATCH = 500;
const HANDOFF_CLAIM_SECONDS = 60;
const EXECUTE_CLAIM_SECONDS = 600;
const MAX_HANDOFF_BACKOFF_MS = 30_000;
const MAX_EXECUTE_BACKOFF_MS = 3_600_000;

export interface RelayResult {
  claimed: number;
  delivered: number;
  failed: number;
}

/**
 * Moves due outbox rows to the job driver. Rows are claimed for a short time with one atomic UPDATE … FOR UPDATE
 * SKIP LOCKED, so any number of relays (API and worker processes) can run side by side; a crashed relay's claim
 * expires and another relay picks the row up again (the same job id, so BullMQ does not run it twice).
 * While Redis is unreachable rows stay pending and are retried with a capped backoff: nothing is lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private unreachableSince: number | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly driver: JobDriver,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs one pass at once (also used by tests and the CLI); returns what happened. */
  relayOnce(): Promise<RelayResult> {
    const run = (this.running ?? Promise.resolve()).then(() => this.pass());
    this.running = run.catch(() => undefined);
    return run;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.relayOnce()
        .then((r) => this.schedule(r.claimed >= this.batchSize() && r.failed === 0 ? 0 : this.config.queue.outboxPollMs))
        .catch((err: Error) => {
          this.logger.warn(`Outbox pass failed: ${err.message}`);
          this.schedule(this.config.queue.outboxPollMs);
        });
    }, ms);
    this.timer.unref?.();
  }

  private batchSize(): number {
    return this.driver.mode === 'execute' ? EXECUTE_BATCH : HANDOFF_BATCH;
  }

  private async pass(): Promise<RelayResult> {
    const rows = await this.claim();
    const result: RelayResult = { claimed: rows.length, delivered: 0, failed: 0 };
    if (rows.length === 0) return result;
    if (this.driver.dispatchMany) return this.handOffAll(rows, result);
    const concurrency = this.driver.mode === 'execute' ? this.config.queue.concurrency : 10;
    let next = 0;
    let broken = false;
    const workers = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      while (next < rows.length) {
        const row = rows[next++];
        if (broken) {
          await this.outbox.release(row.id);
          continue;
        }
        try {
          await this.driver.dispatch(row);
          await this.outbox.markDelivered(row.id);
          result.delivered++;
        } catch (err) {
          result.failed++;
          // A handoff failure means the queue is unreachable: the rest of the batch would fail the same way.
          if (this.driver.mode === 'handoff') broken = true;
          await this.markFailed(row, err as Error);
        }
      }
    });
    await Promise.all(workers);
    if (this.driver.mode === 'handoff') this.noteReachability(broken);
    return result;
  }

  /** One bulk add for the whole batch, then one UPDATE: the throughput path for large fan-outs. */
  private async handOffAll(rows: OutboxRow[], result: RelayResult): Promise<RelayResult> {
    try {
      await this.driver.dispatchMany!(rows);
    } catch (err) {
      result.failed = rows.length;
      for (const row of rows) await this.markFailed(row, err as Error);
      this.noteReachability(true);
      return result;
    }
    await this.outbox.markDeliveredMany(rows.map((r) => r.id));
    result.delivered = rows.length;
    this.noteReachability(false);
    return result;
  }

  private noteReachability(broken: boolean): void {
    if (broken && this.unreachableSince === null) {
      this.unreachableSince = Date.now();
      this.logger.warn('Job queue unreachable: outbox rows stay pending and will be retried');
    } else if (!broken && this.unreachableSince !== null) {
      this.logger.log(`Job queue reachable again after ${Math.round((Date.now() - this.unreachableSince) / 1000)} s`);
      this.unreachableSince = null;
    }
  }

  private claim(): Promise<OutboxRow[]> {
    return this.outbox.claimDue(this.batchSize(), this.driver.mode === 'execute' ? EXECUTE_CLAIM_SECONDS : HANDOFF_CLAIM_SECONDS);
  }

  private async markFailed(row: OutboxRow, err: Error): Promise<void> {
    const attempts = row.attempts + 1;
    const execute = this.driver.mode === 'execute';
    const delay = execute
      ? Math.min(retryDelayMs(this.config.queue.backoffMs, attempts), MAX_EXECUTE_BACKOFF_MS)
      : Math.min(1000 * 2 ** Math.min(attempts - 1, 10), MAX_HANDOFF_BACKOFF_MS);
    const final = execute && attempts >= this.config.queue.attempts;
    if (execute) {
      this.logger.warn(`Job ${row.job_name} ${row.id} failed (attempt ${attempts}${final ? ', giving up' : ''}): ${err.message}`);
    }
    await this.outbox.markFailed(row.id, { attempts, error: String(err.message).slice(0, 1000), retryInMs: delay, final });
  }
}
