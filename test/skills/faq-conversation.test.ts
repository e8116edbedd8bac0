import { FOLLOW_UP_CONTEXT } from '../../skills/faq/parts/followup';
import { knowledgeId } from '../../skills/faq/parts/knowledge';
import { hashUserKey } from '../../src/user-key';
import type { Handoff } from '../../src/handoff';
import { bundledFaq, TEST_USER_KEY_SALT, testFeedback } from '../harness';
import { ask, buttonsOf, chips, data, homeChip, outputs, USER, type Loose } from './skill-turn';

/** The `faq_followup` context as Kakao sends it back (observed shape: lower-case lifespan, value/resolvedValue). */
function followUpContext(faqId: string, categories: readonly string[], utterance = '이전 질문') {
  const param = (value: string) => ({ value, resolvedValue: value });
  return { name: FOLLOW_UP_CONTEXT, lifespan: 2, ttl: 600, params: { faqId: param(faqId), categories: param(JSON.stringify(categories)), utterance: param(utterance) } };
}

describe('feedback on an answer', () => {
  it('offers 도움이 됐어요 / 아쉬워요 on every answer, carrying the FAQ id', async () => {
    const faq = await bundledFaq();
    const reply = await ask(faq, '환불 계좌는 어떻게 등록하나요?');
    const faqId = data(reply).faqId as string;
    expect(chips(reply).slice(0, 2)).toEqual([
      expect.objectContaining({ label: '도움이 됐어요', extra: expect.objectContaining({ feedback: 'up', faqId }) }),
      expect.objectContaining({ label: '아쉬워요', extra: expect.objectContaining({ feedback: 'down', faqId }) }),
    ]);
  });

  it('records a 도움이 됐어요 with the FAQ id, set version and hashed user key, and thanks the user', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries[3]!;
    const feedback = testFeedback();
    const reply = await ask(faq, '도움이 됐어요', { clientExtra: { feedback: 'up', faqId: entry.id }, feedback });
    expect(feedback.store.events).toEqual([
      {
        at: '2026-11-23T03:00:00.000Z',
        rating: 'up',
        source: 'chat',
        faqId: entry.id,
        faqVersion: faq.version,
        question: entry.question,
        userKeyHash: hashUserKey(USER, TEST_USER_KEY_SALT),
      },
    ]);
    expect(JSON.stringify(feedback.store.events)).not.toContain(USER);
    expect(outputs(reply)[0]!.simpleText.text).toContain('고마워요');
    expect(data(reply)).toEqual({ outcome: 'feedback', rating: 'up', faqId: entry.id, recorded: true });
    expect(homeChip(reply)).toBeDefined();
  });

  it('answers 아쉬워요 with ways on: rephrase, browse, and the person configured', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries[3]!;
    const extra = { feedback: 'down', faqId: entry.id, asked: '헬스케어 챗봇 뭐예요' };
    const cases: [Handoff | undefined, Loose | undefined][] = [
      [undefined, undefined],
      [{ mode: 'operator' }, { label: '상담원 연결', action: 'operator' }],
      [{ mode: 'phone', phone: '1544-4293' }, { label: '전화 상담', action: 'phone', phoneNumber: '1544-4293' }],
      [{ mode: 'link', url: 'https://cs.example.com/ask' }, { label: '1:1 문의하기', action: 'webLink', webLinkUrl: 'https://cs.example.com/ask' }],
    ];
    for (const [handoff, person] of cases) {
      const feedback = testFeedback();
      const reply = await ask(faq, '아쉬워요', { clientExtra: extra, handoff, feedback });
      expect(feedback.store.events.map((e) => e.rating)).toEqual(['down']);
      const buttons = buttonsOf(reply);
      expect(buttons.slice(0, 2)).toEqual([
        { label: '다시 질문하기', action: 'message', messageText: '다시 질문하기', extra: { rephrase: true } },
        { label: '분야별로 찾아보기', action: 'message', messageText: '분야별로 찾아보기', extra: { browse: [] } },
      ]);
      expect(buttons[2]).toEqual(person === undefined ? undefined : expect.objectContaining(person));
      expect(data(reply).handoff).toEqual({
        mode: handoff?.mode ?? 'none',
        lastUtterance: '헬스케어 챗봇 뭐예요',
        faqId: entry.id,
        categories: entry.categories,
      });
    }
  });

  it('still thanks the user when the rating cannot be stored, and says so in data', async () => {
    const faq = await bundledFaq();
    const failing = { store: { events: [] }, recorder: { record: () => Promise.reject(new Error('disk full')) } };
    const reply = await ask(faq, '도움이 됐어요', { clientExtra: { feedback: 'up', faqId: faq.entries[0]!.id }, feedback: failing as never });
    expect(data(reply)).toMatchObject({ outcome: 'feedback', recorded: false });
    expect(outputs(reply)[0]!.simpleText.text).toContain('고마워요');
  });
});

