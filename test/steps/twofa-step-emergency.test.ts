import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { templates as nb } from '../../src/generated/locales/nb.js';
import { printCodes } from '../../src/twofa-step-emergency/emergency-export.js';
import { translate } from '../../src/localization.js';
import 'twofa-enroll/twofa-step-emergency.js';
import type { TwofaStepEmergency } from 'twofa-enroll';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { clickButton, descriptionOf, enter, expectFocused, expectNone, expectSame, paste, press, recordAll, scope, settle, stubClipboard } from './helpers.js';

const ONE = ['7HK2-9QXD-M4TC'];
const TEN = Array.from({ length: 10 }, (_, i) => `${1000 + i}-${2000 + i}`);
const ISSUER = 'Example Bank';
const ACCOUNT = 'jane@example.com';

async function setup(
  codes: string[] = TEN,
  template = html`<twofa-step-emergency .codes=${codes} issuer=${ISSUER} account=${ACCOUNT}></twofa-step-emergency>`,
) {
  const el = await fixture<TwofaStepEmergency>(template);
  return { el, events: recordAll(el) };
}

const ACK_ONE = 'I have safely copied and stored this code';
const ACK_MANY = 'I have saved the recovery codes';
const WRONG = 'That is not the code. Check what you saved, or show the codes again.';
/** Codes with letters, to show that case does not matter when one is typed back. */
const LETTERS = ['7hk2-9qxd', 'B4TC-M2PL', 'ZX9Q-4RWE'];

const checkbox = (el: TwofaStepEmergency) => getByRole(scope(el), 'checkbox', new RegExp(`^(${ACK_ONE}|${ACK_MANY})$`)) as HTMLInputElement;
const continueButton = (el: TwofaStepEmergency) => getByRole(scope(el), 'button', 'Continue') as HTMLButtonElement;

