/**
 * Which language an element speaks: its own `lang`, else the nearest ancestor's,
 * else the document's, else the browser's first preference.
 */
export function resolveLang(element: Element): string {
  const owner = element.closest('[lang]')?.getAttribute('lang');
  return owner || document.documentElement.lang || navigator.languages?.[0] || 'en';
}

/** The kit's locale for a BCP 47 tag: Norwegian (no, nb, nn) → nb, Swedish → sv, anything else → en. */
export function kitLocale(tag: string): 'en' | 'nb' | 'sv' {
  const language = tag.toLowerCase().split(/[-_]/)[0];
  if (language === 'nb' || language === 'no' || language === 'nn') return 'nb';
  if (language === 'sv') return 'sv';
  return 'en';
}
