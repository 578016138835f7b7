#!/usr/bin/env node
/**
 * Contract conformance for any backend:
 *
 *   npm run conformance -- http://localhost:8080/api/2fa [options]
 *
 * Sessions (see server/README.md, "Running the conformance suite against your backend"):
 *   --session-url URL   GET it to sign in a new test user: it must set the session cookie and answer
 *                       { "csrfToken": "…" } (default: {base}/session, the reference backend's)
 *   --cookie 'a=b'      use this cookie instead, for every rule (one fixed user; repeatable)
 *   --header 'N: v'     extra request header, e.g. a bearer token or the CSRF token (repeatable)
 *   --csrf-header NAME  the CSRF header's name (default X-CSRF-Token)
 * Other:
 *   --password PW       the test user's password, to check that it is accepted
 *   --outbox-url URL    GET it (with the session) to read the text messages and e-mails sent:
 *                       { "messages": [{ "to", "text" }] } (`to`: the number or the address)
 *                       (default: {base}/dev/outbox, the reference backend's development outbox)
 *   --max-wait SECONDS  the longest a rule may wait for an expiry or a lockout to end (default 15)
 *   --only TEXT         run only the rules whose group or name contains TEXT
 *
 * The suite reads each enrollment's `secret` (or the secret in its `uri`) and computes the codes itself
 * (RFC 6238, independent of the reference backend's library). Prints PASS / FAIL / SKIP per rule, then
 * `Conformance: N passed, M failed`; exits 1 when any rule failed.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { ApiClient, expectOk } from './client.js';
import { rules } from './rules.js';
import { msLeftInStep, totp } from './totp.js';

/**
 * @typedef {object} ConformanceOptions
 * @property {string} base  the API's base URL, e.g. `http://localhost:5173/api/2fa`
 * @property {string} [sessionUrl]
 * @property {string[]} [cookies]
 * @property {Record<string, string>} [headers]
 * @property {string} [csrfHeader]
 * @property {string} [password]
 * @property {string} [outboxUrl]
 * @property {number} [maxWait]  seconds
 * @property {string} [only]
 * @property {(line: string) => void} [print]
 */

/**
 * @typedef {object} Context
 * @property {() => Promise<ApiClient>} session  a signed-in client (a new test user each time, unless fixed)
 * @property {boolean} fresh  whether each session is a new user
 * @property {string | undefined} sessionUrl  the URL that signs a new test user in (none with a fixed session)
 * @property {string | undefined} password
 * @property {number} maxWait  milliseconds
 * @property {(ms: number) => Promise<unknown>} sleep
 * @property {(reason: string) => never} skip
 * @property {() => void} needsFreshUser  skips the rule when sessions are one fixed user
 * @property {(extra?: Record<string, unknown>) => Record<string, unknown>} startBody
 * @property {(client: ApiClient, extra?: Record<string, unknown>) => Promise<any>} start  POST /enrollment, 201 asserted
 * @property {(client: ApiClient) => Promise<any>} enable  a whole TOTP-only enrollment; resolves to it (its codes prove a reset)
 * @property {(enrollment: any, steps?: number) => string} code  the TOTP now (or `steps` periods away)
 * @property {(enrollment: any) => string} wrongCode  6 digits that are no code of the window ±2
 * @property {() => Promise<void>} safeWindow  waits until a time step has at least 4 s left
 * @property {(client: ApiClient, to: string) => Promise<string>} sentCode  the latest code sent to `to` (a number or an address)
 */

class Skip extends Error {}

/**
 * Runs the rules; resolves to the counts and each rule's outcome.
 * @param {ConformanceOptions} options
 */
