/**
 * The five flows of the `flow` attribute, clicked through against the in-memory backend, plus the
 * configuration errors of `flow` and `steps`. The step machine's own tests cover every preset's
 * transitions; these prove the wizard renders and drives them.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import type { EnrollmentAdapter } from 'twofa-enroll';
import type { StepId } from '../../src/twofa-enroll/machine.js';
import type { TwofaStepChangeEvent } from 'twofa-enroll';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { click, typeInto, waitForHeading, wizard, type Wizard } from '../helpers/wizard.js';

const stepsTaken = (w: Wizard) => w.events.filter((e): e is TwofaStepChangeEvent => e.type === 'twofa-step-change').map((e) => e.detail.to);
const completion = (w: Wizard) => (w.events.find((e) => e.type === 'twofa-complete') as CustomEvent | undefined)?.detail.methods;
const lastCode = (w: Wizard, channel: 'sms' | 'email') =>
  /\d{6}/.exec([...w.memory.outbox].reverse().find((m) => m.channel === channel)?.text ?? '')?.[0] ?? '';

async function tick(w: Wizard, name: string): Promise<void> {
  const box = getByRole(w.el, 'checkbox', name) as HTMLInputElement;
  box.click();
  await waitUntil(() => !(getByRole(w.el, 'button', 'Continue') as HTMLButtonElement).disabled, 'Continue enabled');
  await click(w.el, 'button', 'Continue');
}

async function scanAndConfirm(w: Wizard): Promise<void> {
  await waitUntil(() => queryByRole(w.el, 'button', 'Next: enter the code')?.hasAttribute('disabled') === false, 'QR ready', { timeout: 5000 });
  await click(w.el, 'button', 'Next: enter the code');
  await waitForHeading(w.el, 'Enter the code from your app');
  await typeInto(w.el, '6-digit code', w.memory.currentCode());
}

describe('<twofa-enroll flow>', () => {
  it('standard (authenticator + backups) with the password first: password → info → QR → code → SMS → SMS code → emergency code → done', async () => {
    const w = await wizard({ password: 'hunter2' }, { flow: 'standard', requirePassword: true });
    await waitForHeading(w.el, 'Confirm it is you');
    await typeInto(w.el, 'Password', 'hunter2');
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Set up two-factor authentication');
    await click(w.el, 'button', 'Start');
    await waitForHeading(w.el, 'Scan the QR code');
    await scanAndConfirm(w);
    await waitForHeading(w.el, 'Add a phone number for backup');
    await typeInto(w.el, 'Mobile number', '+47 912 34 567');
    await click(w.el, 'button', 'Send code');
    await waitForHeading(w.el, 'Enter the code from the text message');
    await typeInto(w.el, '6-digit code', lastCode(w, 'sms'));
    await waitForHeading(w.el, 'Save your emergency code');
    await tick(w, 'I have safely copied and stored this code');
    await waitForHeading(w.el, 'Two-factor authentication is on');
    expect(stepsTaken(w)).to.deep.equal(['info', 'qr', 'confirm', 'sms-phone', 'sms-code', 'emergency', 'done']);
    expect(completion(w)).to.deep.equal(['totp', 'sms']);
  });

  it('authenticator: info → QR → code → done, no SMS and no emergency code', async () => {
    const w = await wizard({}, { flow: 'authenticator' });
    expect(visibleText(w.el)).to.contain('Step 1 of 4');
    await click(w.el, 'button', 'Start');
    await waitForHeading(w.el, 'Scan the QR code');
    await scanAndConfirm(w);
    await waitForHeading(w.el, 'Two-factor authentication is on');
    expect(stepsTaken(w)).to.deep.equal(['qr', 'confirm', 'done']);
    expect(w.calls.recoveryCodes ?? 0).to.equal(0);
    expect(w.calls.sendSms ?? 0).to.equal(0);
  });

  it('desktop: the QR step opens on the key with its details; the QR code is one click away', async () => {
    const w = await wizard({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }, { flow: 'desktop' });
    await click(w.el, 'button', 'Start');
    await waitForHeading(w.el, 'Add the key to your app');
    const qrStep = () => w.el.shadowRoot!.querySelector('twofa-step-qr')!;
    await waitUntil(() => qrStep().shadowRoot?.querySelector('[part=secret]')?.textContent?.startsWith('JBSW Y3DP EHPK 3PXP'), 'grouped key shown');
    const text = visibleText(w.el);
    for (const detail of ['Account', 'Issuer', 'Digits', 'Interval', 'Algorithm', 'SHA1', '30 seconds']) expect(text, detail).to.contain(detail);
    expect(queryByRole(w.el, 'button', /^Copy key/) !== null, 'copy button').to.be.true;
    expect(queryByRole(w.el, 'img') === null, 'no QR code in the key view').to.be.true;
    await click(w.el, 'button', 'Scan a QR code instead');
    await waitForHeading(w.el, 'Scan the QR code');
    await click(w.el, 'button', 'Using an app on this computer?');
    await waitForHeading(w.el, 'Add the key to your app');
    await scanAndConfirm(w);
    await waitForHeading(w.el, 'Two-factor authentication is on');
    expect(stepsTaken(w)).to.deep.equal(['qr', 'confirm', 'done']);
  });

  describe('method-choice', () => {
    it('app: method → ten recovery codes, acknowledged → QR → code → done', async () => {
      const w = await wizard({}, { flow: 'method-choice' });
      await waitForHeading(w.el, 'How do you want to get your codes?');
      expect((getByRole(w.el, 'radio', /^Authenticator app/) as HTMLInputElement).checked, 'app preselected').to.be.true;
      await click(w.el, 'button', 'Continue');
      await waitForHeading(w.el, 'Save your recovery codes');
      await waitUntil(() => w.el.shadowRoot!.querySelector('twofa-step-emergency')!.codes.length === 10, 'ten codes');
      for (const tool of [/^Copy all/, 'Download', 'Print']) expect(queryByRole(w.el, 'button', tool) !== null, String(tool)).to.be.true;
      await tick(w, 'I have saved the recovery codes');
      await waitForHeading(w.el, 'Scan the QR code');
      expect(queryByRole(w.el, 'button', 'Back') === null, 'no way back into the codes').to.be.true;
      await scanAndConfirm(w);
      await waitForHeading(w.el, 'Two-factor authentication is on');
      expect(stepsTaken(w)).to.deep.equal(['emergency', 'qr', 'confirm', 'done']);
      expect(completion(w)).to.deep.equal(['totp']);
    });

    it('SMS as the method: number → code (no Skip) → done, SMS named as the method', async () => {
      const w = await wizard({}, { flow: 'method-choice' });
      await waitForHeading(w.el, 'How do you want to get your codes?');
      await click(w.el, 'radio', 'Text message (SMS)');
      await click(w.el, 'button', 'Continue');
      await waitForHeading(w.el, 'Save your recovery codes');
      await tick(w, 'I have saved the recovery codes');
      await waitForHeading(w.el, 'Add a phone number for backup');
      expect(queryByRole(w.el, 'button', 'Skip for now') === null, 'no Skip for the main method').to.be.true;
      await typeInto(w.el, 'Mobile number', '+46 70 123 45 67');
      await click(w.el, 'button', 'Send code');
      await waitForHeading(w.el, 'Enter the code from the text message');
      await typeInto(w.el, '6-digit code', lastCode(w, 'sms'));
      await waitForHeading(w.el, 'Two-factor authentication is on');
      expect(stepsTaken(w)).to.deep.equal(['emergency', 'sms-phone', 'sms-code', 'done']);
      expect(completion(w)).to.deep.equal(['sms']);
      expect(visibleText(w.el)).to.contain('we will send a code to your phone by text message');
    });

    it('e-mail as the method: address → code, with resend countdown and change → done', async () => {
      const w = await wizard({ resendAfter: 1 }, { flow: 'method-choice' });
      await waitForHeading(w.el, 'How do you want to get your codes?');
      await click(w.el, 'radio', 'E-mail');
      await click(w.el, 'button', 'Continue');
      await waitForHeading(w.el, 'Save your recovery codes');
      await tick(w, 'I have saved the recovery codes');
      await waitForHeading(w.el, 'Where should we send your codes?');
      await typeInto(w.el, 'E-mail address', 'not-an-address');
      await click(w.el, 'button', 'Send code');
      await waitUntil(() => visibleText(w.el).includes('Enter an e-mail address in the form name@example.com.'), 'invalid address refused');
      expect(w.calls.sendEmail ?? 0).to.equal(0);
      const field = getByRole(w.el, 'textbox', 'E-mail address') as HTMLInputElement;
      field.value = '';
      await typeInto(w.el, 'E-mail address', 'ola@example.no');
      await click(w.el, 'button', 'Send code');
      await waitForHeading(w.el, 'Enter the code from the e-mail');
      expect(visibleText(w.el)).to.match(/We sent a 6-digit code to o\S*@example\.no/);
      await click(w.el, 'button', 'Change address');
      await waitForHeading(w.el, 'Where should we send your codes?');
      expect((getByRole(w.el, 'textbox', 'E-mail address') as HTMLInputElement).value, 'address kept').to.equal('ola@example.no');
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the 1 s resend wait of this backend
      await click(w.el, 'button', 'Send code');
      await waitForHeading(w.el, 'Enter the code from the e-mail');
      await typeInto(w.el, '6-digit code', lastCode(w, 'email'));
      await waitForHeading(w.el, 'Two-factor authentication is on');
      expect(stepsTaken(w)).to.deep.equal(['emergency', 'email', 'email-code', 'email', 'email-code', 'done']);
      expect(completion(w)).to.deep.equal(['email']);
      expect(visibleText(w.el)).to.contain('we will send a code to your e-mail');
    });

    it('e-mail picked where the backend refuses it alone: back to the choice, told why, e-mail no longer offered; the app works', async () => {
      const w = await wizard({ emailOnly: false }, { flow: 'method-choice' });
      await waitForHeading(w.el, 'How do you want to get your codes?');
      (getByRole(w.el, 'radio', /^E-mail/) as HTMLInputElement).click();
      await click(w.el, 'button', 'Continue');
      await waitUntil(() => visibleText(w.el).includes('E-mail cannot be your only way to sign in.'), 'told why');
      expect(getByRole(w.el, 'heading').textContent!.trim()).to.equal('How do you want to get your codes?');
      expect(queryByRole(w.el, 'radio', /^E-mail/) === null, 'e-mail no longer offered').to.be.true;
      expect(getByRole(w.el, 'alert').textContent!.trim()).to.equal(
        'E-mail cannot be your only way to sign in. Choose the authenticator app or text messages.',
      );
      expect(w.calls.sendEmail ?? 0).to.equal(0);
      await click(w.el, 'button', 'Continue');
      await waitForHeading(w.el, 'Save your recovery codes');
    });

    it('offers only the methods the page allows, and never e-mail with an adapter that cannot send it', async () => {
      const limited = await wizard({}, { flow: 'method-choice', methods: 'totp email' });
      await waitForHeading(limited.el, 'How do you want to get your codes?');
      expect(queryByRole(limited.el, 'radio', 'Text message (SMS)') === null).to.be.true;

      const memory = new MemoryAdapter();
      const {
        sendEmail: _s,
        verifyEmail: _v,
        ...rest
      } = Object.fromEntries(
        (['start', 'verifyTotp', 'sendSms', 'verifySms', 'recoveryCodes', 'complete', 'cancel'] as const).map((m) => [m, memory[m].bind(memory)]),
      ) as unknown as EnrollmentAdapter;
      const el = document.createElement('twofa-enroll');
      el.flow = 'method-choice';
      el.adapter = rest;
      document.body.append(el);
      await el.updateComplete;
      await waitForHeading(el, 'How do you want to get your codes?');
      expect(queryByRole(el, 'radio', 'E-mail') === null, 'no e-mail option').to.be.true;
      expect(queryByRole(el, 'radio', 'Text message (SMS)') !== null).to.be.true;
      el.remove();
    });

    it('an e-mail step with an adapter that cannot send e-mail fails as a server error, not as the network', async () => {
      const memory = new MemoryAdapter();
      const withoutEmail = Object.fromEntries(
        (['start', 'verifyTotp', 'sendSms', 'verifySms', 'recoveryCodes', 'complete', 'cancel'] as const).map((m) => [m, memory[m].bind(memory)]),
      ) as unknown as EnrollmentAdapter;
      const el = document.createElement('twofa-enroll');
      el.steps = ['info', 'email', 'email-code', 'done'];
      el.adapter = withoutEmail;
      document.body.append(el);
      try {
        await waitForHeading(el, 'Set up two-factor authentication');
        await click(el, 'button', 'Start');
        await waitForHeading(el, 'Where should we send your codes?');
        await typeInto(el, 'E-mail address', 'ola@example.no');
        await click(el, 'button', 'Send code');
        await waitUntil(() => visibleText(el).includes('Something went wrong on our side.'), 'a server error');
        expect(visibleText(el)).not.to.contain("We couldn't reach the server");
      } finally {
        el.remove();
      }
    });
  });

  it('reset: worded for a new authenticator, and the old one is replaced only on completion', async () => {
    const w = await wizard({}, { flow: 'reset' });
    await waitForHeading(w.el, 'Set up a new authenticator');
    expect(visibleText(w.el)).to.contain('Your old codes will stop working once the new authenticator is confirmed.');
    await click(w.el, 'button', 'Start');
    await waitForHeading(w.el, 'Scan the QR code with your new authenticator');
    await scanAndConfirm(w);
    await waitForHeading(w.el, 'Your new authenticator is set up');
    expect(stepsTaken(w)).to.deep.equal(['qr', 'confirm', 'done']);
  });

  it("reset with proof: the host's reset token is used once; without one, a recovery code typed in", async () => {
    const proof = { token: 'from-the-link', codes: ['K7QP-M2XW-9RTD'] };
    const linked = await wizard({ resetProof: proof }, { flow: 'reset', resetToken: 'from-the-link' });
    await click(linked.el, 'button', 'Start');
    await waitForHeading(linked.el, 'Scan the QR code with your new authenticator');
    expect(stepsTaken(linked)).to.deep.equal(['qr']);

    const typed = await wizard({ resetProof: proof }, { flow: 'reset' });
    await click(typed.el, 'button', 'Start');
    await waitForHeading(typed.el, 'Confirm with a code you have');
    expect(visibleText(typed.el)).to.contain('Step 2 of 5');
    await typeInto(typed.el, 'Recovery code or code from the app', 'K7QP-M2XW-9RTX');
    await click(typed.el, 'button', 'Continue');
    await waitUntil(() => visibleText(typed.el).includes("That didn't work"), 'refusal shown');
    const field = getByRole(typed.el, 'textbox', 'Recovery code or code from the app') as HTMLInputElement;
    expect(field.value, 'what was typed is kept').to.equal('K7QP-M2XW-9RTX');
    field.value = '';
    await typeInto(typed.el, 'Recovery code or code from the app', 'K7QP-M2XW-9RTD');
    await click(typed.el, 'button', 'Continue');
    await waitForHeading(typed.el, 'Scan the QR code with your new authenticator');
    await scanAndConfirm(typed);
    await waitForHeading(typed.el, 'Your new authenticator is set up');
    expect(stepsTaken(typed)).to.deep.equal(['qr', 'proof', 'qr', 'confirm', 'done']);
  });

  it('recovery-proof="type-back": the codes are hidden and one must be typed back before going on', async () => {
    const w = await wizard({}, { flow: 'method-choice', recoveryProof: 'type-back' });
    await waitForHeading(w.el, 'How do you want to get your codes?');
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Save your recovery codes');
    const step = () => w.el.shadowRoot!.querySelector('twofa-step-emergency')!;
    await waitUntil(() => step().codes.length === 10, 'codes');
    const codes = [...step().codes];
    expect(queryByRole(w.el, 'checkbox') === null, 'no checkbox').to.be.true;
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Check that you saved the codes');
    expect(
      codes.some((code) => visibleText(w.el).includes(code)),
      'codes hidden',
    ).to.be.false;
    const label = getByRole(w.el, 'textbox', /^Enter recovery code number \d+$/);
    const number = Number(/\d+$/.exec(label.getAttribute('aria-label') ?? (label as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '')?.[0]);
    await typeInto(w.el, /^Enter recovery code number/, 'WRONG-CODE');
    await click(w.el, 'button', 'Continue');
    await waitUntil(() => visibleText(w.el).includes('That is not the code.'), 'mismatch shown');
    expect(stepsTaken(w)).to.not.include('qr');
    (getByRole(w.el, 'textbox', /^Enter recovery code number/) as HTMLInputElement).value = '';
    await typeInto(w.el, /^Enter recovery code number/, codes[number - 1].toLowerCase());
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Scan the QR code');
  });

  describe('configuration errors: a notice, a console error and a twofa-error event, never a blank wizard', () => {
    async function misconfigured(configure: (el: HTMLElementTagNameMap['twofa-enroll']) => void) {
      const errors: string[] = [];
      const original = console.error;
      console.error = (message: unknown) => errors.push(String(message));
      const el = document.createElement('twofa-enroll');
      const events: CustomEvent[] = [];
      el.addEventListener('twofa-error', (e) => events.push(e as CustomEvent));
      configure(el);
      try {
        document.body.append(el);
        await el.updateComplete;
      } finally {
        console.error = original;
      }
      const notice = visibleText(el);
      el.remove();
      return { errors, events, notice };
    }

    const cases: Array<[string, (el: HTMLElementTagNameMap['twofa-enroll']) => void, string]> = [
      ['an unknown flow', (el) => el.setAttribute('flow', 'magic'), 'unknown flow "magic"'],
      ['an unknown step', (el) => (el.steps = ['info', 'selfie' as StepId, 'done']), 'unknown step "selfie"'],
      ['a confirm without a QR step before it', (el) => (el.steps = ['info', 'confirm', 'done']), '"confirm" needs "qr" before it'],
      ['a method step after a method', (el) => (el.steps = ['qr', 'confirm', 'method', 'done']), 'the steps of a method must come after "method"'],
      ['no method at all', (el) => (el.steps = ['info', 'emergency', 'done']), 'the flow sets up no method'],
    ];
    for (const [name, configure, problem] of cases) {
      it(name, async () => {
        const { errors, events, notice } = await misconfigured(configure);
        expect(errors.join('\n')).to.contain(problem);
        expect(events.map((e) => e.detail.code)).to.deep.equal(['config']);
        expect(notice).to.contain('Two-factor setup cannot start because it is set up incorrectly on this page.');
      });
    }
  });
});