describe('handoff to a person', () => {
  it('answers "상담원 연결해 주세요" with the operator button and what was asked before', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries.find((e) => e.question === '월렛을 삭제할 수 있나요?')!;
    const reply = await ask(faq, '상담원 연결해 주세요', {
      handoff: { mode: 'operator' },
      contexts: [followUpContext(entry.id, entry.categories, '월렛 삭제 어떻게 해요')],
    });
    expect(data(reply)).toEqual({
      outcome: 'handoff',
      handoff: { mode: 'operator', lastUtterance: '월렛 삭제 어떻게 해요', faqId: entry.id, categories: entry.categories },
    });
    expect(buttonsOf(reply)).toEqual([expect.objectContaining({ label: '상담원 연결', action: 'operator' })]);
  });

  it('says plainly when no person can be reached, and offers the menu', async () => {
    const reply = await ask(await bundledFaq(), '사람이랑 얘기하고 싶어요');
    expect(data(reply).outcome).toBe('handoff');
    expect(outputs(reply)[0]!.simpleText.text).toContain('상담원 연결을 제공하지 않아요');
    expect(homeChip(reply)).toBeDefined();
  });

  it('puts the handoff button under the fallback when a person is configured', async () => {
    const reply = await ask(await bundledFaq(), '오늘 날씨 어때요?', { handoff: { mode: 'phone', phone: '02-123-4567' } });
    expect(data(reply)).toMatchObject({ outcome: 'fallback', handoff: { mode: 'phone', lastUtterance: '오늘 날씨 어때요?' } });
    expect(buttonsOf(reply)).toEqual([{ label: '전화 상담', action: 'phone', phoneNumber: '02-123-4567' }]);
  });
});

describe('follow-up context', () => {
  it('sets faq_followup with the entry answered, for 3 turns', async () => {
    const faq = await bundledFaq();
    const reply = await ask(faq, '포인트 등록은 어떻게 하나요?');
    const entry = faq.get(data(reply).faqId as string)!;
    expect(reply.context).toEqual({
      values: [
        {
          name: 'faq_followup',
          lifeSpan: 3,
          params: { faqId: entry.id, categories: JSON.stringify(entry.categories), utterance: '포인트 등록은 어떻게 하나요?' },
        },
      ],
    });
  });

  it('matches "그럼 등록은요?" within the topic of the previous answer', async () => {
    const faq = await bundledFaq();
    const point = faq.entries.find((e) => e.question === '리뷰 포인트는 무엇인가요?')!;
    const wallet = faq.entries.find((e) => e.question === '세금계산서를 꼭 받아야 하나요?')!;

    const alone = await ask(faq, '그럼 등록은요?');
    expect(data(alone).outcome).toBe('fallback');

    const afterPoint = await ask(faq, '그럼 등록은요?', { contexts: [followUpContext(point.id, point.categories)] });
    expect(data(afterPoint)).toMatchObject({ outcome: 'answer', question: '포인트 등록은 어떻게 하나요?', contextCategories: point.categories });

    const afterWallet = await ask(faq, '그럼 등록은요?', { contexts: [followUpContext(wallet.id, wallet.categories)] });
    expect(data(afterWallet)).toMatchObject({ outcome: 'answer', question: '환불 계좌는 어떻게 등록 하나요?' });
  });

  it('uses the categories stored in the context when the entry is gone', async () => {
    const faq = await bundledFaq();
    const reply = await ask(faq, '그럼 등록은요?', {
      contexts: [followUpContext('faq-removed000', ['톡체크아웃 관리자센터', '고객혜택관리', '포인트관리'])],
    });
    expect(data(reply)).toMatchObject({ outcome: 'answer', question: '포인트 등록은 어떻게 하나요?' });
  });

  it('ignores an expired or malformed context', async () => {
    const faq = await bundledFaq();
    const expired = { ...followUpContext('faq-removed000', ['톡체크아웃 관리자센터', '고객혜택관리', '포인트관리']), lifespan: 0 };
    expect(data(await ask(faq, '그럼 등록은요?', { contexts: [expired] })).outcome).toBe('fallback');
    const broken = { name: FOLLOW_UP_CONTEXT, lifespan: 2, params: { categories: { value: '{not json' } } };
    expect(data(await ask(faq, '그럼 등록은요?', { contexts: [broken] })).outcome).toBe('fallback');
  });

  it('offers the previous answer\'s neighbours when "다른 방법은?" matches nothing', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries.find((e) => e.question === '월렛을 삭제할 수 있나요?')!;
    const reply = await ask(faq, '다른 방법은?', { contexts: [followUpContext(entry.id, entry.categories)] });
    expect(data(reply).outcome).toBe('fallback');
    const list = outputs(reply).find((o) => o.listCard)!.listCard;
    const ids = list.items.map((i: Loose) => i.extra.faqId);
    expect(ids).toEqual(faq.related(entry.id, 4).map((e) => e.id));
    expect(ids).not.toContain(entry.id);
  });
});

