import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@civitas/config';

/**
 * Structured logs (pino) with the request id on every line of a request; credentials, cookies and bodies never
 * reach the log. Used by the API and the worker.
 */
export const loggerModule = LoggerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    // Nest 12's Fastify adapter does not match nestjs-pino's default '{/*splat}' route; '*' reaches every route.
    forRoutes: [{ path: '*', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.log.level,
      // Fastify assigns the id (genReqId in bootstrap.ts) and middie copies it to the raw request.
      genReqId: (req: { id?: unknown }) => (typeof req.id === 'string' ? req.id : randomUUID()),
      transport: config.log.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.body', '*.password', '*.token'],
        remove: true,
      },
      serializers: {
        req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({
          id: req.id,
          method: req.method,
          url: (req.originalUrl ?? req.url)?.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req: unknown, res: { statusCode: number }, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  }),
});
