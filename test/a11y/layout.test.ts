/**
 * What every state of the wizard (test/a11y/states.ts) promises about size and motion: targets of at
 * least 24×24 CSS px, no horizontal scrolling at 320 px wide or at 200 % zoom, and no motion when the
 * user asks for reduced motion. And the QR code's text alternative leads to the manual key.
 */
import { expect, nextFrame, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { itWith } from '../helpers/engine.js';
import { deepElements, getByRole, nameOf, queryByRole, roleOf } from '../helpers/queries.js';
import { wizard, type Wizard } from '../helpers/wizard.js';
import { label, LOCALES, preloadLocales, showIn } from './helpers.js';
import { inState, STATES } from './states.js';

/** Smallest target size, WCAG 2.2 SC 2.5.8 (AA). */
const MIN_TARGET = 24;
/** Longest transition or animation allowed with reduced motion, in seconds. */
const MAX_REDUCED_MOTION = 0.01;
const INTERACTIVE = new Set(['button', 'link', 'checkbox', 'radio', 'textbox', 'combobox']);

const { innerWidth: width, innerHeight: height } = window;

/** Narrow screens, and zoom (simulated: a viewport half as wide, the text twice the size). */
const REFLOW = [
  { name: '320 px wide', width: 320, height: 640, text: '' },
  { name: '200 % zoom (640 px wide, text twice the size)', width: 640, height: 480, text: '200%' },
];

/** Elements that are drawn (not `display: none`, not in a closed `<details>`). */
function rendered(el: Element): boolean {
  // (A closed <details>'s content keeps its boxes in every engine; Firefox does not lay them out again.)
  return el.getClientRects().length > 0 && el.checkVisibility();
}

/** Inside an element hidden the screen-reader-only way (a 1 px clipped box): not laid out for sighted users. */
function screenReaderOnly(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    if (node.classList.contains('visually-hidden')) return true;
  }
  return false;
}

