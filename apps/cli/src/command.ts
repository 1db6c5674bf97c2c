/** A command of `npm run cli -- <name> ...`. `run` returns the process exit code. */
export interface CliCommand {
  /** One line shown by `npm run cli -- help`. */
  readonly summary: string;
  /** Full usage text shown on `--help` and on a usage error. */
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

/** A usage error: the message and the command's usage are printed to stderr, exit code 2. */
export class UsageError extends Error {}
