import type { KitMessages } from '../localization.js';

/**
 * The messages only `<twofa-manage>` and `<twofa-step-up>` use, in each translated language: their
 * entries add them to what every language loads (`addKitMessages`). The library build keeps them out
 * of the core locale modules and in `./messages/` (build/messages.ts), so a page with the wizard alone
 * does not download them; in the source, each module of `./messages/` is its language's whole module.
 */
export const panelMessages: KitMessages = {
  nb: () => import('./messages/nb.js'),
  sv: () => import('./messages/sv.js'),
  qps: () => import('./messages/qps.js'),
};
