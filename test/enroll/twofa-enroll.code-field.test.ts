/**
 * `code-field="light"`: on every code step the wizard puts the one-time-code field in the page's DOM,
 * where Safari's code autofill and password managers look for it, with a form it belongs to.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { getByRole } from '../helpers/queries.js';
import { click, toConfirm, typeInto, waitForHeading, wizard, type Wizard } from '../helpers/wizard.js';

/** The light-DOM field, once the wizard has added it. */
async function pageField(w: Wizard): Promise<HTMLInputElement> {
  await waitUntil(() => w.el.querySelector(':scope > input[slot="code-field"]'), 'the page-side code field', { timeout: 4000, interval: 10 });
  return w.el.querySelector<HTMLInputElement>(':scope > input[slot="code-field"]')!;
}

describe('<twofa-enroll code-field="light">', () => {
  it("puts the code field in the page's DOM on the code step, in a form, set up for autofill", async () => {
    const w = await wizard({}, { codeField: 'light' });
    expect(w.el.querySelector('input'), 'nothing before a code step').to.equal(null);
    await toConfirm(w);
    const field = await pageField(w);
    expect(field.getRootNode()).to.equal(document);
    expect(field.form, 'a form owner').to.be.instanceOf(HTMLFormElement);
    expect(field.form!.parentElement).to.equal(w.el);
    expect(field.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(field.getAttribute('inputmode')).to.equal('numeric');
    // The field a user finds by its name is this one.
    await waitUntil(() => getByRole(w.el, 'textbox', '6-digit code') === field, 'named "6-digit code"', { timeout: 4000, interval: 10 });
    await expect(w.el).to.be.accessible();
  });

  it('takes the code typed into it, keeps Enter on the page, and is gone after the code steps', async () => {
    const w = await wizard({}, { codeField: 'light' });
    await toConfirm(w);
    const field = await pageField(w);
    // Whether each submit the form saw was cancelled (the wizard's own listener comes first).
    const submits: boolean[] = [];
    field.form!.addEventListener('submit', (event) => submits.push(event.defaultPrevented));
    field.focus();
    await sendKeys({ type: '000000' });
    await waitUntil(() => field.getAttribute('aria-invalid') === 'true', 'the wrong code is said', { timeout: 4000, interval: 10 });
    await sendKeys({ press: 'Enter' });
    // Enter in a form's only field submits it (implicit submission): cancelled, so the page stays.
    expect(submits).to.deep.equal([true]);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a phone number for backup');
    expect(w.el.querySelector('input, form'), 'the field and its form are gone').to.equal(null);
  });

  it('adds a fresh field on the SMS code step', async () => {
    const w = await wizard({}, { codeField: 'light' });
    await toConfirm(w);
    await typeInto(w.el, '6-digit code', w.memory.currentCode());
    await waitForHeading(w.el, 'Add a phone number for backup');
    await typeInto(w.el, 'Mobile number', '91234567');
    await click(w.el, 'button', 'Send code');
    await waitForHeading(w.el, 'Enter the code from the text message');
    const field = await pageField(w);
    expect(field.value).to.equal('');
    expect(field.getAttribute('autocomplete')).to.equal('one-time-code');
  });
});
