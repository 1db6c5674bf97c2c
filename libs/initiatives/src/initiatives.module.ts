import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { AuthModule } from '@civitas/auth';
import { NotificationsModule } from '@civitas/notifications';
import { PersonalDataRegistry } from '@civitas/users';
import { AgreementService } from './agreement.service';
import { ApplicationsService } from './applications.service';
import { ProgrammesService } from './programmes.service';
import { ReviewService } from './review.service';

import { ApplicationRepository } from './application.repository';
import { ProgrammeRepository } from './programme.repository';
import { EvaluationRepository } from './evaluation.repository';
import { AgreementRepository } from './agreement.repository';

/** Each table's SQL, as named methods with typed rows; the services keep the use cases and the transactions. */
const REPOSITORIES = [ApplicationRepository, ProgrammeRepository, EvaluationRepository, AgreementRepository];
const SERVICES = [ProgrammesService, ApplicationsService, ReviewService, AgreementService];

/** Local initiatives: the yearly programme, applications, their evaluation, the agreement and the final report. */
@Module({
  imports: [AreasModule, AuthModule, NotificationsModule],
  providers: [...REPOSITORIES, ...SERVICES],
  exports: [...REPOSITORIES, ...SERVICES],
})
export class InitiativesModule implements OnModuleInit {
  constructor(
    private readonly personalData: PersonalDataRegistry,
    private readonly applicationsRepo: ApplicationRepository,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'initiatives',
      collect: async (userId, m) => this.applicationsRepo.listOfUser(m, userId),
    });
  }
}
