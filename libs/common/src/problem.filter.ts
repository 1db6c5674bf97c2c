import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { Locale, pickLocale } from './i18n';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, STATUS_OF_KIND, titleFor } from './problem';
import { requestIdOf } from './request-id';
import { isDependencyUnavailable } from './metrics/unavailable';

const PG_UNIQUE_VIOLATION = '23505';

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_requests',
  503: 'unavailable',
};

const DETAIL_OF_STATUS: Record<number, { pl: string; en: string }> = {
  400: { pl: 'Żądanie ma nieprawidłową postać.', en: 'The request is malformed.' },
  401: { pl: 'Zaloguj się, aby kontynuować.', en: 'Log in to continue.' },
  403: { pl: 'Nie masz uprawnień do tej operacji.', en: 'You are not allowed to do this.' },
  404: { pl: 'Nie ma takiego zasobu.', en: 'There is no such resource.' },
  405: { pl: 'Ta metoda nie jest tu dozwolona.', en: 'This method is not allowed here.' },
  409: { pl: 'Zasób o tych danych już istnieje.', en: 'A resource with this data already exists.' },
  413: { pl: 'Żądanie jest zbyt duże.', en: 'The request is too large.' },
  415: {
    pl: 'Ten format danych nie jest obsługiwany: wyślij dane jako application/json, a załączniki jako PDF, PNG lub JPEG.',
    en: 'This media type is not supported: send data as application/json and attachments as PDF, PNG or JPEG.',
  },
  429: { pl: 'Zbyt wiele prób. Spróbuj ponownie później.', en: 'Too many attempts. Try again later.' },
  503: { pl: 'Usługa jest chwilowo niedostępna.', en: 'The service is temporarily unavailable.' },
};

/** A failed readiness check (terminus) keeps its per-dependency report, as RFC 9457 extension members. */
function healthDetails(err: unknown): Record<string, unknown> {
  if (!(err instanceof HttpException)) return {};
  const body = err.getResponse() as { details?: unknown; info?: unknown; error?: unknown };
  if (typeof body !== 'object' || body === null || !('details' in body)) return {};
  return { info: body.info, error: body.error, details: body.details };
}

/**
 * What a log line may say about an unexpected error: its type, message, codes, SQL text and stack — never the
 * statement's parameters (TypeORM's QueryFailedError carries them: addresses, names, texts a user sent).
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err) };
  const e = err as Error & { code?: unknown; query?: unknown; driverError?: { code?: unknown; routine?: unknown } };
  return {
    type: e.name,
    message: e.message,
    code: e.driverError?.code ?? e.code,
    ...(typeof e.query === 'string' ? { query: e.query } : {}),
    stack: e.stack,
  };
}

/** Builds the problem document for any error; unknown errors become a 500 that reveals nothing but the request id. */
export function toProblem(err: unknown, locale: Locale, requestId: string | undefined, instance?: string): { problem: Problem; unexpected: boolean } {
  // The path is named only when it is of a sane length: an over-long one is never echoed back.
  const base = { instance: instance !== undefined && instance.length <= 512 ? instance : undefined, requestId };
  if (err instanceof DomainError) {
    const status = STATUS_OF_KIND[err.kind];
    return {
      problem: {
        type: problemType(err.code),
        title: titleFor(status, locale),
        status,
        detail: err.text[locale],
        code: err.code,
        ...base,
        ...(err.fields ? { errors: err.fields.map((f) => ({ field: f.field, code: f.code, message: f.text[locale] })) } : {}),
      },
      unexpected: false,
    };
  }
  // PostgreSQL or Redis away (stopped, restarting, unreachable): 503 at once, so clients retry later; not a 500.
  if (isDependencyUnavailable(err)) return toProblem(Object.assign(new Error('dependency unavailable'), { statusCode: 503 }), locale, requestId, instance);
  const sqlState = (err as { driverError?: { code?: string }; code?: string })?.driverError?.code;
  if (sqlState === PG_UNIQUE_VIOLATION) {
    return {
      problem: { type: problemType('conflict'), title: titleFor(409, locale), status: 409, detail: DETAIL_OF_STATUS[409][locale], code: 'conflict', ...base },
      unexpected: false,
    };
  }
  const status =
    err instanceof HttpException
      ? err.getStatus()
      : typeof (err as { statusCode?: unknown })?.statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
  if (status >= 500 && status !== 503) {
    return {
      problem: {
        type: problemType('internal_error'),
        title: titleFor(500, locale),
        status: 500,
        detail:
          locale === 'pl'
            ? `Wystąpił nieoczekiwany błąd. Podaj identyfikator ${requestId ?? '-'} zgłaszając problem.`
            : `An unexpected error occurred. Quote ${requestId ?? '-'} when reporting it.`,
        code: 'internal_error',
        ...base,
      },
      unexpected: true,
    };
  }
  const code = CODE_OF_STATUS[status] ?? 'bad_request';
  const detail = DETAIL_OF_STATUS[status] ?? DETAIL_OF_STATUS[400];
  return {
    problem: { type: problemType(code), title: titleFor(status, locale), status, detail: detail[locale], code, ...base, ...healthDetails(err) },
    unexpected: false,
  };
}

/** The one global filter: every error leaves the API as RFC 9457 application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = requestIdOf(req);
    const { problem, unexpected } = toProblem(err, pickLocale(req.headers['accept-language']), requestId, req.url?.split('?')[0]);
    if (unexpected) this.logger.error({ err: loggableError(err), requestId }, 'Unhandled error');
    const retryAfter = err instanceof HttpException ? (err.getResponse() as { retryAfter?: number })?.retryAfter : undefined;
    if (retryAfter) void reply.header('retry-after', String(retryAfter));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
