import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobName, JobPayloads } from './job-registry';
import { OutboxRepository } from './outbox.repository';

/**
 * Writes jobs to the transactional outbox. Call it with the EntityManager of the transaction that makes the change
 * the job follows from: the job exists if and only if the change commits. The relay delivers it afterwards
 * (job id = outbox row id).
 */
@Injectable()
export class OutboxService {
  constructor(private readonly rows: OutboxRepository) {}

  enqueue<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], opts: { delayMs?: number } = {}): Promise<string> {
    return this.rows.insert(manager, JOB_QUEUE[name], name, payload, opts.delayMs ?? 0);
  }

  /** Writes one job per payload with a single statement (e.g. a send-email job per delivery of a fan-out chunk). */
  async enqueueMany<N extends JobName>(manager: EntityManager, name: N, payloads: Array<JobPayloads[N]>): Promise<string[]> {
    if (payloads.length === 0) return [];
    return this.rows.insertMany(manager, JOB_QUEUE[name], name, payloads);
  }
}
