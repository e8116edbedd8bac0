import { faqSkill } from '../../skills/faq/faq-skill';
import { createFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { SkillResponseSchema, toSkillRequest, SkillPayloadSchema, type SkillResponse } from '../../src/kakao';
import { silentLogger } from '../../src/log';
import type { SkillContext } from '../../src/skill';
import { bundledFaq, kakaoPayload } from '../harness';

function context(faq: FaqStore): SkillContext {
  return {
    faq,
    log: silentLogger,
    requestId: 'test',
    answerUrl: (id) => `https://faq.example.com/faq/${id}`,
    signal: new AbortController().signal,
  };
}

async function ask(faq: FaqStore, utterance: string, clientExtra: Record<string, unknown> = {}): Promise<SkillResponse> {
  const request = toSkillRequest(SkillPayloadSchema.parse(kakaoPayload(utterance, { clientExtra })));
  const response = await faqSkill.handle(request, context(faq));
  const checked = SkillResponseSchema.safeParse(response);
  if (!checked.success) throw new Error(JSON.stringify(checked.error.issues));
  return response;
}

const outputsOf = (r: SkillResponse) => r.template?.outputs ?? [];
const dataOf = (r: SkillResponse) => r.data as Record<string, unknown>;

describe('the faq skill', () => {
  it('when the answer is longer than a card holds, shows an excerpt ending on a boundary and links the whole answer', async () => {
    const long = '첫 문장입니다. '.repeat(150).trim();
    const faq = createFaqStore(
      FaqFileSchema.parse({
        schemaVersion: 1,
        entries: [{ id: 'faq-long', categories: ['서비스'], question: '긴 답변 질문', answer: long }],
      }),
    );
    const reply = await ask(faq, '', { faqId: 'faq-long' });
    const card = (outputsOf(reply)[0] as { textCard: { title: string; description: string; buttons: { webLinkUrl?: string }[] } }).textCard;
    expect([...card.title].length + [...card.description].length).toBeLessThanOrEqual(400);
    expect(card.description).toMatch(/입니다\.…$/);
    expect(card.buttons[0]!.webLinkUrl).toBe('https://faq.example.com/faq/faq-long');
    expect(dataOf(reply)).toMatchObject({ faqId: 'faq-long', answerTruncated: true });
    expect([...(dataOf(reply).answer as string)].length).toBeLessThanOrEqual(1000);
  });

  it('suggests related questions from the same category first and never the answer just given', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries.find((e) => e.question === '월렛을 삭제할 수 있나요?')!;
    const reply = await ask(faq, entry.question, { faqId: entry.id });
    const list = (outputsOf(reply)[1] as unknown as { listCard: { items: { extra: { faqId: string } }[] } }).listCard;
    const related = list.items.map((item) => item.extra.faqId);
    expect(related).toHaveLength(3);
    expect(related).not.toContain(entry.id);
    for (const id of related) expect(faq.get(id)!.categories).toEqual(entry.categories);
  });

  it('walks a branching category through its sub-categories, then lists the questions', async () => {
    const faq = await bundledFaq();
    const top = await ask(faq, '톡체크아웃 관리자센터', { browse: ['톡체크아웃 관리자센터'] });
    expect(dataOf(top)).toMatchObject({ outcome: 'browse', categories: ['톡체크아웃 관리자센터'] });
    const level = (outputsOf(top)[0] as unknown as { listCard: { items: { title: string; extra: { browse?: string[]; faqId?: string } }[] } }).listCard;
    const subs = level.items.flatMap((i) => (i.extra.browse ? [i.extra.browse[1]] : []));
    expect(subs.sort()).toEqual(['고객혜택관리', '판매관리', '판매점입점', '판매점정보']);

    const reply = await ask(faq, '판매점입점', { browse: ['톡체크아웃 관리자센터', '판매점입점'] });
    const ids = dataOf(reply).faqIds as string[];
    expect(ids).toEqual(faq.inCategory(['톡체크아웃 관리자센터', '판매점입점']).map((e) => e.id));
    const list = (outputsOf(reply)[0] as unknown as { listCard: { items: { messageText: string; extra: { faqId: string } }[] } }).listCard;
    expect(list.items.map((i) => i.extra.faqId)).toEqual(ids);
    expect(list.items.map((i) => i.messageText)).toEqual(ids.map((id) => faq.get(id)!.question));
  });

  it('asks to rephrase with an example when the user taps 다시 질문하기', async () => {
    const reply = await ask(await bundledFaq(), '다시 질문하기', { rephrase: true });
    expect((outputsOf(reply)[0] as { simpleText: { text: string } }).simpleText.text).toMatch(/예:/);
  });

  it('ignores clientExtra it does not understand and matches the utterance', async () => {
    const faq = await bundledFaq();
    const reply = await ask(faq, '월렛을 삭제할 수 있나요?', { faqId: 42, browse: 'x', other: { deep: true } });
    expect(dataOf(reply).outcome).toBe('answer');
  });
});

