/**
 * Steps × faults: for every request the wizard makes (request-steps.ts) and every fault
 * (test/helpers/fault-adapter.ts), what the user must get.
 *
 * Every injected request is held for 3 s on a manual clock, so each case also sees the busy state
 * and sends its submit twice (double click, Enter + click or double Enter) while the request is in
 * flight: exactly one request must go out. Then, for a failure: a translated error (English, and
 * Norwegian or Swedish by setting `lang`), what the user typed still in its field, focus on the
 * heading or on the field the error describes, a countdown for a rate limit, and a retry (by
 * another pattern) that sends one request and finishes the step; separately, Cancel after the failure.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { FAULTS, RETRY_AFTER, SLOW_MS, TRANSPORT, faultyWizard, injected, type Fault, type FaultyWizard } from '../helpers/fault-adapter.js';
import { deepActiveElement, getByRole, nameOf, queryByRole, visibleText } from '../helpers/queries.js';
import { click, waitForHeading } from '../helpers/wizard.js';
import { descriptionOf } from '../components/helpers.js';
import { act, type Action, type RequestStep } from './request-steps.js';

type Lang = 'en' | 'nb' | 'sv';
type Failure = Exclude<Fault, 'slow'>;

/** Written out by hand, not read from the generated locales, so a lost translation fails here. */
const MESSAGES: Record<Failure, Record<Lang, string>> = {
  network: {
    en: "We couldn't reach the server. Check your connection and try again.",
    nb: 'Vi fikk ikke kontakt med serveren. Sjekk nettforbindelsen og prøv igjen.',
    sv: 'Vi kunde inte nå servern. Kontrollera internetanslutningen och försök igen.',
  },
  timeout: {
    en: 'The server took too long to answer. Try again.',
    nb: 'Serveren brukte for lang tid på å svare. Prøv igjen.',
    sv: 'Servern tog för lång tid på sig att svara. Försök igen.',
  },
  'server-html': {
    en: 'Something went wrong on our side. Try again in a moment.',
    nb: 'Noe gikk galt hos oss. Prøv igjen om litt.',
    sv: 'Något gick fel hos oss. Försök igen om en stund.',
  },
  'rate-limited': { en: 'Too many attempts.', nb: 'For mange forsøk.', sv: 'För många försök.' },
  expired: { en: 'This setup has expired', nb: 'Tiden for oppsettet har gått ut', sv: 'Tiden för aktiveringen har gått ut' },
};

const ERROR_CODE: Record<Failure, string> = {
  network: 'network',
  timeout: 'timeout',
  'server-html': 'server',
  'rate-limited': 'rate_limited',
  expired: 'expired',
};

const PATTERNS: Record<string, [Action, Action]> = {
  'double click': ['click', 'click'],
  'Enter + click': ['Enter', 'click'],
  'double Enter': ['Enter', 'Enter'],
};
const PATTERN_NAMES = Object.keys(PATTERNS);
const an = (pattern: string) => (pattern.startsWith('E') ? `an ${pattern}` : `a ${pattern}`);

const TRY_AGAIN = { role: 'button', name: /^Try again$/ };
/** The countdown as screen readers hear it (in words; the m:ss on screen is hidden from them). */
const COUNTDOWN = new RegExp(`Try again in ${RETRY_AFTER} seconds?\\.`);
const text = (w: FaultyWizard) => visibleText(w.el);
const count = (w: FaultyWizard, step: RequestStep) => w.calls[step.method] ?? 0;

async function setup(step: RequestStep, fault: Fault): Promise<{ w: FaultyWizard; before: number }> {
  const w = await faultyWizard(step.options, step.attributes, TRANSPORT[fault]);
  await step.reach(w);
  w.faults.inject(step.method, fault);
  return { w, before: count(w, step) };
}

/** The user sends the step's request with `pattern`: two actions, after typing the last digit on a code step. */
async function send(w: FaultyWizard, step: RequestStep, control: RequestStep['control'], pattern: string, complete = true): Promise<void> {
  if (complete) await step.complete?.(w);
  for (const action of PATTERNS[pattern]) await act(w, control, action);
}

