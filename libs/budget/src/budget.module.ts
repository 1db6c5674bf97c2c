import { Module, OnModuleInit } from '@nestjs/common';
import { Scheduler } from '@civitas/queue';
import { AuthModule } from '@civitas/auth';
import { PersonalDataRegistry } from '@civitas/users';
import { NotificationsModule, TopicCatalog } from '@civitas/notifications';
import { AttachmentsService } from './attachments.service';
import { AuthorsService } from './authors.service';
import { BallotService } from './ballot.service';
import { CostCorrectionsService } from './cost-corrections.service';
import { EditionsService } from './editions.service';
import { ImplementationService } from './implementation.service';
import { MergesService } from './merges.service';
import { ProjectsService } from './projects.service';
import { ReviewsService } from './reviews.service';
import { AttachmentRepository } from './attachment.repository';
import { AuthorRepository } from './author.repository';
import { BallotRepository } from './ballot.repository';
import { CostProposalRepository } from './cost-proposal.repository';
import { EditionRepository } from './edition.repository';
import { ImplementationRepository } from './implementation.repository';
import { MergeRepository } from './merge.repository';
import { ProjectRepository } from './project.repository';
import { ReviewRepository } from './review.repository';

/** Each table's SQL, as named methods with typed rows; the services keep the use cases and the transactions. */
const REPOSITORIES = [
  ProjectRepository,
  AuthorRepository,
  EditionRepository,
  BallotRepository,
  ReviewRepository,
  CostProposalRepository,
  MergeRepository,
  AttachmentRepository,
  ImplementationRepository,
];

const SERVICES = [
  EditionsService,
  ProjectsService,
  ReviewsService,
  AttachmentsService,
  AuthorsService,
  CostCorrectionsService,
  MergesService,
  BallotService,
  ImplementationService,
];

/**
 * The participatory budget: editions, pools, projects, reviews, the ballot list. Registers `edition:<id>` topics with
 * notifications and the every-minute phase job with the scheduler.
 */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [...REPOSITORIES, ...SERVICES],
  exports: [...REPOSITORIES, ...SERVICES],
})
export class BudgetModule implements OnModuleInit {
  constructor(
    private readonly topics: TopicCatalog,
    private readonly scheduler: Scheduler,
    private readonly ballot: BallotService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'budgetProjects',
      collect: async (userId, m) =>
        m.query(
          `SELECT p.id, p.title, p.status, a.role AS "authorRole", p.created_at AS "createdAt", p.submitted_at AS "submittedAt"
             FROM budget_project_authors a JOIN budget_projects p ON p.id = a.project_id WHERE a.user_id = $1 ORDER BY p.created_at`,
          [userId],
        ),
    });
    this.personalData.register({
      name: 'budgetEndorsements',
      collect: async (userId, m) =>
        m.query(
          `SELECT e.project_id AS "projectId", p.title, e.created_at AS "createdAt" FROM budget_endorsements e JOIN budget_projects p ON p.id = e.project_id
            WHERE e.user_id = $1 ORDER BY e.created_at`,
          [userId],
        ),
    });
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
