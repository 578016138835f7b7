/** Test helpers that reach into an element's shadow root the way assistive technology does: by label and description. */

/** The form control whose `<label>` reads `name`, inside `host`'s shadow root. */
export function controlByLabel(host: Element, name: string): HTMLInputElement {
  const labels = [...(host.shadowRoot?.querySelectorAll('label') ?? [])];
  const label = labels.find((l) => l.textContent?.trim() === name);
  if (!label?.control) throw new Error(`No control labelled "${name}" (labels: ${labels.map((l) => l.textContent?.trim()).join(', ')})`);
  return label.control as HTMLInputElement;
}

/** The text of the elements an element's `aria-describedby` points to (resolved in its own root), joined. */
export function descriptionOf(element: Element): string {
  const root = element.getRootNode() as Document | ShadowRoot;
  return (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '')
    .filter(Boolean)
    .join(' ');
}

/**
 * Pastes `text` into a focused text field the way a browser does it: a cancelable `paste`
 * event carrying the text in `clipboardData`; unless a listener cancels it, the text replaces
 * the selection and an `input` event (`inputType: 'insertFromPaste'`) follows. (A real Ctrl+V
 * would need the shared system clipboard, which parallel test pages would race for.)
 */
export function paste(input: HTMLInputElement, text: string): void {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true });
  if (!input.dispatchEvent(event)) return;
  // (An e-mail field has no selection to replace: what is pasted goes at its end.)
  if (input.selectionStart === null) input.value += text;
  else input.setRangeText(text, input.selectionStart, input.selectionEnd ?? input.selectionStart, 'end');
  input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', data: text, bubbles: true, composed: true }));
}

/** Records the `detail` of every `type` event `target` receives. */
export function record<T>(target: EventTarget, type: string): T[] {
  const seen: T[] = [];
  target.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}
