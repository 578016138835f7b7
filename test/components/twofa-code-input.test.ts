import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'twofa-enroll/twofa-code-input.js';
import type { TwofaCodeInput } from 'twofa-enroll';
import { controlByLabel, descriptionOf, paste, record } from './helpers.js';

const DIGITS_ONLY = 'Use digits only (0–9).';

async function setup(template = html`<twofa-code-input></twofa-code-input>`) {
  const el = await fixture<TwofaCodeInput>(template);
  const input = controlByLabel(el, el.label || 'Code');
  const fired = record<{ code: string }>(el, 'twofa-code-complete');
  return { el, input, fired };
}

/** The message under the field, as read through the field's description. */
function message(el: TwofaCodeInput): string {
  return el.shadowRoot!.querySelector('[part~="error"]')!.textContent!.trim();
}

async function type(el: TwofaCodeInput, text: string) {
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function press(el: TwofaCodeInput, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<twofa-code-input>', () => {
  it('is accessible', async () => {
    const el = await fixture<TwofaCodeInput>(html`<twofa-code-input></twofa-code-input>`);
    await expect(el).to.be.accessible();
  });

  describe('a11y and autofill', () => {
    it('is one labelled text field set up for one-time-code autofill, with the digit count as its description', async () => {
      const { el, input } = await setup(html`<twofa-code-input label="Code from the app"></twofa-code-input>`);
      expect(el.shadowRoot!.querySelectorAll('input')).to.have.length(1);
      expect(input.type).to.equal('text');
      expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(input.getAttribute('inputmode')).to.equal('numeric');
      expect(input.getAttribute('autocapitalize')).to.equal('off');
      expect(input.getAttribute('spellcheck')).to.equal('false');
      expect(input.getAttribute('enterkeyhint')).to.equal('done');
      // A maxlength would silently cut a pasted "123 456" to "123 45".
      expect(input.hasAttribute('maxlength')).to.be.false;
      expect(descriptionOf(input)).to.equal('6 digits');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
    });

    it('is labelled "Code" by default, and focus() lands in the field', async () => {
      const { el, input } = await setup();
      el.focus();
      expect(el.shadowRoot!.activeElement).to.equal(input);
    });

    it('is accessible while showing a message', async () => {
      const { el } = await setup();
      el.focus();
      await type(el, '12a');
      await expect(el).to.be.accessible();
    });
  });

  describe('typing', () => {
    it('fires twofa-code-complete once when the last digit is typed; Enter then does not submit it again', async () => {
      const { el, fired } = await setup();
      el.focus();
      await type(el, '12345');
      expect(fired).to.deep.equal([]);
      await type(el, '6');
      expect(fired).to.deep.equal([{ code: '123456' }]);
      expect(el.value).to.equal('123456');
      await press(el, 'Enter');
      expect(fired).to.have.length(1);
    });

    it('fires again when the value changed in between', async () => {
      const { el, fired } = await setup();
      el.focus();
      await type(el, '123456');
      await press(el, 'Backspace');
      await type(el, '7');
      await press(el, 'Backspace');
      await type(el, '6');
      expect(fired.map((d) => d.code)).to.deep.equal(['123456', '123457', '123456']);
    });

    it('drops a typed space', async () => {
      const { el, input, fired } = await setup();
      el.focus();
      await type(el, '123 456');
      expect(input.value).to.equal('123456');
      expect(fired).to.deep.equal([{ code: '123456' }]);
    });

    it('keeps the caret where it was when a space typed mid-code is dropped', async () => {
      const { el, input } = await setup();
      el.focus();
      await type(el, '1256');
      await press(el, 'ArrowLeft');
      await press(el, 'ArrowLeft');
      await type(el, ' 34');
      expect(input.value).to.equal('123456');
    });

    for (const [what, text] of [
      ['a letter', '12a456'],
      ['an emoji', '123😀45'],
      ['Arabic-Indic digits', '١٢٣٤٥٦'],
      ['full-width digits', '１２３４５６'],
    ]) {
      it(`never fires for ${what}, and says to use digits only`, async () => {
        const { el, input, fired } = await setup();
        el.focus();
        await type(el, text);
        await press(el, 'Enter');
        expect(fired).to.deep.equal([]);
        expect(el.value).to.equal('');
        expect(input.value).to.equal(text); // shown as typed, so the user sees what is wrong
        expect(message(el)).to.equal(DIGITS_ONLY);
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        expect(descriptionOf(input)).to.contain(DIGITS_ONLY);
      });
    }

    it('fires once the wrong character is removed', async () => {
      const { el, fired } = await setup();
      el.focus();
      await type(el, '123a');
      await press(el, 'Backspace');
      expect(message(el)).to.equal('');
      await type(el, '456');
      expect(fired).to.deep.equal([{ code: '123456' }]);
    });

    it('says how many digits a code has when more are typed, and does not fire', async () => {
      const { el, fired } = await setup();
      el.focus();
      await type(el, '1234567');
      expect(fired).to.deep.equal([{ code: '123456' }]); // the sixth digit completed a code
      expect(message(el)).to.equal('The code has 6 digits.');
      await press(el, 'Enter');
      expect(fired).to.have.length(1);
    });
  });

  describe('pasting', () => {
    for (const text of ['123 456', '123-456', '123–456', '123\u00a0456', ' 12 34 56 ', '123\u200b456', '123\u2212456']) {
      it(`takes ${JSON.stringify(text)} as 123456 and fires`, async () => {
        const { el, input, fired } = await setup();
        el.focus();
        paste(input, text);
        await el.updateComplete;
        expect(input.value).to.equal('123456');
        expect(el.value).to.equal('123456');
        expect(fired).to.deep.equal([{ code: '123456' }]);
        expect(message(el)).to.equal('');
      });
    }

    for (const [what, text, shown] of [
      ['letters', 'abcdef', DIGITS_ONLY],
      ['a code with a letter', '123 45a', DIGITS_ONLY],
      ['Arabic-Indic digits', '١٢٣ ٤٥٦', DIGITS_ONLY],
      ['too many digits', '1234567', 'The code has 6 digits.'],
      ['a very long string of digits', '9'.repeat(10_000), 'The code has 6 digits.'],
      ['a very long text', 'x'.repeat(10_000), DIGITS_ONLY],
    ]) {
      it(`never fires for ${what}, and says why`, async () => {
        const { el, input, fired } = await setup();
        el.focus();
        paste(input, text);
        await el.updateComplete;
        expect(fired).to.deep.equal([]);
        expect(message(el)).to.equal(shown);
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        expect(el.checkValidity()).to.be.false;
      });
    }

    it('fires after a bad paste is replaced by a good one', async () => {
      const { el, input, fired } = await setup();
      el.focus();
      paste(input, '12345678');
      await el.updateComplete;
      input.select();
      paste(input, '876 543');
      await el.updateComplete;
      expect(fired).to.deep.equal([{ code: '876543' }]);
      expect(message(el)).to.equal('');
    });
  });

  describe('Enter', () => {
    it('on an incomplete code says to enter all digits, and does not fire', async () => {
      const { el, input, fired } = await setup();
      el.focus();
      await type(el, '123');
      expect(message(el)).to.equal(''); // not while the user is still typing
      await press(el, 'Enter');
      expect(fired).to.deep.equal([]);
      expect(message(el)).to.equal('Enter all 6 digits.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      await type(el, '4');
      expect(message(el)).to.equal('');
    });

    it('fires for a complete code set by the page (setting value alone does not)', async () => {
      const { el, fired } = await setup(html`<twofa-code-input value="654 321"></twofa-code-input>`);
      expect(el.value).to.equal('654321');
      expect(fired).to.deep.equal([]);
      el.focus();
      await press(el, 'Enter');
      expect(fired).to.deep.equal([{ code: '654321' }]);
    });

    it('fires again for the same code after the page set a new error (a retry)', async () => {
      const { el, fired } = await setup();
      el.focus();
      await type(el, '123456');
      el.error = 'Could not reach the server.';
      await el.updateComplete;
      await press(el, 'Enter');
      expect(fired.map((d) => d.code)).to.deep.equal(['123456', '123456']);
    });
  });

  describe('digits', () => {
    it('with 8 digits, hints 8 and fires only at the eighth', async () => {
      const { el, input, fired } = await setup(html`<twofa-code-input digits="8"></twofa-code-input>`);
      expect(descriptionOf(input)).to.equal('8 digits');
      el.focus();
      await type(el, '123456');
      expect(fired).to.deep.equal([]);
      await press(el, 'Enter');
      expect(message(el)).to.equal('Enter all 8 digits.');
      await type(el, '78');
      expect(fired).to.deep.equal([{ code: '12345678' }]);
    });
  });

  describe('clear()', () => {
    it('empties the field and its message, and lets the same code fire again', async () => {
      const { el, input, fired } = await setup();
      el.focus();
      await type(el, '123456');
      await type(el, '7');
      el.clear();
      await el.updateComplete;
      expect(input.value).to.equal('');
      expect(el.value).to.equal('');
      expect(message(el)).to.equal('');
      expect(el.shadowRoot!.activeElement).to.equal(input);
      await type(el, '123456');
      expect(fired.map((d) => d.code)).to.deep.equal(['123456', '123456']);
    });

    it('also empties a field holding letters (value is already empty then)', async () => {
      const { el, input } = await setup();
      el.focus();
      await type(el, 'abc');
      el.clear();
      await el.updateComplete;
      expect(input.value).to.equal('');
      expect(message(el)).to.equal('');
    });
  });

  describe('disabled', () => {
    it('reflects, disables the field, and takes no typing', async () => {
      const { el, input, fired } = await setup(html`<twofa-code-input disabled></twofa-code-input>`);
      expect(el.hasAttribute('disabled')).to.be.true;
      expect(input.disabled).to.be.true;
      el.focus();
      await type(el, '123456');
      expect(input.value).to.equal('');
      expect(fired).to.deep.equal([]);
      el.disabled = false;
      await el.updateComplete;
      await waitUntil(() => !input.disabled, 'the field stays disabled');
      el.focus();
      await type(el, '123456');
      expect(fired).to.deep.equal([{ code: '123456' }]);
    });
  });

  describe('errors from outside', () => {
    it('marks the field invalid and describes it with the error, in a live region', async () => {
      const { el, input } = await setup();
      el.error = 'That code is not right.';
      await el.updateComplete;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(descriptionOf(input)).to.equal('6 digits That code is not right.');
      const region = el.shadowRoot!.querySelector('[part~="error"]')!;
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(input.getAttribute('aria-describedby')!.split(' ')).to.include(region.id);
      await expect(el).to.be.accessible();
      el.error = '';
      await el.updateComplete;
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expect(descriptionOf(input)).to.equal('6 digits');
    });

    it('has its live region in place before any message', async () => {
      const { el } = await setup();
      const region = el.shadowRoot!.querySelector('[part~="error"]')!;
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(getComputedStyle(region).display).to.not.equal('none');
    });
  });

  describe('forms', () => {
    it('submits the code under its name, is invalid until complete, and resets', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><twofa-code-input name="otp"></twofa-code-input></form>`);
      const el = form.querySelector('twofa-code-input')!;
      expect(el.form).to.equal(form);
      expect(form.checkValidity()).to.be.false;
      el.focus();
      await type(el, '12345');
      expect(el.checkValidity()).to.be.false;
      await type(el, '6');
      expect(form.checkValidity()).to.be.true;
      expect(new FormData(form).get('otp')).to.equal('123456');
      form.reset();
      await el.updateComplete;
      expect(el.value).to.equal('');
      expect(new FormData(form).get('otp')).to.equal('');
    });

    it('sends no non-digit text to the form', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><twofa-code-input name="otp"></twofa-code-input></form>`);
      const el = form.querySelector('twofa-code-input')!;
      el.focus();
      await type(el, '12345a');
      expect(new FormData(form).get('otp')).to.equal('');
      expect(form.checkValidity()).to.be.false;
    });

    it('follows a disabled fieldset', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <fieldset disabled><twofa-code-input name="otp"></twofa-code-input></fieldset>
        </form>`,
      );
      const el = form.querySelector('twofa-code-input')!;
      await el.updateComplete;
      expect(controlByLabel(el, 'Code').disabled).to.be.true;
    });

    it('reportValidity() shows why and focuses the field', async () => {
      const { el, input } = await setup();
      el.value = '12';
      await el.updateComplete;
      expect(el.reportValidity()).to.be.false;
      await el.updateComplete;
      expect(message(el)).to.equal('Enter all 6 digits.');
      expect(el.shadowRoot!.activeElement).to.equal(input);
    });
  });
});
