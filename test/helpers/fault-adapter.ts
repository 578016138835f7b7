/**
 * Fault injection for the wizard's requests, on top of `MemoryAdapter` (its `fail` hook makes the
 * failures; this adds what the hook cannot: a delay the test controls, HTTP-level answers such as an
 * HTML error page, and tampered answers).
 *
 * Two transports put the backend behind the wizard:
 * - `direct`: the wizard calls the memory adapter through a thin wrapper, as with another team's adapter;
 * - `http`: the wizard calls the real `HttpAdapter`, whose `fetch` is a fake server answering from the
 *   memory adapter (so HTTP statuses, headers and bodies go through the adapter's own error mapping).
 *
 * Every injected fault holds its request on a `ManualClock` first (3 s by default), so a test can see
 * the busy state and press buttons while the request is in flight, then `advance()` the clock.
 */
import { TwofaError, type AdapterMethod, type FailureHook, type MemoryAdapter, type MemoryAdapterOptions } from 'twofa-enroll/adapter/memory';
import { HttpAdapter } from 'twofa-enroll/adapter/http';
import type { AccountAdapter, EnrollmentAdapter } from 'twofa-enroll';
import type { TwofaEnroll } from 'twofa-enroll';
import { deepElements } from './queries.js';
import { wizard, type Transport, type Wizard } from './wizard.js';

export const FAULTS = ['network', 'timeout', 'server-html', 'rate-limited', 'expired', 'slow'] as const;
/**
 * - `network`: the request throws a `TypeError`, as `fetch` does offline;
 * - `timeout`: `TwofaError('timeout')`;
 * - `server-html`: HTTP 500 with a `text/html` error page (a proxy's, with markup and a script);
 * - `rate-limited`: HTTP 429 with `Retry-After` (and the JSON contract's `retryAfter`);
 * - `expired`: HTTP 410;
 * - `slow`: the answer comes, correct, after `SLOW_MS`.
 */
export type Fault = (typeof FAULTS)[number];

/** How long an injected request is held on the manual clock before it answers. */
export const SLOW_MS = 3000;
/** Seconds a rate limit asks the user to wait. */
export const RETRY_AFTER = 1;

/** The transport each fault naturally comes through. */
export const TRANSPORT: Record<Fault, 'direct' | 'http'> = {
  network: 'direct',
  timeout: 'direct',
  'server-html': 'http',
  'rate-limited': 'http',
  expired: 'http',
  slow: 'direct',
};

/** Markup that sets `window.__twofaInjected` if it is ever parsed as HTML: for names, codes, error pages. */
export const INJECTION = '<img src="x" onerror="window.__twofaInjected = true"><script>window.__twofaInjected = true</script>';

/** An error page a proxy or framework sends: never to be shown, parsed or run. */
export const HTML_ERROR_PAGE =
  '<!doctype html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1>' +
  `${INJECTION}<p>nginx/1.25</p></body></html>`;

const EMBEDDING = new Set(['img', 'script', 'iframe', 'object', 'embed', 'image']);

/**
 * What markup from outside got into the DOM below `root` (through shadow roots): elements that load
 * or run things, any `on…` attribute, `javascript:` links, and whether `INJECTION` ever ran.
 */
export function injected(root: Element): string[] {
  const found: string[] = [];
  for (const el of deepElements(root)) {
    if (EMBEDDING.has(el.localName)) found.push(`<${el.localName}>`);
    for (const { name, value } of Array.from(el.attributes)) {
      if (name.startsWith('on')) found.push(`<${el.localName} ${name}>`);
      if ((name === 'href' || name === 'src') && /^\s*javascript:/i.test(value)) found.push(`<${el.localName} ${name}="${value.slice(0, 30)}">`);
    }
  }
  if ('__twofaInjected' in window) found.push('window.__twofaInjected was set');
  return found;
}

