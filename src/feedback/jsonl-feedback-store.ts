import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { silentLogger, type Logger } from '../log';
import { lossReason, trackLostWrites } from '../lost-writes';
import { FeedbackNotStoredError, type FeedbackEvent, type FeedbackStore } from './feedback';

/**
 * The default {@link FeedbackStore}: one JSON object per line, appended to `file` (its folder is created on
 * the first write, so `npm start` needs nothing prepared). One write at a time: events that arrive while a
 * write is under way go out together in the next `appendFile`, opened with O_APPEND, so lines never
 * interleave and earlier lines are never rewritten. Rotate or ship the file with ordinary log tooling.
 *
 * A file that cannot be written (a full disk, a read-only mount) loses ratings, never replies: each lost
 * rating rejects with a {@link FeedbackNotStoredError} and is counted ({@link JsonlFeedbackStore.lostRatings}),
 * and the log says so once when the losses start and once when the file takes ratings again. At most
 * `maxPending` events wait for the file; past that a rating is refused at once (`backlog_full`), so a disk
 * that stops answering cannot pile up memory.
 */
export interface JsonlFeedbackStore extends FeedbackStore {
  /** Ratings lost so far, by reason (an errno code or `backlog_full`); the metrics read this. */
  lostRatings(): ReadonlyMap<string, number>;
}

export interface JsonlFeedbackStoreOptions {
  /** Where the start and the end of a failing spell are reported (the server passes its log; tools may not). */
  log?: Logger;
  /** Events waiting for the file, the one being written included (default {@link MAX_PENDING_EVENTS}). */
  maxPending?: number;
}

export const MAX_PENDING_EVENTS = 1000;

interface Waiting {
  readonly line: string;
  resolve(): void;
  reject(error: FeedbackNotStoredError): void;
}

export function createJsonlFeedbackStore(file: string, options: JsonlFeedbackStoreOptions = {}): JsonlFeedbackStore {
  const { log = silentLogger, maxPending = MAX_PENDING_EVENTS } = options;
  const lost = trackLostWrites({
    failing: (reason, error) =>
      log.error({ err: error, file, reason, metric: 'kakao_faq_feedback_lost_total' }, 'feedback file not writable; ratings are being lost'),
    recovered: (count) => log.info({ file, lost: count }, 'feedback file writable again'),
  });
  let queue: Waiting[] = [];
  let inFlight = 0;
  let folderReady = false;

  const writeAll = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      inFlight = batch.length;
      try {
        if (!folderReady) await mkdir(path.dirname(file), { recursive: true });
        folderReady = true;
        await appendFile(file, batch.map((w) => w.line).join(''), { encoding: 'utf8', flag: 'a', mode: 0o600 });
        lost.wrote();
        batch.forEach((w) => w.resolve());
      } catch (error) {
        const reason = lossReason(error);
        lost.lost(reason, batch.length, error);
        batch.forEach((w) => w.reject(new FeedbackNotStoredError(reason, { cause: error })));
      }
    }
    inFlight = 0;
  };

  return {
    append(event: FeedbackEvent) {
      if (inFlight + queue.length >= maxPending) {
        lost.lost('backlog_full');
        return Promise.reject(new FeedbackNotStoredError('backlog_full'));
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ line: `${JSON.stringify(event)}\n`, resolve, reject });
        if (queue.length === 1 && inFlight === 0) void writeAll();
      });
    },
    lostRatings: () => lost.counts(),
  };
}
