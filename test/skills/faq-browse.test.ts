import { BROWSE_PAGE_SIZE } from '../../skills/faq/replies/browse';
import { createFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { bundledFaq } from '../harness';
import { ask, chips, data, homeChip, outputs, type Loose } from './skill-turn';

/**
 * 상위 분야 goes to the nearest level above that shows another screen. A level that holds a single
 * sub-category and nothing else is walked past on the way down, so going up must walk past it too.
 */

type Screen = { path: string[]; page: number };
const keyOf = (s: Screen) => JSON.stringify(s);

async function open(faq: FaqStore, extra: Loose): Promise<{ screen: Screen; reply: Awaited<ReturnType<typeof ask>> }> {
  const reply = await ask(faq, '질문 보기', { clientExtra: extra });
  expect(data(reply).outcome).toBe('browse');
  return { screen: { path: data(reply).categories as string[], page: data(reply).page as number }, reply };
}

/** Every browse screen reachable from the top by category items and 더보기, with its reply. */
async function everyScreen(faq: FaqStore) {
  const seen = new Map<string, { screen: Screen; reply: Awaited<ReturnType<typeof ask>> }>();
  const queue: Loose[] = [{ browse: [] }];
  while (queue.length > 0) {
    const opened = await open(faq, queue.shift()!);
    if (seen.has(keyOf(opened.screen))) continue;
    seen.set(keyOf(opened.screen), opened);
    const items = outputs(opened.reply).flatMap((o) => [o.listCard, ...(o.carousel?.items ?? [])].filter(Boolean).flatMap((card: Loose) => card.items)) as Loose[];
    for (const item of items) if (item.extra.browse) queue.push(item.extra);
    const more = chips(opened.reply).find((q) => q.label === '더보기');
    if (more) queue.push(more.extra);
  }
  return [...seen.values()];
}

/** From `start`, follows 상위 분야 (or 처음으로 where there is none) to the top; the screens passed, in order. */
async function climb(faq: FaqStore, start: { screen: Screen; reply: Awaited<ReturnType<typeof ask>> }): Promise<string[]> {
  const passed = [keyOf(start.screen)];
  let at = start;
  while (at.screen.path.length > 0 || at.screen.page > 0) {
    const up = chips(at.reply).find((q) => q.label === '상위 분야') ?? chips(at.reply).find((q) => q.label === '처음으로');
    if (!up) throw new Error(`no way up from ${keyOf(at.screen)}`);
    at = await open(faq, up.extra);
    if (passed.includes(keyOf(at.screen))) throw new Error(`상위 분야 from ${passed.at(-1)} loops back to ${keyOf(at.screen)}`);
    passed.push(keyOf(at.screen));
    if (passed.length > 6) throw new Error(`no top after ${passed.join(' → ')}`);
  }
  return passed;
}

describe('상위 분야', () => {
  it('climbs from every screen of the bundled FAQ to the top without showing a screen twice', async () => {
    const faq = await bundledFaq();
    const screens = await everyScreen(faq);
    expect(screens.length).toBeGreaterThan(10);
    // the bundled data has levels that hold a single sub-category (카카오헤어샵 › 카카오헤어샵 for 디자이너)
    expect(screens.some(({ screen }) => screen.path.length >= 2)).toBe(true);
    for (const start of screens) {
      const path = await climb(faq, start);
      expect(JSON.parse(path.at(-1)!)).toEqual({ path: [], page: 0 });
      // each 상위 분야 lands on a shorter path: an ancestor, never the same level again
      const up = chips(start.reply).find((q) => q.label === '상위 분야');
      if (up) expect(up.extra.browse.length).toBeLessThan(start.screen.path.length);
    }
  });

  it('walks past one-child levels in a deep tree, and is left off where only the top is above', async () => {
    const entry = (i: number, categories: string[]) => ({ id: `faq-${i}`, categories, question: `질문 ${i}번은 무엇인가요?`, answer: `답변 ${i}` });
    const entries = [
      // 서비스 › 관리 › 설정 › {알림, 보안}: 관리 holds only 설정, which holds two categories of 3 questions
      ...[0, 1, 2].map((i) => entry(i, ['서비스', '관리', '설정', '알림'])),
      ...[3, 4, 5].map((i) => entry(i, ['서비스', '관리', '설정', '보안'])),
      ...[6, 7, 8].map((i) => entry(i, ['서비스', '결제', '환불'])),
      ...[9, 10, 11].map((i) => entry(i, ['서비스', '결제', '카드'])),
      // 외딴 서비스 › 하나뿐 › {가, 나}: the service holds a single category
      ...[12, 13, 14].map((i) => entry(i, ['외딴 서비스', '하나뿐', '가'])),
      ...[15, 16, 17].map((i) => entry(i, ['외딴 서비스', '하나뿐', '나'])),
    ];
    const faq = createFaqStore(FaqFileSchema.parse({ schemaVersion: 1, entries }));

    const settings = await open(faq, { browse: ['서비스', '관리'] });
    expect(settings.screen.path).toEqual(['서비스', '관리', '설정']);
    const up = chips(settings.reply).find((q) => q.label === '상위 분야')!;
    expect(up).toMatchObject({ messageText: '서비스 질문 보기', extra: { browse: ['서비스'] } });
    const alerts = await open(faq, { browse: ['서비스', '관리', '설정', '알림'] });
    expect(chips(alerts.reply).find((q) => q.label === '상위 분야')!.extra.browse).toEqual(['서비스', '관리', '설정']);

    const lone = await open(faq, { browse: ['외딴 서비스'] });
    expect(lone.screen.path).toEqual(['외딴 서비스', '하나뿐']);
    expect(chips(lone.reply).map((q) => q.label)).toEqual(['처음으로']);

    for (const start of await everyScreen(faq)) await climb(faq, start);
  });
});

describe('browsing and the way back to the top', () => {
  it('offers 처음으로 on answers, clarify, browse levels and fallback, and it lists every service', async () => {
    const faq = await bundledFaq();
    const replies = [
      await ask(faq, '월렛을 삭제할 수 있나요?'),
      await ask(faq, '그룹 채팅방 프로필별 대화상대 메뉴가 뭐예요'),
      await ask(faq, '판매점입점', { clientExtra: { browse: ['톡체크아웃 관리자센터', '판매점입점'] } }),
      await ask(faq, '오늘 날씨 어때요?'),
    ];
    expect(replies.map((r) => data(r).outcome)).toEqual(['answer', 'clarify', 'browse', 'fallback']);
    for (const reply of replies) expect(homeChip(reply)).toBeDefined();

    const top = await ask(faq, '처음으로', { clientExtra: { browse: [] } });
    expect(data(top)).toMatchObject({ outcome: 'browse', categories: [] });
    expect(data(top).subcategories).toEqual(faq.topCategories().map((c) => c.name));
    const items = outputs(top)[0]!.carousel.items.flatMap((card: Loose) => card.items) as Loose[];
    expect(items[0]).toEqual({
      title: '챗봇 관리자센터',
      description: '질문 11개',
      action: 'message',
      messageText: '챗봇 관리자센터 질문 보기',
      extra: { browse: ['챗봇 관리자센터'] },
    });
  });

  it('opens the top level when the user types 처음으로 or 카테고리, but not inside a real question', async () => {
    const faq = await bundledFaq();
    for (const typed of ['처음으로', '카테고리', '전체 분야 보기', '메뉴']) {
      expect(data(await ask(faq, typed))).toMatchObject({ outcome: 'browse', categories: [] });
    }
    expect(data(await ask(faq, '처음으로 월렛을 삭제할 수 있나요?')).outcome).toBe('answer');
  });

  it('lists a small service as its questions straight away, walking past a single sub-category', async () => {
    const faq = await bundledFaq();
    const reply = await ask(faq, '카카오헤어샵 질문 보기', { clientExtra: { browse: ['카카오헤어샵'] } });
    expect(data(reply)).toMatchObject({ outcome: 'browse', categories: ['카카오헤어샵', '카카오헤어샵 for 디자이너'] });
    expect(data(reply).faqIds).toEqual(faq.inCategory(['카카오헤어샵']).map((e) => e.id));
    // 상위 분야 would show this same screen again (the service holds only this category): only 처음으로
    expect(chips(reply).map((q) => q.label)).toEqual(['처음으로']);
  });

  it('pages a level with more categories than a carousel holds, listing its own questions after them and leaving none out', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({
      id: `faq-${i}`,
      categories: ['큰 서비스', `분야 ${String(i).padStart(2, '0')}`],
      question: `질문 ${i}번은 무엇인가요?`,
      answer: `답변 ${i}`,
    }));
    // one question is filed directly under the service, beside its 30 categories
    const direct = { id: 'faq-direct', categories: ['큰 서비스'], question: '큰 서비스는 무엇인가요?', answer: '답변' };
    const faq = createFaqStore(FaqFileSchema.parse({ schemaVersion: 1, entries: [...entries, direct] }));
    const seen: string[] = [];
    const questions: string[] = [];
    let page: number | undefined = 0;
    while (page !== undefined) {
      const reply = await ask(faq, '큰 서비스 질문 보기', { clientExtra: { browse: ['큰 서비스'], page } });
      const shown = data(reply).subcategories as string[];
      questions.push(...(data(reply).faqIds as string[]));
      expect(shown.length + (data(reply).faqIds as string[]).length).toBeLessThanOrEqual(BROWSE_PAGE_SIZE);
      seen.push(...shown);
      const more = chips(reply).find((q) => q.label === '더보기');
      if (more) expect(more.messageText).toBe('큰 서비스 질문 더보기');
      page = more?.extra.page;
    }
    expect(seen).toEqual(entries.map((e) => e.categories[1]));
    expect(questions).toEqual(['faq-direct']);
  });

  it('answers an unknown category with the fallback and its chips', async () => {
    const reply = await ask(await bundledFaq(), '없는 분야', { clientExtra: { browse: ['없는 분야'] } });
    expect(data(reply).outcome).toBe('fallback');
    expect(outputs(reply)[0]!.simpleText.text).toContain('그 분야는 찾을 수 없어요');
  });
});
