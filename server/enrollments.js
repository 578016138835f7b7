/**
 * The enrollment rules: everything the contract promises, independent of HTTP.
 * Each function takes the signed-in user's id and plain values (app.js has checked their types),
 * and returns the answer's body or throws an `ApiError`.
 *
 * The rules, in the order a port should check them (server/README.md has the same list):
 * - secrets are 160 random bits (CSPRNG), Base32; the otpauth URI is built by `otpauth`;
 * - an enrollment belongs to the user who started it (anyone else gets 404) and expires after
 *   `expiresIn` (then every call gets 410 `expired`);
 * - TOTP codes are checked with `otpauth`, ±`window` steps; an accepted code, or any code of an
 *   earlier time step, is refused afterwards (replay, RFC 6238 §5.2);
 * - `maxAttempts` wrong codes (TOTP, SMS, e-mail, password: each counted on its own) lock for
 *   `lockout` seconds: 429 `rate_limited` with `retryAfter`;
 * - besides, a user's wrong codes and passwords are counted across enrollments and lockouts: at
 *   most `maxFailuresPerUser` a day (NIST SP 800-63B §5.2.2), then every check is refused (429)
 *   until the oldest is a day old — else new enrollments and waited-out lockouts give endless tries;
 * - SMS and e-mail codes (codes.js): to an E.164 mobile number or a checked address, 6 digits
 *   valid `smsCodeTtl` / `emailCodeTtl`, only the latest code counts and only once, and not after
 *   the lockout of its `maxAttempts` wrong tries (then a new one must be sent); a new code not
 *   before `resendAfter` seconds, at most `maxSms` / `maxEmails` per enrollment;
 * - nothing a user types or scans is stored: codes sent and recovery codes as keyed hashes (HMAC),
 *   TOTP seeds sealed with AES-256-GCM, both under the server key (secrets.js);
 * - recovery codes: 80 bits from the CSPRNG, returned once;
 * - `complete` needs a primary method verified (the TOTP, or in the method-choice flow an SMS or
 *   e-mail code), every code that was sent verified, and, with TOTP, a phone if SMS is `required`;
 *   e-mail alone (no app, no phone after completing) only with `allowEmailOnly` (409 `email_only`):
 *   whoever takes over the mailbox could otherwise reset the password and pass the second factor.
 */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { createCodeChannel } from './codes.js';
import { maskEmail, normalizeEmail } from './email.js';
import { errors } from './errors.js';
import { createPasskeyRules } from './passkeys.js';
import { createKeyring, normalizeRecoveryCode, processSecretKey, randomId, recoveryCode, safeEqual, sha256, verifySecret } from './secrets.js';
import { maskPhone, normalizePhone } from './sms.js';
import { freshGuard } from './store.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').EnrollmentRecord} EnrollmentRecord */
/** @typedef {import('./store.js').UserRecord} UserRecord */
/** @typedef {import('./store.js').Guard} Guard */
/** @typedef {import('./outbox.js').Send} Send */

/**
 * What happened to an account's second factor, for the host to tell the user (an e-mail: "your
 * authenticator app was replaced; if this wasn't you, …"), so a takeover does not go unnoticed:
 * `reset` (a lost authenticator replaced), `added` (a factor added or changed), `removed` (a factor
 * removed), `off` (two-factor turned off, by the user or by removing the last factor),
 * `recovery-codes` (a new set: the old one no longer works). `methods`: what the account has now.
 * @typedef {{ type: 'reset' | 'added' | 'removed' | 'off' | 'recovery-codes', userId: string, account: string, methods: string[], at: number }} AccountNotice
 */

/**
 * What a sensitive request carries to prove the user (see `reauthenticate` and `proveReset`).
 * @typedef {object} StepUp
 * @property {string} [password]
 * @property {number} [authenticatedAt]  when the session signed in
 * @property {() => Promise<void>} [reauthenticated]  called once the password is verified
 * @property {string} [resetToken]
 * @property {string} [code]  a current code of the authenticator, or a recovery code
 */

