import { COPY } from '../../../src/copy';
import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { topCategoryNames } from '../parts/nav';
import type { FaqTap } from '../parts/tap';
import { fallbackReply } from '../replies/fallback';

/**
 * 찾는 질문이 없어요 (`extra.menu`, under a "which one?" carousel): ways on (a person when configured, the
 * services), not the did-not-understand apology. What was asked before comes along for the handoff.
 */
export function offerWaysOn(_request: SkillRequest, context: SkillContext, tap: FaqTap): SkillResponse {
  return fallbackReply({ onClip: context.onClip }, topCategoryNames(context.faq), COPY.clarify.noneOfTheseReply, {
    handoff: context.handoff,
    topic: { lastUtterance: tap.asked },
  });
}
