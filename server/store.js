/**
 * Where the backend keeps its state: the `Store` interface, and `MemoryStore`, the default.
 *
 * Records are plain JSON-able objects, so a port maps each kind to a table (or a key prefix in
 * Redis) one to one. The rules in `enrollments.js` never hold on to a record: they read it, change
 * it and save it inside `lock(key, fn)`, which is what a SQL store would do with a transaction
 * and `SELECT … FOR UPDATE` (that is what keeps a replayed code from being accepted twice when two
 * requests race).
 */

/**
 * @typedef {{ failures: number, lockedUntil: number }} Guard
 *   Wrong attempts in a row, and until when (epoch ms) no attempt is accepted.
 */

/** A guard with no wrong attempts and no lockout. @returns {Guard} */
export const freshGuard = () => ({ failures: 0, lockedUntil: 0 });

/**
 * @typedef {object} UserRecord
 * @property {string} id
 * @property {string} account  shown in the authenticator app, e.g. `jane@example.com`
 * @property {string} passwordHash  `scrypt$…` (see secrets.js)
 * @property {Guard} passwordGuard
 * @property {{ secret: string, lastCounter: number, enabledAt: number } | null} totp  `secret`: sealed (AES-256-GCM, secrets.js)
 * @property {{ phone: string, enabledAt: number } | null} sms
 * @property {{ address: string, enabledAt: number } | null} email
 * @property {string[]} recoveryHashes  only keyed hashes (HMAC); the codes were shown once
 * @property {number[]} [failures]  when (epoch ms) the user's wrong codes and passwords of the last day were
 *   entered, across enrollments and lockouts (at most `maxFailuresPerUser` entries)
 * @property {Guard} [proofGuard]  wrong proofs for a reset (reset tokens, codes)
 * @property {{ hash: string, expiresAt: number } | null} [resetToken]  the latest reset token, as a SHA-256 hash; used once
 * @property {import('./passkeys.js').PasskeyRecord[]} [passkeys]  passkeys and security keys
 * @property {string} [passkeyUserHandle]  the user's WebAuthn user handle (random, base64url), made with the first options
 * @property {number} [expiresAt]  set for throw-away users (the demo's): dropped after this time
 */

/**
 * A code sent by SMS or e-mail, and what became of it (one per channel and enrollment).
 * @typedef {object} CodeState
 * @property {string} to  the E.164 number or the e-mail address
 * @property {string} codeHash  the latest code's keyed hash (HMAC, secrets.js); only it is accepted, once;
 *   `''` once used, or discarded after `maxAttempts` wrong tries
 * @property {number} sentAt
 * @property {number} codeExpiresAt
 * @property {number} sends  how many were sent on this channel for this enrollment
 * @property {boolean} verified
 * @property {Guard} guard
 */

/**
 * @typedef {object} EnrollmentRecord
 * @property {string} id
 * @property {string} userId
 * @property {'enroll' | 'reset' | 'add'} mode
 * @property {string} secret  the Base32 seed, sealed (AES-256-GCM, secrets.js); wiped when the enrollment completes
 * @property {number} createdAt
 * @property {number} expiresAt
 * @property {{ verified: boolean, lastCounter: number | null, guard: Guard }} totp
 * @property {CodeState | null} sms
 * @property {CodeState | null} email
 * @property {string[] | null} recoveryHashes
 * @property {PasskeyState | null} [passkey]
 * @property {{ at: number, methods: string[] } | null} completed
 */

/**
 * A passkey being registered in an enrollment.
 * @typedef {object} PasskeyState
 * @property {{ hash: string, expiresAt: number } | null} challenge  the latest challenge issued (SHA-256), until a registration uses it
 * @property {number} challenges  how many were issued in this enrollment
 * @property {import('./passkeys.js').PasskeyRecord | null} registered  the passkey verified, turned on by `complete`
 */

/**
 * @typedef {object} SessionRecord
 * @property {string} key  SHA-256 of the cookie value (the cookie itself is never stored)
 * @property {string} userId
 * @property {string} csrfToken
 * @property {number} expiresAt
 * @property {number} authenticatedAt  when the user last proved who they are (signed in, or gave the password)
 * @property {number} [lastSeenAt]  the session's last request (to a minute), for the idle timeout
 */

