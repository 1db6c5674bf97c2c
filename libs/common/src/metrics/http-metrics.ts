import type { FastifyInstance } from 'fastify';
import { Metrics } from './metrics';

/**
 * Times every HTTP request (Fastify's onResponse hook) by method, route pattern and status. The route is the pattern
 * Fastify matched (`/api/v1/editions/:id/ballots`), never the URL, so no id, token or address becomes a label.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.observeHttp(req.method, req.routeOptions?.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
