import { COPY } from '../../../src/copy';
import type { FaqEntry } from '../../../src/faq/faq-schema';
import type { FaqStore } from '../../../src/faq/faq-store';
import { FeedbackNotStoredError, type FeedbackRating } from '../../../src/feedback/feedback';
import { button, clipText, simpleText, skillResponse, textCard, type SkillRequest, type SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { FEEDBACK_TEXT_MAX, type FeedbackTarget } from '../parts/feedback-chips';
import { handoffButton, handoffData } from '../parts/handoff';
import { isKnowledgeId } from '../parts/knowledge';
import { homeQuickReply, topCategoryNames } from '../parts/nav';
import type { FaqTap, TapWith } from '../parts/tap';
import { fallbackReply } from '../replies/fallback';

/**
 * A tap on "도움이 됐어요" / "아쉬워요" (`extra: {feedback, faqId}`): the rating is recorded (FAQ id, FAQ set
 * version, hashed user key, time) and answered with a short thank-you. "아쉬워요" also offers rephrasing,
 * browsing and, when configured, a person. A rating that names no answer is recorded nowhere.
 */
export async function rateAnswer(request: SkillRequest, context: SkillContext, tap: TapWith<'feedback'>): Promise<SkillResponse> {
  const rated = ratedAnswer(context.faq, tap);
  if (rated) return recordAndThank(request, context, tap.feedback, rated);
  // a removed entry, or a forged tap: nothing is recorded, and nothing of it is echoed
  context.log.debug({ faqId: tap.faqId }, 'rating names no answer of this FAQ set; not recorded');
  return fallbackReply({ onClip: context.onClip }, topCategoryNames(context.faq), COPY.feedback.unknownAnswer);
}

/** A rating tap's target once checked: an entry of the answering set, or a 지식+ answer. */
interface RatedAnswer extends FeedbackTarget {
  readonly entry?: FaqEntry;
}

/**
 * The answer a rating tap names, or undefined when it names none this FAQ set could have shown. The tap's
 * `extra` is whatever a client sends, so nothing of it reaches the feedback log unchecked: the id must be an
 * entry of `faq` or have the shape of a 지식+ id, and a 지식+ question is cut to what the chip carries.
 * (A 지식+ id cannot be checked further: Kakao matched it, and this server never sees that knowledge base.)
 */
function ratedAnswer(faq: FaqStore, tap: FaqTap): RatedAnswer | undefined {
  const { faqId } = tap;
  if (faqId === undefined) return undefined;
  const entry = faq.get(faqId);
  const asked = tap.asked === undefined ? {} : { asked: tap.asked };
  if (entry) return { faqId, entry, ...asked };
  if (!isKnowledgeId(faqId)) return undefined;
  return { faqId, question: clipText(tap.question ?? '', FEEDBACK_TEXT_MAX).text, ...asked };
}

/** Records a rating of `target` (checked by {@link ratedAnswer}) and thanks the user. */
async function recordAndThank(request: SkillRequest, context: SkillContext, rating: FeedbackRating, target: RatedAnswer): Promise<SkillResponse> {
  const clip = { onClip: context.onClip };
  const { entry } = target;
  const recorded = await record(request, context, rating, target);
  const common = { outcome: 'feedback', rating, faqId: target.faqId, recorded };
  if (rating === 'up') {
    const outputs = [simpleText(COPY.feedback.thanksUp, clip)];
    return skillResponse({ outputs, quickReplies: [homeQuickReply(clip)], data: common, onClip: clip.onClip });
  }
  const handoff = handoffData(context.handoff, {
    lastUtterance: target.asked ?? entry?.question ?? target.question,
    faqId: target.faqId,
    categories: entry?.categories,
  });
  const person = handoffButton(context.handoff, handoff);
  return skillResponse({
    outputs: [
      textCard(
        {
          description: COPY.feedback.thanksDown,
          buttons: [
            button.message(COPY.feedback.rephraseButton, COPY.feedback.rephraseButton, { rephrase: true }),
            button.message(COPY.feedback.browseButton, COPY.feedback.browseButton, { browse: [] }),
            ...(person ? [person] : []),
          ],
        },
        clip,
      ),
    ],
    data: { ...common, handoff },
    onClip: clip.onClip,
  });
}

/** True when the rating was stored; a missing or failing store is logged, and the user is thanked anyway. */
async function record(request: SkillRequest, context: SkillContext, rating: FeedbackRating, target: RatedAnswer): Promise<boolean> {
  const { faq, log } = context;
  const { entry } = target;
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
