/**
 * Whole-wizard stories run on the in-memory backend (`MemoryAdapter`: real TOTP, SMS outbox, lockouts,
 * expiry), so a designer can click through them. Next to the wizard, a "demo helper" shows what a
 * person would otherwise need a phone for: the code the authenticator app would show right now, and
 * the last text message. The helper belongs to Storybook, not to the kit.
 */
import { MemoryAdapter, type MemoryAdapterOptions } from '../../src/adapter/memory-adapter.js';
import '../../src/enroll/twofa-enroll.js';
import type { TwofaEnroll } from '../../src/enroll/twofa-enroll.component.js';
import { renderElement } from './elements.js';

export interface FlowParameters {
  /** Options of the story's `MemoryAdapter` (a fresh one for every render). */
  memory?: MemoryAdapterOptions;
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
  root.append(wizard, demoHelper(memory, parameters.memory ?? {}));
  return root;
}

function demoHelper(memory: MemoryAdapter, options: MemoryAdapterOptions): HTMLElement {
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
  const sms = document.createElement('p');
  const password = document.createElement('p');
  if (options.password) password.innerHTML = `Password: <code>${options.password}</code>`;
  helper.append(style, title, code, sms, password);

  const refresh = () => {
    let now = '';
    try {
      now = memory.currentCode().replace(/(\d{3})(?=\d)/g, '$1 ');
    } catch {
      now = ''; // no enrollment yet
    }
    code.innerHTML = now ? `Code in the authenticator app now: <code>${now}</code>` : 'Code in the authenticator app now: (no enrollment yet)';
    const last = memory.outbox.at(-1);
    sms.innerHTML = last ? `Last text message, to ${last.to}: <code>${last.text.replace(/</g, '&lt;')}</code>` : 'Last text message: (none sent)';
  };
  refresh();
  const timer = setInterval(() => {
    if (!helper.isConnected && helper.dataset.seen) clearInterval(timer);
    if (helper.isConnected) helper.dataset.seen = 'yes';
    refresh();
  }, 1000);
  return helper;
}

/** Waits until `find()` returns something (stories' play functions: the wizard renders asynchronously). */
export async function waitFor<T>(find: () => T | null | undefined, timeout = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - start > timeout) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
