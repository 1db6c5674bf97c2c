import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@civitas/auth';
import { BudgetModule } from '@civitas/budget';
import { Scheduler } from '@civitas/queue';
import { BallotMailer } from './ballot-mailer.service';
import { BallotsService } from './ballots.service';
import { IdentityRetentionService } from './identity-retention.service';
import { PaperBallotsService } from './paper-ballots.service';
import { VotingConfigService } from './voting-config.service';
import { IpRateLimiter } from '../http/ip-rate-limit';
import { PaperSheetRepository } from './paper-sheet.repository';
import { VoteRepository } from './vote.repository';
import { VotingConfigRepository } from './voting-config.repository';

/** Each table's SQL, as named methods with typed rows; the services keep the use cases and the transactions. */
const REPOSITORIES = [VoteRepository, PaperSheetRepository, VotingConfigRepository];

// IpRateLimiter: one count per process for the ballot routes of the API and the booth's pages alike.
const SERVICES = [VotingConfigService, BallotsService, PaperBallotsService, BallotMailer, IdentityRetentionService, IpRateLimiter];

/** Voting policy, ballot specs, voters and ballots on every channel; the erasure of voter identities (hourly). */
@Module({ imports: [AuthModule, BudgetModule], providers: [...REPOSITORIES, ...SERVICES], exports: [...REPOSITORIES, ...SERVICES] })
export class VotingBallotsModule implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly retention: IdentityRetentionService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(this.retention.schedule());
  }
}
