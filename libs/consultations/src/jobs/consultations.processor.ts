import { WorkerHost } from '@nestjs/bullmq';
import { JobHandlers, JobLike, JobProcessor, runHandler } from '@civitas/queue';
import { ConsultationsService } from '../consultations.service';
import { SurveyService } from '../survey.service';
import { Clock } from '@civitas/config';

/** The `consultations` queue: consultations opened and closed on schedule (every minute), survey codes. */
@JobProcessor('consultations')
export class ConsultationsProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'consultations'> = {
    'advance-consultations': async (job) => {
      await this.consultations.advance(new Date(Math.max(this.clock.ms(), Date.parse(job.data.scheduledFor))));
    },
    'send-survey-code': async (job) => {
      await this.survey.sendCode(job.data.responseId);
    },
  };

  constructor(
    private readonly consultations: ConsultationsService,
    private readonly survey: SurveyService,
    private readonly clock: Clock,
  ) {
    super();
  }

  process(job: JobLike): Promise<void> {
    return runHandler('consultations', this.handlers, job);
  }
}
