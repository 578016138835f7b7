/**
 * The colour-scheme switch of the Storybook toolbar.
 *
 * The kit's dark palette lives under `@media (prefers-color-scheme: dark)` (src/styles/tokens.styles.ts),
 * and a story cannot emulate that media query for itself. So the switch sets the kit's public
 * `--twofa-*` colour properties on the story's wrapper — exactly what a page may do — to the values of
 * the light or the dark palette. The values are read from the kit's own token styles, so they never
 * drift from what the media query would give. "Follow the system" sets nothing: the kit's own media
 * query decides (e.g. with the operating system's dark mode, or Chromium's `--force-dark-mode`).
 */
import { tokens } from '../../src/styles/tokens.styles.js';

export type Scheme = 'light' | 'dark' | 'system';

/** `--_accent: var(--twofa-accent, #1d5bd8);` → ['--twofa-accent', '#1d5bd8'] */
const DECLARATION = /--_[\w-]+\s*:\s*var\(\s*(--twofa-[\w-]+)\s*,\s*(#[0-9a-fA-F]{3,8})\s*\)/g;

function palette(cssText: string): Record<string, string> {
  return Object.fromEntries([...cssText.matchAll(DECLARATION)].map(([, name, value]) => [name, value]));
}

const css = tokens.cssText;
const darkStart = css.search(/prefers-color-scheme:\s*dark/);
const afterDark = css.slice(darkStart);
const nextMedia = afterDark.indexOf('@media');
const dark = palette(nextMedia > 0 ? afterDark.slice(0, nextMedia) : afterDark);
// Only the colours the dark palette changes (plus the border, which it keeps), from the light part.
const light = Object.fromEntries(Object.entries(palette(css.slice(0, darkStart))).filter(([name]) => name in dark));

export const PALETTES: Record<'light' | 'dark', Record<string, string>> = { light, dark };

/** Inline style for the story wrapper: the palette as custom properties, the page colours, `color-scheme`. */
export function schemeStyle(scheme: Scheme): string {
  // A page that follows the user's scheme: the system colours under `color-scheme: light dark`.
  if (scheme === 'system') return 'color-scheme: light dark; background: Canvas; color: CanvasText';
  const colours = PALETTES[scheme];
  return [
    `color-scheme: ${scheme}`,
    ...Object.entries(colours).map(([name, value]) => `${name}: ${value}`),
    `background: ${colours['--twofa-surface']}`,
    `color: ${colours['--twofa-text']}`,
  ].join('; ');
}
