import request from 'supertest';
import { createMetrics } from '../../src/metrics';
import { hashUserKey } from '../../src/user-key';
import { bundledFaq, captureLogger, inProcessApp, kakaoPayload } from '../harness';

const SALT = 'log-test-salt-0123456789';
const USER = 'a7c0ffee0123456789abcdef0123456789abcdef0123456789abcdef01234567';
const BOT = '64b0c0ffee00000000000001';

async function call(body: object, env: Record<string, string> = {}) {
  const captured = captureLogger();
  const metrics = createMetrics();
  const app = await inProcessApp({ log: captured.log, metrics, env: { USER_KEY_SALT: SALT, ...env } });
  const res = await request(app).post('/skill/faq').set('x-request-id', 'req-42').send(body);
  expect(res.status).toBe(200);
  const lines = captured.lines.filter((l) => l.msg === 'skill call');
  expect(lines).toHaveLength(1);
  return { res, line: lines[0]!, text: captured.text(), metrics };
}

describe('the "skill call" log line', () => {
  it('carries request id, bot id, FAQ set and version, outcome, FAQ id, confidence, latency and a hashed user key', async () => {
    const faq = await bundledFaq();
    const { res, line } = await call(kakaoPayload('환불 계좌는 어떻게 등록하나요?', { userId: USER, botId: BOT }));
    expect(line).toMatchObject({
      reqId: 'req-42',
      skill: 'faq',
      status: 'ok',
      botId: BOT,
      faqSet: 'default',
      faqVersion: faq.version,
      outcome: 'answer',
      faqId: res.body.data.faqId,
      input: 'text',
      userKeyHash: hashUserKey(USER, SALT),
      utterance: '환불 계좌는 어떻게 등록하나요?',
    });
    expect(line.confidence).toBeCloseTo(res.body.data.confidence, 3);
    expect(typeof line.ms).toBe('number');
  });

  it('never writes the raw user key anywhere in the log', async () => {
    const { text } = await call(kakaoPayload('환불 계좌는 어떻게 등록하나요?', { userId: USER }));
    expect(text).not.toContain(USER);
  });

  it('leaves the utterance out entirely when LOG_UTTERANCES=false', async () => {
    const { line, text } = await call(kakaoPayload('제 전화번호는 010-1234-5678 이에요', { userId: USER }), {
      LOG_UTTERANCES: 'false',
    });
    expect(line).not.toHaveProperty('utterance');
    expect(text).not.toContain('010-1234-5678');
    expect(line.outcome).toBe('fallback');
  });

  it('records the best candidate confidence on clarify, and marks button calls', async () => {
    const clarify = await call(kakaoPayload('그룹 채팅방 프로필별 대화상대 메뉴가 뭐예요'));
    expect(clarify.line.outcome).toBe('clarify');
    expect(clarify.line.confidence).toBeCloseTo(clarify.res.body.data.candidates[0].confidence, 3);
    expect(clarify.line).not.toHaveProperty('faqId');

    const faqId = clarify.res.body.data.candidates[0].faqId;
    const button = await call(kakaoPayload('이 질문 보기', { clientExtra: { faqId } }));
    expect(button.line).toMatchObject({ input: 'button', outcome: 'answer', faqId, confidence: 1 });
  });

  it('carries what the user had asked on a pick from a which-one card, and leaves it out when LOG_UTTERANCES=false', async () => {
    const clarify = await call(kakaoPayload('그룹 채팅방 프로필별 대화상대 메뉴가 뭐예요'));
    const [card] = clarify.res.body.template.outputs[1].carousel.items;
    const extra = card.buttons[0].extra;
    expect(extra.asked).toBe('그룹 채팅방 프로필별 대화상대 메뉴가 뭐예요');

    const pick = await call(kakaoPayload(card.buttons[0].messageText, { clientExtra: extra }));
    expect(pick.line).toMatchObject({ input: 'button', outcome: 'answer', faqId: extra.faqId, asked: extra.asked });

    const quiet = await call(kakaoPayload(card.buttons[0].messageText, { clientExtra: extra }), { LOG_UTTERANCES: 'false' });
    expect(quiet.line).not.toHaveProperty('asked');
    expect(quiet.text).not.toContain(extra.asked);
  });

  it('counts the call in the metrics by skill and outcome', async () => {
    const { metrics } = await call(kakaoPayload('오늘 날씨 어때요?'));
    const text = await metrics.registry.metrics();
    expect(text).toContain('kakao_faq_skill_calls_total{skill="faq",outcome="fallback"} 1');
    expect(text).toContain('kakao_faq_skill_duration_seconds_count{skill="faq",outcome="fallback"} 1');
  });
});
