import { z } from 'zod';
import { COPY } from '../src/copy';
import type { SkillRequest } from '../src/kakao';
import { defineSkill, type SkillContext } from '../src/skill';
import { answerReply, browseReply, clarifyReply, fallbackReply, rephraseReply } from './faq-replies';

/**
 * What our own buttons and quick replies put in `extra`; it comes back as `action.clientExtra`.
 * Anything else there (another block's extra) is ignored rather than rejected.
 */
const FaqExtraSchema = z.object({
  faqId: z.string().optional().catch(undefined),
  browse: z.array(z.string()).min(1).max(4).optional().catch(undefined),
  page: z.number().int().min(0).max(1000).optional().catch(undefined),
  rephrase: z.boolean().optional().catch(undefined),
  menu: z.boolean().optional().catch(undefined),
});

const RELATED = 3;
const FALLBACK_CATEGORIES = 9;

/**
 * The FAQ skill: answers the utterance, asks which one was meant, or falls back with help.
 * A button's `clientExtra.faqId` answers that entry directly, without matching again.
 */
export const faqSkill = defineSkill({
  name: 'faq',
  handle(request: SkillRequest, context: SkillContext) {
    const { faq } = context;
    const extra = FaqExtraSchema.parse(request.clientExtra);
    const topCategories = faq.topCategories().map((c) => c.name).slice(0, FALLBACK_CATEGORIES);

    if (extra.faqId !== undefined) {
      const entry = faq.get(extra.faqId);
      if (entry) return answer(context, entry.id, 1);
      context.log.info({ faqId: extra.faqId }, 'clientExtra names an unknown FAQ id; matching the utterance instead');
    }
    if (extra.browse) {
      const entries = faq.inCategory(extra.browse);
      return entries.length > 0 ? browseReply(extra.browse, entries, extra.page) : fallbackReply(topCategories, COPY.browse.unknownCategory);
    }
    if (extra.rephrase) return rephraseReply();
    if (extra.menu) return fallbackReply(topCategories);

    if (request.utterance.trim() === '') return fallbackReply(topCategories, COPY.fallback.emptyUtterance);
    const match = faq.match(request.utterance);
    const [best] = match.hits;
    if (match.outcome === 'answer' && best) return answer(context, best.entry.id, best.confidence);
    if (match.outcome === 'clarify' && match.hits.length > 0) return clarifyReply(match.hits, topCategories);
    return fallbackReply(topCategories);
  },
});

function answer(context: SkillContext, faqId: string, confidence: number) {
  const entry = context.faq.get(faqId)!;
  return answerReply({
    entry,
    confidence,
    related: context.faq.related(faqId, RELATED),
    answerUrl: context.answerUrl(faqId),
  });
}