describe('지식+ matches', () => {
  const knowledge = (over: Loose = {}) => ({
    categories: ['결제', '환불'],
    question: '환불은 언제 되나요?',
    answer: '결제 취소 후 영업일 기준 3~5일 안에 환불돼요.',
    landingUrl: 'https://help.example.com/refund',
    imageUrl: 'https://img.example.com/refund.png',
    ...over,
  });

  it('answers one knowledge entry as it is, with its image, its link and feedback, without matching again', async () => {
    const faq = await bundledFaq();
    // The utterance would match our FAQ on its own; the knowledge match wins.
    const reply = await ask(faq, '환불 계좌는 어떻게 등록하나요?', { knowledges: [knowledge()] });
    expect(outputs(reply)[0]).toEqual({ simpleImage: { imageUrl: 'https://img.example.com/refund.png', altText: '환불은 언제 되나요?' } });
    expect(outputs(reply)[1]!.textCard).toMatchObject({
      title: '환불은 언제 되나요?',
      description: '결제 취소 후 영업일 기준 3~5일 안에 환불돼요.',
      buttons: [{ label: '자세히 보기', action: 'webLink', webLinkUrl: 'https://help.example.com/refund' }],
    });
    const id = knowledgeId(knowledge() as never);
    expect(data(reply)).toMatchObject({ outcome: 'answer', source: 'knowledge', knowledgeId: id, categories: ['결제', '환불'] });
    expect(chips(reply)[0]!.extra).toMatchObject({ feedback: 'up', faqId: id, question: '환불은 언제 되나요?' });
  });

  it('records feedback on a knowledge answer with no FAQ version', async () => {
    const faq = await bundledFaq();
    const feedback = testFeedback();
    const id = knowledgeId(knowledge() as never);
    await ask(faq, '아쉬워요', { clientExtra: { feedback: 'down', faqId: id, question: '환불은 언제 되나요?' }, feedback });
    expect(feedback.store.events[0]).toMatchObject({ faqId: id, faqVersion: null, question: '환불은 언제 되나요?', rating: 'down' });
  });

  it('drops links and images that are not http(s), and puts a long answer in a text bubble with the link below', async () => {
    const long = '환불 규정을 안내해 드려요. '.repeat(40).trim();
    const reply = await ask(await bundledFaq(), '환불', {
      knowledges: [knowledge({ answer: long, imageUrl: 'javascript:alert(1)', landingUrl: 'https://help.example.com/refund' })],
    });
    expect(outputs(reply).some((o) => o.simpleImage)).toBe(false);
    const text = outputs(reply)[0]!.simpleText.text as string;
    expect(text.startsWith('환불은 언제 되나요?\n\n환불 규정을')).toBe(true);
    expect([...text].length).toBeLessThanOrEqual(1000);
    expect(outputs(reply)[1]!.textCard.buttons[0].webLinkUrl).toBe('https://help.example.com/refund');

    const noLinks = await ask(await bundledFaq(), '환불', { knowledges: [knowledge({ landingUrl: 'javascript:alert(1)', imageUrl: null })] });
    expect(JSON.stringify(noLinks)).not.toContain('javascript:');
  });

  it('asks which one when several entries match, and answers the one tapped from its extra', async () => {
    const faq = await bundledFaq();
    const many = [knowledge(), knowledge({ question: '환불 계좌를 바꾸고 싶어요', answer: '설정 › 환불 계좌에서 바꿀 수 있어요.', imageUrl: undefined })];
    const reply = await ask(faq, '환불', { knowledges: many });
    expect(data(reply)).toMatchObject({ outcome: 'clarify', source: 'knowledge' });
    const cards = outputs(reply)[1]!.carousel.items as Loose[];
    expect(cards.map((c) => c.title)).toEqual(['환불은 언제 되나요?', '환불 계좌를 바꾸고 싶어요']);
    expect(homeChip(reply)).toBeDefined();

    const tapped = cards[1]!.buttons[0];
    const next = await ask(faq, tapped.messageText, { clientExtra: tapped.extra });
    expect(data(next)).toMatchObject({ outcome: 'answer', source: 'knowledge', question: '환불 계좌를 바꾸고 싶어요' });
    expect(outputs(next)[0]!.textCard.description).toBe('설정 › 환불 계좌에서 바꿀 수 있어요.');
  });

  it('ignores empty knowledge entries and matches the utterance instead', async () => {
    const reply = await ask(await bundledFaq(), '월렛을 삭제할 수 있나요?', { knowledges: [{ categories: [], question: ' ', answer: '' }] });
    expect(data(reply)).toMatchObject({ outcome: 'answer', question: '월렛을 삭제할 수 있나요?' });
  });
});
