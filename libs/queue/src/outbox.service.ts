import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobName, JobPayloads } from './job-registry';

/**
 * Writes jobs to the transactional outbox. Call it with the EntityManager of the transaction that makes the change
 * the job follows from: the job exists if and only if the change commits. The relay delivers it afterwards
 * (job id = outbox row id).
 */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], opts: { delayMs?: number } = {}): Promise<string> {
    const rows = (await manager.query(
      `INSERT INTO outbox (queue, job_name, payload, available_at)
       VALUES ($1, $2, $3::jsonb, now() + ($4::int * interval '1 millisecond'))
       RETURNING id`,
      [JOB_QUEUE[name], name, JSON.stringify(payload), opts.delayMs ?? 0],
    )) as Array<{ id: string }>;
    return rows[0].id;
  }

  /** Writes one job per payload with a single statement (e.g. a send-email job per delivery of a fan-out chunk). */
  async enqueueMany<N extends JobName>(manager: EntityManager, name: N, payloads: Array<JobPayloads[N]>): Promise<string[]> {
    if (payloads.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO outbox (queue, job_name, payload)
       SELECT $1, $2, p FROM unnest($3::jsonb[]) WITH ORDINALITY AS t(p, n) ORDER BY n
       RETURNING id`,
      [JOB_QUEUE[name], name, payloads.map((p) => JSON.stringify(p))],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }
}
