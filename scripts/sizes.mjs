/**
 * Bundle sizes as a page pays them: `dist/` bundled the way an application would (esbuild,
 * minified, production, code splitting), measured gzip -9 and brotli. Used by the size budget
 * check in `npm test` (`node scripts/sizes.mjs --check`) and by `npm run bench`.
 */
import { build } from 'esbuild';
import { productionBundle } from '../build/esbuild-production.mjs';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The first load holds every step and everything a step needs to work (the HTTP adapter, the
 * enrollment check, phone numbers, type-back, download/print, the code field in the page's DOM): a
 * module loaded on demand can fail for the life of the page when the network drops at that moment, so
 * only the QR encoder, the passkey step's code and the translations load lazily, each with a way on
 * (ARCHITECTURE.md, "Outages"). These are the smallest whole kilobytes above today's sizes, still well under the
 * smallest peer (Hanko, 44.6 KB). What keeps them small: ARCHITECTURE.md, "Size: what loads when".
 * (Raised by 1 KB each when the wizard's effects became explicit, its requests moved into a session
 * object and each element got its own bound `msg`: 0.45 KB gzip together, measured, for code that
 * says what it does; no trim found that did not undo one of them. First load raised by 1 KB more
 * for the reset's proof step, 0.49 KB gzip: it is in the first load for the reason above, since a
 * reset without a link reaches it mid-flow, and the spoken countdown, 0.07 KB.)
 * Raised by 2 KB (first load) and 5 KB (complete enrollment) for passkeys (issue 16), measured: 1.2 KB
 * gzip of machine, session, HTTP adapter, method and done step for the new method and its errors, and
 * 0.8 KB for the passkey step element itself. Then lowered by 1 KB (first load): the element in the first
 * load now only declares its properties, shows its heading and says when its code fails to load (so it
 * still upgrades at once); its phases, the WebAuthn call, the naming and all it shows after the heading
 * moved into the module that loads when the step is first shown (src/twofa-step-passkey/passkey-view.ts):
 * first load 30.3 → 29.7 KB gzip (31,024 → 30,406 bytes), that module 2.8 → 3.3 KB (`passkey`, budget
 * 4 KB), complete enrollment 40.7 → 40.6 KB. The module is handed Lit, `str` and the error event instead
 * of importing them, since a lazy module that shares modules with the first load makes bundlers split
 * those off, at 1.3 KB more; that is also why the element itself is not lazy: loaded on demand from the
 * wizard it would import the step base and Lit, and the split (measured: 30.6 KB) costs more than the
 * element (0.97 KB).
 *
 * A language's messages are two modules: the core's (every element in the main entry) and the panel's
 * (`<twofa-manage>`'s and `<twofa-step-up>`'s own 59 messages, 1.2 KB gzip in nb and sv), which only a page
 * with the panel loads (build/messages.ts). In one module they made each language 0.7 KB larger for
 * wizard pages too (nb 3.7 → 4.4 KB, sv 3.8 → 4.5 KB gzip).
 */
export const BUDGET = { firstLoad: 30 * 1024, completeEnrollment: 41 * 1024, locale: 4 * 1024, panelLocale: 2 * 1024, passkey: 4 * 1024 };

export function compressed(file) {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function bundle(entryPoints, outdir, splitting = true) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints,
    outdir,
    ...productionBundle,
    splitting,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  return result.metafile;
}

/** Output files reachable from `start`, following static imports only, or dynamic ones too. */
function reachable(outputs, start, { dynamic }) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file].imports) {
      if (imported.external) continue;
      if (imported.kind === 'import-statement' || (dynamic && imported.kind === 'dynamic-import')) visit(imported.path);
    }
  };
  visit(start);
  return [...seen];
}

const isPasskeyView = (outputs, file) => Object.keys(outputs[file].inputs).some((input) => /passkey-view(-[\w-]+)?\.(js|ts)$/.test(input));
const isLocale = (outputs, file) => Object.keys(outputs[file].inputs).some((input) => /generated\/locales\/[a-z-]+\.(js|ts)$/.test(input));
const localeName = (outputs, file) =>
  Object.keys(outputs[file].inputs)
    .map((input) => input.match(/generated\/locales\/([a-z-]+)\.(js|ts)$/)?.[1])
    .find(Boolean);
