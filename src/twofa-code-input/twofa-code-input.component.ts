import { str } from '../localization.js';
import { html, nothing, type PropertyValues } from 'lit';
import { base } from '../styles/base.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { TwofaElement } from '../twofa-element.js';
import { codeProblem, stripSeparators, type CodeProblem } from './code-text.js';
import { TwofaCodeCompleteEvent } from '../events/code-complete.js';
import { styles } from './twofa-code-input.styles.js';

/**
 * @summary One text field for a one-time code. It takes typing, pasting and autofill
 * (`autocomplete="one-time-code"`), removes spaces and dashes, refuses anything that is not
 * an ASCII digit with a message, and submits itself once the code is complete.
 *
 * One field, never one box per digit: separate boxes break password-manager autofill and paste.
 * `focus()` moves focus to the field. Form-associated: in a `<form>` it submits `value` under
 * `name`, and is invalid until the code is complete.
 *
 * Autofill of one-time codes (Safari's codes from Messages and Mail, password managers) may miss a
 * field inside a shadow root. An `<input slot="input">` of the page's own is then the field, in the
 * page's DOM where autofill looks: the element sets its attributes (`autocomplete="one-time-code"`,
 * `inputmode="numeric"`, its name and description…), reads it and styles it.
 *
 * @fires {TwofaCodeCompleteEvent} twofa-code-complete - `{ code: string }`: exactly `digits` ASCII digits are in. Once per
 *   value: fires again only after the value changes, after `error` changes (the previous code was
 *   answered), or after `clear()`. Enter fires it too when it has not fired for this value yet.
 * @fires {Event} change - Re-fired from the inner field (native `change` does not leave the shadow root).
 *
 * @slot input - Optional: an `<input>` of the page's, used as the field instead of the element's own.
 *
 * @csspart label - The visible label.
 * @csspart input - The text field.
 * @csspart hint - "6 digits", under the field.
 * @csspart error - The message under the field: a local problem ("Use digits only (0–9).") or `error`. A polite live region.
 *
 * @cssprop [--twofa-code-input-font-size=1.75rem] - Size of the digits.
 * @cssprop [--twofa-code-input-width=auto] - Width of the field; by default it fits `digits` digits.
 * @cssprop [--twofa-text=#1b1d21] - Text colour.
 * @cssprop [--twofa-muted=#545b66] - The hint.
 * @cssprop [--twofa-surface=#ffffff] - Background of the field.
 * @cssprop [--twofa-border=#8a919c] - Border of the field.
 * @cssprop [--twofa-danger=#b3261e] - The message and the border when invalid.
 * @cssprop [--twofa-radius=0.5rem] - Corner radius.
 * @cssprop [--twofa-accent=#1d5bd8] - Colour of the focus ring.
 * @cssprop [--twofa-focus-ring=0 0 0 3px color-mix(in srgb, var(--twofa-accent) 45%, transparent)] - The focus indicator (a `box-shadow`).
 * @cssprop [--twofa-font=system-ui] - Font of the label and messages.
 * @cssprop [--twofa-font-mono=ui-monospace] - Font of the digits.
 */
export class TwofaCodeInput extends TwofaElement {
  static override styles = [tokens, base, styles];
  static override shadowRootOptions: ShadowRootInit = { ...TwofaElement.shadowRootOptions, delegatesFocus: true };
  static formAssociated = true;
  static override properties = {
    digits: { type: Number },
    label: {},
    value: {},
    disabled: { type: Boolean, reflect: true },
    error: {},
    name: { reflect: true },
    _text: { state: true },
    _incompleteReported: { state: true },
    _formDisabled: { state: true },
  };

  /** Number of digits in a code. */
  digits = 6;

  /** The visible label. Empty: a translated "Code". */
  label = '';

  /**
   * The code: the ASCII digits in the field, spaces and dashes removed. Empty while the field
   * holds anything else (a letter, an emoji, another script's digits), so nothing but digits
   * ever leaves the element. Setting it replaces the field's text; to empty the field, use `clear()`.
   */
  value = '';

  /** Disables the field (it cannot be focused or typed in, and is left out of form data). */
  disabled = false;

  /** A message from outside, e.g. the server's "That code is not right.": shown under the field, which becomes `aria-invalid`. */
  error = '';

  /** The name under which a surrounding form submits the code. */
  name = '';

  /** The field's text without separators: what the user sees, wrong characters included. */
  private _text = '';
  /** "Enter all N digits." is shown only once the user asked to submit an incomplete code. */
  private _incompleteReported = false;
  private _formDisabled = false;

