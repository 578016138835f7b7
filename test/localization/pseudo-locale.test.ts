/**
 * The pseudo-locale (`lang="qps"`: generated from the English, accented, about a third longer, each
 * message in [brackets]; locales/README.md) in every state of the wizard (test/a11y/states.ts):
 * every text drawn or spoken comes from a message or is data (codes, addresses, Intl's country
 * names), so nothing is hard-coded English; and at 320 px wide no text is cut off or spills out of
 * its box, so longer languages fit.
 */
import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { itWith } from '../helpers/engine.js';
import { deepElements } from '../helpers/queries.js';
import { label, showIn } from '../a11y/helpers.js';
import { inState, STATES } from '../a11y/states.js';

const { innerWidth: width, innerHeight: height } = window;

/**
 * What is no message: the test account and issuer, the key (in groups, or spelled out letter by
 * letter), its algorithm, recovery codes, numbers, masked numbers and punctuation.
 */
const DATA = /jane@example\.com|\bExample\b|\b[A-Z\d]{4}(-[A-Z\d]{4})*\b|\b[A-Z]\b|\bSHA(1|256|512)\b|[\d\s•+\-–—:.,()…/]/g;
const ATTRIBUTES = ['aria-label', 'aria-description', 'placeholder', 'title', 'alt'];

/** Drawn for sighted users: laid out, visible, and not hidden the screen-reader-only way (a 1 px clipped box). */
function drawn(el: Element): boolean {
  if (!el.checkVisibility({ visibilityProperty: true }) || el.getClientRects().length === 0) return false;
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    if (node.classList.contains('visually-hidden')) return false;
  }
  return true;
}

/** Text nodes directly in `el`, with letters or digits. */
const ownText = (el: Element) => Array.from(el.childNodes).filter((node): node is Text => node instanceof Text && /[\p{L}\d]/u.test(node.data));

/** Texts and text attributes outside any [bracketed] message: English that never went through `msg`. */
function untranslated(root: Element): string[] {
  const found: string[] = [];
  const check = (where: string, text: string) => {
    // Country names come from Intl.DisplayNames, which has no pseudo-locale (so they are English).
    if (!text.includes('[') && /\p{L}/u.test(text.replace(DATA, '')) && !where.startsWith('<option')) found.push(`${where}: "${text.trim()}"`);
  };
  for (const el of [root, ...deepElements(root)]) {
    for (const node of ownText(el)) check(`<${el.localName}>`, node.data);
    for (const name of ATTRIBUTES) if (el.hasAttribute(name)) check(`<${el.localName} ${name}>`, el.getAttribute(name)!);
  }
  return found;
}

/** Boxes that clip what overflows them. */
const clips = (el: Element) => getComputedStyle(el).overflowX !== 'visible' || getComputedStyle(el).overflowY !== 'visible';

/** The parent in the flat tree (a slotted element's slot, a shadow root's host). */
const flatParent = (el: Element): Element | null => el.assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);

/** The nearest ancestor in the flat tree that has a box of its own (not inline, not `display: contents`). */
function container(el: Element): Element | null {
  let node = flatParent(el);
  while (node && ['inline', 'contents'].includes(getComputedStyle(node).display)) node = flatParent(node);
  return node;
}

/**
 * Text cut off or spilling out: a box holding text whose content is wider than it (or taller, where it
 * clips), and text drawn outside the viewport or a clipping ancestor. (Inline boxes have no width of
 * their own to compare, so their text is checked by where it is drawn.)
 */
function clippedText(root: Element): string[] {
  const found: string[] = [];
  const viewport = document.documentElement.clientWidth;
  for (const el of [root, ...deepElements(root)]) {
    const texts = ownText(el);
    if (!texts.length || !drawn(el)) continue;
    const display = getComputedStyle(el).display;
    if (display !== 'inline' && display !== 'contents') {
      if (el.scrollWidth > el.clientWidth + 1) found.push(`${label(el)} is ${el.scrollWidth} px wide inside ${el.clientWidth} px`);
      if (clips(el) && el.scrollHeight > el.clientHeight + 1) found.push(`${label(el)} is ${el.scrollHeight} px high inside ${el.clientHeight} px`);
      // A box that grew with its text (a button that does not wrap) past the box it sits in.
      const [box, outer] = [el.getBoundingClientRect(), container(el)?.getBoundingClientRect()];
      if (outer && (box.left < outer.left - 0.5 || box.right > outer.right + 0.5)) found.push(`${label(el)} sticks out of ${label(container(el))}`);
    }
    const frames = [{ name: 'the viewport', left: 0, right: viewport }];
    for (let node = flatParent(el); node; node = flatParent(node)) {
      if (clips(node)) frames.push({ name: label(node), ...node.getBoundingClientRect().toJSON() });
    }
    for (const text of texts) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const box of Array.from(range.getClientRects())) {
        const outside = frames.find((frame) => box.left < frame.left - 0.5 || box.right > frame.right + 0.5);
        if (outside)
          found.push(`"${text.data.trim().slice(0, 30)}" in ${label(el)} reaches ${box.left.toFixed(0)}–${box.right.toFixed(0)} px, outside ${outside.name}`);
      }
    }
  }
  return found;
}

describe('the pseudo-locale checks find what they look for', () => {
  it('hard-coded English, and text cut off or spilling out', async () => {
    const box = await fixture(
      html`<div style="width: 120px">
        <p>[Ŝééñð]</p>
        <p>Send</p>
        <button style="white-space: nowrap">[Ŝééñð åå ñééŵ çööðéé]</button>
        <p style="overflow: hidden; height: 1em">[Ŝééñð åå ñééŵ çööðéé]</p>
      </div>`,
    );
    expect(untranslated(box)).to.deep.equal(['<p>: "Send"']);
    const clipped = clippedText(box);
    expect(clipped, clipped.join(' | ')).to.have.length(2);
    expect(clipped[0]).to.match(/^<button> .* sticks out of <div>/);
    expect(clipped[1]).to.match(/^<p> .* high inside/);
  });
});

describe('the pseudo-locale (qps)', () => {
  let resized = false;
  afterEach(async () => {
    if (resized) await setViewport({ width, height });
    resized = false;
  });

  for (const state of STATES) {
    describe(state.name, () => {
      const current = inState(state);

      it('every text and text attribute is a [bracketed] message, or data', async () => {
        await showIn(current.w.el, 'qps', 'light');
        expect(untranslated(current.w.el)).to.deep.equal([]);
      });

      // Needs a 320 px viewport, which WebKit's MiniBrowser cannot give (test/helpers/engine.ts).
      itWith('setViewport')('no text is cut off or spills out of its box at 320 px wide', async () => {
        resized = true;
        await setViewport({ width: 320, height: 640 });
        await showIn(current.w.el, 'qps', 'light');
        await nextFrame();
        expect(clippedText(current.w.el)).to.deep.equal([]);
      });
    });
  }
});
