import { DynamicModule, Module } from '@nestjs/common';
import { AreasDeskModule, AreasHttpModule } from '@civitas/areas';
import { AuthHttpModule, AuthWebModule } from '@civitas/auth';
import { BudgetHttpModule, BudgetWebModule } from '@civitas/budget';
import { VotingHttpModule, VotingWebModule } from '@civitas/voting';
import { ConsultationsHttpModule, ConsultationsWebModule } from '@civitas/consultations';
import { InitiativesHttpModule, InitiativesWebModule } from '@civitas/initiatives';
import { AppConfig, Clock, ConfigModule } from '@civitas/config';
import { loggerModule } from '@civitas/common';
import { DatabaseModule } from '@civitas/database';
import { MailModule } from '@civitas/mail';
import { NotificationsHttpModule, NotificationsWebModule } from '@civitas/notifications';
import { QueueModule } from '@civitas/queue';
import { WebFallbackModule, WebModule } from '@civitas/web';
import { HealthModule } from './health/health.module';
import { JOB_MODULES } from './job-modules';

@Module({})
export class ApiModule {
  /**
   * The API process. Without Redis the job processors run here (in-process driver); with Redis they run in
   * apps/worker and this process only writes the outbox and relays it.
   */
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        loggerModule,
        DatabaseModule.forRoot(),
        MailModule,
        QueueModule.forRoot(),
        HealthModule,
        AuthHttpModule,
        AreasHttpModule,
        NotificationsHttpModule,
        BudgetHttpModule,
        VotingHttpModule,
        ConsultationsHttpModule,
        InitiativesHttpModule,
        WebModule,
        AuthWebModule,
        NotificationsWebModule,
        BudgetWebModule,
        VotingWebModule,
        ConsultationsWebModule,
        InitiativesWebModule,
        AreasDeskModule,
        ...(config.queue.kind === 'inline' ? JOB_MODULES : []),
        // The catch-all 404 route, after every other route.
        WebFallbackModule,
      ],
    };
  }
}
