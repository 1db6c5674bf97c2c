import { Module } from '@nestjs/common';

/** Voting policy, ballot specs, voters and ballots on every channel. */
@Module({})
export class VotingBallotsModule {}
