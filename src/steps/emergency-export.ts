/**
 * Download and print of the emergency codes: loaded only when the user asks for one,
 * so it costs nothing on first load. Both build the document with DOM APIs, never
 * markup strings, so a strict Content-Security-Policy with Trusted Types allows them.
 */
import { msg, str } from '@lit/localize';

export interface CodesDocument {
  codes: string[];
  issuer: string;
  account: string;
  lang: string;
}

function lines({ codes, issuer, account, lang }: CodesDocument): string[] {
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(new Date());
  return [
    codes.length === 1
      ? msg(str`Emergency code for ${account} at ${issuer}`, { id: 'twofa-export-title-one', desc: 'Title of the downloaded/printed emergency code file.' })
      : msg(str`Recovery codes for ${account} at ${issuer}`, { id: 'twofa-export-title-many', desc: 'Title of the downloaded/printed recovery codes file.' }),
    msg(str`Created ${date}`, { id: 'twofa-export-created', desc: 'Date line in the emergency code file; the date is formatted for the language.' }),
    '',
    ...codes,
    '',
    msg('Each code works once. Keep this somewhere safe and private, away from your phone.', {
      id: 'twofa-export-advice',
      desc: 'Advice at the end of the emergency code file.',
    }),
  ];
}

/** Saves the codes as a .txt file. */
export function downloadCodes(document: CodesDocument): void {
  const blob = new Blob([lines(document).join('\r\n') + '\r\n'], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = `${slug(document.issuer) || 'account'}-${document.codes.length === 1 ? 'emergency-code' : 'recovery-codes'}.txt`;
  link.click();
  // The object URL holds the codes: release it as soon as the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Prints only the codes, from a hidden frame, then removes the frame. */
export function printCodes(document: CodesDocument): void {
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
  const [title, created, , ...rest] = lines(document);
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
  frame.contentWindow!.addEventListener('afterprint', () => frame.remove(), { once: true });
  frame.contentWindow!.print();
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();
}
