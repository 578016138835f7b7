/**
 * `<twofa-manage>` on the in-memory backend, whose rules are the reference backend's: the factors
 * listed, each change confirmed, step-up when the backend asks for it, and what a failure leaves.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, TwofaError, type MemoryAdapterOptions } from 'twofa-enroll/adapter/memory';
import 'twofa-enroll/twofa-manage.js';
import type { TwofaChangeEvent, TwofaManage } from 'twofa-enroll/twofa-manage.js';
import { countCalls } from '../helpers/wizard.js';
import { deepActiveElement, getByRole, nameOf, queryAllByRole, queryByRole, roleOf, visibleText } from '../helpers/queries.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 12);
const CODES = ['AAAA-BBBB-CCCC', 'DDDD-EEEE-FFFF', 'GGGG-HHHH-JJJJ', 'KKKK-LLLL-MMMM', 'NNNN-PPPP-QQQQ'];

interface Panel {
  el: TwofaManage;
  memory: MemoryAdapter;
  calls: Record<string, number>;
  changes: TwofaChangeEvent['detail'][];
}

/** The panel on an account with the authenticator app, a phone, two passkeys and five recovery codes, unless `options` say otherwise. */
async function panel(options: MemoryAdapterOptions = {}, lang = 'en'): Promise<Panel> {
  const memory = new MemoryAdapter({
    issuer: 'Example',
    account: 'jane@example.com',
    factors: {
      totp: true,
      phone: '+4791234567',
      passkeys: [
        { id: 'key-1', name: 'Work laptop', createdAt: NOW - 30 * DAY, lastUsedAt: NOW - DAY },
        { id: 'key-2', name: 'YubiKey', createdAt: NOW - 10 * DAY },
      ],
      recoveryCodes: CODES,
      addedAt: { totp: NOW - 60 * DAY, sms: NOW - 60 * DAY },
    },
    ...options,
  });
  const { adapter, calls } = countCalls(memory);
  const el = await fixture<TwofaManage>(html`<twofa-manage lang=${lang} .adapter=${adapter} flow="authenticator"></twofa-manage>`);
  const changes: TwofaChangeEvent['detail'][] = [];
  el.addEventListener('twofa-change', (event) => changes.push(event.detail));
  await listed(el);
  return { el, memory, calls, changes };
}

/** Waits until the panel shows the list again (or the offer to set up), no task. */
async function listed(el: TwofaManage): Promise<void> {
  const root = el.shadowRoot!;
  await waitUntil(() => !root.querySelector('.task') && root.querySelector('.actions'), 'the factors listed', { timeout: 4000, interval: 10 });
}

const until = (what: string, check: () => unknown) => waitUntil(check, what, { timeout: 4000, interval: 10 });
const headingNamed = (el: Element, name: string | RegExp) => until(`heading ${String(name)}`, () => queryByRole(el, 'heading', name));
const button = (el: Element, name: string | RegExp) => getByRole(el, 'button', name);

