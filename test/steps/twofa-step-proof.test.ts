import { expect, fixture, html } from '@open-wc/testing';
import { templates as nb } from '../../src/generated/locales/nb.js';
import { templates as sv } from '../../src/generated/locales/sv.js';
import 'twofa-enroll/twofa-step-proof.js';
import type { TwofaStepProof } from 'twofa-enroll';
import { getByRole, visibleText } from '../helpers/queries.js';
import { clickButton, descriptionOf, expectFocused, paste, press, recordAll, scope, settle, submits, type } from './helpers.js';

const LABEL = 'Recovery code or code from the app';
const REFUSED = "That didn't work: the code is wrong or used, or the reset link has expired. Enter a code from your app or an unused recovery code.";

async function setup(template = html`<twofa-step-proof></twofa-step-proof>`) {
  const el = await fixture<TwofaStepProof>(template);
  const field = getByRole(scope(el), 'textbox', LABEL) as HTMLInputElement;
  return { el, field, values: submits(el), events: recordAll(el) };
}

describe('<twofa-step-proof>', () => {
  it('is accessible, also while showing an error', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
    el.error = { code: 'invalid_proof', attemptsLeft: 3 };
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('says why a code is asked for and which codes work; the field is set up for one-time codes', async () => {
    const { el, field } = await setup();
    expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Confirm with a code you have');
    expect(visibleText(scope(el))).to.include('To replace your authenticator app, confirm it is you with one of your recovery codes');
    expect(field.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(field.getAttribute('spellcheck')).to.equal('false');
    expect(descriptionOf(field)).to.equal('');
  });

  it('a pasted recovery code and Enter send it, trimmed, once', async () => {
    const { el, field, values, events } = await setup();
    field.focus();
    paste(field, '  K7QP-M2XW-9RTD \n');
    await press(el, 'Enter');
    expect(values).to.deep.equal(['K7QP-M2XW-9RTD']);
    expect(events).to.deep.equal(['twofa-submit']);
  });

  it('a typed app code and Continue send it', async () => {
    const { el, field, values } = await setup();
    field.focus();
    await type(el, '492039');
    await clickButton(el, 'Continue');
    expect(values).to.deep.equal(['492039']);
  });

  it('an empty field says "Enter a code.", keeps focus in it and sends nothing', async () => {
    const { el, field, events } = await setup();
    await clickButton(el, 'Continue');
    expect(descriptionOf(field)).to.equal('Enter a code.');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expectFocused(field);
    expect(events).to.deep.equal([]);
    await type(el, '1');
    expect(descriptionOf(field)).to.equal('');
  });

  it('busy says "Checking…" and sends once however often Enter or the button is pressed', async () => {
    const { el, field, values } = await setup();
    field.focus();
    await type(el, '492039');
    await press(el, 'Enter');
    el.busy = true;
    await settle(el);
    const button = getByRole(scope(el), 'button', 'Checking…');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    await press(el, 'Enter');
    button.click();
    await settle(el);
    expect(values).to.deep.equal(['492039']);
  });

  it('invalid_proof after a click: the translated message describes the field, focus is back in it, what was typed is kept', async () => {
    const { el, field } = await setup();
    field.focus();
    await type(el, 'K7QP-M2XW-9RTX');
    await clickButton(el, 'Continue');
    getByRole(scope(el), 'button', 'Continue').focus();
    el.error = { code: 'invalid_proof', attemptsLeft: 3 };
    await settle(el);
    expect(descriptionOf(field)).to.equal(REFUSED);
    expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(REFUSED);
    expect(visibleText(scope(el))).not.to.include('invalid_proof');
    expect(field.value).to.equal('K7QP-M2XW-9RTX');
    expectFocused(field);
  });

  it('Cancel fires twofa-dismiss and nothing else', async () => {
    const { el, events } = await setup();
    await clickButton(el, 'Cancel');
    expect(events).to.deep.equal(['twofa-dismiss']);
  });

  for (const [lang, templates] of [
    ['nb', nb],
    ['sv', sv],
  ] as const) {
    it(`speaks ${lang}: heading, field and refusal translated`, async () => {
      const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><twofa-step-proof .error=${{ code: 'invalid_proof' }}></twofa-step-proof></div>`);
      const el = wrapper.querySelector('twofa-step-proof')!;
      await settle(el);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal(templates['twofa-proof-heading']);
      getByRole(scope(el), 'textbox', templates['twofa-proof-label'] as string);
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(templates['twofa-error-invalid-proof']);
      expect(templates['twofa-proof-heading']).not.to.equal('Confirm with a code you have');
    });
  }
});
