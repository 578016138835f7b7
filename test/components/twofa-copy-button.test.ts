import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import 'twofa-enroll/twofa-copy-button.js';
import type { TwofaCopyButton } from 'twofa-enroll';

const SECRET = 'JBSW Y3DP EHPK 3PXP æøå';

/** Replaces `navigator.clipboard.writeText` for one test with a recording stub. */
function stubClipboard(behaviour: 'accept' | 'reject') {
  const written: string[] = [];
  const clipboard = navigator.clipboard;
  const stub = (text: string) => {
    written.push(text);
    return behaviour === 'accept' ? Promise.resolve() : Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  };
  Object.defineProperty(clipboard, 'writeText', { value: stub, configurable: true, writable: true });
  return { written, restore: () => delete (clipboard as { writeText?: unknown }).writeText };
}

let restore: (() => unknown) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

async function setup(template = html`<twofa-copy-button .value=${SECRET}></twofa-copy-button>`) {
  const el = await fixture<TwofaCopyButton>(template);
  const button = el.shadowRoot!.querySelector('button')!;
  const status = el.shadowRoot!.querySelector('[role="status"]')!;
  return { el, button, status };
}

/** The button's text as rendered (innerText leaves out the hidden alternative label). */
const shownText = (button: HTMLButtonElement) => button.innerText.trim();

async function click(el: TwofaCopyButton, button: HTMLButtonElement) {
  const copied = oneEvent(el, 'twofa-copy');
  button.click();
  const event = await copied;
  await el.updateComplete;
  return event.detail;
}

describe('<twofa-copy-button>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  describe('a11y', () => {
    it('is a button named by its visible text, with an empty status region from the start', async () => {
      const { button, status } = await setup(html`<twofa-copy-button value="x" label="Copy key"></twofa-copy-button>`);
      expect(button.type).to.equal('button');
      expect(shownText(button)).to.equal('Copy key');
      expect(status.textContent!.trim()).to.equal('');
      const box = button.getBoundingClientRect();
      expect(box.width).to.be.at.least(44);
      expect(box.height).to.be.at.least(44);
    });

    it('says "Copy" by default', async () => {
      const { button } = await setup();
      expect(shownText(button)).to.equal('Copy');
    });
  });

  describe('copying', () => {
    it('writes the exact value, says Copied, announces it, and goes back after about 2 s', async () => {
      const clipboard = stubClipboard('accept');
      restore = clipboard.restore;
      const { el, button, status } = await setup();
      const widthBefore = button.getBoundingClientRect().width;
      expect(await click(el, button)).to.deep.equal({ ok: true });
      expect(clipboard.written).to.deep.equal([SECRET]);
      expect(shownText(button)).to.equal('Copied');
      expect(status.textContent!.trim()).to.equal('Copied');
      expect(button.getBoundingClientRect().width).to.equal(widthBefore);
      expect(el.shadowRoot!.querySelector('input')).to.equal(null);
      await aTimeout(2100);
      await el.updateComplete;
      expect(shownText(button)).to.equal('Copy');
      expect(status.textContent!.trim()).to.equal('');
    });

    it('uses copied-label', async () => {
      restore = stubClipboard('accept').restore;
      const { el, button, status } = await setup(html`<twofa-copy-button value="x" label="Copy key" copied-label="Key copied"></twofa-copy-button>`);
      await click(el, button);
      expect(shownText(button)).to.equal('Key copied');
      expect(status.textContent!.trim()).to.equal('Key copied');
    });
  });

  describe('blocked', () => {
    it('when writeText rejects, shows the value selected in a focused read-only field with a hint', async () => {
      const clipboard = stubClipboard('reject');
      restore = clipboard.restore;
      const { el, button } = await setup();
      expect(await click(el, button)).to.deep.equal({ ok: false });
      expect(clipboard.written).to.deep.equal([SECRET]);
      const input = el.shadowRoot!.querySelector('input')!;
      expect(input.readOnly).to.be.true;
      expect(input.value).to.equal(SECRET);
      expect(el.shadowRoot!.activeElement).to.equal(input);
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, SECRET.length]);
      const hint = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!;
      expect(hint.textContent!.trim()).to.equal('Copying was blocked. The text is selected: press Ctrl+C (Cmd+C on a Mac).');
      expect(shownText(button)).to.equal('Copy');
      await expect(el).to.be.accessible();
    });

    it('when there is no clipboard API at all, falls back the same way', async () => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      restore = () => delete (navigator as { clipboard?: unknown }).clipboard;
      const { el, button } = await setup();
      expect(await click(el, button)).to.deep.equal({ ok: false });
      const input = el.shadowRoot!.querySelector('input')!;
      expect(input.value).to.equal(SECRET);
      expect(el.shadowRoot!.activeElement).to.equal(input);
    });

    it('hides the fallback once a later copy works', async () => {
      const first = stubClipboard('reject');
      restore = first.restore;
      const { el, button } = await setup();
      await click(el, button);
      first.restore();
      restore = stubClipboard('accept').restore;
      await click(el, button);
      expect(el.shadowRoot!.querySelector('input')).to.equal(null);
      expect(shownText(button)).to.equal('Copied');
    });
  });
});