async function type(el: Element, field: string | RegExp, text: string): Promise<void> {
  const input = getByRole(el, 'textbox', field) as HTMLInputElement;
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

/** The step-up password field (a password input has no textbox role). */
async function typePassword(el: Element, text: string): Promise<void> {
  await headingNamed(el, 'Confirm it is you');
  await until('the password field', () => [...deepInputs(el)].find((input) => input.type === 'password'));
  const input = [...deepInputs(el)].find((field) => field.type === 'password')!;
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

function* deepInputs(root: Element): Generator<HTMLInputElement> {
  for (const el of queryAllDeep(root)) if (el instanceof HTMLInputElement) yield el;
}

function queryAllDeep(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  const scope = root instanceof Element && root.shadowRoot ? root.shadowRoot : root;
  for (const el of Array.from(scope.querySelectorAll('*'))) {
    out.push(el);
    if (el.shadowRoot) out.push(...queryAllDeep(el));
  }
  return out;
}

/** Gives a code for step-up: the field, then Enter. */
async function proveWith(el: Element, code: string): Promise<void> {
  await until('the code field', () => queryByRole(el, 'textbox', 'Recovery code or code from the app'));
  await type(el, 'Recovery code or code from the app', code);
  await sendKeys({ press: 'Enter' });
}

describe('<twofa-manage>', () => {
  it('lists each factor with when it was added, the passkeys with their use, and the codes left; accessible', async () => {
    const { el } = await panel();
    const text = visibleText(el);
    expect(text).to.contain('Two-factor authentication is on.');
    expect(text).to.contain('Authenticator app');
    expect(text).to.contain('+47 ••• •• 567');
    expect(text).to.contain('Work laptop');
    expect(text).to.contain(`last used ${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(NOW - DAY)}`);
    expect(text).to.contain('not used yet');
    expect(text).to.contain('5 codes left');
    expect(text, 'no nudge with five codes').not.to.contain('Create new ones');
    // Every row's buttons say what they act on.
    for (const name of [
      'Replace authenticator app',
      'Change phone number',
      'Remove phone number',
      'Rename Work laptop',
      'Remove YubiKey',
      'Create new recovery codes',
    ])
      button(el, name);
    button(el, 'Turn off two-factor authentication');
    await expect(el).to.be.accessible();
  });

  it('nudges when 3 or fewer recovery codes are left, and more strongly at none', async () => {
    const few = await panel({ factors: { totp: true, recoveryCodes: 1 } });
    expect(visibleText(few.el)).to.contain('1 code left');
    expect(visibleText(few.el)).to.contain('Few recovery codes are left. Create new ones before you run out.');
    const none = await panel({ factors: { totp: true, recoveryCodes: 0 } });
    expect(visibleText(none.el)).to.contain('0 codes left');
    expect(visibleText(none.el)).to.contain('You have no recovery codes left.');
  });

  it('when two-factor is off, offers the wizard and lists the factors once it is set up', async () => {
    const { el, memory, changes } = await panel({ factors: undefined });
    expect(visibleText(el)).to.contain('Two-factor authentication is off.');
    button(el, 'Set up two-factor authentication').click();
    await headingNamed(el, 'Set up two-factor authentication');
    button(el, 'Start').click();
    await headingNamed(el, 'Scan the QR code');
    await until('QR step ready', () => queryByRole(el, 'button', 'Next: enter the code')?.hasAttribute('disabled') === false);
    button(el, 'Next: enter the code').click();
    await until('the code field', () => queryByRole(el, 'textbox', '6-digit code'));
    await type(el, '6-digit code', memory.currentCode());
    // The wizard's last step, with the panel's way back; the change is told at once.
    await headingNamed(el, 'Two-factor authentication is on');
    await until('the change told', () => changes.length);
    expect(changes).to.deep.equal([{ change: 'enabled', method: undefined, methods: ['totp'] }]);
    button(el, 'Done').click();
    await until('on', () => visibleText(el).includes('Two-factor authentication is on.'));
    expect(visibleText(el)).to.contain('Your change is saved.');
    // Back in the list, focus is on its heading.
    await until('focus on the heading', () => nameOf(deepActiveElement()!) === 'Two-factor authentication');
  });

  it('new recovery codes: confirmed, the password then a code asked for, the new set shown once; the old codes stop working', async () => {
    const { el, memory, calls, changes } = await panel({ password: 'demo', recoveryCodeCount: 10 });
    button(el, 'Create new recovery codes').click();
    await headingNamed(el, 'Create new recovery codes?');
    expect(visibleText(el)).to.contain('Your current recovery codes will stop working.');
    await until('focus on the question', () => nameOf(deepActiveElement()!) === 'Create new recovery codes?');
    await expect(el).to.be.accessible();
    expect(calls.regenerateRecoveryCodes ?? 0, 'nothing sent before the confirmation').to.equal(0);
    button(el, 'Create new codes').click();

    await typePassword(el, 'wrong');
    // The account's name goes with the password form, so a password manager knows whose password to fill.
    const username = [...deepInputs(el)].find((input) => input.autocomplete === 'username');
    expect(username?.value).to.equal('jane@example.com');
    await until('the wrong password said', () => visibleText(el).includes('The password is not correct. Try again.'));
    await typePassword(el, 'demo');
    await until('a code asked for', () =>
      visibleText(el).includes('Confirm the change with a code from your authenticator app, or with one of your recovery codes.'),
    );
    await proveWith(el, 'ZZZZ-ZZZZ-ZZZZ');
    // Worded for a change (no reset link here), with what is left.
    await until('the wrong code said', () =>
      visibleText(el).includes(
        "That code didn't work: it is wrong or was used already. Enter a code from your app or an unused recovery code. 4 attempts left.",
      ),
    );
    await expect(el).to.be.accessible();
    await proveWith(el, CODES[0]);

    await headingNamed(el, 'Save your recovery codes');
    const shown = queryAllDeep(el)
      .filter((node) => node.matches('[part="codes"] li'))
      .map((node) => node.textContent!.trim());
    expect(shown).to.have.length(10);
    expect(shown).not.to.include(CODES[1]);
    expect(changes.map((change) => change.change)).to.deep.equal(['recovery-codes']);
    expect(queryByRole(el, 'button', 'Cancel'), 'no Cancel: the new codes are in force').to.equal(null);
    getByRole(el, 'checkbox').click();
    await until('Continue enabled', () => !(button(el, 'Continue') as HTMLButtonElement).disabled);
    button(el, 'Continue').click();
    await until('ten codes', () => visibleText(el).includes('10 codes left'));
    expect(visibleText(el)).to.contain('Your new recovery codes are saved. The old ones no longer work.');
    // An old code no longer proves anything.
    const refused = await memory.turnOff({ password: 'demo', code: CODES[1] }).catch((error: { code: string }) => error.code);
    expect(refused).to.equal('invalid_proof');
  });

  it('removing a passkey: Cancel changes nothing; Remove asks for proof, and the passkey is gone', async () => {
    const { el, calls, changes } = await panel();
    button(el, 'Remove YubiKey').click();
    await headingNamed(el, 'Remove the passkey “YubiKey”?');
    button(el, 'Cancel').click();
    await listed(el);
    expect(calls.removeFactor ?? 0).to.equal(0);
    await until('focus back on the list', () => nameOf(deepActiveElement()!) === 'Two-factor authentication');

    button(el, 'Remove YubiKey').click();
    await headingNamed(el, 'Remove the passkey “YubiKey”?');
    expect(visibleText(el), 'not the last factor').not.to.contain('Nothing else will be left');
    button(el, 'Remove').click();
    await proveWith(el, CODES[0]);
    await until('the passkey gone', () => queryByRole(el, 'button', 'Remove Work laptop') && !queryByRole(el, 'button', 'Remove YubiKey'));
    expect(visibleText(el)).to.contain('Removed: YubiKey.');
    expect(changes).to.deep.equal([{ change: 'removed', method: 'passkey', methods: ['totp', 'sms', 'passkey'] }]);
  });

  it('removing the last factor says what is lost, and turns two-factor off', async () => {
    const { el, changes } = await panel({ factors: { phone: '+4791234567', recoveryCodes: CODES } });
    button(el, 'Remove phone number').click();
    await headingNamed(el, 'Remove the phone number?');
    expect(visibleText(el)).to.contain(
      'Nothing else will be left to confirm your sign-in: two-factor authentication will be turned off, and your recovery codes will stop working.',
    );
    button(el, 'Remove').click();
    await proveWith(el, CODES[2]);
    await until('off', () => visibleText(el).includes('Two-factor authentication is off.'));
    expect(changes).to.deep.equal([{ change: 'removed', method: 'sms', methods: [] }]);
  });

  it('turning off: confirmed with what is lost, proven with the app’s current code', async () => {
    const { el, memory, changes } = await panel();
    button(el, 'Turn off two-factor authentication').click();
    await headingNamed(el, 'Turn off two-factor authentication?');
    expect(visibleText(el)).to.contain('Signing in will then need only your password.');
    button(el, 'Turn off').click();
    await proveWith(el, memory.currentCode());
    await until('off', () => visibleText(el).includes('Two-factor authentication is off.'));
    expect(visibleText(el)).to.contain('Two-factor authentication is turned off.');
    expect(changes).to.deep.equal([{ change: 'off', method: undefined, methods: [] }]);
    expect((await memory.status()).enabled).to.equal(false);
  });

  it('renaming a passkey: an empty name is refused in place, a new one saved', async () => {
    const { el, changes } = await panel();
    button(el, 'Rename Work laptop').click();
    await headingNamed(el, 'Rename passkey');
    await until('focus on the heading', () => nameOf(deepActiveElement()!) === 'Rename passkey');
    const field = getByRole(el, 'textbox', 'Name') as HTMLInputElement;
    expect(field.value).to.equal('Work laptop');
    field.value = '   ';
    button(el, 'Save').click();
    await until('the empty name said', () => visibleText(el).includes('Enter a name.'));
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'Name', 'Home desktop');
    button(el, 'Save').click();
    await until('the new name', () => visibleText(el).includes('Home desktop'));
    expect(visibleText(el)).not.to.contain('Work laptop');
    expect(changes.map((change) => change.change)).to.deep.equal(['passkey-renamed']);
  });

  it('changing the phone: the wizard’s SMS steps in place, after proof; the new number listed', async () => {
    const { el, memory, changes } = await panel();
    button(el, 'Change phone number').click();
    await proveWith(el, CODES[3]);
    await headingNamed(el, 'Add a phone number for backup');
    expect(queryByRole(el, 'button', 'Skip for now'), 'not skippable: it is what the user asked for').to.equal(null);
    await type(el, 'Mobile number', '+46701234567');
    button(el, 'Send code').click();
    await headingNamed(el, 'Enter the code from the text message');
    await type(el, '6-digit code', /\d{6}/.exec(memory.outbox.at(-1)!.text)![0]);
    await headingNamed(el, 'Two-factor authentication is on');
    button(el, 'Done').click();
    await until('the new number', () => /\+46 .*67/.test(visibleText(el)));
    // One code went as proof; an `add` keeps the others.
    expect(visibleText(el)).to.contain('4 codes left');
    expect(changes.map((change) => [change.change, change.method])).to.deep.equal([['phone', 'sms']]);
  });

  it('a failed change keeps the question open, says why, and is sent again once on Try again', async () => {
    const { el, memory, calls } = await panel({ latency: 30 });
    memory.fail = { turnOff: 'network' };
    button(el, 'Turn off two-factor authentication').click();
    await headingNamed(el, 'Turn off two-factor authentication?');
    const confirm = button(el, 'Turn off');
    confirm.click();
    confirm.click(); // a double click sends once
    await until('the failure said', () => queryByRole(el, 'alert')?.textContent?.trim());
    expect(calls.turnOff).to.equal(1);
    expect(visibleText(el)).to.contain('Turn off two-factor authentication?');
    memory.fail = undefined;
    button(el, 'Turn off').click();
    await proveWith(el, CODES[4]);
    await until('off', () => visibleText(el).includes('Two-factor authentication is off.'));
    expect(calls.turnOff).to.equal(3); // the failure, the one that asked for proof, the one with it
  });

  it('the page styles what the panel hosts through its parts: ::part(primary) reaches the step-up form’s button', async () => {
    const style = document.head.appendChild(document.createElement('style'));
    style.textContent = 'twofa-manage::part(primary) { outline: 3px solid rgb(1, 2, 3); }';
    try {
      const { el } = await panel();
      button(el, 'Remove YubiKey').click();
      await headingNamed(el, 'Remove the passkey “YubiKey”?');
      expect(getComputedStyle(button(el, 'Remove')).outlineColor, 'the panel’s own').to.equal('rgb(1, 2, 3)');
      button(el, 'Remove').click();
      await until('the code field', () => queryByRole(el, 'textbox', 'Recovery code or code from the app'));
      expect(getComputedStyle(button(el, 'Continue')).outlineColor, 'the hosted step’s').to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('reads the status once when it connects', async () => {
    const { calls } = await panel();
    expect(calls.status).to.equal(1);
  });

  it('a new adapter while the old one is still reading: the new account is listed, and stays', async () => {
    const slow = new MemoryAdapter({ latency: 300, factors: { totp: true, phone: '+4791234567' } });
    const fast = new MemoryAdapter({ factors: { totp: true, phone: '+46701234567' } });
    const el = await fixture<TwofaManage>(html`<twofa-manage .adapter=${slow}></twofa-manage>`);
    el.adapter = fast;
    await until('the new account', () => /\+46 /.test(visibleText(el)));
    // A read begun after the panel's answers after it: by then the old adapter has answered the panel.
    await slow.status();
    await el.updateComplete;
    expect(visibleText(el)).to.match(/\+46 /);
    expect(visibleText(el)).not.to.contain('+47');
  });

  it('the status it read is the page’s to read, current when a change is told', async () => {
    const { el, memory, calls } = await panel();
    expect(el.status?.methods).to.deep.equal(['totp', 'sms', 'passkey']);
    const told: (boolean | undefined)[] = [];
    el.addEventListener('twofa-change', () => told.push(el.status?.enabled));
    button(el, 'Turn off two-factor authentication').click();
    await headingNamed(el, 'Turn off two-factor authentication?');
    button(el, 'Turn off').click();
    await proveWith(el, memory.currentCode());
    await until('the change told', () => told.length);
    expect(told).to.deep.equal([false]);
    expect(calls.status, 'read once at connection, once after the change').to.equal(2);
  });

  it('a change left (Cancel) while on its way: the task begun next runs and stays open; the change is told when it lands', async () => {
    const { el, calls, changes } = await panel({ latency: 150 });
    button(el, 'Remove YubiKey').click();
    await headingNamed(el, 'Remove the passkey “YubiKey”?');
    button(el, 'Remove').click();
    await proveWith(el, CODES[0]);
    await until('the removal sent with proof', () => calls.removeFactor === 2);
    button(el, 'Cancel').click();
    await listed(el);
    button(el, 'Change phone number').click();
    await until('the removal told', () => changes.length);
    await until('proof asked for the phone', () => queryByRole(el, 'textbox', 'Recovery code or code from the app'));
    await el.updateComplete;
    expect(queryByRole(el, 'heading', 'Confirm it is you'), 'the phone’s task still open').not.to.equal(null);
    expect(visibleText(el)).not.to.contain('Removed: YubiKey.');
    await proveWith(el, CODES[1]);
    await headingNamed(el, 'Add a phone number for backup');
  });

  it('a change that opens the wizard: focus waits on its Loading… (announced), then goes to the step', async () => {
    const { el } = await panel({ latency: 300 });
    button(el, 'Change phone number').focus();
    await sendKeys({ press: 'Enter' });
    await until('focus on Loading…', () => deepActiveElement()?.textContent?.trim() === 'Loading…');
    expect(roleOf(deepActiveElement()!)).to.equal('status');
    await until('focus on the proof asked for', () => nameOf(deepActiveElement()!) === 'Confirm it is you');
  });

  it('new codes being made are waited for, not cancelled, and shown', async () => {
    const { el, calls } = await panel({ latency: 150, recoveryCodeCount: 10 });
    button(el, 'Create new recovery codes').click();
    await headingNamed(el, 'Create new recovery codes?');
    button(el, 'Create new codes').click();
    await el.updateComplete;
    expect(button(el, 'Cancel').getAttribute('aria-disabled')).to.equal('true');
    await proveWith(el, CODES[0]);
    await until('the codes asked for with proof', () => calls.regenerateRecoveryCodes === 2);
    button(el, 'Cancel').click();
    await headingNamed(el, 'Save your recovery codes');
  });

  it('a rate limit on a change counts down, and nothing is sent until it ends', async () => {
    const { el, memory, calls } = await panel();
    memory.fail = (method) => (method === 'regenerateRecoveryCodes' ? new TwofaError('rate_limited', { retryAfter: 30 }) : undefined);
    button(el, 'Create new recovery codes').click();
    await headingNamed(el, 'Create new recovery codes?');
    button(el, 'Create new codes').click();
    // Spoken in words (the visible m:ss is hidden from screen readers).
    await until('the countdown', () => /Too many attempts\. Try again in \d+ seconds\./.test(visibleText(el)));
    expect(button(el, 'Create new codes').getAttribute('aria-disabled')).to.equal('true');
    button(el, 'Create new codes').click();
    expect(calls.regenerateRecoveryCodes).to.equal(1);
  });

  it('a status that cannot be read is said, with Try again; Loading… while it is read again, and a new failure said anew', async () => {
    const memory = new MemoryAdapter({ factors: { totp: true }, latency: 150 });
    memory.fail = { status: 'server' };
    const el = await fixture<TwofaManage>(html`<twofa-manage .adapter=${memory}></twofa-manage>`);
    await until('the failure said', () => queryByRole(el, 'alert'));
    const first = queryByRole(el, 'alert');
    button(el, 'Try again').click();
    await until('Loading… while it is read', () => queryByRole(el, 'status')?.textContent?.includes('Loading…'));
    expect(queryByRole(el, 'alert'), 'the old failure gone').to.equal(null);
    await until('the failure said again', () => queryByRole(el, 'alert'));
    expect(queryByRole(el, 'alert'), 'a new alert, which a screen reader announces').not.to.equal(first);
    memory.fail = undefined;
    button(el, 'Try again').focus();
    await sendKeys({ press: 'Enter' });
    await listed(el);
    // The button went with the answer: focus is on the heading, not lost to the page.
    await until('focus on the heading', () => nameOf(deepActiveElement()!) === 'Two-factor authentication');
  });

  it('works by keyboard: Tab to a row’s button, Enter opens its question, Escape-free Cancel by Tab and Enter', async () => {
    const { el } = await panel();
    button(el, 'Create new recovery codes').focus();
    await sendKeys({ press: 'Enter' });
    await headingNamed(el, 'Create new recovery codes?');
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActiveElement()!)).to.equal('Create new codes');
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActiveElement()!)).to.equal('Cancel');
    await sendKeys({ press: 'Enter' });
    await listed(el);
  });

  it('speaks the page’s language (nb)', async () => {
    const { el } = await panel({}, 'nb');
    expect(visibleText(el)).not.to.contain('Recovery codes');
    expect(queryAllByRole(el, 'heading')[0].textContent!.trim()).to.equal('Tofaktorautentisering');
  });
});
