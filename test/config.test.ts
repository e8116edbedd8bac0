import { ConfigError, isLoopbackHost, parseConfig } from '../src/config';

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
  it('refuses reloads that remove more than half of a set, forced by var/faq-reload-force, by default', () => {
    expect(parseConfig({}, '/srv/app')).toMatchObject({ faqReloadMaxShrink: 0.5, faqReloadForceFile: '/srv/app/var/faq-reload-force' });
    const config = parseConfig({ FAQ_RELOAD_MAX_SHRINK: '0.2', FAQ_RELOAD_FORCE_FILE: '/run/faq/force' }, '/srv/app');
    expect(config).toMatchObject({ faqReloadMaxShrink: 0.2, faqReloadForceFile: '/run/faq/force' });
    expect(() => parseConfig({ FAQ_RELOAD_MAX_SHRINK: '1.5' })).toThrow(/FAQ_RELOAD_MAX_SHRINK/);
    expect(() => parseConfig({ FAQ_RELOAD_MAX_SHRINK: 'half' })).toThrow(/FAQ_RELOAD_MAX_SHRINK: must be a share between 0 and 1/);
  });
});

describe('parseConfig: SKILL_SECRET as operators paste it', () => {
  const SECRET = 'kakao-skill-secret-0123';
  const messageOf = (env: Record<string, string>): string => {
    try {
      parseConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('parseConfig accepted it');
  };

  it.each([
    ['a trailing newline (a Kubernetes secret made from a file)', `${SECRET}\n`],
    ['a Windows line ending', `${SECRET}\r\n`],
    ['surrounding spaces and tabs', `  ${SECRET}\t `],
  ])('drops %s, so the header Kakao sends still matches', (_name, value) => {
    expect(parseConfig({ SKILL_SECRET: value }).skillSecret).toBe(SECRET);
  });

  it('counts the length after trimming, and says so', () => {
    expect(messageOf({ SKILL_SECRET: `  short-secret  \n` })).toContain(
      'SKILL_SECRET: must be at least 16 characters (not counting surrounding spaces and newlines)',
    );
  });

  it.each([
    ['a Korean word', '카카오-skill-secret-0123', 'a non-ASCII character (U+CE74) at position 1'],
    ['a non-breaking space inside', 'kakao-skill\u00a0secret-0123', 'a non-ASCII character (U+00A0) at position 12'],
    ['a full-width letter', 'kakao-skill-ｓecret-0123', 'a non-ASCII character (U+FF53) at position 13'],
    ['a second line', 'kakao-skill-secret\nsecond-line', 'a control character (U+000A) at position 19'],
    ['a tab inside', 'kakao-skill\tsecret-0123', 'a control character (U+0009) at position 12'],
  ])('stops startup on %s, naming SKILL_SECRET, the character and what to fix', (_name, value, what) => {
    const message = messageOf({ SKILL_SECRET: value });
    expect(message).toContain(`SKILL_SECRET: has ${what}; use only printable ASCII`);
    expect(message).toContain('chatbot admin center');
    expect(message).not.toContain(value);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.0.0.2', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is this machine only', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', 'faq.example.com', '128.0.0.1'])('%s reaches beyond it', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
