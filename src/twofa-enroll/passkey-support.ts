/** What the browser can do with passkeys, asked before the passkey step's own code is loaded. */

/** Whether this browser can create passkeys at all (a secure context with WebAuthn). */
export const webauthnSupported = (): boolean =>
  typeof PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function' && isSecureContext;

/** Whether the device has a built-in authenticator that verifies the user (Touch ID, Windows Hello, a screen lock). */
export async function platformAuthenticator(): Promise<boolean> {
  try {
    return webauthnSupported() && (await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  } catch {
    return false;
  }
}
