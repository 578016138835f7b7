// A whole host app: your sign-in, sessions and providers, with the two-factor API mounted beside
// them. Express here; `twofa.handle` is also a node:http listener, and `twofa.fetch` serves any
// Fetch runtime. Run it: TWOFA_SECRET_KEY=$(openssl rand -base64 32) node server/examples/host-app.js
import express from 'express';
import { createApp } from '../app.js';
import { openStore } from '../sql-store.js';
import { accounts } from './your-accounts.js'; // stands in for your users and sessions
import { mail, sms } from './your-providers.js'; // stands in for your SMS provider and mail service

export const twofa = createApp({
  production: true, // refuses to start with anything made for development
  store: await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.TWOFA_DATA_DIR ?? '.host-data' }),
  secretKey: process.env.TWOFA_SECRET_KEY,
  issuer: 'Example Shop',
  // Who is signed in, read from the request: `{ userId, account, authenticatedAt, csrfToken }` or null.
  getUser: (request) => accounts.signedIn(request.headers.get('cookie')),
  verifyPassword: (userId, password) => accounts.checkPassword(userId, password),
  // The password was right: a new session id and sign-in time (its cookie goes with the answer).
  onReauthenticated: ({ request, headers }) => accounts.renew(request.headers.get('cookie'), headers),
  sendSms: ({ to, text }) => sms.send(to, text),
  sendEmail: ({ to, subject = '', text }) => mail.send({ to, subject, text }),
  notify: ({ account }) => mail.send({ to: account, subject: 'Your two-factor authentication was reset', text: 'If this was not you, contact us at once.' }),
  trustProxy: Number(process.env.TRUSTED_PROXIES ?? 0), // how many proxies in front of the app add X-Forwarded-*
});

export const app = express();
app.use('/api/2fa', twofa.handle); // the two-factor API: /api/2fa/status, /api/2fa/enrollment, …
app.post('/sign-in', express.json(), accounts.signIn);
app.use(express.static('public')); // your pages: the account settings page with <twofa-enroll>

if (process.argv[1] === new URL(import.meta.url).pathname) app.listen(Number(process.env.PORT ?? 3000));
