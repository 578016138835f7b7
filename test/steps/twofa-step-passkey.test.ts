/**
 * `<twofa-step-passkey>` on its own, its options and registration done by a real in-memory backend.
 * In Chromium a virtual authenticator (CDP) creates real passkeys: the naming, the AAGUID/platform name,
 * a refusal and a second registration on the same authenticator. Firefox and WebKit have no virtual
 * authenticator their drivers can host: there these tests are skipped, and the ones that need none run
 * (no WebAuthn in the browser, a cancel and a misconfigured RP ID, the browser's answer stubbed).
 * WebKitGTK has no WebAuthn at all: there the step says so, and the tests that need Create are skipped.
 */
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from 'twofa-enroll/adapter/memory';
import 'twofa-enroll/twofa-step-passkey.js';
import type { TwofaStepPasskey } from 'twofa-enroll';
import { templates as nb } from '../../src/generated/locales/nb.js';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import {
  addAuthenticator,
  engineWebAuthn,
  itWithAuthenticator,
  itWithWebAuthn,
  removeAuthenticators,
  removeWebAuthn,
  storedCredentials,
  stubCreate,
} from '../helpers/webauthn.js';
import { clickButton, descriptionOf, expectFocused, expectNone, recordAll, scope, settle, submits, type } from './helpers.js';

const CANCELLED = "The passkey wasn't created: the request was cancelled or took too long. Try again.";
const EXISTS = 'This device or security key already has a passkey for your account. Use another one, or go on without.';

/** A step whose `twofa-prepare` is answered by the in-memory backend, as the wizard does. */
async function setup(memory = new MemoryAdapter(), template = html`<twofa-step-passkey></twofa-step-passkey>`) {
  await memory.start();
  const el = await fixture<TwofaStepPasskey>(template);
  await waitUntil(() => queryByRole(scope(el), 'button', 'Cancel'), 'the view loaded', { timeout: 4000 });
  el.addEventListener('twofa-prepare', async () => {
    el.busy = true;
    const options = await memory.passkeyOptions();
    el.busy = false;
    el.options = options;
  });
  return { el, memory, values: submits(el), events: recordAll(el) };
}

/** Clicks Create and waits for the naming form (or `until`). */
async function create(el: TwofaStepPasskey, until: string | RegExp = 'Name your passkey') {
  await clickButton(el, /^(Create a passkey|Try again)$/);
  await waitUntil(() => (typeof until === 'string' ? visibleText(scope(el)).includes(until) : until.test(visibleText(scope(el)))), `"${String(until)}" shown`, {
    timeout: 8000,
  });
  await settle(el);
}

const nameField = (el: Element) => getByRole(scope(el), 'textbox', 'Passkey name') as HTMLInputElement;

