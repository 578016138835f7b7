#!/usr/bin/env node
/**
 * `custom-elements.json` is generated, committed, and must match the code. This check:
 *
 * 1. runs the analyzer again (same config, nothing written) and compares with the committed file;
 * 2. checks that README.md's API reference is the one the manifest gives (scripts/docs.mjs);
 * 3. checks that the JSDoc contract is complete: every element has a summary; every attribute, property,
 *    event, slot, part and custom property has a description; every `part="…"` an element (or its base
 *    classes) renders or exports is documented with `@csspart` and every documented part is rendered; the
 *    wizard exports every step's parts; every event an element fires by name is documented with `@fires`;
 *    and every `--twofa-*` property the styles read is documented on `<twofa-enroll>`, which passes them
 *    all down.
 *
 * Fix with `npm run analyze` (regenerates the manifest and the README region) after editing the JSDoc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { withApiReference } from './docs.mjs';

/** The .ts files under a folder (node 20 has no fs.globSync). */
const tsFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

const problems = [];
const committedText = readFileSync('custom-elements.json', 'utf8');
const fresh = await cli({ argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], cwd: process.cwd(), noWrite: true });
const freshText = `${JSON.stringify(fresh, null, 2)}\n`;

// 1. Up to date?
if (freshText !== committedText) {
  const committed = JSON.parse(committedText);
  const summarize = (manifest) =>
    new Map(manifest.modules.flatMap((module) => (module.declarations ?? []).map((d) => [`${module.path} ${d.name}`, JSON.stringify(d)])));
  const before = summarize(committed);
  const after = summarize(fresh);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key));
  problems.push(
    `custom-elements.json is out of date with the code (${changed.length ? `${changed.slice(0, 8).join(', ')}${changed.length > 8 ? ', …' : ''}` : 'modules or exports'}). Run: npm run analyze, and commit the result.`,
  );
}

// 2. README region.
const readme = readFileSync('README.md', 'utf8');
try {
  if (withApiReference(readme, fresh) !== readme) problems.push('README.md: the API reference is out of date. Run: npm run analyze (or npm run docs).');
} catch (error) {
  problems.push(`README.md: ${error.message}`);
}

