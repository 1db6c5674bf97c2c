import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { loggableError, ProblemFilter, requestIdOf, toProblem } from '@civitas/common';
import { localeOf, WebPages } from '../page/web-pages.service';
import { ErrorPage } from './error-page';

/** Paths that belong to programs, not people: their errors stay problem+json. */
const MACHINE_PATHS = /^\/(api(\/|$)|health(\/|$)|assets\/)/;

export function isPageRequest(req: FastifyRequest): boolean {
  return !MACHINE_PATHS.test(req.url);
}

/**
 * The one global filter. Errors of the JSON API (and health, assets) leave as RFC 9457 problem+json, exactly as
 * before; errors of page routes become pages that say what happened and what to do: 404, 403 (with "sign in" when
 * anonymous), 409, 429, 500 with the request id. A 401 on a page is a redirect to the sign-in page that comes back.
 */
@Catch()
@Injectable()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageErrorFilter');
  private readonly problems = new ProblemFilter();

  constructor(private readonly pages: WebPages) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (!isPageRequest(req) || reply.sent) return this.problems.catch(err, host);
    const locale = localeOf(req);
    const { problem, unexpected } = toProblem(err, locale, requestIdOf(req), req.url.split('?')[0]);
    if (unexpected) this.logger.error({ err: loggableError(err), requestId: problem.requestId }, 'Unhandled error');
    if (problem.status === 401) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
      void reply.status(303).header('cache-control', 'no-store').header('location', `/sign-in${next}`).send();
      return;
    }
    // The throttler sets Retry-After itself; other errors may carry it.
    const carried = err instanceof HttpException ? (err.getResponse() as { retryAfter?: number })?.retryAfter : undefined;
    const retryAfter = carried ?? (Number(reply.getHeader('retry-after')) || undefined);
    if (retryAfter) void reply.header('retry-after', String(retryAfter));
    const page = this.pages.context(reply);
    this.pages.send(reply, page, h(ErrorPage, { problem, retryAfter }), { status: problem.status, caching: 'no-store' });
  }
}
