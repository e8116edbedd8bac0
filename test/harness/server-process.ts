import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync, closeSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Runs the real server (src/main.ts, through tsx) as a child process on 127.0.0.1, for the load test and
 * the cluster test: configured only through its environment, as an operator would.
 */

export const ROOT = path.resolve(__dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  /** Parsed JSON log lines so far (empty when stdout goes to a log file). */
  lines(): Record<string, unknown>[];
  waitForLine(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** What the process wrote to stderr so far (empty when stderr goes to a log file). */
  stderr(): string;
  /** Sends `signal` and resolves with the exit code once the process has exited (SIGKILL after timeoutMs). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export interface ServerProcessOptions {
  env: Record<string, string>;
  /** Entry script, relative to the repository root. */
  entry?: string;
  /** Send stdout and stderr to this file instead of keeping lines in memory (long, busy runs). */
  logFile?: string;
  /** An open file descriptor for the child's stdout only (a file, /dev/full, a FIFO); stderr stays readable. */
  stdout?: number;
  /** Wait until GET /healthz answers 200 (default true). */
  waitHealthy?: boolean;
  startTimeoutMs?: number;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = Number(options.env.PORT ?? (await freePort()));
  const env = { ...process.env, HOST: '127.0.0.1', ...options.env, PORT: String(port) };
  let stdio: ['ignore', 'pipe' | number, 'pipe' | number] = ['ignore', 'pipe', 'pipe'];
  let fd: number | undefined;
  if (options.logFile) {
    fd = openSync(options.logFile, 'a');
    stdio = ['ignore', fd, fd];
  } else if (options.stdout !== undefined) {
    stdio = ['ignore', options.stdout, 'pipe'];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? 'src/main.ts'], { cwd: ROOT, env, stdio });
  if (fd !== undefined) closeSync(fd);

  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        lines.push({ msg: part });
      }
    }
    for (const wake of waiters) wake();
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    child,
    baseUrl,
    port,
    lines: () => lines,
    stderr: () => stderr,
    waitForLine(predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };

  if (options.waitHealthy ?? true) {
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} while starting: ${stderr.slice(-2000)}`);
      try {
        const res = await fetch(`${baseUrl}/healthz`);
        await res.arrayBuffer();
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await server.stop('SIGKILL');
        throw new Error(`server did not become healthy within ${options.startTimeoutMs ?? 60_000} ms: ${stderr.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return server;
}
