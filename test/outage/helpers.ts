import { executeServerCommand } from '@web/test-runner-commands';

/** Makes every fetch of a module whose path contains `match` fail (503) until `restore` is called. */
export async function failModule(match: string): Promise<{ restore: () => Promise<void> }> {
  await executeServerCommand('module-fault', { match, fail: true });
  return { restore: () => executeServerCommand('module-fault', { match, fail: false }).then(() => undefined) };
}

/**
 * Firefox keeps a failed `import()` failed for the life of the page (its module map caches the error;
 * Chromium and WebKit fetch again): a retry there cannot succeed, so the tests check the way on that the
 * product offers instead. Seen with Firefox ESR 140, Chromium 156 and WebKitGTK 2.50.
 */
export const importFailuresAreFinal = navigator.userAgent.includes('Firefox/');
