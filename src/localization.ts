/**
 * The kit's localization: which language an element speaks, and the kit's own message runtime.
 *
 * The kit never calls `configureLocalization` and never touches the `@lit/localize` runtime a host
 * page may have configured for its own strings (that runtime can be configured once per page and
 * holds one global locale; see ARCHITECTURE.md, "Localization"). Instead this module is a private
 * runtime of a few lines that reads the same generated modules (`lit-localize build`, runtime mode,
 * in `src/generated/locales/`) and the same `str` templates. There is no current locale: each element
 * has its own `msg`, bound to its language (`LocaleController`), branded like `@lit/localize`'s `msg`
 * so that `lit-localize extract` finds every call. So two wizards in two languages can share a page,
 * and a string made outside `render()` is in the language of the element that made it.
 */
import type { StrResult, str as litStr } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';
import { messageKey } from './message-key.js';

/**
 * `@lit/localize`'s `str` tag, written out: importing it would pull the package's index (and its
 * runtime's module-level code) into the first load. Same type (so `lit-localize extract` sees it),
 * same result shape as the `str` the generated locale modules use.
 */
export const str: typeof litStr = (strings, ...values) => ({ strTag: true, strings, values });

/** A language the kit has translations for. */
export type KitLocale = typeof sourceLocale | (typeof targetLocales)[number];

type Templates = Partial<Record<string, string | StrResult>>;
type TranslatedLocale = Exclude<KitLocale, typeof sourceLocale>;
type Loader = () => Promise<{ templates: Templates }>;

/**
 * A set of the kit's messages: one lazily loaded module per translated language. The specifiers stay
 * literal (never a template string) so that bundlers split each into its own chunk and the test runner
 * can rewrite them.
 */
export type KitMessages = Record<TranslatedLocale, Loader>;

/** The messages of the main entry's elements (the wizard, its steps, the shared pieces). */
const coreMessages: KitMessages = {
  nb: () => import('./generated/locales/nb.js'),
  sv: () => import('./generated/locales/sv.js'),
  // The pseudo-locale (`lang="qps"`), generated for layout and translation checks (locales/README.md).
  qps: () => import('./generated/locales/qps.js'),
};

/** What each language needs: the core messages, and every set an element's entry added (`addKitMessages`). */
const messageSets = new Set<KitMessages>([coreMessages]);

/** Each loaded language's messages, from every set loaded so far. */
const templates = new Map<KitLocale, Templates>();
const loaded = new Set<Loader>();
const loading = new Map<Loader, Promise<unknown>>();

/**
 * Fires `load` whenever a module of a kit locale's translations arrives, so that elements which rendered
 * English because their own load failed (the network was gone) switch once a later load, by any element, succeeds.
 */
export const kitLocales = new EventTarget();

/**
 * Adds a set of messages that every language loads from now on: an element that is not in the main
 * entry (`<twofa-manage>`) brings its own, so that pages without it do not download them.
 */
export function addKitMessages(messages: KitMessages): void {
  messageSets.add(messages);
}

/** Loads one module of a language's messages, once; a failed load is tried again by the next call. */
function loadMessages(locale: TranslatedLocale, load: Loader): Promise<unknown> {
  if (loaded.has(load)) return Promise.resolve();
  let promise = loading.get(load);
  if (!promise) {
    promise = load().then(
      (module) => {
        loaded.add(load);
        templates.set(locale, { ...templates.get(locale), ...module.templates });
        kitLocales.dispatchEvent(new Event('load'));
      },
      (error: unknown) => {
        loading.delete(load); // a later call tries again
        throw error;
      },
    );
    loading.set(load, promise);
  }
  return promise;
}

/**
 * Loads the translations for a kit locale, every set of them, once; resolves when they can be rendered.
 * Elements call it themselves (`LocaleController`) when they meet a language; a failed load is tried
 * again by the next call (each step element that connects makes one).
 */
export function loadKitLocale(locale: KitLocale): Promise<unknown> {
  if (locale === sourceLocale) return Promise.resolve();
  return Promise.all([...messageSets].map((messages) => loadMessages(locale, messages[locale])));
}

/** Whether a kit locale's translations are loaded (English always is). */
export function isKitLocaleLoaded(locale: KitLocale): boolean {
  return locale === sourceLocale || [...messageSets].every((messages) => loaded.has(messages[locale]));
}

/** What a kit message needs: an id in the kit's namespace (never clashing with a host's ids) and a note for translators. */
export interface KitMsgOptions {
  id: `twofa-${string}`;
  desc: string;
}

/**
 * A message in one language: `msg('Cancel', { id: 'twofa-cancel', desc: '…' })`, or with values,
 * `msg(str\`Step ${index} of ${total}\`, { … })`. The `_LIT_LOCALIZE_MSG_` brand is what
 * `lit-localize extract` recognises, whatever the function is called through (`this.msg`, `i18n.msg`).
 */
