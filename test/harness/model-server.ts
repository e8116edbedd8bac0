import { findModelServer, freeLoopbackPort, spawnModelServer, waitUntilReady } from '../../src/semantic/local-server';
import { ROOT } from './paths';

/**
 * The project's real local embedding server (`.venv-embeddings`, installed by `npm install`), started on a
 * free loopback port with the server's own settings, for the semantic tests and `bench --semantic`. It exits
 * by itself if the process that started it dies (its stdin pipe closes).
 */
export interface TestModelServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (give it to createEmbeddingsClient or EMBEDDINGS_URL). */
  url: string;
  pid: number;
  /** SIGTERM; resolves once it has exited. */
  stop(): Promise<void>;
  /** SIGKILL (a crash); resolves once it has exited. */
  kill(): Promise<void>;
}

/** `port`: where to listen (a test that points a client at a server that is not up yet); default any free port. */
export async function startModelServer(options: { port?: number } = {}): Promise<TestModelServer> {
  const install = findModelServer(ROOT);
  if (!install) throw new Error('the local embedding server is not installed: run `npm run install-model-server` (needs Python 3.9+)');
  const server = spawnModelServer(install, options.port ?? (await freeLoopbackPort()));
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
    await exited;
  };
  if (!(await waitUntilReady(server, 60_000))) {
    await end('SIGKILL');
    throw new Error(`the local embedding server did not become ready: ${server.stderrTail()}`);
  }
  return { url: server.url, pid: server.child.pid!, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
