import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import testSetup from '../global-setup';
import { BROWSER_ENDPOINT_ENV, CHROMIUM_ARGS, chromiumPath, REPORT_DIR_ENV } from './chromium';

/** The test run's template database (as for every spec), then one Chromium for every browser spec. */
export default async function globalSetup(): Promise<void> {
  await testSetup();
  const server: BrowserServer = await chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  (globalThis as { civitasBrowser?: BrowserServer }).civitasBrowser = server;
  process.env[BROWSER_ENDPOINT_ENV] = server.wsEndpoint();
  process.env[REPORT_DIR_ENV] = mkdtempSync(join(tmpdir(), 'civitas-a11y-'));
}
