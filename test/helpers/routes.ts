import { RequestMethod } from '@nestjs/common';
import type { Response, Test } from 'supertest';

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
      const path = [base, Reflect.getMetadata('path', handler) as string]
        .map((x) => x.replace(/^\/+|\/+$/g, ''))
        .filter(Boolean)
        .join('/');
      declared.add(`${RequestMethod[method]} /${path}`);
    }
  }
  return declared;
}

/** A response's problem code whatever it was parsed as (CSV, iCalendar or HTML arrive as text). */
export function codeOf(res: Response): string | undefined {
  if (res.body && typeof res.body === 'object' && !Buffer.isBuffer(res.body) && 'code' in res.body) return (res.body as { code?: string }).code;
  try {
    return (JSON.parse(res.text) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** One row of a route × role matrix: `expect` per caller is `'200'` for a success, `'403 forbidden'` for a refusal. */
export interface MatrixRow<W extends string, F = unknown> {
  /** `METHOD /path`, optionally followed by ` (the state it is called in)`. */
  route: string;
  fixture?: () => Promise<F>;
  call: (f: F) => Test;
  expect: Record<W, string>;
  /** Every caller expected to succeed gets a fixture of its own. */
  fresh?: boolean;
}

/**
 * Declares the tests of a route × role matrix: one checking that the rows cover exactly the routes of the module's
 * controllers (a new route missing from the matrix fails), then one per row calling it as every caller and comparing
 * status and problem code; every refusal must be problem+json.
 */
export function routeMatrix<W extends string>(opts: {
  name: string;
  httpModule: object;
  routeCount: number;
  rows: Array<MatrixRow<W>>;
  callers: readonly W[];
  send: (who: W, req: Test) => Test;
  timeoutMs?: number;
}): void {
  it(`covers every route of the ${opts.name} controllers`, () => {
    const declared = declaredRoutes(opts.httpModule);
    expect(declared.size).toBe(opts.routeCount);
    const covered = new Set(opts.rows.map((r) => r.route.replace(/ \(.*$/, '')));
    expect([...covered].sort()).toEqual([...declared].sort());
  });

  for (const r of opts.rows) {
    it(
      r.route,
      async () => {
        const shared = r.fixture ? await r.fixture() : undefined;
        const seen: Partial<Record<W, string>> = {};
        const types: Partial<Record<W, string>> = {};
        for (const who of opts.callers) {
          const f = r.fresh && Number(r.expect[who].slice(0, 3)) < 300 ? await r.fixture!() : shared;
          const res = await opts.send(who, r.call(f));
          seen[who] = res.status >= 400 ? `${res.status} ${codeOf(res)}` : String(res.status);
          if (res.status >= 400) types[who] = String(res.headers['content-type']).split(';')[0];
        }
        expect(seen).toEqual(r.expect);
        for (const [who, type] of Object.entries(types)) expect({ who, type }).toEqual({ who, type: 'application/problem+json' });
      },
      opts.timeoutMs,
    );
  }
}
