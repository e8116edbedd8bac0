import request from 'supertest';
import { charLength, KAKAO_LIMITS, SkillResponseSchema } from '../../src/kakao';
import { bundledFaq, inProcessApp, kakaoPayload } from '../harness';

describe('the answer card of a help-center snippet (answerComplete: false)', () => {
  it('says it shows part of the help text and links to the help center search, within Kakao limits', async () => {
    const entry = (await bundledFaq()).get('faq-9a46deecb1c3')!;
    expect(entry.answerComplete).toBe(false);
    const res = await request(await inProcessApp()).post('/skill/faq').send(kakaoPayload(entry.question));
    expect(res.status).toBe(200);
    expect(SkillResponseSchema.safeParse(res.body).success).toBe(true);
    expect(res.body.data).toMatchObject({ outcome: 'answer', faqId: entry.id });
    const card = res.body.template.outputs[0].textCard;
    expect(card.description).toMatch(/\n\n도움말 일부만 보여 드려요\. 전체 내용은 고객센터 도움말에서 확인해 주세요\.$/);
    expect(charLength(card.title) + charLength(card.description)).toBeLessThanOrEqual(KAKAO_LIMITS.textCard.description);
    expect(card.buttons).toContainEqual({
      label: '고객센터에서 보기',
      action: 'webLink',
      webLinkUrl: `https://cs.kakao.com/search?query=${encodeURIComponent(entry.question)}`,
    });
    expect(card.buttons.length).toBeLessThanOrEqual(KAKAO_LIMITS.buttons.vertical);
  });

  it('a complete answer has neither', async () => {
    const faq = await bundledFaq();
    const entry = faq.get('faq-d666309f8e24')!;
    expect(entry.answerComplete).toBeUndefined();
    const res = await request(await inProcessApp()).post('/skill/faq').send(kakaoPayload(entry.question));
    const card = res.body.template.outputs[0].textCard;
    expect(res.body.data.faqId).toBe(entry.id);
    expect(card.description).not.toContain('도움말 일부만');
    // a short complete answer's card has no buttons at all (no 전체 답변 보기 when nothing was cut)
    expect((card.buttons ?? []).map((b: { label: string }) => b.label)).not.toContain('고객센터에서 보기');
  });
});
