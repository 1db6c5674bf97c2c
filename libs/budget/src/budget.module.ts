import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { NotificationsModule, TopicCatalog } from '@civitas/notifications';
import { AttachmentsService } from './attachments.service';
import { EditionsService } from './editions.service';
import { ProjectsService } from './projects.service';
import { ReviewsService } from './reviews.service';

/** The participatory budget: editions, pools, projects. Registers `edition:<id>` topics with notifications. */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [EditionsService, ProjectsService, ReviewsService, AttachmentsService],
  exports: [EditionsService, ProjectsService, ReviewsService, AttachmentsService],
})
export class BudgetModule implements OnModuleInit {
  constructor(private readonly topics: TopicCatalog) {}

  onModuleInit(): void {
    this.topics.register('edition', {
      describe: async (ids, m) => {
        const rows = (await m.query(`SELECT id, name FROM budget_editions WHERE id = ANY($1::uuid[]) AND status = 'published'`, [ids])) as Array<{
          id: string;
          name: string;
        }>;
        return new Map(rows.map((r) => [r.id, { pl: `Budżet obywatelski: ${r.name}`, en: `Participatory budget: ${r.name}` }]));
      },
      offered: async (m) =>
        ((await m.query(`SELECT id FROM budget_editions WHERE status = 'published' ORDER BY year DESC LIMIT 5`)) as Array<{ id: string }>).map(
          (r) => `edition:${r.id}`,
        ),
    });
  }
}
