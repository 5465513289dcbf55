import { type Browser, chromium } from 'playwright-core';

// Debian's Chromium, never a downloaded one. The flags keep it from reaching for the network,
// which this machine (and many a coworking's box) does not have.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
