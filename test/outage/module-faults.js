/**
 * The network failing at the moment a lazily loaded module is fetched, for the component tests in
 * this folder: `executeServerCommand('module-fault', { match, fail })` drops the connection of every
 * request whose path contains `match` (the fetch fails as it does offline), until it is called again
 * with `fail: false`. The fault is the server's, so these files run on their own
 * (web-test-runner.outage.config.js), never beside files that load the same modules.
 */
const faults = new Set();

export function moduleFaults() {
  return {
    name: 'module-faults',
    executeCommand({ command, payload }) {
      if (command !== 'module-fault') return undefined;
      if (payload.fail) faults.add(payload.match);
      else faults.delete(payload.match);
      return true;
    },
  };
}

/**
 * Koa middleware. The connection is dropped rather than answered with an error status: the test
 * runner marks every file response cacheable for a year, and a cached error would outlive the fault.
 */
export async function moduleFaultMiddleware(context, next) {
  if ([...faults].some((match) => context.path.includes(match))) {
    context.respond = false;
    context.req.socket.destroy();
    return;
  }
  await next();
}
