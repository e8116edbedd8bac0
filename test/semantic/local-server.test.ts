import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { listeningLine } from '../../src/listening-line';
import { findModelServer, superviseModelServer } from '../../src/semantic/local-server';
import { openSemanticService } from '../../src/semantic/open-semantic-service';
import { captureLogger, ROOT, type ServerProcess, spawnServer } from '../harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (bounded) until `pid` is gone; returns whether it is. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
  return !alive(pid);
}

/** Direct children of `pid` whose command line mentions semantic/serve.py (the model server). */
function modelServerChildren(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number),
  );
  return children.filter((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('semantic/serve.py');
    } catch {
      return false;
    }
  });
}

async function waitFor<T>(read: () => T | undefined, tries = 200): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    const value = read();
    if (value !== undefined) return value;
    await sleep(100);
  }
  return undefined;
}

const install = findModelServer(ROOT)!;

describe('superviseModelServer (the real local model server)', () => {
  it('is installed by npm install (.venv-embeddings)', () => {
    expect(install).toBeDefined();
  });

  it('starts, answers, is restarted after a kill, and stops', async () => {
    const capture = captureLogger();
    const server = (await superviseModelServer({ install, log: capture.log }))!;
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const first = server.pid()!;
      process.kill(first, 'SIGKILL');
      const second = await waitFor(() => {
        const pid = server.pid();
        return pid !== undefined && pid !== first ? pid : undefined;
      });
      expect(second).toBeDefined();
      let ok = false;
      for (let i = 0; i < 200 && !ok; i++) {
        ok = await fetch(`${server.url}/v1/models`).then((r) => r.ok, () => false);
        if (!ok) await sleep(100);
      }
      expect(ok).toBe(true);
      expect(capture.lines.some((l) => l.msg === 'embedding model server exited; restarting it')).toBe(true);
      await server.stop();
      expect(await gone(second!)).toBe(true);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('gives up (and says so) when the server never answers within the wait', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'never-ready-'));
    try {
      writeFileSync(path.join(dir, 'serve.py'), 'import time\ntime.sleep(60)\n');
      const capture = captureLogger();
      const server = await superviseModelServer({ install: { python: install.python, script: path.join(dir, 'serve.py') }, log: capture.log, readyTimeoutMs: 500 });
      expect(server).toBeUndefined();
      expect(capture.lines.map((l) => l.msg)).toContain('embedding model server did not become ready; stopping it (matching stays lexical only)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('openSemanticService', () => {
  it('without EMBEDDINGS_URL and without an installed server, runs lexical only and says so once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'no-venv-'));
    try {
      const capture = captureLogger();
      const service = await openSemanticService(parseConfig({}), capture.log, undefined, { root: dir, mayStartLocalServer: true });
      expect(service).toBeUndefined();
      expect(capture.lines.filter((l) => /matching lexically only/.test(String(l.msg)))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in a cluster worker without EMBEDDINGS_URL never starts a server of its own', async () => {
    const capture = captureLogger();
    expect(await openSemanticService(parseConfig({}), capture.log, undefined, { root: ROOT, mayStartLocalServer: false })).toBeUndefined();
  });

  it('names the matcher mode in the startup line', () => {
    const facts = { host: '127.0.0.1', port: 8080, sets: [{ name: 'default', entries: 50 }] };
    expect(listeningLine(facts)).toMatch(/matcher: lexical$/);
    expect(listeningLine({ ...facts, semanticModel: 'multilingual-e5-small' })).toMatch(/matcher: lexical\+semantic \(multilingual-e5-small\)$/);
  });
});

describe('npm start with the local model server installed (real server process)', () => {
  let server: ServerProcess | undefined;
  afterEach(async () => server?.stop());

  it('starts the model server, reports it in the startup line and /healthz, and leaves no orphan when killed', async () => {
    server = spawnServer({ SEMANTIC: 'auto' });
    const port = await server.port();
    const node = server.child.pid!;
    const line = await waitFor(() => server!.stderr().split('\n').find((l) => l.includes('listening on')));
    expect(line).toMatch(/matcher: lexical\+semantic \(multilingual-e5-small\)$/);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { semantic: unknown };
    expect(health.semantic).toEqual({ state: 'ok', model: 'multilingual-e5-small' });
    const [modelServer] = modelServerChildren(node);
    expect(modelServer).toBeDefined();
    server.child.kill('SIGKILL');
    await server.exited();
    expect(await gone(modelServer!)).toBe(true);
  }, 90_000);

  it('stops the model server on SIGTERM', async () => {
    server = spawnServer({ SEMANTIC: 'auto' });
    await server.port();
    const [modelServer] = modelServerChildren(server.child.pid!);
    expect(modelServer).toBeDefined();
    server.child.kill('SIGTERM');
    await server.exited();
    expect(await gone(modelServer!)).toBe(true);
  }, 90_000);

  it('in a cluster, the primary starts one model server and the workers use it', async () => {
    server = spawnServer({ SEMANTIC: 'auto', WORKERS: '2' });
    const port = await server.port();
    const primary = server.child.pid!;
    const lines = await waitFor(() => {
      const found = server!.stderr().split('\n').filter((l) => l.includes('listening on'));
      return found.length >= 2 ? found : undefined;
    });
    expect(lines!.every((l) => l.endsWith('matcher: lexical+semantic (multilingual-e5-small)'))).toBe(true);
    expect(modelServerChildren(primary)).toHaveLength(1);
    // the plain line goes to stderr at once, the JSON log line a moment later
    const workers = (await waitFor(() => {
      const pids = server!.lines.filter((l) => l.msg === 'listening').map((l) => l.pid as number);
      return pids.length >= 2 ? pids : undefined;
    }))!;
    expect(workers).toHaveLength(2);
    for (const worker of workers) expect(modelServerChildren(worker)).toEqual([]);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { semantic: unknown };
    expect(health.semantic).toEqual({ state: 'ok', model: 'multilingual-e5-small' });
  }, 90_000);
});