const panelLocaleName = (outputs, file) =>
  Object.keys(outputs[file].inputs)
    .map((input) => input.match(/twofa-manage\/messages\/([a-z-]+)\.(js|ts)$/)?.[1])
    .find(Boolean);

function total(files) {
  return files.reduce(
    (sum, file) => {
      const size = compressed(join(root, file));
      return { raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip, brotli: sum.brotli + size.brotli };
    },
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

export async function measureSizes() {
  const outdir = join(root, '.bench/sizes');
  // The main entry alone, as a production page loads it; the in-memory adapter is measured on its own.
  const meta = await bundle({ index: 'dist/index.js' }, outdir);
  const outputs = meta.outputs;
  const entry = (name) => Object.keys(outputs).find((file) => basename(file) === `${name}.js`);
  const files = Object.keys(outputs).filter((file) => file.endsWith('.js'));
  const firstLoadFiles = reachable(outputs, entry('index'), { dynamic: false });
  const enrollmentFiles = reachable(outputs, entry('index'), { dynamic: true }).filter((file) => !isLocale(outputs, file));

  const chunks = files.map((file) => {
    const inputs = Object.keys(outputs[file].inputs).map((input) => relative(root, input));
    const name = localeName(outputs, file) ? `locale ${localeName(outputs, file)}` : isPasskeyView(outputs, file) ? PASSKEY : describe(basename(file), inputs);
    return { name, file: relative(root, join(root, file)), ...compressed(join(root, file)), firstLoad: firstLoadFiles.includes(file) };
  });

  const memoryMeta = await bundle({ 'adapter-memory': 'dist/adapter/memory.js' }, join(root, '.bench/memory'), false);
  const memoryFile = Object.keys(memoryMeta.outputs).find((file) => file.endsWith('.js'));
  chunks.push({ name: 'in-memory adapter entry (own bundle, with otpauth)', file: memoryFile, ...compressed(join(root, memoryFile)), firstLoad: false });

  const baselineMeta = await bundle({ baseline: 'build/baseline-element.js' }, join(root, '.bench/baseline'));
  const baselineFile = Object.keys(baselineMeta.outputs).find((file) => file.endsWith('.js'));

  // Each element's own entry, as a page that imports only that element pays for it (lit included, lazy parts excluded),
  // and the panel's part of each language, which only its entry loads.
  const elements = [];
  for (const file of readdirSync(join(root, 'dist')).filter((name) => /^twofa-[a-z-]+\.js$/.test(name) && !name.includes('bundle'))) {
    const elementMeta = await bundle({ entry: `dist/${file}` }, join(root, '.bench/elements'));
    const elementOutputs = elementMeta.outputs;
    const start = Object.keys(elementOutputs).find((out) => basename(out) === 'entry.js');
    elements.push({ name: file.replace(/\.js$/, ''), ...total(reachable(elementOutputs, start, { dynamic: false })) });
    if (file !== 'twofa-manage.js') continue;
    for (const out of Object.keys(elementOutputs)) {
      const locale = panelLocaleName(elementOutputs, out);
      if (locale) chunks.push({ name: `${PANEL_LOCALE}${locale}`, file: out, ...compressed(join(root, out)), firstLoad: false });
    }
  }

  const cdn = compressed(join(root, 'dist/twofa-enroll.bundle.js'));
  return {
    chunks,
    elements,
    firstLoad: total(firstLoadFiles),
    completeEnrollment: total(enrollmentFiles),
    locales: chunks.filter((chunk) => chunk.name.startsWith('locale ')),
    panelLocales: chunks.filter((chunk) => chunk.name.startsWith(PANEL_LOCALE)),
    cdn,
    baseline: compressed(join(root, baselineFile)),
  };
}

/** A readable name for a chunk: its entry, or the most telling module in it. */
function describe(file, inputs) {
  if (!file.startsWith('chunk-')) return file.replace(/\.js$/, '').replace(/-[A-Z0-9]{8}$/, '');
  const own = inputs.filter((input) => !input.includes('node_modules'));
  const named = (own.length ? own : inputs).map((input) => input.replace(/^(dist|node_modules)\//, '').replace(/\.js$/, ''));
  return `chunk: ${named.slice(0, 2).join(', ')}${named.length > 2 ? ', …' : ''}`;
}

export function formatKb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function printSizes(sizes) {
  const rows = [['chunk', 'first load', 'raw', 'gzip', 'brotli']];
  for (const chunk of sizes.chunks.sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip)) {
    rows.push([chunk.name, chunk.firstLoad ? 'yes' : 'lazy', formatKb(chunk.raw), formatKb(chunk.gzip), formatKb(chunk.brotli)]);
  }
  rows.push(['CDN single-file bundle (dist/twofa-enroll.bundle.js)', '', formatKb(sizes.cdn.raw), formatKb(sizes.cdn.gzip), formatKb(sizes.cdn.brotli)]);
  rows.push(['baseline: lit + one trivial element', '', formatKb(sizes.baseline.raw), formatKb(sizes.baseline.gzip), formatKb(sizes.baseline.brotli)]);
  for (const element of sizes.elements) {
    rows.push([`element entry on its own: ${element.name}`, 'entry', formatKb(element.raw), formatKb(element.gzip), formatKb(element.brotli)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  const ratio = (value) => `${(value / sizes.baseline.gzip).toFixed(1)}× the baseline`;
  console.log('');
  console.log(
    `First load (entry + static imports): ${formatKb(sizes.firstLoad.gzip)} gzip, ${formatKb(sizes.firstLoad.brotli)} brotli — ${ratio(sizes.firstLoad.gzip)} (budget ${formatKb(BUDGET.firstLoad)})`,
  );
  console.log(
    `Complete enrollment, English (everything loaded): ${formatKb(sizes.completeEnrollment.gzip)} gzip, ${formatKb(sizes.completeEnrollment.brotli)} brotli — ${ratio(sizes.completeEnrollment.gzip)} (budget ${formatKb(BUDGET.completeEnrollment)})`,
  );
}

/**
 * `<twofa-manage>` on a settings page, lit included: the list of factors, its confirmations and forms,
 * the error sentences and a rate limit's countdown (15.7 KB gzip; issue 17 aimed at 14). The step-up
 * form and the recovery-code step load before the change they serve, the wizard when a change needs it.
 * What would bring it to the aim: the task views (confirmations, rename) loaded when a task begins.
 */
export const MANAGE_BUDGET = 16 * 1024;

/** The passkey step's behaviour, view and WebAuthn code, loaded when the step is first shown. */
const PASSKEY = 'passkey step: view + WebAuthn (loaded at the step)';

/** The pseudo-locale (locales/README.md): a tool no page pays for unless it asks for `lang="qps"`. */
const PSEUDO = 'locale qps';

/** How the panel's part of a language is named, with its locale after it. */
const PANEL_LOCALE = '<twofa-manage> locale ';

/**
 * Each budget as a named check: [name, actual, limit]. The pseudo-locale has no language's budget
 * (its accented letters are \u escapes: 4.1 KB gzip) but must never be in the first load.
 */
export function budgetChecks(sizes) {
  return [
    ['first load', sizes.firstLoad.gzip, BUDGET.firstLoad],
    ['complete enrollment', sizes.completeEnrollment.gzip, BUDGET.completeEnrollment],
    ...sizes.elements.filter((element) => element.name === 'twofa-manage').map((element) => ['<twofa-manage> first load', element.gzip, MANAGE_BUDGET]),
    ...sizes.chunks
      .filter((chunk) => chunk.name === PASSKEY)
      .map((chunk) => [chunk.firstLoad ? `${PASSKEY}, not lazy` : PASSKEY, chunk.firstLoad ? Infinity : chunk.gzip, BUDGET.passkey]),
    ...sizes.locales.filter((locale) => locale.name !== PSEUDO).map((locale) => [locale.name, locale.gzip, BUDGET.locale]),
    ...sizes.panelLocales.filter((locale) => !locale.name.endsWith(' qps')).map((locale) => [locale.name, locale.gzip, BUDGET.panelLocale]),
    ...sizes.locales.filter((locale) => locale.name === PSEUDO).map((locale) => [`${PSEUDO} in the first load`, locale.firstLoad ? locale.gzip : 0, 0]),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await measureSizes();
  printSizes(sizes);
  if (process.argv.includes('--check')) {
    const checks = budgetChecks(sizes);
    const failed = checks.filter(([, actual, limit]) => actual > limit);
    for (const [name, actual, limit] of checks) console.log(`${actual > limit ? 'FAIL' : 'ok  '} ${name}: ${formatKb(actual)} of ${formatKb(limit)} gzip`);
    console.log(`Size budget: ${checks.length - failed.length} passed, ${failed.length} failed`);
    process.exitCode = failed.length ? 1 : 0;
  }
}
