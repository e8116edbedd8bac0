import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The process logger: one JSON line per event on stdout. Secrets never reach it: the skill secret
 * header is redacted in case a request's headers are ever logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'kakao-faq-skill' },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-skill-secret"]', 'secret'], censor: '[redacted]' },
  });
}

/** A logger that discards everything (tests, scripts). */
export const silentLogger: Logger = pino({ level: 'silent' });
