/**
 * What runs inside the page, the same in every engine: finding elements the way a user does (by
 * role and accessible name, label or text, through every open shadow root), their states, and
 * waiting for a state. `driver/page.js` bundles this file (with `dom-accessibility-api`, which
 * computes roles and accessible names) and installs it once per document under
 * `Symbol.for('twofa-e2e')`; the engine modules only carry calls to it and do the real input.
 *
 * A locator is a list of steps, resolved from the document each time (as Playwright's are):
 * `{ css }`, `{ role, name?, exact? }`, `{ text, exact? }`, `{ label, exact? }` find inside the
 * elements found so far (or the document); `{ hasText }` filters them, `{ nth }` picks one,
 * `{ frame }` continues in the document of the (same-origin) frame it finds.
 * Names and texts match as Playwright's getByRole/getByText/getByLabel do: whitespace normalized,
 * a string is a case-insensitive substring unless `exact` (then case-sensitive, whole), a
 * `{ regex, flags }` is tested as is.
 */
import { computeAccessibleName, getRole } from 'dom-accessibility-api';

/** @typedef {string | RegExp | { regex: string, flags: string }} Matcher  (a RegExp reaches the page as `{ regex, flags }`) */
/**
 * @typedef {{ css: string } | { role: string, name?: Matcher, exact?: boolean } | { text: Matcher, exact?: boolean }
 *   | { label: Matcher, exact?: boolean } | { hasText: Matcher } | { nth: number } | { frame: string }} Step
 */

const normalize = (/** @type {string} */ text) => text.replace(/\s+/g, ' ').trim();

/**
 * @param {Matcher | undefined} matcher
 * @param {boolean} [exact]
 * @returns {(text: string) => boolean}
 */
function matcherOf(matcher, exact = false) {
  if (matcher === undefined) return () => true;
  if (typeof matcher !== 'string') {
    const regex = matcher instanceof RegExp ? matcher : new RegExp(matcher.regex, matcher.flags);
    return (text) => {
      regex.lastIndex = 0;
      return regex.test(normalize(text));
    };
  }
  const wanted = normalize(matcher);
  if (exact) return (text) => normalize(text) === wanted;
  const lower = wanted.toLowerCase();
  return (text) => normalize(text).toLowerCase().includes(lower);
}

/** The parent in the flat tree: the slot a node is assigned to, else its parent, through shadow roots to their host. */
function flatParent(/** @type {Node} */ node) {
  if (node instanceof Element && node.assignedSlot) return node.assignedSlot;
  if (node instanceof Text && node.assignedSlot) return node.assignedSlot;
  const parent = node.parentNode;
  if (parent && parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE && /** @type {ShadowRoot} */ (parent).host) return /** @type {ShadowRoot} */ (parent).host;
  return parent;
}

/** The children in the flat tree: a host's shadow tree, a slot's assigned nodes (or its fallback), else the children. */
function flatChildren(/** @type {Node} */ node) {
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.childNodes];
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes();
    return assigned.length ? assigned : [...node.childNodes];
  }
  return [...node.childNodes];
}

/** Every element under `root`, in document order, each followed by its shadow tree, then its children. */
function* descendants(/** @type {ParentNode} */ root) {
  for (const child of root.children) yield* withDescendants(child);
}

/** @returns {Generator<Element>} */
function* withDescendants(/** @type {Element} */ element) {
  yield element;
  if (element.shadowRoot) yield* descendants(element.shadowRoot);
  yield* descendants(element);
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD']);

/** The text a user sees in an element: its flat tree's text (shadow trees and slotted content in place). */
function textOf(/** @type {Node} */ node, cache = new Map()) {
  if (node.nodeType === Node.TEXT_NODE) return /** @type {Text} */ (node).data;
  if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED.has(/** @type {Element} */ (node).tagName)) return '';
  let text = cache.get(node);
  if (text === undefined) {
    text = flatChildren(node)
      .map((child) => textOf(child, cache))
      .join('');
    cache.set(node, text);
  }
  return text;
}

function style(/** @type {Element} */ element) {
  return /** @type {Window} */ (element.ownerDocument.defaultView).getComputedStyle(element);
}

