import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { argTypesFor, prose } from '../support/elements.js';
import { renderFlow, type FlowParameters } from '../support/flows.js';

const TAG = 'twofa-enroll';

/**
 * One story per named flow (`flow`), each on a fresh in-memory backend so it can be clicked through
 * to the end: the demo helper under the wizard shows the code the authenticator app would show now,
 * and the codes sent by text message or e-mail. Variations of these flows (policies, failures, slow
 * networks) are under "Wizard/Situations".
 */
const meta: Meta = {
  title: 'Wizard/Flows (twofa-enroll)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args, { parameters }) => renderFlow(args, parameters as FlowParameters),
};
export default meta;
type Story = StoryObj;

export const AuthenticatorBackups: Story = {
  name: 'Authenticator + backups',
  args: { flow: 'standard', 'require-password': true },
  parameters: prose(
    '`flow="standard"` (the default) with `require-password`: password → info → QR code → code from the app → optional SMS backup (phone, then the code from the text message; "Skip for now" leaves it out) → one emergency code → done. The demo password is "demo".',
    { memory: { password: 'demo', sms: 'optional' } },
  ),
};

export const AuthenticatorOnly: Story = {
  name: 'Authenticator only',
  args: { flow: 'authenticator' },
  parameters: prose('`flow="authenticator"`, for organisations without SMS: info → QR code → code from the app → done.'),
};

export const DesktopPasswordManager: Story = {
  name: 'Desktop password manager',
  args: { flow: 'desktop' },
  parameters: prose(
    '`flow="desktop"`, for someone adding the key to an app on this computer (a password manager such as Enpass): the QR step opens on the key view — the key in groups of four with Copy key, and the details the app asks for — with "Scan a QR code instead" for a phone. Then the code from the app, and done.',
  ),
};

export const MethodChoice: Story = {
  name: 'Method choice',
  args: { flow: 'method-choice', methods: 'totp sms email' },
  parameters: prose(
    '`flow="method-choice"`: the user picks an authenticator app, text messages or e-mail; ten recovery codes are saved first, then the chosen method is set up (QR code and code, phone number and code, or address and code) and done names it as the main method. The demo helper shows the last text message and the last e-mail; "Send a new code" works once its countdown has ended.',
    { outbox: ['sms', 'email'] },
  ),
};

export const Reset: Story = {
  name: 'Reset',
  args: { flow: 'reset' },
  parameters: prose(
    '`flow="reset"`, reached from a "lost your authenticator?" link: info (with a warning that the old codes stop working) → proof → QR code for the new authenticator → code → done, each worded for a replacement. The backend wants proof before a second factor is replaced, and no `resetToken` (the reset link\'s token) was given, so the wizard asks for a code: type the recovery code K7QP-M2XW-9RTD (a wrong one shows the refusal).',
    { memory: { resetProof: { codes: ['K7QP-M2XW-9RTD'] } } },
  ),
};

export const RecoveryCodesTypedBack: Story = {
  name: 'Recovery codes typed back',
  args: { flow: 'standard', sms: 'off', 'recovery-codes': 10, 'recovery-proof': 'type-back' },
  parameters: prose(
    '`recovery-codes="10"` and `recovery-proof="type-back"`: after the code from the app, ten recovery codes; Continue hides them and asks for one of them by its number, so the user must have saved them (copy them before Continue, or use "Show the codes again"). Then done.',
  ),
};

export const Passkey: Story = {
  name: 'Passkey',
  args: { flow: 'passkey' },
  parameters: prose(
    '`flow="passkey"`: a passkey as the second factor, made by the browser with Touch ID, Windows Hello, a phone or a security key, named (the name suggested from the authenticator), then ten recovery codes → done. The in-memory backend verifies the passkey for real (challenge, origin, RP ID, the public key). Where the browser has no WebAuthn, the step says so.',
  ),
};
