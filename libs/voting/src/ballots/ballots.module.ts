import { Module } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { BudgetModule } from '@civitas/budget';
import { BallotMailer } from './ballot-mailer.service';
import { BallotsService } from './ballots.service';
import { PaperBallotsService } from './paper-ballots.service';
import { VotingConfigService } from './voting-config.service';

const SERVICES = [VotingConfigService, BallotsService, PaperBallotsService, BallotMailer];

/** Voting policy, ballot specs, voters and ballots on every channel. */
@Module({ imports: [AuthModule, BudgetModule], providers: SERVICES, exports: SERVICES })
export class VotingBallotsModule {}
