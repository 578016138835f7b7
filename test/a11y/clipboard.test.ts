/**
 * Copying the secret key (QR step) and the emergency code, in the wizard: through
 * `navigator.clipboard.writeText`, and where the browser refuses, the text shown selected for a
 * manual copy (what `window.getSelection()` holds), with a message saying so.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { deepActiveElement, deepElements, getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import type { Wizard } from '../helpers/wizard.js';
import { stubClipboard } from '../steps/helpers.js';
import { descriptionOf } from '../components/helpers.js';
import { reach, STATES } from './states.js';

const state = (name: string) => STATES.find((s) => s.name === name)!;

const CASES = [
  {
    what: 'the secret key',
    state: state('qr: manual key shown'),
    button: /^Copy key/,
    text: (w: Wizard) => new URL(w.el.shadowRoot!.querySelector('twofa-step-qr')!.uri).searchParams.get('secret')!,
  },
  {
    what: 'the emergency code',
    state: state('emergency: one code'),
    button: /^Copy code/,
    text: (w: Wizard) => [...deepElements(w.el)].find((el) => el.getAttribute('part') === 'codes')!.textContent!.trim(),
  },
];

describe('copying secrets', () => {
  for (const { what, state, button, text } of CASES) {
    it(`${what}: copied with navigator.clipboard.writeText, exactly`, async () => {
      const w = await reach(state);
      const clipboard = stubClipboard();
      try {
        getByRole(w.el, 'button', button).click();
        await waitUntil(() => clipboard.written.length > 0, 'writeText called', { timeout: 4000 });
        expect(clipboard.written).to.deep.equal([text(w)]);
        await waitUntil(() => queryByRole(w.el, 'status', 'Copied'), 'announced as copied', { timeout: 4000 });
      } finally {
        clipboard.restore();
        w.remove();
      }
    });

    it(`${what}: when writeText is refused, shown selected for a manual copy, with a message`, async () => {
      const w = await reach(state);
      const clipboard = stubClipboard('reject');
      try {
        getByRole(w.el, 'button', button).click();
        await waitUntil(() => queryByRole(w.el, 'textbox', 'Text to copy'), 'the manual copy field', { timeout: 4000 });
        expect(clipboard.written, 'writeText was tried').to.deep.equal([text(w)]);
        expect(window.getSelection()?.toString(), 'the selection').to.equal(text(w));
        const field = getByRole(w.el, 'textbox', 'Text to copy');
        expect(deepActiveElement() === field, 'focus on the selected text').to.be.true;
        const message = 'Copying was blocked. The text is selected: press Ctrl+C (Cmd+C on a Mac).';
        expect(visibleText(w.el)).to.contain(message);
        expect(descriptionOf(field), 'the field is described by the message').to.equal(message);
      } finally {
        clipboard.restore();
        w.remove();
      }
    });
  }
});
