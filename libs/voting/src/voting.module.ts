import { Module } from '@nestjs/common';
import { VotingBallotsModule } from './ballots/ballots.module';
import { VotingResultsModule } from './results/results.module';

/** Voting and results of budget editions (DESIGN §4.4): ballots on every channel, the tally job, publication. */
@Module({
  imports: [VotingBallotsModule, VotingResultsModule],
  exports: [VotingBallotsModule, VotingResultsModule],
})
export class VotingModule {}
