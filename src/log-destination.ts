import fs from 'node:fs';
import { lossReason, trackLostWrites } from './lost-writes';

/**
 * Where pino's lines go: a file descriptor (stdout), written so that an output that fails or stalls never
 * holds up a reply. pino's own destination (sonic-boom) waits on a blocking pipe, buffers without limit
 * while a pipe is full, retries a full disk forever, and turned a full disk or /dev/full into a hung
 * server. This one:
 * - batches like sonic-boom: a line is written at once when the output is idle; lines that arrive while a
 *   write is under way go out together in the next one;
 * - holds at most `maxBacklogBytes` of lines (or one longer line) while the output is busy (a full pipe:
 *   EAGAIN) and drops new lines past that (`backlog_full`);
 * - drops the lines of a write that fails (ENOSPC, EPIPE, EIO, …) and goes on with the next ones;
 * - counts what it dropped, by reason ({@link LogDestination.droppedLines}, read by the metrics), and says
 *   so on stderr once per failing spell, and once more when a write goes through again;
 * - writes what it still holds when the process exits, waiting at most {@link EXIT_WAIT_MS} for a busy
 *   output.
 */
export interface LogDestination {
  /** Takes one log line (pino calls this). Never throws and never waits on the output. */
  write(line: string): void;
  /** Writes the held lines now, synchronously (waits at most EXIT_WAIT_MS while the output is busy). */
  flushSync(): void;
  /** Lines dropped so far, by reason: an errno code (ENOSPC, EPIPE, EIO, …) or `backlog_full`. */
  droppedLines(): ReadonlyMap<string, number>;
  /** Flushes and stops flushing at exit (for tests that close the descriptor). */
  close(): void;
}

export interface LogDestinationOptions {
  fd: number;
  /** Write each line before `write` returns (LOG_SYNC); a busy output still holds lines instead of waiting. */
  sync: boolean;
  /** Bytes of lines held while the output cannot take them; past this new lines are dropped. */
  maxBacklogBytes: number;
  /** Where the one-line notices about dropping go (default: stderr). */
  notice?: (text: string) => void;
}

/** Pause before writing again to an output that said EAGAIN (a full pipe). */
const RETRY_MS = 10;
/** Longest wait at exit for a busy output to take the last lines. */
export const EXIT_WAIT_MS = 1000;
const NEWLINE = 0x0a;

