import { createHash } from 'node:crypto';
import { z } from 'zod';
import { COPY } from '../../src/copy';
import {
  button,
  carousel,
  charLength,
  excerpt,
  KAKAO_LIMITS,
  quickReply,
  simpleImage,
  simpleText,
  skillResponse,
  textCard,
  type Knowledge,
  type Output,
  type SkillResponse,
} from '../../src/kakao';
import { safeHttpUrl } from '../../src/kakao/url';
import { feedbackQuickReplies } from './feedback';
import { homeQuickReply } from './nav';

/**
 * 지식+ / 지식베이스 matches. When Kakao has already matched knowledge entries (`matchedKnowledges`), they are
 * shown with the same UX as our own answers, without matching again: one entry is answered, several are
 * offered in a carousel. A carousel card carries its entry in `extra.knowledge`, so the next turn answers it
 * from the payload even though Kakao sends no knowledge then.
 */

const TEXT_MAX = KAKAO_LIMITS.simpleText.text;
const CLARIFY_MAX = 5;

/** The knowledge entry a clarify card carries in `extra` (untrusted when it comes back: parsed, not cast). */
export const KnowledgeExtraSchema = z.object({
  categories: z.array(z.string().max(100)).max(4).default([]),
  question: z.string().max(300).default(''),
  answer: z.string().max(TEXT_MAX).default(''),
  landingUrl: z.string().max(2000).optional(),
  imageUrl: z.string().max(2000).optional(),
});
export type KnowledgeEntry = z.output<typeof KnowledgeExtraSchema>;

/** A stable id for feedback on a 지식+ answer: `kb-` and 12 hex digits of its category path and question. */
export function knowledgeId(k: Pick<Knowledge, 'categories' | 'question'>): string {
  return `kb-${createHash('sha256').update(JSON.stringify([k.categories, k.question])).digest('hex').slice(0, 12)}`;
}

/** Entries with something to show: a question or an answer. */
export function usableKnowledges(list: readonly Knowledge[]): KnowledgeEntry[] {
  return list
    .filter((k) => k.question.trim() !== '' || k.answer.trim() !== '')
    .map((k) => ({
      categories: k.categories.slice(0, 4),
      question: k.question.trim(),
      answer: k.answer.trim(),
      ...(k.landingUrl ? { landingUrl: k.landingUrl } : {}),
      ...(k.imageUrl ? { imageUrl: k.imageUrl } : {}),
    }));
}

/**
 * One knowledge entry as an answer: its image (simpleImage) when it has one, the answer in a textCard when
 * question + answer fit 400 characters, else in a simpleText (up to 1000) with the landing link on a card.
 * Links and images are used only when they are http(s) URLs.
 */
export function knowledgeAnswerReply(k: KnowledgeEntry, asked: string | undefined): SkillResponse {
  const landing = k.landingUrl ? safeHttpUrl(k.landingUrl) : undefined;
  const image = k.imageUrl ? safeHttpUrl(k.imageUrl) : undefined;
  const title = k.question || k.categories[k.categories.length - 1] || undefined;
  const landingButtons = landing ? [button.webLink(COPY.answer.landingButton, landing)] : undefined;
  const outputs: Output[] = [];
  if (image) outputs.push(simpleImage(image, title ?? k.answer));
  const room = KAKAO_LIMITS.textCard.description - Math.min(charLength(title ?? ''), KAKAO_LIMITS.textCard.title);
  const text = excerpt(k.answer || title || '', TEXT_MAX);
  if (charLength(k.answer) <= room) {
    // usableKnowledges guarantees a question or an answer, so the card is never empty
    const card = title === undefined ? { description: k.answer } : { title, ...(k.answer ? { description: k.answer } : {}) };
    outputs.push(textCard({ ...card, buttons: landingButtons }));
  } else {
    outputs.push(simpleText(title ? excerpt(`${title}\n\n${k.answer}`, TEXT_MAX) : text));
    if (landingButtons) outputs.push(textCard({ description: COPY.knowledge.landingOnly, buttons: landingButtons }));
  }
  const id = knowledgeId(k);
  return skillResponse({
    outputs,
    quickReplies: [...feedbackQuickReplies({ faqId: id, question: k.question, asked }), homeQuickReply()],
    data: {
      outcome: 'answer',
      source: 'knowledge',
      knowledgeId: id,
      question: k.question,
      answer: text,
      answerTruncated: text !== k.answer,
      categories: [...k.categories],
      ...(landing ? { landingUrl: landing } : {}),
      ...(image ? { imageUrl: image } : {}),
    },
  });
}

/** Several knowledge entries: "which one?" with a card per entry, like our own clarify. */
export function knowledgeClarifyReply(list: readonly KnowledgeEntry[]): SkillResponse {
  const shown = list.slice(0, CLARIFY_MAX);
  const cards = shown.map((k) => {
    const title = k.question || k.categories[k.categories.length - 1] || COPY.clarify.pickButton;
    const summary = [k.categories.join(' › '), k.answer].filter(Boolean).join('\n');
    return textCard(
      {
        title,
        ...(summary ? { description: excerpt(summary, KAKAO_LIMITS.textCard.descriptionInCarousel) } : {}),
        buttons: [button.message(COPY.clarify.pickButton, title, { knowledge: toExtra(k) })],
      },
      { inCarousel: true },
    );
  });
  return skillResponse({
    outputs: [simpleText(COPY.clarify.intro), carousel('textCard', cards)],
    quickReplies: [quickReply.message(COPY.clarify.noneOfThese, COPY.clarify.noneOfThese, { menu: true }), homeQuickReply()],
    data: {
      outcome: 'clarify',
      source: 'knowledge',
      candidates: shown.map((k) => ({ knowledgeId: knowledgeId(k), question: k.question, categories: [...k.categories] })),
    },
  });
}

/** The entry as a clarify card's `extra`, cut to what {@link KnowledgeExtraSchema} accepts back. */
function toExtra(k: KnowledgeEntry): KnowledgeEntry {
  const urls = { landingUrl: k.landingUrl, imageUrl: k.imageUrl };
  return {
    categories: k.categories.map((c) => [...c].slice(0, 100).join('')),
    question: [...k.question].slice(0, 300).join(''),
    answer: excerpt(k.answer, TEXT_MAX),
    ...Object.fromEntries(Object.entries(urls).filter(([, url]) => url !== undefined && url.length <= 2000)),
  };
}
