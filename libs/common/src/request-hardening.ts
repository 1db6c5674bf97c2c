import type { Socket } from 'node:net';
import type { ArgumentMetadata } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, FieldText } from './domain-error';
import { format, pickLocale, Text } from './i18n';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, titleFor } from './problem';
import { requestIdOf } from './request-id';

/**
 * The edge of the API: what is refused before a request reaches a controller, cheaply and with a clear problem+json
 * (never a 500, never the request's URL echoed back). See docs/architecture.md, "Request hardening".
 */

/** How deep a JSON body may nest. Every DTO of the API nests a few levels; a ballot, the deepest, five. */
export const MAX_JSON_DEPTH = 64;
/** The longest URL (path and query) answered; longer is 414. Node itself refuses a request line over 16 KiB (431). */
export const MAX_URL_LENGTH = 8192;

const BRACKET_OPEN = new Set([0x5b, 0x7b]);
const BRACKET_CLOSE = new Set([0x5d, 0x7d]);

/**
 * The deepest nesting of a JSON text, read byte by byte without parsing (brackets inside strings do not count), and
 * stopping as soon as `limit` is passed: a 150,000-deep body costs a fraction of a millisecond, not the parser's
 * and the validator's recursion.
 */
export function jsonDepthExceeds(body: Buffer | string, limit = MAX_JSON_DEPTH): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (BRACKET_OPEN.has(b)) {
      if (++depth > limit) return true;
    } else if (BRACKET_CLOSE.has(b)) depth--;
  }
  return false;
}

export const tooDeepError = (limit = MAX_JSON_DEPTH): DomainError =>
  new DomainError('bad_request', 'json_too_deep', {
    pl: `Dane JSON są zagnieżdżone głębiej niż ${limit} poziomy.`,
    en: `The JSON body nests deeper than ${limit} levels.`,
  });

