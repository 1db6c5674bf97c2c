import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { BallotMailer } from '../ballots/ballot-mailer.service';
import { IdentityRetentionService } from '../ballots/identity-retention.service';
import { TallyRunner } from '../results/tally-runner.service';
import { Clock } from '@civitas/config';

/** The `voting` queue: tallies, ballot codes and receipts, erasure of voter identities. Thin: the services do the work. */
@JobProcessor('voting')
export class VotingProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'voting'> = {
    'tally-edition': (job) => this.tally.run(job.data.tallyRunId),
    'send-ballot-code': (job) => this.mailer.sendCode(job.data.ballotId),
    'send-ballot-receipt': (job) => this.mailer.sendReceipt(job.data.ballotId),
    // A run delivered late erases what is due when it runs, never less than what was due when it was scheduled.
    'erase-voter-identities': async (job) => {
      await this.retention.run(job, new Date(Math.max(this.clock.ms(), Date.parse(job.data.scheduledFor))));
    },
  };

  constructor(
    private readonly tally: TallyRunner,
    private readonly mailer: BallotMailer,
    private readonly retention: IdentityRetentionService,
    private readonly clock: Clock,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('voting', this.handlers, job);
  }
}
