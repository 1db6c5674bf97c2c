import { Module } from '@nestjs/common';
import { VotingModule } from '../voting.module';

/** The voting booth: start, identity, pools, one ballot form per pool, review, confirmation with the mailed code, and "did my vote count?". */
@Module({ imports: [VotingModule], controllers: [] })
export class BoothWebModule {}
