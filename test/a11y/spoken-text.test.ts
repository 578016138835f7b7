/**
 * Everything a screen reader speaks in every state of the wizard (test/a11y/states.ts), in each
 * language: accessible names and descriptions (computed by dom-accessibility-api, as the end-to-end
 * driver does) and the text of live regions. None may hold a clock-like "0:42" (read as a time of day
 * or "zero colon forty-two"), a bare symbol, or a count that contradicts itself; in nb and sv none may
 * be the English of the same element, or hold common English words: a forgotten translation.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { computeAccessibleDescription, computeAccessibleName, getRole } from 'dom-accessibility-api';
import { deepElements } from '../helpers/queries.js';
import { toConfirm, typeInto } from '../helpers/wizard.js';
import { liveRegionOf, LOCALES, preloadLocales, showIn, type Lang } from './helpers.js';
import { inState, STATES, waitForText, type WizardState } from './states.js';

/** What reads badly aloud, in any language. */
const READS_BADLY: [what: string, pattern: RegExp][] = [
  ['a clock-like m:ss', /\d:\d\d/],
  // Keyboard and arrow symbols, bullets and dots, ticks and crosses, emoji: read as their Unicode name or not at all.
  ['a bare symbol', /[⌘⌥⇧⌃⏎↵→←↑↓↗▶▸►•·∙●○×✓✔✗✕✖★☆⚠ℹ›‹]|\p{Extended_Pictographic}/u],
  ['a count of nothing', /(^|[^\d.,])0 (attempts?|forsøk|försök|seconds?|sekund(er)?|minutes?|minutt(er)?|minut(er)?)\b/i],
  ['a wrong English plural', /(^|[^\d.,])1 (attempts|seconds|minutes|codes)\b/],
];

/** Words that never belong in a Norwegian or Swedish text (none of them is a word in either language). */
const ENGLISH = /\b(the|and|your|you|with|code|codes|enter|try|again|seconds?|minutes?|attempts?|left|copy|copied|step|of|scan|phone)\b/i;

/** Roles whose accessible name nobody hears (or that have none). */
const UNNAMED = new Set(['generic', 'presentation', 'none', 'paragraph', 'list', 'listitem', 'strong', 'emphasis', 'code', 'term', 'definition']);

/** Names that come from `Intl` (country names), not from a translation: many countries are named alike in all three languages. */
const FROM_INTL = /\(\+\d+\)$/;

interface Spoken {
  el: Element;
  what: 'name' | 'description' | 'live region';
  text: string;
}

/** Whether assistive technology meets `el`: drawn (or hidden the screen-reader-only way) and not under aria-hidden. */
function exposed(el: Element): boolean {
  if (!el.checkVisibility({ visibilityProperty: true })) return false;
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('inert')) return false;
  }
  return true;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Every text a screen reader speaks at and below `root`, through shadow roots. */
function spoken(root: Element): Spoken[] {
  const said: Spoken[] = [];
  for (const el of [root, ...deepElements(root)]) {
    if (!exposed(el)) continue;
    const role = getRole(el);
    if ((role && !UNNAMED.has(role)) || el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) {
      said.push({ el, what: 'name', text: clean(computeAccessibleName(el)) });
    }
    if (['aria-describedby', 'aria-description', 'title'].some((name) => el.hasAttribute(name))) {
      // (aria-description, which dom-accessibility-api 0.5 does not read, names the page's own code field.)
      said.push({ el, what: 'description', text: clean(`${computeAccessibleDescription(el)} ${el.getAttribute('aria-description') ?? ''}`) });
    }
    if (liveRegionOf(el) === el) said.push({ el, what: 'live region', text: clean(el.textContent ?? '') });
  }
  return said.filter(({ text }) => text);
}

const show = ({ el, what, text }: Spoken) => `<${el.localName}> ${what}: "${text}"`;

/** What the kit's translations leave alone (locales/allow-identical.json), and the test data's names and codes. */
let keptWords: Set<string>;
before(async () => {
  const allowed = (await (await fetch(new URL('../../locales/allow-identical.json', import.meta.url))).json()) as { words: string[] };
  keptWords = new Set([...allowed.words, 'jane', 'example', 'com', 'Example']);
  await preloadLocales();
});

/** Whether `text` is only words every language keeps: names, codes, numbers, punctuation. */
const onlyKeptWords = (text: string) =>
  text
    .split(/[^\p{L}\d]+/u)
    .filter((word) => /\p{L}/u.test(word) && !/\d/.test(word))
    .every((word) => keptWords.has(word));

/** The problems of what is spoken in `lang`, given what the same elements say in English. */
function problems(said: Spoken[], lang: Lang, english: Map<string, string>): string[] {
  const found: string[] = [];
  for (const item of said) {
    for (const [what, pattern] of READS_BADLY) if (pattern.test(item.text)) found.push(`${what}: ${show(item)}`);
    if (lang === 'en') continue;
    if (english.get(keyOf(item.el, item.what)) === item.text && !onlyKeptWords(item.text) && !(item.what === 'name' && FROM_INTL.test(item.text))) {
      found.push(`the English text, untranslated: ${show(item)}`);
    }
    if (ENGLISH.test(item.text.replace(/jane@example\.com/g, ''))) found.push(`English words: ${show(item)}`);
  }
  return found;
}

/** The key of what `el` says as `what`: elements are kept across a language switch (the wizard re-renders in place). */
const ids = new WeakMap<Element, number>();
let nextId = 0;
const keyOf = (el: Element, what: Spoken['what']) => {
  if (!ids.has(el)) ids.set(el, nextId++);
  return `${what} ${ids.get(el)}`;
};

/** States besides the shared ones: the code field in the page's DOM, named and described by attributes. */
const PAGE_FIELD: WizardState[] = [
  { name: 'confirm: code field in the page (code-field="light")', attributes: { codeField: 'light' }, reach: toConfirm },
  {
    name: 'confirm: a wrong code in the page\'s code field (code-field="light")',
    attributes: { codeField: 'light' },
    reach: async (w) => {
      await toConfirm(w);
      await typeInto(w.el, '6-digit code', w.memory.currentCode() === '000000' ? '111111' : '000000');
      await waitForText(w, 'attempts left.');
    },
  },
];

for (const state of [...STATES, ...PAGE_FIELD]) {
  describe(`spoken text: ${state.name}`, () => {
    const current = inState(state);

    for (const lang of LOCALES) {
      it(`${lang}: no clock-like times, bare symbols, contradictions${lang === 'en' ? '' : ' or English'} in names, descriptions and live regions`, async () => {
        const { el } = current.w;
        await showIn(el, 'en', 'light');
        const english = new Map(spoken(el).map((item) => [keyOf(item.el, item.what), item.text]));
        expect(english.size, 'something is spoken').to.be.greaterThan(0);
        await showIn(el, lang, 'light');
        // (A switch re-renders in place; the status regions' countdowns keep running meanwhile.)
        await waitUntil(() => spoken(el).length > 0, 'spoken text after the switch');
        expect(problems(spoken(el), lang, english)).to.deep.equal([]);
      });
    }
  });
}
