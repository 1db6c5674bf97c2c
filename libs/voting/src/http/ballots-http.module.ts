import { Module } from '@nestjs/common';
import { VotingBallotsModule } from '../ballots/ballots.module';
import { BallotsController, PaperBallotsController } from './ballots.controller';
import { TurnoutController } from './turnout.controller';
import { VotingConfigController } from './voting-config.controller';

/** Routes of the voting policy, ballot specs, ballots, paper entry and turnout. */
@Module({ imports: [VotingBallotsModule], controllers: [VotingConfigController, BallotsController, PaperBallotsController, TurnoutController] })
export class BallotsHttpModule {}
