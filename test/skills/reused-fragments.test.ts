import { createFaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import type { ClipEvent } from '../../src/kakao';
import { ask, chips, data, outputs } from './skill-turn';

/**
 * Reply fragments built once per snapshot (skills/faq/parts/built-once.ts) behave as if built for every call:
 * each call's onClip hears the clips, and neither another snapshot nor another page address sees them.
 */

const LONG_QUESTION = `${'환불 계좌를 바꾸고 싶은데 어디에서 어떻게 '.repeat(3)}하나요?`;
const LONG_SERVICE = '아주 긴 이름의 카카오 비즈니스 서비스 관리자센터';

function store(answer: string) {
  return createFaqStore(
    FaqFileSchema.parse({
      schemaVersion: 1,
      entries: [
        { id: 'refund', categories: [LONG_SERVICE, '환불'], question: LONG_QUESTION, answer },
        { id: 'refund-account', categories: [LONG_SERVICE, '환불'], question: '환불 계좌 등록은 어떻게 하나요?', answer: '설정에서 등록해요.' },
        { id: 'coupon', categories: ['쿠폰'], question: '쿠폰은 어떻게 쓰나요?', answer: '결제할 때 골라요.' },
      ],
    }),
  );
}

describe('reply fragments built once', () => {
  it('reports the clips of a reused card to every call that sends it', async () => {
    const faq = store('계좌는 설정에서 바꿔요.');
    const calls: ClipEvent[][] = [];
    for (let i = 0; i < 3; i++) {
      const events: ClipEvent[] = [];
      const reply = await ask(faq, LONG_QUESTION, { clientExtra: { faqId: 'refund' }, onClip: (e) => events.push(e) });
      expect(data(reply).faqId).toBe('refund');
      calls.push(events);
    }
    expect(calls[0]!.map((e) => e.field)).toEqual(expect.arrayContaining([expect.stringContaining('title')]));
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2]).toEqual(calls[0]);
  });

  it('reports the clips of reused category chips to every call', async () => {
    const faq = store('계좌는 설정에서 바꿔요.');
    const first: ClipEvent[] = [];
    const second: ClipEvent[] = [];
    const a = await ask(faq, '우주선 발사 일정', { onClip: (e) => first.push(e) });
    const b = await ask(faq, '오늘 날씨 어때요', { onClip: (e) => second.push(e) });
    expect(data(a).outcome).toBe('fallback');
    expect(chips(b)).toEqual(chips(a));
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('keeps each snapshot its own cards', async () => {
    const before = await ask(store('예전 답변이에요.'), LONG_QUESTION, { clientExtra: { faqId: 'refund' } });
    const after = await ask(store('새 답변이에요.'), LONG_QUESTION, { clientExtra: { faqId: 'refund' } });
    expect(outputs(before)[0]!.textCard.description).toBe('예전 답변이에요.');
    expect(outputs(after)[0]!.textCard.description).toBe('새 답변이에요.');
  });

  it('builds the card again for another page address', async () => {
    const faq = store('아주 긴 답변 '.repeat(80));
    const buttonUrl = (r: Awaited<ReturnType<typeof ask>>) => outputs(r)[0]!.textCard.buttons[0].webLinkUrl as string;
    const here = await ask(faq, LONG_QUESTION, { clientExtra: { faqId: 'refund' } });
    const there = await ask(faq, LONG_QUESTION, { clientExtra: { faqId: 'refund' }, answerUrl: (id) => `https://other.example.com/a/${id}` });
    expect(buttonUrl(here)).toBe('https://faq.example.com/faq/refund');
    expect(buttonUrl(there)).toBe('https://other.example.com/a/refund');
    expect(data(there).answerUrl).toBe('https://other.example.com/a/refund');
  });
});
