import { AuthJobsModule } from '@civitas/auth';
import { BudgetJobsModule } from '@civitas/budget';
import { ConsultationsJobsModule } from '@civitas/consultations';
import { InitiativesJobsModule } from '@civitas/initiatives';
import { NotificationJobsModule } from '@civitas/notifications';
import { SystemJobsModule } from '@civitas/queue';
import { VotingJobsModule } from '@civitas/voting';

/**
 * The job processor modules the API runs itself when there is no Redis (the in-process driver). apps/worker lists
 * the same modules; a unit test keeps the two lists and the job registry in step.
 */
export const JOB_MODULES = [
  SystemJobsModule,
  AuthJobsModule,
  NotificationJobsModule,
  BudgetJobsModule,
  VotingJobsModule,
  ConsultationsJobsModule,
  InitiativesJobsModule,
];
