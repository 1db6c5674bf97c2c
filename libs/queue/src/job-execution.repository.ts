import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@civitas/database';

/**
 * Named statements over what the job machinery records about runs: `job_executions` (the jobs whose effect has
 * committed, one row per job id) and `job_heartbeats` (the runs of the `record-heartbeat` check).
 */
@Injectable()
export class JobExecutionRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Records the job's run in the caller's transaction; false when it was recorded before (the job already ran).
   * Under a concurrent run of the same job the statement waits for the other transaction and then does nothing.
   */
  async recordOnce(m: EntityManager, job: { id: string; name: string }): Promise<boolean> {
    const rows = await queryRows<{ job_id: string }>(
      m,
      `INSERT INTO job_executions (job_id, job_name) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING RETURNING job_id`,
      [job.id, job.name],
    );
    return rows.length > 0;
  }

  /** Deletes the runs recorded more than `days` days ago; returns how many. */
  async purgeCompleted(days: number): Promise<number> {
    const rows = await queryRows<{ job_id: string }>(
      this.ds,
      `DELETE FROM job_executions WHERE completed_at < now() - ($1::int * interval '1 day') RETURNING job_id`,
      [days],
    );
    return rows.length;
  }

  /** Counts a run of the heartbeat job `jobId` (the first one creates its row). */
  async recordHeartbeat(jobId: string | undefined, note: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO job_heartbeats (job_id, note) VALUES ($1, $2)
         ON CONFLICT (job_id) DO UPDATE SET runs = job_heartbeats.runs + 1, last_run_at = now()`,
      [jobId, note],
    );
  }
}
