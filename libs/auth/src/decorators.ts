import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@civitas/users';
import type { AuthenticatedUser } from './authenticated-user';

export { IS_PUBLIC_KEY, Public } from '@civitas/common';
export const ROLES_KEY = 'civitas:roles';

/**
 * Lets a route through only to accounts holding one of these roles, in any scope (admin includes every role). For a
 * check against one area, call AccessService.assertRole in the service.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The account behind the request (undefined on a public route called anonymously). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthenticatedUser | undefined => ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user,
);
