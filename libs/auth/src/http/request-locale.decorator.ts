import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { pickLocale } from '@civitas/common';

/** The language the client asked for (Accept-Language), Polish by default. */
export const RequestLocale = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  pickLocale(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['accept-language']),
);
