/**
 * The in-memory adapter's passkey verifier against a software authenticator written here (a WebCrypto
 * P-256 key, its attestation object encoded as CBOR by hand), so every engine runs it, and each rule
 * can be broken on purpose: the challenge (unknown, used, expired), the type, the origin, the RP ID,
 * the user-presence flag, the key itself and a second registration of one credential.
 */
import { expect } from '@open-wc/testing';
import { MemoryAdapter, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON } from 'twofa-enroll/adapter/memory';
import { rejectsWith } from './helpers.js';

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

/** CBOR (RFC 8949) of what an attestation object holds: integers, strings, bytes, maps. */
function cbor(value: Cbor): number[] {
  const head = (major: number, n: number) => (n < 24 ? [(major << 5) | n] : n < 256 ? [(major << 5) | 24, n] : [(major << 5) | 25, n >> 8, n & 255]);
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    return [...head(3, bytes.length), ...bytes];
  }
  if (value instanceof Uint8Array) return [...head(2, value.length), ...value];
  return [...head(5, value.size), ...[...value].flatMap(([k, v]) => [...cbor(k), ...cbor(v)])];
}

interface Tamper {
  type?: string;
  origin?: string;
  rpId?: string;
  challenge?: string;
  flags?: number;
  id?: Uint8Array;
  /** Replaces the key's x coordinate (not a point on the curve). */
  brokenKey?: boolean;
}

/** A registration as a browser would send it, from a fresh key (or `id`'s), with `tamper` applied. */
async function register(options: PublicKeyCredentialCreationOptionsJSON, tamper: Tamper = {}): Promise<RegistrationResponseJSON> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const x = tamper.brokenKey ? new Uint8Array(32).fill(7) : fromB64url(jwk.x!);
  const cose = new Map<Cbor, Cbor>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, x],
    [-3, fromB64url(jwk.y!)],
  ]);
  const id = tamper.id ?? crypto.getRandomValues(new Uint8Array(16));
  const rpIdHash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tamper.rpId ?? options.rp.id ?? location.hostname)));
  const authData = new Uint8Array([...rpIdHash, tamper.flags ?? 0x45, 0, 0, 0, 0, ...new Uint8Array(16), 0, id.length, ...id, ...cbor(cose)]);
  const attestation = new Map<Cbor, Cbor>([
    ['fmt', 'none'],
    ['attStmt', new Map()],
    ['authData', authData],
  ]);
  const client = {
    type: tamper.type ?? 'webauthn.create',
    challenge: tamper.challenge ?? options.challenge,
    origin: tamper.origin ?? location.origin,
    crossOrigin: false,
  };
  return {
    id: b64url(id),
    rawId: b64url(id),
    type: 'public-key',
    response: { clientDataJSON: b64url(new TextEncoder().encode(JSON.stringify(client))), attestationObject: b64url(new Uint8Array(cbor(attestation))) },
    clientExtensionResults: {},
  };
}

async function adapter() {
  let now = Date.now();
  const memory = new MemoryAdapter({ now: () => now, expiresIn: 3_600_000 });
  await memory.start();
  return { memory, later: (ms: number) => (now += ms) };
}

