import { Module } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { NotificationsModule } from '@civitas/notifications';
import { AgreementService } from './agreement.service';
import { ApplicationsService } from './applications.service';
import { ProgrammesService } from './programmes.service';
import { ReviewService } from './review.service';

const SERVICES = [ProgrammesService, ApplicationsService, ReviewService, AgreementService];

/** Local initiatives: the yearly programme, applications, their evaluation, the agreement and the final report. */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class InitiativesModule {}
