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
import { PoolRepository } from './pool.repository';
import { ProjectRepository } from './project.repository';
import { ReviewRepository } from './review.repository';

/** Each table's SQL, as named methods with typed rows; the services keep the use cases and the transactions. */
const REPOSITORIES = [
  ProjectRepository,
  AuthorRepository,
  EditionRepository,
  PoolRepository,
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
    private readonly editionsRepo: EditionRepository,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'budgetProjects',
      collect: async (userId, m) => this.editionsRepo.listProjectsOfUser(m, userId),
    });
    this.personalData.register({
      name: 'budgetEndorsements',
      collect: async (userId, m) => this.editionsRepo.listEndorsementsOfUser(m, userId),
    });
    this.scheduler.register(this.ballot.schedule());
    this.topics.register('edition', {
      describe: async (ids, m) => {
        const rows = await this.editionsRepo.listPublishedNames(m, ids);
        return new Map(rows.map((r) => [r.id, { pl: `Budżet obywatelski: ${r.name}`, en: `Participatory budget: ${r.name}` }]));
      },
      offered: async (m) => (await this.editionsRepo.listOfferedIds(m)).map((id) => `edition:${id}`),
    });
  }
}
