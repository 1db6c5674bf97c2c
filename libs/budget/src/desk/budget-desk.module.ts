import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { AuthModule, coversRole, DeskQueues, type AuthenticatedUser } from '@civitas/auth';
import { BudgetModule } from '../budget.module';
import { ReviewsService, type ReviewQueueKind } from '../reviews.service';
import { BD } from './budget-desk.texts';
import { EditionsDeskController } from './editions-desk.controller';
import { PA } from './project-acts-desk.texts';
import { ProjectActsDeskController } from './project-acts-desk.controller';
import { ReviewsDeskController } from './reviews-desk.controller';

/**
 * The participatory budget's part of the officials' desk: the review queue and a project's review page (with its
 * appeal decision), the other acts on a project (cost corrections, paper support lists, merges, exclusion groups) and
 * the implementation updates of selected projects, and (administrators) the editions with their pools. Its queues show on /desk and /desk/budget with the counts and nearest deadlines of the
 * official's own areas.
 */
@Module({ imports: [BudgetModule, AreasModule, AuthModule], controllers: [ReviewsDeskController, ProjectActsDeskController, EditionsDeskController] })
export class BudgetDeskModule implements OnModuleInit {
  constructor(
    private readonly desk: DeskQueues,
    private readonly reviews: ReviewsService,
  ) {}

  onModuleInit(): void {
    const queue = (id: string, order: number, kind: ReviewQueueKind, title: typeof BD.queueReviews) =>
      this.desk.register({
        id,
        area: 'budget',
        order,
        title,
        href: `/desk/budget/reviews?status=${kind}`,
        count: async (user: AuthenticatedUser) => (coversRole(user.grants, 'official', undefined) ? this.reviews.queueCount(user, kind) : null),
      });
    queue('budget.reviews', 10, 'review', BD.queueReviews);
    queue('budget.corrections', 20, 'correction', BD.queueCorrections);
    queue('budget.appeals', 30, 'appeal', BD.queueAppeals);
    this.desk.link({
      id: 'budget.editions',
      area: 'budget',
      order: 10,
      title: BD.linkEditions,
      description: BD.linkEditionsHint,
      href: '/desk/budget/editions',
      roles: [],
    });
    this.desk.link({
      id: 'budget.implementation',
      area: 'budget',
      order: 20,
      title: PA.implementationListTitle,
      description: PA.implementationListHint,
      href: '/desk/budget/implementation',
      roles: ['official'],
    });
  }
}
