/** Node socket errors that mean a dependency (PostgreSQL, Redis, SMTP) cannot be reached right now. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * PostgreSQL SQLSTATEs of a server that is away or going away: class 08 (connection exception), 57P01 admin
 * shutdown (a restart terminates sessions), 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting
 * down), 53300 too many connections.
 */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;

/** Messages of the pg driver and ioredis for a connection that is gone or cannot be had. */
const MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Connection is closed/,
  /enableOfflineQueue options is false/,
  /Reached the max retries per request limit/,
];

/**
 * Whether an error means that a dependency is unreachable (PostgreSQL stopped or restarting, Redis down), so the
 * request should fail fast with 503 rather than as an unexpected 500. Looks through TypeORM's `driverError` and
 * `cause` chains.
 */
export function isDependencyUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  // AggregateError (a connect that tried IPv4 and IPv6): unavailable when every attempt was.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => isDependencyUnavailable(x, depth + 1))) return true;
  return isDependencyUnavailable(e.driverError, depth + 1) || isDependencyUnavailable(e.cause, depth + 1);
}
