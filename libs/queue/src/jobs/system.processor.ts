import { Logger } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { DataSource } from 'typeorm';
import { rowsOf } from '@civitas/database';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '../job-processor.decorator';

/**
 * The `system` queue. `record-heartbeat` counts its runs per job id (job_heartbeats.runs): it shows the whole
 * path outbox → relay → queue → processor works, and a count above 1 would reveal a job run twice.
 */
@JobProcessor('system')
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger('SystemProcessor');

  private readonly handlers: JobHandlers<'system'> = {
    'record-heartbeat': async (job) => {
      const hold = Math.min(Math.max(job.data.holdMs ?? 0, 0), 60_000);
      if (hold > 0) await new Promise((r) => setTimeout(r, hold));
      await this.ds.query(
        `INSERT INTO job_heartbeats (job_id, note) VALUES ($1, $2)
         ON CONFLICT (job_id) DO UPDATE SET runs = job_heartbeats.runs + 1, last_run_at = now()`,
        [job.id, job.data.note],
      );
      this.logger.log(`Heartbeat ${job.id} recorded`);
    },
    'purge-outbox': async (job) => {
      const days = Math.max(job.data.days, 1);
      const outbox = rowsOf(await this.ds.query(`DELETE FROM outbox WHERE dispatched_at < now() - ($1::int * interval '1 day') RETURNING id`, [days])).length;
      const executions = rowsOf(
        await this.ds.query(`DELETE FROM job_executions WHERE completed_at < now() - ($1::int * interval '1 day') RETURNING job_id`, [days]),
      ).length;
      this.logger.log({ outbox, executions }, 'Old outbox rows purged');
    },
  };

  constructor(private readonly ds: DataSource) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('system', this.handlers, job);
  }
}
