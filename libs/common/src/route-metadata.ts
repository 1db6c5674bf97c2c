import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'civitas:public';

/**
 * Opens a route (or every route of a controller) to anonymous requests. A valid session, when one is sent, is still
 * read, so the current user may be set on a public route. (The guard that honours it is in libs/auth.)
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
