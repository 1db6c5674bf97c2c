import { JOB_NAMES, JOB_QUEUE, UnknownJobError } from '@civitas/queue';
import type { JobLike } from '@civitas/queue';
import type { AuthService } from '../auth.service';
import { AccountMailService } from './account-mail.service';
import { AccountsProcessor } from './accounts.processor';

describe('AccountsProcessor', () => {
  const sent: string[] = [];
  const service = { send: async (id: string) => (sent.push(id), 'sent') } as unknown as AccountMailService;
  const started: string[] = [];
  const auth = { startPasswordReset: async (id: string) => void started.push(id) } as unknown as AuthService;
  const processor = new AccountsProcessor(service, auth);

  it('hands send-account-email to the account mail service with the request id only', async () => {
    const names = JOB_NAMES.filter((n) => JOB_QUEUE[n] === 'accounts');
    expect(names).toEqual(['send-account-email', 'start-password-reset']);
    await processor.process({ name: 'send-account-email', data: { requestId: 'r-1' }, attemptsMade: 0 } as JobLike);
    expect(sent).toEqual(['r-1']);
  });

  it('hands start-password-reset to the auth service with the request id only', async () => {
    await processor.process({ name: 'start-password-reset', data: { resetRequestId: 'p-1' }, attemptsMade: 0 } as JobLike);
    expect(started).toEqual(['p-1']);
  });

  it('fails loudly on a job it does not know', async () => {
    await expect(processor.process({ name: 'record-heartbeat', data: { note: 'x' }, attemptsMade: 0 } as JobLike)).rejects.toBeInstanceOf(UnknownJobError);
  });
});
