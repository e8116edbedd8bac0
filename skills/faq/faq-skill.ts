import { z } from 'zod';
import { COPY } from '../../src/copy';
import type { SkillRequest } from '../../src/kakao';
import { understand } from '../../src/faq/understand';
import { defineSkill, type SkillContext } from '../../src/skill';
import { browseReply } from './browse';
import { feedbackReply, ratedAnswer } from './feedback';
import { followUpKey, readFollowUp, type FollowUp } from './followup';
import { asksForPerson, handoffReply } from './handoff';
import { KnowledgeExtraSchema, knowledgeAnswerReply, knowledgeClarifyReply, usableKnowledges } from './knowledge';
import { isHomeUtterance } from './nav';
import { answerReply, clarifyReply, fallbackReply, rephraseReply } from './replies';
import { namesNoTopic, smallTalkOf, smallTalkReply, splitSmallTalk } from './small-talk';

/**
 * What our own buttons and quick replies put in `extra`; it comes back as `action.clientExtra`.
 * Anything else there (another block's extra) is ignored rather than rejected.
 */
const FaqExtraSchema = z.object({
  /** An entry id (1-64 characters, see FAQ_ID_PATTERN) or a 지식+ id; anything longer names nothing. */
  faqId: z.string().max(64).optional().catch(undefined),
  /** A category path to list; `[]` lists the services. */
  browse: z.array(z.string()).max(4).optional().catch(undefined),
  page: z.number().int().min(0).max(1000).optional().catch(undefined),
  rephrase: z.boolean().optional().catch(undefined),
  menu: z.boolean().optional().catch(undefined),
  feedback: z.enum(['up', 'down']).optional().catch(undefined),
  /** The question of a rated 지식+ answer (ours are looked up by `faqId`). */
  question: z.string().max(300).optional().catch(undefined),
  /** What the user asked before tapping, carried for feedback and handoff. */
  asked: z.string().max(300).optional().catch(undefined),
  knowledge: KnowledgeExtraSchema.optional().catch(undefined),
});

const RELATED = 3;
const FOLLOW_UP_RELATED = 4;
const FALLBACK_CATEGORIES = 8;

/**
 * The FAQ skill: answers the utterance, asks which one was meant, or falls back with help; browses
 * categories, records ratings, hands over to a person, and shows 지식+ matches. Taps are routed by
 * `clientExtra` (never by their text), typed messages by the matcher with the follow-up context as a prior.
 */
