import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthError } from '../auth.errors';
import type { AuthenticatedUser } from '../authenticated-user';
import { IS_PUBLIC_KEY } from '../decorators';
import { sessionTokenOf } from '../session-cookie';
import { SessionService } from '../session.service';

/**
 * The global authentication guard: reads the session (Bearer token, then cookie), loads the account with its current
 * roles into request.user, and answers 401 on a route that is not @Public() when there is no valid session.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()]) === true;
    const token = sessionTokenOf(req);
    if (!token) {
      if (isPublic) return true;
      throw AuthError.authenticationRequired();
    }
    try {
      req.user = await this.sessions.authenticate(token);
    } catch (err) {
      // On a public route a stale session is simply ignored.
      if (isPublic) return true;
      throw err;
    }
    return true;
  }
}
