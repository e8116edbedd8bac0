import request from 'supertest';
import { createReplyCache, type CachedReply } from '../../src/http/reply-cache';
import { SkillResponseSchema, simpleText, skillResponse, type SkillRequest } from '../../src/kakao';
import { createMetrics } from '../../src/metrics';
import { createSkillRegistry, defineSkill, type Skill } from '../../src/skill';
import { skills as realSkills } from '../../skills';
import { FOLLOW_UP_CONTEXT } from '../../skills/faq/parts/followup';
import { bundledFaq, captureLogger, inProcessApp, kakaoPayload, testFeedback } from '../harness';
import { reloadableFaq } from './reloadable-faq';

const reply = (text: string): CachedReply => ({ body: JSON.stringify({ text }), data: { outcome: 'answer' } });

describe('createReplyCache', () => {
  it('is off (undefined) with 0 entries', () => {
    expect(createReplyCache({ maxEntries: 0 })).toBeUndefined();
  });

  it('keeps replies per scope: another scope (a reloaded snapshot) never sees them', () => {
    const cache = createReplyCache({ maxEntries: 10 })!;
    const before = {};
    const after = {};
    cache.set(before, 'k', reply('old data'));
    expect(cache.get(before, 'k')?.body).toBe('{"text":"old data"}');
    expect(cache.get(after, 'k')).toBeUndefined();
  });

  it('drops the least recently used reply past maxEntries', () => {
    const cache = createReplyCache({ maxEntries: 2 })!;
    const scope = {};
    cache.set(scope, 'a', reply('a'));
    cache.set(scope, 'b', reply('b'));
    cache.get(scope, 'a'); // a is now more recent than b
    cache.set(scope, 'c', reply('c'));
    expect(cache.get(scope, 'b')).toBeUndefined();
    expect(cache.get(scope, 'a')?.body).toContain('"a"');
    expect(cache.get(scope, 'c')?.body).toContain('"c"');
  });

  it('does not keep replies under absurdly long keys', () => {
    const cache = createReplyCache({ maxEntries: 10 })!;
    const scope = {};
    cache.set(scope, 'x'.repeat(5000), reply('x'));
    expect(cache.get(scope, 'x'.repeat(5000))).toBeUndefined();
  });

  it('reports every lookup as a hit or a miss', () => {
    const lookups: boolean[] = [];
    const cache = createReplyCache({ maxEntries: 10, onLookup: (hit) => lookups.push(hit) })!;
    const scope = {};
    cache.get(scope, 'k');
    cache.set(scope, 'k', reply('k'));
    cache.get(scope, 'k');
    expect(lookups).toEqual([false, true]);
  });
});

/** A skill that counts its calls and replies with the utterance and the call number. */
function countingSkill(options: { replyKey?: Skill['replyKey']; fail?: boolean } = {}) {
  const calls: SkillRequest[] = [];
  const skill = defineSkill({
    name: 'faq',
    ...(options.replyKey ? { replyKey: options.replyKey } : {}),
    handle(req: SkillRequest) {
      calls.push(req);
      if (options.fail) throw new Error('boom');
      return skillResponse({ outputs: [simpleText(`${req.utterance} #${calls.length}`)], data: { outcome: 'answer' } });
    },
  });
  return { skills: createSkillRegistry([skill]), calls };
}

const textOf = (body: { template: { outputs: { simpleText: { text: string } }[] } }) => body.template.outputs[0]!.simpleText.text;

