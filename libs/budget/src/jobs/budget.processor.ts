import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { BallotService } from '../ballot.service';
import { Clock } from '@civitas/config';

/** The `budget` queue: the phase job of budget editions (every minute). */
@JobProcessor('budget')
export class BudgetProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'budget'> = {
    'advance-budget-phases': async (job) => {
      await this.ballot.advance(new Date(Math.max(this.clock.ms(), Date.parse(job.data.scheduledFor))));
    },
  };

  constructor(
    private readonly ballot: BallotService,
    private readonly clock: Clock,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('budget', this.handlers, job);
  }
}
