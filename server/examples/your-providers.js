/**
 * Stands in for the host's SMS provider and mail service in host-app.js: they deliver nothing and
 * keep what they were given in memory (`sent`, read by the example's test). Yours call the
 * provider's API and reject when it refuses (the API then answers 502).
 */

/** @type {Array<{ to: string, subject?: string, text: string }>} */
export const sent = [];

export const sms = {
  /** @param {string} to  E.164 @param {string} text */
  async send(to, text) {
    sent.push({ to, text });
  },
};

export const mail = {
  /** @param {{ to: string, subject: string, text: string }} message */
  async send(message) {
    sent.push(message);
  },
};
