import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_PROCESSOR_QUEUE, JobLike } from './job-processor.decorator';
import { JobDriver, OutboxRow } from './job-driver';
import { QueueName } from './job-registry';

interface ProcessorLike {
  process(job: JobLike): Promise<unknown>;
}

/**
 * The embedded job driver: runs the same @JobProcessor classes inside this process. The relay calls it for each
 * due outbox row and records success, or failure with a retry time.
 */
@Injectable()
export class InlineDriver extends JobDriver {
  readonly mode = 'execute' as const;
  private processors: Map<QueueName, ProcessorLike> | null = null;

  constructor(private readonly discovery: DiscoveryService) {
    super();
  }

  private find(queue: QueueName): ProcessorLike | undefined {
    if (!this.processors) {
      this.processors = new Map();
      for (const wrapper of this.discovery.getProviders()) {
        const instance = wrapper.instance as ProcessorLike | undefined;
        if (!instance || !wrapper.metatype) continue;
        const q = Reflect.getMetadata(JOB_PROCESSOR_QUEUE, wrapper.metatype) as QueueName | undefined;
        if (q) this.processors.set(q, instance);
      }
    }
    return this.processors.get(queue);
  }

  async dispatch(row: OutboxRow): Promise<void> {
    const processor = this.find(row.queue);
    if (!processor) throw new Error(`No processor for queue "${row.queue}" in this process`);
    await processor.process({ id: row.id, name: row.job_name, data: row.payload as never, attemptsMade: row.attempts });
  }

  async close(): Promise<void> {}
}
