import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit('civitas');
  const app = await createApiApp(config);
  // A graceful stop (SIGTERM/SIGINT: not ready, requests under way finish, connections closed, exit 0) is bounded: a
  // request or a connection that does not finish within SHUTDOWN_TIMEOUT_MS does not keep the process alive.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`civitas: did not stop within ${config.ops.shutdownTimeoutMs} ms of ${signal}; exiting\n`);
        process.exit(1);
      }, config.ops.shutdownTimeoutMs).unref();
    });
  }
  await app.listen(config.http.port, config.http.host);
  const db = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.database.dir ?? 'memory'}`;
  const jobs = config.queue.kind === 'redis' ? 'BullMQ on Redis (REDIS_URL)' : 'in-process job driver';
  const mail = config.mail.kind === 'smtp' ? 'SMTP (SMTP_URL)' : `.eml files in ${config.mail.dir}`;
  process.stderr.write(`civitas: listening on ${config.http.publicUrl} — database: ${db}; jobs: ${jobs}; mail: ${mail}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`civitas: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
