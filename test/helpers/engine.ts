/**
 * What the engine running this file can emulate besides what a user does, as
 * test/runner/engines.js declares it for each engine (`ENGINES`). Chromium (playwright) can
 * emulate media features and any viewport size. Firefox, driven by puppeteer over WebDriver BiDi, has
 * no media-feature emulation (puppeteer does it through CDP, which Firefox no longer has, and BiDi has
 * no command for it). WebKit, driven over WebDriver classic, has neither, and its window (MiniBrowser's)
 * is never narrower than its toolbar, 447 px. A test that needs one of them runs with `itWith` and is
 * skipped (and counted as skipped) where it is missing.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface Engine {
  /** Chromium, Firefox or WebKit. */
  name: string;
  /** `emulateMedia()`: `prefers-color-scheme`, `prefers-reduced-motion`. */
  emulateMedia: boolean;
  /** `setViewport()` to any size, down to 320 px wide. */
  setViewport: boolean;
}

export const engine: Engine = await executeServerCommand('engine');

/** `it` where the engine can emulate `feature`, else `it.skip`. */
export function itWith(feature: 'emulateMedia' | 'setViewport'): Mocha.TestFunction | Mocha.PendingTestFunction {
  return engine[feature] ? it : it.skip;
}
