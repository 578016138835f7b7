/** Helpers for the localization tests. */
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { deepElements } from '../helpers/queries.js';

/** Renders `template` inside `<div lang=…>` and returns the wrapper (the queries search below it, through shadow roots). */
export async function inLang(lang: string, template: TemplateResult): Promise<HTMLElement> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}>${template}</div>`);
  const child = wrapper.firstElementChild as (Element & { updateComplete?: Promise<unknown> }) | null;
  await child?.updateComplete;
  return wrapper;
}

/** Records `.txt` downloads (their text and file name) instead of saving them, until `restore()`. */
export function stubDownloads(): { files: { name: string; text: Promise<string> }[]; restore: () => void } {
  const files: { name: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  const { createObjectURL, revokeObjectURL } = URL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:stub/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob && this.download) files.push({ name: this.download, text: blob.text() });
    else click.call(this);
  };
  return {
    files,
    restore: () => {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

/** Replaces `navigator.clipboard.writeText` with an accepting stub until `restore()`. */
export function stubClipboard(): () => void {
  Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.resolve(), configurable: true, writable: true });
  return () => void delete (navigator.clipboard as { writeText?: unknown }).writeText;
}

/** Overrides `navigator.languages` (and `navigator.language`) until `restore()`, announcing the change as a browser does. */
export function setBrowserLanguages(languages: string[]): () => void {
  const define = (list: string[] | undefined) => {
    if (list) {
      Object.defineProperty(navigator, 'languages', { value: Object.freeze([...list]), configurable: true });
      Object.defineProperty(navigator, 'language', { value: list[0], configurable: true });
    } else {
      delete (navigator as { languages?: unknown }).languages;
      delete (navigator as { language?: unknown }).language;
    }
    window.dispatchEvent(new Event('languagechange'));
  };
  define(languages);
  return () => define(undefined);
}

/** The text of every element matching `selector` in `root`'s shadow roots, through nested ones. */
export function shadowText(root: Element, selector: string): string[] {
  const found: string[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      if (el.matches(selector)) found.push((el.textContent ?? '').replace(/\s+/g, ' ').trim());
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root.shadowRoot ?? root);
  return found;
}

/** The rate-limit countdown as drawn (m:ss; hidden from screen readers, which hear the status region). */
export function countdownOnScreen(root: Element): string {
  const countdown = [...deepElements(root)].find((el) => el.classList.contains('countdown'));
  return countdown?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
