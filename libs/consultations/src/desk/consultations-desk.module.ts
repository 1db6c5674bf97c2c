import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { DeskQueues } from '@civitas/auth';
import { CommentsService } from '../comments.service';
import { ConsultationsModule } from '../consultations.module';
import { ConsultationsService } from '../consultations.service';
import { ManageDeskController } from './manage-desk.controller';
import { MD } from './manage-desk.texts';
import { ManagePartsController } from './manage-parts.controller';
import { ModerationDeskController } from './moderation.controller';
import { MOD } from './moderation.texts';
import { HIDDEN_PATH, QUEUE_PATH } from './moderation.views';
import { ReportDeskController } from './report-desk.controller';
import { RD } from './report-desk.texts';

/**
 * The consultations' part of the officials' desk: the moderation queue, the comments of a consultation (entered from
 * paper, e-mail and meetings), and the consultations' management and reports.
 */
@Module({
  imports: [ConsultationsModule, AreasModule],
  controllers: [ReportDeskController, ManageDeskController, ManagePartsController, ModerationDeskController],
})
export class ConsultationsDeskModule implements OnModuleInit {
  constructor(
    private readonly desk: DeskQueues,
    private readonly consultations: ConsultationsService,
    private readonly comments: CommentsService,
  ) {}

  onModuleInit(): void {
    this.desk.register({
      id: 'consultations.moderation',
      area: 'consultations',
      order: 10,
      title: MOD.queueLink,
      href: QUEUE_PATH,
      count: async (user) => {
        const count = await this.comments.moderationCount(user);
        return count === null ? null : { count };
      },
    });
    this.desk.link({
      id: 'consultations.hidden',
      area: 'consultations',
      order: 50,
      title: MOD.hiddenLink,
      description: MOD.hiddenLinkHint,
      href: HIDDEN_PATH,
      roles: ['moderator', 'official'],
    });
    this.desk.register({
      id: 'consultations.unanswered',
      area: 'consultations',
      order: 30,
      title: RD.queueTitle,
      href: '/desk/consultations/reports',
      count: async (user) =>
        user.grants.some((g) => g.role === 'official' || g.role === 'admin')
          ? { count: (await this.consultations.unansweredFor(user)).comments, nextDeadline: null }
          : null,
    });
    this.desk.link({
      id: 'consultations.list',
      area: 'consultations',
      order: 10,
      title: MD.listTitle,
      description: MD.listLinkHint,
      href: '/desk/consultations/list',
      roles: ['official'],
    });
    void this.desk;
  }
}
