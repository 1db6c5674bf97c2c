import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { JobName, JobPayloads, JobsOf, QueueName } from './job-registry';

export const JOB_PROCESSOR_QUEUE = Symbol('civitas:job-processor-queue');

/**
 * Worker settings, set from the configuration by apps/worker before it boots. BullMQ workers are created from
 * decorator options; these are read through getters when the workers are created, not when classes are defined.
 */
export const workerSettings: { concurrency: number; lockMs: number; queueConcurrency: Partial<Record<QueueName, number>> } = {
  concurrency: 4,
  lockMs: 30_000,
  /** Per-queue overrides (the `mail` queue runs MAIL_CONCURRENCY sends at once). */
  queueConcurrency: {},
};

const workerOptions = (queue: QueueName) => ({
  get concurrency() {
    return workerSettings.queueConcurrency[queue] ?? workerSettings.concurrency;
  },
  get lockDuration() {
    return workerSettings.lockMs;
  },
  get stalledInterval() {
    return workerSettings.lockMs;
  },
});

/**
 * Marks a class (extending WorkerHost) as the processor of a queue. Under BullMQ (apps/worker) it becomes a BullMQ
 * worker; without Redis the in-process driver discovers it by the same mark and calls its `process(job)`.
 */
export function JobProcessor(queue: QueueName): ClassDecorator {
  return applyDecorators(Processor(queue, workerOptions(queue)), SetMetadata(JOB_PROCESSOR_QUEUE, queue));
}

/** The part of a BullMQ Job that processors may rely on (the in-process driver provides exactly this). */
export interface JobLike<N extends string = string> {
  id?: string;
  name: N;
  data: N extends JobName ? JobPayloads[N] : unknown;
  attemptsMade: number;
}

/** Narrows a job to its payload type by name: `if (isJob(job, 'send-account-email')) job.data.requestId`. */
export function isJob<N extends JobName>(job: JobLike, name: N): job is JobLike<N> {
  return job.name === name;
}

export class UnknownJobError extends Error {
  constructor(queue: string, name: string) {
    super(`Queue "${queue}" has no handler for job "${name}"`);
  }
}

/**
 * One handler per job of queue Q: a processor that forgets a job of its queue does not compile.
 * `process(job)` then calls `runHandler(QUEUE, this.handlers, job)`.
 */
export type JobHandlers<Q extends QueueName> = { [K in JobsOf<Q>]: (job: JobLike<K>) => Promise<void> };

export async function runHandler<Q extends QueueName>(queue: Q, handlers: JobHandlers<Q>, job: JobLike): Promise<void> {
  const handler = (handlers as unknown as Record<string, ((job: JobLike) => Promise<void>) | undefined>)[job.name];
  if (!handler || !Object.prototype.hasOwnProperty.call(handlers, job.name)) throw new UnknownJobError(queue, job.name);
  await handler(job);
}
