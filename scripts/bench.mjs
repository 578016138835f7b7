/**
 * `npm run bench`: builds the package, prints every bundle's size, then times the built kit in
 * headless Chromium (Debian's, through playwright-core) beside a trivial Lit page. Figures are
 * printed, never asserted: wall-clock times depend on the machine.
 */
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../build/chromium.mjs';
import { productionBundle } from '../build/esbuild-production.mjs';
import { measureSizes, printSizes } from './sizes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
console.log('== Bundle sizes (esbuild, minified, production, gzip -9 / brotli 11) ==\n');
printSizes(await measureSizes());

// Pages built from dist/, as an application would ship them.
const pages = join(root, '.bench/pages');
await rm(pages, { recursive: true, force: true });
await build({
  entryPoints: { kit: 'build/bench-app.js', baseline: 'build/bench-baseline.js' },
  outdir: pages,
  ...productionBundle,
  splitting: true,
  logLevel: 'silent',
  absWorkingDir: root,
});
const html = (name) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${name}</title><body><script type="module" src="/${name}.js"></script></body></html>`;
const types = { '.js': 'text/javascript', '.html': 'text/html' };
const server = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  if (path.endsWith('.html')) return response.writeHead(200, { 'content-type': 'text/html' }).end(html(path.slice(1, -5)));
  try {
    const file = join(pages, normalize(path));
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch(chromiumLaunchOptions(['--js-flags=--expose-gc']));

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

const samples = {};
const add = (name, value) => (samples[name] ??= []).push(value);
const leaks = [];
try {
  for (let run = 0; run < RUNS; run++) {
    for (const name of ['baseline', 'kit']) {
      const page = await browser.newPage();
      await page.goto(`${origin}/${name}.html`);
      add(`${name}: first render`, await page.evaluate(() => window.bench.firstRender));
      if (name === 'baseline') {
        add('baseline: JS heap', await heap(page));
      } else {
        for (const [step, ms] of Object.entries(await page.evaluate(() => window.bench.enroll()))) add(`kit: ${step}`, ms);
        add('kit: JS heap after enrollment', await heap(page));
        await page.evaluate(() => window.bench.remove());
        add('kit: JS heap after removing the element', await heap(page));
        leaks.push(await page.evaluate(() => window.benchRef.deref() !== undefined));
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
};
console.log(`\n== Timings in headless Chromium, ${RUNS} runs each: median (min – max) ==\n`);
for (const [name, values] of Object.entries(samples)) {
  const { median, min, max } = stats(values);
  const unit = name.includes('heap') ? (v) => `${(v / 1024 / 1024).toFixed(2)} MB` : (v) => `${v.toFixed(1)} ms`;
  console.log(`${name.padEnd(44)} ${unit(median).padStart(9)}  (${unit(min)} – ${unit(max)})`);
}
const firstKit = stats(samples['kit: first render']).median;
const firstBase = stats(samples['baseline: first render']).median;
const transitions = Object.keys(samples).filter((name) => name.includes('→'));
console.log('');
console.log(`First step rendered: ${(firstKit / firstBase).toFixed(2)}× the trivial-Lit baseline (goal ≤ 1.5×)`);
console.log(
  `Step transitions under one frame (16 ms) at the median: ${transitions.filter((name) => stats(samples[name]).median < 16).length} of ${transitions.length}`,
);
console.log(`Removed element collected by GC: ${leaks.filter((leaked) => !leaked).length} of ${leaks.length} runs`);
