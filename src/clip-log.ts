import type { ClipEvent, ClipReporter } from './kakao';
import type { Logger } from './log';
import type { Metrics } from './metrics';

/** Distinct clip kinds remembered; past this, new kinds are still counted but no longer logged. */
const MAX_DISTINCT = 1000;

/**
 * The server's clip reporter (made once in src/main.ts and handed to every skill call as `onClip`): counts
 * every clip in the metrics and logs each distinct one once.
 * The same long FAQ question is clipped on every answer that suggests it; logging each time cost a
 * log line per quick reply per call under load and said nothing new.
 */
export function clipReporter(log: Logger, metrics: Metrics): ClipReporter {
  const seen = new Set<string>();
  return (event: ClipEvent) => {
    metrics.recordClip(event.field);
    const key = `${event.field}\u0000${event.limit}\u0000${event.actual}`;
    if (seen.has(key) || seen.size >= MAX_DISTINCT) return;
    seen.add(key);
    log.warn({ clip: event }, 'text clipped to fit a Kakao limit (logged once per field and length)');
  };
}
