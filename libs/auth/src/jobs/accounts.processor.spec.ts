import { JOB_NAMES, JOB_QUEUE, UnknownJobError } from '@civitas/queue';
import type { JobLike } from '@civitas/queue';
import { AccountMailService } from './account-mail.service';
import { AccountsProcessor } from './accounts.processor';

describe('AccountsProcessor', () => {
  const sent: string[] = [];
  const service = { send: async (id: string) => (sent.push(id), 'sent') } as unknown as AccountMailService;
  const processor = new AccountsProcessor(service);

  it('handles every job of the accounts queue', async () => {
    const names = JOB_NAMES.filter((n) => JOB_QUEUE[n] === 'accounts');
    expect(names).toEqual(['send-account-email']);
    for (const name of names) {
      await expect(processor.process({ name, data: { requestId: 'r-1' }, attemptsMade: 0 } as JobLike)).resolves.toBe('sent');
    }
    expect(sent).toEqual(['r-1']);
  });

  it('fails loudly on a job it does not know', async () => {
    await expect(processor.process({ name: 'record-heartbeat', data: { note: 'x' }, attemptsMade: 0 })).rejects.toBeInstanceOf(UnknownJobError);
  });
});
