/**
 * A throw-away PostgreSQL server for the tests: a new cluster in a temp directory, started with
 * the machine's own PostgreSQL binaries (Debian's `postgresql` package: /usr/lib/postgresql/N/bin;
 * PG_BIN names another directory holding `initdb` and `pg_ctl`), stopped and deleted afterwards.
 *
 * It listens on a unix socket in that directory only, no TCP: no port to pick, nothing in the way
 * of (or in the way of) another server, Debian's own cluster on 5432 included. Without the binaries
 * the tests that need it fail, saying so: CI installs them (.ci/run), a skip would hide that.
 */
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const DEBIAN = '/usr/lib/postgresql';

/** The directory with `initdb` and `pg_ctl`: PG_BIN, else Debian's newest. */
export function postgresBin() {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync(DEBIAN)
      ? readdirSync(DEBIAN)
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => join(DEBIAN, version, 'bin'))
      : [];
  const bin = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!bin)
    throw new Error(
      `PostgreSQL's server programs (initdb, pg_ctl) were not found in ${process.env.PG_BIN ?? `${DEBIAN}/*/bin`}. ` +
        'Install them (Debian: apt-get install postgresql, as .ci/run does) or set PG_BIN to their directory.',
    );
  return bin;
}

/**
 * Starts a new cluster; `stop()` ends and deletes it. `url` is its `postgres` database;
 * `createDatabase()` gives each caller an empty one of its own.
 */
export async function startPostgres() {
  const bin = postgresBin();
  // PostgreSQL refuses to run as root, which CI (and a container) is: then it runs as an unprivileged user.
  const user = process.getuid?.() === 0 ? unprivileged() : null;
  /** @param {string} program @param {string[]} args @returns {[string, string[]]} */
  const command = (program, args) => (user ? ['runuser', ['-u', user.name, '--', join(bin, program), ...args]] : [join(bin, program), args]);
  removeAbandoned(command);
  const dir = mkdtempSync(join(tmpdir(), 'twofa-pg-'));
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  if (user) chownSync(dir, user.uid, user.gid);

  const started = performance.now();
  await run(...command('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']));
  // Durability is not what these tests are about: no fsync, so a cluster starts and works fast.
  appendFileSync(
    join(data, 'postgresql.conf'),
    [`listen_addresses = ''`, `unix_socket_directories = '${dir}'`, 'fsync = off', 'synchronous_commit = off', 'full_page_writes = off', ''].join('\n'),
  );
  const stopArgs = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  let running = true;
  const stopNow = () => {
    if (!running) return;
    running = false;
    try {
      execFileSync(...stopArgs, { stdio: 'ignore' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // Also when the test process ends without its `after` hooks (an uncaught error).
  process.once('exit', stopNow);
  try {
    await run(...command('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']));
  } catch (error) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    stopNow();
    throw new Error(`PostgreSQL did not start: ${/** @type {Error} */ (error).message}\n${log}`, { cause: error });
  }
  const startMs = Math.round(performance.now() - started);

  /** @param {string} database */
  const urlOf = (database) => `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(dir)}`;
  let databases = 0;
  return {
    url: urlOf('postgres'),
    /** How long initdb and the start took. */
    startMs,
    /** A new empty database; its connection string. */
    async createDatabase() {
      const name = `twofa_test_${++databases}`;
      const client = new pg.Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    },
    async stop() {
      process.off('exit', stopNow);
      stopNow();
    },
  };
}

/**
 * Stops and deletes the clusters of test processes that are gone without their `after` hooks (killed,
 * or their output piped into `head`): a server left running would otherwise stay until the reboot.
 * @param {(program: string, args: string[]) => [string, string[]]} command
 */
function removeAbandoned(command) {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith('twofa-pg-'))) {
    const dir = join(tmpdir(), name);
    let owner;
    try {
      owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
      process.kill(owner, 0);
      continue; // its process still runs (another test file right now)
    } catch (error) {
      // No owner.pid: still being made by a process that has not written it yet.
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') continue;
    }
    try {
      execFileSync(...command('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Debian's `postgres` user (the package creates it), else `nobody`. */
function unprivileged() {
  const users = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .map(([name, , uid, gid]) => ({ name, uid: Number(uid), gid: Number(gid) }));
  const user = users.find((u) => u.name === 'postgres') ?? users.find((u) => u.name === 'nobody');
  if (!user) throw new Error('Running as root, and neither a postgres nor a nobody user to run PostgreSQL as.');
  return user;
}
