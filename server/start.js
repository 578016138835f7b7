/**
 * `npm start`: the reference backend and the demo page on http://localhost:5173 (PORT and HOST
 * override), one process. Development only: the outbox route is mounted. State survives a restart:
 * it is in `.twofa-data/` (embedded PostgreSQL, PGlite; TWOFA_DATA_DIR moves it), or in PostgreSQL
 * when DATABASE_URL is set, for several instances (server/README.md, "Storage").
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDemoServer } from './demo-server.js';
import { DEFAULT_DATA_DIR, openStore } from './sql-store.js';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? 'localhost';

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.TWOFA_DATA_DIR;
// The first start creates the embedded database: seconds with nothing on screen would look like a hang.
if (!databaseUrl && !existsSync(resolve(dataDir ?? DEFAULT_DATA_DIR, 'PG_VERSION')))
  console.log(`Creating the database in ${dataDir ?? '.twofa-data/'} (first start only, a few seconds)…`);
const store = await openStore({ databaseUrl, dataDir }).catch((error) => {
  console.error(error);
  process.exit(1);
});

const server = await startDemoServer({ port, host, app: { store } }).catch(async (error) => {
  console.error(error?.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another one, e.g. PORT=5174 npm start` : error);
  await store.close();
  process.exit(1);
});

console.log(`
  twofa-enroll demo        ${server.url}/
  reference backend        ${server.url}${server.app.basePath}
  demo account             jane@example.com, password "demo" (asked only with "Ask for my password first")
  text messages, e-mails   shown on the page, in "Outbox (demo)"
  state                    ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `${process.env.TWOFA_DATA_DIR ?? '.twofa-data/'} (embedded PostgreSQL)`}

  Press Ctrl+C to stop.
`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
