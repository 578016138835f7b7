/**
 * Defines a kit element under its tag, unless the tag is taken (a second copy of the kit on the page
 * keeps the first one's). The library build (build/lean-source.ts) writes each element module's
 * `if (!customElements.get(tag)) customElements.define(tag, Element)` as a call of this, which ships
 * the tag once instead of twice.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
