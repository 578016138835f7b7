import { html, nothing } from 'lit';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { TwofaElement } from '../twofa-element.js';
import { TwofaCopyEvent } from '../events/copy.js';
import { styles } from './twofa-copy-button.styles.js';

/** How long the button says "Copied". */
const COPIED_MS = 2000;

/**
 * @summary A button that copies `value` to the clipboard, says "Copied" for two seconds and
 * announces it. Where copying is blocked (no permission, no secure context), it shows the text
 * selected in a read-only field, with a hint to press Ctrl+C.
 *
 * @fires {TwofaCopyEvent} twofa-copy - `{ ok: boolean }`: a copy attempt finished; `ok` is false when it was blocked. The text is never in the event.
 *
 * @csspart button - The copy button.
 * @csspart fallback-input - The read-only field shown, selected, when copying was blocked.
 * @csspart fallback-hint - The hint under that field.
 *
 * @cssprop [--twofa-text=#1b1d21] - Text colour.
 * @cssprop [--twofa-muted=#545b66] - The hint when copying was blocked.
 * @cssprop [--twofa-surface=#ffffff] - Background of the button and the field.
 * @cssprop [--twofa-border=#8a919c] - Border of the button and the field.
 * @cssprop [--twofa-radius=0.5rem] - Corner radius.
 * @cssprop [--twofa-accent=#1d5bd8] - Colour of the focus ring.
 * @cssprop [--twofa-focus-ring=0 0 0 3px color-mix(in srgb, var(--twofa-accent) 45%, transparent)] - The focus indicator (a `box-shadow`).
 * @cssprop [--twofa-font=system-ui] - Font of the button.
 * @cssprop [--twofa-font-mono=ui-monospace] - Font of the field with the text to copy.
 */
export class TwofaCopyButton extends TwofaElement {
  static override styles = [tokens, base, styles];
  static override properties = {
    value: {},
    label: {},
    copiedLabel: { attribute: 'copied-label' },
    _copied: { state: true },
    _blocked: { state: true },
    _announcing: { state: true },
  };

  /** The text to copy. */
  value = '';

  /** The button's text. Empty: a translated "Copy". Make it specific where a page has several ("Copy key"). */
  label = '';

  /** The button's text for two seconds after copying. Empty: a translated "Copied". */
  copiedLabel = '';

  private _copied = false;
  private _blocked = false;
  /** Whether the status region says "Copied": set after copying, so screen readers hear it (in the element's current language). */
  private _announcing = false;

  private _timer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
    this._copied = false;
    this._announcing = false;
  }

  override render() {
    const label = this.label || this.msg('Copy', { id: 'twofa-copy-button-label', desc: 'Default text of a button that copies a text to the clipboard.' });
    return html`
      <button type="button" part="button" @click=${this._copy}>
        <span class="labels">
          <span class=${this._copied ? 'inactive' : ''}>${label}</span>
          <span class=${this._copied ? '' : 'inactive'}>${this._copiedText()}</span>
        </span>
      </button>
      <span class="visually-hidden" role="status">${this._announcing ? this._copiedText() : ''}</span>
      ${this._blocked ? this._renderFallback() : nothing}
    `;
  }

  private _renderFallback() {
    return html`<div class="fallback">
      <input
        part="fallback-input"
        type="text"
        readonly
        spellcheck="false"
        .value=${this.value}
        aria-label=${this.msg('Text to copy', { id: 'twofa-copy-button-fallback-label', desc: 'Accessible name of the read-only field shown when copying to the clipboard was blocked.' })}
        aria-describedby="fallback-hint"
      />
      <p id="fallback-hint" part="fallback-hint">
        ${this.msg('Copying was blocked. The text is selected: press Ctrl+C (Cmd+C on a Mac).', {
          id: 'twofa-copy-button-blocked',
          desc: 'Under the selected text when the browser did not allow copying to the clipboard. Cmd is the Mac Command key, written out (a screen reader skips the ⌘ symbol).',
        })}
      </p>
    </div>`;
  }

  private _copiedText(): string {
    return (
      this.copiedLabel ||
      this.msg('Copied', { id: 'twofa-copy-button-copied', desc: 'Button text, and announcement, for two seconds after copying to the clipboard.' })
    );
  }

  private async _copy(): Promise<void> {
    let ok = true;
    try {
      await navigator.clipboard.writeText(this.value);
    } catch {
      ok = false; // no `navigator.clipboard` outside secure contexts; writeText rejects without permission or focus
    }
    clearTimeout(this._timer);
    this._copied = ok;
    this._blocked = !ok;
    // Empty first, so that a second copy is announced again.
    this._announcing = false;
    await this.updateComplete;
    if (ok) {
      this._announcing = true;
      this._timer = setTimeout(() => (this._copied = this._announcing = false), COPIED_MS);
    } else {
      const fallback = this.renderRoot.querySelector('input');
      fallback?.focus();
      fallback?.select();
    }
    this.dispatchEvent(new TwofaCopyEvent(ok));
  }
}
