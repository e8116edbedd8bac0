import { ConfigError, parseConfig } from '../../src/config';

describe('semantic configuration (src/config.ts)', () => {
  it('defaults to auto with the local model, an 800 ms query timeout and any free local port', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      semantic: 'auto',
      embeddingsUrl: undefined,
      embeddingsModel: 'multilingual-e5-small',
      embeddingsApiKey: undefined,
      embeddingsTimeoutMs: 800,
      embeddingsLocalPort: undefined,
    });
  });

  it('keeps the default query timeout below a short skill deadline', () => {
    expect(parseConfig({ SKILL_DEADLINE_MS: '150' }).embeddingsTimeoutMs).toBe(75);
  });

  it('reads a shared service, its model and key', () => {
    const config = parseConfig({ EMBEDDINGS_URL: 'https://api.openai.com/v1', EMBEDDINGS_MODEL: 'text-embedding-3-small', EMBEDDINGS_API_KEY: ' sk-abc ', SEMANTIC: 'off' });
    expect(config).toMatchObject({ embeddingsUrl: 'https://api.openai.com/v1', embeddingsModel: 'text-embedding-3-small', embeddingsApiKey: 'sk-abc', semantic: 'off' });
  });

  it.each([
    [{ EMBEDDINGS_URL: 'ftp://x' }, 'EMBEDDINGS_URL: must be an http(s) URL'],
    [{ SEMANTIC: 'on' }, 'SEMANTIC: must be auto or off'],
    [{ EMBEDDINGS_LOCAL_PORT: '70000' }, 'EMBEDDINGS_LOCAL_PORT'],
    [{ EMBEDDINGS_TIMEOUT_MS: '3500' }, 'EMBEDDINGS_TIMEOUT_MS: must be below SKILL_DEADLINE_MS (3500)'],
  ])('refuses %j, naming the key', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
