/**
 * What people and apps put between the digits of a code: any white space (incl.
 * no-break and thin spaces), any dash, the minus sign, and invisible format
 * characters (zero-width spaces, bidi marks, soft hyphens) that ride along when
 * a code is copied from an e-mail, SMS or web page.
 */
const SEPARATORS = /[\s\p{Pd}\u2212\p{Cf}]/gu;

/** Removes separators; keeps everything else, so that wrong characters can be shown, not dropped. */
export function stripSeparators(text: string): string {
  return text.replace(SEPARATORS, '');
}

/** Why a separator-free text is not yet a code, or '' when it is exactly `digits` ASCII digits. */
export type CodeProblem = '' | 'not-digits' | 'too-long' | 'incomplete';

export function codeProblem(text: string, digits: number): CodeProblem {
  // ASCII only: other scripts' digits (١٢٣, １２３) would reach the server as something else.
  if (/[^0-9]/.test(text)) return 'not-digits';
  if (text.length > digits) return 'too-long';
  if (text.length < digits) return 'incomplete';
  return '';
}
