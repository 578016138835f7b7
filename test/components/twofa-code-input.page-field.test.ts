/**
 * `<twofa-code-input>` with the page's own `<input slot="input">`: the field autofill can reach
 * (light DOM), driven by the element as its own field is.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'twofa-enroll/twofa-code-input.js';
import type { TwofaCodeInput } from 'twofa-enroll';
import { paste, record } from './helpers.js';

async function setup(template = html`<twofa-code-input label="Code from the app"><input slot="input" /></twofa-code-input>`) {
  const el = await fixture<TwofaCodeInput>(template);
  await el.updateComplete;
  const input = el.querySelector('input')!;
  const fired = record<{ code: string }>(el, 'twofa-code-complete');
  return { el, input, fired };
}

async function type(el: TwofaCodeInput, text: string) {
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe("<twofa-code-input> with the page's field", () => {
  it("uses the page's input, in the page's DOM, set up for one-time-code autofill, named and described", async () => {
    const { el, input } = await setup();
    expect(el.shadowRoot!.querySelector('input'), 'no field of its own').to.equal(null);
    expect(input.getRootNode()).to.equal(document);
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.getAttribute('enterkeyhint')).to.equal('done');
    expect(input.getAttribute('aria-label')).to.equal('Code from the app');
    expect(input.getAttribute('aria-description')).to.equal('6 digits');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it("focus() and a click on the label land in the page's input", async () => {
    const { el, input } = await setup();
    el.focus();
    expect(document.activeElement).to.equal(input);
    input.blur();
    el.shadowRoot!.querySelector('label')!.click();
    expect(document.activeElement).to.equal(input);
  });

  it('fires twofa-code-complete once when the last digit is typed', async () => {
    const { el, input, fired } = await setup();
    input.focus();
    await type(el, '123456');
    expect(fired).to.deep.equal([{ code: '123456' }]);
    expect(el.value).to.equal('123456');
    await sendKeys({ press: 'Enter' });
    expect(fired).to.have.length(1);
  });

  it('takes a pasted "123 456" as 123456', async () => {
    const { el, input, fired } = await setup();
    input.focus();
    paste(input, '123 456');
    await el.updateComplete;
    expect(input.value).to.equal('123456');
    expect(fired).to.deep.equal([{ code: '123456' }]);
  });

  it('refuses letters with a message, marks the field invalid and describes it with the message', async () => {
    const { el, input, fired } = await setup();
    input.focus();
    await type(el, '12a');
    expect(fired).to.have.length(0);
    expect(el.value).to.equal('');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-description')).to.equal('6 digits. Use digits only (0–9).');
    await expect(el).to.be.accessible();
  });

  it("shows an error from outside on the page's field, and disables it", async () => {
    const { el, input } = await setup();
    el.error = 'That code is not right.';
    el.disabled = true;
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-description')).to.contain('That code is not right.');
    expect(input.disabled).to.equal(true);
  });

  it("clear() empties the page's field", async () => {
    const { el, input } = await setup();
    input.focus();
    await type(el, '123');
    el.clear();
    await el.updateComplete;
    expect(input.value).to.equal('');
  });

  it("goes back to a field of its own when the page's is removed, and lets go of it", async () => {
    const { el, input, fired } = await setup();
    input.remove();
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input'), 'its own field again').to.not.equal(null);
    // The removed input no longer drives the element.
    input.value = '123456';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    expect(fired).to.have.length(0);
  });
});
