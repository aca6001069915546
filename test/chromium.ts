// Where the browser tests find Chromium, and one plain line when it is missing.
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_MISSING = `the browser tests need Chromium at ${CHROMIUM}: install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary`;

/** The path of Chromium, or an error of one line (no stack) that says what to install. */
export function chromiumPath(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const error = new Error(CHROMIUM_MISSING);
  error.stack = `Error: ${CHROMIUM_MISSING}`;
  throw error;
}

/** How every browser test launches Chromium: headless, and quiet on the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
