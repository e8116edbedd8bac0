import type { FaqEntry } from '../../../src/faq/faq-schema';
import { KAKAO_LIMITS, listCard, type ClipOptions, type Output } from '../../../src/kakao';

/** Questions as a listCard whose items send the question with `extra: {faqId}` (answered without matching). */
export function questionList(clip: ClipOptions, header: string, entries: readonly FaqEntry[]): Output {
  return listCard(
    {
      header: { title: header },
      items: entries.slice(0, KAKAO_LIMITS.listCard.items).map((e) => ({
        title: e.question,
        description: e.categories[e.categories.length - 1],
        action: 'message' as const,
        messageText: e.question,
        extra: { faqId: e.id },
      })),
    },
    clip,
  );
}
