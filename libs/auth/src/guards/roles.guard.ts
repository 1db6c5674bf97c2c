import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@civitas/users';
import { coversRole } from '../access-rule';
import { AuthError } from '../auth.errors';
import type { AuthenticatedUser } from '../authenticated-user';
import { ROLES_KEY } from '../decorators';

/** The global role guard: honours @Roles(...) (any of the roles, in any scope). Runs after JwtAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!roles || roles.length === 0) return true;
    const user = ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (!user) throw AuthError.authenticationRequired();
    if (roles.some((role) => coversRole(user.grants, role, undefined))) return true;
    throw AuthError.forbidden();
  }
}
