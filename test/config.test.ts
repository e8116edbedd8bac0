import { ConfigError, parseConfig } from '../src/config';

describe('parseConfig', () => {
  it('serves the bundled FAQ on port 8080 with no settings at all', () => {
    const config = parseConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 8080,
      publicBaseUrl: 'http://localhost:8080',
      skillSecret: undefined,
      skillSecretHeader: 'x-skill-secret',
      faqFile: '/srv/app/data/faq.json',
      bodyLimitBytes: 65536,
      skillDeadlineMs: 3500,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads sizes with units, trims a trailing slash from the base URL and lower-cases the header name', () => {
    const config = parseConfig({ BODY_LIMIT: '1mb', PUBLIC_BASE_URL: 'https://faq.example.com/', SKILL_SECRET_HEADER: 'X-Bot-Key' });
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.publicBaseUrl).toBe('https://faq.example.com');
    expect(config.skillSecretHeader).toBe('x-bot-key');
  });

  it('treats an empty secret as no secret, never as an empty password', () => {
    expect(parseConfig({ SKILL_SECRET: '' }).skillSecret).toBeUndefined();
  });

  it('fails with a message naming each malformed key', () => {
    expect(() => parseConfig({ PORT: 'eighty', SKILL_SECRET: 'short', PUBLIC_BASE_URL: 'ftp://x' })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: 'eighty', SKILL_SECRET: 'short', SKILL_DEADLINE_MS: '9000' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('SKILL_SECRET: must be at least 16 characters');
      expect(message).toContain('SKILL_DEADLINE_MS');
    }
  });
});

describe('parseConfig: FAQ sets and reloading', () => {
  it('serves one set from FAQ_FILE and watches it, by default', () => {
    expect(parseConfig({}, '/srv/app')).toMatchObject({ faqSetsFile: undefined, faqWatch: true, faqReloadDebounceMs: 300 });
  });

  it('resolves FAQ_SETS_FILE against the root and reads the watch switches', () => {
    const config = parseConfig({ FAQ_SETS_FILE: 'data/faq-sets.json', FAQ_WATCH: 'false', FAQ_RELOAD_DEBOUNCE_MS: '50' }, '/srv/app');
    expect(config).toMatchObject({ faqSetsFile: '/srv/app/data/faq-sets.json', faqWatch: false, faqReloadDebounceMs: 50 });
    expect(parseConfig({ FAQ_WATCH: '0' }).faqWatch).toBe(false);
  });

  it('names a malformed watch switch or debounce', () => {
    expect(() => parseConfig({ FAQ_WATCH: 'yes', FAQ_RELOAD_DEBOUNCE_MS: '-1' })).toThrow(
      /FAQ_WATCH: must be true or false[\s\S]*FAQ_RELOAD_DEBOUNCE_MS/,
    );
  });
});
