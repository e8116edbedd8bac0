import request from 'supertest';
import { SkillResponseSchema } from '../../src/kakao';
import { defineSkill, createSkillRegistry } from '../../src/skill';
import { bundledFaq, inProcessApp, kakaoPayload } from '../harness';

const SECRET = 'correct-horse-battery-staple';

async function postSkill(body: unknown, options: { env?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const app = await inProcessApp({ env: options.env ?? {} });
  const req = request(app).post('/skill/faq').set(options.headers ?? {});
  return typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
}

function expectValidReply(res: request.Response) {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const parsed = SkillResponseSchema.safeParse(res.body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
  return res.body;
}

describe('GET /healthz', () => {
  it('reports ready and the number of FAQ entries', async () => {
    const res = await request(await inProcessApp()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', faq: { entries: 50 } });
    expect(res.body.faq.version).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('POST /skill/faq outcomes', () => {
  it('answers a clear question with a textCard, related questions and feedback quick replies', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries.find((e) => e.question === '환불 계좌는 어떻게 등록 하나요?')!;
    const body = expectValidReply(await postSkill(kakaoPayload('환불 계좌는 어떻게 등록하나요?')));
    const card = body.template.outputs[0].textCard;
    expect(card.title).toBe(entry.question);
    // this bundled answer is a help-center snippet (answerComplete: false): the card says so
    expect(card.description).toBe(`${entry.answer}\n\n도움말 일부만 보여 드려요. 전체 내용은 고객센터 도움말에서 확인해 주세요.`);
    // the card shows the whole (short) answer, so it offers no 전체 답변 보기 (test/skills/faq.test.ts)
    expect(card.buttons.map((b: { label: string }) => b.label)).not.toContain('전체 답변 보기');
    const related: { messageText: string; extra: { faqId: string } }[] = body.template.outputs[1].listCard.items;
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(3);
    for (const item of related) {
      expect(item.extra.faqId).not.toBe(entry.id);
      expect(faq.get(item.extra.faqId)?.question).toBe(item.messageText);
    }
    expect(body.template.quickReplies.map((q: { label: string; extra: unknown }) => [q.label, q.extra])).toEqual([
      ['도움이 됐어요', { feedback: 'up', faqId: entry.id, asked: '환불 계좌는 어떻게 등록하나요?' }],
      ['아쉬워요', { feedback: 'down', faqId: entry.id, asked: '환불 계좌는 어떻게 등록하나요?' }],
      ['처음으로', { browse: [] }],
    ]);
    expect(body.data).toMatchObject({
      outcome: 'answer',
      faqId: entry.id,
      question: entry.question,
      answer: entry.answer,
      categories: entry.categories,
      answerUrl: `https://faq.example.com/faq/${entry.id}`,
    });
    expect(body.data.confidence).toBeGreaterThan(0);
    expect(body.data.confidence).toBeLessThanOrEqual(1);
  });

  it('asks which one when the question exists for several platforms', async () => {
    const body = expectValidReply(await postSkill(kakaoPayload('그룹 채팅방 프로필별 대화상대 메뉴가 뭐예요')));
    expect(body.data.outcome).toBe('clarify');
    const candidates: { faqId: string; categories: string[] }[] = body.data.candidates;
    expect(candidates.map((c) => c.categories[2]).sort()).toEqual(['Windows', 'iOS', '안드로이드']);
    const carousel = body.template.outputs.find((o: Record<string, unknown>) => 'carousel' in o).carousel;
    expect(carousel.type).toBe('textCard');
    expect(carousel.items.length).toBe(candidates.length);
    carousel.items.forEach((card: { buttons: { action: string; extra: unknown }[] }, i: number) => {
      expect(card.buttons[0]).toMatchObject({ action: 'message', extra: { faqId: candidates[i]!.faqId } });
    });
  });

  it('falls back politely, with quick replies that help, for an out-of-domain message', async () => {
    const body = expectValidReply(await postSkill(kakaoPayload('오늘 날씨 어때요?')));
    expect(body.data).toEqual({ outcome: 'fallback', faqSet: 'default', faqVersion: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(body.template.outputs[0].simpleText.text).toMatch(/죄송해요/);
    const labels = body.template.quickReplies.map((q: { label: string }) => q.label);
    expect(labels).toContain('다시 질문하기');
    expect(labels.length).toBeGreaterThan(2);
  });

  it('never matches everything on an empty or whitespace utterance', async () => {
    for (const utterance of ['', '   ', '\n\t']) {
      const body = expectValidReply(await postSkill(kakaoPayload(utterance)));
      expect(body.data.outcome).toBe('fallback');
    }
  });

  it('answers the entry named by clientExtra.faqId directly, without matching the utterance', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries[4]!;
    const body = expectValidReply(await postSkill(kakaoPayload('이 질문 보기', { clientExtra: { faqId: entry.id } })));
    expect(body.data).toMatchObject({ outcome: 'answer', faqId: entry.id, confidence: 1 });
  });

  it('matches the utterance when clientExtra.faqId is unknown', async () => {
    const body = expectValidReply(await postSkill(kakaoPayload('안녕', { clientExtra: { faqId: 'faq-gone' } })));
    // "안녕" is small talk: answered as text, not as the gone entry
    expect(body.data.outcome).toBe('small_talk');
  });

  it('lists the questions of a category chosen from the fallback quick replies', async () => {
    const body = expectValidReply(await postSkill(kakaoPayload('톡체크아웃 관리자센터', { clientExtra: { browse: ['톡체크아웃 관리자센터'] } })));
    expect(body.data.outcome).toBe('browse');
  });
});

describe('POST /skill/faq bad input', () => {
  it.each([
    ['malformed JSON', '{"userRequest": {', 400, 'invalid_json'],
    ['a JSON array', '[1,2,3]', 400, 'invalid_payload'],
    ['a JSON string', '"hello"', 400, 'invalid_payload'],
    ['JSON null', 'null', 400, 'invalid_payload'],
    ['an object without userRequest', '{}', 400, 'invalid_payload'],
  ])('rejects %s with a JSON error that names the problem', async (_name, body, status, code) => {
    const res = await postSkill(body);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ status, code });
    expect(res.body.error.message.length).toBeGreaterThan(10);
  });

  it('names the failing path when the utterance is not a string', async () => {
    const payload = kakaoPayload('x');
    (payload.userRequest as Record<string, unknown>).utterance = 42;
    const res = await postSkill(payload);
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('userRequest.utterance');
    expect(res.body.error.message).toContain('userRequest.utterance');
  });

  it('rejects a body over the limit with 413', async () => {
    const res = await postSkill(kakaoPayload('가'.repeat(70_000)));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'body_too_large', limitBytes: 65536 });
  });

  it('rejects a body that is not JSON with 415', async () => {
    const app = await inProcessApp();
    const res = await request(app).post('/skill/faq').set('Content-Type', 'text/plain').send('환불');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('requires the secret header when SKILL_SECRET is set', async () => {
    const env = { SKILL_SECRET: SECRET };
    const missing = await postSkill(kakaoPayload('환불'), { env });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('missing_secret');
    const wrong = await postSkill(kakaoPayload('환불'), { env, headers: { 'x-skill-secret': `${SECRET}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('wrong_secret');
    expect(JSON.stringify(wrong.body)).not.toContain(SECRET);
    expectValidReply(await postSkill(kakaoPayload('환불'), { env, headers: { 'x-skill-secret': SECRET } }));
  });

  it('checks the secret before reading the body', async () => {
    const res = await postSkill('{not json', { env: { SKILL_SECRET: SECRET } });
    expect(res.status).toBe(401);
  });

  it('answers unknown routes and unknown skills with 404 JSON', async () => {
    const app = await inProcessApp();
    const route = await request(app).get('/nope');
    expect(route.status).toBe(404);
    expect(route.body.error).toMatchObject({ code: 'not_found', message: 'No route for GET /nope' });
    const skill = await request(app).post('/skill/nope').send(kakaoPayload('환불'));
    expect(skill.status).toBe(404);
    expect(skill.body.error).toMatchObject({ code: 'unknown_skill', skills: ['faq'] });
  });
});

describe('POST /skill/* when the skill fails', () => {
  it('answers 200 with an apology bubble when the skill throws', async () => {
    const boom = defineSkill({
      name: 'faq',
      handle() {
        throw new Error('database on fire');
      },
    });
    const app = await inProcessApp({ skills: createSkillRegistry([boom]) });
    const res = await request(app).post('/skill/faq').send(kakaoPayload('환불'));
    const body = expectValidReply(res);
    expect(body.data.outcome).toBe('error');
    expect(JSON.stringify(body)).not.toContain('database on fire');
  });

  it('answers 200 with an apology bubble when the skill returns an invalid response', async () => {
    const broken = defineSkill({ name: 'faq', handle: () => ({ version: '2.0', template: { outputs: [] } }) as never });
    const res = await request(await inProcessApp({ skills: createSkillRegistry([broken]) })).post('/skill/faq').send(kakaoPayload('환불'));
    expect(expectValidReply(res).data.outcome).toBe('error');
  });

  it('answers 200 with a "please retry" bubble when the skill passes the deadline', async () => {
    const slow = defineSkill({ name: 'faq', handle: () => new Promise<never>(() => undefined) });
    const app = await inProcessApp({ skills: createSkillRegistry([slow]), env: { SKILL_DEADLINE_MS: '150' } });
    const res = await request(app).post('/skill/faq').send(kakaoPayload('환불'));
    expect(expectValidReply(res).data.outcome).toBe('timeout');
  });
});
