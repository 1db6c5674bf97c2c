import { Module } from '@nestjs/common';
import { VotingModule } from '../voting.module';

/** The recount in the browser: the published results.pb run through @civitas/tally on the visitor's machine. */
@Module({ imports: [VotingModule], controllers: [] })
export class RecountWebModule {}