describe('MemoryAdapter: passkeys, a real verifier', () => {
  it('options: a fresh challenge each time, the RP and user, user verification preferred, no attestation', async () => {
    const { memory } = await adapter();
    const first = await memory.passkeyOptions();
    const second = await memory.passkeyOptions();
    expect(first.challenge).to.not.equal(second.challenge);
    expect(fromB64url(first.challenge)).to.have.length(32);
    expect(first.rp.id).to.equal(location.hostname);
    expect(first.user.name).to.equal('user@example.com');
    expect(first.user.id).to.not.include('@');
    expect(first.authenticatorSelection).to.deep.equal({ residentKey: 'preferred', userVerification: 'preferred' });
    expect(first.attestation).to.equal('none');
    expect(first.excludeCredentials).to.deep.equal([]);
  });

  it('accepts a good registration, keeps it under its trimmed name; complete() adds it to the account', async () => {
    const { memory } = await adapter();
    const credential = await register(await memory.passkeyOptions());
    expect(await memory.registerPasskey({ credential, name: '  Laptop ' })).to.deep.equal({ id: credential.id, name: 'Laptop' });
    expect(memory.passkeys, 'not the account’s until the enrollment completes').to.deep.equal([]);
    expect((await memory.complete()).methods).to.deep.equal(['passkey']);
    expect(memory.passkeys).to.deep.equal([{ id: credential.id, name: 'Laptop' }]);
    const [key] = (await memory.status()).passkeys;
    expect(key).to.deep.include({ id: credential.id, name: 'Laptop', lastUsedAt: null });
    expect(key.createdAt).to.be.closeTo(Date.now(), 60_000);
  });

  it('a passkey registered in an enrollment that is cancelled never joins the account', async () => {
    const { memory } = await adapter();
    const credential = await register(await memory.passkeyOptions());
    await memory.registerPasskey({ credential, name: 'Laptop' });
    await memory.cancel();
    expect((await memory.status()).passkeys).to.deep.equal([]);
    await memory.start();
    expect((await memory.passkeyOptions()).excludeCredentials).to.deep.equal([]);
  });

  const refusals: [string, (options: PublicKeyCredentialCreationOptionsJSON) => Promise<RegistrationResponseJSON>][] = [
    ['an unknown challenge', (o) => register(o, { challenge: b64url(new Uint8Array(32)) })],
    ['a wrong type (an assertion)', (o) => register(o, { type: 'webauthn.get' })],
    ['a wrong origin', (o) => register(o, { origin: 'https://evil.example' })],
    ['a wrong RP ID', (o) => register(o, { rpId: 'evil.example' })],
    ['no user presence', (o) => register(o, { flags: 0x44 })],
    ['a key that is not a point on the curve', (o) => register(o, { brokenKey: true })],
  ];
  for (const [what, make] of refusals) {
    it(`refuses ${what}: invalid_passkey, nothing kept`, async () => {
      const { memory } = await adapter();
      await rejectsWith(memory.registerPasskey({ credential: await make(await memory.passkeyOptions()), name: 'x' }), 'invalid_passkey');
      expect(memory.passkeys).to.deep.equal([]);
    });
  }

  it('a challenge works once: a replay is refused, also after a refused attempt', async () => {
    const { memory } = await adapter();
    const options = await memory.passkeyOptions();
    await memory.registerPasskey({ credential: await register(options), name: 'one' });
    await rejectsWith(memory.registerPasskey({ credential: await register(options), name: 'two' }), 'invalid_passkey');
    const other = await memory.passkeyOptions();
    await rejectsWith(memory.registerPasskey({ credential: await register(other, { origin: 'https://evil.example' }), name: 'x' }), 'invalid_passkey');
    await rejectsWith(memory.registerPasskey({ credential: await register(other), name: 'x' }), 'invalid_passkey');
  });

  it('a challenge expires after 5 minutes', async () => {
    const { memory, later } = await adapter();
    const options = await memory.passkeyOptions();
    later(5 * 60_000 + 1);
    await rejectsWith(memory.registerPasskey({ credential: await register(options), name: 'late' }), 'invalid_passkey');
  });

  it('one credential twice: passkey_exists; the next options exclude it', async () => {
    const { memory } = await adapter();
    const id = crypto.getRandomValues(new Uint8Array(16));
    await memory.registerPasskey({ credential: await register(await memory.passkeyOptions(), { id }), name: 'one' });
    const options = await memory.passkeyOptions();
    expect(options.excludeCredentials!.map((key) => key.id)).to.deep.equal([b64url(id)]);
    await rejectsWith(memory.registerPasskey({ credential: await register(options, { id }), name: 'again' }), 'passkey_exists');
  });

  it('a name empty or longer than 64 characters is refused', async () => {
    const { memory } = await adapter();
    for (const name of ['   ', 'x'.repeat(65)]) {
      await rejectsWith(memory.registerPasskey({ credential: await register(await memory.passkeyOptions()), name }), 'server');
    }
  });
});
