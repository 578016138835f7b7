import { expect, fixture, html } from '@open-wc/testing';
import type { EmailSent } from 'twofa-enroll';
import 'twofa-enroll/twofa-step-email-code.js';
import type { TwofaStepEmailCode } from 'twofa-enroll';
import { getByRole, visibleText } from '../helpers/queries.js';
import { expectNone, scope } from './helpers.js';
import { sentCodeSuite } from './sent-code-suite.js';

const MASKED = 'o•••@example.no';
const sent = (resendAfter: number): EmailSent => ({ maskedEmail: MASKED, resendAfter });

async function render({ sent: value = sent(2), busy = false, digits = 6 }: { sent?: EmailSent; busy?: boolean; digits?: number } = {}) {
  return fixture<TwofaStepEmailCode>(html`<twofa-step-email-code digits=${digits} ?busy=${busy} .sent=${value}></twofa-step-email-code>`);
}

describe('<twofa-step-email-code>', () => {
  it('says the code went by e-mail, where to look if it does not come, and offers to change the address', async () => {
    const el = await render();
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Enter the code from the e-mail');
    const text = visibleText(scope(el));
    expect(text).to.include('It may take a minute to arrive.');
    expect(text).to.include('No e-mail? Check the spam folder.');
    getByRole(scope(el), 'button', 'Change address');
    // Nothing of the SMS wording.
    expect(text).not.to.include('text message');
    expectNone(scope(el), 'button', 'Change number');
  });

  sentCodeSuite<EmailSent>({
    render,
    sent,
    change: 'Change address',
    lead: (digits) => `We sent a ${digits}-digit code to ${MASKED}. It may take a minute to arrive.`,
  });
});
