import type { BrowserServer } from 'playwright-core';
import testTeardown from '../global-teardown';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { civitasBrowser?: BrowserServer }).civitasBrowser?.close();
  await testTeardown();
}
