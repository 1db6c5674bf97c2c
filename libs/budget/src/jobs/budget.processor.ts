import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { BallotService } from '../ballot.service';

/** The `budget` queue: the phase job of budget editions (every minute). */
@JobProcessor('budget')
export class BudgetProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'budget'> = {
    'advance-budget-phases': async (job) => {
      await this.ballot.advance(new Date(Math.max(Date.now(), Date.parse(job.data.scheduledFor))));
    },
  };

  constructor(private readonly ballot: BallotService) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('budget', this.handlers, job);
  }
}
