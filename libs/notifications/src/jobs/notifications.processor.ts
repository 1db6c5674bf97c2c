import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { DigestService } from '../digest.service';
import { FanOutService } from '../fan-out.service';

/** The `notifications` queue: fan-out of events into deliveries, and the daily digests. */
@JobProcessor('notifications')
export class NotificationsProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'notifications'> = {
    'fan-out': async (job) => {
      await this.fanOut.run(job.data.eventId);
    },
    'send-digests': async (job) => {
      await this.digests.run(new Date(job.data.scheduledFor));
    },
  };

  constructor(
    private readonly fanOut: FanOutService,
    private readonly digests: DigestService,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('notifications', this.handlers, job);
  }
}