/** A clock only the test moves: `sleep()` resolves once `advance()` has passed its time. */
export class ManualClock {
  private time = 0;
  private sleepers: { at: number; wake: () => void }[] = [];

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.time + ms, wake }));
  }

  /** Moves time on and wakes whoever's time has come; resolves after their continuations ran. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.at <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.at > this.time);
    due.forEach((s) => s.wake());
    await new Promise((resolve) => setTimeout(resolve));
  }

  /** How many requests are waiting. */
  get waiting(): number {
    return this.sleepers.length;
  }
}

/** What a test can make a request do: a named fault, an error the backend throws, or (HTTP transport) the server's response. */
export type Injection = Fault | TwofaError | Response;

type Answers = { [M in AdapterMethod]?: (answer: Awaited<ReturnType<NonNullable<(EnrollmentAdapter & AccountAdapter)[M]>>>) => unknown };

export class Faults {
  readonly clock = new ManualClock();
  private readonly planned = new Map<AdapterMethod, { what: Injection; hold: boolean }[]>();
  /** What the memory adapter's `fail` hook raises on its next call of that method. */
  private readonly armed = new Map<AdapterMethod, Injection>();
  private readonly answers: Answers = {};

  /** For `MemoryAdapter`'s `fail` option: raises the armed fault, once. */
  readonly hook: FailureHook = (method) => {
    const fault = this.armed.get(method);
    this.armed.delete(method);
    if (fault instanceof TwofaError) return fault;
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault === 'timeout') return new TwofaError('timeout');
    if (fault === 'rate-limited') return new TwofaError('rate_limited', { retryAfter: RETRY_AFTER });
    if (fault === 'expired') return new TwofaError('expired');
    if (fault === 'server-html') return new TwofaError('server', { cause: new Error(HTML_ERROR_PAGE) });
    return undefined;
  };

  /** The next call of `method` is held for `SLOW_MS` (unless `hold` is false), then fails with `what` (`slow`: succeeds). */
  inject(method: AdapterMethod, what: Injection, { hold = true } = {}): void {
    this.planned.set(method, [...(this.planned.get(method) ?? []), { what, hold }]);
  }

  /** What `method` resolves with is replaced by `change(answer)` (malformed data from a backend), until `undefined`. */
  tamper<M extends AdapterMethod>(method: M, change: Answers[M] | undefined): void {
    this.answers[method] = change as never;
  }

  /** Lets every held request answer. */
  release(): Promise<void> {
    return this.clock.advance(SLOW_MS);
  }

  /** The adapter the wizard talks to, in front of `memory` (created with `fail: faults.hook`). */
  transport(kind: 'direct' | 'http'): Transport {
    return (memory) => (kind === 'http' ? this.http(memory) : this.direct(memory));
  }

  /** Holds a planned call on the clock; returns what it was planned to do. */
  private async hold(method: AdapterMethod): Promise<Injection | undefined> {
    const planned = this.planned.get(method)?.shift();
    if (planned?.hold) await this.clock.sleep(SLOW_MS);
    return planned?.what;
  }

  /** Arms a failure for the memory adapter's hook, which raises it at its next call of `method`. */
  private arm(method: AdapterMethod, what: Injection | undefined): void {
    if (what && what !== 'slow' && !(what instanceof Response)) this.armed.set(method, what);
  }

  private async answer(memory: MemoryAdapter, method: AdapterMethod, args: unknown[]): Promise<unknown> {
    const call = (memory as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    const answer = await call.apply(memory, args);
    const change = this.answers[method] as ((a: unknown) => unknown) | undefined;
    return change ? change(answer) : answer;
  }

  private direct(memory: MemoryAdapter): EnrollmentAdapter {
    return new Proxy(memory, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        return async (...args: unknown[]) => {
          this.arm(key as AdapterMethod, await this.hold(key as AdapterMethod));
          return this.answer(target, key as AdapterMethod, args);
        };
      },
    });
  }

  private http(memory: MemoryAdapter): EnrollmentAdapter {
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      const path = String(input).replace(/^\/api\/2fa/, '');
      const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
      const route = ROUTES.find(([verb, pattern]) => verb === (init.method ?? 'GET') && pattern.test(path));
      if (!route) return new Response('Not Found', { status: 404 });
      const [, , method, argsOf] = route;
      const what = await this.hold(method);
      if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      if (what === 'network') throw new TypeError('Failed to fetch');
      const response = httpResponse(what);
      if (response) return response;
      this.arm(method, what); // what HTTP does not shape (a timeout, a given error) comes from the backend
      try {
        const answer = await this.answer(memory, method, argsOf(body));
        if (method === 'start') return jsonResponse({ id: 'enrollment-1', ...(answer as object) });
        return answer === undefined ? new Response(null, { status: 204 }) : jsonResponse(answer);
      } catch (error) {
        if (!(error instanceof TwofaError)) throw error;
        const { code, retryAfter, attemptsLeft, serverTime } = error;
        return jsonResponse({ error: code, retryAfter, attemptsLeft, serverTime }, STATUS[code] ?? 500);
      }
    };
    return new HttpAdapter({ endpoint: '/api/2fa', fetch: fetch as typeof globalThis.fetch });
  }
}

