/**
 * The network between a browser and the demo server, for every engine alike: a small HTTP proxy on
 * loopback that the pages open instead of the server. Tests see each answer (`waitForResponse`,
 * `responses`) and can step in (`route`: fetch the server's answer, then pass it on, change it, or
 * drop the connection), which WebDriver classic cannot do in the browser and Playwright's
 * `page.route` does only in Chromium. It can also put a script of the test's before everything
 * else in each HTML document (`injectScript`): how an engine without init scripts gets one.
 *
 * Every answer carries `Connection: close`, so each request has a connection of its own: a
 * connection dropped on purpose is then a network error for that request, never one that the
 * browser retries on a fresh connection as it would for a reused one. When the server is down
 * (its port closed) the proxy drops the browser's connection too, as the closed port would.
 */
import { createServer, request as httpRequest } from 'node:http';

/**
 * @typedef {{ method: string, url: string, path: string, headers: import('node:http').IncomingHttpHeaders, body: Buffer }} ProxyRequest
 * @typedef {{ status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }} ProxyAnswer
 * @typedef {{ method: string, url: string, path: string, status: number, headers: ProxyAnswer['headers'], body: Buffer,
 *   json: () => any, text: () => string }} ProxyResponse
 * @typedef {{ request: ProxyRequest, fetch: () => Promise<ProxyAnswer>,
 *   fulfill: (answer: Partial<ProxyAnswer> & { json?: unknown }) => void, abort: () => void, continue: () => Promise<void> }} Route
 */

const INJECTED = '/__twofa-e2e__/';

/**
 * @param {string} upstream  the server's origin, e.g. http://127.0.0.1:41051
 */
