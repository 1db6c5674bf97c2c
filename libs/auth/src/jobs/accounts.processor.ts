import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { AuthService } from '../auth.service';
import { AccountMailService } from './account-mail.service';

/** The `accounts` queue: account e-mails (verification, password reset, "you already have an account"), and the start of a password reset. */
@JobProcessor('accounts')
export class AccountsProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'accounts'> = {
    'send-account-email': async (job) => {
      await this.accountMail.send(job.data.requestId);
    },
    'start-password-reset': async (job) => {
      await this.auth.startPasswordReset(job.data.resetRequestId);
    },
  };

  constructor(
    private readonly accountMail: AccountMailService,
    private readonly auth: AuthService,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('accounts', this.handlers, job);
  }
}
