import { Sha256 } from './sha256';

/**
 * What the engine uses of `node:crypto` — `createHash('sha256').update(text).digest('hex')` — over the plain
 * TypeScript SHA-256. The browser build (scripts/build-assets.mjs) resolves `node:crypto` to this file; in Node the
 * engine keeps Node's own.
 */
export function createHash(algorithm: string) {
  if (algorithm !== 'sha256') throw new Error(`createHash: only sha256 in the browser build, not ${algorithm}`);
  const hash = new Sha256();
  const api = {
    update(data: string | Uint8Array) {
      hash.update(data);
      return api;
    },
    digest(encoding: 'hex'): string {
      if (encoding !== 'hex') throw new Error(`digest: only hex in the browser build, not ${String(encoding)}`);
      return hash.hex();
    },
  };
  return api;
}
