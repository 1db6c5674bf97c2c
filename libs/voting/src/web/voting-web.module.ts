import { Module } from '@nestjs/common';
import { VotingDeskModule } from '../desk/voting-desk.module';
import { BoothWebModule } from './booth-web.module';
import { RecountWebModule } from './recount-web.module';
import { ResultsWebModule } from './results-web.module';

/** The voting pages for residents: the booth, turnout and results, the recount in the browser. */
@Module({ imports: [BoothWebModule, ResultsWebModule, RecountWebModule, VotingDeskModule] })
export class VotingWebModule {}