export function createLogDestination(options: LogDestinationOptions): LogDestination {
  const { fd, sync, maxBacklogBytes } = options;
  makeNonBlocking(fd);
  makeNonBlocking(2);
  const notice = options.notice ?? noticeOnStderr;
  const lost = trackLostWrites({
    failing: (reason) => notice(`log output failing (${reason}): dropping log lines; see kakao_faq_log_lines_dropped_total`),
    recovered: (count) => notice(`log output working again after dropping ${count} lines`),
  });
  let queue: string[] = [];
  let queuedBytes = 0;
  /** Bytes taken from the queue and not written yet: in an asynchronous write, or waiting to retry. */
  let pending: Buffer | undefined;
  let writing = false;
  let retryTimer: NodeJS.Timeout | undefined;
  /** The output's last byte is not a newline: a failed write cut a line, so the next write ends it first. */
  let midLine = false;
  /** The pending chunk still starts with that newline, which is no log line of its own. */
  let prefixUnwritten = false;
  const linesLeft = (rest: Buffer) => linesIn(rest) - (prefixUnwritten ? 1 : 0);

  const take = (): Buffer => {
    prefixUnwritten = midLine;
    const chunk = Buffer.from((midLine ? '\n' : '') + queue.join(''));
    queue = [];
    queuedBytes = 0;
    return chunk;
  };

  /** Books the outcome of writing `chunk`; returns what is left to write (undefined when nothing is). */
  const settle = (chunk: Buffer, error: NodeJS.ErrnoException | null, written: number): Buffer | undefined => {
    if (written > 0) {
      midLine = chunk[written - 1] !== NEWLINE;
      prefixUnwritten = false;
      lost.wrote();
    }
    const rest = chunk.subarray(written);
    if (error && !isBusy(error)) {
      lost.lost(lossReason(error), linesLeft(rest), error);
      return undefined;
    }
    return rest.length > 0 ? rest : undefined;
  };

  const writeSync = (chunk: Buffer): { error: NodeJS.ErrnoException | null; written: number } => {
    try {
      return { error: null, written: fs.writeSync(fd, chunk) };
    } catch (error) {
      return { error: error as NodeJS.ErrnoException, written: 0 };
    }
  };

  /** Writes what is waiting, unless a write is under way or a retry is scheduled. */
  const pump = (): void => {
    while (!writing && retryTimer === undefined) {
      if (pending === undefined) {
        if (queue.length === 0) return;
        pending = take();
      }
      const chunk = pending;
      if (!sync) {
        writing = true;
        fs.write(fd, chunk, 0, chunk.length, null, (error, written) => {
          writing = false;
          afterWrite(chunk, error, written ?? 0);
          pump();
        });
        return;
      }
      const { error, written } = writeSync(chunk);
      afterWrite(chunk, error, written);
    }
  };

  const afterWrite = (chunk: Buffer, error: NodeJS.ErrnoException | null, written: number): void => {
    pending = settle(chunk, error, written);
    // A busy output (or one that took nothing) gets a moment; lines arriving meanwhile wait in the queue.
    if (pending !== undefined && (error !== null || written === 0)) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        pump();
      }, RETRY_MS).unref();
    }
  };

  const destination: LogDestination = {
    write(line) {
      const bytes = Buffer.byteLength(line);
      const held = queuedBytes + (pending?.length ?? 0);
      // a line longer than the whole backlog still goes out when nothing else is held
      if (held > 0 && held + bytes > maxBacklogBytes) {
        lost.lost('backlog_full');
        return;
      }
      queue.push(line);
      queuedBytes += bytes;
      pump();
    },
    flushSync() {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      // An asynchronous write in flight owns `pending`; the queue goes out behind it.
      let chunk = writing ? undefined : pending;
      if (!writing) pending = undefined;
      const giveUpAt = Date.now() + EXIT_WAIT_MS;
      for (;;) {
        if (chunk === undefined) {
          if (queue.length === 0) return;
          chunk = take();
        }
        const { error, written } = writeSync(chunk);
        const rest = settle(chunk, error, written);
        if (rest !== undefined && written === 0) {
          if (Date.now() >= giveUpAt) {
            lost.lost(lossReason(error), linesLeft(rest) + queue.length, error);
            queue = [];
            queuedBytes = 0;
            return;
          }
          sleep(RETRY_MS);
        }
        chunk = rest;
      }
    },
    droppedLines: () => lost.counts(),
    close() {
      destination.flushSync();
      flushedAtExit.delete(destination);
    },
  };
  if (!exitHookInstalled) process.on('exit', () => flushedAtExit.forEach((d) => d.flushSync()));
  exitHookInstalled = true;
  flushedAtExit.add(destination);
  return destination;
}

const flushedAtExit = new Set<LogDestination>();
let exitHookInstalled = false;

function isBusy(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EAGAIN' || error.code === 'EWOULDBLOCK' || error.code === 'EBUSY';
}

function linesIn(chunk: Buffer): number {
  let lines = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lines++;
  return lines;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A write to a blocking pipe waits for its reader, so a reader that stops would block the event loop
 * (LOG_SYNC) or hold a thread-pool thread forever. Node opens its stdout and stderr streams on a pipe or
 * socket through libuv, which puts the descriptor in non-blocking mode: a full pipe then answers EAGAIN,
 * and the lines wait in the bounded backlog instead. (Other descriptors are the caller's to open so.)
 */
function makeNonBlocking(fd: number): void {
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch {
    return;
  }
  if (!stat.isFIFO() && !stat.isSocket()) return;
  if (fd === 1) void process.stdout;
  if (fd === 2) void process.stderr;
}

function noticeOnStderr(text: string): void {
  try {
    fs.writeSync(2, `${text}\n`);
  } catch {
    // stderr fails too: there is nowhere left to say it, and the count is still in the metrics
  }
}