/**
 * @typedef {object} Store
 * @property {(id: string) => Promise<UserRecord | null>} getUser
 * @property {(user: UserRecord) => Promise<void>} saveUser
 * @property {(id: string) => Promise<EnrollmentRecord | null>} getEnrollment
 * @property {(enrollment: EnrollmentRecord) => Promise<void>} saveEnrollment
 * @property {(id: string) => Promise<void>} deleteEnrollment
 * @property {(key: string) => Promise<SessionRecord | null>} getSession
 * @property {(session: SessionRecord) => Promise<void>} saveSession
 * @property {(key: string) => Promise<void>} deleteSession
 * @property {(credentialId: string) => Promise<string | null>} passkeyOwner
 *   The id of the user whose record holds the passkey `credentialId` (in `passkeys`), or null: credential
 *   ids are unique across users (WebAuthn §7.1), and a host's sign-in finds a passkey by its id.
 * @property {(key: string, now: number, windowMs: number, limit: number) => Promise<number>} take
 *   A sliding-window limit: when fewer than `limit` events were recorded under `key` in the last
 *   `windowMs`, records one and resolves to 0; else records nothing and resolves to the milliseconds
 *   until the oldest leaves the window. Atomic per key.
 * @property {<T>(key: string, fn: () => Promise<T>) => Promise<T>} lock
 *   Runs `fn` while no other `lock` with the same key runs (read-modify-write without races).
 * @property {(now: number) => Promise<void>} [sweep]
 *   Drops what has expired; called every minute by the app if present.
 */

/** How long an expired enrollment is remembered, so late requests get `410 expired` rather than `404`. */
export const KEEP_EXPIRED_MS = 60 * 60 * 1000;

/**
 * The default store: everything in this process's memory, gone on restart. Records are copied in
 * and out (`structuredClone`), so it behaves like a database: changing a record you read changes
 * nothing until you save it.
 * @implements {Store}
 */
export class MemoryStore {
  /** @type {Map<string, UserRecord>} */ #users = new Map();
  /** @type {Map<string, EnrollmentRecord>} */ #enrollments = new Map();
  /** @type {Map<string, SessionRecord>} */ #sessions = new Map();
  /** @type {Map<string, Promise<unknown>>} */ #locks = new Map();
  /** Times of the events each limit counts, oldest first. @type {Map<string, { times: number[], windowMs: number }>} */ #windows = new Map();

  /** @param {string} key @param {number} now @param {number} windowMs @param {number} limit */
  async take(key, now, windowMs, limit) {
    const window = this.#windows.get(key) ?? { times: [], windowMs };
    window.times = window.times.filter((time) => time > now - windowMs);
    if (window.times.length >= limit) return window.times[0] + windowMs - now;
    window.times.push(now);
    this.#windows.set(key, window);
    return 0;
  }

  /** @param {string} id */
  async getUser(id) {
    return copy(this.#users.get(id));
  }

  /** @param {UserRecord} user */
  async saveUser(user) {
    this.#users.set(user.id, structuredClone(user));
  }

  /** @param {string} id */
  async getEnrollment(id) {
    return copy(this.#enrollments.get(id));
  }

  /** @param {EnrollmentRecord} enrollment */
  async saveEnrollment(enrollment) {
    this.#enrollments.set(enrollment.id, structuredClone(enrollment));
  }

  /** @param {string} id */
  async deleteEnrollment(id) {
    this.#enrollments.delete(id);
  }

  /** @param {string} key */
  async getSession(key) {
    return copy(this.#sessions.get(key));
  }

  /** @param {SessionRecord} session */
  async saveSession(session) {
    this.#sessions.set(session.key, structuredClone(session));
  }

  /** @param {string} key */
  async deleteSession(key) {
    this.#sessions.delete(key);
  }

  /** @param {string} credentialId */
  async passkeyOwner(credentialId) {
    for (const user of this.#users.values()) if (user.passkeys?.some((key) => key.id === credentialId)) return user.id;
    return null;
  }

  /**
   * @template T
   * @param {string} key
   * @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  async lock(key, fn) {
    const before = this.#locks.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(key, settled);
    try {
      return await run;
    } finally {
      // The last one out removes the chain, so the map does not grow with every id ever locked.
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    }
  }

  /** @param {number} now */
  async sweep(now) {
    for (const [id, enrollment] of this.#enrollments) {
      if (enrollment.expiresAt + KEEP_EXPIRED_MS <= now) this.#enrollments.delete(id);
    }
    for (const [key, session] of this.#sessions) {
      if (session.expiresAt <= now) this.#sessions.delete(key);
    }
    for (const [id, user] of this.#users) {
      if (user.expiresAt !== undefined && user.expiresAt <= now) this.#users.delete(id);
    }
    for (const [key, window] of this.#windows) {
      if (!window.times.some((time) => time > now - window.windowMs)) this.#windows.delete(key);
    }
  }
}

/**
 * @template T
 * @param {T | undefined} value
 * @returns {T | null}
 */
function copy(value) {
  return value === undefined ? null : structuredClone(value);
}
