import { expect, waitUntil } from '@open-wc/testing';
import { deepElements, getByRole, visibleText } from '../helpers/queries.js';
import { click, toConfirm, typeInto, waitForHeading, wizard } from '../helpers/wizard.js';

const SECRET = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGW2LU';
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Everything written to the console while `run` runs. */
async function recordConsole(run: () => Promise<void>): Promise<string> {
  const written: unknown[] = [];
  const originals = CONSOLE_METHODS.map((method) => console[method]);
  CONSOLE_METHODS.forEach((method) => (console[method] = (...args: unknown[]) => void written.push(...args)));
  try {
    await run();
  } finally {
    CONSOLE_METHODS.forEach((method, i) => (console[method] = originals[i]));
  }
  return written.map((value) => (value instanceof Error ? `${value.message} ${value.stack}` : String(value))).join('\n');
}

/** Every attribute value and text below `root`, through shadow roots: what the DOM still holds. */
function domText(root: Element): string {
  const parts: string[] = [root.outerHTML];
  for (const el of deepElements(root)) {
    for (const attribute of Array.from(el.attributes)) parts.push(attribute.value);
    parts.push(el.textContent ?? '');
    if (el instanceof HTMLInputElement) parts.push(el.value);
  }
  return parts.join('\n');
}

/** The element's own properties and their contents, one level into objects and arrays. */
function ownValues(el: object): string {
  return Object.getOwnPropertyNames(el)
    .map((key) => (el as Record<string, unknown>)[key])
    .map((value) => {
      try {
        return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
      } catch {
        return '';
      }
    })
    .join('\n');
}

async function storedEverywhere(): Promise<string> {
  const parts = [document.cookie, location.href];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) parts.push(storage.key(i) ?? '', storage.getItem(storage.key(i) ?? '') ?? '');
  }
  parts.push(JSON.stringify(await indexedDB.databases()));
  return parts.join('\n');
}

describe('secrets stay in memory', () => {
  it('after a completed enrollment: secret, URI and emergency code are gone from the DOM and the element, and were never stored or logged', async () => {
    const before = await storedEverywhere();
    let uri = '';
    let codes: string[] = [];
    const w = await wizard({ secret: SECRET, sms: 'off' });
    const written = await recordConsole(async () => {
      await toConfirm(w);
      const back = getByRole(w.el, 'button', 'Back');
      back.click();
      await waitForHeading(w.el, 'Scan the QR code');
      uri = (getByRole(w.el, 'link', 'Open in authenticator app') as HTMLAnchorElement).href;
      await click(w.el, 'button', 'Next: enter the code');
      await waitForHeading(w.el, 'Enter the code from your app');
      await typeInto(w.el, '6-digit code', w.memory.currentCode());
      await waitForHeading(w.el, 'Save your emergency code');
      const CODE = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/g;
      await waitUntil(() => (visibleText(w.el).match(CODE) ?? []).length > 0, 'codes shown');
      codes = visibleText(w.el).match(CODE) ?? [];
      getByRole(w.el, 'checkbox', 'I have safely copied and stored this code').click();
      await w.el.updateComplete;
      await waitUntil(() => !(getByRole(w.el, 'button', 'Continue') as HTMLButtonElement).disabled);
      await click(w.el, 'button', 'Continue');
      await waitForHeading(w.el, 'Two-factor authentication is on');
    });
    expect(uri).to.match(/^otpauth:\/\/totp\//);
    expect(codes.length, 'the emergency code was read from the page').to.equal(1);
    const secrets = [SECRET, uri, decodeURIComponent(uri), ...codes];
    const leftovers = { dom: domText(w.el), element: ownValues(w.el), console: written, stored: await storedEverywhere() };
    for (const [where, text] of Object.entries(leftovers)) {
      for (const secret of secrets) expect(text.includes(secret), `${where} holds ${secret.slice(0, 16)}…`).to.be.false;
    }
    expect(leftovers.stored).to.equal(before);
  });

  it('after cancel and after removal from the page, the secret is gone too', async () => {
    for (const end of ['cancel', 'remove'] as const) {
      const w = await wizard({ secret: SECRET });
      await toConfirm(w);
      if (end === 'cancel') {
        await click(w.el, 'button', 'Cancel');
        await waitForHeading(w.el, 'Setup cancelled');
      } else {
        w.el.remove();
        await w.el.updateComplete;
        await waitUntil(() => (w.calls.cancel ?? 0) === 1, 'the adapter is asked to cancel');
      }
      expect(domText(w.el).includes(SECRET), `${end}: DOM`).to.be.false;
      expect(ownValues(w.el).includes(SECRET), `${end}: element properties`).to.be.false;
    }
  });
});