async function sendOnceInFlight(w: FaultyWizard, step: RequestStep, before: number, pattern: string): Promise<void> {
  await send(w, step, step.control, pattern);
  await waitUntil(() => step.busy(w), `busy while ${step.method} is in flight`, { timeout: 3000 });
  expect(count(w, step) - before, `${step.method} requests for one ${pattern}`).to.equal(1);
}

/** Where focus is, in words: the heading, the field that the error describes, or what else. */
function focusTarget(w: FaultyWizard, message: string): string {
  const active = deepActiveElement();
  if (!active || active === document.body) return 'nothing (body)';
  if (active === queryByRole(w.el, 'heading')) return 'heading';
  if (descriptionOf(active).includes(message)) return 'field described by the error';
  return `<${active.localName}> "${nameOf(active)}"`;
}

/** Switches the wizard to `lang`, waits for `expected`, and back to English. */
async function expectInLanguage(w: FaultyWizard, lang: Lang, expected: string): Promise<void> {
  w.el.setAttribute('lang', lang);
  await waitUntil(() => text(w).includes(expected), `${lang}: "${expected}" (shown: ${text(w).slice(0, 300)})`, { timeout: 3000 });
  w.el.removeAttribute('lang');
  await waitUntil(() => !text(w).includes(expected), 'back in English', { timeout: 3000 });
}

function lastError(w: FaultyWizard): { code?: string; step?: string } {
  const event = w.events.filter((e) => e.type === 'twofa-error').at(-1) as CustomEvent | undefined;
  return event?.detail ?? {};
}

export function faultSuite(steps: RequestStep[]): void {
  for (const step of steps) {
    describe(step.name, () => {
      FAULTS.forEach((fault, i) => {
        const pattern = PATTERN_NAMES[i % 3];
        const retryPattern = PATTERN_NAMES[(i + 1) % 3];
        const lang: Lang = i % 2 ? 'sv' : 'nb';
        if (fault === 'slow') slowCases(step, pattern);
        else if (fault === 'expired') expiredCase(step, pattern, lang);
        else failureCases(step, fault, pattern, retryPattern, lang);
      });
    });
  }
}

function failureCases(step: RequestStep, fault: Exclude<Failure, 'expired'>, pattern: string, retryPattern: string, lang: Lang): void {
  const en = MESSAGES[fault].en;
  const retryControl = step.kind === 'load' ? TRY_AGAIN : step.control;
  const limited = fault === 'rate-limited';
  // Focus: a load's notice and a disabled code field send it to the heading; else to the field the error describes.
  const focus = step.kind === 'load' || (limited && step.codeEntry) ? 'heading' : 'field described by the error';
  const kept = step.kept ? '; what was typed kept' : '';

  it(`${fault}: one request for ${an(pattern)} while busy; "${en}"${limited ? ' with a countdown' : ''} (and in ${lang})${kept}; focus on the ${focus}; ${an(retryPattern)} retry sends one request and finishes the step`, async () => {
    const { w, before } = await setup(step, fault);
    const typed = step.kept?.(w);
    await sendOnceInFlight(w, step, before, pattern);
    await w.faults.release();

    await waitUntil(() => text(w).includes(en), `"${en}" shown (shown: ${text(w).slice(0, 300)})`, { timeout: 3000 });
    if (step.kind === 'load') expect(getByRole(w.el, 'heading').textContent?.trim()).to.equal('Something went wrong');
    expect(lastError(w), 'twofa-error').to.deep.equal({ ...lastError(w), code: ERROR_CODE[fault], step: step.step });
    expect(text(w), 'no raw server text').not.to.match(/Internal Server Error|nginx|rate_limited|Failed to fetch/);
    expect(injected(w.el), 'markup from the answer').to.deep.equal([]);
    if (typed) expect((getByRole(w.el, 'textbox', typed.field) as HTMLInputElement).value, `${typed.field} after the failure`).to.equal(typed.value);
    if (limited) await waitUntil(() => COUNTDOWN.test(text(w)), `a countdown "${COUNTDOWN.source}" (shown: ${text(w).slice(0, 300)})`);
    expect(focusTarget(w, en), 'focus after the failure').to.equal(focus);
    await expectInLanguage(w, lang, MESSAGES[fault][lang]);

    if (limited) {
      await act(w, retryControl, 'click');
      await w.el.updateComplete;
      expect(count(w, step) - before, `${step.method} requests after a click while the countdown runs`).to.equal(1);
      await waitUntil(() => !COUNTDOWN.test(text(w)), 'countdown over', { timeout: (RETRY_AFTER + 2) * 1000 });
    }
    w.faults.inject(step.method, 'slow'); // in flight again, so the retry's second action lands while busy
    await send(w, step, retryControl, retryPattern, false);
    await w.faults.release();
    await step.finished(w);
    expect(count(w, step) - before, `${step.method} requests after one retry (${retryPattern})`).to.equal(2);
  });

  it(`${fault}: Cancel after the failure fires twofa-cancel and shows "Setup cancelled"`, async () => {
    const { w } = await setup(step, fault);
    await send(w, step, step.control, 'double click');
    await w.faults.release();
    await waitUntil(() => text(w).includes(en), `"${en}" shown`, { timeout: 3000 });
    await click(w.el, 'button', 'Cancel');
    await waitForHeading(w.el, 'Setup cancelled');
    const cancels = w.events.filter((e) => e.type === 'twofa-cancel') as CustomEvent[];
    expect(
      cancels.map((e) => e.detail.step),
      'twofa-cancel events',
    ).to.deep.equal([step.step]);
  });
}

