/**
 * Download and print of the emergency codes. Both build the document with DOM APIs, never
 * markup strings, so a strict Content-Security-Policy with Trusted Types allows them.
 */
import { str, type Translator } from '../localization.js';

export interface CodesDocument {
  codes: string[];
  issuer: string;
  account: string;
  /** The locale for `Intl` (the date), matching the language the caller's kit locale translates into. */
  lang: string;
}

/** The text lines of the file, in the language of `i18n`. */
export function lines({ codes, issuer, account, lang }: CodesDocument, { msg }: Translator, now = new Date()): string[] {
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(now);
  return [
    codes.length === 1
      ? msg(str`Emergency code for ${account} at ${issuer}`, { id: 'twofa-export-title-one', desc: 'Title of the downloaded/printed emergency code file.' })
      : msg(str`Recovery codes for ${account} at ${issuer}`, { id: 'twofa-export-title-many', desc: 'Title of the downloaded/printed recovery codes file.' }),
    msg(str`Created ${date}`, { id: 'twofa-export-created', desc: 'Date line in the emergency code file; the date is formatted for the language.' }),
    '',
    ...codes,
    '',
    codes.length === 1
      ? msg('The code works once. Keep it somewhere safe and private, away from your phone.', {
          id: 'twofa-export-advice-one',
          desc: 'Advice at the end of the file with the one emergency code.',
        })
      : msg('Each code works once. Keep this somewhere safe and private, away from your phone.', {
          id: 'twofa-export-advice',
          desc: 'Advice at the end of the file with several recovery codes.',
        }),
  ];
}

/** Saves the codes as a .txt file. */
export function downloadCodes(document: CodesDocument, i18n: Translator): void {
  const blob = new Blob([lines(document, i18n).join('\r\n') + '\r\n'], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName(document, i18n);
  link.click();
  // The object URL holds the codes: release it as soon as the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Prints only the codes, from a hidden frame, removed after printing. Returns what removes it at once:
 * where `print()` does nothing and `afterprint` never comes (headless, kiosk), the codes would stay.
 */
export function printCodes(document: CodesDocument, i18n: Translator): () => void {
  const frame = window.document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  window.document.body.append(frame);
  const printable = frame.contentDocument!;
  printable.documentElement.lang = document.lang;
  const body = printable.body;
  body.style.fontFamily = 'system-ui, sans-serif';
  const [title, created, , ...rest] = lines(document, i18n);
  const heading = printable.createElement('h1');
  heading.textContent = title;
  const date = printable.createElement('p');
  date.textContent = created;
  const list = printable.createElement('ul');
  list.style.fontFamily = 'ui-monospace, Menlo, Consolas, monospace';
  list.style.fontSize = '18pt';
  list.style.listStyle = 'none';
  for (const code of document.codes) {
    const item = printable.createElement('li');
    item.textContent = code;
    list.append(item);
  }
  const advice = printable.createElement('p');
  advice.textContent = rest[rest.length - 1];
  body.append(heading, date, list, advice);
  const remove = () => frame.remove();
  frame.contentWindow!.addEventListener('afterprint', remove, { once: true });
  frame.contentWindow!.print();
  return remove;
}

/** `example-emergency-code.txt`, `bærum-kommune-reservekode.txt`: the issuer, then what the file holds, in the active kit locale. */
export function fileName({ issuer, codes }: CodesDocument, { msg }: Translator): string {
  const what =
    codes.length === 1
      ? msg('emergency-code', {
          id: 'twofa-export-file-one',
          desc: 'File name of the downloaded emergency code, before ".txt": lower case, words joined by hyphens, no spaces.',
        })
      : msg('recovery-codes', {
          id: 'twofa-export-file-many',
          desc: 'File name of the downloaded recovery codes, before ".txt": lower case, words joined by hyphens, no spaces.',
        });
  const name = slug(issuer);
  return `${name ? `${name}-` : ''}${what}.txt`;
}

/** Letters (any script: æ, ø, å, ä, ö stay), digits and hyphens, lower case. */
function slug(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();
}
