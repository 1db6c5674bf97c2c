import { Logger } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { JobExecutionRepository } from '../job-execution.repository';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '../job-processor.decorator';
import { OutboxRepository } from '../outbox.repository';

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
      await this.executions.recordHeartbeat(job.id, job.data.note);
      this.logger.log(`Heartbeat ${job.id} recorded`);
    },
    'purge-outbox': async (job) => {
      const days = Math.max(job.data.days, 1);
      const outbox = await this.outbox.purgeDispatched(days);
      const executions = await this.executions.purgeCompleted(days);
      this.logger.log({ outbox, executions }, 'Old outbox rows purged');
    },
  };

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly executions: JobExecutionRepository,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('system', this.handlers, job);
  }
}
