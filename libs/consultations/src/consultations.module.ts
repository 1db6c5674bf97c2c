import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { PersonalDataRegistry } from '@civitas/users';
import { NotificationsModule, TopicCatalog } from '@civitas/notifications';
import { Scheduler } from '@civitas/queue';
import { ConsultationAttachmentsService } from './attachments.service';
import { CommentsService } from './comments.service';
import { ConsultationsService } from './consultations.service';
import { DocumentsService } from './documents.service';
import { MeetingsService } from './meetings.service';
import { ReportService } from './report.service';
import { SurveyService } from './survey.service';

import { ConsultationRepository } from './consultation.repository';
import { DocumentRepository } from './document.repository';
import { MeetingRepository } from './meeting.repository';
import { CommentRepository } from './comment.repository';
import { SurveyRepository } from './survey.repository';
import { ReportRepository } from './report.repository';

/** Each table's SQL, as named methods with typed rows; the services keep the use cases and the transactions. */
const REPOSITORIES = [ConsultationRepository, DocumentRepository, MeetingRepository, CommentRepository, SurveyRepository, ReportRepository];
const SERVICES = [ConsultationsService, DocumentsService, CommentsService, SurveyService, MeetingsService, ReportService, ConsultationAttachmentsService];

/**
 * Consultations: the consultation and its lifecycle, its forms (document comments, survey, meetings), moderation
 * and the report. Registers `consultation:<id>` topics with notifications and the every-minute schedule job.
 */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [...REPOSITORIES, ...SERVICES],
  exports: [...REPOSITORIES, ...SERVICES],
})
export class ConsultationsModule implements OnModuleInit {
  constructor(
    private readonly topics: TopicCatalog,
    private readonly scheduler: Scheduler,
    private readonly consultations: ConsultationsService,
    private readonly personalData: PersonalDataRegistry,
    private readonly consultationsRepo: ConsultationRepository,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'consultationComments',
      collect: async (userId, m) => this.consultationsRepo.listCommentsOfUser(m, userId),
    });
    this.personalData.register({
      name: 'consultationParticipation',
      collect: async (userId, m) => ({
        surveys: await this.consultationsRepo.listSurveyResponsesOfUser(m, userId),
        meetings: await this.consultationsRepo.listRegistrationsOfUser(m, userId),
      }),
    });
    this.scheduler.register(this.consultations.schedule());
    this.topics.register('consultation', {
      describe: async (ids, m) => {
        const rows = await this.consultationsRepo.listPublicTitles(m, ids);
        return new Map(rows.map((r) => [r.id, { pl: `Konsultacje: ${r.title}`, en: `Consultation: ${r.title}` }]));
      },
      offered: async (m) => (await this.consultationsRepo.listOfferedIds(m)).map((id) => `consultation:${id}`),
    });
  }
}
