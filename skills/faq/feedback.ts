import { COPY } from '../../src/copy';
import type { FaqEntry } from '../../src/faq/faq-schema';
import type { FaqStore } from '../../src/faq/faq-store';
import { FeedbackNotStoredError, type FeedbackRating } from '../../src/feedback/feedback';
import { button, quickReply, simpleText, skillResponse, textCard, type QuickReply, type SkillRequest, type SkillResponse } from '../../src/kakao';
import type { SkillContext } from '../../src/skill';
import { handoffButton, handoffData } from './handoff';
import { homeQuickReply } from './nav';

/**
 * "도움이 됐어요" / "아쉬워요" under every answer. A tap comes back with `extra: {feedback, faqId}`; the
 * rating is recorded (FAQ id, FAQ set version, hashed user key, time) and answered with a short thank-you.
 * "아쉬워요" also offers rephrasing, browsing and, when configured, a person.
 */

const ASKED_MAX = 200;
/** How knowledgeId (faq-knowledge.ts) names a 지식+ answer: `kb-` and 12 hex digits. */
const KNOWLEDGE_ID = /^kb-[0-9a-f]{12}$/;

/** What an answer puts in its feedback chips' `extra`. */
export interface FeedbackTarget {
  readonly faqId: string;
  /** The question shown, for 지식+ answers (ours are looked up by id). */
  readonly question?: string;
  /** What the user asked, so a handoff after "아쉬워요" can pass it on. */
  readonly asked?: string;
}

export function feedbackQuickReplies(target: FeedbackTarget): QuickReply[] {
  const extra = (rating: FeedbackRating) => ({
    feedback: rating,
    faqId: target.faqId,
    ...(target.question ? { question: [...target.question].slice(0, ASKED_MAX).join('') } : {}),
    ...(target.asked?.trim() ? { asked: [...target.asked.trim()].slice(0, ASKED_MAX).join('') } : {}),
  });
  return [
    quickReply.message(COPY.feedback.up, COPY.feedback.up, extra('up')),
    quickReply.message(COPY.feedback.down, COPY.feedback.down, extra('down')),
  ];
}

/** A rating tap's target once checked: an entry of the answering set, or a 지식+ answer. */
export interface RatedAnswer extends FeedbackTarget {
  readonly entry?: FaqEntry;
}

/**
 * The answer a rating tap names, or undefined when it names none this FAQ set could have shown. The tap's
 * `extra` is whatever a client sends, so nothing of it reaches the feedback log unchecked: the id must be an
 * entry of `faq` or have the shape of a 지식+ id, and a 지식+ question is cut to what the chip carries.
 * (A 지식+ id cannot be checked further: Kakao matched it, and this server never sees that knowledge base.)
 */
export function ratedAnswer(faq: FaqStore, tap: { faqId?: string; question?: string; asked?: string }): RatedAnswer | undefined {
  const { faqId } = tap;
  if (faqId === undefined) return undefined;
  const entry = faq.get(faqId);
  const asked = tap.asked === undefined ? {} : { asked: tap.asked };
  if (entry) return { faqId, entry, ...asked };
  if (!KNOWLEDGE_ID.test(faqId)) return undefined;
  return { faqId, question: [...(tap.question ?? '')].slice(0, ASKED_MAX).join(''), ...asked };
}

/** Records a rating of `target` (checked by {@link ratedAnswer}) and thanks the user. */
export async function feedbackReply(
  request: SkillRequest,
  context: SkillContext,
  rating: FeedbackRating,
  target: RatedAnswer,
): Promise<SkillResponse> {
  const { faq, log } = context;
  const { entry } = target;
  const recorded = await record();
  const common = { outcome: 'feedback', rating, faqId: target.faqId, recorded };
  if (rating === 'up') {
    return skillResponse({ outputs: [simpleText(COPY.feedback.thanksUp)], quickReplies: [homeQuickReply()], data: common });
  }
  const handoff = handoffData(context.handoff, {
    lastUtterance: target.asked ?? entry?.question ?? target.question,
    faqId: target.faqId,
    categories: entry?.categories,
  });
  const person = handoffButton(context.handoff, handoff);
  return skillResponse({
    outputs: [
      textCard({
        description: COPY.feedback.thanksDown,
        buttons: [
          button.message(COPY.feedback.rephraseButton, COPY.feedback.rephraseButton, { rephrase: true }),
          button.message(COPY.feedback.browseButton, COPY.feedback.browseButton, { browse: [] }),
          ...(person ? [person] : []),
        ],
      }),
    ],
    data: { ...common, handoff },
  });

  async function record(): Promise<boolean> {
    if (!context.feedback) {
      log.warn({ faqId: target.faqId, rating }, 'no feedback store is wired; rating not recorded');
      return false;
    }
    try {
      await context.feedback.record({
        rating,
        source: 'chat',
        faqId: target.faqId,
        // null marks a 지식+ answer, which no FAQ set holds
        faqVersion: entry ? faq.version : null,
        question: entry?.question ?? target.question ?? '',
        userKey: request.userId,
      });
      return true;
    } catch (error) {
      // The user still deserves the thank-you. The store counts a lost rating and logs once per failing spell
      // (a full disk fails every tap); anything else is worth its own line.
      if (!(error instanceof FeedbackNotStoredError)) log.error({ err: error, faqId: target.faqId, rating }, 'could not record feedback');
      return false;
    }
  }
}
