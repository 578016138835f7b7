/**
 * A whole enrollment with the keyboard alone (Tab, Shift+Tab, Enter, Space and typing, never a
 * click): the password, the QR step's manual key and its copy button, a wrong and a right code, the
 * SMS backup with a country picked from the list, the emergency-code checkbox. On the way, every
 * element Tab reaches shows a visible focus indicator that it does not have without focus; each new
 * step puts focus on its heading; after a failure focus is on the field that the error describes.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TwofaErrorCode } from 'twofa-enroll';
import type { AdapterMethod, FailureHook } from 'twofa-enroll/adapter/memory';
import { descriptionOf } from '../components/helpers.js';
import { deepActiveElement, nameOf, queryByRole, roleOf, visibleText } from '../helpers/queries.js';
import { lastSmsCode, wizard, type Wizard } from '../helpers/wizard.js';
import { stubClipboard } from '../steps/helpers.js';
import { focusIndicator, label, settled } from './helpers.js';

const PASSWORD = 'correct horse';

/** The first call of `method` fails with `code`; the others go through. */
function once(method: AdapterMethod, code: TwofaErrorCode): FailureHook {
  let failed = false;
  return (called) => (called === method && !failed ? ((failed = true), code) : undefined);
}

/** Whether `el` is `root` or inside it, across shadow roots. */
function inside(el: Element | null, root: Element): boolean {
  for (let node = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) if (node === root) return true;
  return false;
}

/** A button of the page around the wizard. */
function pageButton(text: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.textContent = text;
  return button;
}

/** Drives the wizard by keyboard, checking the focus indicator of every element Tab reaches. */
class Keyboard {
  /** Every element Tab reached: `role "name"`. */
  readonly reached: string[] = [];
  private last: { el: Element; indicator: string } | null = null;
  /**
   * The host page's own buttons before and after the wizard, as on any page. Tab from the wizard's last
   * control reaches `after`. Going on round the page passes through the browser's own controls, which
   * a test cannot walk back out of in every engine (in Firefox focus stays there, and the page never
   * gets it back), so `tabTo` goes round by focusing `before`, where the browser would bring it.
   */
  private readonly before = pageButton('before the wizard');
  private readonly after = pageButton('after the wizard');

  constructor(private readonly w: Wizard) {
    w.el.before(this.before);
    w.el.after(this.after);
  }

  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
    await settled(this.w.el);
  }

  async type(text: string): Promise<void> {
    await sendKeys({ type: text });
    await settled(this.w.el);
  }

  /** One Tab; checks that the element it reaches shows focus, and that the one it left stops showing it. */
  async tab(): Promise<Element | null> {
    await this.press('Tab');
    const left = this.last;
    const active = deepActiveElement();
    // (With one control on the page, Tab goes round to the same one.)
    if (left && left.el !== active && left.indicator === focusIndicator(left.el))
      throw new Error(`${label(left.el)} looks the same with and without focus: ${left.indicator}`);
    this.last = null;
    if (!active || !inside(active, this.w.el)) return null;
    const indicator = focusIndicator(active);
    this.reached.push(`${roleOf(active)} "${nameOf(active)}"`);
    expect(active.matches(':focus-visible'), `${label(active)} matches :focus-visible`).to.be.true;
    expect(indicator, `focus indicator of ${label(active)}`).not.to.equal('');
    this.last = { el: active, indicator };
    return active;
  }

  /** Tabs through every element of the step (checking each) until focus leaves the wizard or comes round again. */
  async tour(): Promise<void> {
    const seen = new Set<Element>();
    for (let i = 0; i < 30; i++) {
      const active = await this.tab();
      if (active === null || seen.has(active)) return;
      seen.add(active);
    }
    throw new Error('focus never left the wizard');
  }

  /** Tabs (round the page if need be) to the element with this role and name. */
  async tabTo(role: string, name: string | RegExp): Promise<void> {
    for (let i = 0; i < 30; i++) {
      if (deepActiveElement() === this.after) this.before.focus();
      const active = await this.tab();
      if (active && roleOf(active) === role && (typeof name === 'string' ? nameOf(active) === name : name.test(nameOf(active)))) return;
    }
    throw new Error(`Tab never reached ${role} ${String(name)}; reached ${this.reached.slice(-12).join(', ')}`);
  }

  /** Tabs to the control and presses `key` on it. */
  async activate(role: string, name: string | RegExp, key = 'Enter'): Promise<void> {
    await this.tabTo(role, name);
    await this.press(key);
  }

  /** A new view: focus on its heading, then every element of it toured. */
  async arrive(heading: string): Promise<void> {
    await this.expectHeadingFocused(heading);
    await this.tour();
  }

  /** Waits until a new step has put focus on its heading, which shows it. */
  async expectHeadingFocused(text: string): Promise<void> {
    await waitUntil(
      () => deepActiveElement()?.localName === 'h2' && deepActiveElement()!.textContent!.trim() === text,
      `focus on the heading "${text}" (focus on ${label(deepActiveElement())})`,
      { timeout: 4000 },
    );
    const heading = deepActiveElement()!;
    expect(focusIndicator(heading), `focus indicator of the heading "${text}"`).not.to.equal('');
    this.last = null;
  }

  /** After a failure: focus is on the error itself, or on the field marked invalid that it describes. */
  async expectFocusOnError(error: string): Promise<void> {
    await waitUntil(() => visibleText(this.w.el).includes(error), `"${error}" shown`, { timeout: 4000 });
    const active = deepActiveElement();
    const onError = Boolean(active?.textContent?.includes(error));
    const onField = active?.getAttribute('aria-invalid') === 'true' && descriptionOf(active).includes(error);
    expect(onError || onField, `focus on the error "${error}" or on the field it describes, not on ${label(active)}`).to.be.true;
    this.last = null;
  }
}

