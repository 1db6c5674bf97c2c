import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { ReviewService } from '../review.service';
import { Clock } from '@civitas/config';

/** The `initiatives` queue: applications whose correction deadline has passed become unconsidered (every minute). */
@JobProcessor('initiatives')
export class InitiativesProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'initiatives'> = {
    'advance-initiatives': async (job) => {
      await this.review.advance(new Date(Math.max(this.clock.ms(), Date.parse(job.data.scheduledFor))));
    },
  };

  constructor(
    private readonly review: ReviewService,
    private readonly clock: Clock,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('initiatives', this.handlers, job);
  }
}
