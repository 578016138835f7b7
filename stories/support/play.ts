/**
 * Helpers for stories' play functions: the kit renders asynchronously and inside shadow roots, so a
 * play function waits for what it clicks and reaches through `shadowRoot`s step by step.
 */

/** Waits until `find()` returns something. */
export async function waitFor<T>(find: () => T | null | undefined, timeout = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - start > timeout) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits for the element at the end of a path of selectors, each one looked up in the shadow root of
 * the one before: `inShadow(canvas, 'twofa-step-emergency', 'button.primary')`.
 */
export function inShadow<T extends Element = HTMLElement>(root: ParentNode, first: string, ...rest: string[]): Promise<T> {
  return waitFor(() => {
    let found = root.querySelector(first);
    for (const selector of rest) found = found?.shadowRoot?.querySelector(selector) ?? null;
    return found as T | null;
  });
}

/** Types into an input as a person would (an `input` event per value change), inside or outside a shadow root. */
export function typeInto(input: HTMLInputElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

/**
 * Runs `act` with `Math.random` fixed until it has finished, so a step that picks something at random
 * (perhaps after loading a chunk) picks the same in every run of the story.
 */
export async function withRandom<T>(value: number, act: () => Promise<T>): Promise<T> {
  const random = Math.random;
  Math.random = () => value;
  try {
    return await act();
  } finally {
    Math.random = random;
  }
}
