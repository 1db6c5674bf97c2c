import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { AccountMailService } from './account-mail.service';

/** The `accounts` queue: account e-mails (verification, password reset, "you already have an account"). */
@JobProcessor('accounts')
export class AccountsProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'accounts'> = {
    'send-account-email': async (job) => {
      await this.accountMail.send(job.data.requestId);
    },
  };

  constructor(private readonly accountMail: AccountMailService) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('accounts', this.handlers, job);
  }
}
