import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FeedbackEvent, FeedbackStore } from './feedback';

/**
 * The default {@link FeedbackStore}: one JSON object per line, appended to `file` (its folder is created on
 * the first write, so `npm start` needs nothing prepared). Each event is a single `appendFile` of one line
 * opened with O_APPEND, so concurrent writers never interleave inside a line and earlier lines are never
 * rewritten. Rotate or ship the file with ordinary log tooling.
 */
export function createJsonlFeedbackStore(file: string): FeedbackStore {
  let ready: Promise<unknown> | undefined;
  return {
    async append(event: FeedbackEvent) {
      ready ??= mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      await ready;
      await appendFile(file, `${JSON.stringify(event)}\n`, { encoding: 'utf8', flag: 'a', mode: 0o600 });
    },
  };
}
