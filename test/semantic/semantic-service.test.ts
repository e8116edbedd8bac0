import { createMetrics } from '../../src/metrics';
import { createCircuitBreaker, type BreakerState } from '../../src/semantic/circuit-breaker';
import { createEmbeddingsClient } from '../../src/semantic/embeddings-client';
import { createSemanticService } from '../../src/semantic/semantic-service';
import { captureLogger } from '../harness';
import { embeddingsAnswer, sendJson, startScriptedServer, type ScriptedServer } from './scripted-server';

describe('createCircuitBreaker', () => {
  function breakerWithClock(options: { failuresToOpen?: number; cooldownMs?: number } = {}) {
    let time = 0;
    const changes: BreakerState[] = [];
    const breaker = createCircuitBreaker({ ...options, now: () => time, onStateChange: (s) => changes.push(s) });
    return { breaker, changes, advance: (ms: number) => (time += ms) };
  }

  it('opens after the given number of errors in a row, and a success in between starts the count again', () => {
    const { breaker } = breakerWithClock({ failuresToOpen: 3 });
    breaker.failed('error');
    breaker.failed('error');
    breaker.succeeded();
    breaker.failed('error');
    breaker.failed('error');
    expect(breaker.state()).toBe('closed');
    breaker.failed('error');
    expect(breaker.state()).toBe('open');
    expect(breaker.allow()).toBe(false);
  });

  it('opens at once on a timeout', () => {
    const { breaker } = breakerWithClock();
    breaker.failed('timeout');
    expect(breaker.state()).toBe('open');
  });

  it('after the cooldown lets exactly one probe through, and closes when it succeeds', () => {
    const { breaker, changes, advance } = breakerWithClock({ cooldownMs: 1_000 });
    breaker.failed('timeout');
    advance(999);
    expect(breaker.allow()).toBe(false);
    advance(1);
    expect(breaker.allow()).toBe(true);
    expect(breaker.state()).toBe('half_open');
    expect(breaker.allow()).toBe(false);
    breaker.succeeded();
    expect(breaker.allow()).toBe(true);
    expect(changes).toEqual(['open', 'half_open', 'closed']);
  });

  it('opens again when the probe fails, with a longer cooldown', () => {
    const { breaker, advance } = breakerWithClock({ cooldownMs: 1_000 });
    breaker.failed('timeout');
    advance(1_000);
    expect(breaker.allow()).toBe(true);
    breaker.failed('error');
    expect(breaker.state()).toBe('open');
    advance(1_000);
    expect(breaker.allow()).toBe(false);
    advance(1_000);
    expect(breaker.allow()).toBe(true);
  });

  it('lets another caller probe when the probe was abandoned by its caller', () => {
    const { breaker, advance } = breakerWithClock({ cooldownMs: 10 });
    breaker.failed('timeout');
    advance(10);
    expect(breaker.allow()).toBe(true);
    breaker.released();
    expect(breaker.allow()).toBe(true);
  });
});

describe('createSemanticService over a real HTTP embeddings service that fails and comes back', () => {
  let mode: 'up' | 'error' | 'hang' = 'up';
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer((body, res) => {
      if (mode === 'up') sendJson(res, 200, embeddingsAnswer(body.input ?? []));
      else if (mode === 'error') sendJson(res, 503, '{"error":{"message":"loading"}}');
      // 'hang': never answer
    });
  });
  afterAll(() => server.close());
  beforeEach(() => (mode = 'up'));

  function service(cooldownMs: number) {
    const metrics = createMetrics();
    const capture = captureLogger();
    const embedder = createEmbeddingsClient({ url: server.url, model: 'scripted', timeoutMs: 200 });
    const semantic = createSemanticService({ embedder, queryTimeoutMs: 200, log: capture.log, metrics, breaker: { cooldownMs, failuresToOpen: 3 } });
    const metric = async (name: string) => (await metrics.registry.getSingleMetric(name)!.get()).values;
    return { semantic, capture, metric };
  }

  it('answers vectors while the service is up', async () => {
    const { semantic, metric } = service(50);
    const vector = await semantic.embedQuery('query: 하나');
    expect(vector).toBeInstanceOf(Float32Array);
    expect(semantic.state()).toBe('ok');
    expect(await metric('kakao_faq_semantic_state')).toEqual([expect.objectContaining({ value: 1 })]);
    expect(await metric('kakao_faq_embedding_requests_total')).toEqual([expect.objectContaining({ labels: { kind: 'query', result: 'ok' }, value: 1 })]);
  });

  it('stops calling a failing service (fails fast, no request sent), logs once, and closes when it is back', async () => {
    const { semantic, capture, metric } = service(100);
    mode = 'error';
    for (let i = 0; i < 3; i++) expect(await semantic.embedQuery('query: 하나')).toBeUndefined();
    expect(semantic.state()).toBe('degraded');
    const sent = server.requests.length;
    for (let i = 0; i < 20; i++) expect(await semantic.embedQuery('query: 하나')).toBeUndefined();
    expect(server.requests.length).toBe(sent);
    const results = Object.fromEntries((await metric('kakao_faq_embedding_requests_total')).map((v) => [v.labels.result, v.value]));
    expect(results).toEqual({ error: 3, rejected_open: 20 });
    expect(await metric('kakao_faq_semantic_state')).toEqual([expect.objectContaining({ value: 2 })]);

    mode = 'up';
    let vector: Float32Array | undefined;
    for (let tries = 0; tries < 200 && !vector; tries++) {
      vector = await semantic.embedQuery('query: 하나');
      if (!vector) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(vector).toBeInstanceOf(Float32Array);
    expect(semantic.state()).toBe('ok');
    const messages = capture.lines.map((l) => l.msg);
    expect(messages.filter((m) => /failing/.test(String(m)))).toHaveLength(1);
    expect(messages.filter((m) => /answering again/.test(String(m)))).toHaveLength(1);
  });

  it('opens on one hang, so the next calls do not wait for the timeout', async () => {
    const { semantic, metric } = service(60_000);
    mode = 'hang';
    expect(await semantic.embedQuery('query: 하나')).toBeUndefined();
    expect(semantic.state()).toBe('degraded');
    const sent = server.requests.length;
    mode = 'up';
    expect(await semantic.embedQuery('query: 하나')).toBeUndefined();
    expect(server.requests.length).toBe(sent);
    const results = Object.fromEntries((await metric('kakao_faq_embedding_requests_total')).map((v) => [v.labels.result, v.value]));
    expect(results).toEqual({ timeout: 1, rejected_open: 1 });
  });

  it('does not count a caller that gave up against the service', async () => {
    const { semantic } = service(60_000);
    mode = 'hang';
    const caller = new AbortController();
    const call = semantic.embedQuery('query: 하나', caller.signal);
    caller.abort();
    expect(await call).toBeUndefined();
    expect(semantic.state()).toBe('ok');
  });

  it('embeds passages in order and rejects (never returns vectors) while the service fails', async () => {
    const { semantic } = service(60_000);
    const texts = Array.from({ length: 130 }, (_, i) => `passage: 항목 ${i}`);
    const vectors = await semantic.embedPassages(texts);
    expect(vectors).toHaveLength(130);
    mode = 'error';
    await expect(semantic.embedPassages(texts)).rejects.toMatchObject({ name: 'EmbeddingsError' });
  });
});