/**
 * @typedef {object} EnrollmentOptions
 * @property {string} [issuer]  the service name authenticator apps show (no `:`)
 * @property {number} [expiresIn]  milliseconds an enrollment lives (10 minutes)
 * @property {number} [window]  time steps of clock drift accepted either way (1)
 * @property {number} [maxAttempts]  wrong codes before a lockout (5)
 * @property {number} [lockout]  seconds a lockout lasts (30)
 * @property {number} [smsCodeTtl]  milliseconds an SMS code is valid (5 minutes)
 * @property {number} [emailCodeTtl]  milliseconds an e-mail code is valid (10 minutes: mail can be slow)
 * @property {number} [resendAfter]  seconds before another SMS or e-mail may be sent (30)
 * @property {number} [maxSms]  text messages per enrollment (5)
 * @property {number} [maxEmails]  e-mails per enrollment (5)
 * @property {number} [recoveryCodeCount]  codes per set when the request does not say (1: the wizard's "emergency code")
 * @property {'off' | 'optional' | 'required'} [smsPolicy]  the SMS backup policy sent to the wizard (`sms` in the answer)
 * @property {boolean} [requirePassword]  ask for the account password on every start, however recent the sign-in
 * @property {number} [reauthMaxAge]  seconds a sign-in counts as recent for starting an enrollment without the password (300)
 * @property {number} [maxStartsPerUser]  enrollments a user may start per enrollment lifetime (`expiresIn`), all open at once at most (5)
 * @property {number} [maxSendsPerUser]  codes (SMS and e-mail together) sent for one user per hour, across enrollments (10)
 * @property {number} [maxSendsPerDestination]  codes sent to one phone number or address per hour, whoever asks (10)
 * @property {number} [maxSendsPerClient]  codes sent for one client address (IPv6: its /64) per hour (100: an office behind one address)
 * @property {number} [maxFailuresPerUser]  wrong codes and passwords a user may enter per day, across enrollments and lockouts (20)
 * @property {boolean} [allowEmailOnly]  let e-mail be a user's only second factor (false)
 * @property {number} [resetTokenTtl]  milliseconds a reset token from `issueResetToken` is valid (1 hour)
 * @property {boolean} [passkeys]  offer passkeys and security keys (true)
 * @property {number} [passkeyTimeout]  milliseconds a passkey challenge is valid (5 minutes; the options' `timeout`)
 * @property {number} [maxPasskeyChallenges]  passkey challenges per enrollment (10)
 * @property {(notice: AccountNotice) => Promise<void> | void} [notify]  tells the user what changed (default: nothing)
 */

/** @type {Required<EnrollmentOptions>} */
export const DEFAULTS = {
  issuer: 'Example Account',
  expiresIn: 10 * 60 * 1000,
  window: 1,
  maxAttempts: 5,
  lockout: 30,
  smsCodeTtl: 5 * 60 * 1000,
  emailCodeTtl: 10 * 60 * 1000,
  resendAfter: 30,
  maxSms: 5,
  maxEmails: 5,
  recoveryCodeCount: 1,
  smsPolicy: 'optional',
  requirePassword: false,
  reauthMaxAge: 5 * 60,
  maxStartsPerUser: 5,
  maxSendsPerUser: 10,
  maxSendsPerDestination: 10,
  maxSendsPerClient: 100,
  maxFailuresPerUser: 20,
  allowEmailOnly: false,
  resetTokenTtl: 60 * 60 * 1000,
  passkeys: true,
  passkeyTimeout: 5 * 60 * 1000,
  maxPasskeyChallenges: 10,
  notify: () => undefined,
};

const HOUR = 60 * 60 * 1000;
/** The window of `maxFailuresPerUser`. */
const DAY = 24 * HOUR;

/** What every authenticator app supports; the wizard shows them under "Can't scan the image?". */
const TOTP_PARAMS = /** @type {const} */ ({ algorithm: 'SHA1', digits: 6, period: 30 });

/** TOTP seeds are sealed for their user: a seed copied into another user's record does not open. @param {string} userId */
export const seedContext = (userId) => `totp-seed:${userId}`;
/** Recovery codes are hashed for their user. @param {string} userId */
export const recoveryContext = (userId) => `recovery-code:${userId}`;

/** What a user has turned on, always in this order. @param {UserRecord} owner */
const methodsOf = (owner) => [
  .../** @type {const} */ (['totp', 'sms', 'email']).filter((method) => owner[method]),
  ...(owner.passkeys?.length ? ['passkey'] : []),
];

/**
 * @typedef {object} EnrollmentServices
 * @property {Store} store
 * @property {{ sms: Send, email: Send }} send  how codes leave, by channel
 * @property {() => number} [now]
 * @property {import('./secrets.js').Keyring} [keyring]  the server key (secrets.js); default: the process's random key
 * @property {(userId: string, password: string) => Promise<boolean> | boolean} [verifyPassword]  the host's password
 *   check; default: the user record's `passwordHash`
 * @property {(message: string, error?: unknown) => void} [log]  unexpected errors (a notifier that failed)
 */

/**
 * @param {EnrollmentServices & EnrollmentOptions} config
 */
