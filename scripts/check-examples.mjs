#!/usr/bin/env node
/**
 * The README's framework snippets, tried against the built package (run `npm run build` first):
 * - examples/react (tsc), examples/vue (vue-tsc), examples/angular (tsc), examples/subclass (tsc: a step
 *   extended through its protected members; test/package/subclass.test.ts runs it): they type-check through the
 *   package's `exports`, and the lines marked `@ts-expect-error` / `@vue-expect-error` still fail;
 * - examples/html: the plain page with the CDN bundle, opened in Chromium against a stand-in backend
 *   (playwright routes): the tag upgrades, speaks Norwegian from `lang`, takes the theme's accent
 *   colour, reaches the QR step through its HTTP adapter, and logs no errors;
 * - examples/react: the same component the type check covers, bundled with React 19 (esbuild) and run:
 *   React sets `adapter` as a property (its CSRF header reaches the backend), `require-password` as an
 *   attribute, the inline custom properties, and its `ontwofa-step-change` handler hears the event.
 * Ends with `Examples: N passed, M failed`.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../build/chromium.mjs';

const results = [];
function record(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n${detail.replace(/^/gm, '     ')}` : ''}`);
}

if (!existsSync('dist/types/index.d.ts') || !existsSync('dist/types/react.d.ts') || !existsSync('dist/twofa-enroll.bundle.js')) {
  console.error('dist/ is missing or incomplete: run npm run build first.');
  process.exit(1);
}

for (const [name, tool] of [
  ['react', 'tsc'],
  ['vue', 'vue-tsc'],
  ['angular', 'tsc'],
  ['subclass', 'tsc'],
]) {
  const run = spawnSync(join('node_modules', '.bin', tool), ['-p', `examples/${name}`], { encoding: 'utf8' });
  record(`examples/${name} type-checks with ${tool}`, run.status === 0, `${run.stdout}${run.stderr}`.trim());
}

// The plain HTML page.
const root = resolve('.');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };
// The React example, bundled in memory and served next to its page.
const reactBundle = await build({
  entryPoints: ['examples/react/main.tsx'],
  bundle: true,
  write: false,
  format: 'esm',
  jsx: 'automatic',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  if (path === '/examples/react/main.js') {
    response.writeHead(200, { 'content-type': TYPES['.js'] }).end(reactBundle.outputFiles[0].text);
    return;
  }
  const file = normalize(join(root, path));
  const allowed = [join(root, 'dist'), join(root, 'examples')].some((dir) => file.startsWith(dir));
  if (!allowed || !existsSync(file) || statSync(file).isDirectory()) {
    response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const requests = [];
  // A stand-in for the backend: the enrollment the HTTP contract describes.
  await page.route('**/api/2fa/**', async (route) => {
    requests.push(`${route.request().method()} ${new URL(route.request().url()).pathname}`);
    if (route.request().url().endsWith('/enrollment')) {
      await route.fulfill({
        json: {
          id: 'e1',
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          issuer: 'Example',
          account: 'jane@example.com',
          sms: 'off',
          expiresAt: Date.now() + 600_000,
        },
      });
    } else await route.fulfill({ status: 204 });
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/examples/html/index.html`);
  const wizard = page.locator('twofa-enroll');
  await page.getByRole('heading', { name: 'Sett opp tofaktorautentisering' }).waitFor({ timeout: 10_000 });
  const accent = await page.getByRole('button', { name: 'Kom i gang' }).evaluate((button) => getComputedStyle(button).backgroundColor);
  const partStyle = await wizard.evaluate((element) => getComputedStyle(element.shadowRoot.querySelector('[part~="progress"]')).textTransform);
  await page.getByRole('button', { name: 'Kom i gang' }).click();
  await page.getByRole('heading', { name: 'Skann QR-koden' }).waitFor({ timeout: 10_000 });
  await page.getByRole('img', { name: /^QR-kode for/ }).waitFor({ timeout: 10_000 });
  const problems = [];
  if (accent !== 'rgb(11, 122, 83)') problems.push(`the Start button is ${accent}, not the theme's --twofa-accent #0b7a53`);
  if (partStyle !== 'uppercase') problems.push(`::part(progress) was not applied (text-transform: ${partStyle})`);
  if (!requests.includes('POST /api/2fa/enrollment'))
    problems.push(`the HTTP adapter did not POST /api/2fa/enrollment (requests: ${requests.join(', ') || 'none'})`);
  if (errors.length) problems.push(`console/page errors: ${errors.join('; ')}`);
  record('examples/html: the CDN bundle runs, themed, in Norwegian, against the HTTP contract', problems.length === 0, problems.join('\n'));
} catch (error) {
  record('examples/html: the CDN bundle runs, themed, in Norwegian, against the HTTP contract', false, error.message.split('\n')[0]);
}

try {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const csrf = [];
  await page.route('**/api/2fa/**', async (route) => {
    csrf.push(route.request().headers()['x-csrf-token'] ?? '(none)');
    await route.fulfill({
      json: {
        id: 'e1',
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        issuer: 'Example',
        account: 'jane@example.com',
        sms: 'off',
        expiresAt: Date.now() + 600_000,
      },
    });
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/examples/react/index.html`);
  // require-password (an attribute) puts the password step first; lang="nb" makes it Norwegian.
  await page.getByRole('heading', { name: 'Bekreft at det er deg' }).waitFor({ timeout: 10_000 });
  const button = page.getByRole('button', { name: 'Fortsett' });
  const [background, radius] = await button.evaluate((element) => [getComputedStyle(element).backgroundColor, getComputedStyle(element).borderTopLeftRadius]);
  await page.getByLabel('Passord').fill('correct horse');
  await button.click();
  // The password starts the enrollment; then the information step, then the QR code.
  await page.getByRole('heading', { name: 'Sett opp tofaktorautentisering' }).waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Kom i gang' }).click();
  await page.getByRole('heading', { name: 'Skann QR-koden' }).waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.getElementById('current-step')?.textContent === 'qr', null, { timeout: 5_000 });
  const problems = [];
  if (background !== 'rgb(11, 122, 83)' || radius !== '0px') problems.push(`the inline theme was not applied (background ${background}, radius ${radius})`);
  if (csrf[0] !== 'csrf-from-the-page')
    problems.push(`the backend did not get the adapter's CSRF header (got ${csrf.join(', ') || 'no request'}): \`adapter\` was not set as a property`);
  if (errors.length) problems.push(`console/page errors: ${errors.join('; ')}`);
  record('examples/react: runs with React 19 (property, attribute, style and event props work)', problems.length === 0, problems.join('\n'));
} catch (error) {
  record('examples/react: runs with React 19 (property, attribute, style and event props work)', false, error.message.split('\n')[0]);
} finally {
  await browser.close();
  server.close();
}

const failed = results.filter((result) => !result.ok).length;
console.log(`Examples: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
