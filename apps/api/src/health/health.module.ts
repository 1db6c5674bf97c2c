import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsModule } from '@civitas/common';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { QueueDepthMetrics } from './queue-depth';
import { ShutdownState } from './shutdown';

/** /health/live, /health/ready, /metrics (with METRICS_TOKEN), and the API's graceful stop. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' }), MetricsModule.forRoot()],
  controllers: [HealthController, MetricsController],
  providers: [ShutdownState, QueueDepthMetrics],
  exports: [ShutdownState],
})
export class HealthModule {}
