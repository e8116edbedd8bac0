import { createHash } from 'node:crypto';
import { z } from 'zod';
import { clipText, excerpt, jsonByteLength, KAKAO_LIMITS, type Knowledge } from '../../../src/kakao';

/**
 * 지식+ / 지식베이스 entries. When Kakao has already matched knowledge entries (`matchedKnowledges`), they are
 * shown with the same UX as our own answers, without matching again: one entry is answered, several are
 * offered in a carousel. A carousel card carries its entry in `extra.knowledge`, so the next turn answers it
 * from the payload even though Kakao sends no knowledge then.
 */

/** A 지식+ answer is shown in at most one simpleText. */
export const KNOWLEDGE_TEXT_MAX = KAKAO_LIMITS.simpleText.text;
const CATEGORY_MAX = 100;
const QUESTION_MAX = 300;
const URL_MAX = 2000;

/** The knowledge entry a clarify card carries in `extra` (untrusted when it comes back: parsed, not cast). */
export const KnowledgeExtraSchema = z.object({
  categories: z.array(z.string().max(CATEGORY_MAX)).max(4).default([]),
  question: z.string().max(QUESTION_MAX).default(''),
  answer: z.string().max(KNOWLEDGE_TEXT_MAX).default(''),
  landingUrl: z.string().max(URL_MAX).optional(),
  imageUrl: z.string().max(URL_MAX).optional(),
});
export type KnowledgeEntry = z.output<typeof KnowledgeExtraSchema>;

/** A stable id for feedback on a 지식+ answer: `kb-` and 12 hex digits of its category path and question. */
export function knowledgeId(k: Pick<Knowledge, 'categories' | 'question'>): string {
  return `kb-${createHash('sha256').update(JSON.stringify([k.categories, k.question])).digest('hex').slice(0, 12)}`;
}

const KNOWLEDGE_ID = /^kb-[0-9a-f]{12}$/;

/** True when `id` has the shape {@link knowledgeId} gives (it cannot tell whether Kakao ever matched it). */
export function isKnowledgeId(id: string): boolean {
  return KNOWLEDGE_ID.test(id);
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

/** The entry as a clarify card's `extra`, cut to what {@link KnowledgeExtraSchema} accepts back. */
function toKnowledgeExtra(k: KnowledgeEntry): KnowledgeEntry {
  const urls = { landingUrl: k.landingUrl, imageUrl: k.imageUrl };
  return {
    categories: k.categories.map((c) => clipText(c, CATEGORY_MAX).text),
    question: clipText(k.question, QUESTION_MAX).text,
    answer: excerpt(k.answer, KNOWLEDGE_TEXT_MAX),
    ...Object.fromEntries(Object.entries(urls).filter(([, url]) => url !== undefined && url.length <= URL_MAX)),
  };
}

/** An entry offered on a "which one?" card: what the card carries back (`extra`) and what the reply records. */
export interface KnowledgeChoice {
  readonly entry: KnowledgeEntry;
  readonly extra: KnowledgeEntry;
  readonly candidate: { knowledgeId: string; question: string; categories: string[] };
}

/**
 * Bytes the offered entries may carry (`extra` and the recorded candidates): half the 30 KB, because the rest
 * of each card (a title of at most 50 and a description of at most 128 code points) and of the reply stays far
 * below the other half.
 */
const CHOICES_BYTES = KAKAO_LIMITS.response.bytes / 2;

/**
 * The first `max` entries to offer, cut to what {@link KnowledgeExtraSchema} accepts back, or fewer when their
 * texts are so long that more would not fit in a reply (the first is always offered).
 */
export function knowledgeChoices(list: readonly KnowledgeEntry[], max: number): KnowledgeChoice[] {
  const choices: KnowledgeChoice[] = [];
  let bytes = 0;
  for (const entry of list.slice(0, max)) {
    const extra = toKnowledgeExtra(entry);
    const candidate = { knowledgeId: knowledgeId(entry), question: extra.question, categories: extra.categories };
    bytes += jsonByteLength([extra, candidate]);
    if (choices.length > 0 && bytes > CHOICES_BYTES) break;
    choices.push({ entry, extra, candidate });
  }
  return choices;
}
