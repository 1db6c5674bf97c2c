import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { UsersModule } from '@civitas/users';
import { HomeSections } from '@civitas/web';
import { ConsultationsModule } from '../consultations.module';
import { ConsultationsDeskModule } from '../desk/consultations-desk.module';
import { OrganisationsDeskController } from '../desk/organisations-desk.controller';
import { ConsultationsService } from '../consultations.service';
import { ConsultationParticipationController } from './consultation-participation.controller';
import { ConsultationPagesController } from './consultation-pages.controller';
import { ConsultationReportPagesController } from './consultation-report.controller';
import { ConsultationsHomeSection } from './consultations-home.view';

/**
 * The consultations' pages for residents and organisations: the list, a consultation, its document and comments, the
 * survey, meetings and points, the published report; and the home page's section.
 */
@Module({
  imports: [ConsultationsModule, AreasModule, UsersModule, ConsultationsDeskModule],
  controllers: [ConsultationPagesController, ConsultationParticipationController, ConsultationReportPagesController, OrganisationsDeskController],
})
export class ConsultationsWebModule implements OnModuleInit {
  constructor(
    private readonly home: HomeSections,
    private readonly consultations: ConsultationsService,
  ) {}

  onModuleInit(): void {
    // Kept for a few seconds (HomeSections.cached) (a busy home page, rare changes).
    const current = this.home.cached(async () => {
      const [open, announced] = await Promise.all([this.consultations.list({ status: 'open' }), this.consultations.list({ status: 'announced' })]);
      return { open: open.slice(0, 5), announced: announced.slice(0, 3) };
    });
    this.home.register({
      id: 'consultations',
      order: 20,
      render: async () => {
        const { open, announced } = await current();
        return <ConsultationsHomeSection open={open} announced={announced} />;
      },
    });
  }
}
