import fs from 'node:fs';
import { lossReason, trackLostWrites } from './lost-writes';

/**
 * Where pino's lines go: a file descriptor (stdout), written so that an output that fails or stalls never
 * holds up a reply. pino's own destination (sonic-boom) waits on a blocking pipe, buffers without limit
 * while a pipe is full, retries a full disk forever, and turned a full disk or /dev/full into a hung
 * server. This one:
 * - batches: the lines logged in one turn of the event loop go out together in one write right after it
 *   (LOG_SYNC: each line before `write` returns). Writes are synchronous, on the main thread, to the
 *   non-blocking descriptor: a busy output answers EAGAIN at once instead of waiting. None is handed to the
 *   thread pool, where a write could still be queued or under way at `process.exit` and be lost, or land
 *   after the lines flushed at exit;
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
  /** Bytes taken from the queue and not written yet (the output was busy): written before the queue. */
  let pending: Buffer | undefined;
  /** A write of the queue is scheduled for the end of this turn of the event loop. */
  let scheduled = false;
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

  /** Writes what is waiting, unless a retry is scheduled (the output was busy a moment ago). */
  const pump = (): void => {
    while (retryTimer === undefined) {
      if (pending === undefined) {
        if (queue.length === 0) return;
        pending = take();
      }
      const chunk = pending;
      const { error, written } = writeSync(chunk);
      afterWrite(chunk, error, written);
    }
  };
  const pumpAfterThisTurn = (): void => {
    scheduled = false;
    pump();
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
      if (sync) pump();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(pumpAfterThisTurn);
      }
    },
    flushSync() {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      // nothing is in flight anywhere else: what is pending goes first, then the queue, in order
      let chunk = pending;
      pending = undefined;
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
