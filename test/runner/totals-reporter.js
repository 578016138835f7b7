/**
 * Ends the run with a line per engine of `names` (with the time from its first test file's start to
 * its last one's end) and a last plain "N passed, N failed, N skipped" line, which CI logs are read by.
 */
export function totalsReporter(names) {
  const started = new Map();
  const finished = new Map();
  return {
    start({ sessions }) {
      sessions.on('session-status-updated', ({ browser, status }) => {
        if (!started.has(browser.name)) started.set(browser.name, Date.now());
        if (status === 'FINISHED') finished.set(browser.name, Date.now());
      });
    },
    onTestRunFinished({ sessions }) {
      const engines = new Map(names.map((name) => [name, { passed: 0, failed: 0, skipped: 0 }]));
      const walk = (totals, suite) => {
        for (const test of suite.tests) totals[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed']++;
        suite.suites.forEach((child) => walk(totals, child));
      };
      for (const session of sessions) {
        const totals = engines.get(session.browser.name);
        if (session.testResults) walk(totals, session.testResults);
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) totals.failed++;
      }
      const all = { passed: 0, failed: 0, skipped: 0 };
      const line = (t) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
      console.log('');
      for (const [name, totals] of engines) {
        for (const key of Object.keys(all)) all[key] += totals[key];
        const seconds = Math.round(((finished.get(name) ?? Date.now()) - (started.get(name) ?? Date.now())) / 1000);
        console.log(`  ${name}: ${line(totals)} (${seconds} s)`);
      }
      console.log(`Tests (${names.join(', ')}): ${line(all)}`);
    },
  };
}
