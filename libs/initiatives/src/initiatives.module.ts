import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { NotificationsModule } from '@civitas/notifications';
import { PersonalDataRegistry } from '@civitas/users';
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
export class InitiativesModule implements OnModuleInit {
  constructor(private readonly personalData: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'initiatives',
      collect: async (userId, m) =>
        m.query(
          `SELECT id, case_number AS "caseNumber", title, status, applicant_type AS "applicantType", contact_name AS "contactName",
                  contact_email AS "contactEmail", contact_phone AS "contactPhone", created_at AS "createdAt"
             FROM initiatives WHERE created_by = $1 ORDER BY created_at`,
          [userId],
        ),
    });
  }
}
