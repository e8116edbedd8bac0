import { z } from 'zod';
import { COPY } from '../src/copy';
import type { SkillRequest } from '../src/kakao';
import { defineSkill, type SkillContext } from '../src/skill';
import { browseReply } from './faq-browse';
import { feedbackReply } from './faq-feedback';
import { followUpKey, readFollowUp, type FollowUp } from './faq-followup';
import { asksForPerson, handoffReply } from './faq-handoff';
import { KnowledgeExtraSchema, knowledgeAnswerReply, knowledgeClarifyReply, usableKnowledges } from './faq-knowledge';
import { isHomeUtterance } from './faq-nav';
import { answerReply, clarifyReply, fallbackReply, rephraseReply } from './faq-replies';

/**
 * What our own buttons and quick replies put in `extra`; it comes back as `action.clientExtra`.
 * Anything else there (another block's extra) is ignored rather than rejected.
 */
const FaqExtraSchema = z.object({
  faqId: z.string().optional().catch(undefined),
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
  handle(request: SkillRequest, context: SkillContext) {
    const { faq } = context;
    // typed messages (most calls) have no extra: skip parsing it
    const extra: z.output<typeof FaqExtraSchema> = Object.keys(request.clientExtra).length === 0 ? {} : FaqExtraSchema.parse(request.clientExtra);
    const topCategories = faq.topCategories().map((c) => c.name).slice(0, FALLBACK_CATEGORIES);
    const utterance = request.utterance;

    if (extra.feedback && extra.faqId) {
      return feedbackReply(request, context, extra.feedback, { faqId: extra.faqId, question: extra.question, asked: extra.asked });
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
    if (extra.menu) return fallbackReply(topCategories, undefined, { handoff: context.handoff, topic: { lastUtterance: extra.asked } });

    // Kakao matched 지식+ entries itself: show them, do not match again.
    const knowledges = usableKnowledges(request.matchedKnowledges);
    const [onlyKnowledge] = knowledges;
    if (knowledges.length === 1 && onlyKnowledge) return knowledgeAnswerReply(onlyKnowledge, utterance);
    if (knowledges.length > 1) return knowledgeClarifyReply(knowledges);

    if (utterance.trim() === '') return fallbackReply(topCategories, COPY.fallback.emptyUtterance);
    if (isHomeUtterance(utterance)) return browseReply(faq, []) ?? fallbackReply(topCategories);
    const followUp = readFollowUp(request, faq);
    const match = faq.match(utterance, followUp ? { contextCategories: followUp.categories } : undefined);
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
