import { createLogger } from '../src/log';
import { ConfigError, parseConfig } from '../src/config';

/** A logger made as the server makes it, writing into an array. */
function logger(env: Record<string, string>) {
  const lines: string[] = [];
  const log = createLogger(parseConfig(env), { write: (line: string) => void lines.push(line) });
  return { log, lines };
}

describe('createLogger', () => {
  it('redacts the skill secret header under whatever name SKILL_SECRET_HEADER gives it', () => {
    const { log, lines } = logger({ SKILL_SECRET_HEADER: 'X-Bot-Token' });
    log.info({ req: { headers: { 'x-bot-token': 'the-real-secret-value', authorization: 'Bearer abc', accept: 'json' } } }, 'request');
    expect(lines.join('')).not.toContain('the-real-secret-value');
    expect(lines.join('')).not.toContain('Bearer abc');
    expect(JSON.parse(lines[0]!).req.headers).toEqual({ 'x-bot-token': '[redacted]', authorization: '[redacted]', accept: 'json' });
  });

  it('redacts the default x-skill-secret header', () => {
    const { log, lines } = logger({});
    log.info({ req: { headers: { 'x-skill-secret': 'another-secret-value' } } }, 'request');
    expect(JSON.parse(lines[0]!).req.headers['x-skill-secret']).toBe('[redacted]');
  });

  it('logs at LOG_LEVEL and above only', () => {
    const { log, lines } = logger({ LOG_LEVEL: 'warn' });
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });
});

describe('LOG_BUFFER_BYTES', () => {
  it('holds 4 MiB of log lines by default and takes sizes with units', () => {
    expect(parseConfig({}).logBufferBytes).toBe(4 * 1024 * 1024);
    expect(parseConfig({ LOG_BUFFER_BYTES: '64kb' }).logBufferBytes).toBe(64 * 1024);
  });

  it.each(['1kb', '1024mb', 'lots'])('refuses %s, naming the key', (value) => {
    expect(() => parseConfig({ LOG_BUFFER_BYTES: value })).toThrow(ConfigError);
    expect(() => parseConfig({ LOG_BUFFER_BYTES: value })).toThrow(/LOG_BUFFER_BYTES: must be/);
  });
});
