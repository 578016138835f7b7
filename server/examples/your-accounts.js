/**
 * Stands in for the host's own users and sessions in host-app.js: an in-memory table of users and
 * of signed-in sessions (cookie `sid`), each with its CSRF token. Yours are in your database and your
 * framework's session middleware; the two-factor API only asks `signedIn`, `checkPassword` and `renew`.
 * One user to try it with: jane@example.com, password "correct horse battery staple".
 */
import { hashSecret, randomId, verifySecret } from '../secrets.js';
import { readCookie } from '../session.js';

/** @type {Map<string, { id: string, email: string, passwordHash: string }>} */
const users = new Map();
/** @type {Map<string, { userId: string, csrfToken: string, signedInAt: number }>} */
const sessions = new Map();

const cookie = (/** @type {string} */ sid) => `sid=${sid}; Path=/; HttpOnly; SameSite=Lax`;

export const accounts = {
  /** @param {string} email @param {string} password */
  async add(email, password) {
    const user = { id: randomId(), email, passwordHash: await hashSecret(password) };
    users.set(user.id, user);
    return user;
  },

  /** Opens a session for a user; answers its cookie and CSRF token. @param {string} userId */
  open(userId) {
    const sid = randomId(32);
    const csrfToken = randomId(32);
    sessions.set(sid, { userId, csrfToken, signedInAt: Date.now() });
    return { setCookie: cookie(sid), csrfToken };
  },

  /** `POST /sign-in { email, password }` → the cookie and `{ csrfToken }`. @type {import('express').RequestHandler} */
  async signIn(req, res) {
    const user = [...users.values()].find((u) => u.email === req.body?.email);
    if (!user || !(await verifySecret(String(req.body?.password), user.passwordHash))) return void res.status(401).json({ error: 'sign_in' });
    const { setCookie, csrfToken } = accounts.open(user.id);
    res.setHeader('Set-Cookie', setCookie).json({ csrfToken });
  },

  /** Who the request's cookie signs in, as the API wants it, or null. @param {string | null} header */
  signedIn(header) {
    const session = sessions.get(readCookie(header ?? undefined, 'sid') ?? '');
    const user = session && users.get(session.userId);
    return user && session ? { userId: user.id, account: user.email, authenticatedAt: session.signedInAt, csrfToken: session.csrfToken } : null;
  },

  /** @param {string} userId @param {string} password */
  async checkPassword(userId, password) {
    const user = users.get(userId);
    return Boolean(user && (await verifySecret(password, user.passwordHash)));
  },

  /** A new id for the request's session, signed in now; the old id stops working. @param {string | null} header @param {Headers} headers */
  renew(header, headers) {
    const sid = readCookie(header ?? undefined, 'sid') ?? '';
    const session = sessions.get(sid);
    if (!session) return;
    sessions.delete(sid);
    const renewed = randomId(32);
    sessions.set(renewed, { ...session, signedInAt: Date.now() });
    headers.append('Set-Cookie', cookie(renewed));
  },
};

await accounts.add('jane@example.com', 'correct horse battery staple');
