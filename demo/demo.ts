/**
 * The demo account-settings page: opens <twofa-enroll> on the in-memory adapter, and shows
 * the SMS messages the "server" would have sent, so a visitor can finish every step.
 */
import '../src/index.js';
import { MemoryAdapter } from '../src/adapter/memory-adapter.js';
import type { TwofaEnroll } from '../src/index.js';

const openButton = document.querySelector<HTMLButtonElement>('#open')!;
const slot = document.querySelector<HTMLElement>('#wizard-slot')!;
const status = document.querySelector<HTMLElement>('#status')!;
const outbox = document.querySelector<HTMLOListElement>('#outbox')!;
const language = document.querySelector<HTMLSelectElement>('#language')!;

language.addEventListener('change', () => {
  document.documentElement.lang = language.value;
});

openButton.addEventListener('click', () => {
  const adapter = new MemoryAdapter({
    issuer: 'Example Account',
    account: 'jane@example.com',
    latency: 300,
    onSms: (message) => {
      const item = document.createElement('li');
      item.textContent = `To ${message.to}: ${message.text}`;
      outbox.append(item);
    },
  });
  const wizard = document.createElement('twofa-enroll') as TwofaEnroll;
  wizard.adapter = adapter;
  const back = document.createElement('button');
  back.type = 'button';
  back.textContent = 'Back to settings';
  back.addEventListener('click', close);
  wizard.append(back);
  wizard.addEventListener('twofa-complete', (event) => {
    status.textContent = `Two-factor authentication is on: ${event.detail.methods.join(', ')}.`;
  });
  wizard.addEventListener('twofa-cancel', close);
  openButton.hidden = true;
  slot.replaceChildren(wizard);

  function close() {
    wizard.remove();
    openButton.hidden = false;
    openButton.focus();
  }
});
