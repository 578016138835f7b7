import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TwofaStepChangeEvent } from 'twofa-enroll';
import { deepActiveElement, getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { click, focusedName, toConfirm, typeInto, waitForHeading, wizard } from '../helpers/wizard.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('<twofa-enroll> flows', () => {
  it('is accessible on every step of the default flow, and moves focus to each heading', async () => {
    const w = await wizard({ secret: SECRET });
    await expect(w.el).to.be.accessible();
    await toConfirm(w);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Enter the code from your app');
    await expect(w.el).to.be.accessible();

    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a phone number for backup');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Add a phone number for backup');
    await expect(w.el).to.be.accessible();

    await typeInto(w.el, 'Mobile number', '+47 912 34 567');
    await click(w.el, 'button', 'Send code');
    await waitForHeading(w.el, 'Enter the code from the text message');
    expect(visibleText(w.el)).to.contain('+47');
    await expect(w.el).to.be.accessible();

    const sms = w.memory.outbox.at(-1)!;
    expect(sms.to).to.equal('+4791234567');
    await typeInto(w.el, '6-digit code', sms.text.match(/\d{6}/)![0]);
    await waitForHeading(w.el, 'Save your emergency code');
    await expect(w.el).to.be.accessible();

    const next = getByRole(w.el, 'button', 'Continue') as HTMLButtonElement;
    expect(next.disabled, 'Continue before the checkbox').to.be.true;
    getByRole(w.el, 'checkbox', 'I have safely copied and stored this code').click();
    await w.el.updateComplete;
    await waitUntil(() => !next.disabled);
    next.click();
    await waitForHeading(w.el, 'Two-factor authentication is on');
    await expect(w.el).to.be.accessible();

    const complete = w.events.find((e) => e.type === 'twofa-complete') as CustomEvent;
    expect(complete.detail.methods).to.deep.equal(['totp', 'sms']);
    const steps = w.events.filter((e): e is TwofaStepChangeEvent => e.type === 'twofa-step-change').map((e) => e.detail.to);
    expect(steps).to.deep.equal(['qr', 'confirm', 'sms-phone', 'sms-code', 'emergency', 'done']);
    expect(visibleText(w.el)).to.contain('Text message (SMS) backup to');
  });

  it('shows "Step x of y" progress that counts the steps this user goes through', async () => {
    const w = await wizard();
    expect(visibleText(w.el)).to.contain('Step 1 of 7');
    const off = await wizard({ sms: 'off' });
    await toConfirm(off);
    expect(visibleText(off.el)).to.contain('Step 3 of 5');
  });

  it('skips the optional SMS backup', async () => {
    const w = await wizard();
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a phone number for backup');
    await click(w.el, 'button', 'Skip for now');
    await waitForHeading(w.el, 'Save your emergency code');
    expect(w.calls.sendSms ?? 0).to.equal(0);
  });

  it('offers no Skip when SMS is required', async () => {
    const w = await wizard({ sms: 'required' });
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a phone number for backup');
    expect(queryByRole(w.el, 'button', 'Skip for now')).to.equal(null);
  });

  it('leaves the SMS steps out when the policy is off, or a phone is on file', async () => {
    for (const options of [{ sms: 'off' as const }, { phoneOnFile: true }]) {
      const w = await wizard(options);
      await toConfirm(w);
      await typeInto(w.el, '6-digit code', w.memory.currentCode());
      await waitForHeading(w.el, 'Save your emergency code');
    }
  });

  it('lets the `sms` attribute override the backend policy', async () => {
    const w = await wizard({ sms: 'optional' }, { sms: 'off' });
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Save your emergency code');
  });

  it('asks for the password first when require-password is set, with a clear error when wrong', async () => {
    const w = await wizard({ password: 'correct horse' }, { requirePassword: true });
    await waitForHeading(w.el, 'Confirm it is you');
    await typeInto(w.el, 'Password', 'wrong');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => visibleText(w.el).includes('The password is not correct.'));
    const field = getByRole(w.el, 'textbox', 'Password') as HTMLInputElement;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    field.value = '';
    await typeInto(w.el, 'Password', 'correct horse');
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Set up two-factor authentication');
    await click(w.el, 'button', 'Start');
    await waitForHeading(w.el, 'Scan the QR code');
    expect(w.calls.start).to.equal(2);
  });

  it('asks for the password when the server wants it (no require-password on the page), then goes on to the QR code', async () => {
    const w = await wizard({ password: 'correct horse' });
    await waitForHeading(w.el, 'Set up two-factor authentication');
    expect(queryByRole(w.el, 'textbox', 'Password'), 'no password step planned').to.equal(null);
    await click(w.el, 'button', 'Start');
    await waitForHeading(w.el, 'Confirm it is you');
    expect(visibleText(w.el)).to.include('For your security, enter your password again to go on.');
    expect(visibleText(w.el)).to.include('Step 1 of');
    expect(focusedName()).to.equal('Confirm it is you');
    await typeInto(w.el, 'Password', 'correct horse');
    await sendKeys({ press: 'Enter' });
    await waitForHeading(w.el, 'Scan the QR code');
    expect(w.calls.start).to.equal(2);
  });

  it('goes back from the code to the same QR code and secret', async () => {
    const w = await wizard();
    await toConfirm(w);
    const qrBefore = w.memory.currentCode();
    await click(w.el, 'button', 'Back');
    await waitForHeading(w.el, 'Scan the QR code');
    expect(w.calls.start).to.equal(1);
    await click(w.el, 'button', 'Next: enter the code');
    await waitForHeading(w.el, 'Enter the code from your app');
    await typeInto(w.el, '6-digit code', qrBefore);
    await waitForHeading(w.el, 'Add a phone number for backup');
  });

  it('changes the number from the SMS code step, with the number kept', async () => {
    const w = await wizard();
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a phone number for backup');
    await typeInto(w.el, 'Mobile number', '91234567');
    await click(w.el, 'button', 'Send code');
    await waitForHeading(w.el, 'Enter the code from the text message');
    await click(w.el, 'button', 'Change number');
    await waitForHeading(w.el, 'Add a phone number for backup');
    expect((getByRole(w.el, 'textbox', 'Mobile number') as HTMLInputElement).value).to.equal('91234567');
    // A code was sent: the backend now waits for it, so the backup can be changed but no longer skipped.
    expect(queryByRole(w.el, 'button', 'Skip for now') === null, 'Skip offered after a code was sent').to.be.true;
  });

  it('cancels: asks the adapter, fires twofa-cancel, and forgets the secret', async () => {
    const w = await wizard({ secret: SECRET });
    await toConfirm(w);
    await click(w.el, 'button', 'Cancel');
    await waitForHeading(w.el, 'Setup cancelled');
    expect(w.calls.cancel).to.equal(1);
    expect(w.events.map((e) => e.type)).to.include('twofa-cancel');
    expect(JSON.stringify(w.el.shadowRoot!.innerHTML)).not.to.contain(SECRET);
    expect(Object.values(w.el).join(' ')).not.to.contain(SECRET);
    await click(w.el, 'button', 'Start again');
    await waitForHeading(w.el, 'Set up two-factor authentication');
  });
});
