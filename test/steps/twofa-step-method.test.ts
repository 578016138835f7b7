import { expect, fixture, html } from '@open-wc/testing';
import type { MethodId } from 'twofa-enroll';
import 'twofa-enroll/twofa-step-method.js';
import type { TwofaStepMethod } from 'twofa-enroll';
import { getByRole, nameOf, queryAllByRole, visibleText } from '../helpers/queries.js';
import { clickButton, descriptionOf, expectFocused, press, recordAll, scope, settle, submits } from './helpers.js';

const APP = 'Authenticator app (recommended)';
const SMS = 'Text message (SMS)';
const EMAIL = 'E-mail';
const ABOUT = {
  totp: 'An app on your phone or computer makes the codes. It works without mobile coverage.',
  sms: 'We send a code to your mobile phone.',
  email: 'We send a code to your e-mail address.',
};

async function setup(template = html`<twofa-step-method></twofa-step-method>`) {
  const el = await fixture<TwofaStepMethod>(template);
  return { el, values: submits(el), events: recordAll(el) };
}

const withMethods = (methods: MethodId[]) => setup(html`<twofa-step-method .methods=${methods}></twofa-step-method>`);

/** The radio buttons, in order. */
const radios = (el: TwofaStepMethod) => queryAllByRole(scope(el), 'radio') as HTMLInputElement[];
/** The method's radio, found by the name it starts with (its label also holds the explanation). */
const radio = (el: TwofaStepMethod, name: string) => getByRole(scope(el), 'radio', new RegExp(`^${name.replace(/[()]/g, '\\$&')}`)) as HTMLInputElement;
/** The method id of the checked radio, or '' when none is. */
const checkedMethod = (el: TwofaStepMethod) => radios(el).find((r) => r.checked)?.value ?? '';

describe('<twofa-step-method>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible with two methods, busy', async () => {
    const { el } = await setup(html`<twofa-step-method busy .methods=${['totp', 'email']}></twofa-step-method>`);
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('asks how the codes should come, with app, SMS and e-mail in a named group, the app preselected', async () => {
      const { el } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('How do you want to get your codes?');
      expect(visibleText(scope(el))).to.include('Choose how you want to get it.');
      expect(radios(el).map((r) => r.value)).to.deep.equal(['totp', 'sms', 'email']);
      expect(radios(el).map((r) => [APP, SMS, EMAIL].find((name) => nameOf(r).startsWith(name)))).to.deep.equal([APP, SMS, EMAIL]);
      expect(checkedMethod(el)).to.equal('totp');
      // One group: the radios share a name (so arrows move between them) and a fieldset with a legend.
      expect(new Set(radios(el).map((r) => r.name)).size).to.equal(1);
      const fieldset = radios(el)[0].closest('fieldset')!;
      expect(fieldset.querySelector('legend')!.textContent!.trim()).to.equal('Method');
      expect(
        radios(el).every((r) => r.closest('fieldset') === fieldset),
        'all radios in the fieldset',
      ).to.be.true;
    });

    it('each method is explained in its description', async () => {
      const { el } = await setup();
      expect(descriptionOf(radio(el, APP))).to.equal(ABOUT.totp);
      expect(descriptionOf(radio(el, SMS))).to.equal(ABOUT.sms);
      expect(descriptionOf(radio(el, EMAIL))).to.equal(ABOUT.email);
    });

    it('methods decides which are offered and in what order; the first is preselected', async () => {
      const { el } = await withMethods(['email', 'sms']);
      expect(radios(el).map((r) => r.value)).to.deep.equal(['email', 'sms']);
      expect(checkedMethod(el)).to.equal('email');
      expect(queryAllByRole(scope(el), 'radio', /^Authenticator app/)).to.have.length(0);
    });

    it('a change of methods re-renders the choice', async () => {
      const { el } = await setup();
      el.methods = ['totp', 'email'];
      await el.updateComplete;
      expect(radios(el).map((r) => r.value)).to.deep.equal(['totp', 'email']);
    });
  });

  describe('keyboard', () => {
    it('Continue sends the preselected method', async () => {
      const { el, values, events } = await setup();
      await clickButton(el, 'Continue');
      expect(values).to.deep.equal(['totp']);
      expect(events).to.deep.equal(['twofa-submit']);
    });

    it('arrow keys move the choice; Continue sends the one chosen', async () => {
      const { el, values } = await setup();
      radio(el, APP).focus();
      await press(el, 'ArrowDown');
      expect(checkedMethod(el)).to.equal('sms');
      expectFocused(radio(el, SMS));
      await press(el, 'ArrowDown');
      expect(checkedMethod(el)).to.equal('email');
      await press(el, 'ArrowUp');
      expect(checkedMethod(el)).to.equal('sms');
      await press(el, 'Tab');
      expectFocused(getByRole(scope(el), 'button', 'Continue'));
      await press(el, 'Enter');
      expect(values).to.deep.equal(['sms']);
    });

    it('Tab enters the group once, on the chosen method', async () => {
      const { el } = await setup();
      radio(el, EMAIL).click();
      await settle(el);
      getByRole(scope(el), 'heading').focus();
      await press(el, 'Tab');
      expectFocused(radio(el, EMAIL));
      await press(el, 'Tab');
      expectFocused(getByRole(scope(el), 'button', 'Continue'));
    });

    it('Enter on a radio button sends the method', async () => {
      const { el, values } = await setup();
      radio(el, SMS).focus();
      // (Not ArrowUp from the first: Chromium and Firefox go round to the last, WebKit stays.)
      await press(el, 'ArrowDown');
      expect(checkedMethod(el)).to.equal('email');
      await press(el, 'Enter');
      expect(values).to.deep.equal(['email']);
    });

    it('clicking a method’s explanation chooses it', async () => {
      const { el, values } = await setup();
      el.shadowRoot!.querySelector<HTMLElement>('#about-sms')!.click();
      await settle(el);
      expect(checkedMethod(el)).to.equal('sms');
      await clickButton(el, 'Continue');
      expect(values).to.deep.equal(['sms']);
    });
  });

  describe('events', () => {
    it('busy: Continue is aria-disabled and sends nothing', async () => {
      const { el, values } = await setup(html`<twofa-step-method busy></twofa-step-method>`);
      const button = getByRole(scope(el), 'button', 'Continue');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      button.click();
      await settle(el);
      radio(el, APP).focus();
      await press(el, 'Enter');
      expect(values).to.deep.equal([]);
    });

    it('Cancel fires twofa-dismiss and nothing else', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });
  });

  it('a refused choice (email_only) is told in an alert, is accessible, and no alert is shown without one', async () => {
    const { el } = await withMethods(['totp', 'sms']);
    expect(queryAllByRole(scope(el), 'alert')).to.deep.equal([]);
    el.error = { code: 'email_only' };
    await settle(el);
    expect(getByRole(scope(el), 'alert').textContent!.trim()).to.equal(
      'E-mail cannot be your only way to sign in. Choose the authenticator app or text messages.',
    );
    await expect(el).to.be.accessible();
  });
});
