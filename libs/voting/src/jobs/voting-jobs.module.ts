import { Module } from '@nestjs/common';
import { VotingModule } from '../voting.module';
import { VotingProcessor } from './voting.processor';

/** The `voting` queue processor (the worker, or the API when jobs run in-process). */
@Module({ imports: [VotingModule], providers: [VotingProcessor] })
export class VotingJobsModule {}
