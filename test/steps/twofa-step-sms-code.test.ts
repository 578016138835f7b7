import { expect, fixture, html } from '@open-wc/testing';
import type { SmsSent } from 'twofa-enroll';
import 'twofa-enroll/twofa-step-sms-code.js';
import type { TwofaStepSmsCode } from 'twofa-enroll';
import { getByRole, visibleText } from '../helpers/queries.js';
import { scope } from './helpers.js';
import { sentCodeSuite } from './sent-code-suite.js';

const MASKED = '+47 ••• •• 567';
const sent = (resendAfter: number): SmsSent => ({ maskedPhone: MASKED, resendAfter });

async function render({ sent: value = sent(2), busy = false, digits = 6 }: { sent?: SmsSent; busy?: boolean; digits?: number } = {}) {
  return fixture<TwofaStepSmsCode>(html`<twofa-step-sms-code digits=${digits} ?busy=${busy} .sent=${value}></twofa-step-sms-code>`);
}

describe('<twofa-step-sms-code>', () => {
  it('says the code went by text message, and offers to change the number', async () => {
    const el = await render();
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Enter the code from the text message');
    expect(visibleText(scope(el))).to.include('No text message?');
    getByRole(scope(el), 'button', 'Change number');
  });

  sentCodeSuite<SmsSent>({ render, sent, change: 'Change number', lead: (digits) => `We sent a ${digits}-digit code to ${MASKED}.` });
});
