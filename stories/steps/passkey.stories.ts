import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-passkey/twofa-step-passkey.js';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../../src/adapter/types.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { inShadow, waitFor } from '../support/play.js';
import { ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-passkey';

/** Options as a backend sends them (what the step passes to the browser). */
const OPTIONS: PublicKeyCredentialCreationOptionsJSON = {
  rp: { name: 'Example' },
  user: { id: 'dXNlci1oYW5kbGU', name: 'jane@example.com', displayName: 'jane@example.com' },
  challenge: 'c3Rvcnktb25seS1jaGFsbGVuZ2U',
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  attestation: 'none',
};

/** Authenticator data with iCloud Keychain's AAGUID (bytes 37 to 52), for a named passkey without a device. */
const AUTHENTICATOR_DATA = btoa(
  String.fromCharCode(...new Uint8Array(37), ...[0xfb, 0xfc, 0x30, 0x07, 0x15, 0x4e, 0x4e, 0xcc, 0x8c, 0x0b, 0x6e, 0x02, 0x05, 0x57, 0xd7, 0xbd]),
)
  .replace(/\+/g, '-')
  .replace(/\//g, '_')
  .replace(/=+$/, '');
const CREDENTIAL: RegistrationResponseJSON = {
  id: 'c3Rvcnk',
  rawId: 'c3Rvcnk',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'oA', authenticatorData: AUTHENTICATOR_DATA },
  authenticatorAttachment: 'platform',
  clientExtensionResults: {},
};

/**
 * What the browser answers for the story's play function (no prompt in Storybook): a passkey, a
 * DOMException by name, or nothing ever (the prompt still open). Restored once the step has taken it.
 */
async function browserAnswers(canvas: HTMLElement, answer: 'passkey' | 'pending' | string): Promise<void> {
  const credentials = navigator.credentials;
  Object.defineProperty(credentials, 'create', {
    configurable: true,
    value: () =>
      answer === 'passkey'
        ? Promise.resolve({ toJSON: () => CREDENTIAL })
        : answer === 'pending'
          ? new Promise(() => undefined)
          : Promise.reject(new DOMException('story', answer)),
  });
  const step = await waitFor(() => canvas.querySelector(TAG));
  step.addEventListener('twofa-prepare', () => (step.options = { ...OPTIONS }));
  (await inShadow(canvas, TAG, 'button.primary')).click();
  await new Promise((resolve) => setTimeout(resolve, 100));
  delete (credentials as { create?: unknown }).create;
}

const meta: Meta = {
  title: 'Steps/Passkey (twofa-step-passkey)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Supported: Story = {
  parameters: prose(
    'The passkey as the method (`flow="passkey"`, or chosen on the method step): one sentence on what a passkey is, and Create, which fires `twofa-prepare`; the wizard answers with `options` and the step calls the browser.',
  ),
};

export const Optional: Story = {
  args: { optional: true },
  parameters: prose('"Add a passkey too" after the app in `flow="standard"`, on a device with a built-in authenticator: Not now skips it.'),
};

export const Creating: Story = {
  parameters: prose("The browser's prompt is open: the button says so and a second press does nothing."),
  play: ({ canvasElement }) => browserAnswers(canvasElement, 'pending'),
};

export const Naming: Story = {
  parameters: prose("Created: the name is suggested from the authenticator's AAGUID (here iCloud Keychain), selected so typing replaces it."),
  play: ({ canvasElement }) => browserAnswers(canvasElement, 'passkey'),
};

export const Saving: Story = {
  parameters: prose('The named passkey is being saved: Save says so and a second submit is ignored.'),
  play: async ({ canvasElement }) => {
    await browserAnswers(canvasElement, 'passkey');
    canvasElement.querySelector(TAG)!.busy = true;
  },
};

export const Cancelled: Story = {
  parameters: prose('The prompt was closed, refused or timed out (`NotAllowedError`; the browser does not say which): Try again.'),
  play: ({ canvasElement }) => browserAnswers(canvasElement, 'NotAllowedError'),
};

export const AlreadyOnThisDevice: Story = {
  args: { optional: true },
  parameters: prose(
    'The authenticator already holds a passkey for the account (`InvalidStateError`, from `excludeCredentials`): use another one, or go on without.',
  ),
  play: ({ canvasElement }) => browserAnswers(canvasElement, 'InvalidStateError'),
};

export const Misconfigured: Story = {
  parameters: prose(
    'The RP ID does not match the page (`SecurityError`): a plain sentence for the user, no Create button; `twofa-error` with `code: "config"` and a console message for the developer.',
  ),
  play: async ({ canvasElement }) => {
    // The console message is for developers; the story checks (scripts/test-stories.mjs) fail on any console error.
    const error = console.error;
    console.error = () => undefined;
    try {
      await browserAnswers(canvasElement, 'SecurityError');
    } finally {
      console.error = error;
    }
  },
};

export const NotSupported: Story = {
  args: { canChooseOther: true },
  parameters: prose('A browser without WebAuthn: it says so, and Choose another way goes back to the method step.'),
  render: (args) => {
    // The step reads this when it is made: take WebAuthn away for that moment only.
    const saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    try {
      return renderElement(TAG, args);
    } finally {
      if (saved) Object.defineProperty(window, 'PublicKeyCredential', saved);
    }
  },
};

export const RefusedByServer: Story = {
  args: { error: { code: 'invalid_passkey' } },
  parameters: prose('The server refused the passkey (`invalid_passkey`: a used or expired challenge, a wrong origin or RP ID): create it again.'),
};

export const OptionsFailed: Story = {
  args: { error: ERRORS.network },
  parameters: prose('The options request failed: the message, and Create tries again.'),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited },
  parameters: prose('Too many requests (`rate_limited`): a countdown, and nothing is sent until it ends.'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { optional: true },
  parameters: { ...prose('At 320 CSS pixels.'), twofa: { width: 320 } },
};
