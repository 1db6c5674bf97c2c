import { Module } from '@nestjs/common';
import { VotingModule } from '../voting.module';

/** Turnout during the vote and the published results, per edition and pool, with the reasons and the downloads. */
@Module({ imports: [VotingModule], controllers: [] })
export class ResultsWebModule {}
