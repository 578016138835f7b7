// Component tests in three engines (test/runner/engines.js says how each is driven).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { commonjsAsEsm } from './test/runner/commonjs-as-esm.js';
import { engineCommand, engineNames, launchers } from './test/runner/engines.js';
import { kitUnderTest } from './test/runner/kit-under-test.js';
import { totalsReporter } from './test/runner/totals-reporter.js';
import { virtualAuthenticator } from './test/runner/virtual-authenticator.js';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

export default {
  reporters: [defaultReporter(), totalsReporter(engineNames)],
  // The outage tests fail the dev server's module loads: on their own (web-test-runner.outage.config.js).
  files: ['test/**/*.test.ts', '!test/outage/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Two pages at a time per engine, two engines at a time: four pages on a two-core machine.
  // (Firefox and WebKit run two browsers for their two pages: see test/runner/pool.js.)
  concurrency: 2,
  concurrentBrowsers: 2,
  // Lit's dev build announces itself in every test file; its real warnings still come through.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  // Guards against a test or a page that hangs, not time limits: a test waits for states, and WebKit's
  // driver (a round trip per action) on a busy two-core machine takes seconds where Chromium takes
  // milliseconds, and minutes over the largest files.
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 600000,
  plugins: [kitUnderTest(), commonjsAsEsm(), esbuildPlugin({ ts: true, tsconfig }), engineCommand(), virtualAuthenticator()],
  browsers: launchers(),
};
