/**
 * A host page's own use of `@lit/localize`, as an application would have it: its own element, its
 * own ids, its own locales (including one, `de`, the kit does not speak, and `nb`, which both do),
 * configured once for the page.
 */
import { configureLocalization, localized, msg, type LocaleModule } from '@lit/localize';
import { html, LitElement } from 'lit';

const HOST_TEMPLATES: Record<string, LocaleModule> = {
  de: { templates: { 'host-greeting': 'Hallo von der Seite' } },
  nb: { templates: { 'host-greeting': 'Hei fra siden' } },
};

/** Every render of every host element, to prove the kit does not make the page re-render. */
export const hostRenders = { count: 0 };

@localized()
export class HostGreeting extends LitElement {
  override render() {
    hostRenders.count++;
    return html`<p>${msg('Hello from the page', { id: 'host-greeting' })}</p>`;
  }
}
if (!customElements.get('host-greeting')) customElements.define('host-greeting', HostGreeting);

/** What the host page does once: configure `@lit/localize` for its own strings. */
export function configureHost() {
  return configureLocalization({
    sourceLocale: 'en',
    targetLocales: ['de', 'nb'],
    loadLocale: async (locale) => HOST_TEMPLATES[locale],
  });
}

/** The greeting a host element shows now. */
export function greeting(el: HostGreeting): string {
  return el.shadowRoot!.textContent!.trim();
}
