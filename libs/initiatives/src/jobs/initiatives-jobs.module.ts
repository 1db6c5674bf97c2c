import { Module } from '@nestjs/common';
import { InitiativesModule } from '../initiatives.module';
import { InitiativesProcessor } from './initiatives.processor';

/** The `initiatives` queue processor (the worker, or the API when jobs run in-process). */
@Module({ imports: [InitiativesModule], providers: [InitiativesProcessor] })
export class InitiativesJobsModule {}
