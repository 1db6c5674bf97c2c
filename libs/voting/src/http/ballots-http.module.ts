import { Module } from '@nestjs/common';
import { VotingBallotsModule } from '../ballots/ballots.module';
import { BallotsController, PaperBallotsController } from './ballots.controller';
import { IpLimitGuard } from './ip-rate-limit';
import { TurnoutController } from './turnout.controller';
import { VotingConfigController } from './voting-config.controller';

/** Routes of the voting policy, ballot specs, ballots, paper entry and turnout; the per-IP limit of the ballot routes. */
@Module({
  imports: [VotingBallotsModule],
  providers: [IpLimitGuard],
  controllers: [VotingConfigController, BallotsController, PaperBallotsController, TurnoutController],
})
export class BallotsHttpModule {}
