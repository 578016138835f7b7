/**
 * A software authenticator for the passkey rules: it answers registration options the way a browser
 * and a platform authenticator do (`PublicKeyCredential.toJSON()` of `navigator.credentials.create()`),
 * with an ES256 key of its own and "none" attestation, and can be told to lie: another origin, another
 * RP ID, a challenge of its choosing. Independent of the backend's WebAuthn library (its own CBOR).
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

/** @param {Uint8Array} bytes */
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

/**
 * CBOR (RFC 8949) of what attestation needs: unsigned and negative integers, byte and text strings, maps.
 * @param {unknown} value @returns {Buffer}
 */
export function cbor(value) {
  /** @param {number} major @param {number} n */
  const head = (major, n) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new TypeError(`cbor: ${typeof value}`);
}

/**
 * @param {{ aaguid?: string }} [options]  the model it claims (a UUID; all zeros by default, as many do)
 */
export function softAuthenticator({ aaguid = '00000000-0000-0000-0000-000000000000' } = {}) {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  // COSE_Key (RFC 9053): kty EC2, alg ES256, crv P-256, x, y.
  const coseKey = cbor(
    new Map(
      /** @type {Array<[number, unknown]>} */ ([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(/** @type {string} */ (jwk.x), 'base64url')],
        [-3, Buffer.from(/** @type {string} */ (jwk.y), 'base64url')],
      ]),
    ),
  );
  const credentialId = randomBytes(32);

  return {
    id: b64url(credentialId),
    /**
     * The browser's answer to `options` (the JSON of `PublicKeyCredentialCreationOptions`).
     * @param {any} options
     * @param {{ origin: string, rpId?: string, challenge?: string, userPresent?: boolean }} as  what it claims: the page's
     *   origin, the RP ID it signs for (default: the options' `rp.id`, else the origin's host), the challenge (default: the options')
     */
    register(options, { origin, rpId = options.rp?.id ?? new URL(origin).hostname, challenge = options.challenge, userPresent = true }) {
      const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge, origin, crossOrigin: false }));
      const flags = (userPresent ? 0x01 : 0) | 0x04 | 0x40; // user present, user verified, attested credential data
      const authData = Buffer.concat([
        createHash('sha256').update(rpId).digest(),
        Buffer.from([flags]),
        Buffer.alloc(4), // signature counter 0: counters are optional
        Buffer.from(aaguid.replace(/-/g, ''), 'hex'),
        Buffer.from([credentialId.length >> 8, credentialId.length & 255]),
        credentialId,
        coseKey,
      ]);
      const attestationObject = cbor(
        new Map(
          /** @type {Array<[string, unknown]>} */ ([
            ['fmt', 'none'],
            ['attStmt', new Map()],
            ['authData', authData],
          ]),
        ),
      );
      return {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(clientDataJSON),
          attestationObject: b64url(attestationObject),
          transports: ['internal', 'hybrid'],
        },
      };
    },
  };
}
