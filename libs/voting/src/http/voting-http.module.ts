import { Module } from '@nestjs/common';
import { VotingModule } from '../voting.module';

/** The voting routes (API only). */
@Module({ imports: [VotingModule], controllers: [] })
export class VotingHttpModule {}
