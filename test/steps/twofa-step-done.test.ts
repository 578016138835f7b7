import { expect, fixture, html } from '@open-wc/testing';
import 'twofa-enroll/twofa-step-done.js';
import type { TwofaStepDone } from 'twofa-enroll';
import { getByRole, queryAllByRole, visibleText } from '../helpers/queries.js';
import { expectFocused, recordAll, scope } from './helpers.js';

const MASKED = '+47 ••• •• 567';
const MASKED_EMAIL = 'o•••@example.no';
const NEXT_TIME = {
  totp: 'Next time you sign in, we will ask for a code from your authenticator app.',
  sms: 'Next time you sign in, we will send a code to your phone by text message.',
  email: 'Next time you sign in, we will send a code to your e-mail address.',
};

async function setup(template = html`<twofa-step-done .methods=${['totp', 'sms']} masked-phone=${MASKED}></twofa-step-done>`) {
  const el = await fixture<TwofaStepDone>(template);
  return { el, events: recordAll(el) };
}

/** The enabled methods as read out: list items, without the decorative check marks. */
function methods(el: TwofaStepDone): string[] {
  const list = el.shadowRoot!.querySelector('[part~="methods"]')!;
  return Array.from(list.querySelectorAll('li')).map((li) => {
    const copy = li.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return copy.textContent!.replace(/\s+/g, ' ').trim();
  });
}

/** The sentence about the next sign-in, under the list. */
function nextTime(el: TwofaStepDone): string {
  return el.shadowRoot!.querySelector('[part~="methods"] + p')!.textContent!.replace(/\s+/g, ' ').trim();
}

describe('<twofa-step-done>', () => {
  it('is accessible', async () => {
    const { el } = await setup();
    await expect(el).to.be.accessible();
  });

  describe('rendering', () => {
    it('says two-factor authentication is on and lists the methods', async () => {
      const { el } = await setup();
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Two-factor authentication is on');
      expect(methods(el)).to.deep.equal(['Authenticator app', `Text message (SMS) backup to ${MASKED}`]);
      expect(nextTime(el)).to.equal(NEXT_TIME.totp);
      // The check marks are decoration, hidden from screen readers.
      const checks = el.shadowRoot!.querySelectorAll('[part~="methods"] .check');
      expect(checks).to.have.length(2);
      checks.forEach((check) => expect(check.getAttribute('aria-hidden')).to.equal('true'));
    });

    it('names the SMS backup without a number when none is given', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['totp', 'sms']}></twofa-step-done>`);
      expect(methods(el)).to.deep.equal(['Authenticator app', 'Text message (SMS) backup']);
    });

    it('lists only the authenticator app when SMS was skipped', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['totp']}></twofa-step-done>`);
      expect(methods(el)).to.deep.equal(['Authenticator app']);
    });

    it('e-mail as the method: codes by e-mail to the masked address, and the next sign-in sends a code by e-mail', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['email']} masked-email=${MASKED_EMAIL}></twofa-step-done>`);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Two-factor authentication is on');
      expect(methods(el)).to.deep.equal([`Codes by e-mail to ${MASKED_EMAIL}`]);
      expect(nextTime(el)).to.equal(NEXT_TIME.email);
    });

    it('names e-mail without an address when none is given', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['email']}></twofa-step-done>`);
      expect(methods(el)).to.deep.equal(['Codes by e-mail']);
    });

    it('SMS as the only method is named as the method, not as a backup', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['sms']} masked-phone=${MASKED}></twofa-step-done>`);
      expect(methods(el)).to.deep.equal([`Codes by text message (SMS) to ${MASKED}`]);
      expect(nextTime(el)).to.equal(NEXT_TIME.sms);
      expect(visibleText(scope(el))).not.to.include('backup');
    });

    it('names SMS as the method without a number when none is given', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['sms']}></twofa-step-done>`);
      expect(methods(el)).to.deep.equal(['Codes by text message (SMS)']);
    });

    for (const [list, next] of [
      [['totp'], NEXT_TIME.totp],
      [['totp', 'sms'], NEXT_TIME.totp],
      [['sms'], NEXT_TIME.sms],
      [['email'], NEXT_TIME.email],
    ] as const) {
      it(`methods ${JSON.stringify(list)}: "${next}"`, async () => {
        const { el } = await setup(html`<twofa-step-done .methods=${list} masked-phone=${MASKED}></twofa-step-done>`);
        expect(nextTime(el)).to.equal(next);
      });
    }

    it('the methods attribute takes a JSON list', async () => {
      const { el } = await setup(html`<twofa-step-done methods='["email"]' masked-email=${MASKED_EMAIL}></twofa-step-done>`);
      expect(methods(el)).to.deep.equal([`Codes by e-mail to ${MASKED_EMAIL}`]);
    });

    it('is accessible with e-mail as the method', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['email']} masked-email=${MASKED_EMAIL}></twofa-step-done>`);
      await expect(el).to.be.accessible();
    });

    it('mode="reset" says the new authenticator is set up', async () => {
      const { el } = await setup(html`<twofa-step-done mode="reset" .methods=${['totp']}></twofa-step-done>`);
      expect(getByRole(scope(el), 'heading').textContent!.trim()).to.equal('Your new authenticator is set up');
    });

    it('renders slotted content: the page’s own actions', async () => {
      const { el } = await setup(html`<twofa-step-done .methods=${['totp']}><a href="/settings">Back to settings</a></twofa-step-done>`);
      const link = getByRole(scope(el), 'link', 'Back to settings');
      const slot = el.shadowRoot!.querySelector('slot')!;
      const assigned = slot.assignedElements();
      expect(assigned.length === 1 && assigned[0] === link, 'the link is the slotted element').to.be.true;
      expect(link.getClientRects().length).to.be.greaterThan(0);
      expect(queryAllByRole(scope(el), 'link')).to.have.length(1);
    });

    it('focusHeading() puts focus on the heading, so the end is announced', async () => {
      const { el } = await setup();
      el.focusHeading();
      expectFocused(getByRole(scope(el), 'heading'));
    });

    it('fires no step events of its own', async () => {
      const { el, events } = await setup(html`<twofa-step-done .methods=${['totp']}><button>Done</button></twofa-step-done>`);
      getByRole(scope(el), 'button', 'Done').click();
      expect(events).to.deep.equal([]);
    });
  });
});