export type KitMsg = ((template: string | StrResult, options: KitMsgOptions) => string) & { _LIT_LOCALIZE_MSG_?: never };

/** What text in one language needs: its messages, and its locale (plural rules, units). `LocaleController` is one. */
export interface Translator {
  readonly locale: KitLocale;
  readonly msg: KitMsg;
}

/** A message in `locale` (the English source while its translations are not loaded). */
export function translate(locale: KitLocale, template: string | StrResult, options?: KitMsgOptions): string {
  // The built kit's calls have no options: their key is the hash of their text (see `messageKey`).
  const translated = templates.get(locale)?.[options?.id ?? messageKey(template)];
  if (typeof template === 'string') return typeof translated === 'string' ? translated : template;
  if (typeof translated === 'string') return translated;
  // A translated `str` template holds, in place of each value, the index of the source value it stands for
  // (translators may reorder placeholders).
  const strings = translated ? translated.strings : template.strings;
  let text = strings[0];
  for (let i = 1; i < strings.length; i++) {
    text += String(template.values[translated ? (translated.values[i - 1] as number) : i - 1]) + strings[i];
  }
  return text;
}

/**
 * A wait in words in `locale`, as a screen reader should say it: "42 seconds", "1 minute
 * and 5 seconds" ("1 minutt og 5 sekunder", "1 minut och 5 sekunder"). The units and the "and" are the
 * language's own (`Intl.NumberFormat` units, `Intl.ListFormat`), so no message needs a plural per unit.
 */
export function durationInWords(seconds: number, locale: KitLocale): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const unit = (count: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(count);
  const list = (parts: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
  if (whole >= 3600) {
    // Hours away (a day's cap on wrong codes), seconds are noise: whole minutes, rounded up.
    const inMinutes = Math.ceil(whole / 60);
    const [hours, minutes] = [Math.floor(inMinutes / 60), inMinutes % 60];
    return list([unit(hours, 'hour'), ...(minutes ? [unit(minutes, 'minute')] : [])]);
  }
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const parts = [...(minutes ? [unit(minutes, 'minute')] : []), ...(rest || !minutes ? [unit(rest, 'second')] : [])];
  return list(parts);
}

/** The language subtag, lower case: `nb-NO` → `nb`, `sv_FI` → `sv`. */
function languageOf(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0];
}

/** Languages the kit shows in another one's translation: Norwegian (`no`) and Nynorsk (`nn`) readers get Bokmål. */
const ALIASES: Readonly<Record<string, KitLocale>> = { no: 'nb', nn: 'nb' };

/** The language of a tag if the kit speaks it (`sv-FI` → sv, `nn` → nb), else undefined. */
function spoken(tag: string): KitLocale | undefined {
  const language = languageOf(tag);
  const locale = ALIASES[language] ?? language;
  return locale === sourceLocale || locale in coreMessages ? (locale as KitLocale) : undefined;
}

/** The kit's locale for a BCP 47 tag: Norwegian (`no`, `nb`, `nn`, with any region) → nb, Swedish → sv, anything else → en. */
export function kitLocale(tag: string): KitLocale {
  return spoken(tag) ?? sourceLocale;
}

/** The browser's first preferred language the kit speaks, else its first preference, else English. */
function preferredLanguage(): string {
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return languages.find((tag) => tag && spoken(tag)) ?? languages[0] ?? sourceLocale;
}

/**
 * Which language an element speaks, as a BCP 47 tag: its own `lang`, else the nearest ancestor's
 * (through shadow roots: a step inside the wizard follows the wizard's `lang`), else
 * `document.documentElement.lang`, else the first of `navigator.languages` the kit speaks.
 * An empty `lang=""` is skipped.
 */
export function resolveLang(element: Element): string {
  for (const node of langAncestors(element)) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
  }
  return document.documentElement.lang || preferredLanguage();
}

/**
 * The elements whose `lang` decides an element's language: itself and its ancestors up to the
 * document element, through shadow roots. What `LocaleController` observes.
 */
export function langAncestors(element: Element): Element[] {
  const chain: Element[] = [];
  for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element) chain.push(node);
  }
  return chain;
}

/**
 * The locale for `Intl` (dates, times, country names) next to text in `locale`: the element's own
 * tag when it is of the same language (keeping its region: `sv-FI`, `en-GB`), Norwegian tags as
 * Bokmål (`nn-NO` → `nb-NO`, the text is Bokmål), and the kit locale itself otherwise (a German page
 * gets English text, so English dates). Malformed tags (`nb_NO`) are repaired or dropped.
 */
export function intlLocale(tag: string, locale: KitLocale = kitLocale(tag)): string {
  if (spoken(tag) !== locale) return locale;
  const [, ...rest] = tag.replace(/_/g, '-').split('-');
  try {
    return Intl.getCanonicalLocales([locale, ...rest].join('-'))[0];
  } catch {
    return locale;
  }
}
