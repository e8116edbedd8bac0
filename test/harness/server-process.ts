import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freeLoopbackPort } from '../../src/semantic/local-server';
import { ROOT } from './paths';

/**
 * The real server (`node --import tsx src/main.ts`, or another entry script) as a child process on 127.0.0.1,
 * configured only through its environment, as an operator runs it: for startup, signal, cluster and disk
 * tests, replay against a real server, and the load test. Its JSON log lines (stdout) are kept parsed, its
 * stderr as text.
 */

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/**
 * What a test server runs with unless the test says otherwise: one process, no metrics listener (its fixed
 * port would clash between servers), reloads only on SIGHUP, feedback in a temp file, a fixed salt, and
 * lexical matching only (a test asks for the model server with SEMANTIC=auto or passes EMBEDDINGS_URL).
 */
const TEST_SERVER_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  WORKERS: '1',
  METRICS_PORT: 'off',
  FAQ_WATCH: 'false',
  FEEDBACK_FILE: path.join(os.tmpdir(), `hardening-feedback-${process.pid}.jsonl`),
  USER_KEY_SALT: 'hardening-salt-0123456789abcdef',
  SEMANTIC: 'off',
  // every reply checked against the SkillResponse schema, as in-process tests do (off in production)
  VALIDATE_RESPONSES: 'true',
};

export interface ServerProcessOptions {
  /**
   * false (default): a hermetic environment, {@link TEST_SERVER_ENV} over PATH, HOME and TMPDIR only.
   * true: the caller's environment with HOST=127.0.0.1 (the load test runs the server as the operator set it up).
   */
  inheritEnv?: boolean;
  /** Entry script, relative to the repository root (default src/main.ts). */
  entry?: string;
  /** Working directory (default the repository root); tsx is imported by absolute URL, so any folder works. */
  cwd?: string;
  /** Send stdout and stderr to this file instead of keeping them in memory (long, busy runs). */
  logFile?: string;
  /** An open file descriptor for the child's stdout only (a file, /dev/full, a FIFO); stderr stays readable. */
  stdout?: number;
  /** Start under util-linux `prlimit` with this open-files limit (RLIMIT_NOFILE), e.g. `{ soft: 256, hard: 256 }`. */
  nofile?: { soft: number; hard: number };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Parsed JSON log lines so far (a line that is not JSON as `{ level: 0, msg }`); empty when stdout goes elsewhere. */
  readonly lines: LogLine[];
  /** What the process wrote to stderr so far (empty when stderr goes to a log file). */
  stderr(): string;
  /** Resolves with the first log line (earlier ones included) that satisfies `match`; rejects after `timeoutMs` or on exit. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** The port from the "listening" line. */
  port(): Promise<number>;
  /** Resolves with the exit code (or the signal name); rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | string>;
  /** Sends `signal` (SIGTERM), SIGKILL after `timeoutMs` (20 s); resolves with the exit code or signal name. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

/** A server that answered GET /healthz, at `baseUrl`. */
export interface RunningServer extends ServerProcess {
  readonly baseUrl: string;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the one the server uses for its model server). */
export { freeLoopbackPort as freePort } from '../../src/semantic/local-server';

/** tsx by absolute URL, so `--import` resolves from any working directory. */
const TSX = pathToFileURL(require.resolve('tsx')).href;

/** Starts the process and returns at once (a test of a server that must refuse to start waits on `exited`). */
export function spawnServer(env: Record<string, string> = {}, options: ServerProcessOptions = {}): ServerProcess {
  const base = options.inheritEnv
    ? { ...process.env, HOST: '127.0.0.1' }
    : { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', ...TEST_SERVER_ENV };
  const node = [process.execPath, '--import', TSX, path.resolve(ROOT, options.entry ?? 'src/main.ts')];
  // prlimit execs node, so the child's pid (and its signals) are node's
  const command = options.nofile ? ['prlimit', `--nofile=${options.nofile.soft}:${options.nofile.hard}`, ...node] : node;
  let stdio: ['ignore', 'pipe' | number, 'pipe' | number] = ['ignore', 'pipe', 'pipe'];
  let fd: number | undefined;
  if (options.logFile) {
    fd = openSync(options.logFile, 'a');
    stdio = ['ignore', fd, fd];
  } else if (options.stdout !== undefined) {
    stdio = ['ignore', options.stdout, 'pipe'];
  }
  const child = spawn(command[0]!, command.slice(1), { cwd: options.cwd ?? ROOT, env: { ...base, ...env }, stdio });
  if (fd !== undefined) closeSync(fd);

  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let stdoutRest = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (stdoutRest + chunk).split('\n');
    stdoutRest = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ level: 0, msg: part });
      }
    }
    waiters.forEach((wake) => wake());
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  const waitForLine = (match: (line: LogLine) => boolean, timeoutMs = 30_000) =>
    new Promise<LogLine>((resolve, reject) => {
      let settled = false;
      const check = () => {
        const found = lines.find(match);
        if (!found || settled) return;
        settled = true;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        settled = true;
        cleanup();
        reject(new Error(`no matching log line within ${timeoutMs} ms; got:\n${lines.map((l) => JSON.stringify(l)).join('\n')}\nstderr: ${stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void exit.then((code) => {
        check();
        if (settled) return;
        settled = true;
        cleanup();
        reject(new Error(`exited (${code}) without a matching log line; stderr: ${stderr}`));
      });
      check();
    });

  const exited = (timeoutMs = 15_000) =>
    Promise.race([
      exit,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs).unref()),
    ]);

  return {
    child,
    lines,
    stderr: () => stderr,
    waitForLine,
    port: async () => (await waitForLine((l) => l.msg === 'listening')).port as number,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exit;
        clearTimeout(timer);
      }
      return exit;
    },
  };
}

/**
 * Starts the process on a free port (or `env.PORT`) and resolves once GET /healthz answers 200; rejects,
 * with its stderr, if it exits first or is not healthy within `startTimeoutMs` (60 s).
 */
export async function startServer(
  env: Record<string, string> = {},
  options: ServerProcessOptions & { startTimeoutMs?: number } = {},
): Promise<RunningServer> {
  const port = Number(env.PORT && env.PORT !== '0' ? env.PORT : await freeLoopbackPort());
  const server = spawnServer({ ...env, PORT: String(port) }, options);
  const baseUrl = `http://127.0.0.1:${port}`;
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`server exited (${server.child.exitCode ?? server.child.signalCode}) while starting: ${server.stderr().slice(-2000)}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return { ...server, baseUrl };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`server did not become healthy within ${timeoutMs} ms: ${server.stderr().slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
