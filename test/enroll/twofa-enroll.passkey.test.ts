/**
 * Passkeys in the wizard, through the in-memory backend's real verifier. Chromium: a virtual platform
 * authenticator makes the passkey (the method is then offered first, "recommended"); Firefox and WebKit
 * cannot host one (skipped there) and cover a browser without WebAuthn, where no passkey is offered.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { getByRole, queryAllByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { acknowledgeCodes, click, toConfirm, typeInto, waitForHeading, wizard, type Wizard } from '../helpers/wizard.js';
import { addAuthenticator, itWithAuthenticator, removeAuthenticators, removeWebAuthn } from '../helpers/webauthn.js';

const completion = (w: Wizard) => (w.events.find((e) => e.type === 'twofa-complete') as CustomEvent | undefined)?.detail.methods;
const radios = (w: Wizard) => queryAllByRole(w.el, 'radio').map((radio) => radio.getAttribute('value'));

/** Create on the passkey step, then the naming form with its suggested name. */
async function createPasskey(w: Wizard): Promise<HTMLInputElement> {
  await waitUntil(() => queryByRole(w.el, 'button', 'Create a passkey'), 'the step loaded', { timeout: 4000 });
  await click(w.el, 'button', 'Create a passkey');
  await waitForHeading(w.el, 'Name your passkey');
  return getByRole(w.el, 'textbox', 'Passkey name') as HTMLInputElement;
}

describe('<twofa-enroll>: passkeys', () => {
  afterEach(() => removeAuthenticators());

  itWithAuthenticator('method choice: Passkey (recommended) first → recovery codes → named, renamed → done lists it', async () => {
    await addAuthenticator('internal');
    expect(await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(), 'UVPAA').to.be.true;
    const w = await wizard({}, { flow: 'method-choice', methods: 'totp sms email passkey' });
    await waitForHeading(w.el, 'How do you want to get your codes?');
    await waitUntil(() => radios(w)[0] === 'passkey', 'passkey offered first', { timeout: 4000 });
    expect((getByRole(w.el, 'radio', /^Passkey \(recommended\)/) as HTMLInputElement).checked).to.be.true;
    getByRole(w.el, 'radio', 'Authenticator app');
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Save your recovery codes');
    await waitUntil(() => queryByRole(w.el, 'checkbox')?.hasAttribute('disabled') === false, 'codes shown');
    await acknowledgeCodes(w);
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Create a passkey');
    const field = await createPasskey(w);
    expect(field.value).to.match(/^Passkey on (Linux|this device)$/);
    await typeInto(w.el, 'Passkey name', 'My laptop');
    await click(w.el, 'button', 'Save passkey');
    await waitForHeading(w.el, 'Two-factor authentication is on');
    expect(completion(w)).to.deep.equal(['passkey']);
    expect(visibleText(w.el)).to.include('Passkey');
    expect(w.memory.passkeys.map((p) => p.name)).to.deep.equal(['My laptop']);
    expect(w.calls.passkeyOptions).to.equal(1);
    expect(w.calls.registerPasskey).to.equal(1);
  });

  itWithAuthenticator('the passkey flow: passkey → recovery codes → done', async () => {
    await addAuthenticator('usb');
    const w = await wizard({}, { flow: 'passkey' });
    await waitForHeading(w.el, 'Create a passkey');
    expect(visibleText(w.el)).to.include('Step 1 of 3');
    const field = await createPasskey(w);
    expect(field.value).to.equal('Security key');
    await click(w.el, 'button', 'Save passkey');
    await waitForHeading(w.el, 'Save your recovery codes');
    await acknowledgeCodes(w);
    await click(w.el, 'button', 'Continue');
    await waitForHeading(w.el, 'Two-factor authentication is on');
    expect(completion(w)).to.deep.equal(['passkey']);
  });

  itWithAuthenticator('standard flow on a device with a platform authenticator: "Add a passkey too" after the app, Not now skips it', async () => {
    await addAuthenticator('internal');
    const w = await wizard({ sms: 'off' });
    // Info, QR code, app code, the passkey, SMS number and code (until the enrollment says SMS is off), codes, done.
    await waitUntil(() => visibleText(w.el).includes('Step 1 of 8'), 'the passkey step planned', { timeout: 4000 });
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a passkey too');
    await click(w.el, 'button', 'Not now');
    await waitForHeading(w.el, 'Save your emergency code');
    expect(w.calls.passkeyOptions ?? 0).to.equal(0);
  });

  it('standard flow without a platform authenticator: no passkey step', async () => {
    const w = await wizard({ sms: 'off' });
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Save your emergency code');
  });

  describe('a browser without WebAuthn', () => {
    let webauthn: { restore: () => void };
    beforeEach(() => (webauthn = removeWebAuthn()));
    afterEach(() => webauthn.restore());

    it('method choice offers the other methods only', async () => {
      const w = await wizard({}, { flow: 'method-choice', methods: 'totp sms email passkey' });
      await waitForHeading(w.el, 'How do you want to get your codes?');
      expect(radios(w)).to.deep.equal(['totp', 'sms', 'email']);
      getByRole(w.el, 'radio', /^Authenticator app \(recommended\)/);
    });
  });

  it('offers a passkey (last, without a platform authenticator) where the browser and the adapter can make one, and not with an adapter without the methods', async () => {
    const w = await wizard({}, { flow: 'method-choice', methods: 'totp sms email passkey' });
    await waitForHeading(w.el, 'How do you want to get your codes?');
    const offered = radios(w);
    if (typeof PublicKeyCredential === 'function') expect(offered.at(-1)).to.equal('passkey');
    Object.defineProperty(w.memory, 'passkeyOptions', { value: undefined });
    w.el.methods = 'totp sms passkey';
    await w.el.updateComplete;
    expect(radios(w)).to.deep.equal(['totp', 'sms']);
  });
});
