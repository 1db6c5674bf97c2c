import { Module } from '@nestjs/common';
import { BallotsHttpModule } from './ballots-http.module';
import { ResultsHttpModule } from './results-http.module';

/** The voting routes (API only). */
@Module({ imports: [BallotsHttpModule, ResultsHttpModule] })
export class VotingHttpModule {}
