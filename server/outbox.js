/**
 * How codes leave the backend: the `Transport` interface, once for text messages and once for
 * e-mail, and `DevOutbox`, the development transport for both.
 *
 * A production backend implements `Transport` with its SMS provider's API (`createApp({ sms })`)
 * and with its mail service (`createApp({ email })`). `DevOutbox` sends nothing: it keeps the
 * messages in memory, and the demo page shows them in its "Outbox (demo)" panel (through the
 * development-only route in app.js).
 */

/**
 * @typedef {{ channel: 'sms' | 'email', to: string, subject?: string, text: string }} Message
 *   `to`: an E.164 number or an e-mail address; `subject` only for e-mail
 * @typedef {{ userId: string, enrollmentId: string }} MessageContext  who it is for (the outbox uses it)
 * @typedef {{ send(message: Message, context: MessageContext): Promise<void> }} Transport
 *   Resolves once the provider accepted the message; rejects if it did not.
 * @typedef {{ id: number, channel: 'sms' | 'email', to: string, text: string, at: number }} OutboxMessage
 */

/**
 * The development transport: an in-memory outbox instead of an SMS provider and a mail server.
 * One instance can serve as both, so the demo sees one list in the order things were sent.
 * @implements {Transport}
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

  /**
   * @param {Message} message
   * @param {MessageContext} context
   */
  async send({ channel, to, text }, context) {
    this.#messages.push({ id: this.#nextId++, channel, to, text, at: this.now(), ...context });
    if (this.#messages.length > this.limit) this.#messages.shift();
  }

  /**
   * The messages sent for one user, oldest first.
   * @param {string} userId
   * @returns {OutboxMessage[]}
   */
  messagesFor(userId) {
    return this.#messages.filter((m) => m.userId === userId).map(({ id, channel, to, text, at }) => ({ id, channel, to, text, at }));
  }
}
