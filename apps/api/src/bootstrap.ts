import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@civitas/config';
import {
  createValidationPipe,
  pickLocale,
  PROBLEM_CONTENT_TYPE,
  ProblemFilter,
  REQUEST_ID_HEADER,
  requestIdFromHeaders,
  requestIdOf,
  toProblem,
} from '@civitas/common';
import { ApiModule } from './api.module';

/**
 * Builds the HTTP application exactly as production runs it (also used by the e2e tests): Fastify, Helmet,
 * cookies, global validation, problem+json errors, OpenAPI at /api/docs. Does not listen.
 */
export async function createApiApp(config: AppConfig, opts: { bufferLogs?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    genReqId: requestIdFromHeaders,
    allowErrorHandlerOverride: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: opts.bufferLogs ?? true,
  });
  app.useLogger(app.get(Logger));
  const cfg = app.get(AppConfig);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
    hsts: cfg.env === 'production',
  });
  await app.register(cookie);

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header(REQUEST_ID_HEADER, req.id);
  });

  // Errors raised by Fastify itself before a route runs (malformed JSON, wrong content type, body too large).
  fastify.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const { problem } = toProblem(err, pickLocale(req.headers['accept-language']), requestIdOf(req), req.url.split('?')[0]);
      void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    });

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
