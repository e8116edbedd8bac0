import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { createLogDestination, type LogDestination } from './log-destination';

export type { Logger };

/**
 * The process logger: one JSON line per event on stdout. Secrets never reach it: the skill secret
 * header (whatever SKILL_SECRET_HEADER names it) is redacted in case a request's headers are ever logged.
 *
 * Lines are written in the background by default (src/log-destination.ts): a write to a file or pipe per
 * request cost the busy server more than its whole HTTP handling. Lines written just before the process
 * exits are still flushed; only a crash of the machine itself can lose the last few. LOG_SYNC=true writes
 * each line before going on. Either way a stdout that fails or stalls (a full disk, /dev/full, a pipe
 * nobody reads) never holds up a reply: lines are dropped, counted and reported once on stderr.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'logSync' | 'logBufferBytes' | 'skillSecretHeader'>,
  // tests pass a stream to read the lines back
  destination: pino.DestinationStream = stdoutDestination(config),
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'kakao-faq-skill' },
      redact: {
        paths: ['req.headers.authorization', `req.headers[${JSON.stringify(config.skillSecretHeader)}]`, 'secret'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** Every logger on stdout shares one destination: two would interleave their writes and their counts. */
let stdout: LogDestination | undefined;

function stdoutDestination(config: Pick<Config, 'logSync' | 'logBufferBytes'>): LogDestination {
  stdout ??= createLogDestination({ fd: 1, sync: config.logSync, maxBacklogBytes: config.logBufferBytes });
  return stdout;
}

/** Log lines dropped on stdout so far, by reason (the metrics read this at each scrape). */
export function stdoutLogDrops(): ReadonlyMap<string, number> {
  return stdout?.droppedLines() ?? new Map();
}

/** A logger that discards everything (tests, scripts). */
export const silentLogger: Logger = pino({ level: 'silent' });
