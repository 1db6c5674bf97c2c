import { Module } from '@nestjs/common';
import { JobExecutionRepository } from '../job-execution.repository';
import { OutboxRepository } from '../outbox.repository';
import { SystemProcessor } from './system.processor';

/** Processors of the `system` queue (imported by apps/worker, and by the API when jobs run in-process). */
@Module({ providers: [SystemProcessor, OutboxRepository, JobExecutionRepository] })
export class SystemJobsModule {}
