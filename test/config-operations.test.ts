import os from 'node:os';
import { ConfigError, parseConfig } from '../src/config';

describe('parseConfig: production operation keys', () => {
  it('has safe defaults: utterances logged, metrics on 127.0.0.1:9464 without token, limits on, one worker per core', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      logUtterances: true,
      userKeySalt: undefined,
      metricsPort: 9464,
      metricsHost: '127.0.0.1',
      metricsToken: undefined,
      rateLimitWindowMs: 60_000,
      userRateLimit: 30,
      ipRateLimit: 300,
      trustProxy: 0,
      maxHeaderBytes: 8 * 1024,
      headersTimeoutMs: 10_000,
      workers: os.availableParallelism(),
    });
  });

  it('reads switches, sizes, off and explicit worker counts', () => {
    const config = parseConfig({
      LOG_UTTERANCES: 'false',
      METRICS_PORT: 'off',
      USER_RATE_LIMIT: '0',
      MAX_HEADER_SIZE: '16kb',
      WORKERS: '1',
      USER_KEY_SALT: 'pepper-pepper-pepper',
      METRICS_TOKEN: 'scrape-token-0123456789',
    });
    expect(config).toMatchObject({
      logUtterances: false,
      metricsPort: undefined,
      userRateLimit: 0,
      maxHeaderBytes: 16 * 1024,
      workers: 1,
      userKeySalt: 'pepper-pepper-pepper',
      metricsToken: 'scrape-token-0123456789',
    });
  });

  it('treats empty secrets as unset, never as empty strings', () => {
    const config = parseConfig({ USER_KEY_SALT: '', METRICS_TOKEN: ' ' });
    expect(config.userKeySalt).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
  });

  it('names each malformed key', () => {
    let message = '';
    try {
      parseConfig({ LOG_UTTERANCES: 'maybe', METRICS_TOKEN: 'short', WORKERS: '0', METRICS_PORT: 'ninety', USER_KEY_SALT: 'tiny' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const key of ['LOG_UTTERANCES', 'METRICS_TOKEN', 'WORKERS', 'METRICS_PORT', 'USER_KEY_SALT']) expect(message).toContain(key);
  });
});
