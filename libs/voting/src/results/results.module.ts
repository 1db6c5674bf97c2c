import { Module } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { BudgetModule } from '@civitas/budget';
import { NotificationsModule } from '@civitas/notifications';
import { PabulibImportService } from './import.service';
import { ResultsService } from './results.service';
import { TallyRunner } from './tally-runner.service';
import { ResultsRepository } from './results.repository';
import { TallyRunRepository } from './tally-run.repository';

/** Tally runs, stored results, their publication and the open data export; the Pabulib import. */
@Module({
  imports: [AuthModule, BudgetModule, NotificationsModule],
  providers: [ResultsRepository, TallyRunRepository, TallyRunner, ResultsService, PabulibImportService],
  exports: [ResultsRepository, TallyRunRepository, TallyRunner, ResultsService, PabulibImportService],
})
export class VotingResultsModule {}
