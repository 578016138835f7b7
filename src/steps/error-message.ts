import { str, type Translator } from '../localization.js';
import type { MachineError } from '../twofa-enroll/machine.js';

/** The translated sentence for a failure, in the language of `i18n`. Raw server text is never shown. */
export function errorMessage(error: MachineError, { msg }: Translator): string {
  switch (error.code) {
    case 'invalid_code':
      return msg("That code didn't work. Check the code and try again.", {
        id: 'twofa-error-invalid-code',
        desc: 'Error after a wrong one-time code was entered.',
      });
    case 'invalid_password':
      return msg('The password is not correct. Try again.', {
        id: 'twofa-error-invalid-password',
        desc: 'Error after a wrong account password on the password step.',
      });
    case 'password_required':
      return msg('For your security, enter your password again to go on.', {
        id: 'twofa-error-password-required',
        desc: 'Shown on the password step when the server asks for the password again (the user signed in a while ago).',
      });
    case 'proof_required':
      return msg('To replace your authenticator app, first confirm with a code you already have.', {
        id: 'twofa-error-proof-required',
        desc: 'Shown when the server asks for proof before replacing the authenticator app (a reset), and the flow has no step to give it.',
      });
    case 'invalid_proof':
      return msg("That didn't work: the code is wrong or used, or the reset link has expired. Enter a code from your app or an unused recovery code.", {
        id: 'twofa-error-invalid-proof',
        desc: 'Error on the reset proof step: the code, or the reset link the page was opened with, was refused.',
      });
    case 'email_only':
      return msg('E-mail cannot be your only way to sign in. Choose the authenticator app or text messages.', {
        id: 'twofa-error-email-only',
        desc: 'Error when the server refuses e-mail as the only second factor (whoever takes over the mailbox could then sign in).',
      });
    case 'invalid_passkey':
      return msg("The passkey couldn't be saved. Create it again.", {
        id: 'twofa-error-invalid-passkey',
        desc: 'Error when the server refused the new passkey (it could not be verified, or the request was too old): the user creates it again.',
      });
    case 'passkey_exists':
      return msg('This passkey is already saved for your account.', {
        id: 'twofa-error-passkey-exists',
        desc: 'Error when the server already has this passkey (this device or security key) registered for the account.',
      });
    case 'invalid_phone':
      return msg("That phone number doesn't look right. Check the country code and the number.", {
        id: 'twofa-error-invalid-phone',
        desc: 'Error when the server refused the phone number for SMS backup.',
      });
    case 'invalid_email':
      return msg("That e-mail address doesn't look right. Check it and try again.", {
        id: 'twofa-error-invalid-email',
        desc: 'Error when the server refused the e-mail address that codes should be sent to.',
      });
    case 'expired':
      return msg('This setup has expired. Start again to get a new code.', {
        id: 'twofa-error-expired',
        desc: 'Error when the enrollment took too long and the server discarded it.',
      });
    case 'rate_limited':
      return msg('Too many attempts.', {
        id: 'twofa-error-rate-limited',
        desc: 'Error when the server refuses more attempts for a while; a countdown follows.',
      });
    case 'already_enrolled':
      return msg('Two-factor authentication is already turned on for this account.', {
        id: 'twofa-error-already-enrolled',
        desc: 'Error when the account already has two-factor authentication.',
      });
    case 'network':
      return msg("We couldn't reach the server. Check your connection and try again.", {
        id: 'twofa-error-network',
        desc: 'Error when the request failed because of the network.',
      });
    case 'timeout':
      return msg('The server took too long to answer. Try again.', {
        id: 'twofa-error-timeout',
        desc: 'Error when the request timed out.',
      });
    case 'server':
      return msg('Something went wrong on our side. Try again in a moment.', {
        id: 'twofa-error-server',
        desc: 'Error for an unexpected server failure or an invalid answer from the server.',
      });
  }
}

/**
 * "1 attempt left." / "3 attempts left." / at 0, that the next try must wait: the form is chosen by the plural rules of
 * the language of `i18n` (`Intl.PluralRules`). English, Norwegian and Swedish have two forms for whole numbers,
 * `one` and `other`; a language with more would add ids such as `twofa-attempts-left-few`.
 */
export function attemptsLeftMessage(count: number, { msg, locale }: Translator): string {
  // (Not "0 attempts left." after "…try again.": at 0 it says what happens instead.)
  if (count === 0) {
    return msg('No attempts left for now. Wait a while before you try again.', {
      id: 'twofa-attempts-left-none',
      desc: 'After a wrong code when the server says no attempts remain: the next try will be refused for a while.',
    });
  }
  return new Intl.PluralRules(locale).select(count) === 'one'
    ? msg(str`${count} attempt left.`, {
        id: 'twofa-attempts-left-one',
        desc: 'After a wrong code: how many attempts remain, singular form (the number is 1).',
      })
    : msg(str`${count} attempts left.`, {
        id: 'twofa-attempts-left-other',
        desc: 'After a wrong code: how many attempts remain, plural form (the number is 2 or more).',
      });
}

/** Seconds as m:ss, e.g. 42 → "0:42", and from an hour on as h:mm:ss, e.g. 5400 → "1:30:00". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (whole >= 3600) return `${Math.floor(whole / 3600)}:${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}`;
  return `${Math.floor(whole / 60)}:${two(whole % 60)}`;
}
