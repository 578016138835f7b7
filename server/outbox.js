/**
 * How codes leave the backend: a `Send` function, once for text messages and once for e-mail, and
 * `DevOutbox`, the development stand-in for both.
 *
 * A production backend passes its SMS provider (`createApp({ sendSms })`) and its mail service
 * (`createApp({ sendEmail })`). `DevOutbox` sends nothing: it keeps the messages in memory, and the
 * demo page shows them in its "Outbox (demo)" panel (through the development-only route in app.js).
 */

/**
 * @typedef {{ channel: 'sms' | 'email', to: string, subject?: string, text: string }} Message
 *   `to`: an E.164 number or an e-mail address; `subject` only for e-mail
 * @typedef {{ userId: string, enrollmentId: string }} MessageContext  who it is for (the outbox uses it)
 * @typedef {(message: Message, context: MessageContext) => Promise<void>} Send
 *   Resolves once the provider accepted the message; rejects if it did not (the client gets 502).
 * @typedef {{ id: number, channel: 'sms' | 'email', to: string, text: string, at: number }} OutboxMessage
 */

/**
 * The development stand-in: an in-memory outbox instead of an SMS provider and a mail server.
 * One instance serves as both, so the demo sees one list in the order things were sent.
 */
export class DevOutbox {
  /** @type {Array<OutboxMessage & MessageContext>} */
  #messages = [];
  #nextId = 1;

  /** @param {{ now?: () => number, limit?: number }} [options] */
  constructor({ now = Date.now, limit = 1000 } = {}) {
    this.now = now;
    this.limit = limit;
  }

  /** A `Send` (bound: pass `outbox.send` as it is). @type {Send} */
  send = async ({ channel, to, text }, context) => {
    this.#messages.push({ id: this.#nextId++, channel, to, text, at: this.now(), ...context });
    if (this.#messages.length > this.limit) this.#messages.shift();
  };

  /**
   * The messages sent for one user, oldest first.
   * @param {string} userId
   * @returns {OutboxMessage[]}
   */
  messagesFor(userId) {
    return this.#messages.filter((m) => m.userId === userId).map(({ id, channel, to, text, at }) => ({ id, channel, to, text, at }));
  }
}
