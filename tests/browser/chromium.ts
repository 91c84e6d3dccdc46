import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; browsers cannot be downloaded on these machines. Override with OTKLIK_CHROMIUM. */
export const chromiumPath = process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a reason, except under
 * CI, where a missing browser is a failure.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  const reason = `Chromium not found at ${chromiumPath}: browser tests skipped. Install it (apt-get install chromium) or set OTKLIK_CHROMIUM.`;
  if (process.env.CI === 'true') throw new Error(reason);
  console.warn(reason);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
