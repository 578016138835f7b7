#!/usr/bin/env node
/**
 * What `npm publish` would ship, checked (run `npm run build` first):
 * - `npm pack --dry-run --json` lists no tests, stories, examples, sources, servers, Storybook output,
 *   environment files or keys — only dist/, custom-elements.json, README.md and package.json;
 * - publint (strict): package.json's fields and exports point at files that exist, in the right formats;
 * - are-the-types-wrong (`attw --pack`, ESM-only profile): every export resolves to its types, under
 *   Node's and bundlers' resolution;
 * - every registration module of the manifest (each `customElements.define`) has an export of its own;
 * - every shipped file that calls `customElements.define` is covered by `sideEffects`, and no pure
 *   module is (the adapters, the locales, the typings stubs);
 * - `HTMLElementTagNameMap` is declared for every tag of the manifest.
 * Ends with `Package: N passed, M failed`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const results = [];
function check(name, problems) {
  results.push(problems.length === 0);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.length ? `\n     ${problems.join('\n     ')}` : ''}`);
}

if (!existsSync('dist/index.js') || !existsSync('dist/types/index.d.ts')) {
  console.error('dist/ is missing: run npm run build first.');
  process.exit(1);
}

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
);
const files = new Set(packed.files.map((file) => file.path));

// 1. Nothing that does not belong.
const FORBIDDEN = [
  [
    /^(src|test|tests|stories|examples|server|demo|build|scripts|locales|\.storybook|\.ci|\.bench|storybook-static|node_modules)\//,
    'a source, test, story, example, server or tooling folder',
  ],
  [/(^|\/)\.env(\.|$)|\.pem$|\.key$|\.p12$|id_rsa|\.npmrc$/, 'a secret or credentials file'],
  [/\.(test|spec|stories)\.[cm]?[jt]sx?$/, 'a test or story'],
  [/(^|\/)src\/generated\//, 'generated sources'],
  [/\.ts$/, 'TypeScript source (only .d.ts belongs)'],
];
const unexpected = [];
for (const file of files) {
  if (file.endsWith('.d.ts')) continue;
  for (const [pattern, what] of FORBIDDEN) if (pattern.test(file)) unexpected.push(`${file}: ${what}`);
}
const allowedTop = /^(dist\/|custom-elements\.json$|README\.md$|LICENSE|package\.json$)/;
for (const file of files) if (!allowedTop.test(file)) unexpected.push(`${file}: not dist/, custom-elements.json, README, LICENSE or package.json`);
check(`npm pack: ${files.size} files, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, nothing but the package`, unexpected);

// 2. The package's fields and exports, by the tools made for them.
const linted = await publint({ pkgDir: '.', strict: true, pack: 'npm' });
check(
  'publint (strict): fields and exports are sound',
  linted.messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`),
);
let typesProblems = [];
try {
  execFileSync('npx', ['attw', '--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], { encoding: 'utf8', stdio: 'pipe' });
} catch (error) {
  // The report has one section per export: its name, then a line per resolution mode. Name the broken ones.
  typesProblems = String(error.stdout)
    .split(/\*{3,}/)
    .map((section) => section.trim().split('\n'))
    .filter(([name]) => name?.startsWith('"'))
    .flatMap(([name, ...modes]) => {
      const broken = modes.filter((mode) => mode.includes(':') && !mode.includes('(ignored)') && !mode.includes('🟢'));
      return broken.length ? [`${name}: ${broken.join('; ')}`] : [];
    });
  if (!typesProblems.length) typesProblems = [String(error.stderr || error.message).trim()];
}
check('are-the-types-wrong: every export resolves to its types (ESM: Node and bundlers)', typesProblems);

// 3. An export for every element's registration module, typed by that module's declarations.
const registrations = manifest.modules.filter((module) => (module.exports ?? []).some((entry) => entry.kind === 'custom-element-definition'));
const exportProblems = [];
for (const module of registrations) {
  const name = module.path.split('/').pop().replace(/\.ts$/, '');
  const entry = pkg.exports[`./${name}.js`];
  if (!entry) exportProblems.push(`no export "./${name}.js" for ${module.path}`);
  else if (entry.types !== `./dist/types/${module.path.replace(/^src\//, '').replace(/\.ts$/, '.d.ts')}`)
    exportProblems.push(`"./${name}.js" has types ${entry.types}`);
}
check(`an export of its own for each of the ${registrations.length} elements`, exportProblems);

// 4. sideEffects: every shipped module that defines an element is covered; pure modules are not.
const patterns = (pkg.sideEffects ?? []).filter((pattern) => !pattern.startsWith('!'));
const toRegExp = (glob) =>
  new RegExp(
    `^${glob
      .replace(/^\.\//, '')
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\//g, '(?:.*/)?')
      .replace(/\*/g, '[^/]*')}$`,
  );
const covered = (file) => patterns.some((pattern) => toRegExp(pattern).test(file));
const sideEffectProblems = [];
for (const file of files) {
  if (!file.startsWith('dist/') || !file.endsWith('.js') || file === 'dist/twofa-enroll.bundle.js') continue;
  const text = readFileSync(file, 'utf8');
  const defines = /customElements\.define\(/.test(text);
  if (defines && !covered(file)) sideEffectProblems.push(`${file} defines an element but is not under sideEffects`);
  if (!defines && covered(file) && /^dist\/(adapter|generated)\/|^dist\/(react|vue)\.js$/.test(file))
    sideEffectProblems.push(`${file} is pure but under sideEffects`);
}
if (pkg.sideEffects === false || !Array.isArray(pkg.sideEffects)) sideEffectProblems.push('sideEffects must list the registration modules');
check('sideEffects covers every module that defines an element, and no pure one', sideEffectProblems);

// 5. HTMLElementTagNameMap for every tag.
const tags = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((d) => d.tagName)
  .map((d) => d.tagName);
const declarations = [...files]
  .filter((file) => file.endsWith('.d.ts'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const untyped = tags
  .filter((tag) => !new RegExp(`interface HTMLElementTagNameMap \\{[^}]*'${tag}':`).test(declarations))
  .map((tag) => `no HTMLElementTagNameMap entry for ${tag}`);
check(`HTMLElementTagNameMap declares all ${tags.length} tags`, untyped);

const failed = results.filter((ok) => !ok).length;
console.log(`Package: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
