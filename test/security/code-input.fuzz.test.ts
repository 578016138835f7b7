import { expect, fixture, html } from '@open-wc/testing';
import 'twofa-enroll/twofa-code-input.js';
import type { TwofaCodeInput } from '../../src/twofa-code-input/twofa-code-input.component.js';
import { controlByLabel, descriptionOf, paste, record } from '../components/helpers.js';

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What people type, paste and fat-finger: ASCII digits and separators, letters, other scripts' digits, emoji, spaces of all kinds.
const PIECES = [
  ...'0123456789'.split(''),
  ' ',
  '-',
  '\u00a0',
  '\u2013',
  '\t',
  '\n',
  'a',
  'Z',
  'ø',
  'å',
  'O',
  'l',
  '١',
  '٢',
  '٣',
  '۴',
  '५',
  '０',
  '１', // Arabic-Indic, extended Arabic-Indic, Devanagari, full-width digits
  '😀',
  '🔑',
  '\u200b',
  '+',
  '.',
  '/',
  '<b>',
  '"',
  "'",
];

function fuzzString(next: () => number): string {
  const shape = next();
  if (shape < 0.15)
    return `${Math.floor(next() * 1e6)
      .toString()
      .padStart(6, '0')
      .replace(/^(\d{3})/, `$1${next() < 0.5 ? ' ' : '-'}`)}`;
  if (shape < 0.2) return 'x'.repeat(500 + Math.floor(next() * 5000));
  const length = Math.floor(next() * 14);
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

/** What the input must make of a string: the code, or nothing. */
function expectedCode(text: string, digits: number): string | null {
  const compact = text.replace(/[\s\p{Pd}\u2212\p{Cf}]/gu, '');
  return new RegExp(`^[0-9]{${digits}}$`).test(compact) ? compact : null;
}

describe('code input fuzz: 1,000 random strings', () => {
  it('sends nothing but a valid code, never throws, and explains invalid input', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    const el = await fixture<TwofaCodeInput>(html`<twofa-code-input label="6-digit code"></twofa-code-input>`);
    const completed = record<{ code: string }>(el, 'twofa-code-complete');
    const input = controlByLabel(el, '6-digit code');
    const next = random(20261123);
    let valid = 0;
    let explained = 0;
    for (let i = 0; i < 1000; i++) {
      const text = fuzzString(next);
      el.clear();
      await el.updateComplete;
      input.focus();
      const before = completed.length;
      paste(input, text);
      await el.updateComplete;
      const expected = expectedCode(text, 6);
      const sent = completed.slice(before).map((detail) => detail.code);
      if (expected) {
        valid++;
        expect(sent, `"${text}" → ${expected}`).to.deep.equal([expected]);
      } else {
        expect(sent, `nothing sent for ${JSON.stringify(text.slice(0, 40))}`).to.deep.equal([]);
        expect(el.value === '' || el.value.length !== 6, 'no 6-digit value for invalid text').to.be.true;
        // Anything that is not digits (or too many digits) is explained; a short run of digits just waits for more.
        if (/[^\s\p{Pd}\u2212\p{Cf}0-9]/u.test(text) || text.replace(/\D/g, '').length > 6) {
          expect(descriptionOf(input), `a message for ${JSON.stringify(text.slice(0, 40))}`).to.match(/digits|siffer|siffror/i);
          explained++;
        }
      }
    }
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    // The generator must have produced both kinds, or the test proves little.
    expect(valid).to.be.greaterThan(50);
    expect(explained).to.be.greaterThan(300);
  });
});
