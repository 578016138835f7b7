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
 * - SMS and e-mail codes (codes.js): to an E.164 mobile number or a plausible address, 6 digits
 *   valid `smsCodeTtl` / `emailCodeTtl`, only the latest code counts and only once, a new code not
 *   before `resendAfter` seconds, at most `maxSms` / `maxEmails` per enrollment;
 * - recovery codes come from the CSPRNG, are returned once and stored only as scrypt hashes;
 * - `complete` needs a primary method verified (the TOTP, or in the method-choice flow an SMS or
 *   e-mail code), every code that was sent verified, and, with TOTP, a phone if SMS is `required`.
 */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { createCodeChannel } from './codes.js';
import { maskEmail, normalizeEmail } from './email.js';
import { errors } from './errors.js';
import { hashSecret, normalizeRecoveryCode, randomId, recoveryCode, verifySecret } from './secrets.js';
import { maskPhone, normalizePhone } from './sms.js';
import { freshGuard } from './store.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').EnrollmentRecord} EnrollmentRecord */
/** @typedef {import('./store.js').UserRecord} UserRecord */
/** @typedef {import('./store.js').Guard} Guard */
/** @typedef {import('./outbox.js').Transport} Transport */

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
 * @property {number} [maxSendsPerClient]  codes sent for one client address per hour (100: an office behind one address)
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
};

const HOUR = 60 * 60 * 1000;

/** What every authenticator app supports; the wizard shows them under "Can't scan the image?". */
const TOTP_PARAMS = /** @type {const} */ ({ algorithm: 'SHA1', digits: 6, period: 30 });

/** What a user has turned on, always in this order. @param {UserRecord} owner */
const methodsOf = (owner) => /** @type {const} */ (['totp', 'sms', 'email']).filter((method) => owner[method]);

/**
 * @param {{ store: Store, sms: Transport, email: Transport, now?: () => number } & EnrollmentOptions} config
 */
