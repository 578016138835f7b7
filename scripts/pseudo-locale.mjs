/**
 * The pseudo-locale `qps`, for seeing text that is not translated or does not fit before a real
 * translation arrives: each target of locales/qps.xlf is made from its English source, letters
 * accented ("Ŝéé…"), vowels doubled (about a third longer, as Norwegian, Swedish or German often
 * are), the whole in brackets (a cut-off end shows; text without brackets is hard-coded English),
 * placeholders kept exactly. Generated, never edited: `npm run localize` runs this between
 * `lit-localize extract` and `lit-localize build`, and `npm run test:locales` fails when the file is
 * not what `pseudoXliff` makes of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PSEUDO_LOCALE = 'qps';
export const PSEUDO_FILE = fileURLToPath(new URL(`../locales/${PSEUDO_LOCALE}.xlf`, import.meta.url));

const PLAIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ACCENTED = 'ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽåƀçðéƒĝĥîĵķļṁñöþǫŕšţûṽŵẋýž';
const accent = new Map([...PLAIN].map((letter, i) => [letter, [...ACCENTED][i]]));

/** A text run: each letter accented, each vowel twice. */
const pseudoText = (text) => [...text].map((char) => (/[aeiouy]/i.test(char) ? accent.get(char).repeat(2) : (accent.get(char) ?? char))).join('');

/** A `<source>`'s XML, pseudo-localized: placeholders (`<x …/>`) and entities kept, the rest `pseudoText`, in brackets. */
export function pseudoTarget(sourceXml) {
  const parts = sourceXml.split(/(<x\b[^>]*\/>|&[#\w]+;)/);
  return `[${parts.map((part, i) => (i % 2 ? part : pseudoText(part))).join('')}]`;
}

/** An XLIFF file as lit-localize writes it, every trans-unit's target (added or replaced) made from its source. */
export function pseudoXliff(xml) {
  return xml.replace(
    /(<source>)([\s\S]*?)(<\/source>\n)(?:[ \t]*<target>[\s\S]*?<\/target>\n)?/g,
    (_, open, source, close) => `${open}${source}${close}  <target>${pseudoTarget(source)}</target>\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const xml = readFileSync(PSEUDO_FILE, 'utf8');
  const pseudo = pseudoXliff(xml);
  writeFileSync(PSEUDO_FILE, pseudo);
  const length = (pattern) => [...pseudo.matchAll(pattern)].reduce((sum, [, text]) => sum + text.replace(/<x\b[^>]*\/>/g, '').length, 0);
  const growth = length(/<target>([\s\S]*?)<\/target>/g) / length(/<source>([\s\S]*?)<\/source>/g) - 1;
  console.log(`locales/${PSEUDO_LOCALE}.xlf: every target generated, ${Math.round(growth * 100)} % longer than the English`);
}
