import { LitElement } from 'lit';
import { LocaleController } from './locale-controller.js';

/**
 * What every kit element shares: its language (`i18n`, a `LocaleController`: the element renders in its
 * own language and re-renders in place when that changes).
 *
 * Styles are each element's own: `static styles = [tokens, base, css`…`]` (the theme, the shared look,
 * its own), so that an element imported on its own brings only the styles it uses.
 *
 * Properties are declared in `static properties` rather than with decorators: each decorator costs
 * a call in the shipped code, and the decorator helpers a few hundred bytes more.
 */
export class TwofaElement extends LitElement {
  /** The element's language: `i18n.intlLocale` for `Intl`, `i18n.run()` for strings made outside `render()`. */
  protected readonly i18n = new LocaleController(this);
}
