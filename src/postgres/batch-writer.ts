import { silentLogger, type Logger } from '../log';
import { trackLostWrites } from '../lost-writes';
import { isRejectedData } from './pool';

/**
 * Events on their way to the database, off the request path. `add` only pushes onto a bounded buffer and
 * returns at once; a timer (every `flushMs`) or a full batch (`batchSize`) starts a flush, one at a time,
 * each batch one multi-row INSERT. A flush that fails (the database down, slow, or not migrated yet) puts
 * its batch back and the next tick tries again; meanwhile events keep buffering up to `maxBuffer` (the
 * batch in flight counted), and past it new ones are dropped and counted. A batch the database refuses for its
 * data (src/postgres/pool.ts isRejectedData) is dropped and counted as `rejected` instead of retried. The log says so once when the
 * database stops taking events and once when it takes them again, never per event.
 */
export interface BatchWriter<T> {
  /** Queues an event; false when it was dropped (the buffer is full). Never waits, never throws. */
  add(item: T): boolean;
  /** Events dropped so far, by reason (`buffer_full`); the metrics read this. */
  dropped(): ReadonlyMap<string, number>;
  /** Events buffered or in flight. */
  pending(): number;
  /**
   * Writes what is buffered, waiting at most `timeoutMs`, and stops the timer; what could not be written
   * by then is counted as dropped (`shutdown`). Resolves with the number written.
   */
  close(timeoutMs: number): Promise<number>;
}

export interface BatchWriterOptions<T> {
  /** Names the kind of event in the log (`feedback`, `skill_calls`). */
  name: string;
  /** Writes one batch (a multi-row INSERT); rejects when the database did not take it. */
  insert(items: readonly T[]): Promise<void>;
  /** Runs before each flush until it first succeeds (the migration). */
  ready?(): Promise<void>;
  maxBuffer: number;
  batchSize?: number;
  flushMs?: number;
  log?: Logger;
}

export function createBatchWriter<T>(options: BatchWriterOptions<T>): BatchWriter<T> {
  const { name, insert, maxBuffer, batchSize = 500, flushMs = 1000, log = silentLogger } = options;
  // A refused batch is logged where it happens; the spell messages are about a full buffer.
  let spellReason = '';
  const lost = trackLostWrites({
    failing: (reason) => {
      spellReason = reason;
      if (reason !== 'rejected') log.error({ events: name, reason, maxBuffer, metric: 'kakao_faq_events_dropped_total' }, 'event buffer full; events are being dropped until the database takes them');
    },
    recovered: (count) => {
      if (spellReason !== 'rejected') log.info({ events: name, dropped: count }, 'event buffer has room again');
    },
  });
  let buffer: T[] = [];
  let inFlight = 0;
  let flushing: Promise<void> | undefined;
  let failing = false;
  let ready = options.ready === undefined;
  let written = 0;

  const flushOnce = async (): Promise<void> => {
    while (buffer.length > 0) {
      const batch = buffer.splice(0, batchSize);
      inFlight = batch.length;
      try {
        if (!ready) await options.ready!();
        ready = true;
        await insert(batch);
        written += batch.length;
        if (failing) log.info({ events: name, pending: buffer.length }, 'database takes events again');
        failing = false;
      } catch (error) {
        if (isRejectedData(error)) {
          // rows the database will never take: dropped and counted (`rejected`), not retried ahead of the rest
          log.error({ err: error, events: name, count: batch.length }, 'the database refused a batch of events; dropped it');
          lost.lost('rejected', batch.length, error);
          continue;
        }
        buffer = batch.concat(buffer);
        if (!failing) log.warn({ err: error, events: name, pending: buffer.length, maxBuffer }, 'database not taking events; buffering them');
        failing = true;
        return;
      } finally {
        inFlight = 0;
      }
    }
  };
  const flush = (): Promise<void> => {
    flushing ??= flushOnce().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  return {
    add(item) {
      if (buffer.length + inFlight >= maxBuffer) {
        lost.lost('buffer_full');
        return false;
      }
      buffer.push(item);
      lost.wrote();
      if (buffer.length >= batchSize && !failing) void flush();
      return true;
    },
    dropped: () => lost.counts(),
    pending: () => buffer.length + inFlight,
    async close(timeoutMs) {
      clearInterval(timer);
      const before = written;
      let wait: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        wait = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      // keep flushing (a failed flush is retried shortly) until the buffer is empty or the time is up
      while (buffer.length + inFlight > 0) {
        if ((await Promise.race([flush().then(() => 'done' as const), timeout])) === 'timeout') break;
        if (failing && (await Promise.race([new Promise<'retry'>((r) => setTimeout(r, 100, 'retry')), timeout])) === 'timeout') break;
      }
      clearTimeout(wait);
      const left = buffer.length + inFlight;
      if (left > 0) {
        lost.lost('shutdown', left);
        buffer = [];
      }
      return written - before;
    },
  };
}
