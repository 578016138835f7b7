/**
 * The API's Fetch handler (app.js) on Node's own servers: `app.handle(req, res, next?)` is a request
 * listener for `node:http` and `node:https` and a middleware for Express and Connect, mounted at the
 * root or under the API's path (`app.use('/api/2fa', twofa.handle)`).
 *
 * It makes a Fetch `Request` of the Node request (the URL from the socket's TLS and the `Host`
 * header, the body as a stream, aborted when the client goes away), hands the handler the peer's
 * address and the Node objects (`getUser(request, { req })` can read `req.session` or `req.user`),
 * and writes the answer back. A request outside the API goes to `next` when there is one.
 */
import { Readable } from 'node:stream';

/**
 * @param {(request: Request, context: import('./session.js').RequestContext) => Promise<import('./app.js').Answer>} answer
 *   the API's answer (app.js), as data rather than a `Response`: reading one back costs more than the rest of a request
 * @param {(pathname: string) => boolean} handles  whether a path is the API's
 */
export function nodeHandler(answer, handles) {
  /**
   * @param {import('node:http').IncomingMessage & { originalUrl?: string, body?: unknown }} req
   * @param {import('node:http').ServerResponse} res
   * @param {(error?: unknown) => void} [next]  Express's or Connect's: the request is not the API's
   */
  return async function handle(req, res, next) {
    // Express and Connect strip the mount path from `url`; `originalUrl` keeps it.
    const target = req.originalUrl ?? req.url ?? '/';
    if (next && !handles(target.split('?')[0])) return next();
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const { status, headers, body } = await answer(toRequest(req, target, gone.signal), { clientAddress: req.socket.remoteAddress, req, res });
    if (gone.signal.aborted || res.headersSent) return;
    res.statusCode = status;
    for (const [name, value] of headers) if (name !== 'set-cookie') res.setHeader(name, value);
    const cookies = headers.getSetCookie();
    if (cookies.length) res.setHeader('Set-Cookie', cookies);
    // A body the handler did not read to the end must not be taken for the next request.
    if (!req.complete) res.setHeader('Connection', 'close');
    if (body !== null) res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body ?? undefined);
  };
}

/**
 * @param {import('node:http').IncomingMessage & { body?: unknown }} req
 * @param {string} target  the path and query
 * @param {AbortSignal} signal
 * @returns {Request}
 */
function toRequest(req, target, signal) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const scheme = /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted ? 'https' : 'http';
  let url;
  try {
    url = new URL(target, `${scheme}://${req.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL(target.replace(/^[^/]*/, '') || '/', `${scheme}://localhost`); // a Host no URL can hold: no Origin will match it
  }
  const method = req.method ?? 'GET';
  /** @type {RequestInit & { duplex?: 'half' }} */
  const init = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    // A body parser mounted before us (express.json()) has read the stream: its result stands in for it.
    const parsed = req.readableEnded && req.body !== undefined;
    init.body = parsed ? JSON.stringify(req.body) : /** @type {ReadableStream<Uint8Array>} */ (Readable.toWeb(req));
    init.duplex = 'half';
    if (parsed) headers.delete('content-length');
  }
  return new Request(url, init);
}
