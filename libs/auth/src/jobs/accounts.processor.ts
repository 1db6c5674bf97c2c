import { WorkerHost } from '@nestjs/bullmq';
import { isJob, JobLike, JobProcessor, UnknownJobError } from '@civitas/queue';
import { AccountMailService } from './account-mail.service';

/** The `accounts` queue: account e-mails (verification, password reset, "you already have an account"). */
@JobProcessor('accounts')
export class AccountsProcessor extends WorkerHost {
  constructor(private readonly accountMail: AccountMailService) {
    super();
  }

  async process(job: JobLike): Promise<unknown> {
    if (isJob(job, 'send-account-email')) return this.accountMail.send(job.data.requestId);
    throw new UnknownJobError('accounts', job.name);
  }
}
