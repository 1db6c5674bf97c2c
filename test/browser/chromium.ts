import { existsSync } from 'node:fs';

export const BROWSER_ENDPOINT_ENV = 'CIVITAS_BROWSER_WS';
export const REPORT_DIR_ENV = 'CIVITAS_A11Y_DIR';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides. Never a downloaded browser. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}: install it with "apt-get install -y chromium" (.ci/run does) or set CHROMIUM_PATH`);
  return path;
}

/** Headless, and quiet: no background network (the machines have none), no sandbox as root. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
