// The benchmark page: the built kit on the in-memory adapter, with hooks the bench script drives.
import '../dist/index.js';
import { MemoryAdapter } from '../dist/adapter/memory.js';

const deep = (root, selector) => {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deep(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
};

let wizard = document.createElement('twofa-enroll');
const adapter = new MemoryAdapter({ issuer: 'Bench', account: 'bench@example.com', sms: 'optional' });
wizard.adapter = adapter;
document.body.append(wizard);

const step = () => wizard.shadowRoot?.querySelector('.step > *');
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

window.bench = {
  firstRender: (async () => {
    await customElements.whenDefined('twofa-enroll');
    await wizard.updateComplete;
    await step()?.updateComplete;
    return performance.now();
  })(),

  /** Clicks through a whole enrollment; returns ms per transition and for the QR drawing. */
  async enroll() {
    const times = {};
    const transition = async (name, act) => {
      const changed = new Promise((resolve) => wizard.addEventListener('twofa-step-change', resolve, { once: true }));
      const start = performance.now();
      await act();
      await changed;
      await step()?.updateComplete;
      times[name] = performance.now() - start;
    };
    const qrReady = new Promise((resolve) =>
      wizard.shadowRoot.addEventListener('twofa-qr-ready', () => resolve(performance.now()), { once: true, capture: true }),
    );
    await transition('info → qr', async () => {
      deep(step().shadowRoot, 'button.primary').click();
    });
    const qrShown = performance.now();
    times['qr drawing'] = (await qrReady) - qrShown;
    await frame();
    await transition('qr → confirm', () => deep(step().shadowRoot, 'button.primary').click());
    await transition('confirm → sms', () => {
      const input = deep(step().shadowRoot, 'input');
      input.value = adapter.currentCode();
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    });
    await transition('sms → sms code', () => {
      deep(step().shadowRoot, '#phone').value = '+4791234567';
      deep(step().shadowRoot, 'button.primary').click();
    });
    await transition('sms code → emergency', () => {
      const input = deep(step().shadowRoot, 'input');
      input.value = adapter.outbox.at(-1).text.match(/\d{6}/)[0];
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    });
    await transition('emergency → done', async () => {
      while (!deep(step().shadowRoot, 'li')) await frame(); // the codes are still loading
      deep(step().shadowRoot, 'input[type=checkbox]').click();
      await step().updateComplete;
      deep(step().shadowRoot, 'button.primary').click();
    });
    return times;
  },

  /** Removes the wizard; returns a WeakRef the script checks after a forced GC. */
  remove() {
    wizard.remove();
    window.benchRef = new WeakRef(wizard);
    wizard = null; // the page's own reference; anything else still holding it is a leak
  },
};
