import { Module } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { NotificationsModule } from '@civitas/notifications';
import { ApplicationsService } from './applications.service';
import { ProgrammesService } from './programmes.service';

const SERVICES = [ProgrammesService, ApplicationsService];

/** Local initiatives: the yearly programme, applications, their evaluation, the agreement and the final report. */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class InitiativesModule {}
