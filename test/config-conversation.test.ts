import { ConfigError, parseConfig } from '../src/config';

describe('parseConfig: feedback and handoff', () => {
  it('needs nothing: feedback goes to var/feedback.jsonl, the salt is per install, no person is offered', () => {
    const config = parseConfig({}, '/srv/app');
    expect(config.feedbackFile).toBe('/srv/app/var/feedback.jsonl');
    expect(config.userKeySalt).toBeUndefined();
    expect(config.handoff).toEqual({ mode: 'none' });
  });

  it('reads each handoff mode with the value it needs', () => {
    expect(parseConfig({ HANDOFF_MODE: 'operator' }).handoff).toEqual({ mode: 'operator' });
    expect(parseConfig({ HANDOFF_MODE: 'phone', HANDOFF_PHONE: '1544-4293' }).handoff).toEqual({ mode: 'phone', phone: '1544-4293' });
    expect(parseConfig({ HANDOFF_MODE: 'link', HANDOFF_URL: 'https://cs.example.com/ask' }).handoff).toEqual({
      mode: 'link',
      url: 'https://cs.example.com/ask',
    });
    expect(parseConfig({ USER_KEY_SALT: 'sixteen-or-more-chars', FEEDBACK_FILE: '/data/fb.jsonl' })).toMatchObject({
      userKeySalt: 'sixteen-or-more-chars',
      feedbackFile: '/data/fb.jsonl',
    });
  });

  it.each([
    [{ HANDOFF_MODE: 'phone' }, 'HANDOFF_PHONE: required when HANDOFF_MODE=phone'],
    [{ HANDOFF_MODE: 'link' }, 'HANDOFF_URL: required when HANDOFF_MODE=link'],
    [{ HANDOFF_MODE: 'link', HANDOFF_URL: 'javascript:alert(1)' }, 'HANDOFF_URL'],
    [{ HANDOFF_MODE: 'phone', HANDOFF_PHONE: 'call us' }, 'HANDOFF_PHONE'],
    [{ HANDOFF_MODE: 'pigeon' }, 'HANDOFF_MODE'],
    [{ USER_KEY_SALT: 'short' }, 'USER_KEY_SALT: must be at least 16 characters'],
  ])('stops with a message naming the key for %j', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