export async function startNetwork(upstream) {
  const target = new URL(upstream);
  /** @type {ProxyResponse[]} */
  const responses = [];
  /** @type {Array<(response: ProxyResponse) => void>} */
  const listeners = [];
  /** @type {Array<(request: ProxyRequest) => void>} */
  const failureListeners = [];
  /** @type {Array<{ matches: (request: ProxyRequest) => boolean, handler: (route: Route) => unknown }>} */
  let routes = [];
  /** The scripts to put into documents, by number. @type {Map<number, string>} */
  const scripts = new Map();
  let scriptCount = 0;

  /** @returns {Promise<ProxyAnswer>} */
  function fetchUpstream(/** @type {ProxyRequest} */ request) {
    return new Promise((resolve, reject) => {
      // The browser's Host stays (as behind a transparent proxy): the server compares it with Origin.
      const headers = { ...request.headers, connection: 'close' };
      delete headers['content-length'];
      delete headers['accept-encoding']; // plain bodies, to read and to change
      if (request.body.length) headers['content-length'] = String(request.body.length);
      const upstreamRequest = httpRequest(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, headers, agent: false },
        (answer) => {
          /** @type {Buffer[]} */
          const chunks = [];
          answer.on('data', (chunk) => chunks.push(chunk));
          answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: { ...answer.headers }, body: Buffer.concat(chunks) }));
          answer.on('error', reject);
        },
      );
      upstreamRequest.on('error', reject);
      upstreamRequest.end(request.body);
    });
  }

  /** Puts the test's scripts first in `<head>` (classic scripts from this origin: they run before the page's modules). */
  function inject(/** @type {ProxyAnswer} */ answer) {
    if (!scripts.size || !/^text\/html/.test(String(answer.headers['content-type'] ?? ''))) return answer;
    const tags = [...scripts.keys()].map((i) => `<script src="${INJECTED}${i}.js"></script>`).join('');
    const html = answer.body.toString('utf8').replace(/<head[^>]*>/i, (head) => head + tags);
    return { ...answer, body: Buffer.from(html) };
  }

  const server = createServer(async (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = req.url ?? '/';
    /** @type {ProxyRequest} */
    const request = { method: req.method ?? 'GET', url, path: url.split('?')[0], headers: req.headers, body: Buffer.concat(chunks) };

    if (request.path.startsWith(INJECTED)) {
      const source = scripts.get(Number(request.path.slice(INJECTED.length).replace(/\.js$/, '')));
      res.writeHead(source === undefined ? 404 : 200, { 'content-type': 'text/javascript', 'cache-control': 'no-store', connection: 'close' });
      res.end(source ?? '');
      return;
    }

    let done = false;
    const drop = () => {
      done = true;
      res.socket?.destroy();
    };
    const send = (/** @type {ProxyAnswer} */ original) => {
      done = true;
      const answer = inject(original);
      const headers = { ...answer.headers, connection: 'close' };
      delete headers['transfer-encoding'];
      delete headers['keep-alive'];
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.end(answer.body);
      const response = {
        method: request.method,
        url: `http://${req.headers.host}${url}`,
        path: request.path,
        status: answer.status,
        headers: answer.headers,
        body: answer.body,
        text: () => answer.body.toString('utf8'),
        json: () => JSON.parse(answer.body.toString('utf8')),
      };
      responses.push(response);
      for (const listener of [...listeners]) listener(response);
    };
    const passOn = async () => {
      try {
        send(await fetchUpstream(request));
      } catch {
        drop(); // the server is not there: the browser's connection fails as well
        for (const listener of [...failureListeners]) listener(request);
      }
    };

    const route = routes.find((r) => r.matches(request));
    if (!route) return passOn();
    try {
      await route.handler({
        request,
        fetch: () => fetchUpstream(request),
        fulfill: ({ json, ...answer }) => {
          const body = json === undefined ? (answer.body ?? Buffer.alloc(0)) : Buffer.from(JSON.stringify(json));
          const headers = { ...answer.headers };
          if (json !== undefined) headers['content-type'] = 'application/json';
          send({ status: answer.status ?? 200, headers, body });
        },
        abort: drop,
        continue: passOn,
      });
    } catch (error) {
      drop();
      throw error;
    }
    if (!done) drop();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

  return {
    url: `http://127.0.0.1:${port}`,
    /** Every answer passed on so far. */
    responses,
    /**
     * The next answer (from now on) that `predicate` accepts.
     * @param {(response: ProxyResponse) => boolean} predicate
     */
    waitForResponse(predicate, timeout = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.splice(listeners.indexOf(listener), 1);
          reject(new Error(`no response matched within ${timeout} ms: ${predicate}`));
        }, timeout);
        const listener = (/** @type {ProxyResponse} */ response) => {
          if (!predicate(response)) return;
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(listener), 1);
          resolve(response);
        };
        listeners.push(listener);
      });
    },
    /**
     * Hands the requests `matches` accepts to `handler`, which must fulfill, abort or continue each.
     * @param {(request: ProxyRequest) => boolean} matches
     * @param {(route: Route) => unknown} handler
     */
    route(matches, handler) {
      const entry = { matches, handler };
      routes.push(entry);
      return () => {
        routes = routes.filter((r) => r !== entry);
      };
    },
    /** Forgets every route (between tests). */
    unrouteAll() {
      routes = [];
    },
    /**
     * The next request from now on that failed because the server did not answer, and `predicate` accepts.
     * @param {(request: ProxyRequest) => boolean} [predicate]
     */
    waitForRequestFailed(predicate = () => true, timeout = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          failureListeners.splice(failureListeners.indexOf(listener), 1);
          reject(new Error(`no request failed within ${timeout} ms`));
        }, timeout);
        const listener = (/** @type {ProxyRequest} */ request) => {
          if (!predicate(request)) return;
          clearTimeout(timer);
          failureListeners.splice(failureListeners.indexOf(listener), 1);
          resolve(request);
        };
        failureListeners.push(listener);
      });
    },
    /**
     * Calls `listener` with each answer passed on from now on; returns what stops it.
     * @param {(response: ProxyResponse) => void} listener
     */
    onResponse(listener) {
      listeners.push(listener);
      return () => {
        if (listeners.includes(listener)) listeners.splice(listeners.indexOf(listener), 1);
      };
    },
    /** Puts a script before everything else in every HTML document from now on; returns what stops it. */
    injectScript(/** @type {string} */ source) {
      const id = scriptCount++;
      scripts.set(id, source);
      return () => void scripts.delete(id);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
    },
  };
}