type JsonParser = (req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => void;

/** The JSON body parser: the depth check first, then Fastify's own parser (prototype poisoning refused). */
export function depthLimitedJsonParser(fastify: FastifyInstance, limit = MAX_JSON_DEPTH): JsonParser {
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as JsonParser;
  return (req, body, done) => {
    if (jsonDepthExceeds(body, limit)) return done(tooDeepError(limit));
    parse(req, typeof body === 'string' ? body : body.toString('utf8'), done);
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Bodies the JSON API reads: JSON, and the attachment types (read as bytes and checked by content). */
const API_MEDIA_TYPES = new Set(['application/json', 'application/pdf', 'image/png', 'image/jpeg']);

const hasBody = (req: FastifyRequest): boolean =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

const mediaTypeOf = (req: FastifyRequest): string => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

export const unsupportedMediaType = (): DomainError =>
  new DomainError('unsupported_media_type', 'unsupported_media_type', {
    pl: 'Ten format danych nie jest obsługiwany: wyślij dane jako application/json, a załączniki jako PDF, PNG lub JPEG.',
    en: 'This media type is not supported: send data as application/json and attachments as PDF, PNG or JPEG.',
  });

export const crossOriginRefused = (): DomainError =>
  new DomainError('forbidden', 'cross_origin_request', {
    pl: 'Żądanie zmieniające dane z innej witryny zostało odrzucone. Wykonaj tę czynność na stronie platformy.',
    en: 'A request changing data from another site was refused. Do this on the platform’s own pages.',
  });

export const uriTooLong = (): DomainError =>
  new DomainError('uri_too_long', 'uri_too_long', { pl: 'Adres żądania jest zbyt długi.', en: 'The request address is too long.' });

export interface EdgeOptions {
  /** The platform's public address: its origin is the one allowed to change data with the session cookie. */
  publicUrl: string;
  /** The session cookie's name: a request carrying it (and no Authorization header) is checked for its origin. */
  sessionCookie: string;
}

/**
 * Whether an unsafe request that authenticates with the session cookie comes from another site: `Sec-Fetch-Site`
 * (sent by every current browser) says anything but `same-origin` or `none`, or, without it, `Origin` names another
 * origin than the platform's (or is `null`).
 * A request with an Authorization header is not cookie-authenticated (the token is what counts, and another site
 * cannot set that header), and a request without the cookie has no session to abuse.
 */
export function isCrossOriginCookieRequest(req: FastifyRequest, allowed: Set<string>, sessionCookie: string): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.authorization) return false;
  const cookies = req.headers.cookie;
  if (typeof cookies !== 'string' || !cookies.split(';').some((c) => c.trim().startsWith(`${sessionCookie}=`))) return false;
  // Sec-Fetch-Site, when the browser sends it, decides: a same-origin form may still carry `Origin: null` (Chromium
  // sends it under `Referrer-Policy: no-referrer`, which every page has). `none` is the user's own navigation.
  const site = req.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return false;
  if (site !== undefined) return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (allowed.has(origin)) return false;
  const own = `${req.protocol}://${req.host}`;
  return origin !== own;
}

/**
 * The checks made on every request before its body is read (an onRequest hook): the URL's length, the JSON API's
 * media types (a form-encoded or text/plain body, which another site's form can send, is 415 there), and the
 * origin of cookie-authenticated changes (403 `cross_origin_request`, for pages and API alike; pages also carry a
 * CSRF token). A refusal goes through the error filters: problem+json for the API, an error page for pages.
 */
export function registerEdgeChecks(fastify: FastifyInstance, opts: EdgeOptions): void {
  const allowed = new Set([new URL(opts.publicUrl).origin]);
  fastify.addHook('onRequest', (req, _reply, done) => {
    if (req.url.length > MAX_URL_LENGTH) return done(uriTooLong());
    if (isCrossOriginCookieRequest(req, allowed, opts.sessionCookie)) return done(crossOriginRefused());
    if (req.url.startsWith('/api/') && !SAFE_METHODS.has(req.method) && hasBody(req) && !API_MEDIA_TYPES.has(mediaTypeOf(req))) {
      return done(unsupportedMediaType());
    }
    done();
  });
}

function problemOf(status: number, code: string, text: Text, req: FastifyRequest | undefined, headers: Record<string, string | string[] | undefined>): Problem {
  const locale = pickLocale(headers['accept-language']);
  return { type: problemType(code), title: titleFor(status, locale), status, detail: text[locale], code, ...(req ? { requestId: requestIdOf(req) } : {}) };
}

const BAD_URL: Text = { pl: 'Adres żądania jest nieprawidłowy (błędne kodowanie znaków).', en: 'The request address is malformed (bad percent-encoding).' };

/**
 * Fastify's router errors (a malformed URL, an over-long route parameter), which happen before any hook: answered
 * as problem+json without the URL, with the security headers every response has.
 */
export function frameworkErrorHandler(headers: () => Record<string, string>) {
  return (error: { code?: string }, req: FastifyRequest, reply: FastifyReply): void => {
    const long = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const problem = long ? problemOf(414, 'uri_too_long', uriTooLong().text, req, req.headers) : problemOf(400, 'bad_request', BAD_URL, req, req.headers);
    void reply.headers(headers()).status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  };
}

/**
 * Node's HTTP parser errors (a request line or headers over 16 KiB, a broken request): a problem+json written to the
 * socket, without any of the request.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const overflow = err.code === 'HPE_HEADER_OVERFLOW';
  const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const status = overflow ? 431 : timeout ? 408 : 400;
  const problem = problemOf(
    status,
    overflow ? 'request_header_too_large' : timeout ? 'request_timeout' : 'bad_request',
    overflow
      ? { pl: 'Adres lub nagłówki żądania są zbyt długie.', en: 'The request address or headers are too long.' }
      : timeout
        ? { pl: 'Żądanie nie dotarło w całości na czas.', en: 'The request did not arrive in time.' }
        : { pl: 'Żądanie ma nieprawidłową postać.', en: 'The request is malformed.' },
    undefined,
    {},
  );
  const body = JSON.stringify(problem);
  const reason = overflow ? 'Request Header Fields Too Large' : timeout ? 'Request Timeout' : 'Bad Request';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

const NUL_TEXT: Text = { pl: 'Pole {field} zawiera niedozwolony znak NUL.', en: 'Field {field} contains a NUL character, which is not allowed.' };
const SURROGATE_TEXT: Text = {
  pl: 'Pole {field} zawiera nieprawidłowo zakodowany znak (niesparowany surogat UTF-16).',
  en: 'Field {field} contains a badly encoded character (an unpaired UTF-16 surrogate).',
};

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Whether a string is well-formed UTF-16 (String.prototype.isWellFormed, which Node 20's typings lack). */
export const isWellFormedText = (s: string): boolean => !LONE_SURROGATE.test(s);

const fieldText = (field: string, code: string, text: Text): FieldText => ({
  field,
  code,
  text: { pl: format(text.pl, { field }), en: format(text.en, { field }) },
  template: { text, n: '' },
});

/** Bodies read as bytes (attachments) and dates hold no text to check; everything else is walked, whatever its prototype. */
const isOpaque = (v: object): boolean => ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date;

/**
 * Text no field may hold: a NUL character (PostgreSQL cannot store it in text) and a lone UTF-16 surrogate (not
 * text at all; validators and the database choke on it). Checks every string and key of a body, query or route
 * parameter; one problem per field, named by its path.
 */
export function malformedText(value: unknown, path = '', out: FieldText[] = []): FieldText[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(fieldText(path || 'body', 'noControlCharacters', NUL_TEXT));
    else if (!isWellFormedText(value)) out.push(fieldText(path || 'body', 'wellFormedText', SURROGATE_TEXT));
    return out;
  }
  if (value === null || typeof value !== 'object' || isOpaque(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const key = k.replace(/\u0000/g, '\\0');
    const at = path ? `${path}.${key}` : key;
    if (k.includes('\u0000')) out.push(fieldText(at, 'noControlCharacters', NUL_TEXT));
    else if (!isWellFormedText(k)) out.push(fieldText(at.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd'), 'wellFormedText', SURROGATE_TEXT));
    else malformedText(v, at, out);
  }
  return out;
}

/** For the validation pipe: the body, query and route parameters, before anything reads them. */
export function assertWellFormedText(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type === 'custom') return;
  const problems = malformedText(value, metadata.data ?? '');
  if (problems.length === 0) return;
  throw new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, problems);
}
