/** A malformed `.pb` file. `line` is 1-based; the message always names the line and the problem. */
export class PabulibFormatError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'PabulibFormatError';
  }
}