describe('keyboard only', () => {
  it('a whole enrollment with SMS backup and the emergency code: visible focus everywhere, focus on each heading and on each error', async function () {
    // Some 150 keys, each a round trip to the browser's driver: seconds in WebKit, more on a busy machine.
    this.timeout(60_000);
    const w = await wizard({ password: PASSWORD }, { requirePassword: true });
    const clipboard = stubClipboard();
    try {
      const keys = new Keyboard(w);

      // Password: a wrong one first.
      await waitUntil(() => queryByRole(w.el, 'heading', 'Confirm it is you'), 'the password step', { timeout: 4000 });
      await keys.tour();
      await keys.tabTo('textbox', 'Password');
      await keys.type('wrong');
      await keys.press('Enter');
      await keys.expectFocusOnError('The password is not correct. Try again.');
      await keys.type(PASSWORD); // the wrong one is selected: typing replaces it
      await keys.press('Enter');

      await keys.arrive('Set up two-factor authentication');
      await keys.activate('button', 'Start');

      // QR code: open the manual key with Space, copy it with Enter.
      await keys.expectHeadingFocused('Scan the QR code');
      await waitUntil(() => queryByRole(w.el, 'img', /^QR code for adding/), 'QR code drawn', { timeout: 5000 });
      await keys.tour();
      await keys.activate('button', "Can't scan the image?", ' ');
      await waitUntil(() => visibleText(w.el).includes('Secret key'), 'the manual key');
      await keys.activate('button', /^Copy key/);
      await waitUntil(() => clipboard.written.length === 1, 'the key copied');
      expect(clipboard.written[0]).to.match(/^[A-Z2-7]{32}$/);
      await keys.activate('button', 'Next: enter the code');

      // The authenticator code: a wrong one, then the right one (each submits itself when complete).
      await keys.arrive('Enter the code from your app');
      await keys.tabTo('textbox', '6-digit code');
      await keys.type(w.memory.currentCode() === '000000' ? '111111' : '000000');
      await keys.expectFocusOnError("That code didn't work. Check the code and try again.");
      await keys.type(w.memory.currentCode());

      // SMS backup: the country from the picker by typing its name, a number that is not one, a number the server refuses, a good one.
      await keys.arrive('Add a phone number for backup');
      await keys.tabTo('combobox', 'Country code');
      await keys.type('Sweden');
      expect((deepActiveElement() as HTMLSelectElement).value).to.equal('SE');
      await keys.tabTo('textbox', 'Mobile number');
      await keys.type('abc');
      await keys.press('Enter');
      await keys.expectFocusOnError('Enter a valid mobile number: digits only, with the right country code.');
      // Out with "abc" (Ctrl+A has no spelling that every engine's driver knows).
      await keys.press('End');
      for (let i = 0; i < 'abc'.length; i++) await keys.press('Backspace');
      await keys.type('70 123 45 67');
      w.memory.fail = once('sendSms', 'invalid_phone');
      await keys.activate('button', 'Send code');
      await keys.expectFocusOnError("That phone number doesn't look right. Check the country code and the number.");
      await keys.activate('button', 'Send code');

      await keys.expectHeadingFocused('Enter the code from the text message');
      expect(w.memory.outbox.at(-1)?.to).to.equal('+46701234567');
      await keys.tour();
      await keys.tabTo('textbox', '6-digit code');
      await keys.type(lastSmsCode(w));

      // The emergency code: tick the checkbox with Space, then Continue.
      await keys.arrive('Save your emergency code');
      await keys.activate('checkbox', 'I have safely copied and stored this code', ' ');
      await keys.activate('button', 'Continue');

      await keys.expectHeadingFocused('Two-factor authentication is on');
      const complete = w.events.find((e) => e.type === 'twofa-complete') as CustomEvent | undefined;
      expect(complete?.detail.methods).to.deep.equal(['totp', 'sms']);
      // What Tab reached on the way: every kind of control the wizard has.
      for (const kind of ['textbox', 'button', 'link', 'combobox', 'checkbox'])
        expect(
          keys.reached.some((r) => r.startsWith(`${kind} `)),
          kind,
        ).to.be.true;
    } finally {
      clipboard.restore();
    }
  });

  it('the notices (failed, expired, cancelled): focus on their heading, their buttons by keyboard', async () => {
    const w = await wizard();
    const keys = new Keyboard(w);
    await waitUntil(() => queryByRole(w.el, 'heading', 'Set up two-factor authentication'), 'the info step', { timeout: 4000 });

    w.memory.fail = once('start', 'network');
    await keys.activate('button', 'Start');
    await keys.arrive('Something went wrong');
    await keys.activate('button', 'Try again');
    await keys.expectHeadingFocused('Scan the QR code');
    await waitUntil(() => queryByRole(w.el, 'button', 'Next: enter the code')?.hasAttribute('disabled') === false, 'QR step ready', { timeout: 5000 });
    await keys.activate('button', 'Next: enter the code');

    await keys.expectHeadingFocused('Enter the code from your app');
    w.memory.fail = once('verifyTotp', 'expired');
    await keys.tabTo('textbox', '6-digit code');
    await keys.type(w.memory.currentCode());
    await keys.arrive('This setup has expired');
    await keys.activate('button', 'Start again');

    await keys.expectHeadingFocused('Set up two-factor authentication');
    await keys.activate('button', 'Cancel');
    await keys.arrive('Setup cancelled');
    await keys.activate('button', 'Start again');
    await keys.expectHeadingFocused('Set up two-factor authentication');
  });
});
