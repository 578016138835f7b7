/** The form where the user types one saved recovery code back (`proof="type-back"`). */
import { html, type TemplateResult } from 'lit';
import { str, type Translator } from '../localization.js';
import { continueLabel } from '../steps/common-messages.js';

/** What the step hands the form: its heading, and the handlers of the form's events. */
export interface TypeBackParts {
  heading: (text: string) => TemplateResult;
  submit: (event: Event) => void;
  input: () => void;
  showAgain: () => void;
}

/** `number` is the 1-based position of the code asked for; `mismatch` says the last try was wrong. */
export function renderTypeBack(i18n: Translator, one: boolean, number: number, mismatch: boolean, parts: TypeBackParts): TemplateResult {
  const { msg } = i18n;
  return html`
    ${parts.heading(
      one
        ? msg('Check that you saved the code', {
            id: 'twofa-emergency-check-heading-one',
            desc: 'Heading when the user must type the saved emergency code back.',
          })
        : msg('Check that you saved the codes', { id: 'twofa-emergency-check-heading', desc: 'Heading when the user must type a saved recovery code back.' }),
    )}
    <form @submit=${parts.submit} novalidate>
      <label for="type-back">
        ${
          one
            ? msg('Enter your emergency code', {
                id: 'twofa-emergency-check-one',
                desc: 'Label of the field where the user types the saved emergency code back.',
              })
            : msg(str`Enter recovery code number ${number}`, {
                id: 'twofa-emergency-check-many',
                desc: 'Label of the field where the user types one saved recovery code back; the number is its position in the list.',
              })
        }
      </label>
      <input
        id="type-back"
        part="type-back"
        autocomplete="off"
        spellcheck="false"
        autocapitalize="characters"
        aria-invalid=${mismatch ? 'true' : 'false'}
        aria-describedby="type-back-error"
        @input=${parts.input}
      />
      <p id="type-back-error" class="error" role="alert">
        ${
          !mismatch
            ? ''
            : one
              ? msg('That is not the code. Check what you saved, or show it again.', {
                  id: 'twofa-emergency-check-wrong-one',
                  desc: 'Error when the typed-back emergency code (there is one) does not match.',
                })
              : msg('That is not the code. Check what you saved, or show the codes again.', {
                  id: 'twofa-emergency-check-wrong',
                  desc: 'Error when the typed-back recovery code does not match.',
                })
        }
      </p>
      <div class="actions">
        <button type="submit" class="primary" part="primary">${continueLabel(i18n)}</button>
        <button type="button" @click=${parts.showAgain}>
          ${
            one
              ? msg('Show the code again', {
                  id: 'twofa-emergency-show-again-one',
                  desc: 'Button that shows the emergency code (there is one) again instead of typing it back.',
                })
              : msg('Show the codes again', {
                  id: 'twofa-emergency-show-again',
                  desc: 'Button that shows the recovery codes again instead of typing one back.',
                })
          }
        </button>
      </div>
    </form>
  `;
}
