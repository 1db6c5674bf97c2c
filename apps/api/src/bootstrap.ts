import helmet from 'helmet';
import cookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@civitas/config';
import { createValidationPipe, ProblemFilter, REQUEST_ID_HEADER, requestIdFromHeaders, UPLOAD_MAX_BYTES } from '@civitas/common';
import { ApiModule } from './api.module';

/**
 * Builds the HTTP application exactly as production runs it (also used by the e2e tests): Fastify, Helmet,
 * cookies, global validation, problem+json errors, OpenAPI at /api/docs. Does not listen.
 */
export async function createApiApp(config: AppConfig, opts: { bufferLogs?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    // Fastify accepts a hop count too (proxy-addr), though its typings omit numbers.
    trustProxy: config.http.trustProxy as boolean | string,
    genReqId: requestIdFromHeaders,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: opts.bufferLogs ?? true,
  });
  app.useLogger(app.get(Logger));

  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
    hsts: config.env === 'production',
  });
  await app.register(cookie);

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.headers(securityHeaders).header(REQUEST_ID_HEADER, req.id);
    done();
  });
  // Attachments arrive as the raw request body (no multipart): the handler gets a Buffer and checks its content.
  // Only these media types, and only up to UPLOAD_MAX_BYTES (a larger body is a 413 before it is read).
  fastify.addContentTypeParser(['application/pdf', 'image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();

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
