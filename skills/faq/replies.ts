import { COPY } from '../../src/copy';
import type { FaqEntry } from '../../src/faq/faq-schema';
import type { FaqHit } from '../../src/faq/faq-store';
import { helpCenterSearchUrl } from '../../src/faq/help-center-search-url';
import type { Handoff } from '../../src/handoff';
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
  type Output,
  type SkillResponse,
} from '../../src/kakao';
import { feedbackQuickReplies } from './feedback';
import { followUpContext } from './followup';
import { handoffButton, handoffData, type HandoffTopic } from './handoff';
import { categoryQuickReplies, homeQuickReply } from './nav';

/**
 * The FAQ skill's replies, one function per outcome. Each returns a complete SkillResponse whose
 * `data` carries what block templates (`{{#webhook.answer}}`) and QA need.
 */

/** Text placed in `data.answer` is sized for a simpleText bubble in a block template. */
const DATA_ANSWER_MAX = KAKAO_LIMITS.simpleText.text;
const RELATED_MAX = 3;
const CLARIFY_MAX = 5;

export interface AnswerInput {
  entry: FaqEntry;
  confidence: number;
  related: readonly FaqEntry[];
  answerUrl: string;
  /** What the user typed or tapped; kept in the follow-up context and the feedback chips. */
  asked?: string;
  /** Category path of the previous answer when it steered the match (follow-up), for QA. */
  contextCategories?: readonly string[];
}

/**
 * An answer: the question and answer in a textCard (a clean excerpt when long, with the full-answer page one
 * tap away), related questions in a listCard, feedback chips and "처음으로", and the follow-up context.
 */
export function answerReply({ entry, confidence, related, answerUrl, asked, contextCategories }: AnswerInput): SkillResponse {
  const title = entry.question;
  // Kakao shows title + description up to 400 characters together.
  const room = KAKAO_LIMITS.textCard.description - Math.min(charLength(title), KAKAO_LIMITS.textCard.title);
  const description = entry.answerComplete === false ? partialDescription(entry.answer, room) : excerpt(entry.answer, room);
  // The page adds something only when the card had to shorten the answer, or cannot show its image.
  const shownWhole = description.startsWith(entry.answer) && !entry.imageUrl;
  const buttons = shownWhole ? [] : [button.webLink(COPY.answer.fullAnswerButton, answerUrl)];
  if (entry.landingUrl) buttons.push(button.webLink(COPY.answer.landingButton, entry.landingUrl));
  if (entry.answerComplete === false) buttons.push(button.webLink(COPY.answer.helpCenterButton, helpCenterSearchUrl(entry.question)));
  const dataAnswer = excerpt(entry.answer, DATA_ANSWER_MAX);
  const others = related.filter((r) => r.id !== entry.id).slice(0, RELATED_MAX);
  const outputs: Output[] = [textCard({ title, description, buttons, buttonLayout: 'vertical' })];
  if (others.length > 0) outputs.push(questionList(COPY.answer.relatedHeader, others));
  return skillResponse({
    outputs,
    quickReplies: [...feedbackQuickReplies({ faqId: entry.id, asked }), homeQuickReply()],
    context: [followUpContext(entry, asked)],
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
      related: others.map((r) => r.id),
      ...(contextCategories ? { contextCategories: [...contextCategories] } : {}),
    },
  });
}

/** A snippet's excerpt with the notice that it is only part of the help-center text, within `room`. */
function partialDescription(answer: string, room: number): string {
  const notice = COPY.answer.partialNotice;
  return `${excerpt(answer, room - charLength(notice) - 2)}\n\n${notice}`;
}

/** Questions as a listCard whose items send the question with `extra: {faqId}` (answered without matching). */
export function questionList(header: string, entries: readonly FaqEntry[]): Output {
  return listCard({
    header: { title: header },
    items: entries.slice(0, KAKAO_LIMITS.listCard.items).map((e) => ({
      title: e.question,
      description: e.categories[e.categories.length - 1],
      action: 'message' as const,
      messageText: e.question,
      extra: { faqId: e.id },
    })),
  });
}

export function clarifyReply(hits: readonly FaqHit[], topCategories: readonly string[], asked?: string): SkillResponse {
  const carried = asked?.trim() ? { asked: [...asked.trim()].slice(0, 200).join('') } : {};
  const shown = hits.slice(0, CLARIFY_MAX);
  const cards = shown.map(({ entry }) =>
    textCard(
      {
        title: entry.question,
        description: excerpt(`${entry.categories.join(' › ')}\n${entry.answer}`, KAKAO_LIMITS.textCard.descriptionInCarousel),
        buttons: [button.message(COPY.clarify.pickButton, entry.question, { faqId: entry.id, ...carried })],
      },
      { inCarousel: true },
    ),
  );
  return skillResponse({
    outputs: [simpleText(COPY.clarify.intro), carousel('textCard', cards)],
    quickReplies: [
      quickReply.message(COPY.clarify.noneOfThese, COPY.clarify.noneOfThese, { menu: true, ...carried }),
      homeQuickReply(),
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

export interface FallbackOptions {
  /** Questions to offer instead (after a follow-up that matched nothing: the previous answer's neighbours). */
  related?: readonly FaqEntry[];
  /** When set (and not `none`), a card with the button that reaches a person. */
  handoff?: Handoff;
  /** What was asked, passed on with the handoff. */
  topic?: HandoffTopic;
}

/**
 * Nothing fits: an apology, the same-topic questions after a follow-up, a way to a person when configured, and
 * chips to rephrase, see every service, or open one of the largest.
 */
export function fallbackReply(
  topCategories: readonly string[],
  text: string = COPY.fallback.text,
  options: FallbackOptions = {},
): SkillResponse {
  const outputs: Output[] = [simpleText(text)];
  if (options.related && options.related.length > 0) outputs.push(questionList(COPY.followUp.relatedHeader, options.related));
  const data: Record<string, unknown> = { outcome: 'fallback' };
  if (options.handoff && options.handoff.mode !== 'none') {
    const handoff = handoffData(options.handoff, options.topic ?? {});
    const person = handoffButton(options.handoff, handoff);
    if (person) outputs.push(textCard({ description: COPY.handoff.offer, buttons: [person] }));
    data.handoff = handoff;
  }
  return skillResponse({
    outputs,
    quickReplies: [
      quickReply.message(COPY.fallback.rephraseReply, COPY.fallback.rephraseReply, { rephrase: true }),
      homeQuickReply(COPY.nav.allCategories),
      ...categoryQuickReplies(topCategories, KAKAO_LIMITS.template.quickReplies - 2),
    ],
    data,
  });
}

export function rephraseReply(): SkillResponse {
  return skillResponse({ outputs: [simpleText(COPY.fallback.rephrasePrompt)], data: { outcome: 'fallback' } });
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
