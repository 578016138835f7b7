/**
 * Theming from the page through the outer element alone: `twofa-enroll::part(x)` reaches part x of
 * whichever step is shown (the wizard exports every step's parts), for every part the wizard documents
 * in `custom-elements.json`, in every state the wizard can show.
 */
import { expect } from '@open-wc/testing';
import { reach, STATES } from '../a11y/states.js';
import { deepElements, queryByRole } from '../helpers/queries.js';

interface Manifest {
  modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[];
}
/** The wizard's parts, as custom-elements.json documents them. */
let wizardParts: string[] = [];
/** The page's theme: each part says its own name, and every main button turns one colour. */
const PRIMARY = 'rgb(1, 2, 3)';
const theme = document.createElement('style');

describe('<twofa-enroll> parts, styled from the page', () => {
  before(async () => {
    const manifest: Manifest = await (await fetch('/custom-elements.json')).json();
    const wizard = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'twofa-enroll');
    wizardParts = (wizard?.cssParts ?? []).map((part) => part.name);
    theme.textContent = [
      ...wizardParts.map((name) => `twofa-enroll::part(${name}) { --reached-as: ${name}; }`),
      `twofa-enroll::part(primary) { background-color: ${PRIMARY}; }`,
    ].join('\n');
    document.head.append(theme);
  });
  after(() => theme.remove());

  it('documents the parts of every step', () => {
    expect(wizardParts).to.include.members(['progress', 'step', 'heading', 'primary', 'cancel', 'input', 'code-input', 'manual', 'codes']);
  });

  for (const state of STATES) {
    it(`${state.name}: every part the wizard documents is reached, and the main button restyled`, async () => {
      const w = await reach(state);
      try {
        // The kit's own elements inside a step (the QR image, a copy button) keep their parts to themselves.
        const parts = [...deepElements(w.el)].filter((el) => wizardParts.includes(el.getAttribute('part') ?? ''));
        const reachedAs = parts.map((el) => [el.getAttribute('part'), getComputedStyle(el).getPropertyValue('--reached-as').trim()]);
        expect(reachedAs.filter(([part, reached]) => part !== reached)).to.deep.equal([]);
        if (queryByRole(w.el, 'heading')) expect(reachedAs.map(([part]) => part)).to.include('heading');

        const mainButtons = [...deepElements(w.el)].filter((el) => el.matches('button.primary'));
        expect(mainButtons.map((button) => [button.textContent!.trim(), getComputedStyle(button).backgroundColor])).to.deep.equal(
          mainButtons.map((button) => [button.textContent!.trim(), PRIMARY]),
        );
      } finally {
        w.remove();
      }
    });
  }
});
