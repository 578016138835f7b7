/**
 * A small HTTP client for the contract: a session (cookie + CSRF header), JSON in and out,
 * and assertions that every error answer has the contract's shape.
 */
import assert from 'node:assert/strict';

/**
 * @typedef {object} Answer
 * @property {number} status
 * @property {Headers} headers
 * @property {string} text
 * @property {any} json  the parsed body, or undefined when empty or not JSON
 */

export class ApiClient {
  /**
   * @param {string} base e.g. `http://localhost:5173/api/2fa`
   * @param {{ cookie?: string, headers?: Record<string, string>, csrfHeader?: string }} [session]
   */
  constructor(base, { cookie = '', headers = {}, csrfHeader = 'X-CSRF-Token' } = {}) {
    this.base = base.replace(/\/+$/, '');
    this.cookie = cookie;
    this.headers = headers;
    this.csrfHeader = csrfHeader;
  }

  /**
   * @param {string} method
   * @param {string} path below the base, e.g. `/enrollment`
   * @param {{ body?: unknown, raw?: string, contentType?: string, headers?: Record<string, string>,
   *   noCsrf?: boolean, noSession?: boolean }} [options]
   * @returns {Promise<Answer>}
   */
  async request(method, path, { body, raw, contentType, headers = {}, noCsrf = false, noSession = false } = {}) {
    /** @type {Record<string, string>} */
    const all = { Accept: 'application/json' };
    if (!noSession) {
      for (const [name, value] of Object.entries(this.headers)) {
        if (!(noCsrf && name.toLowerCase() === this.csrfHeader.toLowerCase())) all[name] = value;
      }
      if (this.cookie) all.Cookie = this.cookie;
    }
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) all['Content-Type'] = contentType ?? 'application/json';
    const response = await fetch(this.base + path, { method, headers: { ...all, ...headers }, body: payload, redirect: 'manual' });
    if (!noSession) this.keepCookies(response.headers.getSetCookie());
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /**
   * Takes the cookies an answer sets, as a browser would: a backend may renew the session id (after
   * the password, say), and the old cookie then no longer works.
   * @param {string[]} setCookies  `Set-Cookie` headers
   */
  keepCookies(setCookies) {
    const jar = new Map(
      this.cookie
        .split(';')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => [pair.split('=')[0], pair]),
    );
    for (const header of setCookies) {
      const pair = header.split(';')[0].trim();
      jar.set(pair.split('=')[0], pair);
    }
    this.cookie = [...jar.values()].join('; ');
  }

  post(path, body, options = {}) {
    return this.request('POST', path, { ...options, body });
  }

  get(path, options = {}) {
    return this.request('GET', path, options);
  }

  delete(path, options = {}) {
    return this.request('DELETE', path, options);
  }
}

/**
 * Asserts a 2xx status.
 * @param {Answer} answer
 * @param {number} status
 * @param {string} what
 */
export function expectOk(answer, status, what) {
  assert.equal(answer.status, status, `${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 200)}`);
}

/**
 * Asserts an error answer of the contract's shape: one of `statuses`, a JSON object whose `error`
 * is a string (equal to `code` when given), numbers where `retryAfter`/`attemptsLeft` appear, and
 * nothing that looks like a stack trace.
 * @param {Answer} answer
 * @param {number | number[]} statuses
 * @param {string | undefined} code
 * @param {string} what
 */
export function expectError(answer, statuses, code, what) {
  const allowed = [statuses].flat();
  assert.ok(allowed.includes(answer.status), `${what}: expected ${allowed.join(' or ')}, got ${answer.status} ${answer.text.slice(0, 200)}`);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/i, `${what}: error answer is not JSON`);
  assert.ok(answer.json && typeof answer.json === 'object' && !Array.isArray(answer.json), `${what}: error body is not a JSON object`);
  assert.equal(typeof answer.json.error, 'string', `${what}: error body has no "error" string`);
  if (code !== undefined) assert.equal(answer.json.error, code, `${what}: expected error "${code}", got "${answer.json.error}"`);
  for (const key of ['retryAfter', 'attemptsLeft', 'serverTime']) {
    if (key in answer.json) assert.ok(Number.isFinite(answer.json[key]) && answer.json[key] >= 0, `${what}: ${key} is not a non-negative number`);
  }
  assert.doesNotMatch(answer.text, /\n\s+at |node:internal|\.js:\d+:\d+/, `${what}: the error answer contains a stack trace`);
  return answer.json;
}
