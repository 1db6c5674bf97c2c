import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { DeliveryService } from '../delivery.service';
import { SubscriptionService } from '../subscription.service';

/** The `mail` queue (MAIL_CONCURRENCY at once): one notification delivery, or one subscription mail, per job. */
@JobProcessor('mail')
export class MailProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'mail'> = {
    'send-email': async (job) => {
      await this.deliveries.send(job.data.deliveryId, job);
    },
    'send-subscription-mail': async (job) => {
      await this.subscriptions.sendMail(job.data.mailId, job);
    },
  };

  constructor(
    private readonly deliveries: DeliveryService,
    private readonly subscriptions: SubscriptionService,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('mail', this.handlers, job);
  }
}
