/**
 * Headless Chromium for the explorer's tests: Debian's /usr/bin/chromium driven
 * by playwright-core (no browser download). Where Chromium is absent the browser
 * tests are skipped with a note — except under CI, where .ci/run installs it and
 * its absence is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TEGUM_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go (ignored by git; kept by CI as artifacts). */
export const ARTIFACTS_DIR = 'test-artifacts';

/** True when the browser tests can run here. @throws Error under CI without Chromium. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) {
    throw new Error(`${CHROMIUM_PATH} is missing; .ci/run must install Debian's chromium`);
  }
  process.stderr.write(`note: ${CHROMIUM_PATH} not found; skipping the browser tests\n`);
  return false;
}

/** Launches headless Chromium with the flags this sandbox needs. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
