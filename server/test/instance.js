/**
 * One instance of the reference backend, as its own process, for instances.test.js: `createApp` on
 * a SqlStore (DATABASE_URL, else PGlite in TWOFA_DATA_DIR) on 127.0.0.1 and a free port.
 * TWOFA_OPTIONS (JSON) adds options of `createApp`. Prints `{ "port": N }` once it listens; SIGTERM
 * stops it cleanly (SIGKILL is the test of the other kind of end); the end of its stdin ends it.
 */
import { createServer } from 'node:http';
import { createApp } from '../app.js';
import { openStore } from '../sql-store.js';

const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.TWOFA_DATA_DIR });
const app = createApp({ store, ...JSON.parse(process.env.TWOFA_OPTIONS ?? '{}') });
const server = createServer(app.handle);
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: /** @type {import('node:net').AddressInfo} */ (server.address()).port }));
});
// The test process holds our stdin: when it is gone (killed, without its `after` hooks), so are we.
process.stdin.on('end', () => process.exit(1)).resume();
process.once('SIGTERM', () => {
  app.close();
  server.closeAllConnections();
  server.close(() => void store.close().then(() => process.exit(0)));
});
