import { RequestMethod } from '@nestjs/common';

/** Every route the controllers of an HTTP module declare, as `METHOD /path` (for route × role matrices). */
export function declaredRoutes(httpModule: object): Set<string> {
  const declared = new Set<string>();
  for (const controller of Reflect.getMetadata('controllers', httpModule) as Array<{ prototype: Record<string, unknown> }>) {
    const base = Reflect.getMetadata('path', controller) as string;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (typeof handler !== 'function') continue;
      const method = Reflect.getMetadata('method', handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const path = [base, Reflect.getMetadata('path', handler) as string].map((x) => x.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
      declared.add(`${RequestMethod[method]} /${path}`);
    }
  }
  return declared;
}
