import { expect, fixture, html } from '@open-wc/testing';
import { templates as nb } from '../../src/generated/locales/nb.js';
import 'twofa-enroll/twofa-step-password.js';
import type { TwofaStepPassword } from 'twofa-enroll';
import { getByRole, queryByRole, visibleText } from '../helpers/queries.js';
import { clickButton, expectFocused, press, recordAll, scope, settle, submits, type } from './helpers.js';

const WRONG = 'The password is not correct. Try again.';

async function setup(template = html`<twofa-step-password account="jane@example.com"></twofa-step-password>`) {
  const el = await fixture<TwofaStepPassword>(template);
  const field = getByRole(scope(el), 'textbox', 'Password') as HTMLInputElement;
  const submit = getByRole(scope(el), 'button', 'Continue');
  return { el, field, submit, values: submits(el), events: recordAll(el) };
}

/** The message under the field, through the field's description. */
function description(field: HTMLInputElement): string {
  const root = field.getRootNode() as ShadowRoot;
  return root.getElementById(field.getAttribute('aria-describedby')!)!.textContent!.trim();
}

describe('<twofa-step-password>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible while showing an error', async () => {
    const { el } = await setup();
    el.error = { code: 'invalid_password' };
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('shows the heading, a labelled password field set up for password managers, Continue and Cancel', async () => {
      const { el, field } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Confirm it is you');
      expect(field.type).to.equal('password');
      expect(field.autocomplete).to.equal('current-password');
      // The hidden username lets a password manager pick the right entry.
      const username = el.shadowRoot!.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
      expect(username.value).to.equal('jane@example.com');
      expect(field.getAttribute('aria-invalid')).to.equal('false');
      expect(description(field)).to.equal('');
      expect(queryByRole(scope(el), 'button', 'Cancel')).to.exist;
    });

    it('focusHeading() puts focus on the heading', async () => {
      const { el } = await setup();
      el.focusHeading();
      expectFocused(getByRole(scope(el), 'heading'));
    });
  });

  describe('events', () => {
    it('an empty submit shows "Enter your password.", marks the field invalid, focuses it and fires nothing', async () => {
      const { el, field, submit, events } = await setup();
      submit.click();
      await settle(el);
      expect(description(field)).to.equal('Enter your password.');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expectFocused(field);
      expect(events).to.deep.equal([]);
    });

    it('typing after the empty-submit message clears it', async () => {
      const { el, field, submit } = await setup();
      submit.click();
      await settle(el);
      await type(el, 'a');
      expect(description(field)).to.equal('');
      expect(field.getAttribute('aria-invalid')).to.equal('false');
    });

    it('Enter in the field sends twofa-submit with the typed password', async () => {
      const { el, field, values, events } = await setup();
      field.focus();
      await type(el, 'correct horse');
      await press(el, 'Enter');
      expect(values).to.deep.equal(['correct horse']);
      expect(events).to.deep.equal(['twofa-submit']);
    });

    it('clicking Continue sends the password', async () => {
      const { el, field, submit, values } = await setup();
      field.focus();
      await type(el, 's3cret!');
      submit.click();
      await settle(el);
      expect(values).to.deep.equal(['s3cret!']);
    });

    it('Cancel fires twofa-dismiss and nothing else', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });
  });

  describe('busy', () => {
    it('says "Checking…", is aria-disabled and sends only one submit however often Enter or Continue is pressed', async () => {
      const { el, field, values } = await setup();
      field.focus();
      await type(el, 'pw');
      await press(el, 'Enter');
      el.busy = true;
      await el.updateComplete;
      const button = getByRole(scope(el), 'button', 'Checking…');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      await press(el, 'Enter');
      button.click();
      await settle(el);
      expect(values).to.deep.equal(['pw']);
    });
  });

  describe('errors', () => {
    it('invalid_password shows the translated message (never the raw code), marks the field invalid and keeps the typed text selected and focused', async () => {
      const { el, field, submit } = await setup();
      field.focus();
      await type(el, 'wrong-password');
      // The mouse user: focus is on the button when the answer comes.
      submit.click();
      submit.focus();
      el.busy = true;
      await el.updateComplete;
      el.busy = false;
      el.error = { code: 'invalid_password' };
      await settle(el);
      expect(description(field)).to.equal(WRONG);
      expect(visibleText(scope(el))).to.include(WRONG);
      expect(visibleText(scope(el))).not.to.include('invalid_password');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.value).to.equal('wrong-password');
      expect([field.selectionStart, field.selectionEnd]).to.deep.equal([0, 'wrong-password'.length]);
      expectFocused(field);
      // Typing replaces the wrong password.
      await type(el, 'right');
      expect(field.value).to.equal('right');
    });

    it('speaks the language of the page: lang="nb" shows the Norwegian message', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div lang="nb"><twofa-step-password></twofa-step-password></div>`);
      const el = wrapper.querySelector('twofa-step-password')!;
      el.error = { code: 'invalid_password' };
      await el.updateComplete;
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(nb['twofa-error-invalid-password']);
      expect(nb['twofa-error-invalid-password']).not.to.equal(WRONG);
    });

    it('the error message is in an alert region, so it is announced', async () => {
      const { el } = await setup();
      el.error = { code: 'network' };
      await el.updateComplete;
      expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal("We couldn't reach the server. Check your connection and try again.");
    });
  });
});
