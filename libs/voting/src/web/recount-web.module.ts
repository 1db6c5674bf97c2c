import { Module } from '@nestjs/common';
import { BudgetModule } from '@civitas/budget';
import { VotingModule } from '../voting.module';
import { RecountPagesController } from './recount-pages.controller';

/** The recount in the browser: the published results.pb run through @civitas/tally on the visitor's machine. */
@Module({ imports: [VotingModule, BudgetModule], controllers: [RecountPagesController] })
export class RecountWebModule {}
