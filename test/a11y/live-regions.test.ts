/**
 * What screen readers hear without moving focus: every error of every state (test/a11y/states.ts)
 * sits in a live region (role alert or status, or aria-live), what they say reads well aloud, and a
 * running countdown (rate limits, the SMS resend) changes what live regions say at most once every
 * 15 seconds, on a fake clock.
 */
import { expect } from '@open-wc/testing';
import { TwofaError } from 'twofa-enroll';
import type { AdapterMethod, MemoryAdapterOptions } from 'twofa-enroll/adapter/memory';
import type { TwofaEnroll } from 'twofa-enroll';
import { toConfirm, toSms, toSmsCode, type Wizard } from '../helpers/wizard.js';
import { label, liveRegionOf, liveRegions, settled, textNodesWith } from './helpers.js';
import { reach, STATES, submitPassword, submitPhone, submitSms, submitTotp, waitForText, withPassword, type WizardState } from './states.js';

/** Screen readers hear a countdown at most this often (seconds). */
const ANNOUNCE_EVERY = 15;

/** Whether `el` and its ancestors (across shadow roots) leave it in the accessibility tree. */
function exposed(el: Element): boolean {
  if (el.getClientRects().length === 0 && !el.closest('.visually-hidden')) return false;
  for (let node: Element | null = el; node; node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null) {
    if (node.getAttribute('aria-hidden') === 'true') return false;
  }
  return true;
}

describe('errors are announced through live regions', () => {
  for (const state of STATES.filter((s) => s.announces)) {
    it(`${state.name}: "${state.announces}" is in a role=alert, role=status or aria-live region`, async () => {
      const w = await reach(state);
      try {
        const nodes = textNodesWith(w.el, state.announces!);
        expect(nodes.length, 'the text is on the page').to.be.greaterThan(0);
        const regions = nodes.map((node) => liveRegionOf(node)).filter((region): region is Element => region !== null && exposed(region));
        expect(regions.map(label), 'live regions saying it').not.to.deep.equal([]);
      } finally {
        w.remove();
      }
    });
  }
});

/** What reads badly aloud: a clock-like m:ss ("zero colon forty-two"), a bare symbol, a count of nothing. */
const READS_BADLY: [what: string, pattern: RegExp][] = [
  ['a clock-like m:ss', /\b\d+:\d\d\b/],
  ['a symbol read as nothing or its name', /[⌘⌥⇧→←]/],
  ['"0 attempts left" after "try again"', /\b0 attempts\b/],
];

