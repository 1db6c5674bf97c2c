import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@civitas/users';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC_KEY = 'civitas:public';
export const ROLES_KEY = 'civitas:roles';

/**
 * Opens a route (or every route of a controller) to anonymous requests. A valid session, when one is sent, is still
 * read, so @CurrentUser() may be set on a public route.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Lets a route through only to accounts holding one of these roles, in any scope (admin includes every role). For a
 * check against one area, call AccessService.assertRole in the service.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The account behind the request (undefined on a public route called anonymously). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthenticatedUser | undefined =>
    ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user,
);
