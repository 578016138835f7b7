import { str, type Translator } from '../localization.js';

/** Words more than one step uses, defined once so translators see them once; in the language of `i18n`. */
export const cancelLabel = ({ msg }: Translator) => msg('Cancel', { id: 'twofa-cancel', desc: 'Button that cancels the whole enrollment.' });
export const backLabel = ({ msg }: Translator) => msg('Back', { id: 'twofa-back', desc: 'Button that returns to the previous step.' });
export const continueLabel = ({ msg }: Translator) => msg('Continue', { id: 'twofa-continue', desc: 'Button that goes on to the next step.' });
export const checkingLabel = ({ msg }: Translator) =>
  msg('Checking…', { id: 'twofa-busy-checking', desc: 'Button text while the server checks what the user sent.' });
export const verifyLabel = ({ msg }: Translator) => msg('Verify', { id: 'twofa-verify', desc: 'Button that sends a one-time code for checking.' });
export const codeLabel = ({ msg }: Translator, digits: number) =>
  msg(str`${digits}-digit code`, { id: 'twofa-code-label', desc: 'Label of the one-time code input; the number is the code length.' });
/** The button that sends a code by SMS or e-mail, and what it says while sending. */
export const sendCodeLabel = ({ msg }: Translator, busy: boolean) =>
  busy
    ? msg('Sending…', { id: 'twofa-sms-sending', desc: 'Button text while a code is being sent (by SMS or e-mail).' })
    : msg('Send code', { id: 'twofa-sms-send', desc: 'Button that sends a one-time code by SMS or e-mail.' });