function expiredCase(step: RequestStep, pattern: string, lang: Lang): void {
  it(`expired (HTTP 410): one request for ${an(pattern)} while busy; "This setup has expired" (and in ${lang}) with focus on it; Start again leads through the step anew`, async () => {
    const { w, before } = await setup(step, 'expired');
    await sendOnceInFlight(w, step, before, pattern);
    await w.faults.release();
    await waitForHeading(w.el, MESSAGES.expired.en);
    expect(text(w)).to.contain('Start again to get a new code.');
    expect(lastError(w), 'twofa-error').to.deep.equal({ ...lastError(w), code: 'expired', step: step.step });
    expect(focusTarget(w, MESSAGES.expired.en), 'focus after expiry').to.equal('heading');
    await expectInLanguage(w, lang, MESSAGES.expired[lang]);

    await w.memory.cancel(); // the server has dropped the expired enrollment
    await click(w.el, 'button', 'Start again');
    await step.reach(w);
    await send(w, step, step.control, 'double click');
    await step.finished(w);
  });
}

function slowCases(step: RequestStep, pattern: string): void {
  it(`slow (3 s): busy for the whole 3 s, one request for ${an(pattern)}, then the answer finishes the step`, async () => {
    const { w, before } = await setup(step, 'slow');
    await sendOnceInFlight(w, step, before, pattern);
    await w.faults.clock.advance(SLOW_MS - 1);
    await w.el.updateComplete;
    expect(step.busy(w), 'still busy at 2.999 s').to.be.true;
    await w.faults.clock.advance(1);
    await step.finished(w);
    expect(count(w, step) - before, `${step.method} requests`).to.equal(1);
    expect(
      w.events.some((e) => e.type === 'twofa-error'),
      'no twofa-error',
    ).to.be.false;
  });

  if (!step.cancelWhileBusy) return;
  it('slow (3 s): Cancel while waiting ends the setup, and the late answer changes nothing', async () => {
    const { w, before } = await setup(step, 'slow');
    await sendOnceInFlight(w, step, before, pattern);
    await click(w.el, 'button', 'Cancel');
    await waitForHeading(w.el, 'Setup cancelled');
    const events = w.events.length;
    await w.faults.release();
    await w.el.updateComplete;
    expect(getByRole(w.el, 'heading').textContent?.trim()).to.equal('Setup cancelled');
    expect(
      w.events.slice(events).map((e) => e.type),
      'events after the late answer',
    ).to.deep.equal([]);
    expect(w.events.filter((e) => e.type === 'twofa-cancel').length, 'twofa-cancel events').to.equal(1);
  });
}
