import { Module } from '@nestjs/common';
import { VotingModule } from '../voting.module';

/** The `voting` queue processor (the worker, or the API when jobs run in-process). */
@Module({ imports: [VotingModule], providers: [] })
export class VotingJobsModule {}
