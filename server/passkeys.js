/**
 * Passkeys and security keys (WebAuthn) as a second factor: the registration options a browser
 * needs for `navigator.credentials.create()`, and the check of what it answers. The ceremony's
 * checks (challenge, origin, RP ID, the attestation and its public key) are @simplewebauthn/server's;
 * the rules around them are here:
 * - a challenge is single-use and expires (`passkeyTimeout`, also the options' `timeout`): it is
 *   used up by the first registration that names it, right or wrong, and kept only as a SHA-256 hash;
 * - the relying party is the site the user is on: `rpId` and `origins` from the options, else the
 *   host name and origin the request was addressed to (what the browser's page was served from);
 * - the user handle is random, made once per user: stable, and no personal data;
 * - keys the user already has are excluded (the browser says "already registered" rather than
 *   making a second credential on the same authenticator), and one named twice, by this user or
 *   another, is refused (enrollments.js, with the store's `passkeyOwner`).
 */
import { errors } from './errors.js';
import { sha256 } from './secrets.js';

/**
 * A registered passkey or security key, as the user record keeps it. The public key is no secret.
 * @typedef {object} PasskeyRecord
 * @property {string} id  the credential id (base64url)
 * @property {string} publicKey  its COSE public key (base64url)
 * @property {number} counter  the signature counter at registration
 * @property {string[]} transports  how the browser can reach it (`internal`, `hybrid`, `usb`, …)
 * @property {string} aaguid  the authenticator model (all zeros when it does not say)
 * @property {boolean} backedUp  synced (a passkey in a password manager) rather than bound to one device
 * @property {string} name  the user's name for it
 * @property {number} createdAt
 * @property {number | null} lastUsedAt
 */

/**
 * @typedef {object} RelyingParty  who the passkeys are for
 * @property {string} rpId  the site's domain, e.g. `example.com` (passkeys work on it and its subdomains)
 * @property {string[]} origins  the pages registrations may come from, e.g. `https://www.example.com`
 */

/** @simplewebauthn/server, loaded at the first passkey request: it is most of the backend's start-up time (200 ms of 320). */
/** @type {Promise<typeof import('@simplewebauthn/server')> | undefined} */
let library;
const webauthn = () => (library ??= import('@simplewebauthn/server'));

/** The longest name a passkey may have, in characters. */
export const MAX_PASSKEY_NAME = 64;

/**
 * A passkey's name as typed: trimmed, 1 to 64 characters, no control characters; else `bad_request`.
 * @param {unknown} value
 */
export function passkeyName(value) {
  const name = typeof value === 'string' ? value.normalize('NFC').trim() : '';
  if (!name || [...name].length > MAX_PASSKEY_NAME || /\p{Cc}/u.test(name)) throw errors.badRequest();
  return name;
}

/**
 * @param {object} config
 * @param {string} config.rpName  the name browsers show in their prompt (the issuer)
 * @param {number} config.timeout  milliseconds a challenge is valid
 */
export function createPasskeyRules({ rpName, timeout }) {
  return {
    /**
     * Options for `navigator.credentials.create()`, and the challenge to keep (its hash).
     * @param {{ account: string, passkeys?: PasskeyRecord[] }} owner @param {string} userHandle  base64url
     * @param {RelyingParty} rp @param {number} now
     */
    async options(owner, userHandle, rp, now) {
      const { generateRegistrationOptions } = await webauthn();
      const options = await generateRegistrationOptions({
        rpName,
        rpID: rp.rpId,
        userName: owner.account,
        userDisplayName: owner.account,
        userID: Buffer.from(userHandle, 'base64url'),
        timeout,
        attestationType: 'none',
        excludeCredentials: (owner.passkeys ?? []).map(({ id, transports }) => ({ id, transports: /** @type {any} */ (transports) })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      return { options, challenge: { hash: sha256(options.challenge), expiresAt: now + timeout } };
    },

    /**
     * The passkey a registration proves, or `invalid_passkey`: a challenge that is not the one
     * issued (or was used, or expired), another origin or RP ID, a malformed or forged attestation.
     * @param {unknown} credential  the browser's `PublicKeyCredential.toJSON()`
     * @param {{ hash: string, expiresAt: number } | null} challenge  the one issued; the caller clears it
     * @param {RelyingParty} rp @param {number} now
     * @returns {Promise<Omit<PasskeyRecord, 'name' | 'createdAt' | 'lastUsedAt'>>}
     */
    async verify(credential, challenge, rp, now) {
      if (!challenge || now >= challenge.expiresAt) throw errors.invalidPasskey();
      const { verifyRegistrationResponse } = await webauthn();
      let result;
      try {
        result = await verifyRegistrationResponse({
          response: /** @type {any} */ (credential),
          expectedChallenge: (sent) => sha256(sent) === challenge.hash,
          expectedOrigin: rp.origins,
          expectedRPID: rp.rpId,
          // "preferred": a security key without a PIN is still a possession factor next to the password.
          requireUserVerification: false,
        });
      } catch {
        throw errors.invalidPasskey();
      }
      if (!result.verified) throw errors.invalidPasskey();
      const { credential: key, aaguid, credentialBackedUp } = result.registrationInfo;
      return {
        id: key.id,
        publicKey: Buffer.from(key.publicKey).toString('base64url'),
        counter: key.counter,
        transports: key.transports ?? [],
        aaguid,
        backedUp: credentialBackedUp,
      };
    },
  };
}
