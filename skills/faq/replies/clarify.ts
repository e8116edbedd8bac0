import { COPY } from '../../../src/copy';
import type { FaqEntry } from '../../../src/faq/faq-schema';
import type { FaqHit } from '../../../src/faq/faq-store';
import {
  button,
  carousel,
  clipText,
  excerpt,
  KAKAO_LIMITS,
  quickReply,
  simpleText,
  skillResponse,
  textCard,
  type ClipOptions,
  type Extra,
  type QuickReply,
  type SkillResponse,
} from '../../../src/kakao';
import { roundConfidence } from '../parts/confidence';
import { knowledgeChoices, type KnowledgeEntry } from '../parts/knowledge';
import { categoryQuickReplies, homeQuickReply } from '../parts/nav';

/**
 * "Which one did you mean?": a card per candidate in a carousel, each picked by its button, for our own
 * entries (the matcher was unsure) and for 지식+ entries (Kakao matched several).
 */

/** Candidates shown; the matcher's and Kakao's lists are cut to the same. */
const CLARIFY_MAX = 5;
/** Code points of the question carried on the cards, for feedback and handoff after the pick. */
const ASKED_MAX = 200;

export function clarifyReply(clip: ClipOptions, hits: readonly FaqHit[], topCategories: readonly string[], asked?: string): SkillResponse {
  const carried = asked?.trim() ? { asked: clipText(asked.trim(), ASKED_MAX).text } : {};
  const shown = hits.slice(0, CLARIFY_MAX);
  const cards = shown.map(({ entry }) =>
    textCard(
      {
        title: entry.question,
        description: cardDescription(entry),
        buttons: [button.message(COPY.clarify.pickButton, entry.question, { faqId: entry.id, ...carried })],
      },
      { ...clip, inCarousel: true },
    ),
  );
  return skillResponse({
    outputs: [simpleText(COPY.clarify.intro, clip), carousel('textCard', cards, undefined, clip)],
    quickReplies: [noneOfTheseChip(clip, carried), homeQuickReply(clip), ...categoryQuickReplies(clip, topCategories, 3)],
    data: {
      outcome: 'clarify',
      candidates: shown.map(({ entry, confidence }) => ({
        faqId: entry.id,
        question: entry.question,
        categories: [...entry.categories],
        confidence: roundConfidence(confidence),
      })),
    },
    onClip: clip.onClip,
  });
}

/** A candidate's path and answer, shortened for its card once per entry (the snapshot keeps the entry). */
function cardDescription(entry: FaqEntry): string {
  let description = CARD_DESCRIPTIONS.get(entry);
  if (description === undefined) {
    description = excerpt(`${entry.categories.join(' › ')}\n${entry.answer}`, KAKAO_LIMITS.textCard.descriptionInCarousel);
    CARD_DESCRIPTIONS.set(entry, description);
  }
  return description;
}

const CARD_DESCRIPTIONS = new WeakMap<FaqEntry, string>();

/** Several knowledge entries: "which one?" with a card per entry, like our own clarify. */
export function knowledgeClarifyReply(clip: ClipOptions, list: readonly KnowledgeEntry[]): SkillResponse {
  // the pick sends, and the reply records, the question as the card carries it: Kakao's can be any length
  const shown = knowledgeChoices(list, CLARIFY_MAX);
  const cards = shown.map(({ entry: k, extra }) => {
    const title = k.question || k.categories[k.categories.length - 1] || COPY.clarify.pickButton;
    const summary = [k.categories.join(' › '), k.answer].filter(Boolean).join('\n');
    return textCard(
      {
        title,
        ...(summary ? { description: excerpt(summary, KAKAO_LIMITS.textCard.descriptionInCarousel) } : {}),
        buttons: [button.message(COPY.clarify.pickButton, extra.question || title, { knowledge: extra })],
      },
      { ...clip, inCarousel: true },
    );
  });
  return skillResponse({
    outputs: [simpleText(COPY.clarify.intro, clip), carousel('textCard', cards, undefined, clip)],
    quickReplies: [noneOfTheseChip(clip, {}), homeQuickReply(clip)],
    data: {
      outcome: 'clarify',
      source: 'knowledge',
      candidates: shown.map(({ candidate }) => candidate),
    },
    onClip: clip.onClip,
  });
}

/** 찾는 질문이 없어요: `extra.menu` routes it to the ways on, with what was asked (`carried`). */
function noneOfTheseChip(clip: ClipOptions, carried: Extra): QuickReply {
  return quickReply.message(COPY.clarify.noneOfThese, COPY.clarify.noneOfThese, { menu: true, ...carried }, clip);
}
