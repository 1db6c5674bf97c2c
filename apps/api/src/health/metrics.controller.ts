import { timingSafeEqual, createHash } from 'node:crypto';
import { Controller, Get, HttpException, NotFoundException, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@civitas/auth';
import { Metrics, pickLocale, PROBLEM_CONTENT_TYPE, requestIdOf, toProblem } from '@civitas/common';
import { AppConfig } from '@civitas/config';

/** Whether an Authorization header carries the expected Bearer token (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}

/**
 * Prometheus metrics of this API process (text exposition format). Only with METRICS_TOKEN set, and only for a
 * request carrying it as a Bearer token: without the setting the route does not exist (404); without or with a
 * wrong token the answer is 401. Errors are problem+json (written here: outside /api and /health the global filter
 * would answer people with an HTML page).
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | void> {
    const token = this.config.ops.metricsToken;
    if (!token) return this.refuse(req, reply, new NotFoundException());
    if (!bearerMatches(req.headers.authorization, token)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      return this.refuse(req, reply, new UnauthorizedException());
    }
    void reply.header('content-type', this.metrics.contentType).header('cache-control', 'no-store');
    return this.metrics.render();
  }

  private refuse(req: FastifyRequest, reply: FastifyReply, err: HttpException): void {
    const { problem } = toProblem(err, pickLocale(req.headers['accept-language']), requestIdOf(req), '/metrics');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