export function createEnrollments({ store, sms: smsTransport, email: emailTransport, now: clock = Date.now, ...overrides }) {
  const options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  if (!options.issuer || options.issuer.includes(':')) throw new Error('issuer must be non-empty and without ":"');
  if (!['off', 'optional', 'required'].includes(options.smsPolicy)) throw new Error(`unknown SMS policy ${options.smsPolicy}`);

  /** Refuses while locked. @param {Guard} guard @param {number} now */
  function checkLock(guard, now) {
    if (now < guard.lockedUntil) throw errors.rateLimited((guard.lockedUntil - now) / 1000);
  }

  /**
   * Counts a wrong attempt: `invalid_code` with what is left, or a lockout once none are.
   * @param {Guard} guard @param {number} now @param {() => Error} [wrong]
   * @returns {never}
   */
  function fail(guard, now, wrong = () => errors.invalidCode(options.maxAttempts - guard.failures, now)) {
    guard.failures++;
    if (guard.failures < options.maxAttempts) throw wrong();
    guard.failures = 0;
    guard.lockedUntil = now + options.lockout * 1000;
    throw errors.rateLimited(options.lockout);
  }

  // Both channels follow one set of rules (codes.js); they differ in transport, code lifetime and limit.
  const shared = { issuer: options.issuer, resendAfter: options.resendAfter, checkLock, fail };
  const sms = createCodeChannel({
    ...shared,
    channel: 'sms',
    transport: smsTransport,
    ttl: options.smsCodeTtl,
    maxSends: options.maxSms,
    notSent: errors.smsNotSent,
  });
  const email = createCodeChannel({
    ...shared,
    channel: 'email',
    transport: emailTransport,
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
        [`send:to:${to}`, HOUR, options.maxSendsPerDestination],
        ...(client ? /** @type {Array<[string, number, number]>} */ ([[`send:client:${client}`, HOUR, options.maxSendsPerClient]]) : []),
      ]);
      e[channel] = await rules.send(e[channel], to, { now, expiresAt: e.expiresAt, userId, enrollmentId: e.id });
      return { ...mask(to), resendAfter: options.resendAfter };
    });
  }

  /** `POST …/{id}/sms/verify` and `…/email/verify`. @param {'sms' | 'email'} channel @param {string} userId @param {string} id @param {string} code */
  function verifyCode(channel, userId, id, code) {
    return update(userId, id, (e, now) => CHANNELS[channel].rules.verify(e[channel], code, now));
  }

  /** @param {string} userId */
  async function user(userId) {
    const found = await store.getUser(userId);
    if (!found) throw errors.unauthenticated();
    return found;
  }

  /** The enrollment as the wizard needs it. @param {EnrollmentRecord} e @param {UserRecord} owner */
  function describe(e, owner) {
    const totp = new TOTP({ issuer: options.issuer, label: owner.account, secret: Secret.fromBase32(e.secret), ...TOTP_PARAMS });
    return {
      id: e.id,
      secret: e.secret,
      uri: totp.toString(),
      issuer: options.issuer,
      account: owner.account,
      ...TOTP_PARAMS,
      sms: options.smsPolicy,
      phoneOnFile: owner.sms !== null,
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
     * @param {string} userId
     * @param {{ password?: string, mode?: 'enroll' | 'reset', authenticatedAt?: number }} request
     */
    start(userId, { password, mode = 'enroll', authenticatedAt }) {
      return store.lock(`user:${userId}`, async () => {
        const now = clock();
        const owner = await user(userId);
        const recent = !options.requirePassword && authenticatedAt !== undefined && now - authenticatedAt <= options.reauthMaxAge * 1000;
        if (password === undefined && !recent) throw errors.passwordRequired();
        if (password !== undefined) {
          checkLock(owner.passwordGuard, now);
          const ok = await verifySecret(password, owner.passwordHash);
          if (!ok) {
            try {
              fail(owner.passwordGuard, now, () => errors.invalidPassword());
            } finally {
              await store.saveUser(owner);
            }
          }
          owner.passwordGuard = freshGuard();
          await store.saveUser(owner);
        }
        if (mode === 'enroll' && methodsOf(owner).length) throw errors.alreadyEnrolled();
        // A few open at once (two tabs, a retry): not thousands, each holding a secret.
        await takeAll(now, [[`start:user:${userId}`, options.expiresIn, options.maxStartsPerUser]]);

        /** @type {EnrollmentRecord} */
        const enrollment = {
          id: randomId(),
          userId,
          mode,
          secret: new Secret({ buffer: randomBytes(20).buffer }).base32, // 160 bits (RFC 4226 §4)
          createdAt: now,
          expiresAt: now + options.expiresIn,
          totp: { verified: false, lastCounter: null, guard: freshGuard() },
          sms: null,
          email: null,
          recoveryHashes: null,
          completed: null,
        };
        await store.saveEnrollment(enrollment);
        return describe(enrollment, owner);
      });
    },

    /** `POST …/{id}/totp`. @param {string} userId @param {string} id @param {string} code */
    verifyTotp(userId, id, code) {
      return update(userId, id, (e, now) => {
        checkLock(e.totp.guard, now);
        const token = code.replace(/\s+/g, '');
        let counter = null;
        if (new RegExp(`^\\d{${TOTP_PARAMS.digits}}$`).test(token)) {
          const secret = Secret.fromBase32(e.secret);
          const delta = TOTP.validate({ token, secret, ...TOTP_PARAMS, timestamp: now, window: options.window });
          if (delta !== null) counter = TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now }) + delta;
        }
        const last = e.totp.lastCounter;
        if (counter === null || (last !== null && counter <= last)) fail(e.totp.guard, now);
        e.totp = { verified: true, lastCounter: counter, guard: freshGuard() };
      });
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
     * @param {string} userId @param {string} id @param {number} [count]  1 to 16 (app.js checks it)
     */
    recoveryCodes(userId, id, count = options.recoveryCodeCount) {
      return update(userId, id, async (e) => {
        const codes = Array.from({ length: count }, recoveryCode);
        e.recoveryHashes = await Promise.all(codes.map((code) => hashSecret(normalizeRecoveryCode(code))));
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
          const primary = e.totp.verified || e.sms?.verified || e.email?.verified;
          const unconfirmed = [e.sms, e.email].some((sent) => sent && !sent.verified);
          const phoneMissing = e.totp.verified && options.smsPolicy === 'required' && !owner.sms && !e.sms?.verified;
          if (!primary || unconfirmed || phoneMissing) throw errors.notVerified();
          if (e.mode === 'enroll' && methodsOf(owner).length) throw errors.alreadyEnrolled();

          if (e.totp.verified) owner.totp = { secret: e.secret, lastCounter: e.totp.lastCounter ?? -1, enabledAt: now };
          if (e.sms?.verified) owner.sms = { phone: e.sms.to, enabledAt: now };
          if (e.email?.verified) owner.email = { address: e.email.to, enabledAt: now };
          if (e.recoveryHashes) owner.recoveryHashes = e.recoveryHashes;
          await store.saveUser(owner);

          const methods = methodsOf(owner);
          // Only a tombstone stays: the secret now lives with the user.
          Object.assign(e, { secret: '', sms: null, email: null, recoveryHashes: null, completed: { at: now, methods } });
          await store.saveEnrollment(e);
          return { methods };
        });
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
        recoveryCodes: owner.recoveryHashes.length,
      };
    },

    /**
     * Not part of the enrollment contract; here to show how the stored hashes are used at sign-in:
     * true (and the code is used up) when `code` is one of the user's recovery codes.
     * @param {string} userId @param {string} code
     */
    useRecoveryCode(userId, code) {
      return store.lock(`user:${userId}`, async () => {
        const owner = await user(userId);
        const typed = normalizeRecoveryCode(code);
        for (const [index, hash] of owner.recoveryHashes.entries()) {
          if (await verifySecret(typed, hash)) {
            owner.recoveryHashes.splice(index, 1);
            await store.saveUser(owner);
            return true;
          }
        }
        return false;
      });
    },
  };
}

/** @typedef {ReturnType<typeof createEnrollments>} Enrollments */
