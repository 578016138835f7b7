import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import jsQR from 'jsqr';
import 'twofa-enroll/twofa-qr-code.js';
import type { TwofaQrCode } from 'twofa-enroll';
import { qrPath } from '../../src/twofa-qr-code/qr-path.js';
import { itWith } from '../helpers/engine.js';

const PLAIN = 'otpauth://totp/Example:jane%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30';
// "Blåbær Bank" / "Åsa Ängström @ home" percent-encoded, as an otpauth URI carries them.
const ENCODED =
  'otpauth://totp/Bl%C3%A5b%C3%A6r%20Bank:%C3%85sa%20%C3%84ngstr%C3%B6m%20%40%20home?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bl%C3%A5b%C3%A6r%20Bank&digits=6&period=30';

/** Whether the page fetched the QR encoder yet (read before any test draws a code). */
const encoderLoaded = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/node_modules/qrcode/'));
// Nothing may have been dropped from the (250-entry) timing buffer before the check below.
const entriesAtStart = performance.getEntriesByType('resource').length;
performance.setResourceTimingBufferSize(10_000);
let loadedBeforeFirstDraw: boolean | undefined;
before(() => {
  loadedBeforeFirstDraw = encoderLoaded();
});

async function ready(el: TwofaQrCode) {
  const svg = el.shadowRoot!.querySelector('svg');
  if (svg) return svg;
  await oneEvent(el, 'twofa-qr-ready');
  return el.shadowRoot!.querySelector('svg')!;
}

async function qr(value: string, label?: string) {
  const el = await fixture<TwofaQrCode>(html`<twofa-qr-code .value=${value} label=${label ?? ''}></twofa-qr-code>`);
  const svg = await ready(el);
  return { el, svg };
}

/**
 * Decodes the rendered code with an independent decoder: the SVG is serialized, loaded as an
 * image, rasterized at 8 px per module (quiet zone included) and read back by jsQR.
 */
async function decode(svg: SVGSVGElement): Promise<string | null> {
  const side = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const px = side * 8;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(px));
  copy.setAttribute('height', String(px));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = px;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0, px, px);
  const { data } = context.getImageData(0, 0, px, px);
  return jsQR(data, px, px)?.data ?? null;
}

