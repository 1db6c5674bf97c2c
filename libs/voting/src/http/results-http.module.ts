import { Module } from '@nestjs/common';
import { VotingResultsModule } from '../results/results.module';
import { ResultsAdminController, ResultsController } from './results.controller';

/** Routes of the tally, the results, their publication and the open data export. */
@Module({ imports: [VotingResultsModule], controllers: [ResultsAdminController, ResultsController] })
export class ResultsHttpModule {}
