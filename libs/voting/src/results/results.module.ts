import { Module } from '@nestjs/common';

/** Tally runs, stored results, their publication and the open data export. */
@Module({})
export class VotingResultsModule {}
