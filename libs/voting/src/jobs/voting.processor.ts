import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { BallotMailer } from '../ballots/ballot-mailer.service';
import { TallyRunner } from '../results/tally-runner.service';

/** The `voting` queue: tallies, ballot codes and receipts. Thin: the services do the work. */
@JobProcessor('voting')
export class VotingProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'voting'> = {
    'tally-edition': (job) => this.tally.run(job.data.tallyRunId),
    'send-ballot-code': (job) => this.mailer.sendCode(job.data.ballotId),
    'send-ballot-receipt': (job) => this.mailer.sendReceipt(job.data.ballotId),
  };

  constructor(
    private readonly tally: TallyRunner,
    private readonly mailer: BallotMailer,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('voting', this.handlers, job);
  }
}