  /** The page's `<input slot="input">` (through any slots that forward it), while there is one. */
  private _slotted: HTMLInputElement | null = null;

  private get _field(): HTMLInputElement | null | undefined {
    return this._slotted ?? this.renderRoot?.querySelector('input');
  }

  /** Moves focus to the field (the page's own input, when one is slotted). */
  override focus(options?: FocusOptions): void {
    if (this._slotted) this._slotted.focus(options);
    else super.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._useSlotted(null);
  }

  private readonly _internals = typeof this.attachInternals === 'function' ? this.attachInternals() : undefined;
  /** The value `twofa-code-complete` last fired for, so one code is submitted once. */
  private _lastFired = '';

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this._internals?.form ?? null;
  }

  /** True when the field holds exactly `digits` ASCII digits and no `error` is set (or it is disabled). */
  checkValidity(): boolean {
    // From the current state, not the internals' validity, which only catches up after a render.
    return this._isDisabled || (this._problem() === '' && !this.error);
  }

  /**
   * Like `checkValidity()`, and when invalid, shows why under the field ("Enter all 6 digits."
   * for an incomplete code) and focuses it. For a page's own "Verify" button.
   */
  reportValidity(): boolean {
    const valid = this.checkValidity();
    if (!valid) {
      this._incompleteReported = true;
      this._field?.focus();
    }
    return valid;
  }

  /** Empties the field and its message, and allows the next code (even the same one) to fire. Focus stays where it is. */
  clear(): void {
    this._text = '';
    this.value = '';
    this._incompleteReported = false;
    this._lastFired = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && this.value !== this._codeOf(this._text)) {
      // Set from outside: that becomes the text (no event: only the user's input submits).
      this._text = stripSeparators(this.value ?? '');
      this.value = this._codeOf(this._text);
      this._incompleteReported = false;
    }
    // A new (or cleared) error means the last code was answered: the same code may be sent again.
    if (changed.has('error') && changed.get('error') !== undefined) this._lastFired = '';
  }

  protected override updated(): void {
    if (this._slotted) this._describeSlotted(this._slotted);
    const internals = this._internals;
    const field = this._field;
    if (!internals || !field) return;
    internals.setFormValue(this.value);
    // The validation bubble points at the field, if it is inside this element (a forwarded one is not).
    const anchor = this.contains(field) || this.renderRoot.contains(field) ? field : undefined;
    const problem = this._problem();
    if (this._isDisabled) internals.setValidity({});
    else if (problem) {
      const flags: Record<Exclude<CodeProblem, ''>, ValidityStateFlags> = {
        'not-digits': { patternMismatch: true },
        'too-long': { tooLong: true },
        incomplete: this._text ? { tooShort: true } : { valueMissing: true },
      };
      internals.setValidity(flags[problem], this._problemMessage(problem), anchor);
    } else if (this.error) internals.setValidity({ customError: true }, this.error, anchor);
    else internals.setValidity({});
  }

  formDisabledCallback(disabled: boolean): void {
    // Also runs while Lit reflects our own `disabled`, mid-update, where a state change would be lost.
    queueMicrotask(() => (this._formDisabled = disabled));
  }

  formResetCallback(): void {
    this.clear();
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  override render() {
    const problem = this._problem();
    const shown = problem === 'incomplete' && !this._incompleteReported ? '' : problem;
    const message = shown ? this._problemMessage(shown) : this.error;
    // The label's click only moves focus to a page-side input, which `for` cannot reach across the
    // shadow boundary; keyboard users reach that input with Tab, so no key handler is needed.
    /* eslint-disable lit-a11y/click-events-have-key-events */
    return html`
      <label part="label" for="input" @click=${() => this._slotted?.focus()}>${this._labelText}</label>
      <slot name="input" @slotchange=${this._onSlotChange}></slot>
      ${this._slotted ? nothing : this._renderOwnField(message)}
      <div id="hint" part="hint">${this._hint}</div>
      <div id="error" part="error" aria-live="polite">${message}</div>
    `;
    /* eslint-enable lit-a11y/click-events-have-key-events */
  }

  private _renderOwnField(message: string) {
    return html`<input
      id="input"
      part="input"
      type="text"
      autocomplete="one-time-code"
      inputmode="numeric"
      autocapitalize="off"
      autocorrect="off"
      spellcheck="false"
      enterkeyhint="done"
      size=${Math.ceil(this.digits * 1.5) + 1}
      .value=${this._text}
      ?disabled=${this._isDisabled}
      aria-invalid=${message ? 'true' : 'false'}
      aria-describedby="hint error"
      @input=${this._onInput}
      @compositionend=${this._onInput}
      @keydown=${this._onKeydown}
      @change=${this._onChange}
    />`;
  }

  private get _labelText(): string {
    return this.label || this.msg('Code', { id: 'twofa-code-input-label', desc: 'Default label of the one-time code field.' });
  }

  private get _hint(): string {
    return this.msg(str`${this.digits} digits`, { id: 'twofa-code-input-hint', desc: 'Hint under the one-time code field: how many digits the code has.' });
  }

  // `slotchange` also comes from the slots that forward the field here: read this element's own slot.
  private _onSlotChange(): void {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name="input"]')!;
    const input = slot.assignedElements({ flatten: true }).find((element): element is HTMLInputElement => element instanceof HTMLInputElement);
    this._useSlotted(input ?? null);
  }

  /** Makes the page's input the field (or, with null, the element's own again). */
  private _useSlotted(input: HTMLInputElement | null): void {
    if (input === this._slotted) return;
    const events = [
      ['input', this._onInput],
      ['compositionend', this._onInput],
      ['keydown', this._onKeydown],
      ['change', this._onChange],
    ] as const;
    for (const [type, listener] of events) this._slotted?.removeEventListener(type, listener as EventListener);
    this._slotted = input;
    for (const [type, listener] of events) input?.addEventListener(type, listener as EventListener);
    if (input) input.value = this._text;
    this.requestUpdate();
  }

  /**
   * What the element's own field gets from its template, set on the page's: a label or a description
   * in this shadow root cannot name a field outside it, so the name and the description are its own.
   */
  private _describeSlotted(input: HTMLInputElement): void {
    const message = this.renderRoot.querySelector('#error')?.textContent ?? '';
    const attributes: Record<string, string> = {
      type: 'text',
      autocomplete: 'one-time-code',
      inputmode: 'numeric',
      autocapitalize: 'off',
      autocorrect: 'off',
      spellcheck: 'false',
      enterkeyhint: 'done',
      size: String(Math.ceil(this.digits * 1.5) + 1),
      'aria-label': this._labelText,
      'aria-description': message ? `${this._hint}. ${message}` : this._hint,
      'aria-invalid': message ? 'true' : 'false',
    };
    for (const [name, value] of Object.entries(attributes)) if (input.getAttribute(name) !== value) input.setAttribute(name, value);
    input.disabled = this._isDisabled;
    if (input.value !== this._text) input.value = this._text;
  }

  private get _isDisabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  /** What `value` holds for a text: the digits, or nothing while other characters are in. */
  private _codeOf(text: string): string {
    return codeProblem(text, this.digits) === 'not-digits' ? '' : text;
  }

  private _problem(): CodeProblem {
    return codeProblem(this._text, this.digits);
  }

  private _problemMessage(problem: Exclude<CodeProblem, ''>): string {
    const digits = this.digits;
    switch (problem) {
      case 'not-digits':
        return this.msg('Use digits only (0–9).', {
          id: 'twofa-code-input-digits-only',
          desc: 'Under the code field when it holds a letter, symbol or non-Latin digit.',
        });
      case 'too-long':
        return this.msg(str`The code has ${digits} digits.`, {
          id: 'twofa-code-input-too-long',
          desc: 'Under the code field when more digits than a code has were typed or pasted.',
        });
      case 'incomplete':
        return this.msg(str`Enter all ${digits} digits.`, {
          id: 'twofa-code-input-incomplete',
          desc: 'Under the code field when Enter or Verify is pressed before the code is complete.',
        });
    }
  }

  private _onInput = (event: Event): void => {
    // Rewriting the text mid-composition would break input methods; compositionend comes back here.
    if ((event as InputEvent).isComposing) return;
    const input = event.target as HTMLInputElement;
    const clean = stripSeparators(input.value);
    if (clean !== input.value) {
      // Keep the caret after the same character it followed before the separators went.
      const caret = stripSeparators(input.value.slice(0, input.selectionStart ?? input.value.length)).length;
      input.value = clean;
      input.setSelectionRange(caret, caret);
    }
    this._text = clean;
    this._incompleteReported = false;
    const problem = this._problem();
    this.value = this._codeOf(clean);
    if (problem) this._lastFired = '';
    else if (clean !== this._lastFired) this._fire(clean);
  };

  private _onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.isComposing) return;
    if (this._problem()) this._incompleteReported = true;
    else if (this.value !== this._lastFired) this._fire(this.value);
  };

  private _onChange = (): void => {
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  private _fire(code: string): void {
    this._lastFired = code;
    this.dispatchEvent(new TwofaCodeCompleteEvent(code));
  }
}