// 3. The JSDoc contract.
const declarations = fresh.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => ({ declaration, path: module.path })));
const byName = new Map(declarations.map((entry) => [entry.declaration.name, entry]));
const source = (path) => readFileSync(path.replace(/^\//, '').replace(/\.js$/, '.ts'), 'utf8');

/** The modules of a class and of its superclasses and mixins that are ours (not LitElement). */
function chain(entry) {
  const paths = [];
  for (let current = entry; current;) {
    paths.push(current.path, ...(current.declaration.mixins ?? []).filter((mixin) => !mixin.package).map((mixin) => mixin.module));
    const superclass = current.declaration.superclass;
    current = superclass && !superclass.package ? byName.get(superclass.name) : undefined;
  }
  return paths;
}

// Event classes → event names, from `super('twofa-…'` in their constructors.
const eventNames = new Map();
for (const file of tsFiles('src').filter((file) => file.includes('/events/'))) {
  const text = readFileSync(file, 'utf8');
  for (const [, className, body] of text.matchAll(/class (\w+) extends \w+(?:<[^>]*>)? \{([\s\S]*?)\n\}/g)) {
    const name = /super\('([\w-]+)'/.exec(body)?.[1];
    if (name) eventNames.set(className, name);
  }
}

const wizard = declarations.find(({ declaration }) => declaration.tagName === 'twofa-enroll')?.declaration;
for (const entry of declarations.filter(({ declaration }) => declaration.customElement && declaration.tagName)) {
  const { declaration: element } = entry;
  const where = `<${element.tagName}> (${entry.path})`;
  if (!element.summary) problems.push(`${where}: no @summary in the class JSDoc`);
  const describe = (kind, items = [], label = (item) => item.name) => {
    for (const item of items) if (!item.description?.trim()) problems.push(`${where}: ${kind} ${label(item) || '(default)'} has no description`);
  };
  describe('attribute', element.attributes);
  describe(
    'property',
    (element.members ?? []).filter((member) => member.kind === 'field'),
  );
  describe('event', element.events);
  describe('slot', element.slots);
  describe('part', element.cssParts);
  describe('custom property', element.cssProperties);

  // What a class renders through helpers of its own folder (e.g. the emergency step's type-back form, the
  // passkey step's view, which it loads on demand) counts too.
  const helperTexts = (text, path) =>
    [...text.matchAll(/^import (?:type )?\{[^}]*\} from '(\.\/[\w-]+)\.js';$|\bimport\('(\.\/[\w-]+)\.js'\)/gm)].map(([, file, lazy]) =>
      source(path.replace(/[^/]*$/, '') + (file ?? lazy).slice(2) + '.ts'),
    );
  const texts = chain(entry).flatMap((path) => [source(path), ...helperTexts(source(path), path)]);
  const own = texts[0];
  // Exported parts count as the exporting element's: `exportparts="a, b: c"` renders a and c, and so does
  // `exportparts=${X}` with `const X = 'a, b: c'` in the same file.
  const exported = (text) => {
    const lists = [...text.matchAll(/\bexportparts="([^"$]+)"/g)].map((match) => match[1]);
    for (const [, name] of text.matchAll(/\bexportparts=\$\{(\w+)\}/g)) lists.push(new RegExp(`const ${name} =\\s*'([^']+)'`).exec(text)?.[1] ?? '');
    return lists.flatMap((list) =>
      list
        .split(',')
        .map((pair) => pair.split(':').at(-1).trim())
        .filter(Boolean),
    );
  };
  const partsIn = (text) => [...[...text.matchAll(/\bpart="([^"$]+)"/g)].flatMap((match) => match[1].split(/\s+/)), ...exported(text)];
  // A class's `protected renderX()` helpers (the step base's form shell, its Cancel) render their parts
  // only for the elements that call them, directly or through another helper.
  const helpers = new Map();
  const bodies = texts.map((text) => text.replace(/\n {2}protected (render\w+)\([^]*?\n {2}\}\n/g, (body, name) => (helpers.set(name, body), '\n')));
  const called = new Set();
  for (let found = bodies; found.length;) {
    const next = [...helpers].filter(([name]) => !called.has(name) && found.some((text) => text.includes(`this.${name}(`)));
    for (const [name] of next) called.add(name);
    found = next.map(([, body]) => body);
  }
  const rendered = new Set([...bodies, ...[...called].map((name) => helpers.get(name))].flatMap(partsIn));
  const documented = new Set((element.cssParts ?? []).map((part) => part.name));
  for (const part of rendered) if (!documented.has(part)) problems.push(`${where}: renders part "${part}" without @csspart`);
  for (const part of documented) if (!rendered.has(part)) problems.push(`${where}: @csspart ${part} is not rendered`);

  const events = new Set((element.events ?? []).map((event) => event.name));
  const fired = new Set([
    ...[...own.matchAll(/\bsignal\('([\w-]+)'\)/g)].map((match) => match[1]),
    ...[...own.matchAll(/\bnew (\w+Event)\(/g)].map((match) => eventNames.get(match[1])).filter(Boolean),
    ...(/\bthis\.submitValue\(/.test(own) ? ['twofa-submit'] : []),
  ]);
  for (const name of fired) if (!events.has(name)) problems.push(`${where}: fires ${name} without @fires`);
}

// Every part of every step is one of the wizard's (exported): `twofa-enroll::part(x)` reaches them all.
const wizardParts = new Set((wizard?.cssParts ?? []).map((part) => part.name));
for (const { declaration } of declarations.filter(({ declaration }) => declaration.tagName?.startsWith('twofa-step-'))) {
  for (const part of declaration.cssParts ?? []) {
    if (!wizardParts.has(part.name)) problems.push(`<twofa-enroll>: does not export <${declaration.tagName}>'s part "${part.name}"`);
  }
}

// Every --twofa-* the styles read is documented on the wizard; every documented one is read somewhere.
const styles = tsFiles('src')
  .filter((file) => !file.includes('/generated/'))
  .map((file) => readFileSync(file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, ''));
const read = new Set(styles.flatMap((text) => [...text.matchAll(/var\(\s*(--twofa-[\w-]+)/g)].map((match) => match[1])));
const documentedProps = new Set((wizard?.cssProperties ?? []).map((property) => property.name));
for (const name of read) if (!documentedProps.has(name)) problems.push(`<twofa-enroll>: the styles read ${name}, which has no @cssprop`);
for (const entry of declarations.filter(({ declaration }) => declaration.tagName)) {
  for (const property of entry.declaration.cssProperties ?? []) {
    if (!read.has(property.name)) problems.push(`<${entry.declaration.tagName}>: @cssprop ${property.name} is read by no style`);
  }
}

if (problems.length) {
  console.error(`custom-elements.json check failed:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
const count = declarations.filter(({ declaration }) => declaration.tagName).length;
console.log(`custom-elements.json is current and complete: ${count} elements; README.md's API reference matches.`);
