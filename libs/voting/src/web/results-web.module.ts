import { Module } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { BudgetModule } from '@civitas/budget';
import { VotingModule } from '../voting.module';
import { ResultsPageController } from './results-page.controller';
import { TurnoutPageController } from './turnout-page.controller';

/** Turnout during the vote and the published results, per edition and pool, with the reasons and the downloads. */
@Module({ imports: [VotingModule, BudgetModule, AreasModule], controllers: [TurnoutPageController, ResultsPageController] })
export class ResultsWebModule {}
