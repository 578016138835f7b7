/**
 * Find elements the way a user perceives them: by role and accessible name, through shadow roots.
 * A small stand-in for Testing Library's queries, which do not pierce shadow DOM.
 */

const IMPLICIT_ROLES: Record<string, (el: Element) => string | null> = {
  BUTTON: () => 'button',
  A: (el) => (el.hasAttribute('href') ? 'link' : null),
  H1: () => 'heading',
  H2: () => 'heading',
  H3: () => 'heading',
  SELECT: () => 'combobox',
  SUMMARY: () => 'button',
  INPUT: (el) => {
    const type = (el as HTMLInputElement).type;
    if (type === 'checkbox') return 'checkbox';
    if (type === 'radio') return 'radio';
    if (type === 'button' || type === 'submit') return 'button';
    if (type === 'hidden') return null;
    return 'textbox';
  },
};

/** Every element below `root`, descending into open shadow roots. */
export function* deepElements(root: ParentNode): Generator<Element> {
  if (root instanceof Element && root.shadowRoot) yield* deepElements(root.shadowRoot);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

export function roleOf(el: Element): string | null {
  return el.getAttribute('role') ?? IMPLICIT_ROLES[el.tagName]?.(el) ?? null;
}

/** The text of `node`, less what is hidden from screen readers (`aria-hidden`), as a name is made of it. */
function spokenText(node: Node): string {
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  if (node instanceof Element) return Array.from(node.childNodes).map(spokenText).join('');
  return node instanceof Text ? node.data : '';
}

function text(el: Element | null): string {
  return (el ? spokenText(el) : '').replace(/\s+/g, ' ').trim();
}

/** Accessible name, covering what this kit uses: aria-label, aria-labelledby, <label>, content. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const root = el.getRootNode() as Document | ShadowRoot;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(' ')
      .map((id) => text(root.getElementById(id)))
      .join(' ');
  if (el.id && (el.tagName === 'INPUT' || el.tagName === 'SELECT')) {
    const forLabel = root.querySelector(`label[for="${el.id}"]`);
    if (forLabel) return text(forLabel);
  }
  const wrapping = el.closest('label');
  if (wrapping) return text(wrapping);
  return text(el);
}

function isVisible(el: Element): boolean {
  if (el.closest('[hidden]') || el.closest('[aria-hidden="true"]')) return false;
  return (el as HTMLElement).getClientRects?.().length > 0 || el.tagName === 'svg';
}

/** All visible elements with this role whose name matches. */
export function queryAllByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const matches: HTMLElement[] = [];
  for (const el of deepElements(root)) {
    if (roleOf(el) !== role || !isVisible(el)) continue;
    const accessible = nameOf(el);
    if (name === undefined || (typeof name === 'string' ? accessible === name : name.test(accessible))) matches.push(el as HTMLElement);
  }
  return matches;
}

export function queryByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement | null {
  return queryAllByRole(root, role, name)[0] ?? null;
}

export function getByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = queryByRole(root, role, name);
  if (!found) {
    const seen = queryAllByRole(root, role).map(nameOf);
    throw new Error(`No ${role} named ${String(name)}; visible ${role}s: ${JSON.stringify(seen)}`);
  }
  return found;
}

/** The deepest focused element, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** All text a user could see below `root`, through shadow roots. */
export function visibleText(root: ParentNode): string {
  const parts: string[] = [];
  for (const el of deepElements(root)) {
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE && isVisible(el)) parts.push(node.textContent ?? '');
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}
