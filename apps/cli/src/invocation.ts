import { resolve } from 'node:path';

/**
 * The directory the user ran the command from. `npm run cli` runs in the project root, so its launcher
 * (scripts/cli.mjs) passes the caller's directory as `--cwd DIR`; run directly, it is the process's own.
 */
let invocationDir = process.cwd();

export function setInvocationDir(dir: string): void {
  invocationDir = resolve(dir);
}

/** Resolves a file argument against the directory the user ran the command from. */
export function resolveFromInvocation(path: string): string {
  return resolve(invocationDir, path);
}
