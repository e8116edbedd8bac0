import type { FaqEntry } from '../../../src/faq/faq-schema';
import type { FaqStore } from '../../../src/faq/faq-store';
import { clipText, contextValue, type ContextValue, type SkillRequest } from '../../../src/kakao';

/**
 * Follow-up context. Every FAQ answer sets the output context `faq_followup` (3 turns) with the entry
 * answered, so that the next typed message ("그럼 취소는요?", "다른 방법은?") is matched with that entry's
 * category path as a prior (`contextCategories`). Kakao only delivers a context to blocks that list it as an
 * input context; README.md ("Conversation flows") says how to set that up.
 */

export const FOLLOW_UP_CONTEXT = 'faq_followup';
/** Turns the context lives: long enough for a short exchange, short enough not to colour a new topic. */
const FOLLOW_UP_LIFESPAN = 3;
const UTTERANCE_MAX = 200;

export interface FollowUp {
  /** The entry answered last, when it is still in the FAQ set. */
  readonly entry?: FaqEntry;
  readonly faqId?: string;
  /** Category path to prefer: the entry's own, else the one stored in the context. */
  readonly categories: readonly string[];
  /** What the user asked when that answer was given. */
  readonly utterance?: string;
}

/** The output context that remembers `entry` (params are strings on the wire). */
export function followUpContext(entry: FaqEntry, asked: string | undefined): ContextValue {
  return contextValue(FOLLOW_UP_CONTEXT, FOLLOW_UP_LIFESPAN, {
    faqId: entry.id,
    categories: JSON.stringify(entry.categories),
    utterance: asked === undefined ? undefined : clipText(asked.trim(), UTTERANCE_MAX).text,
  });
}

/** Reads `faq_followup` from the request's input contexts; undefined when absent, expired or unusable. */
export function readFollowUp(request: SkillRequest, faq: FaqStore): FollowUp | undefined {
  const context = liveFollowUpContext(request);
  if (!context) return undefined;
  const { faqId, categories: stored, utterance } = context.params;
  const entry = faqId === undefined ? undefined : faq.get(faqId);
  const categories = entry?.categories ?? parseCategories(stored);
  if (categories.length === 0) return undefined;
  return { entry, faqId, categories, utterance: utterance?.trim() || undefined };
}

/**
 * What of the follow-up context a typed message's reply can depend on (see {@link readFollowUp}), as a
 * string for `Skill.replyKey`; '' when there is none.
 */
export function followUpKey(request: SkillRequest): string {
  const context = liveFollowUpContext(request);
  if (!context) return '';
  const { faqId, categories, utterance } = context.params;
  return JSON.stringify([faqId ?? null, categories ?? null, utterance ?? null]);
}

/** The request's `faq_followup` context, unless absent or expired. */
function liveFollowUpContext(request: SkillRequest): SkillRequest['contexts'][number] | undefined {
  const context = request.contexts.find((c) => c.name === FOLLOW_UP_CONTEXT);
  return context && context.lifeSpan !== 0 ? context : undefined;
}

function parseCategories(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string' && c.trim() !== '').slice(0, 4) : [];
  } catch {
    // A hand-edited or foreign context: no prior rather than a failed turn.
    return [];
  }
}
