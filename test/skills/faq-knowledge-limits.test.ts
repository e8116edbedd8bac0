import request from 'supertest';
import { jsonByteLength } from '../../src/kakao/json-size';
import { KAKAO_LIMITS, SkillResponseSchema } from '../../src/kakao';
import { bundledFaq, inProcessApp, kakaoPayload } from '../harness';
import { ask, data, outputs, type Loose } from './skill-turn';

/** 지식+ entries at the edges of the contract: long questions, and emoji that are two UTF-16 units each. */

function knowledgePayload(utterance: string, matchedKnowledges: unknown[]) {
  const payload = kakaoPayload(utterance);
  payload.intent = {
    id: 'kb',
    name: '지식+',
    extra: { reason: { code: 1, message: 'OK' }, knowledge: { responseType: 'skill', matchedKnowledges } },
  };
  return payload;
}

describe('지식+ entries at the limits', () => {
  it('offers seven matches with 1,600-character questions as a clarify list that fits in 30 KB, not the apology', async () => {
    const knowledges = Array.from({ length: 7 }, (_, i) => ({
      categories: ['결제', '환불'],
      question: `${i + 1}번 질문: ${'환불 계좌를 바꾸려면 어떻게 해야 하나요 '.repeat(80)}`.slice(0, 1600),
      answer: `${i + 1}번 답변이에요. 설정에서 환불 계좌를 바꿀 수 있어요.`,
    }));
    expect(knowledges.every((k) => k.question.length === 1600)).toBe(true);
    const res = await request(await inProcessApp()).post('/skill/faq').send(knowledgePayload('환불', knowledges));
    expect(res.status).toBe(200);
    expect(SkillResponseSchema.safeParse(res.body).success).toBe(true);
    expect(jsonByteLength(res.body)).toBeLessThanOrEqual(KAKAO_LIMITS.response.bytes);
    expect(res.body.data).toMatchObject({ outcome: 'clarify', source: 'knowledge' });
    const cards = res.body.template.outputs[1].carousel.items as Loose[];
    expect(cards).toHaveLength(5);
    cards.forEach((card, i) => {
      expect(card.title.startsWith(`${i + 1}번 질문:`)).toBe(true);
      expect(card.buttons[0].extra.knowledge.question.startsWith(`${i + 1}번 질문:`)).toBe(true);
    });
  });

  it('answers the pick of an emoji-heavy question from the card it tapped, the question clipped and carried whole', async () => {
    const faq = await bundledFaq();
    const emoji = { categories: ['이벤트'], question: `🎉🎁${'😀'.repeat(400)}`, answer: '이벤트 경품은 다음 주에 보내 드려요.' };
    const other = { categories: ['결제'], question: '환불은 언제 되나요?', answer: '영업일 기준 3~5일 안에 환불돼요.' };
    const reply = await ask(faq, '이벤트', { knowledges: [emoji, other] });
    const tapped = (outputs(reply)[1]!.carousel.items as Loose[])[0]!.buttons[0];
    const carried = tapped.extra.knowledge.question as string;
    expect([...carried].length).toBeLessThanOrEqual(300);
    expect(carried.length).toBeGreaterThan(300); // UTF-16 units: more than the code points that are counted

    const next = await ask(faq, tapped.messageText, { clientExtra: tapped.extra });
    expect(data(next)).toMatchObject({ outcome: 'answer', source: 'knowledge', question: carried });
    expect(JSON.stringify(outputs(next))).toContain('이벤트 경품은 다음 주에 보내 드려요.');
  });
});
