import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@civitas/auth';
import { READINESS_CHECKS, ReadinessCheck } from '@civitas/common';

/** Probes for load balancers and orchestrators: no credentials needed. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Optional() @Inject(READINESS_CHECKS) private readonly extra: ReadinessCheck[] = [],
  ) {}

  /** The process is up (no dependencies checked). */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** The process can serve requests: the database answers (and Redis, when configured). */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 3000 }), ...(this.extra ?? []).map((c) => c as HealthIndicatorFunction)]);
  }
}
