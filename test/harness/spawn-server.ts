import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs the real composition root (`node --import tsx src/main.ts`) as a child process with its own
 * environment, collecting its JSON log lines (stdout) and stderr, for startup and signal tests.
 */

export const ROOT = path.resolve(__dirname, '../..');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SpawnedServer {
  readonly child: ChildProcess;
  readonly lines: LogLine[];
  stderr(): string;
  /** Resolves with the first log line (including earlier ones) that satisfies `match`; rejects after `timeoutMs`. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** The port from the "listening" line. */
  port(): Promise<number>;
  /** Resolves with the exit code (or the signal name); rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | string>;
  /** SIGTERM, then SIGKILL if it is still running after 5 s. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Start under util-linux `prlimit` with this open-files limit (RLIMIT_NOFILE), e.g. `{ soft: 256, hard: 256 }`. */
  nofile?: { soft: number; hard: number };
}

export function spawnServer(env: Record<string, string>, options: SpawnOptions = {}): SpawnedServer {
  const node = [process.execPath, '--import', 'tsx', 'src/main.ts'];
  // prlimit execs node, so the child's pid (and its signals) are node's
  const command = options.nofile ? ['prlimit', `--nofile=${options.nofile.soft}:${options.nofile.hard}`, ...node] : node;
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TMPDIR: process.env.TMPDIR ?? '/tmp',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // one process, no metrics listener (its fixed port would clash between servers), reloads only on SIGHUP
      WORKERS: '1',
      METRICS_PORT: 'off',
      FAQ_WATCH: 'false',
      FEEDBACK_FILE: path.join(os.tmpdir(), `hardening-feedback-${process.pid}.jsonl`),
      USER_KEY_SALT: 'hardening-salt-0123456789abcdef',
      // lexical only unless a test asks for the model server (SEMANTIC=auto) or passes EMBEDDINGS_URL
      SEMANTIC: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let stdoutRest = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
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
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  const waitForLine = (match: (line: LogLine) => boolean, timeoutMs = 15_000) =>
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
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
