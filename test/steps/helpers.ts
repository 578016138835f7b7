/** Helpers shared by the step element tests (test/steps/*.test.ts). */
import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TwofaSubmitEvent } from 'twofa-enroll';
import { deepActiveElement, getByRole, nameOf, queryAllByRole } from '../helpers/queries.js';

// Paste and descriptions work the same for the shared pieces and the steps: one copy, in the components' helpers.
export { descriptionOf, paste } from '../components/helpers.js';

/** What to search for a step's controls: its parent, which covers the step's shadow root and its slotted children alike. */
export function scope(el: Element): ParentNode {
  return el.parentNode!;
}

/** The `.value` of every `twofa-submit` the step fires. */
export function submits(target: EventTarget): string[] {
  const values: string[] = [];
  target.addEventListener('twofa-submit', (event) => values.push((event as TwofaSubmitEvent).value));
  return values;
}

const STEP_EVENTS = ['twofa-submit', 'twofa-next', 'twofa-back', 'twofa-skip', 'twofa-resend', 'twofa-prepare', 'twofa-dismiss'] as const;

/** The names of all step events `target` receives, in order: proves no other event slipped out. */
export function recordAll(target: EventTarget): string[] {
  const seen: string[] = [];
  for (const type of STEP_EVENTS) target.addEventListener(type, () => seen.push(type));
  return seen;
}

/** Types into whatever has focus, then lets the host (and anything it renders) settle. */
export async function type(host: { updateComplete: Promise<unknown> }, text: string): Promise<void> {
  await sendKeys({ type: text });
  await settle(host);
}

/** Presses one key (a `KeyboardEvent.key` name; 'Space' is sent as ' ', the one spelling every engine's driver knows). */
export async function press(host: { updateComplete: Promise<unknown> }, key: string): Promise<void> {
  await sendKeys({ press: key === 'Space' ? ' ' : key });
  await settle(host);
}

/** Types `text` into `field` and presses Enter, as a user submits a form from its field. */
export async function enter(host: { updateComplete: Promise<unknown> }, field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await type(host, text);
  await press(host, 'Enter');
}

/** Waits for the host's render and one more task, so events fired from nested elements have landed. */
export async function settle(host: { updateComplete: Promise<unknown> }): Promise<void> {
  await host.updateComplete;
  await aTimeout(0);
  await host.updateComplete;
}

/** Clicks the step's button of that name, then lets the events it fires land. */
export async function clickButton(el: Element & { updateComplete: Promise<unknown> }, name: string | RegExp): Promise<void> {
  getByRole(scope(el), 'button', name).click();
  await settle(el);
}

/** Replaces `navigator.clipboard.writeText` with a recording stub until `restore()`; `reject`: it refuses, as without permission. */
export function stubClipboard(behaviour: 'accept' | 'reject' = 'accept'): { written: string[]; restore: () => void } {
  const written: string[] = [];
  const clipboard = navigator.clipboard;
  Object.defineProperty(clipboard, 'writeText', {
    value: (text: string) => {
      written.push(text);
      return behaviour === 'accept' ? Promise.resolve() : Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    },
    configurable: true,
    writable: true,
  });
  return { written, restore: () => void delete (clipboard as { writeText?: unknown }).writeText };
}

/** The one-time code field of a code step, found by its label. */
export function codeField(el: Element, digits = 6): HTMLInputElement {
  return getByRole(scope(el), 'textbox', `${digits}-digit code`) as HTMLInputElement;
}

/** Asserts where focus is. Compares identities, so a failure reports tags, never DOM nodes (which the runner cannot serialise). */
export function expectFocused(element: Element): void {
  const active = deepActiveElement();
  const describe = (node: Element | null) => (node ? `<${node.localName}${node.id ? `#${node.id}` : ''}>` : 'nothing');
  expect(active === element, `focus on ${describe(active)}, expected on ${describe(element)}`).to.be.true;
}

/*
 * Assertions about elements that never hand a DOM node to chai: a failed assertion whose actual
 * value is an element makes the runner's error serialisation take the browser down.
 */

/** Asserts that no visible element has this role (and name). */
export function expectNone(root: ParentNode, role: string, name?: string | RegExp): void {
  const found = queryAllByRole(root, role, name).map(nameOf);
  expect(found, `visible ${role}s named ${String(name)}`).to.deep.equal([]);
}

/** Asserts that two references are the same element. */
export function expectSame(actual: Element | null | undefined, expected: Element | null | undefined, what: string): void {
  expect(actual === expected, what).to.be.true;
}
