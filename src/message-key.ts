/**
 * Where the built kit finds a message's translation: a short hash of its English text.
 *
 * In the source every `msg()` call names its id (`{ id: 'twofa-cancel', desc: '…' }`), for
 * `lit-localize` and the translators. The library build (build/messages.ts) drops those options
 * from the calls, which would otherwise ship an id per message, and keys the generated locale
 * modules by `messageKey` of each message's text instead. It picks `SEED` and `SIZE` (written into
 * this module by that build) so that no two of the kit's messages share a key; a `msg()` that still
 * passes an id (the source, in tests and the dev server) is looked up by that id.
 */
import type { StrResult } from '@lit/localize';

const SEED = 0;
const SIZE = 1296;

/** The key of a text: `size` keys, in base 36 (up to two characters for 1296). */
export function textKey(text: string, seed = SEED, size = SIZE): string {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return ((hash >>> 0) % size).toString(36);
}

/** The key of a message without an id in the built locale modules: `textKey` of the string, or of a `str` template's literal parts joined by U+0001. */
export const messageKey = (template: string | StrResult): string => textKey(typeof template === 'string' ? template : template.strings.join('\u0001'));
