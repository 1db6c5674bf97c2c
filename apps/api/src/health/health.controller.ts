import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@civitas/auth';
import { READINESS_CHECKS, ReadinessCheck } from '@civitas/common';
import { ShutdownState } from './shutdown';

/** A dependency that answers no faster than this is reported down: /health/ready itself fails fast. */
const CHECK_TIMEOUT_MS = 3000;

export class LiveResponse {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

/** Probes for load balancers and orchestrators: no credentials needed. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly shutdown: ShutdownState,
    @Optional() @Inject(READINESS_CHECKS) private readonly extra: ReadinessCheck[] = [],
  ) {}

  /** The process is up (no dependencies checked). */
  @Get('live')
  @ApiOkResponse({ type: LiveResponse })
  live(): LiveResponse {
    return { status: 'ok' };
  }

  /**
   * The process can serve requests: the database answers (and Redis, when configured). 503 with the report of each
   * dependency when one is down, and from the moment the process starts to stop (SIGTERM).
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.shutdown.draining) {
      const down = { process: { status: 'down', message: 'shutting down' } };
      throw new ServiceUnavailableException({ status: 'shutting_down', info: {}, error: down, details: down });
    }
    // A check that does not answer in time is reported down rather than holding the probe.
    const timed =
      (check: ReadinessCheck, i: number): HealthIndicatorFunction =>
      () =>
        Promise.race([
          check(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref()),
        ]).catch((err: Error) => ({ [`dependency${i}`]: { status: 'down' as const, message: err.message } }));
    return this.health.check([() => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }), ...(this.extra ?? []).map(timed)]);
  }
}
