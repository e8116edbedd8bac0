import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { createMetricsApp, startMetricsServer } from '../../src/http/metrics-route';
import { inProcessApp, kakaoPayload } from '../harness';

const TOKEN = 'metrics-token-0123456789';

describe('GET /metrics on the public port', () => {
  it('does not exist without METRICS_TOKEN, so it is never public by accident', async () => {
    const app = await inProcessApp({ metrics: createMetrics() });
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('kakao_faq');
  });

  it('is closed without credentials or with the wrong token, and never echoes the token', async () => {
    const app = await inProcessApp({ metrics: createMetrics(), env: { METRICS_TOKEN: TOKEN } });
    const missing = await request(app).get('/metrics');
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('missing_token');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('wrong_token');
    expect(JSON.stringify(wrong.body)).not.toContain(TOKEN);
    expect((await request(app).get('/metrics').set('Authorization', `Basic ${TOKEN}`)).status).toBe(401);
  });

  it('serves the Prometheus text format to the bearer of the token', async () => {
    const metrics = createMetrics();
    const app = await inProcessApp({ metrics, env: { METRICS_TOKEN: TOKEN } });
    await request(app).post('/skill/faq').send(kakaoPayload('환불 계좌는 어떻게 등록하나요?'));
    const res = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE kakao_faq_skill_duration_seconds histogram');
    expect(res.text).toContain('kakao_faq_skill_calls_total{skill="faq",outcome="answer"} 1');
  });

  it('serves what the metrics source gives (the cluster aggregate in a worker)', async () => {
    const source = { contentType: 'text/plain; version=0.0.4; charset=utf-8', metrics: async () => 'aggregated_total 7\n' };
    const app = await inProcessApp({ metrics: createMetrics(), metricsSource: source, env: { METRICS_TOKEN: TOKEN } });
    const res = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.text).toBe('aggregated_total 7\n');
  });
});

describe('the separate metrics listener', () => {
  it('serves only /metrics, openly when no token is set', async () => {
    const metrics = createMetrics();
    metrics.setFaqEntries('default', 50);
    const app = createMetricsApp({ token: undefined, source: metrics.registry, log: silentLogger });
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('kakao_faq_entries{set="default"} 50');
    expect((await request(app).get('/healthz')).status).toBe(404);
    expect((await request(app).post('/skill/faq').send({})).status).toBe(404);
  });

  it('requires the token when one is set', async () => {
    const metrics = createMetrics();
    const app = createMetricsApp({ token: TOKEN, source: metrics.registry, log: silentLogger });
    expect((await request(app).get('/metrics')).status).toBe(401);
    expect((await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(200);
  });

  it('answers 500 without details when the source fails (a cluster worker that did not answer)', async () => {
    const source = { contentType: 'text/plain', metrics: async () => Promise.reject(new Error('Operation timed out. at worker 3')) };
    const res = await request(createMetricsApp({ token: undefined, source, log: silentLogger })).get('/metrics');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('timed out');
  });

  it('listens on the address it is given (127.0.0.1 by default)', async () => {
    const metrics = createMetrics();
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0, portIsDefault: false, token: undefined, source: metrics.registry, log: silentLogger, limits: { maxHeaderBytes: 8192, headersTimeoutMs: 10_000 } });
    try {
      const { address, port } = server.address() as AddressInfo;
      expect(address).toBe('127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      await res.text();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
