import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@civitas/config';

/**
 * The API's graceful stop (SIGTERM), before the HTTP server closes: /health/ready starts answering 503 at once, and
 * the process keeps serving for SHUTDOWN_DELAY_MS so that a load balancer takes it out of rotation first. Then Nest
 * closes the HTTP server (no new connections; requests under way finish), and only after that the database pool,
 * the Redis connection and the mail transport (their onApplicationShutdown hooks). main.ts bounds the whole stop by
 * SHUTDOWN_TIMEOUT_MS.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private drainingSince: number | null = null;

  constructor(private readonly config: AppConfig) {}

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.drainingSince = Date.now();
    const delay = this.config.ops.shutdownDelayMs;
    this.logger.log(
      `Stopping${signal ? ` on ${signal}` : ''}: not ready from now on${delay ? `, serving ${delay} ms more` : ''}, then finishing requests under way`,
    );
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  }
}