/** Rendered and not `visibility: hidden`; a `display: contents` element through its children. */
function isVisible(/** @type {Element} */ element) {
  if (!element.isConnected) return false;
  if (style(element).display === 'contents') {
    return flatChildren(element).some((child) => {
      if (child.nodeType === Node.ELEMENT_NODE) return isVisible(/** @type {Element} */ (child));
      if (child.nodeType !== Node.TEXT_NODE || !normalize(/** @type {Text} */ (child).data)) return false;
      const range = element.ownerDocument.createRange();
      range.selectNodeContents(child);
      const rect = range.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0;
    });
  }
  if (!element.checkVisibility({ visibilityProperty: true })) return false;
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

/** Left out of the accessibility tree: `aria-hidden`, `inert`, not rendered (`display: none`, a closed `<details>`), `visibility: hidden`. */
function isHiddenForAria(/** @type {Element} */ element) {
  for (let node = /** @type {Node | null} */ (element); node && node.nodeType === Node.ELEMENT_NODE; node = flatParent(node)) {
    const el = /** @type {Element} */ (node);
    if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert')) return true;
  }
  const computed = style(element);
  if (computed.display === 'contents') {
    const parent = flatParent(element);
    return parent instanceof Element ? isHiddenForAria(parent) : false;
  }
  return !element.checkVisibility({ visibilityProperty: true }) || computed.visibility !== 'visible';
}

/** `disabled` (itself, or by a disabled fieldset) or `aria-disabled="true"`. */
function isDisabled(/** @type {Element} */ element) {
  return element.matches(':disabled') || element.getAttribute('aria-disabled') === 'true';
}

const nameOf = (/** @type {Element} */ element) => computeAccessibleName(element);

/** The texts that label an element: `aria-labelledby`'s elements, `aria-label`, its `<label>`s. */
function labelsOf(/** @type {Element} */ element) {
  const texts = [];
  const root = /** @type {Document | ShadowRoot} */ (element.getRootNode());
  for (const id of (element.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    const label = root.getElementById(id);
    if (label) texts.push(textOf(label));
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel) texts.push(ariaLabel);
  for (const label of /** @type {HTMLInputElement} */ (element).labels ?? []) texts.push(textOf(label));
  return texts;
}

/** Splits a selector at its descendant combinators (spaces outside brackets, quotes and parentheses). */
function compounds(/** @type {string} */ selector) {
  const parts = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const char of selector.trim()) {
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (/\s/.test(char) && depth === 0) {
      if (current) parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Finds what one step finds inside each of `scopes`.
 * @param {Step} step
 * @param {Array<Document | Element>} scopes
 * @returns {Element[]}
 */
function find(step, scopes) {
  const found = new Set();
  const inside = (/** @type {Document | Element} */ scope) =>
    scope.nodeType === Node.DOCUMENT_NODE ? descendants(/** @type {Document} */ (scope)) : scopeDescendants(/** @type {Element} */ (scope));
  if ('css' in step) {
    // Each compound is looked for inside what the previous one found, through shadow roots.
    let current = scopes;
    for (const part of compounds(step.css)) {
      const next = new Set();
      for (const scope of current) for (const element of inside(scope)) if (element.matches(part)) next.add(element);
      current = [...next];
    }
    return current.map((e) => /** @type {Element} */ (e));
  }
  if ('frame' in step) {
    const documents = [];
    for (const frame of find({ css: step.frame }, scopes)) {
      const document = /** @type {HTMLIFrameElement} */ (frame).contentDocument;
      if (document?.documentElement) documents.push(document);
    }
    return /** @type {any} */ (documents);
  }
  for (const scope of scopes) {
    if ('role' in step) {
      const matches = matcherOf(step.name, step.exact);
      for (const element of inside(scope)) {
        if (getRole(element) === step.role && !isHiddenForAria(element) && matches(nameOf(element))) found.add(element);
      }
    } else if ('label' in step) {
      const matches = matcherOf(step.label, step.exact);
      for (const element of inside(scope)) if (labelsOf(element).some(matches)) found.add(element);
    } else if ('text' in step) {
      const matches = matcherOf(step.text, step.exact);
      const cache = new Map();
      for (const element of inside(scope)) {
        if (SKIPPED.has(element.tagName) || !matches(textOf(element, cache))) continue;
        // The innermost element with the text: none of its children has it alone.
        const childMatches = flatChildren(element).some((child) => child.nodeType === Node.ELEMENT_NODE && matches(textOf(child, cache)));
        if (!childMatches) found.add(element);
      }
    }
  }
  return [...found];
}

/** Inside an element: its shadow tree and its children (not the element itself). */
function* scopeDescendants(/** @type {Element} */ element) {
  if (element.shadowRoot) yield* descendants(element.shadowRoot);
  yield* descendants(element);
}

/**
 * Every element the locator finds now.
 * @param {Step[]} steps
 * @returns {Element[]}
 */
function resolve(steps) {
  /** @type {Array<Document | Element>} */
  let current = [document];
  for (const step of steps) {
    if ('nth' in step) {
      const picked = step.nth < 0 ? current[current.length + step.nth] : current[step.nth];
      current = picked ? [picked] : [];
    } else if ('hasText' in step) {
      const matches = matcherOf(step.hasText);
      current = current.filter((element) => matches(textOf(element)));
    } else current = find(step, current);
  }
  return /** @type {Element[]} */ (current);
}

/** How a locator reads in an error message. */
function describe(/** @type {Step[]} */ steps) {
  const show = (/** @type {Matcher | undefined} */ m) =>
    m === undefined ? '' : typeof m === 'string' ? JSON.stringify(m) : m instanceof RegExp ? String(m) : `/${m.regex}/${m.flags}`;
  return steps
    .map((step) => {
      if ('css' in step) return `locator(${JSON.stringify(step.css)})`;
      if ('role' in step)
        return `getByRole(${JSON.stringify(step.role)}${step.name === undefined ? '' : `, { name: ${show(step.name)}${step.exact ? ', exact' : ''} }`})`;
      if ('text' in step) return `getByText(${show(step.text)}${step.exact ? ', exact' : ''})`;
      if ('label' in step) return `getByLabel(${show(step.label)}${step.exact ? ', exact' : ''})`;
      if ('hasText' in step) return `filter({ hasText: ${show(step.hasText)} })`;
      if ('nth' in step) return `nth(${step.nth})`;
      return `frameLocator(${JSON.stringify(step.frame)})`;
    })
    .join('.');
}

/** What is found, for an error message: how many, and the first few as tag, role, name and text. */
function found(/** @type {Element[]} */ elements) {
  const shown = elements
    .slice(0, 5)
    .map((e) => `<${e.localName}> role=${getRole(e)} name=${JSON.stringify(nameOf(e))} text=${JSON.stringify(normalize(textOf(e)).slice(0, 80))}`);
  return `${elements.length} element(s)${shown.length ? `: ${shown.join('; ')}` : ''}`;
}

/**
 * The states a wait can wait for. `one-*` are what the actions need: exactly one element (more
 * than one is an error, as in Playwright's strict mode), visible, and for `one-enabled` enabled,
 * for `one-editable` enabled and not read-only.
 * @type {Record<string, (elements: Element[]) => boolean>}
 */
const STATES = {
  attached: (elements) => elements.length > 0,
  detached: (elements) => elements.length === 0,
  visible: (elements) => elements.some(isVisible),
  hidden: (elements) => !elements.some(isVisible),
  'one-visible': (elements) => elements.length === 1 && isVisible(elements[0]),
  'one-enabled': (elements) => elements.length === 1 && isVisible(elements[0]) && !isDisabled(elements[0]),
  'one-editable': (elements) =>
    elements.length === 1 && isVisible(elements[0]) && !isDisabled(elements[0]) && !(/** @type {HTMLInputElement} */ (elements[0]).readOnly),
};
const STRICT = new Set(['attached', 'visible', 'one-visible', 'one-enabled', 'one-editable']);

/** Resolves on the next frame, or after 50 ms where frames do not come (a hidden or unfocused window). */
const tick = () =>
  new Promise((done) => {
    const timer = setTimeout(done, 50);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(done, 16);
    });
  });

/**
 * Waits until the locator is in `state`; resolves with the element when one is wanted, else `null`.
 * Rejects on timeout, or when a strict state finds more than one element.
 * @param {Step[]} steps
 * @param {string} state
 * @param {number} timeout
 */
async function waitFor(steps, state, timeout) {
  const until = Date.now() + timeout;
  const check = STATES[state];
  /** What the last check found: the element and its box. */
  const last = { element: /** @type {Element | null} */ (null), box: '' };
  for (;;) {
    const elements = resolve(steps);
    if (STRICT.has(state) && elements.length > 1) {
      throw new Error(`strict mode violation: ${describe(steps)} resolved to ${found(elements)}`);
    }
    if (check(elements)) {
      if (!state.startsWith('one-')) return elements[0] ?? null;
      // Stable: the same box on two consecutive checks (not moving or growing).
      const rect = elements[0].getBoundingClientRect();
      const box = `${rect.x},${rect.y},${rect.width},${rect.height}`;
      if (last.element === elements[0] && last.box === box) return elements[0];
      [last.element, last.box] = [elements[0], box];
    } else last.element = null;
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${describe(steps)} to be ${state}; found ${found(elements)}`);
    await tick();
  }
}

/**
 * Waits until `predicate(arg)` returns something truthy, and returns it.
 * @param {(arg: unknown) => unknown} predicate
 * @param {unknown} arg
 * @param {number} timeout
 */
async function waitForFunction(predicate, arg, timeout) {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await predicate(arg);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${predicate}`);
    await tick();
  }
}

/** The one element a locator finds now (else an error). */
function one(/** @type {Step[]} */ steps) {
  const elements = resolve(steps);
  if (elements.length !== 1) throw new Error(`${describe(steps)} should find exactly one element, found ${found(elements)}`);
  return elements[0];
}

/** Selects the text of a field, so that what is typed next replaces it. */
function selectAll(/** @type {HTMLInputElement} */ field) {
  field.focus();
  field.select();
}

const api = {
  resolve,
  describe,
  count: (/** @type {Step[]} */ steps) => resolve(steps).length,
  one,
  waitFor,
  waitForFunction,
  isVisible,
  isDisabled,
  textOf,
  selectAll,
  /** What tests read of elements, all at once. */
  texts: (/** @type {Step[]} */ steps) => resolve(steps).map((element) => element.textContent ?? ''),
};

Object.defineProperty(globalThis, Symbol.for('twofa-e2e'), { value: api, configurable: true });
