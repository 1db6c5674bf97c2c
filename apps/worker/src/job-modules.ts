import { AuthJobsModule } from '@civitas/auth';
import { BudgetJobsModule } from '@civitas/budget';
import { ConsultationsJobsModule } from '@civitas/consultations';
import { InitiativesJobsModule } from '@civitas/initiatives';
import { NotificationJobsModule } from '@civitas/notifications';
import { SystemJobsModule } from '@civitas/queue';
import { VotingJobsModule } from '@civitas/voting';

/** The job processor modules this worker runs (the API runs the same list when there is no Redis). */
export const JOB_MODULES = [
  SystemJobsModule,
  AuthJobsModule,
  NotificationJobsModule,
  BudgetJobsModule,
  VotingJobsModule,
  ConsultationsJobsModule,
  InitiativesJobsModule,
];
