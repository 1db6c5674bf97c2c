import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations.module';
import { ConsultationsAdminController, ConsultationsController, OrganisationsAdminController } from './consultations.controller';
import { AttachmentsAdminController, AttachmentsController } from './attachments.controller';
import { FORM_CONTROLLERS } from './forms';
import { ReportAdminController, ReportController } from './report.controller';

/** The consultations' HTTP routes (API only). */
@Module({
  imports: [ConsultationsModule],
  controllers: [
    ConsultationsController,
    ConsultationsAdminController,
    OrganisationsAdminController,
    ...FORM_CONTROLLERS,
    ReportController,
    ReportAdminController,
    AttachmentsController,
    AttachmentsAdminController,
  ],
})
export class ConsultationsHttpModule {}
