import { expect, fixture, html } from '@open-wc/testing';
import 'twofa-enroll/twofa-step-info.js';
import type { TwofaStepInfo } from 'twofa-enroll';
import { getByRole, visibleText } from '../helpers/queries.js';
import { clickButton, expectFocused, expectNone, press, recordAll, scope, settle } from './helpers.js';

const OLD_CODES = 'Your old codes will stop working once the new authenticator is confirmed.';

async function setup(template = html`<twofa-step-info></twofa-step-info>`) {
  const el = await fixture<TwofaStepInfo>(template);
  return { el, events: recordAll(el) };
}

describe('<twofa-step-info>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  it('is accessible in reset mode', async () => {
    const { el } = await setup(html`<twofa-step-info mode="reset"></twofa-step-info>`);
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('explains two-factor authentication and what the user needs', async () => {
      const { el } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Set up two-factor authentication');
      const text = visibleText(scope(el));
      expect(text).to.include('Two-factor authentication adds a second step when you sign in');
      expect(text).to.include('You will need:');
      expect(text).to.include('An authenticator app');
      expect(text).to.include('About two minutes.');
      expect(text).not.to.include(OLD_CODES);
    });

    it('mode="reset" rewords the heading and warns that the old codes stop working', async () => {
      const { el } = await setup(html`<twofa-step-info mode="reset"></twofa-step-info>`);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Set up a new authenticator');
      expect(visibleText(scope(el))).to.include(OLD_CODES);
    });

    it('switching mode at run time updates the wording', async () => {
      const { el } = await setup();
      el.mode = 'reset';
      await el.updateComplete;
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Set up a new authenticator');
      expect(el.getAttribute('mode')).to.equal('reset');
    });
  });

  describe('events', () => {
    it('Start fires twofa-next', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Start');
      expect(events).to.deep.equal(['twofa-next']);
    });

    it('Cancel fires twofa-dismiss', async () => {
      const { el, events } = await setup();
      await clickButton(el, 'Cancel');
      expect(events).to.deep.equal(['twofa-dismiss']);
    });

    it('busy disables Start', async () => {
      const { el, events } = await setup(html`<twofa-step-info busy></twofa-step-info>`);
      const start = getByRole(scope(el), 'button', 'Start') as HTMLButtonElement;
      expect(start.disabled).to.be.true;
      start.click();
      await settle(el);
      expect(events).to.deep.equal([]);
    });
  });

  describe('keyboard', () => {
    it('Start is reached with Tab from the heading and activated with Enter', async () => {
      const { el, events } = await setup();
      el.focusHeading();
      expectFocused(getByRole(scope(el), 'heading'));
      await press(el, 'Tab');
      expectFocused(getByRole(scope(el), 'button', 'Start'));
      await press(el, 'Enter');
      expect(events).to.deep.equal(['twofa-next']);
    });

    it('Cancel follows Start and is activated with Space', async () => {
      const { el, events } = await setup();
      getByRole(scope(el), 'button', 'Start').focus();
      await press(el, 'Tab');
      expectFocused(getByRole(scope(el), 'button', 'Cancel'));
      await press(el, 'Space');
      expect(events).to.deep.equal(['twofa-dismiss']);
      expectNone(scope(el), 'button', 'Back');
    });
  });
});