export const faqSkill = defineSkill({
  name: 'faq',
  /**
   * Typed messages are reused: their reply depends only on the utterance, the follow-up context and the FAQ
   * snapshot (the cache's scope). Taps are not: a rating is recorded, and they need no matching anyway.
   */
  replyKey(request: SkillRequest) {
    if (Object.keys(request.clientExtra).length > 0 || request.matchedKnowledges.length > 0) return undefined;
    return `${request.utterance}\u0000${followUpKey(request)}`;
  },
  async handle(request: SkillRequest, context: SkillContext) {
    const { faq } = context;
    // typed messages (most calls) have no extra: skip parsing it
    const extra: z.output<typeof FaqExtraSchema> = Object.keys(request.clientExtra).length === 0 ? {} : FaqExtraSchema.parse(request.clientExtra);
    const topCategories = faq.topCategories().map((c) => c.name).slice(0, FALLBACK_CATEGORIES);
    const utterance = request.utterance;

    if (extra.feedback) {
      const rated = ratedAnswer(faq, extra);
      if (rated) return feedbackReply(request, context, extra.feedback, rated);
      // a removed entry, or a forged tap: nothing is recorded, and nothing of it is echoed
      context.log.debug({ faqId: extra.faqId }, 'rating names no answer of this FAQ set; not recorded');
      return fallbackReply(topCategories, COPY.feedback.unknownAnswer);
    }
    if (extra.knowledge) return knowledgeAnswerReply(extra.knowledge, extra.asked ?? utterance);
    if (extra.faqId !== undefined) {
      const entry = faq.get(extra.faqId);
      if (entry) return answer(context, entry.id, 1, extra.asked ?? utterance);
      context.log.info({ faqId: extra.faqId }, 'clientExtra names an unknown FAQ id; matching the utterance instead');
    }
    if (extra.browse) {
      return browseReply(faq, extra.browse, extra.page) ?? fallbackReply(topCategories, COPY.browse.unknownCategory);
    }
    if (extra.rephrase) return rephraseReply();
    // 찾는 질문이 없어요 (under a which-one carousel): ways on, not the did-not-understand apology
    if (extra.menu) return fallbackReply(topCategories, COPY.clarify.noneOfTheseReply, { handoff: context.handoff, topic: { lastUtterance: extra.asked } });

    // Kakao matched 지식+ entries itself: show them, do not match again.
    const knowledges = usableKnowledges(request.matchedKnowledges);
    const [onlyKnowledge] = knowledges;
    if (knowledges.length === 1 && onlyKnowledge) return knowledgeAnswerReply(onlyKnowledge, utterance);
    if (knowledges.length > 1) return knowledgeClarifyReply(knowledges);

    if (utterance.trim() === '') return fallbackReply(topCategories, COPY.fallback.emptyUtterance);
    if (isHomeUtterance(utterance)) return browseReply(faq, []) ?? fallbackReply(topCategories);
    // Only a message made of small talk and nothing else is answered before matching.
    const smallTalk = smallTalkOf(utterance);
    if (smallTalk) return smallTalkReply(smallTalk, topCategories);
    const followUp = readFollowUp(request, faq);
    const matchOptions = followUp ? { contextCategories: followUp.categories } : undefined;
    const meaning = { ...context.understanding, signal: context.signal };
    let match = await understand(faq, utterance, { ...matchOptions, ...meaning });
    // matched lexically only for now: a later asker of the same words may get the semantic stage's answer
    if (match.stage === 'lexical-degraded' || match.stage === 'lexical-pending') context.doNotReuse?.();
    // "안녕하세요! 월렛이란 무엇인가요?": when the whole message finds no answer, the question without the greeting may
    // (lexically only when the semantic stage just failed: a second call would fail the same way, on the same deadline)
    const { question, aside } = match.outcome === 'answer' ? { question: '', aside: undefined } : splitSmallTalk(utterance);
    if (question !== '' && question !== utterance.trim()) {
      const retry = match.stage === 'lexical-degraded' ? { ...matchOptions } : { ...matchOptions, ...meaning };
      const again = await understand(faq, question, retry);
      if (again.outcome === 'answer' || (again.outcome === 'clarify' && match.outcome === 'fallback')) match = again;
    }
    const [best] = match.hits;
    if (match.outcome === 'answer' && best) return answer(context, best.entry.id, best.confidence, utterance, followUp);
    if (asksForPerson(utterance)) {
      return handoffReply(context.handoff, {
        lastUtterance: followUp?.utterance ?? utterance,
        faqId: followUp?.faqId,
        categories: followUp?.categories,
      });
    }
    if (match.outcome === 'clarify' && match.hits.length > 0) return clarifyReply(match.hits, topCategories, utterance);
    // a greeting or thanks around words about the conversation ("질문이 하나 있어요"); around a topic the FAQ
    // cannot answer ("…우주선 발사 일정 알려주세요 감사합니다") the honest fallback is the reply
    if (aside && aside !== 'light' && namesNoTopic(question)) return smallTalkReply(aside, topCategories);
    return fallbackReply(topCategories, undefined, {
      related: followUp?.entry ? faq.related(followUp.entry.id, FOLLOW_UP_RELATED) : undefined,
      handoff: context.handoff,
      topic: { lastUtterance: utterance, faqId: followUp?.faqId, categories: followUp?.categories },
    });
  },
});

function answer(context: SkillContext, faqId: string, confidence: number, asked: string, followUp?: FollowUp) {
  const entry = context.faq.get(faqId)!;
  return answerReply({
    entry,
    confidence,
    related: context.faq.related(faqId, RELATED),
    answerUrl: context.answerUrl(faqId),
    asked,
    ...(followUp ? { contextCategories: followUp.categories } : {}),
  });
}