/** Replaces `URL.createObjectURL`/`revokeObjectURL` and anchor clicks, capturing what would be downloaded. */
function stubDownload() {
  const blobs: Blob[] = [];
  const revoked: string[] = [];
  const links: { href: string; download: string }[] = [];
  const create = URL.createObjectURL;
  const revoke = URL.revokeObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  };
  URL.revokeObjectURL = (url: string) => void revoked.push(url);
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    links.push({ href: this.href, download: this.download });
  };
  return {
    blobs,
    revoked,
    links,
    restore() {
      URL.createObjectURL = create;
      URL.revokeObjectURL = revoke;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

/**
 * Makes every iframe's `print()` a recorder instead of the real dialog: the `contentWindow` getter
 * is wrapped, so the stub is in place before any code can call it. The recorder copies the frame's
 * document as it is at print time, then fires `afterprint` as a real dialog would on closing.
 */
/** `afterprint: false`: a browser whose `print()` returns without printing or firing `afterprint` (headless, kiosk). */
function stubFramePrint({ afterprint = true } = {}) {
  const printed: { text: string; lang: string; listFont: string; inDocument: boolean }[] = [];
  const frames: HTMLIFrameElement[] = [];
  const descriptor = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
  Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
    configurable: true,
    get(this: HTMLIFrameElement) {
      const win = descriptor.get!.call(this) as Window | null;
      if (win && !frames.includes(this)) {
        frames.push(this);
        // (An arrow function: `this` stays the frame.)
        win.print = () => {
          const doc = this.contentDocument!;
          printed.push({
            text: doc.body.textContent ?? '',
            lang: doc.documentElement.lang,
            listFont: doc.querySelector('ul')?.style.fontFamily ?? '',
            inDocument: this.isConnected,
          });
          if (afterprint) win.dispatchEvent(new Event('afterprint'));
        };
      }
      return win;
    },
  });
  return { printed, frames, restore: () => Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', descriptor) };
}

describe('<twofa-step-emergency>', () => {
  let restore: (() => void)[] = [];
  afterEach(() => {
    for (const undo of restore) undo();
    restore = [];
  });

  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible with one code, ticked', async () => {
    const { el } = await setup(ONE);
    checkbox(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('one code: "Save your emergency code", the code in monospace, and a checkbox about "this code"', async () => {
      const { el } = await setup(ONE);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Save your emergency code');
      const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="codes"]')!;
      expect(Array.from(list.querySelectorAll('li')).map((li) => li.textContent!.trim())).to.deep.equal(ONE);
      expect(getComputedStyle(list.querySelector('li')!).fontFamily).to.include('monospace');
      expect(checkbox(el).closest('label')!.textContent!.trim()).to.equal(ACK_ONE);
      expect(queryByRole(scope(el), 'button', /^Copy code/)).to.exist;
    });

    it('ten codes: "Save your recovery codes", all codes listed, and a checkbox "I have saved the recovery codes"', async () => {
      const { el } = await setup(TEN);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Save your recovery codes');
      const items = Array.from(el.shadowRoot!.querySelectorAll('[part~="codes"] li')).map((li) => li.textContent!.trim());
      expect(items).to.deep.equal(TEN);
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="codes"] li')!).fontFamily).to.include('monospace');
      expect(checkbox(el).closest('label')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(ACK_MANY);
      expect(queryByRole(scope(el), 'button', /^Copy all/)).to.exist;
      expect(visibleText(scope(el))).to.include('Each works once.');
    });

    it('under lang="nb" the headings are Norwegian', async () => {
      const one = await fixture<HTMLElement>(html`<div lang="nb"><twofa-step-emergency .codes=${ONE}></twofa-step-emergency></div>`);
      const many = await fixture<HTMLElement>(html`<div lang="nb"><twofa-step-emergency .codes=${TEN}></twofa-step-emergency></div>`);
      // The wrapper is no Lit element: wait for the step's first render, which waits for Norwegian.
      await Promise.all([one, many].map((wrapper) => (wrapper.firstElementChild as TwofaStepEmergency).updateComplete));
      const heading = (wrapper: HTMLElement) => getByRole(wrapper, 'heading').textContent!.trim();
      expect(heading(one)).to.equal(nb['twofa-emergency-heading-one']);
      expect(heading(many)).to.equal(nb['twofa-emergency-heading-many']);
    });

    it('without codes yet, offers no tools and the checkbox cannot be ticked', async () => {
      const { el } = await setup([]);
      expectNone(scope(el), 'button', 'Download');
      expect((el.shadowRoot!.querySelector('input[type="checkbox"]') as HTMLInputElement).disabled).to.be.true;
      expect(continueButton(el).disabled).to.be.true;
    });

    it('shows a translated error when the codes could not be fetched', async () => {
      const { el } = await setup([]);
      el.error = { code: 'network' };
      await el.updateComplete;
      expect(getByRole(scope(el), 'status').textContent!.trim()).to.equal("We couldn't reach the server. Check your connection and try again.");
    });
  });

  describe('keyboard', () => {
    it('Continue stays disabled until the checkbox is ticked with Space, then fires twofa-next', async () => {
      const { el, events } = await setup();
      expect(continueButton(el).disabled).to.be.true;
      continueButton(el).click();
      await settle(el);
      expect(events).to.deep.equal([]);
      checkbox(el).focus();
      await press(el, 'Space');
      expect(checkbox(el).checked).to.be.true;
      expect(continueButton(el).disabled).to.be.false;
      await press(el, 'Tab');
      expectFocused(continueButton(el));
      await press(el, 'Enter');
      expect(events).to.deep.equal(['twofa-next']);
    });

    it('unticking disables Continue again', async () => {
      const { el } = await setup();
      checkbox(el).focus();
      await press(el, 'Space');
      await press(el, 'Space');
      expect(checkbox(el).checked).to.be.false;
      expect(continueButton(el).disabled).to.be.true;
    });

    it('busy disables Continue even when ticked', async () => {
      const { el, events } = await setup();
      checkbox(el).click();
      el.busy = true;
      await el.updateComplete;
      expect(continueButton(el).disabled).to.be.true;
      continueButton(el).click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });
  });

  describe('proof="type-back"', () => {
    /** Makes the code asked for predictable: `Math.random` returns `value` until the test ends. */
    function pick(value: number) {
      const random = Math.random;
      Math.random = () => value;
      restore.push(() => (Math.random = random));
    }

    const typeBack = (codes: string[]) =>
      setup(codes, html`<twofa-step-emergency .codes=${codes} proof="type-back" issuer=${ISSUER} account=${ACCOUNT}></twofa-step-emergency>`);

    /** Presses Continue under the codes and waits for the field that asks for one back (its form loads on first use). */
    async function ask(el: TwofaStepEmergency): Promise<HTMLInputElement> {
      continueButton(el).click();
      await waitUntil(() => queryByRole(scope(el), 'textbox'), 'type-back field shown');
      await settle(el);
      return getByRole(scope(el), 'textbox') as HTMLInputElement;
    }

    const headingText = (el: TwofaStepEmergency) => getByRole(scope(el), 'heading').textContent!.trim();

    it('offers no checkbox: Continue is enabled as soon as the codes are there', async () => {
      const { el } = await typeBack(TEN);
      expectNone(scope(el), 'checkbox');
      expect(continueButton(el).disabled).to.be.false;
      const empty = await typeBack([]);
      expect(continueButton(empty.el).disabled).to.be.true;
    });

    it('Continue hides the codes, focuses "Check that you saved the codes" and asks for the code at a random position', async () => {
      pick(0.35); // 10 codes: the 4th
      const { el, events } = await typeBack(TEN);
      // The first test here to ask: the form's chunk loads now, and focus must still land on its heading.
      const field = await ask(el);
      expect(headingText(el)).to.equal('Check that you saved the codes');
      expectFocused(getByRole(scope(el), 'heading'));
      expectSame(getByRole(scope(el), 'textbox', 'Enter recovery code number 4'), field, 'field named "Enter recovery code number 4"');
      expect(field.getAttribute('aria-invalid')).to.equal('false');
      // Nothing of the codes is left to read or copy.
      const text = visibleText(scope(el));
      for (const code of TEN) expect(text).not.to.include(code);
      expect(el.shadowRoot!.querySelector('[part~="codes"]') === null, 'code list removed').to.be.true;
      expectNone(scope(el), 'button', /^Copy all/);
      expectNone(scope(el), 'button', 'Download');
      expect(events).to.deep.equal([]);
    });

    it('the position follows Math.random: first and last code', async () => {
      pick(0);
      const first = await typeBack(TEN);
      await ask(first.el);
      getByRole(scope(first.el), 'textbox', 'Enter recovery code number 1');
      restore.pop()!();
      pick(0.999);
      const last = await typeBack(TEN);
      await ask(last.el);
      getByRole(scope(last.el), 'textbox', 'Enter recovery code number 10');
    });

    it('a wrong code shows the error, marks the field invalid, keeps focus in it and fires nothing', async () => {
      pick(0.35);
      const { el, events } = await typeBack(TEN);
      const field = await ask(el);
      await enter(el, field, TEN[0]); // a saved code, but not the one asked for
      expect(events).to.deep.equal([]);
      expect(descriptionOf(field)).to.equal(WRONG);
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(WRONG);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expectFocused(field);
      await expect(el).to.be.accessible();
    });

    it('Continue with an empty field is a wrong code too, and focus goes to the field', async () => {
      pick(0.35);
      const { el, events } = await typeBack(TEN);
      await ask(el);
      await clickButton(el, 'Continue');
      const field = getByRole(scope(el), 'textbox') as HTMLInputElement;
      expect(events).to.deep.equal([]);
      expect(descriptionOf(field)).to.equal(WRONG);
      expectFocused(field);
    });

    it('typing again clears the error', async () => {
      pick(0.35);
      const { el } = await typeBack(TEN);
      const field = await ask(el);
      await enter(el, field, '1234');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      await press(el, 'Backspace');
      expect(field.getAttribute('aria-invalid')).to.equal('false');
      expect(descriptionOf(field)).to.equal('');
    });

    // Codes are compared as people copy them: case, spaces and dashes do not matter.
    for (const [codes, random, typed] of [
      [TEN, 0.35, '1003-2003'], // 10 codes: the 4th
      [TEN, 0.35, '10032003'],
      [TEN, 0.35, '1003 2003'],
      [TEN, 0.35, ' 1003 - 2003 '],
      [LETTERS, 0.5, 'b4tc-m2pl'], // 3 codes: the 2nd
      [LETTERS, 0.5, 'B4TCM2PL'],
      [LETTERS, 0.5, 'b4 tc-m2 pl'],
      [LETTERS, 0, '7HK2 9QXD'], // a lower-case code given, typed in capitals
    ] as const) {
      const index = Math.floor(random * codes.length);
      it(`"${typed}" for code number ${index + 1}, "${codes[index]}", fires twofa-next`, async () => {
        pick(random);
        const { el, events } = await typeBack([...codes]);
        const field = await ask(el);
        getByRole(scope(el), 'textbox', `Enter recovery code number ${index + 1}`);
        await enter(el, field, typed);
        expect(events).to.deep.equal(['twofa-next']);
      });
    }

    it('a code pasted from a password manager is accepted with the Continue button', async () => {
      pick(0.35);
      const { el, events } = await typeBack(TEN);
      const field = await ask(el);
      field.focus();
      paste(field, TEN[3]);
      await clickButton(el, 'Continue');
      expect(events).to.deep.equal(['twofa-next']);
    });

    it('"Show the codes again" returns to the codes with focus on their heading; Continue asks again', async () => {
      pick(0.35);
      const { el, events } = await typeBack(TEN);
      const field = await ask(el);
      await enter(el, field, 'wrong');
      await clickButton(el, 'Show the codes again');
      expect(headingText(el)).to.equal('Save your recovery codes');
      expectFocused(getByRole(scope(el), 'heading'));
      const items = Array.from(el.shadowRoot!.querySelectorAll('[part~="codes"] li')).map((li) => li.textContent!.trim());
      expect(items).to.deep.equal(TEN);
      restore.pop()!();
      pick(0.75);
      const again = await ask(el);
      expectFocused(getByRole(scope(el), 'heading'));
      // A fresh field, without the old text or error.
      expectSame(getByRole(scope(el), 'textbox', 'Enter recovery code number 8'), again, 'field named "Enter recovery code number 8"');
      expect(again.value).to.equal('');
      expect(again.getAttribute('aria-invalid')).to.equal('false');
      await enter(el, again, TEN[7]);
      expect(events).to.deep.equal(['twofa-next']);
    });

    it('"Show the codes again" is pressed with the keyboard', async () => {
      pick(0.35);
      const { el } = await typeBack(TEN);
      const field = await ask(el);
      field.focus();
      await press(el, 'Tab'); // Continue
      await press(el, 'Tab'); // Show the codes again
      expectFocused(getByRole(scope(el), 'button', 'Show the codes again'));
      await press(el, 'Enter');
      expect(headingText(el)).to.equal('Save your recovery codes');
    });

    it('one code: "Check that you saved the code" asks for "your emergency code"', async () => {
      const { el, events } = await typeBack(ONE);
      const field = await ask(el);
      expect(headingText(el)).to.equal('Check that you saved the code');
      expectSame(getByRole(scope(el), 'textbox', 'Enter your emergency code'), field, 'field named "Enter your emergency code"');
      expect(visibleText(scope(el))).not.to.include(ONE[0]);
      await enter(el, field, '7hk29qxdm4tc');
      expect(events).to.deep.equal(['twofa-next']);
    });

    it('is accessible while asking for a code', async () => {
      const { el } = await typeBack(TEN);
      await ask(el);
      await expect(el).to.be.accessible();
    });
  });

  describe('copy, download, print', () => {
    it('"Copy all" copies every code, one per line', async () => {
      const { el } = await setup(TEN);
      const clipboard = stubClipboard();
      restore.push(clipboard.restore);
      getByRole(scope(el), 'button', /^Copy all/).click();
      await waitUntil(() => clipboard.written.length > 0, 'clipboard written');
      expect(clipboard.written).to.deep.equal([TEN.join('\n')]);
    });

    it('"Copy code" copies the one code', async () => {
      const { el } = await setup(ONE);
      const clipboard = stubClipboard();
      restore.push(clipboard.restore);
      getByRole(scope(el), 'button', /^Copy code/).click();
      await waitUntil(() => clipboard.written.length > 0, 'clipboard written');
      expect(clipboard.written).to.deep.equal(ONE);
    });

    it('Download saves a .txt with the codes, issuer, account and date, and releases the object URL', async () => {
      const { el } = await setup(TEN);
      const download = stubDownload();
      restore.push(download.restore);
      getByRole(scope(el), 'button', 'Download').click();
      await waitUntil(() => download.links.length > 0, 'download started');
      expect(download.blobs).to.have.length(1);
      const blob = download.blobs[0];
      expect(blob.type).to.include('text/plain');
      const text = await blob.text();
      for (const code of TEN) expect(text).to.include(code);
      expect(text).to.include(`Recovery codes for ${ACCOUNT} at ${ISSUER}`);
      expect(text).to.include(`Created `);
      expect(text).to.include(String(new Date().getFullYear()));
      expect(download.links[0].download).to.equal('example-bank-recovery-codes.txt');
      expect(download.links[0].href).to.equal('blob:test/1');
      await waitUntil(() => download.revoked.length > 0, 'object URL released');
      expect(download.revoked).to.deep.equal(['blob:test/1']);
    });

    it('Download of a single code names it an emergency code', async () => {
      const { el } = await setup(ONE);
      const download = stubDownload();
      restore.push(download.restore);
      getByRole(scope(el), 'button', 'Download').click();
      await waitUntil(() => download.links.length > 0, 'download started');
      expect(await download.blobs[0].text()).to.include(`Emergency code for ${ACCOUNT} at ${ISSUER}`);
      expect(download.links[0].download).to.equal('example-bank-emergency-code.txt');
    });

    it('Print prints a document with just the codes from a hidden frame, then removes the frame', async () => {
      const { el } = await setup(TEN, html`<div lang="en-GB"><twofa-step-emergency issuer=${ISSUER} account=${ACCOUNT}></twofa-step-emergency></div>`);
      const step = el.querySelector('twofa-step-emergency')!;
      step.codes = TEN;
      await step.updateComplete;
      const print = stubFramePrint();
      restore.push(print.restore);
      getByRole(scope(step), 'button', 'Print').click();
      await waitUntil(() => print.printed.length > 0, 'printed', { timeout: 3000 });
      const [page] = print.printed;
      expect(page.inDocument).to.be.true;
      for (const code of TEN) expect(page.text).to.include(code);
      expect(page.text).to.include(`Recovery codes for ${ACCOUNT} at ${ISSUER}`);
      expect(page.text).to.include('Created');
      expect(page.lang).to.equal('en-GB');
      expect(page.listFont).to.include('monospace');
      // The step's own text (buttons, checkbox) is not printed.
      expect(page.text).not.to.include(ACK_MANY);
      const [frame] = print.frames;
      expect(frame.getAttribute('aria-hidden')).to.equal('true');
      expect(frame.tabIndex).to.equal(-1);
      expect(frame.isConnected).to.be.false;
    });

    it('leaves no frame with the codes behind when afterprint never comes: a second Print replaces it, removal drops it', async () => {
      const print = stubFramePrint({ afterprint: false });
      restore.push(print.restore);
      const step = await fixture<TwofaStepEmergency>(html`<twofa-step-emergency .codes=${TEN} issuer=${ISSUER} account=${ACCOUNT}></twofa-step-emergency>`);
      getByRole(scope(step), 'button', 'Print').click();
      getByRole(scope(step), 'button', 'Print').click();
      await waitUntil(() => print.printed.length === 2, 'printed twice', { timeout: 3000 });
      expect(print.frames.map((frame) => frame.isConnected)).to.deep.equal([false, true]);
      step.remove();
      expect(print.frames[1].isConnected, 'the codes leave the page with the step').to.be.false;
    });

    it('printCodes, called directly, never opens a real dialog under the stub', async () => {
      const print = stubFramePrint();
      restore.push(print.restore);
      // (English text: the file's language is the translator's; its `lang` only formats the date.)
      printCodes(
        { codes: ONE, issuer: ISSUER, account: ACCOUNT, lang: 'nb' },
        { locale: 'en', msg: (template, options) => translate('en', template, options) },
      );
      expect(print.printed).to.have.length(1);
      expect(print.printed[0].text).to.include(ONE[0]);
      expect(print.printed[0].text).to.include(`Emergency code for ${ACCOUNT} at ${ISSUER}`);
      expect(print.printed[0].lang).to.equal('nb');
    });
  });
});