describe('the skill route with a reply cache', () => {
  it('answers a repeated question from the cache: same reply, the skill runs once, the log line says cached', async () => {
    const { skills, calls } = countingSkill({ replyKey: (r) => r.utterance });
    const capture = captureLogger();
    const metrics = createMetrics();
    const app = await inProcessApp({ skills, log: capture.log, metrics });
    const first = await request(app).post('/skill/faq').send(kakaoPayload('환불 문의'));
    const second = await request(app).post('/skill/faq').send(kakaoPayload('환불 문의', { userId: 'someone-else' }));
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(textOf(second.body)).toBe('환불 문의 #1');
    expect(SkillResponseSchema.safeParse(second.body).success).toBe(true);
    expect(second.body.data).toMatchObject({ outcome: 'answer', faqSet: 'default' });
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(second.headers['content-length'])).toBe(Buffer.byteLength(second.text));
    expect(calls).toHaveLength(1);

    const calls2 = capture.lines.filter((l) => l.msg === 'skill call');
    expect(calls2.map((l) => l.cached)).toEqual([undefined, true]);
    expect(calls2[1]).toMatchObject({ outcome: 'answer', status: 'ok', utterance: '환불 문의' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('kakao_faq_reply_cache_lookups_total{result="miss"} 1');
    expect(text).toContain('kakao_faq_reply_cache_lookups_total{result="hit"} 1');
    expect(text).toContain('kakao_faq_skill_calls_total{skill="faq",outcome="answer"} 2');
  });

  it('runs the skill every time when REPLY_CACHE_ENTRIES=0, when the skill names no key, or when the key is undefined', async () => {
    const setups: { env: Record<string, string>; replyKey: Skill['replyKey'] }[] = [
      { env: { REPLY_CACHE_ENTRIES: '0' }, replyKey: (r) => r.utterance },
      { env: {}, replyKey: undefined },
      { env: {}, replyKey: () => undefined },
    ];
    for (const setup of setups) {
      const { skills, calls } = countingSkill({ replyKey: setup.replyKey });
      const app = await inProcessApp({ skills, env: setup.env });
      await request(app).post('/skill/faq').send(kakaoPayload('같은 질문'));
      const again = await request(app).post('/skill/faq').send(kakaoPayload('같은 질문'));
      expect(textOf(again.body)).toBe('같은 질문 #2');
      expect(calls).toHaveLength(2);
    }
  });

  it('never keeps an apology: a failed call is retried on the next request', async () => {
    const { skills, calls } = countingSkill({ replyKey: (r) => r.utterance, fail: true });
    const app = await inProcessApp({ skills });
    const first = await request(app).post('/skill/faq').send(kakaoPayload('실패'));
    await request(app).post('/skill/faq').send(kakaoPayload('실패'));
    expect(first.body.data.outcome).toBe('error');
    expect(calls).toHaveLength(2);
  });

  it('never keeps or serves replies for a user over the rate limit', async () => {
    const { skills, calls } = countingSkill({ replyKey: (r) => r.utterance });
    const app = await inProcessApp({ skills, env: { USER_RATE_LIMIT: '1' } });
    const ok = await request(app).post('/skill/faq').send(kakaoPayload('질문', { userId: 'fast-user' }));
    const limited = await request(app).post('/skill/faq').send(kakaoPayload('질문', { userId: 'fast-user' }));
    const other = await request(app).post('/skill/faq').send(kakaoPayload('질문', { userId: 'calm-user' }));
    expect(ok.body.data.outcome).toBe('answer');
    expect(limited.body.data.outcome).toBe('rate_limited');
    // the other user is answered from the reply built for the first one, not from the rate-limit bubble
    expect(textOf(other.body)).toBe('질문 #1');
    expect(calls).toHaveLength(1);
  });

  it('after a reload answers from the new data, never from replies built on the old', async () => {
    const { entry, faqSets, reload } = await reloadableFaq('예전 답변입니다.');
    const app = await inProcessApp({ faqSets });
    const ask = async () => (await request(app).post('/skill/faq').send(kakaoPayload(entry.question))).text;
    expect(await ask()).toContain('예전 답변입니다.');
    expect(await ask()).toContain('예전 답변입니다.');
    reload('새 답변입니다.');
    const after = await ask();
    expect(after).toContain('새 답변입니다.');
    expect(after).not.toContain('예전 답변입니다.');
  });
});

describe('the FAQ skill and the reply cache', () => {
  const faqSkill = realSkills.get('faq')!;

  it('reuses typed questions, keyed by the utterance and the follow-up context', () => {
    const typed = (utterance: string, contexts: unknown[] = []) =>
      ({ utterance, clientExtra: {}, matchedKnowledges: [], contexts }) as unknown as SkillRequest;
    const followUp = (faqId: string, lifeSpan = 2) => ({ name: FOLLOW_UP_CONTEXT, lifeSpan, params: { faqId, categories: '["카카오톡"]' } });
    expect(faqSkill.replyKey!(typed('환불'))).toBe(faqSkill.replyKey!(typed('환불')));
    expect(faqSkill.replyKey!(typed('환불'))).not.toBe(faqSkill.replyKey!(typed('환불 ')));
    expect(faqSkill.replyKey!(typed('그럼 등록은요?', [followUp('a')]))).not.toBe(faqSkill.replyKey!(typed('그럼 등록은요?', [followUp('b')])));
    expect(faqSkill.replyKey!(typed('그럼 등록은요?', [followUp('a')]))).not.toBe(faqSkill.replyKey!(typed('그럼 등록은요?')));
    // an expired context is as good as none
    expect(faqSkill.replyKey!(typed('그럼 등록은요?', [followUp('a', 0)]))).toBe(faqSkill.replyKey!(typed('그럼 등록은요?')));
  });

  it('does not reuse taps (a rating must be recorded every time) or 지식+ matches', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries[3]!;
    const { store, recorder } = testFeedback();
    const app = await inProcessApp({ feedback: recorder });
    const rating = kakaoPayload('도움이 됐어요', { clientExtra: { feedback: 'up', faqId: entry.id } });
    await request(app).post('/skill/faq').send(rating);
    await request(app).post('/skill/faq').send(rating);
    expect(store.events).toHaveLength(2);
    const tap = { utterance: 'x', clientExtra: { faqId: entry.id }, matchedKnowledges: [], contexts: [] } as unknown as SkillRequest;
    expect(faqSkill.replyKey!(tap)).toBeUndefined();
    const knowledge = { utterance: 'x', clientExtra: {}, matchedKnowledges: [{ question: 'q', answer: 'a', categories: [] }], contexts: [] };
    expect(faqSkill.replyKey!(knowledge as unknown as SkillRequest)).toBeUndefined();
  });

  it('gives the same reply from the cache as a server without one, for every kind of typed message', async () => {
    const cachedApp = await inProcessApp();
    const plainApp = await inProcessApp({ env: { REPLY_CACHE_ENTRIES: '0' } });
    const utterances = ['환불 계좌는 어떻게 등록하나요?', '프로필', '오늘 날씨 어때요?', '상담원 연결해 주세요', '처음으로', ''];
    for (const utterance of utterances) {
      const payload = kakaoPayload(utterance);
      await request(cachedApp).post('/skill/faq').send(payload);
      const fromCache = await request(cachedApp).post('/skill/faq').send(payload);
      const built = await request(plainApp).post('/skill/faq').send(payload);
      expect(fromCache.body).toEqual(built.body);
    }
  });
});
