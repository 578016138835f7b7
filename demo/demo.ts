/**
 * The demo account-settings page, talking to the reference backend that `npm start` runs
 * (server/). Its security section is the kit's `<twofa-manage>` panel, with an adapter that signs in
 * as the demo user on its first request (`GET /api/2fa/session` sets the session cookie and answers
 * the CSRF token, sent in `X-CSRF-Token`). The demo options set up the wizard the panel opens; the
 * outbox shows the text messages and e-mails the server "sent" (the development-only
 * `GET /api/2fa/dev/outbox`).
 */
import 'twofa-enroll/twofa-manage.js';
import { HttpAccountAdapter } from 'twofa-enroll/adapter/http';
import type { AccountStatus } from 'twofa-enroll';
import type { TwofaManage } from 'twofa-enroll/twofa-manage.js';
import { STRINGS, type PageLanguage, type Strings } from './strings.js';

const API = '/api/2fa';

interface OutboxMessage {
  id: number;
  channel: 'sms' | 'email';
  to: string;
  text: string;
  at: number;
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const manage = $<TwofaManage>('#manage');
const requirePassword = $<HTMLInputElement>('#require-password');
const flow = $<HTMLSelectElement>('#flow');
const typeBack = $<HTMLInputElement>('#type-back');
const resetLink = $<HTMLButtonElement>('#reset-link');
const account = $('#account');
const outbox = $<HTMLOListElement>('#outbox');
const outboxEmpty = $('#outbox-empty');
const language = $<HTMLSelectElement>('#language');

let csrfToken = '';
let outboxTimer: ReturnType<typeof setInterval> | undefined;
/** Every message shown so far. */
const received: OutboxMessage[] = [];

const text = (): Strings => STRINGS[(document.documentElement.lang as PageLanguage) ?? 'en'] ?? STRINGS.en;

/** GET a JSON resource of the API with the session cookie; throws on any failure. */
async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(API + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Signs in as the demo user (or finds the session): the CSRF token for every change. */
async function signIn(): Promise<void> {
  const session = await getJson<{ csrfToken: string; account: string }>('/session');
  csrfToken = session.csrfToken;
  account.textContent = session.account;
}

let signingIn: Promise<void> | undefined;
/** One sign-in for the requests made at once at load (the panel's and the page's): each would start a session of its own. */
function signedIn(): Promise<void> {
  signingIn ??= signIn().catch((error: unknown) => {
    signingIn = undefined; // the next request tries again
    throw error;
  });
  return signingIn;
}

function render(): void {
  const t = text();
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const value = t[element.dataset.text as keyof Strings];
    if (typeof value === 'string') element.textContent = value;
  }
  document.title = `${t.title} · twofa-enroll demo`;
  outboxEmpty.hidden = received.length > 0;
}

/** The demo options, as the panel's wizard settings. */
function applyOptions(): void {
  manage.flow = flow.value as TwofaManage['flow'];
  manage.wizardOptions = { requirePassword: requirePassword.checked, recoveryProof: typeBack.checked ? 'type-back' : 'checkbox' };
}

language.addEventListener('change', () => {
  document.documentElement.lang = language.value;
  render();
  renderOutbox();
});
for (const control of [flow, requirePassword, typeBack]) control.addEventListener('change', applyOptions);

// The panel's first request signs in; a failed sign-in fails that request, and the panel offers Try again.
const adapter = new HttpAccountAdapter({
  endpoint: API,
  headers: async () => {
    await signedIn();
    return { 'X-CSRF-Token': csrfToken };
  },
});
manage.adapter = adapter;

// A reset link is for a user who can no longer open their app: shown while two-factor is on. After a change
// the panel has just read the status; only at load does the page ask itself (the panel tells of changes only).
void adapter.status().then(showResetLink, () => undefined);
manage.addEventListener('twofa-change', () => showResetLink(manage.status));
function showResetLink(status: AccountStatus | null): void {
  resetLink.hidden = !status?.enabled;
}

// What a host does when a user has lost their authenticator: e-mail a reset link. The demo's server puts the
// e-mail in the outbox and hands the token over, standing in for the user opening the link, which opens the
// replacement in the panel.
resetLink.addEventListener('click', async () => {
  startOutbox();
  const response = await fetch(`${API}/dev/reset-link`, { method: 'POST', headers: { 'X-CSRF-Token': csrfToken }, credentials: 'same-origin' });
  if (response.ok) manage.resetToken = ((await response.json()) as { resetToken: string }).resetToken;
});

// The outbox is polled once a change has begun (a wizard step shown).
manage.addEventListener('twofa-step-change', startOutbox);

/** From the first change on, the outbox is polled every second (development only). */
function startOutbox(): void {
  if (outboxTimer) return;
  void pollOutbox();
  outboxTimer = setInterval(() => void pollOutbox(), 1000);
}

async function pollOutbox(): Promise<void> {
  let messages: OutboxMessage[];
  try {
    ({ messages } = await getJson<{ messages: OutboxMessage[] }>('/dev/outbox'));
  } catch {
    return; // the server is away: try again on the next tick
  }
  const fresh = messages.filter((message) => !received.some((known) => known.id === message.id));
  received.push(...fresh);
  // Appended, not redrawn: the list is a live log, and screen readers announce what is added.
  outbox.append(...fresh.map(messageItem));
  outboxEmpty.hidden = received.length > 0;
}

/** The whole outbox again, e.g. in another language. */
function renderOutbox(): void {
  outbox.replaceChildren(...received.map(messageItem));
  outboxEmpty.hidden = received.length > 0;
}

function messageItem(message: OutboxMessage): HTMLLIElement {
  const item = document.createElement('li');
  const meta = document.createElement('span');
  meta.className = 'meta';
  const time = new Date(message.at).toLocaleTimeString(document.documentElement.lang || undefined);
  meta.textContent = `${(message.channel === 'email' ? text().emailFor : text().smsFor)(message.to)} · ${time}`;
  const body = document.createElement('span');
  body.className = 'message';
  body.textContent = message.text;
  item.append(meta, ' ', body);
  return item;
}

applyOptions();
render();
