import type { DataSource, EntityManager } from 'typeorm';
import { JobExecutionRepository } from './job-execution.repository';

/**
 * Runs a job's effect at most once per job id: the effect and the job_executions row commit together, so a
 * repeated delivery of the same job (at-least-once queues) finds the row and does nothing.
 * Returns false when the job had already run.
 */
export async function runOnce(ds: DataSource, job: { id?: string; name: string }, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
  const id = job.id;
  if (!id) throw new Error(`Job ${job.name} has no id`);
  const executions = new JobExecutionRepository(ds);
  return ds.transaction(async (manager) => {
    if (!(await executions.recordOnce(manager, { id, name: job.name }))) return false;
    await effect(manager);
    return true;
  });
}
