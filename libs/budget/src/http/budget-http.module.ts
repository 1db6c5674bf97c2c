import { Module } from '@nestjs/common';
import { BudgetModule } from '../budget.module';
import { AttachmentsController } from './attachments.controller';
import { BallotController } from './ballot.controller';
import { AuthorsController, CorrectionsController } from './collaboration.controller';
import { EditionsAdminController, EditionsController } from './editions.controller';
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
  ],
})
export class BudgetHttpModule {}
