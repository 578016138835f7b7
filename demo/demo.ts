/**
 * The demo account-settings page, talking to the reference backend that `npm start` runs
 * (server/). The page signs in as the demo user (`GET /api/2fa/session`, which sets the session
 * cookie and answers the CSRF token), opens <twofa-enroll> with an HttpAdapter that sends the
 * token in `X-CSRF-Token`, shows the text messages and e-mails the server "sent" (the
 * development-only `GET /api/2fa/dev/outbox`), and after completion shows `GET /api/2fa/status`.
 */
import 'twofa-enroll';
import { HttpAdapter } from 'twofa-enroll/adapter/http';
import type { TwofaEnroll } from 'twofa-enroll';
import { STRINGS, type PageLanguage, type Strings } from './strings.js';

const API = '/api/2fa';

interface Status {
  account: string;
  enabled: boolean;
  methods: string[];
  maskedPhone: string | null;
  maskedEmail: string | null;
  passkeys: Array<{ id: string; name: string }>;
}

interface OutboxMessage {
  id: number;
  channel: 'sms' | 'email';
  to: string;
  text: string;
  at: number;
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const openButton = $<HTMLButtonElement>('#open');
const setup = $('#setup');
const requirePassword = $<HTMLInputElement>('#require-password');
const flow = $<HTMLSelectElement>('#flow');
const typeBack = $<HTMLInputElement>('#type-back');
const resetLink = $<HTMLInputElement>('#reset-link');
const slot = $('#wizard-slot');
const statusLine = $('#status');
const account = $('#account');
const outbox = $<HTMLOListElement>('#outbox');
const outboxEmpty = $('#outbox-empty');
const language = $<HTMLSelectElement>('#language');

let csrfToken = '';
let status: Status | null = null;
let offline = false;
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

/** Signs in (or finds the session) and reads the status. */
async function load(): Promise<void> {
  try {
    const session = await getJson<{ csrfToken: string; account: string }>('/session');
    csrfToken = session.csrfToken;
    account.textContent = session.account;
    status = await getJson<Status>('/status');
    offline = false;
  } catch {
    offline = true;
  }
  render();
}

function render(): void {
  const t = text();
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const value = t[element.dataset.text as keyof Strings];
    if (typeof value === 'string') element.textContent = value;
  }
  document.title = `${t.title} · twofa-enroll demo`;
  openButton.textContent = status?.enabled ? t.replace : t.setUp;
  outboxEmpty.hidden = received.length > 0;
  statusLine.classList.toggle('on', Boolean(status?.enabled));
  if (offline) statusLine.textContent = t.offline;
  else if (!status) statusLine.textContent = '';
  else if (!status.enabled) statusLine.textContent = t.off;
  else {
    const { maskedPhone, maskedEmail, passkeys } = status;
    const names: Record<string, string> = { totp: t.app, sms: t.smsTo(maskedPhone ?? ''), email: t.emailTo(maskedEmail ?? '') };
    // Each passkey by the name the user gave it.
    const methods = status.methods.flatMap((method) => (method === 'passkey' ? passkeys.map((key) => t.passkey(key.name)) : [names[method] ?? method]));
    statusLine.textContent = `${t.on} ${methods.join(` ${t.and} `)}.`;
  }
  const back = slot.querySelector<HTMLButtonElement>('button.back');
  if (back) back.textContent = t.backToSettings;
}

language.addEventListener('change', () => {
  document.documentElement.lang = language.value;
  render();
  renderOutbox();
});

openButton.addEventListener('click', async () => {
  if (!csrfToken || offline) await load();
  if (offline) return;

  const wizard = document.createElement('twofa-enroll') as TwofaEnroll;
  // `endpoint` alone would do; the adapter is set to add the CSRF header to every request.
  wizard.setAttribute('endpoint', API);
  wizard.adapter = new HttpAdapter({ endpoint: API, headers: () => ({ 'X-CSRF-Token': csrfToken }) });
  wizard.flow = flow.value as TwofaEnroll['flow'];
  // An account that has two-factor authentication already can only replace it, with proof: the reset
  // link a real site would e-mail (the demo's server puts the e-mail in the outbox and hands the token
  // over, standing in for the user opening the link), or else a code the wizard asks for.
  wizard.mode = status?.enabled ? 'reset' : 'enroll';
  if (status?.enabled && resetLink.checked) wizard.resetToken = await requestResetLink();
  wizard.requirePassword = requirePassword.checked;
  wizard.recoveryProof = typeBack.checked ? 'type-back' : 'checkbox';
  // The code field in the page's DOM, where Safari's code autofill and password managers find it.
  wizard.codeField = 'light';

  const back = document.createElement('button');
  back.type = 'button';
  back.className = 'back';
  back.textContent = text().backToSettings;
  back.addEventListener('click', close);
  wizard.append(back);

  wizard.addEventListener('twofa-complete', () => void load());
  wizard.addEventListener('twofa-cancel', close);
  setup.hidden = true;
  slot.replaceChildren(wizard);
  startOutbox();

  function close() {
    wizard.remove();
    stopOutbox();
    setup.hidden = false;
    openButton.focus();
  }
});

/** A reset token from the development-only route that "e-mails" the reset link; undefined if it fails (the wizard then asks for a code). */
async function requestResetLink(): Promise<string | undefined> {
  try {
    const response = await fetch(`${API}/dev/reset-link`, { method: 'POST', headers: { 'X-CSRF-Token': csrfToken }, credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as { resetToken: string }).resetToken : undefined;
  } catch {
    return undefined;
  }
}

/** While the wizard is open, the outbox is polled every second (development only). */
function startOutbox(): void {
  stopOutbox();
  void pollOutbox();
  outboxTimer = setInterval(() => void pollOutbox(), 1000);
}

function stopOutbox(): void {
  clearInterval(outboxTimer);
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

render();
void load();
