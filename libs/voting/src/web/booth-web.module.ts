import { Module } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { BudgetModule } from '@civitas/budget';
import { VotingBallotsModule } from '../ballots/ballots.module';
import { IpLimitGuard } from '../http/ip-rate-limit';
import { VotingModule } from '../voting.module';
import { BoothController } from './booth.controller';
import { BoothDrafts } from './booth-drafts.service';

/** The voting booth: start, identity, pools, one ballot form per pool, review, confirmation with the mailed code, and "did my vote count?". */
@Module({ imports: [VotingModule, VotingBallotsModule, BudgetModule, AreasModule], providers: [BoothDrafts, IpLimitGuard], controllers: [BoothController] })
export class BoothWebModule {}
