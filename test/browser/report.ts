import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_DIR_ENV } from './chromium';

/** One page state checked with axe in the browser. */
export interface CheckedPage {
  path: string;
  state: string;
  violations: number;
  rules?: string[];
}

export interface RunFacts {
  axeVersion: string;
  chromium: string;
  journeys: string[];
}

/** Records what a spec file checked (each file writes its own part; the teardown merges them). */
export function recordChecks(file: string, pages: CheckedPage[], facts: RunFacts): void {
  const dir = process.env[REPORT_DIR_ENV];
  if (!dir) return;
  writeFileSync(join(dir, `${file}.json`), JSON.stringify({ pages, facts }));
}