describe('what live regions say reads well aloud', () => {
  for (const state of STATES) {
    it(`${state.name}: no clock-like times, bare symbols or self-contradictions`, async () => {
      const w = await reach(state);
      try {
        const said = liveRegions(w.el)
          .filter(exposed)
          .map((region) => (region.textContent ?? '').replace(/\s+/g, ' ').trim())
          .filter(Boolean);
        const bad = said.flatMap((text) => READS_BADLY.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${what}: "${text}"`));
        expect(bad).to.deep.equal([]);
      } finally {
        w.remove();
      }
    });
  }
});

/**
 * Freezes `Date.now()` (what countdowns read) and takes over the intervals set while installed (the
 * countdowns' timers), so a test moves time a second at a time and runs them at once.
 */
function fakeClock() {
  const { now } = Date;
  const { setInterval: realSetInterval, clearInterval: realClearInterval } = window;
  let time = now.call(Date);
  const intervals = new Map<number, () => void>();
  let nextId = 1e9;
  Date.now = () => time;
  window.setInterval = ((callback: () => void) => {
    intervals.set(++nextId, callback);
    return nextId;
  }) as typeof setInterval;
  window.clearInterval = ((id: number) => (intervals.has(id) ? intervals.delete(id) : realClearInterval(id))) as typeof clearInterval;
  return {
    /** Moves the clock one second on and runs every interval once. */
    tick() {
      time += 1000;
      for (const callback of [...intervals.values()]) callback();
    },
    restore() {
      Date.now = now;
      window.setInterval = realSetInterval;
      window.clearInterval = realClearInterval;
    },
  };
}

/** A `rate_limited` answer with this wait, for every call of `method`. */
function rateLimit(method: AdapterMethod, seconds: number): MemoryAdapterOptions['fail'] {
  return (called) => (called === method ? new TwofaError('rate_limited', { retryAfter: seconds }) : undefined);
}

interface Countdown extends WizardState {
  seconds: number;
}

function rateLimited(
  step: string,
  method: AdapterMethod,
  seconds: number,
  before: (w: Wizard) => Promise<void>,
  submit: (w: Wizard) => Promise<void>,
  attributes: Partial<TwofaEnroll> = {},
  options: MemoryAdapterOptions = {},
): Countdown {
  return {
    name: `${step}: rate limited for ${seconds} s`,
    seconds,
    options,
    attributes,
    reach: async (w) => {
      await before(w);
      w.memory.fail = rateLimit(method, seconds);
      await submit(w);
      await waitForText(w, 'Too many attempts.');
    },
  };
}

// Waits that are not multiples of 15 s, and one shorter than 15 s would allow for the last announcement.
const COUNTDOWNS: Countdown[] = [
  rateLimited('password', 'start', 50, async () => undefined, submitPassword, withPassword.attributes, withPassword.options),
  rateLimited('confirm', 'verifyTotp', 50, toConfirm, submitTotp),
  rateLimited('confirm', 'verifyTotp', 22, toConfirm, submitTotp),
  rateLimited('sms-phone', 'sendSms', 40, toSms, submitPhone),
  rateLimited('sms-code', 'verifySms', 65, toSmsCode, submitSms),
  { name: 'sms-code: a new code in 45 s', seconds: 45, options: { resendAfter: 45 }, reach: toSmsCode },
];

describe(`a countdown changes what live regions say at most every ${ANNOUNCE_EVERY} s`, () => {
  for (const countdown of COUNTDOWNS) {
    it(`${countdown.name}: once a second on screen, at most every ${ANNOUNCE_EVERY} s in live regions, until it ends`, async () => {
      const clock = fakeClock();
      let w: Awaited<ReturnType<typeof reach>> | undefined;
      try {
        w = await reach(countdown);
        const said = new Map<Element, string>();
        const changes: { second: number; region: Element; text: string }[] = [];
        const listen = (second: number) => {
          for (const region of liveRegions(w!.el)) {
            const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
            if (said.has(region) && said.get(region) !== text) changes.push({ second, region, text });
            said.set(region, text);
          }
        };
        listen(0);
        // Everything drawn, the countdown screen readers are spared (aria-hidden) included.
        const drawn = () =>
          textNodesWith(w!.el, '')
            .map((node) => node.textContent)
            .join(' ');
        const screens = new Set([drawn()]);
        for (let second = 1; second <= countdown.seconds + 2; second++) {
          clock.tick();
          await settled(w.el);
          screens.add(drawn());
          listen(second);
        }
        // Sighted users saw every second (and so the clock really moved).
        expect(screens.size, 'different screens seen').to.be.at.least(countdown.seconds);
        const tooSoon = changes.filter((change, i) =>
          changes.slice(0, i).some((earlier) => earlier.region === change.region && change.second - earlier.second < ANNOUNCE_EVERY),
        );
        const lines = (list: typeof changes) => list.map(({ second, region, text }) => `${second} s, <${region.localName}>: ${text}`);
        expect(lines(tooSoon), `changes within ${ANNOUNCE_EVERY} s of the one before; all: ${lines(changes).join(' | ')}`).to.deep.equal([]);
        if (countdown.name.includes('rate limited')) {
          // And the end is announced: the status region says the wait is over.
          expect(changes.at(-1)?.text, 'the last announcement').to.equal('Too many attempts. You can try again now.');
        }
      } finally {
        clock.restore();
        w?.remove();
      }
    });
  }
});
