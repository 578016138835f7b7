/**
 * Whole-wizard stories run on the in-memory backend (`MemoryAdapter`: real TOTP, an outbox for SMS and
 * e-mail, lockouts, expiry), so a designer can click through them. Next to the wizard, a "demo helper"
 * shows what a person would otherwise need a phone or a mailbox for: the code the authenticator app
 * would show right now, and the last text message and e-mail. The helper belongs to Storybook, not to
 * the kit.
 */
import { MemoryAdapter, type MemoryAdapterOptions, type OutboxMessage } from '../../src/adapter/memory-adapter.js';
import '../../src/twofa-enroll/twofa-enroll.js';
import type { TwofaEnroll } from '../../src/twofa-enroll/twofa-enroll.component.js';
import '../../src/twofa-manage/twofa-manage.js';
import type { TwofaManage } from '../../src/twofa-manage/twofa-manage.component.js';
import { renderElement } from './elements.js';

export interface FlowParameters {
  /** Options of the story's `MemoryAdapter` (a fresh one for every render). */
  memory?: MemoryAdapterOptions;
  /** Which channels of the outbox the demo helper shows (default: SMS only). */
  outbox?: readonly OutboxMessage['channel'][];
}

const HELPER_STYLE = `
  .twofa-demo-helper { margin-top: 1.5rem; padding: 0.75rem 1rem; border: 1px dashed currentColor; border-radius: 0.5rem;
    font: 0.9375rem/1.5 system-ui, sans-serif; max-width: 40rem; }
  .twofa-demo-helper p { margin: 0.25rem 0; }
  .twofa-demo-helper code { font: 1.0625rem ui-monospace, monospace; letter-spacing: 0.05em; }
`;

/** The wizard on a fresh in-memory backend, with the demo helper under it. */
export function renderFlow(args: Record<string, unknown>, parameters: FlowParameters = {}): HTMLElement {
  const memory = new MemoryAdapter({ issuer: 'Example', account: 'jane@example.com', latency: 300, ...parameters.memory });
  const backToSettings = Object.assign(document.createElement('a'), { href: '#settings', textContent: 'Back to settings' });
  const wizard = renderElement<TwofaEnroll>('twofa-enroll', args, backToSettings);
  wizard.adapter = memory;

  const root = document.createElement('div');
  root.append(wizard, demoHelper(memory, parameters.memory ?? {}, parameters.outbox ?? ['sms']));
  return root;
}

/**
 * The settings panel on a fresh in-memory backend whose account has `memory.factors`, with the demo
 * helper under it: the password, the code the account's authenticator app shows now and the seeded
 * recovery codes (what step-up asks for), and the last text message.
 */
export function renderManage(args: Record<string, unknown>, parameters: FlowParameters = {}): HTMLElement {
  const memory = new MemoryAdapter({ issuer: 'Example', account: 'jane@example.com', latency: 300, recoveryCodeCount: 10, ...parameters.memory });
  const panel = renderElement<TwofaManage>('twofa-manage', args);
  panel.adapter = memory;

  const root = document.createElement('div');
  root.append(panel, demoHelper(memory, parameters.memory ?? {}, parameters.outbox ?? ['sms']));
  return root;
}

const CHANNEL_NAMES: Record<OutboxMessage['channel'], string> = { sms: 'text message', email: 'e-mail' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function demoHelper(memory: MemoryAdapter, options: MemoryAdapterOptions, channels: readonly OutboxMessage['channel'][]): HTMLElement {
  const helper = document.createElement('aside');
  helper.className = 'twofa-demo-helper';
  helper.setAttribute('aria-label', 'Demo helper');
  helper.lang = 'en';
  const style = document.createElement('style');
  style.textContent = HELPER_STYLE;
  const title = Object.assign(document.createElement('p'), {
    innerHTML: '<strong>Demo helper</strong> (Storybook only, not part of the kit): the in-memory backend’s side.',
  });
  const code = document.createElement('p');
  const sent = channels.map((channel) => ({ channel, line: document.createElement('p') }));
  const password = document.createElement('p');
  if (options.password) password.innerHTML = `Password: <code>${escape(options.password)}</code>`;
  const recovery = document.createElement('p');
  const seeded = options.factors?.recoveryCodes;
  if (Array.isArray(seeded) && seeded.length)
    recovery.innerHTML = `Recovery codes the account started with (each works once): ${seeded.map((known) => `<code>${escape(known)}</code>`).join(', ')}`;
  helper.append(style, title, code, ...sent.map(({ line }) => line), password, recovery);

  const refresh = () => {
    let now: string;
    try {
      now = memory.currentCode().replace(/(\d{3})(?=\d)/g, '$1 ');
    } catch {
      now = ''; // no enrollment yet
    }
    code.innerHTML = now ? `Code in the authenticator app now: <code>${now}</code>` : 'Code in the authenticator app now: (no enrollment yet)';
    for (const { channel, line } of sent) {
      const last = memory.outbox.filter((message) => message.channel === channel).at(-1);
      const name = CHANNEL_NAMES[channel];
      line.innerHTML = last ? `Last ${name}, to ${escape(last.to)}: <code>${escape(last.text)}</code>` : `Last ${name}: (none sent)`;
    }
  };
  refresh();
  const timer = setInterval(() => {
    if (!helper.isConnected && helper.dataset.seen) clearInterval(timer);
    if (helper.isConnected) helper.dataset.seen = 'yes';
    refresh();
  }, 1000);
  return helper;
}