describe('<twofa-step-passkey>', () => {
  afterEach(() => removeAuthenticators());

  itWithWebAuthn('says what a passkey is in one sentence and offers to create one; accessible', async () => {
    const { el } = await setup();
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Create a passkey');
    expect(visibleText(scope(el))).to.include('A passkey lets you confirm it is you with your fingerprint, face or screen lock instead of a code');
    getByRole(scope(el), 'button', 'Create a passkey');
    expectNone(scope(el), 'button', 'Not now');
    await expect(el).to.be.accessible();
  });

  it('optional: "Add a passkey too" with Not now, which fires twofa-skip only', async () => {
    const { el, events } = await setup(undefined, html`<twofa-step-passkey optional></twofa-step-passkey>`);
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Add a passkey too');
    await clickButton(el, 'Not now');
    expect(events).to.deep.equal(['twofa-skip']);
  });

  describe('without WebAuthn in the browser', () => {
    let webauthn: { restore: () => void };
    beforeEach(() => (webauthn = removeWebAuthn()));
    afterEach(() => webauthn.restore());

    it('says so, offers no Create button, and Choose another way fires twofa-back', async () => {
      const { el, events } = await setup(undefined, html`<twofa-step-passkey can-choose-other></twofa-step-passkey>`);
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(
        "This browser can't create passkeys. You can add one later from another browser or device.",
      );
      expectNone(scope(el), 'button', 'Create a passkey');
      await clickButton(el, 'Choose another way');
      expect(events).to.deep.equal(['twofa-back']);
      await expect(el).to.be.accessible();
    });

    it('as the only method: tells to use another browser or device; only Cancel', async () => {
      const { el } = await setup();
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.include('Open this page in an up-to-date browser, or on another device.');
      expect(queryByRole(scope(el), 'button', /Create|Not now|another way/) === null).to.be.true;
      getByRole(scope(el), 'button', 'Cancel');
    });
  });

  // (Stubbed: a cancel needs no authenticator, so this runs in every engine.)
  itWithWebAuthn('a cancel or time-out (NotAllowedError): its own message and Try again, which asks for new options', async () => {
    const stub = stubCreate('NotAllowedError');
    try {
      const { el, events } = await setup();
      await create(el, CANCELLED);
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(CANCELLED);
      await create(el, CANCELLED);
      expect(events).to.deep.equal(['twofa-prepare', 'twofa-prepare']);
      await expect(el).to.be.accessible();
    } finally {
      stub.restore();
    }
  });

  itWithWebAuthn('a SecurityError: a plain message, no Create button, and twofa-error with code "config" for the developer', async () => {
    const stub = stubCreate('SecurityError');
    const error = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const { el } = await setup();
      const fired = oneEvent(el, 'twofa-error');
      await clickButton(el, 'Create a passkey');
      expect((await fired).detail).to.deep.equal({ code: 'config', step: 'passkey' });
      await settle(el);
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(
        "Passkeys can't be created on this page because of a setup problem on our side. Please contact support.",
      );
      expectNone(scope(el), 'button', 'Create a passkey');
      expect(logged.join('\n')).to.include('SecurityError');
    } finally {
      console.error = error;
      stub.restore();
    }
  });

  itWithAuthenticator('a real SecurityError: an RP ID that is not this page’s domain', async () => {
    await addAuthenticator('internal');
    const error = console.error;
    console.error = () => undefined;
    try {
      const { el } = await setup(new MemoryAdapter({ rpId: 'example.com' }));
      const fired = oneEvent(el, 'twofa-error');
      await clickButton(el, 'Create a passkey');
      expect((await fired).detail.code).to.equal('config');
    } finally {
      console.error = error;
    }
  });

  itWithAuthenticator('a platform authenticator: created, named after the platform, renamed, and the backend verifies and keeps it', async () => {
    const authenticator = await addAuthenticator('internal');
    const { el, memory, values } = await setup();
    await create(el);
    const field = nameField(el);
    // Chromium's virtual authenticator has an AAGUID of no provider: the name comes from the platform.
    expect(field.value).to.match(/^Passkey on (Linux|this device)$/);
    expectFocused(field);
    await type(el, 'Work laptop');
    await clickButton(el, 'Save passkey');
    expect(values.length).to.equal(1);
    const sent = JSON.parse(values[0]);
    expect(sent.name).to.equal('Work laptop');
    expect(await memory.registerPasskey(sent)).to.deep.equal({ id: sent.credential.id, name: 'Work laptop' });
    const stored = (await storedCredentials(authenticator)).map((id) => id.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    expect(stored).to.deep.equal([sent.credential.id]);
  });

  itWithAuthenticator("the site's own name for an authenticator's AAGUID comes before the platform's", async () => {
    await addAuthenticator('internal');
    const Step = customElements.get('twofa-step-passkey') as typeof TwofaStepPasskey;
    // Chromium's virtual authenticators all report this AAGUID, read here from the real attestation.
    Step.authenticatorNames = { '01020304-0506-0708-0102-030405060708': 'Test lab key' };
    try {
      const { el } = await setup();
      await create(el);
      expect(nameField(el).value).to.equal('Test lab key');
    } finally {
      Step.authenticatorNames = {};
    }
  });

  // (The browser's answer stubbed, so known AAGUIDs can be given: a virtual authenticator's is no product's.)
  for (const [aaguid, name] of [
    ['fbfc3007-154e-4ecc-8c0b-6e020557d7bd', 'iCloud Keychain'],
    ['ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4', 'Google Password Manager'],
    ['cb69481e-8ff7-4039-93ec-0a2729a154a8', 'YubiKey 5 Series'],
    ['00000000-0000-0000-0000-000000000000', /^Passkey on /],
  ] as const) {
    itWithWebAuthn(`the name suggested for AAGUID ${aaguid}: ${String(name)}`, async () => {
      const bytes = [
        ...new Uint8Array(37),
        ...aaguid
          .replace(/-/g, '')
          .match(/../g)!
          .map((hex) => parseInt(hex, 16)),
      ];
      const authenticatorData = btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      const credential = {
        id: 'aWQ',
        rawId: 'aWQ',
        type: 'public-key',
        response: { clientDataJSON: 'e30', attestationObject: 'oA', authenticatorData },
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
      };
      const credentials = navigator.credentials;
      Object.defineProperty(credentials, 'create', { value: () => Promise.resolve({ toJSON: () => credential }), configurable: true });
      try {
        const { el } = await setup();
        await create(el);
        if (typeof name === 'string') expect(nameField(el).value).to.equal(name);
        else expect(nameField(el).value).to.match(name);
      } finally {
        delete (credentials as { create?: unknown }).create;
      }
    });
  }

  itWithAuthenticator('a USB security key: named "Security key"; an empty name is refused before sending', async () => {
    await addAuthenticator('usb');
    const { el, values } = await setup();
    await create(el);
    const field = nameField(el);
    expect(field.value).to.equal('Security key');
    expect(field.maxLength).to.equal(64);
    field.value = '   ';
    await clickButton(el, 'Save passkey');
    expect(descriptionOf(field)).to.equal('Enter a name for the passkey.');
    expect(values).to.deep.equal([]);
  });

  itWithAuthenticator('refused by the authenticator (user verification fails): the NotAllowedError message', async () => {
    await addAuthenticator('internal', false);
    const { el } = await setup(new MemoryAdapter({ userVerification: 'required' }));
    await create(el, CANCELLED);
    getByRole(scope(el), 'button', 'Try again');
  });

  itWithAuthenticator('registered twice on one authenticator (InvalidStateError): says this device already has one', async () => {
    await addAuthenticator('internal');
    const { el, memory, values } = await setup();
    await create(el);
    await clickButton(el, 'Save passkey');
    await memory.registerPasskey(JSON.parse(values[0]));
    const again = await setup(memory);
    await create(again.el, EXISTS);
    expect(getByRole(scope(again.el), 'alert').textContent!.trim()).to.equal(EXISTS);
  });

  itWithAuthenticator('a refused save keeps the typed name and allows a retry; invalid_passkey asks to create it again', async () => {
    await addAuthenticator('internal');
    const { el, values } = await setup();
    await create(el);
    await type(el, 'Phone');
    await clickButton(el, 'Save passkey');
    el.error = { code: 'network' };
    await settle(el);
    expect(nameField(el).value).to.equal('Phone');
    expect(descriptionOf(nameField(el))).to.equal("We couldn't reach the server. Check your connection and try again.");
    el.error = null;
    await clickButton(el, 'Save passkey');
    expect(values.length).to.equal(2);
    el.error = { code: 'invalid_passkey' };
    await settle(el);
    expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal("The passkey couldn't be saved. Create it again.");
    getByRole(scope(el), 'button', 'Create a passkey');
  });

  itWithWebAuthn('busy: Create is held back (aria-disabled) and asks for nothing', async () => {
    const { el, events } = await setup();
    el.busy = true;
    await settle(el);
    expect(getByRole(scope(el), 'button', 'Create a passkey').getAttribute('aria-disabled')).to.equal('true');
    await clickButton(el, 'Create a passkey');
    await aTimeout(0);
    expect(events).to.deep.equal([]);
    expect(el.options).to.equal(null);
  });

  it('speaks Norwegian', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="nb"><twofa-step-passkey></twofa-step-passkey></div>`);
    const el = wrapper.querySelector('twofa-step-passkey')!;
    const shown = (engineWebAuthn ? nb['twofa-passkey-create'] : nb['twofa-passkey-unsupported-only']) as string;
    await waitUntil(() => visibleText(scope(el)).includes(shown), 'the Norwegian view', { timeout: 4000 });
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal(nb['twofa-passkey-heading']);
  });
});
