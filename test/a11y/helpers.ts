/** Helpers of the accessibility tests: language and colour scheme, rendering settled, focus indicators, live regions. */
import { aTimeout, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { kitLocale } from '../../src/localization.js';
import { deepElements } from '../helpers/queries.js';
import { LOCALES, type Lang } from '../localization/strings.js';

export { LOCALES, type Lang };
export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];

type KitElement = Element & { updateComplete: Promise<unknown>; i18n?: { locale: string } };

/** The kit's elements at and below `root`, through shadow roots. */
function kitElements(root: Element): KitElement[] {
  return [root, ...deepElements(root)].filter((el): el is KitElement => el.localName.startsWith('twofa-') && 'updateComplete' in el);
}

/** Waits until every kit element at and below `root` has rendered what it has been given. */
export async function settled(root: Element): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await Promise.all(kitElements(root).map((el) => el.updateComplete));
    await aTimeout(0);
  }
}

/** Loads the translations once, so that a language switch re-renders at once: an element in each language, until it shows it. */
export async function preloadLocales(): Promise<void> {
  const probes = LOCALES.map((lang) => Object.assign(document.createElement('twofa-step-done'), { lang }));
  document.body.append(...probes);
  await waitUntil(() => probes.every((el) => (el as unknown as KitElement).i18n?.locale === kitLocale(el.lang)), 'every language loaded');
  for (const el of probes) el.remove();
}

/** Shows `el` in `lang` (its own `lang` attribute; a kit language or the pseudo-locale `qps`) under a light or dark system colour scheme, and waits until all of it has re-rendered. */
export async function showIn(el: Element, lang: Lang | 'qps', scheme: Scheme): Promise<void> {
  if (matchMedia('(prefers-color-scheme: dark)').matches !== (scheme === 'dark')) await emulateMedia({ colorScheme: scheme });
  el.setAttribute('lang', lang);
  const wanted = kitLocale(lang);
  await waitUntil(() => kitElements(el).every((kit) => kit.i18n?.locale === wanted), `every element in ${lang}`, { interval: 5 });
  await settled(el);
  if (matchMedia('(prefers-color-scheme: dark)').matches !== (scheme === 'dark')) throw new Error(`the ${scheme} scheme was not emulated`);
}

const LIVE_ROLES = new Set(['alert', 'status', 'log', 'timer', 'marquee']);

/** The live region an element's text is announced through: itself or the nearest ancestor (across shadow roots) with a live role or `aria-live`. */
export function liveRegionOf(node: Node): Element | null {
  for (
    let el: Element | null = node instanceof Element ? node : node.parentElement;
    el;
    el = el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null
  ) {
    const live = el.getAttribute('aria-live');
    if (live && live !== 'off') return el;
    if (!live && LIVE_ROLES.has(el.getAttribute('role') ?? '')) return el;
  }
  return null;
}

/** Every live region at and below `root`, through shadow roots. */
export function liveRegions(root: Element): Element[] {
  return [root, ...deepElements(root)].filter((el) => liveRegionOf(el) === el);
}

/** Text nodes below `root` (through shadow roots) whose text contains `text`. */
export function textNodesWith(root: Element, text: string): Text[] {
  const found: Text[] = [];
  for (const el of [root, ...deepElements(root)]) {
    for (const node of Array.from(el.childNodes)) if (node.nodeType === Node.TEXT_NODE && node.textContent!.includes(text)) found.push(node as Text);
  }
  return found;
}

/** What makes focus visible on an element: its outline (when drawn) and box-shadow. */
export function focusIndicator(el: Element): string {
  const style = getComputedStyle(el);
  const outline =
    style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !/transparent|\/ 0\)|rgba\(0, 0, 0, 0\)/.test(style.outlineColor)
      ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
      : '';
  const shadow = style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : '';
  return [outline, shadow].filter(Boolean).join(', ');
}

/** `<tag>` "name": how a failure names an element (never the node itself, which the runner cannot serialise). */
export function label(el: Element | null): string {
  if (!el) return 'nothing';
  const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  return `<${el.localName}${el.id ? `#${el.id}` : ''}> "${text}"`;
}
