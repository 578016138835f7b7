/** Imported first by coexistence-host-first.test.ts: the page configures `@lit/localize` before the kit is loaded. */
import { configureHost } from './host-app.js';

/** Whether any kit element was defined when the page configured its runtime (it must not have been). */
export const kitWasLoaded = Boolean(customElements.get('twofa-enroll'));

export const hostLocalization = configureHost();
