import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Metrics } from '@civitas/common';
import { AppConfig } from '@civitas/config';

const PROBLEM = 'application/problem+json';

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}

/**
 * The worker has no HTTP API; with METRICS_PORT set it serves its own Prometheus metrics (jobs run, their
 * durations, mails sent and failed) at GET /metrics on that port, behind the same Bearer token as the API
 * (METRICS_TOKEN; without it every path answers 404).
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private server: Server | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort: port, metricsToken: token } = this.config.ops;
    if (!port) return;
    if (!token) this.logger.warn('METRICS_PORT is set without METRICS_TOKEN: /metrics answers 404');
    const problem = (status: number, code: string, title: string) => JSON.stringify({ type: 'about:blank', title, status, code });
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (!token || path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': PROBLEM }).end(problem(404, 'not_found', 'Not Found'));
        return;
      }
      if (!bearerMatches(req.headers.authorization, token)) {
        res.writeHead(401, { 'content-type': PROBLEM, 'www-authenticate': 'Bearer realm="metrics"' }).end(problem(401, 'unauthorized', 'Unauthorized'));
        return;
      }
      this.metrics.render().then(
        (body) => res.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
        () => res.writeHead(500, { 'content-type': PROBLEM }).end(problem(500, 'internal_error', 'Internal Server Error')),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.config.http.host, () => resolve());
    });
    this.logger.log(`metrics on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
