/**
 * The browser side of a passkey registration: WebAuthn's JSON forms to and from the objects
 * `navigator.credentials.create` takes and gives. The engine's own `parseCreationOptionsFromJSON` and
 * `toJSON()` where it has them (Chromium 129, Firefox 119, Safari 18.4), else a small fallback.
 */
import { fromBase64url, toBase64url } from '../adapter/base64url.js';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '../adapter/types.js';

export function creationOptions(json: PublicKeyCredentialCreationOptionsJSON): PublicKeyCredentialCreationOptions {
  const parse = PublicKeyCredential.parseCreationOptionsFromJSON;
  if (typeof parse === 'function') return parse(json as never);
  return {
    ...(json as unknown as PublicKeyCredentialCreationOptions),
    challenge: fromBase64url(json.challenge),
    user: { ...json.user, id: fromBase64url(json.user.id) },
    excludeCredentials: json.excludeCredentials?.map((key) => ({ ...key, id: fromBase64url(key.id) }) as PublicKeyCredentialDescriptor),
  };
}

type Attestation = AuthenticatorAttestationResponse & Partial<Pick<AuthenticatorAttestationResponse, 'getAuthenticatorData' | 'getPublicKey'>>;

export function registrationJSON(credential: PublicKeyCredential): RegistrationResponseJSON {
  if (typeof credential.toJSON === 'function') return credential.toJSON() as RegistrationResponseJSON;
  const response = credential.response as Attestation;
  const publicKey = response.getPublicKey?.();
  const authenticatorData = response.getAuthenticatorData?.();
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      authenticatorData: authenticatorData && toBase64url(authenticatorData),
      transports: response.getTransports?.(),
      publicKeyAlgorithm: response.getPublicKeyAlgorithm?.(),
      publicKey: publicKey ? toBase64url(publicKey) : undefined,
    },
    authenticatorAttachment: credential.authenticatorAttachment,
    clientExtensionResults: { ...credential.getClientExtensionResults() },
  };
}

/**
 * The authenticator's AAGUID (bytes 37 to 52 of the authenticator data, after the RP ID hash, the flags
 * and the counter) as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`; null when absent or all zeros.
 */
export function aaguidOf(json: RegistrationResponseJSON): string | null {
  try {
    const hex = Array.from(fromBase64url(json.response.authenticatorData ?? '').subarray(37, 53), (b) => b.toString(16).padStart(2, '0')).join('');
    if (hex.length !== 32 || /^0+$/.test(hex)) return null;
    return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  } catch {
    return null;
  }
}

/** How `create()` failed, by the DOMException's name (WebAuthn §5.1.3). */
export type CreateFailure = 'cancelled' | 'exists' | 'security' | 'unsupported' | 'failed';

export function createFailure(error: unknown): CreateFailure {
  switch ((error as { name?: string } | null)?.name) {
    // Cancelled, timed out, or refused by the authenticator: the browser does not say which, on purpose.
    case 'NotAllowedError':
    case 'AbortError':
      return 'cancelled';
    // An authenticator in excludeCredentials: this device already holds a passkey for the account.
    case 'InvalidStateError':
      return 'exists';
    // The RP ID is not the page's domain (or a suffix of it), or the page is not a secure context.
    case 'SecurityError':
      return 'security';
    case 'NotSupportedError':
      return 'unsupported';
    default:
      return 'failed';
  }
}
