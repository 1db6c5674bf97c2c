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

const SERVICES = [ConsultationsService, DocumentsService, CommentsService, SurveyService, MeetingsService, ReportService, ConsultationAttachmentsService];

/**
 * Consultations: the consultation and its lifecycle, its forms (document comments, survey, meetings), moderation
 * and the report. Registers `consultation:<id>` topics with notifications and the every-minute schedule job.
 */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class ConsultationsModule implements OnModuleInit {
  constructor(
    private readonly topics: TopicCatalog,
    private readonly scheduler: Scheduler,
    private readonly consultations: ConsultationsService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'consultationComments',
      collect: async (userId, m) =>
        m.query(
          `SELECT id, consultation_id AS "consultationId", section_id AS "sectionId", author_name AS "authorName", body, proposed_wording AS "proposedWording",
                  status, created_at AS "createdAt"
             FROM consultation_comments WHERE author_id = $1 ORDER BY created_at`,
          [userId],
        ),
    });
    this.personalData.register({
      name: 'consultationParticipation',
      collect: async (userId, m) => ({
        surveys: await m.query(`SELECT consultation_id AS "consultationId", status FROM survey_responses WHERE user_id = $1`, [userId]),
        meetings: await m.query(`SELECT meeting_id AS "meetingId", created_at AS "registeredAt" FROM meeting_registrations WHERE user_id = $1`, [userId]),
      }),
    });
    this.scheduler.register(this.consultations.schedule());
    this.topics.register('consultation', {
      describe: async (ids, m) => {
        const rows = (await m.query(`SELECT id, title FROM consultations WHERE id = ANY($1::uuid[]) AND status <> 'draft'`, [ids])) as Array<{
          id: string;
          title: string;
        }>;
        return new Map(rows.map((r) => [r.id, { pl: `Konsultacje: ${r.title}`, en: `Consultation: ${r.title}` }]));
      },
      offered: async (m) =>
        ((await m.query(`SELECT id FROM consultations WHERE status IN ('announced', 'open') ORDER BY opens_at DESC LIMIT 10`)) as Array<{ id: string }>).map(
          (r) => `consultation:${r.id}`,
        ),
    });
  }
}
