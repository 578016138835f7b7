#!/usr/bin/env node
/**
 * The API reference in README.md, generated from custom-elements.json: everything between
 * `<!-- api:start -->` and `<!-- api:end -->` is rewritten. `npm run docs` writes it (`npm run analyze`
 * runs it after the analyzer); `npm run check:manifest` fails when it is not current.
 *
 *   node scripts/docs.mjs            rewrite the region
 *   node scripts/docs.mjs --check    exit 1 if the region differs from what the manifest gives
 *
 * Hand-written rather than @custom-elements-manifest/to-markdown (0.1.0, the latest): that prints no summary or
 * description, types from `type` only (`FlowName`, not the `parsedType` literals), attributes in a table of
 * their own without type, default or description, fixed Privacy and Inherited From columns, and escapes the
 * descriptions' Markdown (inline code comes out as \`endpoint\`); making it match would take more code than this.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ELEMENT_TAGS } from '../build/kit-entries.js';

export const START = '<!-- api:start: generated from custom-elements.json by `npm run docs`; do not edit by hand -->';
export const END = '<!-- api:end -->';

const cell = (text) =>
  (text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text ? `\`${cell(text)}\`` : '');
const unquote = (value) => value?.replace(/^'(.*)'$/, '"$1"');

function table(head, rows) {
  if (!rows.length) return '';
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n') + '\n';
}

function elements(manifest) {
  const all = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement && d.tagName);
  return all.sort((a, b) => (ELEMENT_TAGS.indexOf(a.tagName) + 1 || 99) - (ELEMENT_TAGS.indexOf(b.tagName) + 1 || 99) || a.tagName.localeCompare(b.tagName));
}

function section(element, theme) {
  const out = [`### \`<${element.tagName}>\``, cell(element.summary)];
  if (element.description)
    out.push(
      element.description
        .split(/\n\s*\n/)
        .map(cell)
        .join('\n\n'),
    );
  const attributes = new Map((element.attributes ?? []).map((attribute) => [attribute.fieldName ?? attribute.name, attribute]));
  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static);
  out.push(
    table(
      ['attribute', 'property', 'type', 'default', 'description'],
      fields.map((field) => [
        attributes.has(field.name) ? code(attributes.get(field.name).name) : '–',
        code(field.name) + (field.readonly ? ' (read-only)' : ''),
        code(field.parsedType?.text ?? field.type?.text),
        code(unquote(field.default)),
        cell(field.description),
      ]),
    ),
  );
  const methods = (element.members ?? []).filter((member) => member.kind === 'method' && !member.static);
  // One list item per method: descriptions are sentences, so they cannot be joined with semicolons.
  if (methods.length) out.push(`Methods:\n\n${methods.map((method) => `- \`${method.name}()\` — ${cell(method.description)}`).join('\n')}\n`);
  out.push(
    table(
      ['event', 'type', 'description'],
      (element.events ?? []).map((event) => [code(event.name), code(event.type?.text), cell(event.description)]),
    ),
  );
  if (element.slots?.length)
    out.push(`Slots: ${element.slots.map((slot) => `${slot.name ? code(slot.name) : 'default'} — ${cell(slot.description)}`).join('; ')}\n`);
  if (element.cssParts?.length)
    out.push(`Parts: ${element.cssParts.map((part) => `${code(part.name)} (${cell(part.description).replace(/\.$/, '')})`).join(', ')}.\n`);
  const own = (element.cssProperties ?? []).filter((property) => !theme.has(property.name));
  const themed = (element.cssProperties ?? []).length - own.length;
  if (element.tagName !== 'twofa-enroll' && (element.cssProperties ?? []).length) {
    const parts = [];
    if (themed) parts.push(`${themed} of the theme’s (see the table below)`);
    if (own.length) parts.push(own.map((property) => `${code(property.name)} (${code(property.default)})`).join(', '));
    out.push(`Custom properties: ${parts.join(', and ')}.\n`);
  }
  return out
    .map((block) => block.trim())
    .filter(Boolean)
    .join('\n\n');
}

/** The markdown of the region, without the markers. */
export function apiReference(manifest) {
  const list = elements(manifest);
  const wizard = list.find((element) => element.tagName === 'twofa-enroll');
  const theme = new Set((wizard?.cssProperties ?? []).map((property) => property.name));
  const out = [
    'Every element, attribute, property, event, slot, part and custom property, with the description from',
    "its JSDoc. The same data drives Storybook's docs pages, the React and Vue typings and VS Code's completion.",
    '',
    ...list.map((element) => section(element, theme) + '\n'),
  ];
  if (wizard?.cssProperties?.length) {
    out.push(
      '#### Custom properties (the theme)',
      '',
      'Set on `<twofa-enroll>` (or any ancestor, or a single step element); they reach every step. Dark-scheme defaults',
      'apply under `prefers-color-scheme: dark` unless you set the property.',
      '',
      table(
        ['custom property', 'default', 'description'],
        wizard.cssProperties.map((property) => [code(property.name), code(property.default), cell(property.description)]),
      ),
    );
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

/** README.md with the region replaced. */
export function withApiReference(readme, manifest) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no region between\n  ${START}\nand\n  ${END}`);
  return `${readme.slice(0, start + START.length)}\n\n${apiReference(manifest)}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const readme = readFileSync('README.md', 'utf8');
  const next = withApiReference(readme, manifest);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md: the API reference is out of date with custom-elements.json. Run: npm run docs');
      process.exit(1);
    }
    console.log('README.md: the API reference is current.');
  } else if (next !== readme) {
    writeFileSync('README.md', next);
    console.log('README.md: API reference rewritten from custom-elements.json.');
  } else {
    console.log('README.md: API reference already current.');
  }
}
