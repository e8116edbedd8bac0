import { COPY } from '../src/copy';
import type { FaqEntry } from '../src/faq/faq-schema';
import type { FaqHit } from '../src/faq/faq-store';
import {
  button,
  carousel,
  charLength,
  excerpt,
  KAKAO_LIMITS,
  listCard,
  quickReply,
  simpleText,
  skillResponse,
  textCard,
  type QuickReply,
  type SkillResponse,
} from '../src/kakao';

/**
 * The FAQ skill's replies, one function per outcome. Each returns a complete SkillResponse whose
 * `data` carries what block templates (`{{#webhook.answer}}`) and QA need.
 */

/** Text placed in `data.answer` is sized for a simpleText bubble in a block template. */
const DATA_ANSWER_MAX = KAKAO_LIMITS.simpleText.text;
const RELATED_QUICK_REPLIES = 3;
const CLARIFY_MAX = 5;
const BROWSE_QUESTIONS_PER_CARD = KAKAO_LIMITS.listCard.itemsInCarousel;
const BROWSE_CARDS = KAKAO_LIMITS.carousel.listCardItems;

export interface AnswerInput {
  entry: FaqEntry;
  confidence: number;
  related: readonly FaqEntry[];
  answerUrl: string;
}

export function answerReply({ entry, confidence, related, answerUrl }: AnswerInput): SkillResponse {
  const title = entry.question;
  // Kakao shows title + description up to 400 characters together.
  const room = KAKAO_LIMITS.textCard.description - Math.min(charLength(title), KAKAO_LIMITS.textCard.title);
  const description = excerpt(entry.answer, room);
  const buttons = [button.webLink(COPY.answer.fullAnswerButton, answerUrl)];
  if (entry.landingUrl) buttons.push(button.webLink(COPY.answer.landingButton, entry.landingUrl));
  const dataAnswer = excerpt(entry.answer, DATA_ANSWER_MAX);
  return skillResponse({
    outputs: [textCard({ title, description, buttons, buttonLayout: 'vertical' })],
    quickReplies: related.slice(0, RELATED_QUICK_REPLIES).map(questionQuickReply),
    data: {
      outcome: 'answer',
      faqId: entry.id,
      question: entry.question,
      answer: dataAnswer,
      answerTruncated: dataAnswer !== entry.answer,
      categories: [...entry.categories],
      confidence: round(confidence),
      answerUrl,
      ...(entry.landingUrl ? { landingUrl: entry.landingUrl } : {}),
    },
  });
}

export function clarifyReply(hits: readonly FaqHit[], topCategories: readonly string[]): SkillResponse {
  const shown = hits.slice(0, CLARIFY_MAX);
  const cards = shown.map(({ entry }) =>
    textCard(
      {
        title: entry.question,
        description: excerpt(`${entry.categories.join(' › ')}\n${entry.answer}`, KAKAO_LIMITS.textCard.descriptionInCarousel),
        buttons: [button.message(COPY.clarify.pickButton, entry.question, { faqId: entry.id })],
      },
      { inCarousel: true },
    ),
  );
  return skillResponse({
    outputs: [simpleText(COPY.clarify.intro), carousel('textCard', cards)],
    quickReplies: [
      quickReply.message(COPY.clarify.noneOfThese, COPY.clarify.noneOfThese, { menu: true }),
      ...categoryQuickReplies(topCategories, 3),
    ],
    data: {
      outcome: 'clarify',
      candidates: shown.map(({ entry, confidence }) => ({
        faqId: entry.id,
        question: entry.question,
        categories: [...entry.categories],
        confidence: round(confidence),
      })),
    },
  });
}

export function fallbackReply(topCategories: readonly string[], text: string = COPY.fallback.text): SkillResponse {
  return skillResponse({
    outputs: [simpleText(text)],
    quickReplies: [
      quickReply.message(COPY.fallback.rephraseReply, COPY.fallback.rephraseReply, { rephrase: true }),
      ...categoryQuickReplies(topCategories, KAKAO_LIMITS.template.quickReplies - 1),
    ],
    data: { outcome: 'fallback' },
  });
}

export function rephraseReply(): SkillResponse {
  return skillResponse({ outputs: [simpleText(COPY.fallback.rephrasePrompt)], data: { outcome: 'fallback' } });
}

/**
 * Browsing a category: sub-categories as quick replies when the level branches, otherwise the
 * questions as list cards (a carousel of them when one card is not enough).
 */
export function browseReply(path: readonly string[], entries: readonly FaqEntry[], page = 0): SkillResponse {
  const children = [...new Set(entries.map((e) => e.categories[path.length]).filter((c) => c !== undefined))];
  const leaves = entries.filter((e) => e.categories.length === path.length);
  if (children.length > 1 && leaves.length === 0) {
    return skillResponse({
      outputs: [simpleText(COPY.browse.header(path.join(' › ')))],
      quickReplies: children
        .slice(0, KAKAO_LIMITS.template.quickReplies)
        .map((child) => quickReply.message(child, child, { browse: [...path, child] })),
      data: { outcome: 'browse', categories: [...path] },
    });
  }
  const header = COPY.browse.header(path[path.length - 1] ?? '');
  // One page is as many questions as a carousel of list cards holds; "더보기" asks for the next.
  const pageSize = BROWSE_QUESTIONS_PER_CARD * BROWSE_CARDS;
  const pages = Math.max(1, Math.ceil(entries.length / pageSize));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = entries.slice(current * pageSize, (current + 1) * pageSize);
  const items = shown.map((entry) => ({
    title: entry.question,
    description: entry.categories.slice(path.length).join(' › ') || undefined,
    action: 'message' as const,
    messageText: entry.question,
    extra: { faqId: entry.id },
  }));
  const output =
    items.length <= KAKAO_LIMITS.listCard.items
      ? listCard({ header: { title: header }, items })
      : carousel(
          'listCard',
          chunk(items, BROWSE_QUESTIONS_PER_CARD).map((part) => listCard({ header: { title: header }, items: part }, { inCarousel: true })),
        );
  const more = current + 1 < pages;
  return skillResponse({
    outputs: [output],
    quickReplies: more
      ? [quickReply.message(COPY.browse.moreButton, `${path[path.length - 1] ?? ''} ${COPY.browse.moreButton}`, { browse: [...path], page: current + 1 })]
      : [],
    data: { outcome: 'browse', categories: [...path], page: current, pages, faqIds: shown.map((e) => e.id) },
  });
}

function questionQuickReply(entry: FaqEntry): QuickReply {
  return quickReply.message(entry.question, entry.question, { faqId: entry.id });
}

function categoryQuickReplies(categories: readonly string[], max: number): QuickReply[] {
  return categories.slice(0, max).map((name) => quickReply.message(name, name, { browse: [name] }));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