describe('<twofa-qr-code>', () => {
  it('is accessible', async () => {
    const { el } = await qr(PLAIN);
    await expect(el).to.be.accessible();
  });

  describe('lazy loading', () => {
    it('fetches the QR encoder only once a value is drawn', () => {
      expect(entriesAtStart).to.be.below(250);
      expect(loadedBeforeFirstDraw).to.equal(false);
      expect(encoderLoaded()).to.equal(true);
    });
  });

  describe('decoding', () => {
    it('draws a code that decodes to the exact URI', async () => {
      const { svg } = await qr(PLAIN);
      expect(await decode(svg)).to.equal(PLAIN);
    });

    it('draws a code that decodes to the exact URI with percent-encoded æøå/åäö, spaces and @', async () => {
      const { svg } = await qr(ENCODED);
      expect(await decode(svg)).to.equal(ENCODED);
    });

    it('redraws when the value changes, and the new code decodes to the new value', async () => {
      const { el, svg } = await qr(PLAIN);
      const firstPath = svg.querySelector('path')!.getAttribute('d');
      const next = oneEvent(el, 'twofa-qr-ready');
      el.value = ENCODED;
      await next;
      const redrawn = el.shadowRoot!.querySelector('svg')!;
      expect(redrawn.querySelector('path')!.getAttribute('d')).to.not.equal(firstPath);
      expect(await decode(redrawn)).to.equal(ENCODED);
    });

    it('ends on the last value after quick changes', async () => {
      const { el } = await qr(PLAIN);
      el.value = `${PLAIN}&a=1`;
      await el.updateComplete;
      el.value = ENCODED;
      await oneEvent(el, 'twofa-qr-ready');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await decode(el.shadowRoot!.querySelector('svg')!)).to.equal(ENCODED);
    });
  });

  describe('drawing', () => {
    it('is one crisp path of dark modules on a white square with a 4-module quiet zone', async () => {
      const { el, svg } = await qr(PLAIN);
      const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]) - 8;
      expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${size + 8} ${size + 8}`);
      expect(svg.getAttribute('shape-rendering')).to.equal('crispEdges');
      expect(svg.querySelectorAll('path')).to.have.length(1);
      // Finder pattern: the top-left dark module sits at the quiet zone's edge.
      expect(svg.querySelector('path')!.getAttribute('d')).to.match(/^M4 4h7v1h-7z/);
      expect(el.shadowRoot!.querySelector('[part~="svg"]')).to.equal(svg);
    });

    // Needs the dark colour scheme emulated, which only Chromium's driver can (test/helpers/engine.ts).
    itWith('emulateMedia')('stays dark on white in a dark colour scheme', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      try {
        const { svg } = await qr(PLAIN);
        expect(getComputedStyle(svg.querySelector('rect')!).fill).to.equal('rgb(255, 255, 255)');
        expect(getComputedStyle(svg.querySelector('path')!).fill).to.equal('rgb(0, 0, 0)');
        expect(await decode(svg)).to.equal(PLAIN);
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });

    it('is --twofa-qr-size wide, and its placeholder takes the same place', async () => {
      const el = await fixture<TwofaQrCode>(html`<twofa-qr-code class="sized"></twofa-qr-code>`);
      el.style.setProperty('--twofa-qr-size', '200px');
      await el.updateComplete;
      const placeholder = el.shadowRoot!.querySelector('.placeholder')!.getBoundingClientRect();
      expect([placeholder.width, placeholder.height]).to.deep.equal([200, 200]);
      el.value = PLAIN;
      const svg = await ready(el);
      const drawn = svg.getBoundingClientRect();
      expect([drawn.width, drawn.height]).to.deep.equal([200, 200]);
    });

    it('builds one run per stretch of dark modules in a row', () => {
      // 3×3: row 0 = ■■□, row 1 = □□□, row 2 = ■□■
      expect(qrPath(3, [1, 1, 0, 0, 0, 0, 1, 0, 1], 4)).to.equal('M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z');
    });
  });

  describe('a11y', () => {
    it('is an image named by label', async () => {
      const label = 'QR code for adding jane@example.com to your authenticator app.';
      const { svg } = await qr(PLAIN, label);
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.equal(label);
    });

    it('has a generic name without label', async () => {
      const { svg } = await qr(PLAIN);
      expect(svg.getAttribute('aria-label')).to.equal('QR code to scan with your authenticator app.');
    });

    it('shows a busy placeholder, not the old code, while a new value is drawn', async () => {
      const { el } = await qr(PLAIN);
      const root = el.shadowRoot!;
      const base = root.querySelector('[part~="base"]')!;
      const seen: { busy: string | null; svg: boolean; placeholder: string | null }[] = [];
      // Runs right after each render that flips aria-busy, before the encoder's answer comes back.
      const observer = new MutationObserver(() =>
        seen.push({
          busy: base.getAttribute('aria-busy'),
          svg: !!root.querySelector('svg'),
          placeholder: root.querySelector('.placeholder[role="img"]')?.getAttribute('aria-label') ?? null,
        }),
      );
      observer.observe(base, { attributes: true, attributeFilter: ['aria-busy'] });
      el.value = ENCODED;
      await oneEvent(el, 'twofa-qr-ready');
      await Promise.resolve();
      observer.disconnect();
      expect(seen[0]).to.deep.equal({ busy: 'true', svg: false, placeholder: 'Loading the QR code…' });
      expect(seen.at(-1)).to.deep.equal({ busy: 'false', svg: true, placeholder: null });
    });
  });

  describe('events', () => {
    it('fires twofa-qr-ready with the symbol size once the code is in the DOM', async () => {
      const el = document.createElement('twofa-qr-code');
      let svgAtReady: SVGSVGElement | null = null;
      const ready = new Promise<number>((resolve) =>
        el.addEventListener('twofa-qr-ready', (event) => {
          svgAtReady = el.shadowRoot!.querySelector('svg');
          resolve(event.detail.size);
        }),
      );
      el.value = PLAIN;
      await fixture(el);
      const size = await ready;
      expect(svgAtReady).to.not.equal(null);
      // Version n has 17 + 4n modules per side.
      expect((size - 17) % 4).to.equal(0);
      expect(svgAtReady!.getAttribute('viewBox')).to.equal(`0 0 ${size + 8} ${size + 8}`);
    });
  });
});
