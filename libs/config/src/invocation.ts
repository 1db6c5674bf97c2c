import { resolve } from 'node:path';

/**
 * The directory the user ran `npm run cli` from (npm itself runs scripts in the project root).
 * Relative file arguments of CLI commands are resolved against it.
 */
export function invocationDir(): string {
  return process.env.CIVITAS_INVOCATION_DIR ?? process.env.INIT_CWD ?? process.cwd();
}

export function resolveFromInvocation(path: string): string {
  return resolve(invocationDir(), path);
}
