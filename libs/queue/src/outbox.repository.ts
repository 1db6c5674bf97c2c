import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@civitas/database';
import type { OutboxRow } from './job-driver';
import type { JobName, QueueName } from './job-registry';
import type { OutboxGroup, OutboxProblem } from './queue-state.service';

/** How far the relay is behind: rows waiting, the age of the oldest, rows given up on. */
export interface OutboxLag {
  pending: number;
  /** Seconds since the oldest pending row was written (0 when none). */
  oldestSeconds: number;
  failed: number;
}

/** A claimed row as the claim returns it: the row for the driver, and when it was written (the order of a batch). */
interface ClaimedRow extends OutboxRow {
  created_at: Date;
}

/** A failed attempt to record on its row: the attempts so far, the error, when to try again, whether it was the last. */
export interface OutboxFailure {
  attempts: number;
  error: string;
  retryInMs: number;
  final: boolean;
}

/**
 * Named statements over `outbox`, the transactional outbox: the writes that enqueue jobs (in the caller's
 * transaction), the relay's claims and outcomes, and the reads of the queue view and the metrics. Payloads are
 * written here and handed to the driver with a claimed row, never read by the views.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  /** Writes one job, due after `delayMs`; returns its id (the job id everywhere). */
  async insert(m: EntityManager, queue: QueueName, job: JobName, payload: unknown, delayMs: number): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO outbox (queue, job_name, payload, available_at)
       VALUES ($1, $2, $3::jsonb, now() + ($4::int * interval '1 millisecond'))
       RETURNING id`,
      [queue, job, JSON.stringify(payload), delayMs],
    );
    return id;
  }

  /** Writes one job per payload with a single statement, due at once; returns their ids in the payloads' order. */
  async insertMany(m: EntityManager, queue: QueueName, job: JobName, payloads: readonly unknown[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `INSERT INTO outbox (queue, job_name, payload)
       SELECT $1, $2, p FROM unnest($3::jsonb[]) WITH ORDINALITY AS t(p, n) ORDER BY n
       RETURNING id`,
      [queue, job, payloads.map((p) => JSON.stringify(p))],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Claims up to `limit` due rows for `seconds` (one atomic UPDATE … FOR UPDATE SKIP LOCKED: concurrent relays
   * never claim the same row), oldest first.
   */
  async claimDue(limit: number, seconds: number): Promise<OutboxRow[]> {
    const raw: unknown = await this.ds.query(
      `UPDATE outbox SET locked_until = now() + ($2::int * interval '1 second')
        WHERE id IN (
          SELECT id FROM outbox
           WHERE dispatched_at IS NULL AND failed_at IS NULL AND available_at <= now()
             AND (locked_until IS NULL OR locked_until < now())
           ORDER BY created_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, queue, job_name, payload, attempts, created_at`,
      [limit, seconds],
    );
    // pg returns [rows, count] for UPDATE … RETURNING through TypeORM (whatever the count holds), other drivers
    // may answer with the rows alone: take the rows whichever shape arrives.
    const list = (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as ClaimedRow[];
    return list.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at));
  }

  /** The row's job was handed over (or ran): dispatched, claim and error cleared. */
  async markDelivered(id: string): Promise<void> {
    await this.ds.query(`UPDATE outbox SET dispatched_at = now(), locked_until = NULL, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [id]);
  }

  /** The same for a batch handed over at once, with one statement. */
  async markDeliveredMany(ids: readonly string[]): Promise<void> {
    await this.ds.query(`UPDATE outbox SET dispatched_at = now(), locked_until = NULL, attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /** Gives a claimed row back untouched (the pass stopped before trying it). */
  async release(id: string): Promise<void> {
    await this.ds.query(`UPDATE outbox SET locked_until = NULL WHERE id = $1`, [id]);
  }

  /** Records a failed attempt: the row becomes due again after the backoff, or is failed for good on the last one. */
  async markFailed(id: string, f: OutboxFailure): Promise<void> {
    await this.ds.query(
      `UPDATE outbox
          SET attempts = $2, last_error = $3, locked_until = NULL,
              available_at = now() + ($4::int * interval '1 millisecond'),
              failed_at = CASE WHEN $5::boolean THEN now() ELSE NULL END
        WHERE id = $1`,
      [id, f.attempts, f.error, f.retryInMs, f.final],
    );
  }

  /** Rows not yet handed over, per queue and job. */
  pendingGroups(): Promise<OutboxGroup[]> {
    return queryRows<OutboxGroup>(
      this.ds,
      `SELECT queue, job_name AS job, count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS retrying,
                min(created_at) AS oldest, max(attempts)::int AS "maxAttempts"
           FROM outbox WHERE dispatched_at IS NULL GROUP BY queue, job_name ORDER BY queue, job_name`,
    );
  }

  /** The pending rows with an error, the next due first (at most 20; never the payload). */
  problems(): Promise<OutboxProblem[]> {
    return queryRows<OutboxProblem>(
      this.ds,
      `SELECT id, queue, job_name AS job, attempts, left(last_error, 500) AS "lastError", available_at AS "nextAttemptAt"
           FROM outbox WHERE dispatched_at IS NULL AND last_error IS NOT NULL ORDER BY available_at LIMIT 20`,
    );
  }

  async countDispatchedLastHour(): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(this.ds, `SELECT count(*)::int AS n FROM outbox WHERE dispatched_at > now() - interval '1 hour'`);
    return n;
  }

  /** The relay's lag, for the metrics (read at each scrape). */
  async lag(): Promise<OutboxLag> {
    const [row] = await queryRows<{ pending: number; oldest: number; failed: number }>(
      this.ds,
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest,
                  (SELECT count(*)::int FROM outbox WHERE failed_at IS NOT NULL) AS failed
             FROM outbox WHERE dispatched_at IS NULL AND failed_at IS NULL`,
    );
    return { pending: row.pending, oldestSeconds: Number(row.oldest), failed: row.failed };
  }

  /** Deletes the rows dispatched more than `days` days ago; returns how many. */
  async purgeDispatched(days: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(this.ds, `DELETE FROM outbox WHERE dispatched_at < now() - ($1::int * interval '1 day') RETURNING id`, [days]);
    return rows.length;
  }
}
