/**
 * The relying party's side of a passkey registration (WebAuthn Level 3, §7.1), for the in-memory
 * adapter: it really checks what the browser sent, so stories and tests run the true path. Attestation
 * is `none` (the options ask for none): the public key is trusted on first use, as most sites do.
 */
import { fromBase64url, toBase64url } from './base64url.js';
import { decodeCbor, type CborValue } from './cbor.js';
import type { RegistrationResponseJSON } from './types.js';

export interface VerifiedPasskey {
  id: string;
  publicKey: CryptoKey;
  signCount: number;
  aaguid: string;
  transports: string[];
}

export interface Expected {
  /** Checks the challenge (base64url) and uses it up: false when unknown, used or expired. */
  takeChallenge: (challenge: string) => boolean;
  origin: string;
  rpId: string;
}

class Refused extends Error {}
const check = (ok: unknown, why: string) => {
  if (!ok) throw new Refused(why);
};

/** Verifies a registration; throws an Error saying why (the adapter turns it into `invalid_passkey`). */
export async function verifyRegistration(credential: RegistrationResponseJSON, expected: Expected): Promise<VerifiedPasskey> {
  const { response } = credential;
  check(credential.type === 'public-key' && typeof response?.clientDataJSON === 'string', 'not a public-key credential');
  const client = JSON.parse(new TextDecoder().decode(fromBase64url(response.clientDataJSON))) as Record<string, unknown>;
  check(client.type === 'webauthn.create', 'clientDataJSON.type is not webauthn.create');
  check(typeof client.challenge === 'string' && expected.takeChallenge(client.challenge), 'unknown, used or expired challenge');
  check(client.origin === expected.origin, `origin ${String(client.origin)} is not ${expected.origin}`);

  const [attestation] = decodeCbor(fromBase64url(response.attestationObject));
  check(attestation instanceof Map && attestation.get('fmt') === 'none', 'attestation format is not none');
  const authData = (attestation as Map<CborValue, CborValue>).get('authData');
  check(authData instanceof Uint8Array && authData.length >= 55, 'authenticator data too short');
  const data = authData as Uint8Array<ArrayBuffer>;
  const rpIdHash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(expected.rpId)));
  check(
    rpIdHash.every((byte, i) => byte === data[i]),
    `rpIdHash is not SHA-256 of ${expected.rpId}`,
  );
  const flags = data[32];
  check(flags & 0x01, 'user presence flag not set');
  check(flags & 0x40, 'no attested credential data');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const idLength = view.getUint16(53);
  const id = toBase64url(data.subarray(55, 55 + idLength));
  check(id === credential.id && id === credential.rawId, 'credential id does not match');
  const [cose] = decodeCbor(data, 55 + idLength);
  const hex = Array.from(data.subarray(37, 53), (b) => b.toString(16).padStart(2, '0')).join('');
  return {
    id,
    publicKey: await importCoseKey(cose),
    signCount: view.getUint32(33),
    aaguid: hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
    transports: response.transports ?? [],
  };
}

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

/** Whether (x, y), 32 bytes each, is on P-256: y² = x³ − 3x + b (mod p). */
function onP256(xBytes: CborValue | undefined, yBytes: CborValue | undefined): boolean {
  if (!(xBytes instanceof Uint8Array && yBytes instanceof Uint8Array && xBytes.length === 32 && yBytes.length === 32)) return false;
  const int = (bytes: Uint8Array) => BigInt(`0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`);
  const [x, y] = [int(xBytes), int(yBytes)];
  return x < P && y < P && (y * y - (x * x * x - 3n * x + B)) % P === 0n;
}

/** A COSE_Key (RFC 9053) as a WebCrypto key: ES256 (P-256), RS256 or Ed25519; the import proves it is a real key. */
async function importCoseKey(cose: CborValue): Promise<CryptoKey> {
  check(cose instanceof Map, 'COSE key is not a map');
  const key = cose as Map<CborValue, CborValue>;
  const b64 = (label: number) => {
    const value = key.get(label);
    check(value instanceof Uint8Array, `COSE key parameter ${label} missing`);
    return toBase64url(value as Uint8Array);
  };
  const kty = key.get(1);
  const alg = key.get(3);
  if (kty === 2 && alg === -7 && key.get(-1) === 1) {
    // Not every engine checks the point on import (WebKit does not): a key off the curve is no key.
    check(onP256(key.get(-2), key.get(-3)), 'the EC2 key is not a point on P-256');
    return crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: b64(-2), y: b64(-3) }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  }
  if (kty === 3 && alg === -257)
    return crypto.subtle.importKey('jwk', { kty: 'RSA', n: b64(-1), e: b64(-2), alg: 'RS256' }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, [
      'verify',
    ]);
  if (kty === 1 && alg === -8 && key.get(-1) === 6)
    return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: b64(-2) }, { name: 'Ed25519' }, true, ['verify']);
  throw new Refused(`unsupported COSE key (kty ${String(kty)}, alg ${String(alg)})`);
}
