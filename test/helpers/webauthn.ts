/**
 * Chromium's virtual authenticators for the passkey tests (test/runner/virtual-authenticator.js). In
 * Firefox and WebKit no driver can host one: `virtualAuthenticators` is false there and the tests that
 * need a real `navigator.credentials.create` are skipped (counted as skipped); those engines run the
 * paths that need none (no WebAuthn in the browser, a cancel, a misconfigured RP ID, stubbed).
 */
import { executeServerCommand } from '@web/test-runner-commands';

interface Answer {
  available: boolean;
  id?: string;
  credentials?: { credentialId: string }[];
}

const webauthn = (payload: Record<string, unknown>) => executeServerCommand<Answer, Record<string, unknown>>('webauthn', payload);

export const virtualAuthenticators = (await webauthn({ action: 'clear' })).available;

/** The engine has WebAuthn (WebKitGTK's MiniBrowser has none: the passkey step says so there). */
export const engineWebAuthn = typeof PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function';

/** `it` where the engine has WebAuthn (so Create is offered), else `it.skip`. */
export const itWithWebAuthn = engineWebAuthn ? it : it.skip;

/** `it` where a virtual authenticator can be added, else `it.skip`. */
export const itWithAuthenticator = virtualAuthenticators ? it : it.skip;

/** Adds a CTAP2 authenticator with user verification: a platform one (`internal`) or a USB security key. Returns its id. */
export async function addAuthenticator(transport: 'internal' | 'usb', userVerified = true): Promise<string> {
  return (await webauthn({ action: 'add', transport, userVerified })).id!;
}

/** The credential ids (base64) the authenticator holds. */
export async function storedCredentials(id: string): Promise<string[]> {
  return ((await webauthn({ action: 'credentials', id })).credentials ?? []).map((c) => c.credentialId);
}

/** Removes every authenticator this page added. */
export const removeAuthenticators = () => webauthn({ action: 'clear' });

/** Makes `navigator.credentials.create` fail with a DOMException `name` until `restore()` (no authenticator needed). */
export function stubCreate(name: string): { restore: () => void } {
  const credentials = navigator.credentials;
  Object.defineProperty(credentials, 'create', { value: () => Promise.reject(new DOMException('stubbed', name)), configurable: true, writable: true });
  return { restore: () => void delete (credentials as { create?: unknown }).create };
}

/** Takes `PublicKeyCredential` away, as in a browser without WebAuthn, until `restore()`. */
export function removeWebAuthn(): { restore: () => void } {
  const saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
  delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
  return { restore: () => saved && Object.defineProperty(window, 'PublicKeyCredential', saved) };
}
