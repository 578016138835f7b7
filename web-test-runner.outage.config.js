// The outage tests (test/outage/): the dev server drops a module's requests as the page loads it.
// The fault is the server's, for every page it serves, so these files run on their own: one file
// and one engine at a time, in the same engines as the other component tests.
import base from './web-test-runner.config.js';
import { launchers } from './test/runner/engines.js';
import { moduleFaultMiddleware, moduleFaults } from './test/outage/module-faults.js';

/** Nothing cached: a module that an earlier file loaded would come from the cache and never meet the fault. */
async function noStore(context, next) {
  await next();
  context.set('Cache-Control', 'no-store');
}

export default {
  ...base,
  files: ['test/outage/*.test.ts'],
  concurrency: 1,
  concurrentBrowsers: 1,
  // WebKit keeps modules in its memory cache whatever the server says: a new browser for each file.
  browsers: launchers({ browserPerFile: true }),
  middleware: [noStore, moduleFaultMiddleware],
  plugins: [...base.plugins, moduleFaults()],
};
