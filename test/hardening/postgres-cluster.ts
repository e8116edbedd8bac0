/**
 * A real PostgreSQL for the tests. With TEST_DATABASE_URL (.ci/run starts Debian's PostgreSQL and exports
 * it) each test file gets a fresh database on that server, dropped at the end. Without it the file starts
 * its own throwaway cluster (initdb in a temp folder, as the `postgres` user when run as root), so the
 * tests need nothing prepared locally. In CI (CI=true) a missing TEST_DATABASE_URL fails, never skips.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../harness';

export interface TestDatabase {
  /** postgres:// URL of a fresh, empty database. */
  readonly url: string;
  /** Another fresh database on the same server. */
  another(): Promise<string>;
  /** Stops the server (own cluster only): the database is down until `start`. */
  stop(): void;
  start(): void;
  /** Drops the databases, or stops and removes the own cluster. */
  close(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb')));
  if (!found) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set TEST_DATABASE_URL');
  return found;
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `kakao_faq_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabases(adminUrl: string, urls: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const u of urls) await client.query(`DROP DATABASE IF EXISTS ${new URL(u).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function testDatabase(): Promise<TestDatabase> {
  const given = process.env.TEST_DATABASE_URL;
  if (!given && process.env.CI === 'true') throw new Error('TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL and export it');
  const made: string[] = [];
  if (given) {
    const another = async () => {
      const url = await createDatabase(given);
      made.push(url);
      return url;
    };
    const url = await another();
    const own = () => {
      throw new Error('the shared test server cannot be stopped; use an own cluster (unset TEST_DATABASE_URL)');
    };
    return { url, another, stop: own, start: own, close: () => dropDatabases(given, made) };
  }
  return ownCluster();
}

/** An own cluster; `stop`/`start` take the database down and bring it back on the same port. */
export async function ownCluster(): Promise<TestDatabase> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'pg-test-'));
  const data = path.join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, tool), args, { stdio: 'pipe' });
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => void run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const stop = () => void run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const another = () => createDatabase(admin);
  return {
    url: await another(),
    another,
    stop,
    start,
    async close() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
