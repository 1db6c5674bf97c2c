import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a job's effect at most once per job id: the effect and the job_executions row commit together, so a
 * repeated delivery of the same job (at-least-once queues) finds the row and does nothing.
 * Returns false when the job had already run.
 */
export async function runOnce(ds: DataSource, job: { id?: string; name: string }, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
  if (!job.id) throw new Error(`Job ${job.name} has no id`);
  return ds.transaction(async (manager) => {
    const inserted = (await manager.query(`INSERT INTO job_executions (job_id, job_name) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING RETURNING job_id`, [
      job.id,
      job.name,
    ])) as unknown[];
    if (inserted.length === 0) return false;
    await effect(manager);
    return true;
  });
}
