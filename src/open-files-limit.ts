import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The open-files limit (RLIMIT_NOFILE) bounds how many connections a process can hold: every socket is a
 * file descriptor. systemd starts services with a soft limit of 1024 and a much higher hard limit. Node has
 * no setrlimit API (node itself raises the soft limit at start, but not on every platform or sandbox), so
 * {@link raiseOpenFilesLimit} runs util-linux `prlimit` once when the soft limit is still below the hard one.
 * Linux only (/proc); elsewhere the limit is unknown and nothing is changed.
 */

export interface OpenFilesLimit {
  soft: number;
  /** `Infinity` for "unlimited". */
  hard: number;
}

export interface RaiseResult {
  before: OpenFilesLimit | undefined;
  after: OpenFilesLimit | undefined;
  /** Why the soft limit stayed below the hard one, when it did. */
  problem?: string;
}

/** Reads the limit of `pid` (default: this process) from /proc; undefined where that is not available. */
export function readOpenFilesLimit(pid: number | 'self' = 'self'): OpenFilesLimit | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/limits`, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(text);
  if (!match) return undefined;
  const value = (s: string) => (s === 'unlimited' ? Infinity : Number(s));
  return { soft: value(match[1]!), hard: value(match[2]!) };
}

/**
 * Raises the soft limit of `pid` to its hard limit (an unlimited hard limit means the kernel's
 * fs.nr_open). Never throws: a missing `prlimit` or a refusal is reported in `problem`.
 */
export function raiseOpenFilesLimit(pid: number = process.pid): RaiseResult {
  const before = readOpenFilesLimit(pid);
  if (!before || before.soft >= before.hard) return { before, after: before };
  const target = Number.isFinite(before.hard) ? before.hard : kernelMaxOpen();
  if (target === undefined || target <= before.soft) return { before, after: before };
  let problem: string | undefined;
  try {
    execFileSync('prlimit', ['--pid', String(pid), `--nofile=${target}:${before.hard === Infinity ? 'unlimited' : target}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 3_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    problem = stderr || (error as Error).message;
  }
  return { before, after: readOpenFilesLimit(pid), ...(problem === undefined ? {} : { problem }) };
}

function kernelMaxOpen(): number | undefined {
  try {
    const value = Number(readFileSync('/proc/sys/fs/nr_open', 'utf8').trim());
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Soft limit assumed where it cannot be read (systemd's default). */
const UNKNOWN_SOFT_LIMIT = 1024;

/** Descriptors kept free of connections for the process's own files, pipes and sockets. */
const FREE_DESCRIPTORS = 64;

/**
 * The default connection cap for a soft open-files limit: three quarters of it, so a quarter (at least
 * 64 descriptors) stays free for the process's own files, pipes and sockets (FAQ reloads, the feedback
 * file, logs, cluster IPC and lazily loaded modules). `reserved`: connections another listener of this
 * process may hold (the metrics listener's cap), which come out of the same limit; at a low limit the 64
 * free descriptors would otherwise be exactly what that listener can fill.
 */
export function defaultMaxConnections(soft: number | undefined, reserved = 0): number {
  const limit = soft === undefined || !Number.isFinite(soft) ? UNKNOWN_SOFT_LIMIT : soft;
  return Math.max(16, Math.min(limit - FREE_DESCRIPTORS - reserved, Math.floor(limit * 0.75)));
}

/** True when `connections` (every listener's cap of this process together) leave fewer than 64 descriptors free. */
export function leavesTooFewDescriptors(soft: number, connections: number): boolean {
  return connections > soft - FREE_DESCRIPTORS;
}
