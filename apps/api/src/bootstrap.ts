import { constants as zlib } from 'node:zlib';
import helmet from 'helmet';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig, Clock } from '@civitas/config';
import {
  clientErrorHandler,
  createValidationPipe,
  depthLimitedJsonParser,
  frameworkErrorHandler,
  registerEdgeChecks,
  REQUEST_ID_HEADER,
  requestIdFromHeaders,
  UPLOAD_MAX_BYTES,
} from '@civitas/common';
import { SESSION_COOKIE } from '@civitas/auth';
import { Metrics, registerHttpMetrics } from '@civitas/common';
import { AssetsService, PageErrorFilter, registerPageUploads } from '@civitas/web';
import { ApiModule } from './api.module';

/**
 * Builds the HTTP application exactly as production runs it (also used by the e2e tests): Fastify, Helmet,
 * cookies, global validation, problem+json errors, OpenAPI at /api/docs. Does not listen.
 */
export async function createApiApp(config: AppConfig, opts: { bufferLogs?: boolean; clock?: Clock } = {}): Promise<NestFastifyApplication> {
  let securityHeaders: Record<string, string> = {};
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    // A malformed URL or an over-long route parameter, and Node's own parser errors (a request line over 16 KiB):
    // problem+json without the URL (libs/common/src/request-hardening.ts).
    frameworkErrors: frameworkErrorHandler(() => securityHeaders),
    clientErrorHandler,
    // Fastify accepts a hop count too (proxy-addr), though its typings omit numbers.
    trustProxy: config.http.trustProxy as boolean | string,
    genReqId: requestIdFromHeaders,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, opts.clock), adapter, {
    bufferLogs: opts.bufferLogs ?? true,
  });
  app.useLogger(app.get(Logger));

  // No inline script or style anywhere on the pages: every script and stylesheet is a file under /assets. Only the
  // OpenAPI UI (a third-party page under /api/docs) keeps inline styles.
  const directives = {
    defaultSrc: [`'self'`],
    scriptSrc: [`'self'`],
    styleSrc: [`'self'`],
    // The maps' base tiles come from their server (MAP_TILE_URL), when one is configured.
    imgSrc: [`'self'`, 'data:', ...(config.site.map.tileOrigin ? [config.site.map.tileOrigin] : [])],
    formAction: [`'self'`],
    frameAncestors: [`'none'`],
    baseUri: [`'self'`],
    objectSrc: [`'none'`],
  };
  const hsts = config.env === 'production';
  securityHeaders = helmetHeaders({ contentSecurityPolicy: { directives }, hsts });
  const docsHeaders = helmetHeaders({ contentSecurityPolicy: { directives: { ...directives, styleSrc: [`'self'`, `'unsafe-inline'`] } }, hsts });
  await app.register(cookie, { secret: config.auth.cookieSecret });
  await app.register(csrf, {
    cookieKey: 'civitas_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.http.cookieSecure, signed: true },
    logLevel: 'debug',
  });
  // JSON compressed: brotli at quality 3 (measured: a third of quality 4's CPU on a page, 5–10 % larger), else gzip;
  // pages are compressed by WebPages in one call (it sets Content-Encoding, so this plugin leaves them), assets are
  // served pre-compressed by AssetsService.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 3 } },
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.headers(req.url.startsWith('/api/docs') ? docsHeaders : securityHeaders).header(REQUEST_ID_HEADER, req.id);
    done();
  });
  // Before any body is read: the URL's length, JSON-only bodies on /api, the origin of cookie-authenticated changes.
  registerEdgeChecks(fastify, { publicUrl: config.http.publicUrl, sessionCookie: SESSION_COOKIE });
  // JSON nested deeper than MAX_JSON_DEPTH is refused before it is parsed (400 json_too_deep).
  app.useBodyParser('application/json', { bodyLimit: 1024 * 1024 }, depthLimitedJsonParser(fastify));
  registerHttpMetrics(fastify, app.get(Metrics));
  app.get(AssetsService).register(fastify);
  // Attachments arrive as the raw request body (no multipart): the handler gets a Buffer and checks its content.
  // Only these media types, and only up to UPLOAD_MAX_BYTES (a larger body is a 413 before it is read).
  fastify.addContentTypeParser(['application/pdf', 'image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  // Page forms with a file (`multipart/form-data`, @fastify/multipart): read into an ordinary body before the CSRF
  // guard, on page routes only (the API refuses the media type at its edge).
  await registerPageUploads(fastify);

  app.useGlobalPipes(createValidationPipe());
  // Page routes get error pages, the JSON API problem+json (PageErrorFilter delegates to ProblemFilter).
  app.useGlobalFilters(app.get(PageErrorFilter));
  // SIGTERM: stop gracefully (see health/shutdown.ts), then exit 0.
  app.enableShutdownHooks([], { useProcessExit: true });

  const doc = new DocumentBuilder()
    .setTitle('Civitas API')
    .setDescription('Public consultations, participatory budgets, local initiatives, voting and results.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('civitas_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/**
 * Helmet's security headers, computed once: they depend on the options only (no CSP nonces here), and building the
 * middleware anew for every request (as the Fastify plugin does) costs more than the rest of a ballot's HTTP handling.
 */
export function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}
