import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { buildOtpauthUri } from '../../src/adapter/otpauth-uri.js';
import 'twofa-enroll/twofa-step-qr.js';
import type { TwofaStepQr } from 'twofa-enroll';
import { deepElements, getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { clickButton, expectFocused, expectNone, expectSame, press, recordAll, scope, settle, stubClipboard } from './helpers.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const GROUPED = 'JBSW Y3DP EHPK 3PXP JBSW Y3DP';
const SPELLED = 'J B S W, Y 3 D P, E H P K, 3 P X P, J B S W, Y 3 D P';
const ISSUER = 'Example Bank';
const ACCOUNT = 'jane@example.com';
const URI = buildOtpauthUri({ secret: SECRET, issuer: ISSUER, account: ACCOUNT, digits: 6, period: 30, algorithm: 'SHA1' });
const SUMMARY = "Can't scan the image?";
const USE_COMPUTER = 'Using an app on this computer?';
const USE_PHONE = 'Scan a QR code instead';
const KEY_HEADING = 'Add the key to your app';

async function setup(template = html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT}></twofa-step-qr>`) {
  const el = await fixture<TwofaStepQr>(template);
  return { el, events: recordAll(el) };
}

/** Waits until the QR image (not its loading placeholder) is drawn. */
async function qrImage(el: TwofaStepQr): Promise<HTMLElement> {
  await waitUntil(() => queryByRole(scope(el), 'img', /^QR code for adding/), 'QR code drawn', { timeout: 4000 });
  return getByRole(scope(el), 'img', /^QR code for adding/);
}

function details(el: TwofaStepQr): HTMLDetailsElement {
  return el.shadowRoot!.querySelector('details')!;
}

/** The screen-reader version of the key: the visually hidden text next to the grouped key. */
function spelledKey(el: TwofaStepQr): HTMLElement {
  const secret = el.shadowRoot!.querySelector('[part~="secret"]')!;
  return Array.from(secret.parentElement!.querySelectorAll<HTMLElement>('.visually-hidden')).find((span) => span.textContent!.trim() === SPELLED)!;
}

/** The manual details as term → value, values with their whitespace collapsed. */
function detailPairs(el: TwofaStepQr): Record<string, string> {
  const terms = Array.from(el.shadowRoot!.querySelectorAll('dt')).map((dt) => dt.textContent!.trim());
  const values = Array.from(el.shadowRoot!.querySelectorAll('dd')).map((dd) => dd.textContent!.replace(/\s+/g, ' ').trim());
  return Object.fromEntries(terms.map((term, i) => [term, values[i]]));
}

async function openByKeyboard(el: TwofaStepQr, key: 'Enter' | 'Space') {
  const summary = getByRole(scope(el), 'button', SUMMARY);
  summary.focus();
  expectFocused(summary);
  await press(el, key);
  await waitUntil(() => details(el).open && el.manualOpen, 'disclosure open');
  await el.updateComplete;
}

describe('<twofa-step-qr>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await qrImage(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible with the disclosure open', async () => {
    const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} manual-open></twofa-step-qr>`);
    await qrImage(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible in the key view', async () => {
    const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} view="key"></twofa-step-qr>`);
    await expect(el).to.be.accessible();
  });

  it('is accessible while preparing', async () => {
    const { el } = await setup(html`<twofa-step-qr></twofa-step-qr>`);
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('has a heading and a QR image whose accessible name names the account and points to the disclosure', async () => {
      const { el } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Scan the QR code');
      const image = await qrImage(el);
      const name = image.getAttribute('aria-label')!;
      expect(name).to.include(ACCOUNT);
      const summary = getByRole(scope(el), 'button', SUMMARY);
      expect(name).to.include(summary.textContent!.trim());
    });

    it('mode="reset" asks to scan with the new authenticator', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} mode="reset"></twofa-step-qr>`);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Scan the QR code with your new authenticator');
      await qrImage(el);
    });

    it('"Open in authenticator app" links to the otpauth URI', async () => {
      const { el } = await setup();
      const link = getByRole(scope(el), 'link', 'Open in authenticator app') as HTMLAnchorElement;
      expect(link.getAttribute('href')).to.equal(URI);
    });

    it('keeps the secret key hidden until the disclosure is opened', async () => {
      const { el } = await setup();
      expect(details(el).open).to.be.false;
      // The content of a closed <details> keeps its boxes but is skipped (content-visibility).
      expect(spelledKey(el).checkVisibility(), 'spelled-out key visible').to.be.false;
      expect(el.shadowRoot!.querySelector<HTMLElement>('[part~="secret"]')!.checkVisibility(), 'grouped key visible').to.be.false;
      await openByKeyboard(el, 'Enter');
      expect(spelledKey(el).checkVisibility(), 'spelled-out key visible').to.be.true;
    });

    it('never puts the secret in an attribute: not on the step, nor anywhere inside except the link', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} manual-open></twofa-step-qr>`);
      await qrImage(el);
      for (const attribute of Array.from(el.attributes)) expect(attribute.value, attribute.name).not.to.include(SECRET);
      expect(el.outerHTML).not.to.include(SECRET);
      for (const node of deepElements(el.shadowRoot!)) {
        if (node.matches('a[part~="open-app"]')) continue;
        for (const attribute of Array.from(node.attributes)) expect(attribute.value, `${node.localName}[${attribute.name}]`).not.to.include(SECRET);
      }
    });

    it('without a uri says "Preparing your QR code…" in a status region and disables Next', async () => {
      const { el, events } = await setup(html`<twofa-step-qr></twofa-step-qr>`);
      expect(getByRole(scope(el), 'status').textContent!.trim()).to.equal('Preparing your QR code…');
      const next = getByRole(scope(el), 'button', 'Next: enter the code') as HTMLButtonElement;
      expect(next.disabled).to.be.true;
      next.click();
      await settle(el);
      expect(events).to.deep.equal([]);
      expectNone(scope(el), 'link', 'Open in authenticator app');
      expectNone(scope(el), 'button', SUMMARY);
    });

    it('shows the code once uri and secret arrive', async () => {
      const { el } = await setup(html`<twofa-step-qr issuer=${ISSUER} account=${ACCOUNT}></twofa-step-qr>`);
      el.uri = URI;
      el.secret = SECRET;
      await el.updateComplete;
      await qrImage(el);
      expect((getByRole(scope(el), 'button', 'Next: enter the code') as HTMLButtonElement).disabled).to.be.false;
    });

    it('shows a translated error instead of "Preparing…" when the enrollment could not be created', async () => {
      const { el } = await setup(html`<twofa-step-qr></twofa-step-qr>`);
      el.error = { code: 'server' };
      await el.updateComplete;
      expect(getByRole(scope(el), 'status').textContent!.trim()).to.equal('Something went wrong on our side. Try again in a moment.');
    });
  });

  describe('keyboard', () => {
    it('Enter on the summary opens the disclosure with the key in groups of four, in monospace, and spelled out for screen readers', async () => {
      const { el } = await setup();
      await openByKeyboard(el, 'Enter');
      const secret = el.shadowRoot!.querySelector<HTMLElement>('[part~="secret"]')!;
      expect(secret.textContent!.trim()).to.equal(GROUPED);
      expect(getComputedStyle(secret).fontFamily).to.include('monospace');
      // The grouped key is hidden from screen readers, which read the spelled-out version instead.
      expectSame(secret.closest('[aria-hidden="true"]'), secret, 'the grouped key carries aria-hidden itself');
      expect(spelledKey(el), 'spelled-out key').to.exist;
      expect(spelledKey(el).getAttribute('aria-hidden')).to.be.null;
      expect(visibleText(scope(el))).to.include(SPELLED);
    });

    it('shows the details an app asks for: account, issuer, type, digits, interval, algorithm', async () => {
      const { el } = await setup(
        html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} digits="8" period="60" algorithm="SHA256"></twofa-step-qr>`,
      );
      await openByKeyboard(el, 'Space');
      const pairs = detailPairs(el);
      expect(pairs['Account']).to.equal(ACCOUNT);
      expect(pairs['Issuer']).to.equal(ISSUER);
      expect(pairs['Type']).to.equal('Time based (TOTP)');
      expect(pairs['Digits']).to.equal('8');
      expect(pairs['Interval']).to.equal('60 seconds');
      expect(pairs['Algorithm']).to.equal('SHA256');
    });

    it('Space on the summary closes it again', async () => {
      const { el } = await setup();
      await openByKeyboard(el, 'Space');
      await press(el, 'Space');
      await waitUntil(() => !details(el).open && !el.manualOpen, 'disclosure closed');
    });

    it('manual-open opens the disclosure from the start', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} manual-open></twofa-step-qr>`);
      expect(details(el).open).to.be.true;
      expect(visibleText(scope(el))).to.include(SPELLED);
    });
  });

  describe('key view', () => {
    it('"Using an app on this computer?" shows the key and its details instead of the QR code, and moves focus to the new heading', async () => {
      const { el, events } = await setup();
      await qrImage(el);
      await clickButton(el, USE_COMPUTER);
      const heading = getByRole(scope(el), 'heading');
      expect(heading.textContent!.trim()).to.equal(KEY_HEADING);
      expectFocused(heading);
      expect(el.view).to.equal('key');
      expect(el.getAttribute('view')).to.equal('key');
      expect(visibleText(scope(el))).to.include('add a one-time code to a new entry and paste or type the key');
      expectNone(scope(el), 'img', /^QR code for adding/);
      expectNone(scope(el), 'link', 'Open in authenticator app');
      expectNone(scope(el), 'button', SUMMARY);
      expect(events).to.deep.equal([]);
    });

    it('shows the key grouped in fours with its copy button, and the account, issuer, digits, interval and algorithm', async () => {
      const { el } = await setup(
        html`<twofa-step-qr
          .uri=${URI}
          .secret=${SECRET}
          issuer=${ISSUER}
          account=${ACCOUNT}
          digits="8"
          period="60"
          algorithm="SHA512"
          view="key"
        ></twofa-step-qr>`,
      );
      const secret = el.shadowRoot!.querySelector<HTMLElement>('[part~="secret"]')!;
      expect(secret.checkVisibility(), 'grouped key visible').to.be.true;
      expect(secret.textContent!.trim()).to.equal(GROUPED);
      expect(spelledKey(el).checkVisibility(), 'spelled-out key visible').to.be.true;
      // The copy button (inside <twofa-copy-button>) sits with the key.
      const copy = (getByRole(scope(el), 'button', /^Copy key/).getRootNode() as ShadowRoot).host;
      expect(copy.closest('dd') !== null && copy.closest('dd') === secret.closest('dd'), 'copy button next to the key').to.be.true;
      expect(detailPairs(el)).to.deep.equal({
        Account: ACCOUNT,
        Issuer: ISSUER,
        'Secret key': `${GROUPED} Spelled out, in groups of four: ${SPELLED}`,
        Type: 'Time based (TOTP)',
        Digits: '8',
        Interval: '60 seconds',
        Algorithm: 'SHA512',
      });
    });

    it('"Copy key" in the key view copies the key without spaces', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${GROUPED} issuer=${ISSUER} account=${ACCOUNT} view="key"></twofa-step-qr>`);
      const clipboard = stubClipboard();
      try {
        getByRole(scope(el), 'button', /^Copy key/).click();
        await waitUntil(() => clipboard.written.length > 0, 'clipboard written');
        expect(clipboard.written).to.deep.equal([SECRET]);
      } finally {
        clipboard.restore();
      }
    });

    it('"Scan a QR code instead" goes back to the QR code and focuses its heading', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} view="key"></twofa-step-qr>`);
      expectNone(scope(el), 'img', /^QR code for adding/);
      await clickButton(el, USE_PHONE);
      const heading = getByRole(scope(el), 'heading');
      expect(heading.textContent!.trim()).to.equal('Scan the QR code');
      expectFocused(heading);
      expect(el.view).to.equal('qr');
      await qrImage(el);
      getByRole(scope(el), 'button', USE_COMPUTER);
      expectNone(scope(el), 'button', USE_PHONE);
    });

    it('switches both ways with the keyboard', async () => {
      const { el } = await setup();
      getByRole(scope(el), 'button', USE_COMPUTER).focus();
      await press(el, 'Enter');
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal(KEY_HEADING);
      // From the heading, Tab reaches the copy button, then the switch back.
      await press(el, 'Tab');
      expectFocused(getByRole(scope(el), 'button', /^Copy key/));
      await press(el, 'Tab');
      expectFocused(getByRole(scope(el), 'button', USE_PHONE));
      await press(el, 'Space');
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Scan the QR code');
      expectFocused(getByRole(scope(el), 'heading'));
    });

    it('Next, Back and Cancel work from the key view', async () => {
      const { el, events } = await setup(
        html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} view="key" can-go-back></twofa-step-qr>`,
      );
      await clickButton(el, 'Next: enter the code');
      await clickButton(el, 'Back');
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-next', 'twofa-back', 'twofa-dismiss']);
    });

    it('mode="reset" does not change the key view’s heading', async () => {
      const { el } = await setup(
        html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} mode="reset" view="key"></twofa-step-qr>`,
      );
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal(KEY_HEADING);
      await clickButton(el, USE_PHONE);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Scan the QR code with your new authenticator');
    });

    it('while preparing, says so and offers no switch', async () => {
      const { el } = await setup(html`<twofa-step-qr view="key"></twofa-step-qr>`);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal(KEY_HEADING);
      expect(getByRole(scope(el), 'status').textContent!.trim()).to.equal('Preparing your QR code…');
      expectNone(scope(el), 'button', USE_PHONE);
      expect((getByRole(scope(el), 'button', 'Next: enter the code') as HTMLButtonElement).disabled).to.be.true;
    });

    it('never puts the secret in an attribute', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} view="key"></twofa-step-qr>`);
      expect(el.outerHTML).not.to.include(SECRET);
      for (const node of deepElements(el.shadowRoot!)) {
        for (const attribute of Array.from(node.attributes)) expect(attribute.value, `${node.localName}[${attribute.name}]`).not.to.include(SECRET);
      }
    });
  });

  describe('copy', () => {
    let clipboard: ReturnType<typeof stubClipboard> | undefined;
    afterEach(() => {
      clipboard?.restore();
      clipboard = undefined;
    });

    it('"Copy key" copies the secret without the spaces', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${SECRET} issuer=${ISSUER} account=${ACCOUNT} manual-open></twofa-step-qr>`);
      clipboard = stubClipboard();
      getByRole(scope(el), 'button', /^Copy key/).click();
      await waitUntil(() => clipboard!.written.length > 0, 'clipboard written');
      expect(clipboard.written).to.deep.equal([SECRET]);
    });

    it('copies the key without spaces even when the secret was given grouped', async () => {
      const { el } = await setup(html`<twofa-step-qr .uri=${URI} .secret=${GROUPED} issuer=${ISSUER} account=${ACCOUNT} manual-open></twofa-step-qr>`);
      clipboard = stubClipboard();
      getByRole(scope(el), 'button', /^Copy key/).click();
      await waitUntil(() => clipboard!.written.length > 0, 'clipboard written');
      expect(clipboard.written).to.deep.equal([SECRET]);
    });
  });

  describe('events', () => {
    it('Next fires twofa-next', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Next: enter the code');
      expect(events).to.deep.equal(['twofa-next']);
    });

    it('Back is offered only with can-go-back, and fires twofa-back', async () => {
      const { el, events } = await setup();
      expectNone(scope(el), 'button', 'Back');
      el.canGoBack = true;
      await el.updateComplete;
      await clickButton(el, 'Back');
      expect(events).to.deep.equal(['twofa-back']);
    });

    it('Cancel fires twofa-dismiss', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });

    it('busy disables Next', async () => {
      const { el, events } = await setup();
      el.busy = true;
      await el.updateComplete;
      const next = getByRole(scope(el), 'button', 'Next: enter the code') as HTMLButtonElement;
      expect(next.disabled).to.be.true;
      next.click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });
  });
});
