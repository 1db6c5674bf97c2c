import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/csrf-protection';
import { DomainError } from '@civitas/common';

const SKIP_CSRF = 'civitas:skip-csrf';

/**
 * For the rare POST that a page form is not the only client of and whose URL is itself the authorization: the
 * unsubscribe link of a mail, which mail clients POST to directly (RFC 8058 one-click) and cannot give a token.
 */
export const SkipCsrf = (): MethodDecorator => SetMetadata(SKIP_CSRF, true);

export function csrfInvalid(): DomainError {
  return new DomainError('forbidden', 'csrf_invalid', {
    pl: 'Formularz wygasł albo został wysłany z innej strony. Odśwież stronę i wyślij go ponownie.',
    en: 'The form has expired or was sent from another site. Reload the page and send it again.',
  });
}

/**
 * Every state-changing page request (POST) must carry the CSRF token of the visitor's form (`_csrf`), checked with
 * @fastify/csrf-protection against the secret in the visitor's signed cookie. A missing or wrong token is a 403
 * page (`csrf_invalid`) before the handler runs, so nothing changes.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const http = ctx.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    if (this.reflector.get<boolean>(SKIP_CSRF, ctx.getHandler())) return true;
    const reply = http.getResponse<FastifyReply>();
    let ok = false;
    // csrfProtection answers through `send` on failure and calls `next` on success; both are captured here so that
    // the refusal goes through the page error filter like every other error.
    req.server.csrfProtection(req, { send: () => undefined, unsignCookie: (v: string) => reply.unsignCookie(v) } as unknown as FastifyReply, () => {
      ok = true;
    });
    if (!ok) throw csrfInvalid();
    return true;
  }
}
