import { Module } from '@nestjs/common';
import { SystemProcessor } from './system.processor';

/** Processors of the `system` queue (imported by apps/worker, and by the API when jobs run in-process). */
@Module({ providers: [SystemProcessor] })
export class SystemJobsModule {}
