import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Fastify's genReqId: a well-formed incoming X-Request-Id (from a proxy) or a new UUID. */
export function requestIdFromHeaders(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && VALID.test(incoming) ? incoming : randomUUID();
}

/** The request id of a Fastify request or of its raw request (middleware sees the raw one). */
export function requestIdOf(req: { raw?: object; id?: unknown } | undefined): string | undefined {
  const id = req?.id ?? (req?.raw as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : id !== undefined ? String(id) : undefined;
}