export async function runConformance(options) {
  const base = options.base.replace(/\/+$/, '');
  const csrfHeader = options.csrfHeader ?? 'X-CSRF-Token';
  const fixed = Boolean(options.cookies?.length || Object.keys(options.headers ?? {}).length);
  const print = options.print ?? ((line) => console.log(line));
  const maxWait = (options.maxWait ?? 15) * 1000;

  async function session() {
    if (fixed) return new ApiClient(base, { cookie: (options.cookies ?? []).join('; '), headers: options.headers, csrfHeader });
    const response = await fetch(options.sessionUrl ?? `${base}/session`, { headers: { Accept: 'application/json' } });
    const text = await response.text();
    assert.equal(response.status, 200, `signing in through the session URL answered ${response.status}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = JSON.parse(text);
    assert.ok(typeof csrfToken === 'string' && csrfToken, 'the session URL answered no csrfToken');
    return new ApiClient(base, { cookie, headers: { [csrfHeader]: csrfToken }, csrfHeader });
  }

  /** @param {any} e */
  const secretOf = (e) => e.secret ?? new URL(e.uri.replace(/^otpauth:/, 'http:')).searchParams.get('secret');
  /** @param {any} e @param {number} [steps] */
  const code = (e, steps = 0) => totp(secretOf(e), { time: Date.now() + steps * (e.period ?? 30) * 1000, period: e.period ?? 30 });
  /** @param {Record<string, unknown>} [extra] */
  const startBody = (extra = {}) => ({
    ...(fixed ? { mode: 'reset' } : {}),
    ...(options.password !== undefined && !('password' in extra) ? { password: options.password } : {}),
    ...extra,
  });

  /** @type {Context} */
  const ctx = {
    session,
    fresh: !fixed,
    sessionUrl: fixed ? undefined : (options.sessionUrl ?? `${base}/session`),
    password: options.password,
    maxWait,
    sleep,
    skip(reason) {
      throw new Skip(reason);
    },
    needsFreshUser() {
      if (fixed) throw new Skip('needs a new user per session (--session-url), not a fixed --cookie');
    },
    startBody,
    async start(client, extra) {
      const answer = await client.post('/enrollment', startBody(extra));
      expectOk(answer, 201, 'POST /enrollment');
      return answer.json;
    },
    async enable(client) {
      const e = await ctx.start(client);
      expectOk(await client.post(`/enrollment/${e.id}/totp`, { code: code(e) }), 204, 'TOTP');
      expectOk(await client.post(`/enrollment/${e.id}/complete`, {}), 200, 'complete');
      return e;
    },
    code,
    wrongCode(e) {
      const near = new Set([-2, -1, 0, 1, 2].map((steps) => code(e, steps)));
      for (let n = 0; ; n++) {
        const candidate = String((123456 + n * 111111) % 1000000).padStart(6, '0');
        if (!near.has(candidate)) return candidate;
      }
    },
    async safeWindow() {
      if (msLeftInStep() < 4000) await sleep(msLeftInStep() + 200);
    },
    async sentCode(client, to) {
      /** @type {Record<string, string>} */
      const headers = { Accept: 'application/json', ...client.headers };
      if (client.cookie) headers.Cookie = client.cookie;
      const answer = await fetch(options.outboxUrl ?? `${base}/dev/outbox`, { headers });
      if (answer.status !== 200) throw new Skip(`no outbox to read the code from (${answer.status}); pass --outbox-url`);
      const { messages } = await answer.json();
      const latest = [...(messages ?? [])].reverse().find((m) => m.to === to);
      const match = /\b(\d{6})\b/.exec(latest?.text ?? '');
      if (!match) throw new Skip(`the outbox has no code for ${to}`);
      return match[1];
    },
  };

  const selected = rules.filter((rule) => !options.only || `${rule.group}: ${rule.name}`.includes(options.only));
  /** @type {Array<{ rule: string, outcome: 'pass' | 'fail' | 'skip', detail?: string }>} */
  const results = [];
  for (const rule of selected) {
    const title = `${rule.group}: ${rule.name}`;
    try {
      await rule.run(ctx);
      results.push({ rule: title, outcome: 'pass' });
      print(`PASS  ${title}`);
    } catch (error) {
      if (error instanceof Skip) {
        results.push({ rule: title, outcome: 'skip', detail: error.message });
        print(`SKIP  ${title}\n      ${error.message}`);
      } else {
        const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
        results.push({ rule: title, outcome: 'fail', detail });
        print(`FAIL  ${title}\n      ${detail}`);
      }
    }
  }
  const count = (/** @type {string} */ outcome) => results.filter((r) => r.outcome === outcome).length;
  const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip'), results };
  if (summary.skipped) print(`${summary.skipped} skipped (see SKIP above)`);
  print(`Conformance: ${summary.passed} passed, ${summary.failed} failed`);
  return summary;
}

/** @param {string[]} argv */
export function parseArgs(argv) {
  /** @type {ConformanceOptions & { help?: boolean }} */
  const options = { base: '', cookies: [], headers: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--session-url') options.sessionUrl = value();
    else if (arg === '--cookie') options.cookies?.push(value());
    else if (arg === '--header') {
      const [name, ...rest] = value().split(':');
      /** @type {Record<string, string>} */ (options.headers)[name.trim()] = rest.join(':').trim();
    } else if (arg === '--csrf-header') options.csrfHeader = value();
    else if (arg === '--password') options.password = value();
    else if (arg === '--outbox-url') options.outboxUrl = value();
    else if (arg === '--max-wait') options.maxWait = Number(value());
    else if (arg === '--only') options.only = value();
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.base = arg;
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.help || !options.base) {
      console.log(
        'usage: npm run conformance -- <base URL, e.g. http://localhost:5173/api/2fa> [--password PW] [--session-url URL | --cookie C --header "N: V"] [--outbox-url URL] [--max-wait S] [--only TEXT]\nsee server/README.md',
      );
      process.exitCode = options.help ? 0 : 2;
    } else {
      const { failed } = await runConformance(options);
      process.exitCode = failed ? 1 : 0;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