/** The response a server or proxy sends for an HTTP-level fault. */
function httpResponse(what: Injection | undefined): Response | undefined {
  if (what instanceof Response) return what;
  if (what === 'server-html') return new Response(HTML_ERROR_PAGE, { status: 500, headers: { 'Content-Type': 'text/html' } });
  if (what === 'rate-limited') {
    return jsonResponse({ error: 'rate_limited', retryAfter: RETRY_AFTER }, 429, { 'Retry-After': String(RETRY_AFTER) });
  }
  if (what === 'expired') return jsonResponse({ error: 'expired' }, 410);
  return undefined;
}

/** A JSON response, as the backend (or a fake of it) sends. */
export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const STATUS: Record<string, number> = { expired: 410, rate_limited: 429, already_enrolled: 409, server: 500 };

/** The README's JSON contract, as `HttpAdapter` calls it: verb, path, adapter method, its arguments from the body. */
const ROUTES: [string, RegExp, AdapterMethod, (body: Record<string, unknown>) => unknown[]][] = [
  ['POST', /^\/enrollment$/, 'start', (body) => [body]],
  ['POST', /^\/enrollment\/[^/]+\/totp$/, 'verifyTotp', (body) => [body.code]],
  ['POST', /^\/enrollment\/[^/]+\/sms$/, 'sendSms', (body) => [body.phone]],
  ['POST', /^\/enrollment\/[^/]+\/sms\/verify$/, 'verifySms', (body) => [body.code]],
  ['POST', /^\/enrollment\/[^/]+\/email$/, 'sendEmail', (body) => [body.email]],
  ['POST', /^\/enrollment\/[^/]+\/email\/verify$/, 'verifyEmail', (body) => [body.code]],
  ['POST', /^\/enrollment\/[^/]+\/recovery-codes$/, 'recoveryCodes', (body) => [body]],
  ['POST', /^\/enrollment\/[^/]+\/complete$/, 'complete', () => []],
  ['DELETE', /^\/enrollment\/[^/]+$/, 'cancel', () => []],
];

export interface FaultyWizard extends Wizard {
  faults: Faults;
}

/** A wizard whose backend fails on demand (`w.faults`), through the transport `kind`. */
export async function faultyWizard(
  options: MemoryAdapterOptions = {},
  attributes: Partial<TwofaEnroll> = {},
  kind: 'direct' | 'http' = 'direct',
): Promise<FaultyWizard> {
  const faults = new Faults();
  const w = await wizard({ ...options, fail: faults.hook }, attributes, faults.transport(kind));
  return { ...w, faults };
}
