import { fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, type MemoryAdapterOptions } from 'twofa-enroll/adapter/memory';
import type { EnrollmentAdapter } from 'twofa-enroll';
import 'twofa-enroll';
import type { TwofaEnroll } from 'twofa-enroll';
import { deepActiveElement, getByRole, queryByRole } from './queries.js';

/** Counts every adapter call, so tests can prove nothing is sent twice. */
export function countCalls<T extends EnrollmentAdapter>(adapter: T): { adapter: T; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const counted = new Proxy(adapter, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls[key] = (calls[key] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return { adapter: counted, calls };
}

export interface Wizard {
  el: TwofaEnroll;
  memory: MemoryAdapter;
  calls: Record<string, number>;
  events: Event[];
}

const EVENTS = ['twofa-step-change', 'twofa-complete', 'twofa-cancel', 'twofa-error'];

/** A wizard on a fresh in-memory backend, with its events and adapter calls recorded. */
/** `transport` goes between the wizard and the backend (e.g. the HTTP adapter over a fake fetch); by default none. */
export async function wizard(options: MemoryAdapterOptions = {}, attributes: Partial<TwofaEnroll> = {}, transport?: Transport): Promise<Wizard> {
  const { template, finish } = prepareWizard(options, attributes, transport);
  return finish(await fixture<TwofaEnroll>(template));
}

/**
 * Like `wizard()`, but outside the fixture that is emptied after every test: the wizard stays on the
 * page, in the state the test left it, until `remove()`. For several tests (a `describe`'s `before`) on one state.
 */
export async function mountWizard(options: MemoryAdapterOptions = {}, attributes: Partial<TwofaEnroll> = {}): Promise<Wizard & { remove: () => void }> {
  const { template, finish } = prepareWizard(options, attributes);
  const container = document.body.appendChild(document.createElement('div'));
  render(template, container);
  const el = container.firstElementChild as TwofaEnroll;
  await el.updateComplete;
  return { ...finish(el), remove: () => container.remove() };
}

/** What the wizard talks to, made from the in-memory backend. */
export type Transport = (memory: MemoryAdapter) => EnrollmentAdapter;

function prepareWizard(options: MemoryAdapterOptions, attributes: Partial<TwofaEnroll>, transport: Transport = (memory) => memory) {
  const memory = new MemoryAdapter({ issuer: 'Example', account: 'jane@example.com', ...options });
  const { adapter, calls } = countCalls(transport(memory));
  const template = html`<twofa-enroll
    .adapter=${adapter}
    ?require-password=${attributes.requirePassword ?? false}
    .sms=${attributes.sms}
    .steps=${attributes.steps}
    flow=${attributes.flow ?? 'standard'}
    mode=${attributes.mode ?? 'enroll'}
    methods=${attributes.methods ?? 'totp sms email'}
    recovery-proof=${attributes.recoveryProof ?? 'checkbox'}
    .recoveryCodeCount=${attributes.recoveryCodeCount}
    .resetToken=${attributes.resetToken}
    code-field=${attributes.codeField ?? 'shadow'}
  ></twofa-enroll>`;
  const finish = (el: TwofaEnroll): Wizard => {
    const events: Event[] = [];
    for (const type of EVENTS) el.addEventListener(type, (event) => events.push(event));
    return { el, memory, calls, events };
  };
  return { template, finish };
}

export function heading(el: Element): HTMLElement {
  return getByRole(el, 'heading');
}

/** Waits until the current step's heading reads `name`. */
export async function waitForHeading(el: Element, name: string | RegExp): Promise<void> {
  const current = () => queryByRole(el, 'heading')?.textContent?.trim() ?? '';
  try {
    await waitUntil(() => (typeof name === 'string' ? current() === name : name.test(current())), '', { timeout: 4000, interval: 10 });
  } catch {
    // The heading at the time of the timeout (a message given to waitUntil would be the one at the start).
    throw new Error(`heading ${String(name)} never appeared (last: ${current()})`);
  }
}

export async function click(el: Element, role: string, name: string | RegExp): Promise<void> {
  getByRole(el, role, name).click();
}

/** Focuses the field named `name` and types as a user would. */
export async function typeInto(el: Element, name: string | RegExp, text: string): Promise<HTMLInputElement> {
  const input = getByRole(el, 'textbox', name) as HTMLInputElement;
  input.focus();
  await sendKeys({ type: text });
  return input;
}

export function focusedName(): string {
  const active = deepActiveElement();
  return active?.textContent?.trim() ?? '';
}

/** Walks from the info step to the confirm step. */
export async function toConfirm(w: Wizard): Promise<void> {
  await waitForHeading(w.el, 'Set up two-factor authentication');
  await click(w.el, 'button', 'Start');
  await waitForHeading(w.el, 'Scan the QR code');
  await waitUntil(() => queryByRole(w.el, 'button', 'Next: enter the code')?.hasAttribute('disabled') === false, 'QR step ready', {
    timeout: 5000,
    interval: 10,
  });
  await click(w.el, 'button', 'Next: enter the code');
  await waitForHeading(w.el, 'Enter the code from your app');
}

/** Walks from the info step to the SMS step: the app's current code on the confirm step. */
export async function toSms(w: Wizard): Promise<void> {
  await toConfirm(w);
  await typeInto(w.el, '6-digit code', w.memory.currentCode());
  await waitForHeading(w.el, 'Add a phone number for backup');
}

/** Walks from the info step to the SMS code step, the code sent to a Norwegian number. */
export async function toSmsCode(w: Wizard): Promise<void> {
  await toSms(w);
  await typeInto(w.el, 'Mobile number', '+47 912 34 567');
  await click(w.el, 'button', 'Send code');
  await waitForHeading(w.el, 'Enter the code from the text message');
}

/** Walks from the info step to the emergency code, without SMS steps (`sms: 'off'`): the app's current code on the confirm step. */
export async function toEmergency(w: Wizard): Promise<void> {
  await toConfirm(w);
  await typeInto(w.el, '6-digit code', w.memory.currentCode());
  await waitForHeading(w.el, 'Save your emergency code');
}

/** Ticks that the emergency code is stored and waits until Continue is enabled. */
export async function acknowledgeCodes(w: Wizard): Promise<void> {
  getByRole(w.el, 'checkbox').click();
  await waitUntil(() => !(getByRole(w.el, 'button', 'Continue') as HTMLButtonElement).disabled, 'Continue enabled');
}

/** In the method-choice flow: picks e-mail, ticks the saved recovery codes, and waits for the address step. */
export async function toEmail(w: Wizard): Promise<void> {
  await waitForHeading(w.el, 'How do you want to get your codes?');
  await click(w.el, 'radio', 'E-mail');
  await click(w.el, 'button', 'Continue');
  await waitForHeading(w.el, 'Save your recovery codes');
  await waitUntil(() => queryByRole(w.el, 'checkbox')?.hasAttribute('disabled') === false, 'codes shown');
  await acknowledgeCodes(w);
  await click(w.el, 'button', 'Continue');
  await waitForHeading(w.el, 'Where should we send your codes?');
}

/** The code of the last text message the in-memory backend "sent". */
export function lastSmsCode(w: Wizard): string {
  return /\d{6}/.exec(w.memory.outbox.at(-1)?.text ?? '')?.[0] ?? '';
}
