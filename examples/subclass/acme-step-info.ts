/**
 * A site's own info step, built on the kit's through its published API only: the protected members
 * a subclass may override or use (`renderHeading`, `i18n`, `signal`) keep their names in the built
 * package, so this compiles against the package's types and works against its code.
 */
import { html } from 'lit';
import { TwofaStepInfo } from 'twofa-enroll';

// (Any other language the kit speaks, such as its pseudo-locale `qps`, gets the English.)
const HELP: Partial<Record<string, string>> = {
  en: 'Questions? Call us on 800 12 345.',
  nb: 'Spørsmål? Ring oss på 800 12 345.',
  sv: 'Frågor? Ring oss på 800 12 345.',
};

export class AcmeStepInfo extends TwofaStepInfo {
  /** The kit's heading, with the site's help line under it, in the language the step shows. */
  protected override renderHeading(text: string) {
    return html`${super.renderHeading(text)}
      <p class="acme-help">${HELP[this.i18n.locale] ?? HELP.en}</p>`;
  }

  /** Escape leaves the step as its Cancel button does. */
  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.signal('twofa-dismiss');
    });
  }
}

if (!customElements.get('acme-step-info')) customElements.define('acme-step-info', AcmeStepInfo);
