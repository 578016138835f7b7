/**
 * Phone numbers for the SMS backup, without a metadata library (libphonenumber is larger than
 * the whole enrollment budget): a shape check in the browser, the server is the judge.
 */

/** Region → country calling code, for the country picker. Nordic countries first, then common ones. */
export const CALLING_CODES: Readonly<Record<string, string>> = {
  NO: '47',
  SE: '46',
  DK: '45',
  FI: '358',
  IS: '354',
  DE: '49',
  GB: '44',
  IE: '353',
  NL: '31',
  BE: '32',
  FR: '33',
  ES: '34',
  PT: '351',
  IT: '39',
  CH: '41',
  AT: '43',
  PL: '48',
  EE: '372',
  LV: '371',
  LT: '370',
  UA: '380',
  US: '1',
  CA: '1',
  AU: '61',
  NZ: '64',
  IN: '91',
  PK: '92',
  PH: '63',
  TR: '90',
  BR: '55',
};

const LANGUAGE_COUNTRY: Readonly<Record<string, string>> = { nb: 'NO', nn: 'NO', no: 'NO', sv: 'SE', da: 'DK', fi: 'FI', is: 'IS' };

/** The country the picker starts on: the region of the language tag if known, else the language's home. */
export function defaultCountry(lang: string): string {
  const [language, region] = lang.split(/[-_]/);
  const upper = region?.toUpperCase();
  if (upper && CALLING_CODES[upper]) return upper;
  return LANGUAGE_COUNTRY[language?.toLowerCase() ?? ''] ?? 'NO';
}

/** E.164 from a picked country and what was typed; a typed "+" or "00" prefix wins over the picker. */
export function toE164(country: string, typed: string): string | null {
  // Any dash (pasted numbers bring en dashes and non-breaking hyphens) separates like a space; the
  // "(0)" of "+44 (0)20 …" is the national trunk prefix, never dialled after the country code.
  const international = /^\s*(\+|00)/.test(typed);
  const compact = (international ? typed.replace(/\(\s*0\s*\)/, '') : typed).replace(/[\s\p{Pd}().]/gu, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else digits = (CALLING_CODES[country] ?? '') + compact.replace(/^0/, '');
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
}

/** Splits an E.164 number back into a country and the national part (to refill the form). */
export function fromE164(phone: string, preferred: string): { country: string; national: string } {
  const digits = phone.replace(/^\+/, '');
  const matches = Object.entries(CALLING_CODES)
    .filter(([, code]) => digits.startsWith(code))
    .sort(([, a], [, b]) => b.length - a.length);
  // Codes shared by several countries (+1): keep the one the user had picked.
  const match = matches.find(([region, code]) => region === preferred && code === matches[0][1]) ?? matches[0];
  return match ? { country: match[0], national: digits.slice(match[1].length) } : { country: preferred, national: phone };
}
