import { Module } from '@nestjs/common';
import { BudgetModule } from '../budget.module';
import { AttachmentsController } from './attachments.controller';
import { BallotController } from './ballot.controller';
import { AuthorsController, CorrectionsController } from './collaboration.controller';
import { EditionsAdminController, EditionsController } from './editions.controller';
import { ImplementationController } from './implementation.controller';
import { ProjectsController } from './projects.controller';
import { ReviewsController } from './reviews.controller';

/** The budget's HTTP routes (API only). */
@Module({
  imports: [BudgetModule],
  controllers: [
    EditionsController,
    EditionsAdminController,
    ProjectsController,
    ReviewsController,
    AttachmentsController,
    AuthorsController,
    CorrectionsController,
    BallotController,
    ImplementationController,
  ],
})
export class BudgetHttpModule {}
