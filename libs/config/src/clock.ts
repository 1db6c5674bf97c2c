/**
 * The time, injected: services, jobs and pages read it here, never from `new Date()` or `Date.now()`, so deadline
 * logic is tested by setting the clock instead of waiting. Provided everywhere by ConfigModule (the system clock
 * unless one is given). Only durations measured for logs and metrics may read the process's own timers.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Milliseconds since the epoch. */
  ms(): number {
    return this.now().getTime();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }

  override ms(): number {
    return Date.now();
  }
}

/**
 * A clock for tests: without `at` it follows the system time, moved on by every `advance` (so a test jumps past a
 * deadline while the rest of the application keeps running); `set` (or `at`) stops it at a moment, from which only
 * `advance` and `set` move it.
 */
export class SettableClock extends Clock {
  private offset = 0;
  private frozenAt: number | undefined;

  constructor(at?: Date | string) {
    super();
    if (at !== undefined) this.set(at);
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offset);
  }

  set(at: Date | string): void {
    this.frozenAt = new Date(at).getTime();
  }

  advance(ms: number): void {
    if (this.frozenAt === undefined) this.offset += ms;
    else this.frozenAt += ms;
  }
}
