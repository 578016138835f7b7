#!/usr/bin/env node
/**
 * Opens every story of the static Storybook build (`storybook-static/`, from `npm run build-storybook`)
 * in Debian's Chromium and fails on any console error, uncaught page error, story error or axe
 * violation. No test runner, no downloaded browser: a loopback static server, playwright-core and the
 * axe-core that addon-a11y already loads into the preview (`window.axe`).
 *
 * Every story runs in English with the light palette. The stories are then run again in the other
 * languages and schemes, spread so that each story meets one of them: Norwegian with the forced dark
 * palette (the toolbar's "Dark"), and Swedish under "Follow the system" with Chromium emulating
 * `prefers-color-scheme: dark` (the kit's own media query). Stories tagged `narrow` open in a 320 px
 * wide viewport.
 *
 * Usage: node scripts/test-stories.mjs [--filter <text in story id>] [--dir storybook-static]
 * Prints one line per failure and ends with `Stories: N passed, M failed`.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../build/chromium.mjs';

const { values: options } = parseArgs({
  options: {
    dir: { type: 'string', default: 'storybook-static' },
    filter: { type: 'string' },
    concurrency: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
  },
});

const root = resolve(options.dir);
if (!existsSync(join(root, 'index.json'))) {
  console.error(`${options.dir}/index.json not found: run npm run build-storybook first.`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** A static file server for the build, on a free loopback port. */
function serve(dir) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    // The browser asks for /favicon.ico by itself; the iframe has none, and that is no story's fault.
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=600' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

const VARIANTS = {
  en: { globals: 'locale:en;scheme:light', colorScheme: 'light', label: 'en, light' },
  nbDark: { globals: 'locale:nb;scheme:dark', colorScheme: 'light', label: 'nb, dark palette' },
  svSystemDark: { globals: 'locale:sv;scheme:system', colorScheme: 'dark', label: 'sv, system dark' },
};

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries)
  .filter((entry) => entry.type === 'story')
  .filter((entry) => !options.filter || entry.id.includes(options.filter));

const docs = Object.values(index.entries)
  .filter((entry) => entry.type === 'docs')
  .filter((entry) => !options.filter || entry.id.includes(options.filter));

if (!stories.length && !docs.length) {
  console.error('No stories found.');
  process.exit(1);
}

// Every story in English and light; then every story once more in one of the other two variants;
// and every docs page (autodocs from custom-elements.json) in English.
const runs = [
  ...stories.map((story) => ({ story, variant: VARIANTS.en })),
  ...stories.map((story, i) => ({ story, variant: i % 2 ? VARIANTS.svSystemDark : VARIANTS.nbDark })),
  ...docs.map((story) => ({ story, variant: VARIANTS.en, docs: true })),
];

/** In the page: waits until the story has rendered and played, and the kit's elements have settled. */
async function settle(page, id) {
  await page.waitForFunction(
    (storyId) => {
      const render = window.__STORYBOOK_PREVIEW__?.storyRenders?.find((candidate) => candidate.id === storyId);
      return render && ['completed', 'finished', 'errored', 'aborted'].includes(render.phase) ? render.phase : false;
    },
    id,
    { timeout: 20_000, polling: 50 },
  );
  const phase = await page.evaluate((storyId) => window.__STORYBOOK_PREVIEW__.storyRenders.find((r) => r.id === storyId).phase, id);
  if (phase !== 'completed' && phase !== 'finished') throw new Error(`story render ${phase}`);
  // Lit elements (through shadow roots) done updating, no QR code still drawing, two frames painted.
  await page.evaluate(async () => {
    const deep = (node, found = []) => {
      for (const element of node.querySelectorAll('*')) {
        found.push(element);
        if (element.shadowRoot) deep(element.shadowRoot, found);
      }
      return found;
    };
    const deadline = Date.now() + 5000;
    for (;;) {
      const elements = deep(document.querySelector('#storybook-root') ?? document.body);
      await Promise.all(elements.filter((element) => element.updateComplete).map((element) => element.updateComplete));
      if (!elements.some((element) => element.getAttribute('aria-busy') === 'true') || Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** A docs page: its stories rendered inline and the API table filled from custom-elements.json. */
async function checkDocs(page) {
  await page.waitForSelector('#storybook-docs .docblock-argstable tbody tr', { timeout: 20_000 });
  const rows = await page.$$eval('#storybook-docs .docblock-argstable tbody tr', (found) => found.length);
  if (rows < 3) throw new Error(`the API table has ${rows} rows`);
  // Let the inline stories render and report their errors, if any.
  await page.waitForTimeout(300);
}

/** In the page: the addon's axe, as the addon configures it (its rules, minus `region`, on the story only). */
async function axe(page) {
  await page.waitForFunction(() => typeof window.axe?.run === 'function', null, { timeout: 10_000 });
  return page.evaluate(async () => {
    const axe = window.axe;
    axe.reset();
    axe.configure({ rules: [{ id: 'region', enabled: false }] });
    const result = await axe.run(
      { include: document.body, exclude: ['.sb-wrapper', '#storybook-docs', '#storybook-highlights-root'] },
      { resultTypes: ['violations'] },
    );
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(' >>> ')}${node.failureSummary ? `: ${node.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`),
    }));
  });
}

const started = Date.now();
const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch(chromiumLaunchOptions());

let passed = 0;
const failures = [];

async function worker(queue) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  let problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}${message.location()?.url ? ` (${message.location().url})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  for (let run = queue.shift(); run; run = queue.shift()) {
    const { story, variant } = run;
    problems = [];
    const narrow = !run.docs && story.tags?.includes('narrow');
    await page.setViewportSize(narrow ? { width: 320, height: 720 } : { width: 1024, height: 900 });
    await page.emulateMedia({ colorScheme: variant.colorScheme, reducedMotion: 'reduce' });
    const url = `${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=${run.docs ? 'docs' : 'story'}&globals=${variant.globals}`;
    try {
      await page.goto(url, { waitUntil: 'load' });
      if (run.docs) {
        await checkDocs(page);
      } else {
        await settle(page, story.id);
        for (const violation of await axe(page)) {
          problems.push(`axe ${violation.id} (${violation.impact}): ${violation.help}\n      ${violation.targets.join('\n      ')}`);
        }
      }
    } catch (error) {
      problems.push(`did not render: ${error.message.split('\n')[0]}`);
    }
    const name = `${story.title} › ${story.name} [${run.docs ? 'docs page' : variant.label}${narrow ? ', 320 px' : ''}]`;
    if (problems.length) {
      failures.push(name);
      console.log(`FAIL ${name}\n    ${problems.join('\n    ')}`);
    } else {
      passed++;
      if (options.verbose) console.log(`ok   ${name}`);
    }
  }
  await context.close();
}

const queue = [...runs];
await Promise.all(Array.from({ length: Math.max(1, Number(options.concurrency)) }, () => worker(queue)));
await browser.close();
server.close();

console.log(
  `\n${stories.length} stories (${runs.length - docs.length} runs: en/light for all; nb/dark palette or sv/system dark for each) and ${docs.length} docs pages, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`Stories: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
