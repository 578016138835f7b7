/**
 * The translation checks of `npm test` (`npm run test:locales`):
 * - the XLIFF files are up to date with the source: `lit-localize extract`, run on copies, changes nothing;
 * - the generated modules in `src/generated/` are what `lit-localize build` makes from them, byte for byte;
 * - every message has a non-empty target in every target locale, with the same placeholders as the source;
 * - no target is an unchanged copy of the English, unless allowed in `locales/allow-identical.json`;
 * - the languages' quotation marks are right, and texts that quote each other (the QR code's accessible
 *   name quotes the "Can't scan the image?" title) agree;
 * - no target uses a variant that the terminology table of `locales/README.md` bans for its language
 *   (the table is read from the README: it is the one place the glossary lives);
 * - the kit's runtime (`src/localization.ts`) and the panel (`src/twofa-manage/panel-messages.ts`) load
 *   every target locale through a literal `import()`;
 * - the pseudo-locale (`qps`) is exactly what scripts/pseudo-locale.mjs generates: never edited by hand,
 *   and none of the translation checks above apply to it.
 * (That the kit's code never imports the page's `@lit/localize` runtime is an ESLint rule.) The messages
 * are read from the XLIFF files, which the first check holds equal to what `lit-localize extract` writes,
 * through lit-localize's command line only: no import of its internal modules.
 * Prints what is wrong, then `Locale checks: N passed, M failed`; exits 1 on any failure.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { PSEUDO_FILE, PSEUDO_LOCALE, pseudoXliff } from './pseudo-locale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'node_modules/@lit/localize-tools/bin/lit-localize.js');
const configPath = join(root, 'lit-localize.json');
const rawConfig = JSON.parse(readFileSync(configPath, 'utf8'));
const allowed = JSON.parse(readFileSync(join(root, 'locales/allow-identical.json'), 'utf8'));

/** Quotation marks each language uses; the others are wrong there. */
const QUOTES = {
  nb: { use: '« »', wrong: /["“”„]/ },
  sv: { use: '” ”', wrong: /["“«»„]/ },
};

const GLOSSARY_FILE = 'locales/README.md';

/**
 * The terminology table of locales/README.md: a header row `| concept | en | nb | sv | banned (nb) | banned (sv) |`
 * (a language column and a "banned (…)" column per target language), a separator row, then one row per concept.
 * A "banned (xx)" cell is `—` or `backticked` variants separated by commas; a variant is matched ignoring case
 * anywhere in a target's text (not its placeholders), so `telefonnummer` also catches "Telefonnummeret".
 * Returns the terms and what keeps the table from being read as meant.
 */
function readTerminology(markdown, locales) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^\|\s*concept\s*\|/i.test(line));
  if (start < 0) return { terms: [], problems: [`${GLOSSARY_FILE} has no terminology table (a header row "| concept | en | … |")`] };
  const cellsOf = (line) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((cell) => cell.trim());
  const header = cellsOf(lines[start]);
  const problems = [];
  const column = (name) => header.findIndex((cell) => cell.toLowerCase() === name);
  for (const locale of locales) {
    if (column(locale) < 0) problems.push(`the table has no "${locale}" column`);
    if (column(`banned (${locale})`) < 0) problems.push(`the table has no "banned (${locale})" column`);
  }
  const terms = [];
  for (let i = start + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    const cells = cellsOf(lines[i]);
    const concept = cells[0];
    if (cells.length !== header.length) {
      problems.push(`row "${concept}" has ${cells.length} cells, the header ${header.length}`);
      continue;
    }
    const term = { concept, use: {}, banned: {} };
    for (const locale of locales) {
      const [useAt, bannedAt] = [column(locale), column(`banned (${locale})`)];
      if (useAt < 0 || bannedAt < 0) continue;
      const cell = cells[bannedAt];
      term.use[locale] = cells[useAt].replaceAll('`', '');
      term.banned[locale] = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
      if (cell !== '—' && cell.replace(/`[^`]+`/g, '').replace(/[,\s]/g, '') !== '') {
        problems.push(`row "${concept}", banned (${locale}): write \`variant\`, \`variant\` or —, not "${cell}"`);
      }
      for (const variant of term.banned[locale]) {
        if (term.use[locale].toLowerCase().includes(variant.toLowerCase()))
          problems.push(`row "${concept}": ${locale} bans "${variant}", which is in its own term "${term.use[locale]}"`);
      }
    }
    terms.push(term);
  }
  if (!terms.length) problems.push('the terminology table has no rows');
  return { terms, problems };
}

/** Messages that quote another message's text: the quoted one's target must appear in the quoting one's. */
const QUOTED = [['twofa-qr-image-label', 'twofa-qr-manual-summary']];

const results = [];
function check(name, problems) {
  results.push({ name, problems });
  if (problems.length) {
    console.log(`FAIL ${name}`);
    for (const problem of problems) console.log(`     - ${problem}`);
  } else {
    console.log(`ok   ${name}`);
  }
}

/**
 * The trans-units of an XLIFF 1.2 file as lit-localize writes it: id, source and target as lists of
 * text and placeholders (`<x equiv-text="${…}"/>` → `{ untranslatable }`), the note for translators.
 */
function readXliff(path) {
  const doc = new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/xml');
  const contents = (element) =>
    element &&
    Array.from(element.childNodes).flatMap((node) =>
      node.nodeType === 3 ? [node.data] : node.nodeName === 'x' ? [{ untranslatable: node.getAttribute('equiv-text') }] : [],
    );
  const child = (unit, name) => Array.from(unit.childNodes).find((node) => node.nodeName === name);
  return Array.from(doc.getElementsByTagName('trans-unit')).map((unit) => ({
    name: unit.getAttribute('id'),
    contents: contents(child(unit, 'source')),
    target: contents(child(unit, 'target')),
    desc: child(unit, 'note')?.textContent ?? '',
  }));
}

function runCli(config, command) {
  const dir = mkdtempSync(join(tmpdir(), 'twofa-localize-'));
  const path = join(dir, 'lit-localize.json');
  writeFileSync(path, JSON.stringify(config));
  try {
    execFileSync(process.execPath, [CLI, '--config', path, command], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    throw new Error(`lit-localize ${command} failed:\n${error.stdout}${error.stderr}`, { cause: error });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A config like the project's, with every path absolute and the outputs moved to `out`. */
function configInto(out, { xliffDir }) {
  return {
    ...rawConfig,
    tsConfig: join(root, rawConfig.tsConfig),
    output: {
      ...rawConfig.output,
      outputDir: join(out, 'generated/locales'),
      localeCodesModule: join(out, 'generated/locale-codes.ts'),
    },
    interchange: { ...rawConfig.interchange, xliffDir },
  };
}

function differs(expectedFile, actualFile) {
  if (!existsSync(actualFile)) return `${relative(root, actualFile)} is missing`;
  return readFileSync(expectedFile).equals(readFileSync(actualFile)) ? null : `${relative(root, actualFile)} differs`;
}

const work = mkdtempSync(join(tmpdir(), 'twofa-locales-'));
try {
  const targets = rawConfig.targetLocales;
  // Languages people translate; the pseudo-locale is generated from the English (check 5).
  const languages = targets.filter((locale) => locale !== PSEUDO_LOCALE);
  const xliffDir = join(root, rawConfig.interchange.xliffDir);

  // 1. Extract into copies of the XLIFF files: nothing may change.
  const xliffCopy = join(work, 'xliff');
  mkdirSync(xliffCopy);
  for (const locale of targets) if (existsSync(join(xliffDir, `${locale}.xlf`))) cpSync(join(xliffDir, `${locale}.xlf`), join(xliffCopy, `${locale}.xlf`));
  let extractProblems;
  try {
    runCli(configInto(join(work, 'unused'), { xliffDir: xliffCopy }), 'extract');
    extractProblems = targets
      .map((locale) => differs(join(xliffCopy, `${locale}.xlf`), join(xliffDir, `${locale}.xlf`)))
      .filter(Boolean)
      .map((problem) => `${problem} from what extract writes: run \`npm run localize\`, then translate the new or changed messages`);
  } catch (error) {
    extractProblems = [error.message];
  }
  check('XLIFF files are up to date with the source (lit-localize extract changes nothing)', extractProblems);

  // 2. Build from the committed XLIFF: the committed generated modules must come out byte for byte.
  const built = join(work, 'built');
  const generated = join(root, 'src/generated');
  const expected = ['locale-codes.ts', ...targets.map((locale) => `locales/${locale}.ts`)];
  let buildProblems;
  try {
    runCli(configInto(built, { xliffDir }), 'build');
    const extra = readdirSync(join(generated, 'locales')).filter((file) => !expected.includes(`locales/${file}`));
    buildProblems = [
      ...expected.map((file) => differs(join(built, 'generated', file), join(generated, file))).filter(Boolean),
      ...extra.map((file) => `src/generated/locales/${file} is not made by lit-localize build: delete it`),
    ];
  } catch (error) {
    buildProblems = [
      error.message
        .split('\n')
        .filter((line) => /error|missing|failed/i.test(line))
        .join(' ') || error.message,
    ];
  }
  check('src/generated/ is exactly what `lit-localize build` makes (npm run localize reproduces it)', buildProblems);

  // 3. The messages themselves, from the XLIFF files (up to date with the source: check 1).
  const xliff = new Map(targets.map((locale) => [locale, readXliff(join(xliffDir, `${locale}.xlf`))]));
  const messages = [...xliff.values()][0].map(({ name, contents, desc }) => ({ name, contents, desc }));
  const translations = new Map(
    [...xliff].map(([locale, units]) => [locale, units.filter((unit) => unit.target).map(({ name, target }) => ({ name, contents: target }))]),
  );
  const terminology = readTerminology(readFileSync(join(root, GLOSSARY_FILE), 'utf8'), languages);
  check(`the terminology table of ${GLOSSARY_FILE} can be read (a term and a "banned (…)" column per language)`, terminology.problems);
  const textOf = (contents) => contents.map((part) => (typeof part === 'string' ? part : `{${part.untranslatable}}`)).join('');
  const words = (contents) => contents.filter((part) => typeof part === 'string').join('');
  const placeholders = (contents) =>
    contents
      .filter((part) => typeof part !== 'string')
      .map((part) => part.untranslatable)
      .sort();
  check(
    'message ids are in the kit namespace (twofa-…)',
    messages.filter((m) => !m.name.startsWith('twofa-')).map((m) => `${m.name}: rename to twofa-…`),
  );
  check(
    'every message has a note for translators (desc)',
    messages.filter((m) => !m.desc?.trim()).map((m) => `${m.name}: add desc`),
  );

  for (const locale of languages) {
    const byId = new Map((translations.get(locale) ?? []).map((message) => [message.name, message]));
    const allowedIds = allowed.messages?.[locale] ?? {};
    const allowedWords = new Set(allowed.words ?? []);
    const missing = [];
    const empty = [];
    const copies = [];
    const mismatched = [];
    const quotes = [];
    const glossary = [];
    for (const source of messages) {
      const target = byId.get(source.name);
      if (!target) {
        missing.push(`${source.name}: "${textOf(source.contents)}"`);
        continue;
      }
      if (!words(target.contents).trim()) empty.push(`${source.name}: the target has no text`);
      const sameAsEnglish = textOf(target.contents).trim() === textOf(source.contents).trim();
      const onlyAllowedWords = words(target.contents)
        .split(/[^\p{L}]+/u)
        .filter(Boolean)
        .every((word) => allowedWords.has(word));
      if (sameAsEnglish && !allowedIds[source.name] && !onlyAllowedWords) {
        copies.push(
          `${source.name}: "${textOf(target.contents)}" is the English text (translate it, or allow it in locales/allow-identical.json with a reason)`,
        );
      }
      const [want, got] = [placeholders(source.contents), placeholders(target.contents)];
      if (want.join('\u0000') !== got.join('\u0000')) mismatched.push(`${source.name}: source has ${JSON.stringify(want)}, target has ${JSON.stringify(got)}`);
      if (QUOTES[locale]?.wrong.test(words(target.contents))) quotes.push(`${source.name}: "${words(target.contents)}" (use ${QUOTES[locale].use})`);
      const text = words(target.contents).toLowerCase();
      for (const term of terminology.terms) {
        for (const variant of term.banned[locale] ?? []) {
          if (text.includes(variant.toLowerCase()))
            glossary.push(`${source.name}: "${variant}" is banned (${term.concept}: write ${term.use[locale]}) in "${words(target.contents)}"`);
        }
      }
    }
    // (A target for a message that no longer exists cannot be here: extract drops it, and check 1 holds the files to that.)
    const sourceIds = new Set(messages.map((m) => m.name));
    const staleAllowed = Object.keys(allowedIds).filter((id) => !sourceIds.has(id));
    const consistency = [];
    for (const [quoting, quoted] of QUOTED) {
      const outer = byId.get(quoting);
      const inner = byId.get(quoted);
      if (outer && inner && !words(outer.contents).includes(words(inner.contents))) {
        consistency.push(`${quoting} must quote ${quoted} exactly: "${words(inner.contents)}" not found in "${words(outer.contents)}"`);
      }
    }
    check(`${locale}: every message has a target`, missing);
    check(`${locale}: no target is empty`, empty);
    check(`${locale}: no target is an unchanged copy of the English`, copies);
    check(`${locale}: placeholders match the source`, mismatched);
    check(
      `${locale}: locales/allow-identical.json lists only messages that exist`,
      staleAllowed.map((id) => `${id}: listed in locales/allow-identical.json but not in the source`),
    );
    check(`${locale}: quotation marks (${QUOTES[locale]?.use ?? 'any'})`, quotes);
    check(`${locale}: no variant the terminology table (${GLOSSARY_FILE}) bans for ${locale}`, glossary);
    check(`${locale}: texts that quote other texts agree`, consistency);
  }

  // 4. One literal loader per language, for the core's messages and for the panel's.
  const runtime = readFileSync(join(root, 'src/localization.ts'), 'utf8');
  check(
    'src/localization.ts loads every target locale through a literal import()',
    targets
      .filter((locale) => !runtime.includes(`import('./generated/locales/${locale}.js')`))
      .map((locale) => `add  ${locale}: () => import('./generated/locales/${locale}.js'),  to coreMessages`),
  );
  const panel = readFileSync(join(root, 'src/twofa-manage/panel-messages.ts'), 'utf8');
  const panelModule = (locale) => join(root, `src/twofa-manage/messages/${locale}.ts`);
  check(
    'src/twofa-manage/panel-messages.ts loads every target locale through a literal import() of a module that re-exports it',
    targets.flatMap((locale) => [
      ...(panel.includes(`import('./messages/${locale}.js')`) ? [] : [`add  ${locale}: () => import('./messages/${locale}.js'),  to panelMessages`]),
      ...(existsSync(panelModule(locale)) && readFileSync(panelModule(locale), 'utf8').includes(`from '../../generated/locales/${locale}.js'`)
        ? []
        : [`src/twofa-manage/messages/${locale}.ts: re-export the templates of ../../generated/locales/${locale}.js, as nb.ts does`]),
    ]),
  );

  // 5. The pseudo-locale is generated.
  const pseudo = existsSync(PSEUDO_FILE) ? readFileSync(PSEUDO_FILE, 'utf8') : null;
  check(`${PSEUDO_LOCALE}: locales/${PSEUDO_LOCALE}.xlf is what scripts/pseudo-locale.mjs generates (never edited by hand)`, [
    ...(targets.includes(PSEUDO_LOCALE) ? [] : [`add "${PSEUDO_LOCALE}" to targetLocales in lit-localize.json`]),
    ...(pseudo === null ? ['it is missing: run `npm run localize`'] : pseudo === pseudoXliff(pseudo) ? [] : ['it differs: run `npm run localize`']),
  ]);
} catch (error) {
  check('the checks could run', [error.message]);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((result) => result.problems.length).length;
console.log(`Locale checks: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
