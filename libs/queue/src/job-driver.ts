import type { JobName, QueueName } from './job-registry';

/** An outbox row claimed by the relay. Its id is the job id everywhere. */
export interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: JobName;
  payload: unknown;
  attempts: number;
}

/**
 * Where the relay sends jobs.
 * - `handoff` (BullMQ): the row is done once the queue holds the job; BullMQ owns retries from then on.
 * - `execute` (in-process): dispatching runs the job; the row is done when it succeeded, and the relay retries it
 *   with backoff (the outbox row is the job's only durable copy) until the attempts run out.
 */
export abstract class JobDriver {
  abstract readonly mode: 'handoff' | 'execute';
  abstract dispatch(row: OutboxRow): Promise<void>;
  /** Hands several rows over at once (handoff drivers); all or nothing. */
  dispatchMany?(rows: OutboxRow[]): Promise<void>;
  abstract close(): Promise<void>;
}
