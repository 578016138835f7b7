/**
 * `npm start`: the reference backend and the demo page on http://localhost:5173 (PORT and HOST
 * override), one process. Development only: the outbox route is mounted, state is in memory.
 */
import { startDemoServer } from './demo-server.js';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? 'localhost';

const server = await startDemoServer({ port, host }).catch((error) => {
  console.error(error?.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another one, e.g. PORT=5174 npm start` : error);
  process.exit(1);
});

console.log(`
  twofa-enroll demo        ${server.url}/
  reference backend        ${server.url}${server.app.basePath}
  demo account             jane@example.com, password "demo" (asked only with "Ask for my password first")
  text messages, e-mails   shown on the page, in "Outbox (demo)"

  Press Ctrl+C to stop.
`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
