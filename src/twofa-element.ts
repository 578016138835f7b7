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
  /** The element's language: `i18n.locale`, `i18n.intlLocale` for `Intl`; helpers that write text take it. */
  protected readonly i18n = new LocaleController(this);
  /** The element's messages, in its own language, wherever they are made (`render()`, a handler, a file). */
  protected readonly msg = this.i18n.msg;

  /** The first render waits for the element's language (Lit awaits the promise; it always settles). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.hasUpdated ? undefined : this.i18n.loading;
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }
}
