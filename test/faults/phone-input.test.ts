/**
 * Phone numbers typed into the wizard: what is not a phone number never reaches the adapter and
 * says why; what is one, in the formats people type, reaches it in E.164. (The parsing itself, case
 * by case, is in test/steps/phone-number.test.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { descriptionOf } from '../components/helpers.js';
import { INJECTION, injected } from '../helpers/fault-adapter.js';
import { getByRole, queryByRole } from '../helpers/queries.js';
import { click, toSms, waitForHeading, wizard, type Wizard } from '../helpers/wizard.js';

const INVALID = 'Enter a valid mobile number: digits only, with the right country code.';
const MISSING = 'Enter a phone number, or skip this step.';

const field = (w: Wizard) => getByRole(w.el, 'textbox', 'Mobile number') as HTMLInputElement;

/** Replaces what is in the number field with `text`, with the picker on `country`, and presses Enter. */
async function enterNumber(w: Wizard, text: string, country = 'NO'): Promise<void> {
  const picker = getByRole(w.el, 'combobox', 'Country code') as HTMLSelectElement;
  picker.value = country;
  const input = field(w);
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  await w.el.updateComplete;
}

describe('phone numbers in the wizard', () => {
  it('refuses what is not a mobile number before anything is sent, with a message on the field', async () => {
    const w = await wizard({ resendAfter: 0 });
    await toSms(w);
    const refused = ['12', 'abc', '+0 12 34 56 78', '+47 1234 5678 9012 3456', '91234567x', '++47 912 34 567', '+47 912 34 567 ext 12', '112', INJECTION, '😀'];
    for (const typed of refused) {
      await enterNumber(w, typed);
      await waitUntil(() => descriptionOf(field(w)) === INVALID, `"${typed}": "${INVALID}" (got "${descriptionOf(field(w))}")`);
      expect(field(w).getAttribute('aria-invalid'), typed).to.equal('true');
    }
    for (const blank of ['', '   ']) {
      await enterNumber(w, blank);
      await waitUntil(() => descriptionOf(field(w)) === MISSING, `blank "${blank}": "${MISSING}"`);
    }
    expect(w.calls.sendSms ?? 0, 'sendSms calls').to.equal(0);
    expect(queryByRole(w.el, 'heading')?.textContent?.trim()).to.equal('Add a phone number for backup');
    expect(injected(w.el), 'markup typed into the field').to.deep.equal([]);
  });

  it('accepts international and national formats and sends each as E.164', async () => {
    const w = await wizard({ resendAfter: 0 });
    await toSms(w);
    const accepted: Array<[string, string, string]> = [
      ['+47 912 34 567', 'NO', '+4791234567'],
      ['+46 70 123 45 67', 'NO', '+46701234567'],
      ['+1 (415) 555-2671', 'NO', '+14155552671'],
      ['0047 912 34 567', 'SE', '+4791234567'],
      ['0046 70-123 45 67', 'NO', '+46701234567'],
      ['+44 (0)7700 900123', 'NO', '+447700900123'],
      ['+47 912–34–567', 'NO', '+4791234567'],
      ['912 34 567', 'NO', '+4791234567'],
      ['070-123 45 67', 'SE', '+46701234567'],
      ['(415) 555-2671', 'US', '+14155552671'],
    ];
    for (const [typed, country, e164] of accepted) {
      await enterNumber(w, typed, country);
      await waitForHeading(w.el, 'Enter the code from the text message');
      expect(w.memory.outbox.at(-1)?.to, `${typed} with ${country} picked`).to.equal(e164);
      await click(w.el, 'button', 'Change number');
      await waitForHeading(w.el, 'Add a phone number for backup');
    }
    expect(w.calls.sendSms, 'one request per number').to.equal(accepted.length);
  });
});