describe('browsing a large category', () => {
  const entries = Array.from({ length: 45 }, (_, i) => ({
    id: `faq-${i}`,
    categories: ['큰 서비스'],
    question: `질문 ${i}번은 무엇인가요?`,
    answer: `답변 ${i}`,
  }));
  const faq = createFaqStore(FaqFileSchema.parse({ schemaVersion: 1, entries }));

  it('pages with 더보기 so that no question is left out', async () => {
    const seen: string[] = [];
    let page: number | undefined = 0;
    while (page !== undefined) {
      const reply = await ask(faq, '큰 서비스', { browse: ['큰 서비스'], page });
      seen.push(...(dataOf(reply).faqIds as string[]));
      const more = (reply.template?.quickReplies ?? []).find((q) => q.label === '더보기');
      page = (more?.extra as { page?: number } | undefined)?.page;
    }
    expect(seen).toEqual(entries.map((e) => e.id));
  });
});

describe('the full-answer button', () => {
  const SHORT = '설정 › 알림에서 켤 수 있어요. 곧바로 적용돼요.'; // 28 characters
  const store = (over: Record<string, unknown>) =>
    createFaqStore(
      FaqFileSchema.parse({
        schemaVersion: 1,
        entries: [{ id: 'faq-card', categories: ['서비스'], question: '알림은 어떻게 켜나요?', answer: SHORT, ...over }],
      }),
    );
  const buttonsOf = (r: SkillResponse) => (outputsOf(r)[0] as { textCard: { buttons?: { label: string; webLinkUrl?: string }[] } }).textCard.buttons ?? [];

  it('is left off when the card shows the whole answer, keeping the other buttons', async () => {
    expect([...SHORT].length).toBe(28);
    const plain = await ask(store({}), '', { faqId: 'faq-card' });
    expect((outputsOf(plain)[0] as { textCard: { description: string } }).textCard.description).toBe(SHORT);
    expect(buttonsOf(plain)).toEqual([]);
    expect(dataOf(plain)).toMatchObject({ answerTruncated: false, answerUrl: 'https://faq.example.com/faq/faq-card' });

    const withLanding = await ask(store({ landingUrl: 'https://help.example.com/alarm' }), '', { faqId: 'faq-card' });
    expect(buttonsOf(withLanding)).toEqual([{ label: '자세히 보기', action: 'webLink', webLinkUrl: 'https://help.example.com/alarm' }]);
  });

  it('is offered when the card had to shorten the answer, or cannot show its image, before the other buttons', async () => {
    const long = await ask(store({ answer: `${SHORT} `.repeat(30).trim(), landingUrl: 'https://help.example.com/alarm' }), '', { faqId: 'faq-card' });
    expect(buttonsOf(long).map((b) => b.label)).toEqual(['전체 답변 보기', '자세히 보기']);
    expect(buttonsOf(long)[0]!.webLinkUrl).toBe('https://faq.example.com/faq/faq-card');

    const withImage = await ask(store({ imageUrl: 'https://img.example.com/alarm.png' }), '', { faqId: 'faq-card' });
    expect(buttonsOf(withImage).map((b) => b.label)).toEqual(['전체 답변 보기']);
  });
});
