import 'reflect-metadata';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { JOB_MODULES as API_JOB_MODULES } from '../../apps/api/src/job-modules';
import { JOB_MODULES as WORKER_JOB_MODULES } from '../../apps/worker/src/job-modules';
import { JOB_NAMES, JOB_PROCESSOR_QUEUE, JOB_QUEUE, QUEUES, runHandler, UnknownJobError } from '@civitas/queue';

function processorQueues(modules: unknown[]): string[] {
  const queues: string[] = [];
  for (const m of modules) {
    const providers = (Reflect.getMetadata(MODULE_METADATA.PROVIDERS, m as object) ?? []) as unknown[];
    for (const p of providers) {
      const q = typeof p === 'function' ? (Reflect.getMetadata(JOB_PROCESSOR_QUEUE, p) as string | undefined) : undefined;
      if (q) queues.push(q);
    }
  }
  return queues.sort();
}

describe('job registry', () => {
  it('sends every job to a known queue', () => {
    for (const name of JOB_NAMES) expect(QUEUES).toContain(JOB_QUEUE[name]);
  });

  it.each([
    ['apps/worker', WORKER_JOB_MODULES],
    ['apps/api (in-process driver)', API_JOB_MODULES],
  ])('%s has exactly one processor for every queue', (_, modules) => {
    expect(processorQueues(modules)).toEqual([...QUEUES].sort());
  });

  it('runHandler fails loudly on a job name its queue does not handle', async () => {
    const handlers = { 'record-heartbeat': async () => undefined, 'purge-outbox': async () => undefined };
    await expect(runHandler('system', handlers, { name: 'no-such-job', data: {}, attemptsMade: 0 } as never)).rejects.toThrow(UnknownJobError);
    await expect(runHandler('system', handlers, { name: 'toString', data: {}, attemptsMade: 0 } as never)).rejects.toThrow(UnknownJobError);
  });
});
