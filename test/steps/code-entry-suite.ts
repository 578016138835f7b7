/**
 * What the code steps (<twofa-step-confirm>; <twofa-step-sms-code> and <twofa-step-email-code> through
 * sent-code-suite.ts) share, run against each: one field that submits itself once, Enter and Verify,
 * busy, wrong codes with attempts left, and the rate-limit countdown with its throttled screen-reader
 * announcement.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { TwofaCodeStepBase } from '../../src/steps/twofa-code-step-base.js';
import { getByRole } from '../helpers/queries.js';
import { codeField, descriptionOf, expectFocused, paste, press, recordAll, scope, settle, submits, type } from './helpers.js';

const WRONG_CODE = "That code didn't work. Check the code and try again.";

/** `make(digits)` renders the step with that many digits and resolves once it is rendered. */
export function codeEntrySuite(make: (digits?: number) => Promise<TwofaCodeStepBase>): void {
  async function setup(digits = 6) {
    const el = await make(digits);
    const field = codeField(el, digits);
    return { el, field, values: submits(el), events: recordAll(el) };
  }

  const verify = (el: Element) => getByRole(scope(el), 'button', 'Verify');
  const countdown = (el: Element) => el.shadowRoot!.querySelector('.countdown')?.textContent?.trim() ?? '';
  const status = (el: Element) => getByRole(scope(el), 'status').textContent!.trim();

  describe('code entry', () => {
    it('typing the sixth digit sends twofa-submit once with the code; Enter does not send it again', async () => {
      const { el, field, values, events } = await setup();
      field.focus();
      await type(el, '12345');
      expect(values).to.deep.equal([]);
      await type(el, '6');
      expect(values).to.deep.equal(['123456']);
      await press(el, 'Enter');
      expect(values).to.deep.equal(['123456']);
      expect(events).to.deep.equal(['twofa-submit']);
    });

    for (const pasted of ['123 456', '123-456']) {
      it(`a pasted "${pasted}" is sent as "123456"`, async () => {
        const { el, field, values } = await setup();
        field.focus();
        paste(field, pasted);
        await settle(el);
        expect(values).to.deep.equal(['123456']);
      });
    }

    it('Verify with an incomplete code sends nothing and says how many digits are missing', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '123');
      verify(el).click();
      await settle(el);
      expect(values).to.deep.equal([]);
      expect(descriptionOf(field)).to.include('Enter all 6 digits.');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expectFocused(field);
    });

    it('Enter with an incomplete code sends nothing', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '12345');
      await press(el, 'Enter');
      expect(values).to.deep.equal([]);
      expect(descriptionOf(field)).to.include('Enter all 6 digits.');
    });

    it('after a network error, Enter sends the same code again', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '123456');
      el.error = { code: 'network' };
      await settle(el);
      expect(descriptionOf(field)).to.include("We couldn't reach the server.");
      field.focus();
      await press(el, 'Enter');
      expect(values).to.deep.equal(['123456', '123456']);
    });

    it('after a timeout, the Verify button sends the same code again', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '654321');
      el.error = { code: 'timeout' };
      await settle(el);
      verify(el).click();
      await settle(el);
      expect(values).to.deep.equal(['654321', '654321']);
    });

    it('Verify is reached by keyboard and pressed with Enter', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '111222');
      el.error = { code: 'server' };
      await settle(el);
      verify(el).focus();
      await press(el, 'Enter');
      expect(values).to.deep.equal(['111222', '111222']);
    });

    it('digits=8 labels the field "8-digit code" and waits for 8 digits', async () => {
      const { el, field, values } = await setup(8);
      expect(descriptionOf(field)).to.include('8 digits');
      field.focus();
      await type(el, '123456');
      expect(values).to.deep.equal([]);
      await type(el, '78');
      expect(values).to.deep.equal(['12345678']);
    });
  });

  describe('busy', () => {
    it('Verify says "Checking…" and is aria-disabled; clicking it, Enter or typing another code sends nothing more', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '123456');
      el.busy = true;
      await settle(el);
      const button = getByRole(scope(el), 'button', 'Checking…');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      button.click();
      await settle(el);
      field.focus();
      await press(el, 'Enter');
      // A different complete code typed while the first is checked is not sent either.
      await press(el, 'Backspace');
      await type(el, '7');
      expect(field.value).to.equal('123457');
      await press(el, 'Enter');
      expect(values).to.deep.equal(['123456']);
    });

    it('the field stays enabled and focused while a code is checked', async () => {
      const { el, field } = await setup();
      field.focus();
      await type(el, '123456');
      el.busy = true;
      await settle(el);
      expect(field.disabled).to.be.false;
      expectFocused(field);
    });
  });

  describe('errors', () => {
    it('invalid_code shows the message and "3 attempts left.", empties the field and puts focus back in it', async () => {
      const { el, field } = await setup();
      field.focus();
      await type(el, '123456');
      verify(el).focus(); // wherever focus went meanwhile, it comes back to the field
      el.error = { code: 'invalid_code', attemptsLeft: 3 };
      await settle(el);
      expect(descriptionOf(field)).to.include(`${WRONG_CODE} 3 attempts left.`);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.value).to.equal('');
      expectFocused(field);
    });

    it('says "1 attempt left." for the last attempt', async () => {
      const { el, field } = await setup();
      el.error = { code: 'invalid_code', attemptsLeft: 1 };
      await settle(el);
      expect(descriptionOf(field)).to.include(`${WRONG_CODE} 1 attempt left.`);
      expect(descriptionOf(field)).not.to.include('attempts');
    });

    it('after invalid_code, the same code typed again is sent again', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '123456');
      el.error = { code: 'invalid_code', attemptsLeft: 2 };
      await settle(el);
      await type(el, '123456');
      expect(values).to.deep.equal(['123456', '123456']);
    });

    it('rate_limited counts down "Try again in 0:02." then "0:01" with the field disabled, then enables and focuses it', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, '123456');
      el.error = { code: 'rate_limited', retryAfter: 2 };
      await settle(el);
      expect(countdown(el)).to.equal('Too many attempts. Try again in 0:02.');
      expect(field.disabled).to.be.true;
      expect(verify(el).getAttribute('aria-disabled')).to.equal('true');
      // The code from before is still in the field: Verify must not send it while the limit runs.
      verify(el).click();
      await settle(el);
      expect(values).to.deep.equal(['123456']);
      await waitUntil(() => countdown(el) === 'Too many attempts. Try again in 0:01.', 'countdown at 0:01', { timeout: 2000 });
      expect(field.disabled).to.be.true;
      await waitUntil(() => !field.disabled, 'field enabled again', { timeout: 4000 });
      await settle(el);
      expect(countdown(el)).to.equal('Too many attempts. You can try again now.');
      expect(verify(el).getAttribute('aria-disabled')).to.equal('false');
      expectFocused(field);
    });

    it('the screen-reader status does not change every second while the visible countdown does', async () => {
      const { el } = await setup();
      el.error = { code: 'rate_limited', retryAfter: 3 };
      await settle(el);
      // On screen m:ss; spoken in words ("0:03" would be read as a time of day).
      const initial = 'Too many attempts. Try again in 3 seconds.';
      expect(status(el)).to.equal(initial);
      expect(countdown(el)).to.equal('Too many attempts. Try again in 0:03.');
      await aTimeout(1200);
      await settle(el);
      expect(countdown(el)).to.equal('Too many attempts. Try again in 0:02.');
      expect(status(el)).to.equal(initial);
      // The end is announced.
      await waitUntil(() => status(el) === 'Too many attempts. You can try again now.', 'end announced', { timeout: 4000 });
    });

    it('a later error without rate limit stops the countdown and enables the field', async () => {
      const { el, field } = await setup();
      el.error = { code: 'rate_limited', retryAfter: 30 };
      await settle(el);
      expect(field.disabled).to.be.true;
      el.error = null;
      await settle(el);
      expect(field.disabled).to.be.false;
      expect(status(el)).to.equal('');
      expect(el.shadowRoot!.querySelector('.countdown') === null, 'countdown removed').to.be.true;
    });
  });
}
