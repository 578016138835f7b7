/**
 * `<twofa-step-up>` on a page without the panel: its own entry adds the panel's part of each language,
 * where its own messages are (build/messages.ts).
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import 'twofa-enroll/twofa-step-up.js';
import type { TwofaStepUp } from 'twofa-enroll/twofa-step-up.js';
import { visibleText } from '../helpers/queries.js';

describe('localization: <twofa-step-up> on its own', () => {
  it('speaks Norwegian, its own messages included', async () => {
    const el = await fixture<TwofaStepUp>(html`<twofa-step-up lang="nb" need="proof"></twofa-step-up>`);
    await waitUntil(
      () => visibleText(el).includes('Bekreft endringen med en kode fra autentiseringsappen eller med en av reservekodene dine.'),
      'its lead in Norwegian',
      { timeout: 4000 },
    );
  });
});
