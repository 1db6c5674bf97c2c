import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne } from '@civitas/database';

/** Named statements over `schedules`: one row per repeated job, with the time of its next run. */
@Injectable()
export class ScheduleRepository {
  constructor(private readonly ds: DataSource) {}

  /** Creates the schedule's row with its first run unless it exists (a row that exists keeps its time). */
  async ensure(name: string, firstRunAt: Date): Promise<void> {
    await this.ds.query(`INSERT INTO schedules (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, firstRunAt]);
  }

  /**
   * The run of the schedule due by `now`, its row locked for the rest of the transaction; null when none is due or
   * another process holds the row (SKIP LOCKED: that one enqueues the run).
   */
  async lockDue(m: EntityManager, name: string, now: Date): Promise<Date | null> {
    const row = await queryOne<{ next_run_at: Date }>(m, `SELECT next_run_at FROM schedules WHERE name = $1 AND next_run_at <= $2 FOR UPDATE SKIP LOCKED`, [
      name,
      now,
    ]);
    return row ? new Date(row.next_run_at) : null;
  }

  /** Records a run at `ranAt` and the next one. */
  async advance(m: EntityManager, name: string, nextRunAt: Date, ranAt: Date): Promise<void> {
    await m.query(`UPDATE schedules SET next_run_at = $2, last_run_at = $3 WHERE name = $1`, [name, nextRunAt, ranAt]);
  }

  /** Sets the schedule's next run, creating its row when needed. */
  async setNextRun(name: string, at: Date): Promise<void> {
    await this.ds.query(`INSERT INTO schedules (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET next_run_at = EXCLUDED.next_run_at`, [
      name,
      at,
    ]);
  }
}
