import pino from 'pino';
import type { Logger } from '../../src/log';

/** A logger that keeps every line it writes, parsed, for tests that check what gets logged. */
export function captureLogger(): { log: Logger; lines: Record<string, unknown>[]; text(): string } {
  const raw: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void raw.push(line) });
  return {
    log,
    get lines() {
      return raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}
