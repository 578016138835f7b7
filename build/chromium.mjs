/**
 * How every browser test and script here starts Chromium: Debian's `/usr/bin/chromium` (never a
 * downloaded browser), headless, with the background networking this closed machine refuses turned off.
 */
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Launch options for playwright-core's `chromium.launch`, with any extra flags. */
export function chromiumLaunchOptions(extraArgs = []) {
  return { executablePath: chromiumPath, headless: true, args: [...chromiumArgs, ...extraArgs] };
}