/** Every control a user can click or tap, with its size where smaller than the minimum. */
function smallTargets(root: Element): string[] {
  return [...deepElements(root)]
    .filter((el) => INTERACTIVE.has(roleOf(el) ?? '') && rendered(el) && !screenReaderOnly(el))
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width < MIN_TARGET - 0.01 || box.height < MIN_TARGET - 0.01)
    .map(({ el, box }) => `${roleOf(el)} "${nameOf(el)}": ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
}

/** What makes the page scroll sideways: the page itself, anything drawn beyond the viewport's edges, or a box that scrolls inside. */
function horizontalOverflow(root: Element): string[] {
  const page = document.documentElement;
  const problems = page.scrollWidth > page.clientWidth ? [`the page scrolls: ${page.scrollWidth} > ${page.clientWidth}`] : [];
  for (const el of [root, ...deepElements(root)]) {
    if (!rendered(el) || screenReaderOnly(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.left < -0.5 || box.right > page.clientWidth + 0.5) problems.push(`${label(el)} spans ${box.left.toFixed(0)}–${box.right.toFixed(0)} px`);
    const { overflowX } = getComputedStyle(el);
    if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth) problems.push(`${label(el)} scrolls sideways`);
  }
  return problems;
}

/** Longest of a comma-separated list of CSS times, in seconds. */
function longest(times: string): number {
  // (An unset longhand in a style rule reads as '': no time.)
  return Math.max(0, ...times.split(',').map((time) => parseFloat(time) * (time.trim().endsWith('ms') ? 0.001 : 1) || 0));
}

const motionOf = (style: CSSStyleDeclaration) => Math.max(longest(style.transitionDuration) + longest(style.transitionDelay), longest(style.animationDuration));

/** Elements (hosts included) and their ::before/::after that still move. */
function movingElements(root: Element): string[] {
  const moving: string[] = [];
  for (const el of [root, ...deepElements(root)]) {
    for (const pseudo of [null, '::before', '::after']) {
      const seconds = motionOf(getComputedStyle(el, pseudo));
      if (seconds > MAX_REDUCED_MOTION) moving.push(`${label(el)}${pseudo ?? ''}: ${seconds}s`);
    }
  }
  return moving;
}

/**
 * Rules of the elements' own style sheets that set motion on a pseudo-element other than
 * ::before/::after (a progress bar's value, a marker…), outside a `prefers-reduced-motion:
 * no-preference` block. Computed styles cannot be read there, and a reduced-motion override on
 * elements does not reach them.
 */
function unreachableMotion(root: Element): string[] {
  const found: string[] = [];
  const walk = (rules: CSSRuleList) => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSMediaRule) {
        if (!/prefers-reduced-motion:\s*no-preference/.test(rule.conditionText)) walk(rule.cssRules);
      } else if (rule instanceof CSSStyleRule && /::(?!before\b|after\b)[\w-]+/.test(rule.selectorText) && motionOf(rule.style) > MAX_REDUCED_MOTION) {
        found.push(`${rule.selectorText} { ${rule.style.cssText} }`);
      }
    }
  };
  for (const el of [root, ...deepElements(root)]) for (const sheet of el.shadowRoot?.adoptedStyleSheets ?? []) walk(sheet.cssRules);
  return [...new Set(found)];
}

describe('the QR code has a text alternative that leads to the manual key', () => {
  before(preloadLocales);

  it('in en, nb and sv: the image is named after the "Can\'t scan the image?" disclosure, which shows the key the code holds', async () => {
    const w: Wizard = await wizard();
    getByRole(w.el, 'button', 'Start').click();
    await waitUntil(() => queryByRole(w.el, 'img', /^QR code for adding/), 'QR code drawn', { timeout: 5000 });
    for (const lang of LOCALES) {
      await showIn(w.el, lang, 'light');
      const image = getByRole(w.el, 'img');
      const summary = [...deepElements(w.el)].find((el) => el.localName === 'summary')!;
      expect(nameOf(image), `${lang}: the image's name quotes the disclosure`).to.contain(nameOf(summary));
      expect(nameOf(image), `${lang}: the image's name says whose key it is`).to.contain('jane@example.com');
    }
    const summary = [...deepElements(w.el)].find((el) => el.localName === 'summary') as HTMLElement;
    summary.click();
    await w.el.updateComplete;
    const shown = [...deepElements(w.el)].find((el) => el.getAttribute('part') === 'secret');
    await waitUntil(() => shown && rendered(shown), 'the key is shown');
    const secret = new URL(w.el.shadowRoot!.querySelector('twofa-step-qr')!.uri).searchParams.get('secret');
    expect(shown!.textContent!.replace(/\s+/g, '')).to.equal(secret);
  });
});

describe('size and motion', () => {
  let resized = false;
  let reduced = false;
  afterEach(async () => {
    document.documentElement.style.fontSize = '';
    if (resized) await setViewport({ width, height });
    if (reduced) await emulateMedia({ reducedMotion: 'no-preference' });
    resized = reduced = false;
  });

  for (const state of STATES) {
    describe(state.name, () => {
      const current = inState(state);

      it(`every button, link, checkbox and field is at least ${MIN_TARGET}×${MIN_TARGET} px`, () => {
        expect(smallTargets(current.w.el)).to.deep.equal([]);
      });

      // Needs a 320 px viewport: Chromium's and Firefox's drivers set one, MiniBrowser's window is never
      // narrower than its toolbar, 447 px (test/helpers/engine.ts).
      for (const view of REFLOW) {
        itWith('setViewport')(`no horizontal scrolling at ${view.name}`, async () => {
          resized = true;
          await setViewport({ width: view.width, height: view.height });
          document.documentElement.style.fontSize = view.text;
          await nextFrame();
          expect(horizontalOverflow(current.w.el)).to.deep.equal([]);
        });
      }

      // Needs prefers-reduced-motion emulated, which only Chromium's driver can (test/helpers/engine.ts).
      itWith('emulateMedia')('nothing moves with prefers-reduced-motion: reduce', async () => {
        reduced = true;
        await emulateMedia({ reducedMotion: 'reduce' });
        expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.be.true;
        expect(movingElements(current.w.el), 'elements').to.deep.equal([]);
        expect(unreachableMotion(current.w.el), 'rules the reduced-motion override cannot reach').to.deep.equal([]);
      });
    });
  }
});
