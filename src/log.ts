import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * The process logger: one JSON line per event on stdout. Secrets never reach it: the skill secret
 * header (whatever SKILL_SECRET_HEADER names it) is redacted in case a request's headers are ever logged.
 *
 * Lines are written in the background by default (pino's asynchronous destination): a write to a file or
 * pipe per request cost the busy server more than its whole HTTP handling. Lines written just before the
 * process exits are still flushed; only a crash of the machine itself can lose the last few. LOG_SYNC=true
 * writes each line before going on.
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'logSync' | 'skillSecretHeader'>,
  // tests pass a stream to read the lines back
  destination: pino.DestinationStream = pino.destination({ dest: 1, sync: config.logSync }),
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

/** A logger that discards everything (tests, scripts). */
export const silentLogger: Logger = pino({ level: 'silent' });
