import { COPY } from '../../../src/copy';
import type { FeedbackRating } from '../../../src/feedback/feedback';
import { clipText, quickReply, type ClipOptions, type QuickReply } from '../../../src/kakao';

/**
 * "도움이 됐어요" / "아쉬워요" under every answer. A tap comes back with `extra: {feedback, faqId}` and is
 * routed to the rating handler (../handlers/rating.ts).
 */

/** Code points of the question and of what was asked that a chip carries (a 지식+ rating logs the question). */
export const FEEDBACK_TEXT_MAX = 200;

/** What an answer puts in its feedback chips' `extra`. */
export interface FeedbackTarget {
  readonly faqId: string;
  /** The question shown, for 지식+ answers (ours are looked up by id). */
  readonly question?: string;
  /** What the user asked, so a handoff after "아쉬워요" can pass it on. */
  readonly asked?: string;
}

export function feedbackQuickReplies(clip: ClipOptions, target: FeedbackTarget): QuickReply[] {
  const extra = (rating: FeedbackRating) => ({
    feedback: rating,
    faqId: target.faqId,
    ...(target.question ? { question: clipText(target.question, FEEDBACK_TEXT_MAX).text } : {}),
    ...(target.asked?.trim() ? { asked: clipText(target.asked.trim(), FEEDBACK_TEXT_MAX).text } : {}),
  });
  return [
    quickReply.message(COPY.feedback.up, COPY.feedback.up, extra('up'), clip),
    quickReply.message(COPY.feedback.down, COPY.feedback.down, extra('down'), clip),
  ];
}