export function createEnrollments({
  store,
  send,
  now: clock = Date.now,
  keyring = createKeyring(processSecretKey()),
  verifyPassword,
  log = (message, error) => console.error(message, error),
  ...overrides
}) {
  const options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  if (!options.issuer || options.issuer.includes(':')) throw new Error('issuer must be non-empty and without ":"');
  if (!['off', 'optional', 'required'].includes(options.smsPolicy)) throw new Error(`unknown SMS policy ${options.smsPolicy}`);

  /** Refuses while locked. @param {Guard} guard @param {number} now */
  function checkLock(guard, now) {
    if (now < guard.lockedUntil) throw errors.rateLimited((guard.lockedUntil - now) / 1000);
  }

  /** The user's wrong attempts of the last day. @param {UserRecord} owner @param {number} now */
  const recentFailures = (owner, now) => (owner.failures ?? []).filter((time) => time > now - DAY);

  /**
   * Refuses every check of a code or password while the user's day of wrong attempts is used up.
   * @param {UserRecord} owner @param {number} now
   */
  function checkUserCap(owner, now) {
    const recent = recentFailures(owner, now);
    if (recent.length >= options.maxFailuresPerUser) throw errors.rateLimited((recent[0] + DAY - now) / 1000);
  }

  /**
   * Counts a wrong attempt on the user (NIST SP 800-63B §5.2.2: across enrollments and lockouts);
   * the caller saves `owner`. Returns how many are left today.
   * @param {UserRecord} owner @param {number} now
   */
  function countFailure(owner, now) {
    owner.failures = [...recentFailures(owner, now), now];
    return options.maxFailuresPerUser - owner.failures.length;
  }

  /**
   * Counts a wrong attempt on its guard and on the user: `invalid_code` with what is left of both,
   * or a lockout once none are (`lockout` seconds, or until the day's oldest wrong attempt is a day old).
   * @param {UserRecord} owner @param {Guard} guard @param {number} now
   * @param {(attemptsLeft: number) => Error} [wrong]
   * @returns {never}
   */
  function fail(owner, guard, now, wrong = (attemptsLeft) => errors.invalidCode(attemptsLeft, now)) {
    guard.failures++;
    const left = Math.min(options.maxAttempts - guard.failures, countFailure(owner, now));
    if (left > 0) throw wrong(left);
    guard.failures = 0;
    guard.lockedUntil = now + options.lockout * 1000;
    checkUserCap(owner, now);
    throw errors.rateLimited(options.lockout);
  }

  /**
   * Runs a check of a code under the user's cap: the user's record is locked (always after the
   * enrollment's, never before: no deadlock), refused while capped, and saved when `fn` counted a
   * wrong attempt (which throws).
   * @template T
   * @param {string} userId @param {number} now
   * @param {(strike: (guard: Guard) => never, owner: UserRecord) => Promise<T> | T} fn
   * @returns {Promise<T>}
   */
  function attempt(userId, now, fn) {
    return store.lock(`user:${userId}`, async () => {
      const owner = await user(userId);
      checkUserCap(owner, now);
      const before = owner.failures;
      try {
        return await fn((guard) => fail(owner, guard, now), owner);
      } finally {
        if (owner.failures !== before) await store.saveUser(owner);
      }
    });
  }

  const passkeys = createPasskeyRules({ rpName: options.issuer, timeout: options.passkeyTimeout });

  // Both channels follow one set of rules (codes.js); they differ in how codes leave, code lifetime and limit.
  const shared = { issuer: options.issuer, resendAfter: options.resendAfter, checkLock, keyring };
  const sms = createCodeChannel({
    ...shared,
    channel: 'sms',
    send: send.sms,
    ttl: options.smsCodeTtl,
    maxSends: options.maxSms,
    notSent: errors.smsNotSent,
  });
  const email = createCodeChannel({
    ...shared,
    channel: 'email',
    send: send.email,
    ttl: options.emailCodeTtl,
    maxSends: options.maxEmails,
    notSent: errors.emailNotSent,
  });

  /**
   * Runs `fn` on the user's open enrollment `id`, then saves it (also when `fn` threw: a wrong
   * code must still count). Nobody else's, not a completed one (404), not an expired one (410).
   * @template T
   * @param {string} userId @param {string} id
   * @param {(enrollment: EnrollmentRecord, now: number) => Promise<T> | T} fn
   * @returns {Promise<T>}
   */
  function update(userId, id, fn) {
    return store.lock(`enrollment:${id}`, async () => {
      const now = clock();
      const enrollment = await store.getEnrollment(id);
      if (!enrollment || enrollment.userId !== userId || enrollment.completed) throw errors.notFound();
      if (now >= enrollment.expiresAt) throw errors.expired();
      try {
        return await fn(enrollment, now);
      } finally {
        await store.saveEnrollment(enrollment);
      }
    });
  }

  /**
   * What tells the two channels apart where a code is sent: how the destination is read and masked,
   * and the record field the channel's state lives in (`e.sms`, `e.email`).
   */
  const CHANNELS = {
    sms: { rules: sms, normalize: normalizePhone, invalid: errors.invalidPhone, mask: (/** @type {string} */ to) => ({ maskedPhone: maskPhone(to) }) },
    email: { rules: email, normalize: normalizeEmail, invalid: errors.invalidEmail, mask: (/** @type {string} */ to) => ({ maskedEmail: maskEmail(to) }) },
  };

  /**
   * Takes one from each sliding-window limit, or throws `rate_limited` with the longest wait. A limit
   * already taken stays taken when a later one refuses: an attacker pays for every try.
   * @param {number} now @param {Array<[key: string, windowMs: number, limit: number]>} limits
   */
  async function takeAll(now, limits) {
    let wait = 0;
    for (const [key, windowMs, limit] of limits) wait = Math.max(wait, await store.take(key, now, windowMs, limit));
    if (wait > 0) throw errors.rateLimited(wait / 1000);
  }

  /**
   * `POST …/{id}/sms` and `…/email`: checks the destination, sends a code, answers where it went (masked).
   * Besides the enrollment's own limits, sends are capped per user, per destination and per client
   * address over an hour, so neither new enrollments nor new users nor many numbers make a message
   * bomb or a toll-fraud pump.
   * @param {'sms' | 'email'} channel @param {string} userId @param {string} id @param {string} input @param {string} [client]
   */
  function sendCode(channel, userId, id, input, client = '') {
    const { rules, normalize, invalid, mask } = CHANNELS[channel];
    return update(userId, id, async (e, now) => {
      if (channel === 'sms' && options.smsPolicy === 'off') throw errors.smsOff();
      const to = normalize(input);
      if (!to) throw invalid();
      rules.ready(e[channel], now, e.expiresAt);
      await takeAll(now, [
        [`send:user:${userId}`, HOUR, options.maxSendsPerUser],
        // Mailboxes are case-insensitive in practice: "Jane@" and "jane@" are one destination.
        [`send:to:${to.toLowerCase()}`, HOUR, options.maxSendsPerDestination],
        ...(client ? /** @type {Array<[string, number, number]>} */ ([[`send:client:${client}`, HOUR, options.maxSendsPerClient]]) : []),
      ]);
      e[channel] = await rules.send(e[channel], to, { now, expiresAt: e.expiresAt, userId, enrollmentId: e.id });
      return { ...mask(to), resendAfter: options.resendAfter };
    });
  }

  /** `POST …/{id}/sms/verify` and `…/email/verify`. @param {'sms' | 'email'} channel @param {string} userId @param {string} id @param {string} code */
  function verifyCode(channel, userId, id, code) {
    return update(userId, id, (e, now) => attempt(userId, now, (fail) => CHANNELS[channel].rules.verify(e[channel], code, { now, enrollmentId: id, fail })));
  }

  /**
   * Uses up one of the user's recovery codes: true when `code` is one (its hash is removed).
   * @param {UserRecord} owner @param {string} code
   */
  async function takeRecoveryCode(owner, code) {
    const typed = normalizeRecoveryCode(code);
    for (const [index, hash] of owner.recoveryHashes.entries()) {
      if (keyring.verifyMac(typed, recoveryContext(owner.id), hash)) {
        owner.recoveryHashes.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  /**
   * A reset replaces the second factor an account has, so a session alone (which may be stolen) is not
   * enough: it needs a reset token the host sent the user (`issueResetToken`, e.g. a link by e-mail), a
   * current code of the authenticator being replaced, or a recovery code. Each is used up; wrong ones
   * count towards a lockout like wrong codes. Throws unless proven; the caller saves `owner`.
   * @param {UserRecord} owner @param {{ resetToken?: string, code?: string }} proof @param {number} now
   */
  async function proveReset(owner, { resetToken, code }, now) {
    if (resetToken === undefined && code === undefined) throw errors.proofRequired();
    owner.proofGuard ??= freshGuard();
    checkUserCap(owner, now);
    checkLock(owner.proofGuard, now);
    const token = owner.resetToken;
    const proven =
      resetToken !== undefined
        ? Boolean(token && now < token.expiresAt && safeEqual(sha256(resetToken), token.hash))
        : useCurrentCode(owner, String(code), now) || (await takeRecoveryCode(owner, String(code)));
    if (!proven) fail(owner, owner.proofGuard, now, (attemptsLeft) => errors.invalidProof(attemptsLeft));
    if (resetToken !== undefined) owner.resetToken = null;
    owner.proofGuard = freshGuard();
  }

  /**
   * True when `code` is the authenticator's current code (±`window`), not used before; it is used up.
   * @param {UserRecord} owner @param {string} code @param {number} now
   */
  function useCurrentCode(owner, code, now) {
    const token = code.replace(/\s+/g, '');
    if (!owner.totp || !new RegExp(`^\\d{${TOTP_PARAMS.digits}}$`).test(token)) return false;
    const secret = Secret.fromBase32(keyring.open(owner.totp.secret, seedContext(owner.id)));
    const delta = TOTP.validate({ token, secret, ...TOTP_PARAMS, timestamp: now, window: options.window });
    if (delta === null) return false;
    const counter = TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now }) + delta;
    if (counter <= owner.totp.lastCounter) return false;
    owner.totp.lastCounter = counter;
    return true;
  }

  /**
   * Re-authentication, the server's rule for every change of a second factor: a sign-in younger than
   * `reauthMaxAge` (unless `requirePassword`), or the right password now (`password_required` without
   * either; leaving the password out never skips it, also not while it is locked). A right password
   * calls `reauthenticated` at once: a proof still missing must not make the password be asked again.
   * @param {UserRecord} owner @param {StepUp} request @param {number} now
   */
  async function reauthenticate(owner, { password, authenticatedAt, reauthenticated }, now) {
    const recent = !options.requirePassword && authenticatedAt !== undefined && now - authenticatedAt <= options.reauthMaxAge * 1000;
    if (password === undefined && !recent) throw errors.passwordRequired();
    if (password === undefined) return;
    checkUserCap(owner, now);
    checkLock(owner.passwordGuard, now);
    const ok = verifyPassword ? await verifyPassword(owner.id, password) : await verifySecret(password, owner.passwordHash);
    if (!ok) {
      try {
        fail(owner, owner.passwordGuard, now, () => errors.invalidPassword());
      } finally {
        await store.saveUser(owner);
      }
    }
    owner.passwordGuard = freshGuard();
    await store.saveUser(owner);
    await reauthenticated?.();
  }

  /**
   * Runs a change of the second factor of an account that has one, under the user's lock: after
   * re-authentication and proof that the user holds the factor (what a reset needs: a current code, a
   * recovery code or a reset token), so a stolen session, even with the password, cannot take 2FA off.
   * @template T
   * @param {string} userId @param {StepUp} request
   * @param {(owner: UserRecord) => { told: AccountNotice['type'], result?: T }} fn  changes `owner`, which is
   *   saved after; then the host is told `told`
   * @param {(owner: UserRecord) => void} [check]  throws when there is nothing to change, before a proof is used up
   * @returns {Promise<T | undefined>}
   */
  function change(userId, request, fn, check = () => {}) {
    return store.lock(`user:${userId}`, async () => {
      const now = clock();
      const owner = await user(userId);
      if (!methodsOf(owner).length) throw errors.notEnabled();
      // A recovery code spent on a change that then finds nothing to change (a stale passkey id) would be lost.
      check(owner);
      await reauthenticate(owner, request, now);
      try {
        await proveReset(owner, request, now);
      } finally {
        await store.saveUser(owner);
      }
      const { told, result } = fn(owner);
      await store.saveUser(owner);
      // Told once saved: a change that did not save is none to tell the user of.
      await tell({ type: told, userId, account: owner.account, methods: methodsOf(owner), at: now });
      return result;
    });
  }

  /**
   * Tells the host what changed. The change has happened: a failing notifier is logged, not the caller's error.
   * @param {AccountNotice} notice
   */
  async function tell(notice) {
    try {
      await options.notify(notice);
    } catch (error) {
      log('notify: unexpected error', error);
    }
  }

  /** @param {string} userId */
  async function user(userId) {
    const found = await store.getUser(userId);
    if (!found) throw errors.unauthenticated();
    return found;
  }

  /**
   * What `complete` accepts as the only method verified in an enrollment of `owner` (the method
   * step's choices): e-mail only with `allowEmailOnly`, or when the user keeps an app or a phone.
   * @param {UserRecord} owner
   */
  function primaryMethods(owner) {
    return /** @type {const} */ (['totp', 'sms', 'email', 'passkey']).filter(
      (method) =>
        (method !== 'sms' || options.smsPolicy !== 'off') &&
        (method !== 'email' || options.allowEmailOnly || owner.totp || owner.sms || owner.passkeys?.length) &&
        (method !== 'passkey' || options.passkeys),
    );
  }

  /**
   * The enrollment as the wizard needs it.
   * @param {EnrollmentRecord} e @param {UserRecord} owner @param {string} secret  the seed (the record has it sealed)
   */
  function describe(e, owner, secret) {
    const totp = new TOTP({ issuer: options.issuer, label: owner.account, secret: Secret.fromBase32(secret), ...TOTP_PARAMS });
    return {
      id: e.id,
      secret,
      uri: totp.toString(),
      issuer: options.issuer,
      account: owner.account,
      ...TOTP_PARAMS,
      sms: options.smsPolicy,
      methods: primaryMethods(owner),
      // Adding or changing a factor (`add`) may set a new phone: the one on file does not skip the SMS steps.
      phoneOnFile: e.mode !== 'add' && owner.sms !== null,
      expiresAt: e.expiresAt,
    };
  }

  return {
    options,

    /**
     * `POST /enrollment`: a new enrollment with a new secret. Several may be open at once
     * (two tabs); the first to complete wins, in `enroll` mode the others then get `already_enrolled`.
     *
     * Changing the second factor is sensitive: it needs a recent sign-in (`reauthMaxAge`, like
     * Keycloak's `max_auth_age`) or the account password, whatever the page asked for. Without either
     * the answer is `password_required`, and the wizard shows its password step. The rule is the
     * server's: leaving the password out never skips it, also not while the password is locked.
     * Replacing a second factor the account has (`reset`) also needs proof (see `proveReset`), and so
     * does `add`, which adds or changes a factor of an account that has one (a phone, an address, a
     * passkey): what was there stays, recovery codes too.
     * @param {string} userId
     * @param {{ mode?: 'enroll' | 'reset' | 'add' } & StepUp} request
     */
    start(userId, { mode = 'enroll', ...request }) {
      return store.lock(`user:${userId}`, async () => {
        const now = clock();
        const owner = await user(userId);
        await reauthenticate(owner, request, now);
        if (mode === 'enroll' && methodsOf(owner).length) throw errors.alreadyEnrolled();
        if (mode === 'add' && !methodsOf(owner).length) throw errors.notEnabled();
        // A few open at once (two tabs, a retry): not thousands, each holding a secret.
        const takeStart = () => takeAll(now, [[`start:user:${userId}`, options.expiresIn, options.maxStartsPerUser]]);
        if (mode !== 'enroll' && methodsOf(owner).length) {
          try {
            await proveReset(owner, request, now);
          } catch (error) {
            await store.saveUser(owner); // the wrong try counts
            throw error;
          }
          // The proof is used up only in `owner`, saved once the start may go ahead: a start refused by its
          // limit keeps the user's recovery code (often their only one) or reset link for the next try.
          await takeStart();
          await store.saveUser(owner);
        } else await takeStart();

        const secret = new Secret({ buffer: randomBytes(20).buffer }).base32; // 160 bits (RFC 4226 §4)
        /** @type {EnrollmentRecord} */
        const enrollment = {
          id: randomId(),
          userId,
          // A reset with nothing to replace was proven by nothing: it completes as an enrollment, so not once
          // two-factor is on (else a session could open one now and replace the factor the user turns on later).
          mode: methodsOf(owner).length ? mode : 'enroll',
          secret: keyring.seal(secret, seedContext(userId)),
          createdAt: now,
          expiresAt: now + options.expiresIn,
          totp: { verified: false, lastCounter: null, guard: freshGuard() },
          sms: null,
          email: null,
          recoveryHashes: null,
          completed: null,
        };
        await store.saveEnrollment(enrollment);
        return describe(enrollment, owner, secret);
      });
    },

    /** `POST …/{id}/totp`. @param {string} userId @param {string} id @param {string} code */
    verifyTotp(userId, id, code) {
      return update(userId, id, (e, now) =>
        attempt(userId, now, (fail) => {
          checkLock(e.totp.guard, now);
          const token = code.replace(/\s+/g, '');
          let counter = null;
          if (new RegExp(`^\\d{${TOTP_PARAMS.digits}}$`).test(token)) {
            const secret = Secret.fromBase32(keyring.open(e.secret, seedContext(userId)));
            const delta = TOTP.validate({ token, secret, ...TOTP_PARAMS, timestamp: now, window: options.window });
            if (delta !== null) counter = TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now }) + delta;
          }
          const last = e.totp.lastCounter;
          if (counter === null || (last !== null && counter <= last)) fail(e.totp.guard);
          e.totp = { verified: true, lastCounter: counter, guard: freshGuard() };
        }),
      );
    },

    /** `POST …/{id}/sms`. @param {string} userId @param {string} id @param {string} input */
    sendSms: (userId, id, input, client = '') => sendCode('sms', userId, id, input, client),

    /** `POST …/{id}/sms/verify`. @param {string} userId @param {string} id @param {string} code */
    verifySms: (userId, id, code) => verifyCode('sms', userId, id, code),

    /** `POST …/{id}/email`. @param {string} userId @param {string} id @param {string} input */
    sendEmail: (userId, id, input, client = '') => sendCode('email', userId, id, input, client),

    /** `POST …/{id}/email/verify`. @param {string} userId @param {string} id @param {string} code */
    verifyEmail: (userId, id, code) => verifyCode('email', userId, id, code),

    /**
     * `POST …/{id}/recovery-codes`: a new set each call (the previous set of this enrollment stops
     * counting), returned this once and kept only as hashes. Allowed before the TOTP is verified,
     * for flows that save recovery codes first.
     *
     * The hash is an HMAC under the server key, not scrypt: a slow hash protects what people choose
     * and can guess, while a recovery code is 80 random bits — no guessing even at a fast hash's
     * speed, and the key keeps a stolen database from being tried at all. scrypt made every call
     * here cost up to 16 × 16 MB and 30 ms of CPU (a cheap way to exhaust the server), and every
     * check at sign-in as much again.
     * @param {string} userId @param {string} id @param {number} [count]  1 to 16 (app.js checks it)
     */
    recoveryCodes(userId, id, count = options.recoveryCodeCount) {
      return update(userId, id, async (e) => {
        const codes = Array.from({ length: count }, recoveryCode);
        e.recoveryHashes = codes.map((code) => keyring.mac(normalizeRecoveryCode(code), recoveryContext(userId)));
        return { codes };
      });
    },

    /**
     * `POST …/{id}/complete`: turns on what was verified; a new authenticator replaces the old one
     * only here. Asking again for a completed enrollment gives the same answer (a retry after a
     * lost response must not fail).
     * @param {string} userId @param {string} id
     */
    complete(userId, id) {
      return store.lock(`enrollment:${id}`, async () => {
        const now = clock();
        const e = await store.getEnrollment(id);
        if (!e || e.userId !== userId) throw errors.notFound();
        if (e.completed) return { methods: e.completed.methods };
        if (now >= e.expiresAt) throw errors.expired();
        return store.lock(`user:${userId}`, async () => {
          const owner = await user(userId);
          // A primary method: the authenticator, or (method-choice flow) a phone or an address.
          const passkey = e.passkey?.registered;
          const primary = e.totp.verified || e.sms?.verified || e.email?.verified || passkey;
          const unconfirmed = [e.sms, e.email].some((sent) => sent && !sent.verified);
          const phoneMissing = e.totp.verified && options.smsPolicy === 'required' && !owner.sms && !e.sms?.verified;
          if (!primary || unconfirmed || phoneMissing) throw errors.notVerified();
          if (e.mode === 'enroll' && methodsOf(owner).length) throw errors.alreadyEnrolled();
          const onlyEmail = !e.totp.verified && !e.sms?.verified && !passkey && !owner.totp && !owner.sms && !owner.passkeys?.length;
          if (onlyEmail && !options.allowEmailOnly) throw errors.emailOnly();

          if (e.totp.verified) owner.totp = { secret: e.secret, lastCounter: e.totp.lastCounter ?? -1, enabledAt: now };
          if (e.sms?.verified) owner.sms = { phone: e.sms.to, enabledAt: now };
          if (e.email?.verified) owner.email = { address: e.email.to, enabledAt: now };
          if (passkey) owner.passkeys = [...(owner.passkeys ?? []), passkey];
          // A reset revokes the old recovery codes (they may be what an attacker holds): the new set, or none.
          // (Adding a factor keeps them, unless the enrollment made a new set.)
          if (e.recoveryHashes || e.mode === 'reset') owner.recoveryHashes = e.recoveryHashes ?? [];
          // A reset link still unused was for this reset (or an older one): whoever reads the e-mail later gets nothing.
          if (e.mode === 'reset') owner.resetToken = null;
          if (passkey) {
            // A credential id belongs to one user (WebAuthn §7.1): checked and saved under the id's lock, so that of
            // two enrollments (this user's or another's) completing the same authenticator at once, one wins.
            await store.lock(`passkey:${passkey.id}`, async () => {
              if ((await store.passkeyOwner(passkey.id)) !== null) throw errors.passkeyExists();
              await store.saveUser(owner);
            });
          } else await store.saveUser(owner);

          const methods = methodsOf(owner);
          // Only a tombstone stays: the secret now lives with the user.
          Object.assign(e, { secret: '', sms: null, email: null, passkey: null, recoveryHashes: null, completed: { at: now, methods } });
          await store.saveEnrollment(e);
          if (e.mode !== 'enroll') await tell({ type: e.mode === 'reset' ? 'reset' : 'added', userId, account: owner.account, methods, at: now });
          return { methods };
        });
      });
    },

    /**
     * `POST …/{id}/passkey/options`: what `navigator.credentials.create()` needs, with a new challenge
     * (the one before stops counting). At most `maxPasskeyChallenges` per enrollment.
     * @param {string} userId @param {string} id @param {import('./passkeys.js').RelyingParty} rp
     */
    passkeyOptions(userId, id, rp) {
      return update(userId, id, (e, now) => {
        if (!options.passkeys) throw errors.passkeysOff();
        const state = (e.passkey ??= { challenge: null, challenges: 0, registered: null });
        if (state.challenges >= options.maxPasskeyChallenges) throw errors.rateLimited((e.expiresAt - now) / 1000);
        return store.lock(`user:${userId}`, async () => {
          const owner = await user(userId);
          if (!owner.passkeyUserHandle) {
            owner.passkeyUserHandle = randomId(32);
            await store.saveUser(owner);
          }
          const { options: publicKey, challenge } = await passkeys.options(owner, owner.passkeyUserHandle, rp, now);
          state.challenge = challenge;
          state.challenges++;
          return { publicKey };
        });
      });
    },

    /**
     * `POST …/{id}/passkey`: checks the browser's registration against the challenge issued (used up
     * here, right or wrong) and keeps the passkey under its name until `complete` turns it on.
     * @param {string} userId @param {string} id @param {unknown} credential @param {string} name  checked (passkeyName)
     * @param {import('./passkeys.js').RelyingParty} rp
     */
    registerPasskey(userId, id, credential, name, rp) {
      return update(userId, id, async (e, now) => {
        if (!options.passkeys) throw errors.passkeysOff();
        const challenge = e.passkey?.challenge ?? null;
        if (e.passkey) e.passkey.challenge = null;
        const key = await passkeys.verify(credential, challenge, rp, now);
        // Not this user's already, nor anyone else's: a credential id someone learnt (sign-in lists them) and
        // registered with a key of their own must not make a host's look-up by id find the wrong account.
        if ((await store.passkeyOwner(key.id)) !== null) throw errors.passkeyExists();
        /** @type {import('./store.js').PasskeyState} */ (e.passkey).registered = { ...key, name, createdAt: now, lastUsedAt: null };
        return { id: key.id, name };
      });
    },

    /**
     * `POST /recovery-codes`: a new set of recovery codes for an account with two-factor on, shown
     * this once; the old set stops working. A sensitive change (`change`).
     * @param {string} userId @param {StepUp} request @param {number} [count]  1 to 16 (app.js checks it)
     */
    regenerateRecoveryCodes(userId, request, count = options.recoveryCodeCount) {
      return change(userId, request, (owner) => {
        const codes = Array.from({ length: count }, recoveryCode);
        owner.recoveryHashes = codes.map((code) => keyring.mac(normalizeRecoveryCode(code), recoveryContext(userId)));
        return { told: 'recovery-codes', result: { codes } };
      });
    },

    /**
     * `DELETE /sms`, `DELETE /email`, `DELETE /passkeys/{id}`: removes a factor (404 if there is none);
     * the last one takes two-factor off (`turnOff`). A sensitive change (`change`).
     * @param {string} userId @param {'sms' | 'email' | 'passkey'} method @param {StepUp} request @param {string} [passkeyId]
     */
    removeFactor(userId, method, request, passkeyId) {
      return change(
        userId,
        request,
        (owner) => {
          if (method === 'passkey') owner.passkeys = (owner.passkeys ?? []).filter((key) => key.id !== passkeyId);
          else owner[method] = null;
          if (methodsOf(owner).length) return { told: 'removed' };
          Object.assign(owner, { recoveryHashes: [], resetToken: null });
          return { told: 'off' };
        },
        (owner) => {
          if (method === 'passkey' ? !owner.passkeys?.some((key) => key.id === passkeyId) : !owner[method]) throw errors.notFound();
        },
      );
    },

    /**
     * `DELETE /two-factor`: turns two-factor off: every factor and the recovery codes. A sensitive
     * change (`change`).
     * @param {string} userId @param {StepUp} request
     */
    turnOff(userId, request) {
      return change(userId, request, (owner) => {
        Object.assign(owner, { totp: null, sms: null, email: null, passkeys: [], recoveryHashes: [], resetToken: null });
        return { told: 'off' };
      });
    },

    /**
     * `PATCH /passkeys/{id}`: renames a passkey (a label, nothing to prove beyond the session).
     * @param {string} userId @param {string} passkeyId @param {string} name  checked (passkeyName)
     */
    renamePasskey(userId, passkeyId, name) {
      return store.lock(`user:${userId}`, async () => {
        const owner = await user(userId);
        const key = owner.passkeys?.find((known) => known.id === passkeyId);
        if (!key) throw errors.notFound();
        key.name = name;
        await store.saveUser(owner);
        return { id: key.id, name };
      });
    },

    /** `DELETE …/{id}`: discards an open (or expired) enrollment. @param {string} userId @param {string} id */
    cancel(userId, id) {
      return store.lock(`enrollment:${id}`, async () => {
        const e = await store.getEnrollment(id);
        if (!e || e.userId !== userId || e.completed) throw errors.notFound();
        await store.deleteEnrollment(id);
      });
    },

    /** `GET /status`: what the user has turned on. @param {string} userId */
    async status(userId) {
      const owner = await user(userId);
      const methods = methodsOf(owner);
      return {
        account: owner.account,
        enabled: methods.length > 0,
        methods,
        maskedPhone: owner.sms ? maskPhone(owner.sms.phone) : null,
        maskedEmail: owner.email ? maskEmail(owner.email.address) : null,
        passkeys: (owner.passkeys ?? []).map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })),
        recoveryCodes: owner.recoveryHashes.length,
        addedAt: { totp: owner.totp?.enabledAt ?? null, sms: owner.sms?.enabledAt ?? null, email: owner.email?.enabledAt ?? null },
      };
    },

    /**
     * Not part of the enrollment contract; here to show how the stored hashes are used at sign-in:
     * true (and the code is used up) when `code` is one of the user's recovery codes. A wrong code
     * counts towards `maxFailuresPerUser`; once that is used up, every try throws `rate_limited`.
     * @param {string} userId @param {string} code
     */
    useRecoveryCode(userId, code) {
      return store.lock(`user:${userId}`, async () => {
        const now = clock();
        const owner = await user(userId);
        checkUserCap(owner, now);
        const used = await takeRecoveryCode(owner, code);
        if (!used) countFailure(owner, now);
        await store.saveUser(owner);
        return used;
      });
    },

    /**
     * Not an HTTP route: the host calls it to let a user who lost their authenticator reset it (the
     * seeds' "reset link"), and sends the token to them, e.g. in a link by e-mail. Only the latest
     * token counts, once, for `resetTokenTtl`, and not after a reset completed or two-factor went off;
     * it is kept only as a SHA-256 hash (it is 256 random bits, so a fast hash is safe).
     * @param {string} userId
     * @returns {Promise<string>}
     */
    issueResetToken(userId) {
      return store.lock(`user:${userId}`, async () => {
        const owner = await user(userId);
        const token = randomId(32);
        owner.resetToken = { hash: sha256(token), expiresAt: clock() + options.resetTokenTtl };
        await store.saveUser(owner);
        return token;
      });
    },
  };
}

/** @typedef {ReturnType<typeof createEnrollments>} Enrollments */
