import request from 'supertest';
import { COPY } from '../../src/copy';
import { SkillResponseSchema } from '../../src/kakao';
import { createMetrics } from '../../src/metrics';
import { bundledFaq, captureLogger, inProcessApp, kakaoPayload } from '../harness';

const ALICE = 'alice-0000000000000000000000000000000000000000000000000000000000';
const BOB = 'bob-00000000000000000000000000000000000000000000000000000000000';
const STRICT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

describe('per-user-key limit on skill calls', () => {
  it('answers a user over the limit with a polite bubble (HTTP 200, valid SkillResponse) and keeps serving others', async () => {
    const captured = captureLogger();
    const metrics = createMetrics();
    const app = await inProcessApp({ log: captured.log, metrics, env: { USER_RATE_LIMIT: '2' } });
    const ask = (user: string) => request(app).post('/skill/faq').send(kakaoPayload('환불 계좌는 어떻게 등록하나요?', { userId: user }));

    expect((await ask(ALICE)).body.data.outcome).toBe('answer');
    expect((await ask(ALICE)).body.data.outcome).toBe('answer');
    const limited = await ask(ALICE);
    expect(limited.status).toBe(200);
    expect(SkillResponseSchema.safeParse(limited.body).success).toBe(true);
    expect(limited.body.template.outputs[0].simpleText.text).toBe(COPY.limits.userTooFast);
    expect(limited.body.data).toMatchObject({ outcome: 'rate_limited' });
    expect((await ask(BOB)).body.data.outcome).toBe('answer');

    const calls = captured.lines.filter((l) => l.msg === 'skill call');
    expect(calls.map((l) => l.status)).toEqual(['ok', 'ok', 'rate_limited', 'ok']);
    expect(await metrics.registry.metrics()).toContain('kakao_faq_rate_limited_total{scope="user"} 1');
  });

  it('puts payloads without a user key into one shared bucket', async () => {
    const app = await inProcessApp({ env: { USER_RATE_LIMIT: '1' } });
    const anonymous = () => {
      const body = kakaoPayload('오늘 날씨 어때요?') as { userRequest: { user: Record<string, unknown> } };
      body.userRequest.user = {};
      return request(app).post('/skill/faq').send(body);
    };
    expect((await anonymous()).body.data.outcome).toBe('fallback');
    expect((await anonymous()).body.data.outcome).toBe('rate_limited');
  });

  it('is off with USER_RATE_LIMIT=0', async () => {
    const app = await inProcessApp({ env: { USER_RATE_LIMIT: '0' } });
    for (let i = 0; i < 5; i++) {
      const res = await request(app).post('/skill/faq').send(kakaoPayload('오늘 날씨 어때요?', { userId: ALICE }));
      expect(res.body.data.outcome).toBe('fallback');
    }
  });
});

describe('per-IP limit on the other routes', () => {
  it('answers JSON routes with 429, a JSON error and Retry-After once an IP is over the limit', async () => {
    const metrics = createMetrics();
    const app = await inProcessApp({ metrics, env: { IP_RATE_LIMIT: '2' } });
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/healthz')).status).toBe(200);
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await metrics.registry.metrics()).toContain('kakao_faq_rate_limited_total{scope="ip"} 1');
  });

  it('answers the HTML pages with a short Korean 429 page that keeps the strict headers', async () => {
    const faq = await bundledFaq();
    const app = await inProcessApp({ env: { IP_RATE_LIMIT: '1' } });
    const id = faq.entries[0]!.id;
    expect((await request(app).get(`/faq/${id}`)).status).toBe(200);
    const res = await request(app).get(`/faq/${id}`);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain(COPY.limits.pageTitle);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('never limits skill calls by IP: all of Kakao arrives from a few addresses', async () => {
    const app = await inProcessApp({ env: { IP_RATE_LIMIT: '1', USER_RATE_LIMIT: '0' } });
    for (let i = 0; i < 4; i++) {
      const res = await request(app).post('/skill/faq').send(kakaoPayload('오늘 날씨 어때요?', { userId: `user-${i}` }));
      expect(res.status).toBe(200);
      expect(res.body.data.outcome).toBe('fallback');
    }
  });
});

describe('helmet on the HTML pages', () => {
  it('adds helmet headers to /faq/:id without loosening its own Content-Security-Policy', async () => {
    const faq = await bundledFaq();
    const res = await request(await inProcessApp()).get(`/faq/${faq.entries[0]!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin'); // the pages' own policy (src/http/page-response.ts)
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps the strict policy on the 404 page too', async () => {
    const res = await request(await inProcessApp()).get('/faq/no-such-entry');
    expect(res.status).toBe(404);
    expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
