import { COPY } from '../../../src/copy';
import type { FaqEntry } from '../../../src/faq/faq-schema';
import { helpCenterSearchUrl } from '../../../src/faq/help-center-search-url';
import {
  button,
  charLength,
  excerpt,
  KAKAO_LIMITS,
  skillResponse,
  textCard,
  type ClipOptions,
  type Output,
  type SkillResponse,
} from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { builtOnce } from '../parts/built-once';
import { roundConfidence } from '../parts/confidence';
import { feedbackQuickReplies } from '../parts/feedback-chips';
import { followUpContext, type FollowUp } from '../parts/followup';
import { homeQuickReply } from '../parts/nav';
import { questionList } from '../parts/question-list';

/** Text placed in `data.answer` is sized for a simpleText bubble in a block template. */
const DATA_ANSWER_MAX = KAKAO_LIMITS.simpleText.text;
/** Neighbours asked for: one more than shown, as the answered entry itself may be among them. */
const RELATED = 3;
const RELATED_MAX = 3;

/**
 * The answer to entry `faqId` of the call's FAQ set (which must hold it), with its related questions and
 * full-answer page; `followUp` when the previous answer steered the match.
 *
 * An answer: the question and answer in a textCard (a clean excerpt when long, with the full-answer page one
 * tap away), related questions in a listCard, feedback chips and "처음으로", and the follow-up context.
 * Its `data` carries what block templates (`{{#webhook.answer}}`) and QA need. The cards depend only on the
 * entry, its snapshot and its page's address, so they are built once per snapshot (../parts/built-once.ts);
 * what was asked, the confidence and the follow-up are the call's own.
 */
export function answerEntry(context: SkillContext, faqId: string, confidence: number, asked: string, followUp?: FollowUp): SkillResponse {
  const clip = { onClip: context.onClip };
  const answerUrl = context.answerUrl(faqId);
  const { entry, outputs, dataAnswer, related } = builtOnce(context.faq, `answer\u0000${faqId}\u0000${answerUrl}`, clip, (options) =>
    answerCards(options, context.faq.get(faqId)!, context.faq.related(faqId, RELATED), answerUrl),
  );
  return skillResponse({
    outputs,
    quickReplies: [...feedbackQuickReplies(clip, { faqId: entry.id, asked }), homeQuickReply(clip)],
    context: [followUpContext(entry, asked)],
    data: {
      outcome: 'answer',
      faqId: entry.id,
      question: entry.question,
      answer: dataAnswer,
      answerTruncated: dataAnswer !== entry.answer,
      categories: [...entry.categories],
      confidence: roundConfidence(confidence),
      answerUrl,
      ...(entry.landingUrl ? { landingUrl: entry.landingUrl } : {}),
      related: related.map((r) => r.id),
      ...(followUp ? { contextCategories: [...followUp.categories] } : {}),
    },
    onClip: clip.onClip,
  });
}

interface AnswerCards {
  entry: FaqEntry;
  outputs: readonly Output[];
  /** The answer as `data.answer` carries it. */
  dataAnswer: string;
  /** The related questions shown. */
  related: readonly FaqEntry[];
}

/** The textCard of the question and answer, and the listCard of the questions related to it. */
function answerCards(clip: ClipOptions, entry: FaqEntry, related: readonly FaqEntry[], answerUrl: string): AnswerCards {
  const title = entry.question;
  // Kakao shows title + description up to 400 characters together.
  const room = KAKAO_LIMITS.textCard.description - Math.min(charLength(title), KAKAO_LIMITS.textCard.title);
  const description = entry.answerComplete === false ? partialDescription(entry.answer, room) : excerpt(entry.answer, room);
  // The page adds something only when the card had to shorten the answer, or cannot show its image.
  const shownWhole = description.startsWith(entry.answer) && !entry.imageUrl;
  const buttons = shownWhole ? [] : [button.webLink(COPY.answer.fullAnswerButton, answerUrl)];
  if (entry.landingUrl) buttons.push(button.webLink(COPY.answer.landingButton, entry.landingUrl));
  if (entry.answerComplete === false) buttons.push(button.webLink(COPY.answer.helpCenterButton, helpCenterSearchUrl(entry.question)));
  const others = related.filter((r) => r.id !== entry.id).slice(0, RELATED_MAX);
  const outputs: Output[] = [textCard({ title, description, buttons, buttonLayout: 'vertical' }, clip)];
  if (others.length > 0) outputs.push(questionList(clip, COPY.answer.relatedHeader, others));
  return { entry, outputs, dataAnswer: excerpt(entry.answer, DATA_ANSWER_MAX), related: others };
}

/** A snippet's excerpt with the notice that it is only part of the help-center text, within `room`. */
function partialDescription(answer: string, room: number): string {
  const notice = COPY.answer.partialNotice;
  return `${excerpt(answer, room - charLength(notice) - 2)}\n\n${notice}`;
}
