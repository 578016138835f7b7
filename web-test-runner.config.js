// Component tests in Debian's Chromium (never a downloaded browser), through playwright-core.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { build } from 'esbuild';
import { chromiumLaunchOptions } from './build/chromium.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** CommonJS packages the dev server cannot serve as ES modules: bundled to ESM on request. */
const COMMONJS = ['qrcode', 'jsqr'];

function commonjsAsEsm() {
  return {
    name: 'commonjs-as-esm',
    async serve(context) {
      const match = COMMONJS.find((pkg) => context.path.includes(`/node_modules/${pkg}/`));
      if (!match || !context.path.endsWith('.js')) return undefined;
      const result = await build({
        entryPoints: [fileURLToPath(new URL(`.${context.path}`, import.meta.url))],
        bundle: true,
        format: 'esm',
        write: false,
        platform: 'browser',
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}

/** Ends the run with a plain "N passed, N failed" line that CI logs can be read by. */
function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests) totals[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed']++;
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) totals.failed++;
      }
      console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}

export default {
  reporters: [defaultReporter(), totalsReporter()],
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  // Lit's dev build announces itself in every test file; its real warnings still come through.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  plugins: [commonjsAsEsm(), esbuildPlugin({ ts: true, tsconfig })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumLaunchOptions(),
    }),
  ],
};
