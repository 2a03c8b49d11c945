/**
 * Debian's Chromium for browser tests, started as this machine allows (headless, no sandbox as
 * root, no background network traffic). Tests skip with this reason when it is absent; CI
 * installs it, so there nothing skips.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

export const skipWithoutChromium: string | false = fs.existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM} (apt-get install chromium); CI installs it`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
