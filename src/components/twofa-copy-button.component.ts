import { localized } from '../locale-controller.js';
import { msg } from '../localization.js';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { base, tokens } from '../styles/tokens.styles.js';
import { TwofaCopyEvent } from './events/copy.js';
import { styles } from './twofa-copy-button.styles.js';

/** How long the button says "Copied". */
const COPIED_MS = 2000;

/**
 * @summary A button that copies `value` to the clipboard, says "Copied" for two seconds and
 * announces it. Where copying is blocked (no permission, no secure context), it shows the text
 * selected in a read-only field, with a hint to press Ctrl+C.
 *
 * @fires twofa-copy - `{ ok: boolean }`: a copy attempt finished; `ok` is false when it was blocked. The text is never in the event.
 *
 * @csspart button - The copy button.
 * @csspart fallback-input - The read-only field shown, selected, when copying was blocked.
 * @csspart fallback-hint - The hint under that field.
 */
@localized()
export class TwofaCopyButton extends LitElement {
  static styles = [tokens, base, styles];

  /** The text to copy. */
  @property() value = '';

  /** The button's text. Empty: a translated "Copy". Make it specific where a page has several ("Copy key"). */
  @property() label = '';

  /** The button's text for two seconds after copying. Empty: a translated "Copied". */
  @property({ attribute: 'copied-label' }) copiedLabel = '';

  @state() private copied = false;
  @state() private blocked = false;
  /** Whether the status region says "Copied": set after copying, so screen readers hear it (in the element's current language). */
  @state() private announcing = false;

  @query('.fallback input') private fallbackInput?: HTMLInputElement;

  private timer?: ReturnType<typeof setTimeout>;

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.copied = false;
    this.announcing = false;
  }

  render() {
    const label = this.label || msg('Copy', { id: 'twofa-copy-button-label', desc: 'Default text of a button that copies a text to the clipboard.' });
    return html`
      <button type="button" part="button" @click=${this.copy}>
        <span class="labels">
          <span class=${this.copied ? 'inactive' : ''}>${label}</span>
          <span class=${this.copied ? '' : 'inactive'}>${this.copiedText()}</span>
        </span>
      </button>
      <span class="visually-hidden" role="status">${this.announcing ? this.copiedText() : ''}</span>
      ${this.blocked ? this.renderFallback() : nothing}
    `;
  }

  private renderFallback() {
    return html`<div class="fallback">
      <input
        part="fallback-input"
        type="text"
        readonly
        spellcheck="false"
        .value=${this.value}
        aria-label=${msg('Text to copy', { id: 'twofa-copy-button-fallback-label', desc: 'Accessible name of the read-only field shown when copying to the clipboard was blocked.' })}
        aria-describedby="fallback-hint"
      />
      <p id="fallback-hint" part="fallback-hint">
        ${msg('Copying was blocked. The text is selected: press Ctrl+C (⌘C on a Mac).', {
          id: 'twofa-copy-button-blocked',
          desc: 'Under the selected text when the browser did not allow copying to the clipboard. ⌘ is the Mac Command key.',
        })}
      </p>
    </div>`;
  }

  private copiedText(): string {
    return this.copiedLabel || msg('Copied', { id: 'twofa-copy-button-copied', desc: 'Button text, and announcement, for two seconds after copying to the clipboard.' });
  }

  private async copy(): Promise<void> {
    let ok = false;
    try {
      // `clipboard` is missing outside secure contexts; writeText rejects without permission or focus.
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(this.value);
      ok = true;
    } catch {
      ok = false;
    }
    clearTimeout(this.timer);
    if (ok) {
      this.blocked = false;
      this.copied = true;
      // Empty first, so that a second copy is announced again.
      this.announcing = false;
      await this.updateComplete;
      this.announcing = true;
      this.timer = setTimeout(() => {
        this.copied = false;
        this.announcing = false;
      }, COPIED_MS);
    } else {
      this.copied = false;
      this.announcing = false;
      this.blocked = true;
      await this.updateComplete;
      this.fallbackInput?.focus();
      this.fallbackInput?.select();
    }
    this.dispatchEvent(new TwofaCopyEvent(ok));
  }
}
