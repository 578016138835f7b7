/**
 * What both steps that send a code to where the user says (<twofa-step-sms>, <twofa-step-email>)
 * share, run against each: Send code and Enter, busy, Cancel, the empty and the wrongly shaped
 * field, the server's refusal, and sending again after a network error.
 */
import { expect } from '@open-wc/testing';
import type { TwofaErrorCode } from 'twofa-enroll';
import type { TwofaStepBase } from '../../src/steps/twofa-step-base.js';
import { getByRole } from '../helpers/queries.js';
import { clickButton, descriptionOf, enter, expectFocused, paste, press, recordAll, scope, settle, submits, type } from './helpers.js';

export interface SendFormSuiteOptions {
  /** Renders the step in English and resolves with it and its field once rendered. */
  setup(): Promise<{ el: TwofaStepBase; field: HTMLInputElement }>;
  /** Valid input as typed, and what is sent for it; the first is used by the other tests. */
  valid: [typed: string, sent: string][];
  /** Input of the wrong shape, and the message it gets. */
  invalid: [typed: string[], message: string];
  /** The message for an empty field. */
  missing: string;
  /** The server's refusal of the number or address, and its message. */
  refused: [code: TwofaErrorCode, message: string];
}

/** A value for a test title: long ones by their length. */
const shown = (value: string) => (value.length > 40 ? `a ${value.length}-character value` : `"${value}"`);

/**
 * Puts `text` in `field` as a person would and presses Enter: an address as long as the longest
 * allowed is pasted (nobody types 254 characters, and a driver typing them key by key takes seconds in
 * WebKit), anything else typed.
 */
const entered = (text: string) => (text.length > 40 ? 'pasted' : 'typed');
async function enterAsAPerson(el: TwofaStepBase, field: HTMLInputElement, text: string): Promise<void> {
  if (entered(text) === 'typed') return enter(el, field, text);
  field.focus();
  paste(field, text);
  await press(el, 'Enter');
}

export function sendFormSuite({ setup: render, valid, invalid: [wrongs, wrongMessage], missing, refused }: SendFormSuiteOptions): void {
  const [[typed, sent]] = valid;

  async function setup() {
    const { el, field } = await render();
    return { el, field, values: submits(el), events: recordAll(el) };
  }

  describe('sending', () => {
    it('is accessible', async () => {
      const { el } = await setup();
      await expect(el).to.be.accessible();
    });

    it('is accessible while showing a validation message', async () => {
      const { el, field } = await setup();
      await enter(el, field, wrongs[0]);
      await expect(el).to.be.accessible();
    });

    for (const [input, value] of valid) {
      it(`${shown(input)} ${entered(input)} and Enter sends ${shown(value)}, and nothing else`, async () => {
        const { el, field, values, events } = await setup();
        await enterAsAPerson(el, field, input);
        expect(values).to.deep.equal([value]);
        expect(events).to.deep.equal(['twofa-submit']);
        expect(field.getAttribute('aria-invalid')).to.equal('false');
      });
    }

    it('"Send code" submits like Enter', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, typed);
      await clickButton(el, 'Send code');
      expect(values).to.deep.equal([sent]);
    });

    it('busy says "Sending…", is aria-disabled, and sends once however often Enter or the button is pressed', async () => {
      const { el, field, values } = await setup();
      await enter(el, field, typed);
      el.busy = true;
      await el.updateComplete;
      const button = getByRole(scope(el), 'button', 'Sending…');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      field.focus();
      await press(el, 'Enter');
      button.click();
      await settle(el);
      expect(values).to.deep.equal([sent]);
    });

    it('Cancel fires twofa-dismiss', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });

    it(`an empty field says "${missing}", marks the field invalid, keeps focus in it and sends nothing`, async () => {
      const { el, field, events } = await setup();
      await clickButton(el, 'Send code');
      expect(events).to.deep.equal([]);
      expect(descriptionOf(field)).to.equal(missing);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expectFocused(field);
    });

    for (const wrong of wrongs) {
      it(`${shown(wrong)} ${entered(wrong)} says "${wrongMessage}" in an alert that describes the field, keeps focus in it and sends nothing`, async () => {
        const { el, field, events } = await setup();
        await enterAsAPerson(el, field, wrong);
        expect(events).to.deep.equal([]);
        expect(descriptionOf(field)).to.equal(wrongMessage);
        expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(wrongMessage);
        expect(field.getAttribute('aria-invalid')).to.equal('true');
        expectFocused(field);
      });
    }

    it('typing again clears the message', async () => {
      const { el, field } = await setup();
      await enter(el, field, wrongs[0]);
      await type(el, '9');
      expect(descriptionOf(field)).to.equal('');
      expect(field.getAttribute('aria-invalid')).to.equal('false');
    });

    it(`${refused[0]} from the server shows the translated message, never the code, and keeps what was typed`, async () => {
      const { el, field } = await setup();
      await enter(el, field, typed);
      el.error = { code: refused[0] };
      await settle(el);
      expect(descriptionOf(field)).to.equal(refused[1]);
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(refused[1]);
      expect(getByRole(scope(el), 'alert').textContent).not.to.include(refused[0]);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.value).to.equal(typed);
    });

    it('a failure after a click on "Send code" puts focus back in the field, with what was typed and not selected', async () => {
      const { el, field } = await setup();
      field.focus();
      await type(el, typed);
      await clickButton(el, 'Send code');
      // The mouse user: focus is on the button when the answer comes.
      getByRole(scope(el), 'button', 'Send code').focus();
      el.error = { code: 'network' };
      await settle(el);
      expectFocused(field);
      expect(field.value).to.equal(typed);
      expect(field.selectionStart).to.equal(field.selectionEnd);
    });

    it('after a network error, Enter sends the same again', async () => {
      const { el, field, values } = await setup();
      await enter(el, field, typed);
      el.error = { code: 'network' };
      await settle(el);
      expect(descriptionOf(field)).to.equal("We couldn't reach the server. Check your connection and try again.");
      field.focus();
      await press(el, 'Enter');
      expect(values).to.deep.equal([sent, sent]);
    });
  });
}
