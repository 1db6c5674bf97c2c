import { Module, OnModuleInit } from '@nestjs/common';
import { Scheduler } from '@civitas/queue';
import { AuthModule } from '@civitas/auth';
import { NotificationsModule, TopicCatalog } from '@civitas/notifications';
import { AttachmentsService } from './attachments.service';
import { AuthorsService } from './authors.service';
import { BallotService } from './ballot.service';
import { CostCorrectionsService } from './cost-corrections.service';
import { EditionsService } from './editions.service';
import { MergesService } from './merges.service';
import { ProjectsService } from './projects.service';
import { ReviewsService } from './reviews.service';

const SERVICES = [
  EditionsService,
  ProjectsService,
  ReviewsService,
  AttachmentsService,
  AuthorsService,
  CostCorrectionsService,
  MergesService,
  BallotService,
];

/**
 * The participatory budget: editions, pools, projects, reviews, the ballot list. Registers `edition:<id>` topics with
 * notifications and the every-minute phase job with the scheduler.
 */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class BudgetModule implements OnModuleInit {
  constructor(
    private readonly topics: TopicCatalog,
    private readonly scheduler: Scheduler,
    private readonly ballot: BallotService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(this.ballot.schedule());
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
